"""Fixtures for widget tests: a relay with a "test" site, Chromium, a watched page."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page

from tests.helpers.browser import DESKTOP, PageWatch, launch_browser
from tests.helpers.relay_fixtures import RunningRelay, relay_fixture


@pytest.fixture
async def relay(tmp_path: Path) -> AsyncIterator[RunningRelay]:
    async for running in relay_fixture(tmp_path / "data"):
        await running.relay.store.add_site("test", "Test site", [running.http], time.time())
        yield running


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async for launched in launch_browser():
        yield launched


@pytest.fixture
def watch() -> PageWatch:
    return PageWatch()


@pytest.fixture
async def page(browser: Browser, watch: PageWatch, relay: RunningRelay) -> AsyncIterator[Page]:
    # Depending on `relay` makes the page close before the relay stops: otherwise the
    # widget's reconnect attempts during teardown would show up as console errors.
    context = await browser.new_context(viewport=DESKTOP, locale="en-GB")
    opened = await context.new_page()
    watch.attach(opened)
    yield opened
    await context.close()
    # Whatever the test did, the page must not have seen an error or a dialog.
    assert watch.errors == [], watch.errors
    assert watch.dialogs == [], watch.dialogs
