"""End to end: a visitor in Chromium comes from Baidu with a Chinese keyword and walks
through three pages of the demo site; the agent app pops up the arrival with the decoded
keyword and the place, and shows the path with the time spent on each page."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from pytestqt.qtbot import QtBot

from tests.desktop.test_desk import online_desk, stop_desk, until
from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS
from tests.helpers.relay_fixtures import (
    RunningRelay,
    relay_fixture,
)

GEO_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"
BAIDU = "https://www.baidu.com/s?ie=utf-8&wd=%E9%9B%85%E6%80%9D%E5%91%A8%E6%9C%AB%E7%8F%AD"


def walk_the_demo_site(base: str, done: threading.Event, errors: list[str]) -> None:
    """In a thread of its own (Playwright's sync API), while Qt runs the agent app."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(extra_http_headers={"X-Forwarded-For": "218.108.0.1"})
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{base}/demo/courses.html", referer=BAIDU)
        page.locator(".launcher").wait_for()
        page.wait_for_timeout(1200)
        page.click("text=Prices")
        page.locator(".launcher").wait_for()
        page.wait_for_timeout(1200)
        page.click("text=Contact")
        page.locator(".launcher").wait_for()
        done.wait(30)  # stay on the last page until the test has looked
        browser.close()


@pytest.fixture
async def relay(tmp_path: Path) -> AsyncIterator[RunningRelay]:
    async for running in relay_fixture(
        tmp_path / "data", trusted_proxies=["127.0.0.1"], geo_dir=str(GEO_DIR)
    ):
        yield running


async def test_a_visitor_from_baidu_pops_up_with_keyword_and_place_and_a_path(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    done, errors = threading.Event(), list[str]()
    walker = asyncio.get_running_loop().run_in_executor(
        None, walk_the_demo_site, relay.http, done, errors
    )
    try:
        await until(lambda: bool(running.notifier.shown), within=30)
        title, body = running.notifier.shown[0]
        assert title == "⁨Visitor #1⁩"
        assert body.startswith(
            "⁨杭州市, 浙江省⁩ · ⁨Baidu “雅思周末班”⁩ · landed on ⁨Courses · Northwind"
        )
        assert body.endswith("· first visit")

        desk.window.visitor_selected.emit(1)  # as a click on the visitor list does
        path = desk.window.detail_labels["Path"]

        def walked() -> bool:
            lines = path.text().splitlines()
            return len(lines) == 3 and "Contact" in lines[-1]

        await until(walked, within=30)
        courses, prices, contact = path.text().splitlines()
        assert "Courses" in courses and "Prices" in prices and "Contact" in contact
        for line in (courses, prices):
            seconds = int(line.rsplit("(", 1)[1].split(" s")[0])
            assert seconds >= 1, line  # each page was read for over a second
        assert contact.endswith(", here now)")
        assert desk.window.detail_labels["Source"].text() == "\u2068Baidu “雅思周末班”\u2069"
        assert errors == []
    finally:
        done.set()
        await walker
        await stop_desk(running)
