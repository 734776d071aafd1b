"""Fixtures for widget tests: Chromium and a watched page; the relay (tests/conftest.py)
of every test here has a site "test" on its own origin, where the tests serve their pages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page

from tests.helpers.browser import DESKTOP, PageWatch, launch_browser
from tests.helpers.relay_fixtures import RunningRelay

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Hooks of a conftest see every collected test: only those of this folder are marked.
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.relay_site("test"))


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
