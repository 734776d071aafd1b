"""End to end: a visitor in Chromium comes from Baidu with a Chinese keyword and walks
through three pages of the demo site; the agent app pops up the arrival with the decoded
keyword and the place, and shows the path with the time spent on each page."""

from __future__ import annotations

import asyncio
import re
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from pytestqt.qtbot import QtBot

from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS
from tests.helpers.desk import online_desk, stop_desk, until
from tests.helpers.fake_clock import jumping
from tests.helpers.geo import GEO_DIR, needs_geo_data
from tests.helpers.relay_fixtures import RunningRelay

pytestmark = [
    needs_geo_data,
    pytest.mark.relay_settings(trusted_proxies=["127.0.0.1"], geo_dir=str(GEO_DIR)),
]

BAIDU = "https://www.baidu.com/s?ie=utf-8&wd=%E9%9B%85%E6%80%9D%E5%91%A8%E6%9C%AB%E7%8F%AD"
READ_COURSES, READ_PRICES = 20, 40  # seconds the relay's clock skips on those pages


def walk_the_demo_site(
    base: str, onwards: list[threading.Event], done: threading.Event, errors: list[str]
) -> None:
    """In a thread of its own (Playwright's sync API), while Qt runs the agent app: each
    link is followed once the test has seen the page and said so in `onwards`."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(extra_http_headers={"X-Forwarded-For": "218.108.0.1"})
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{base}/demo/courses.html", referer=BAIDU)
        page.locator(".launcher").wait_for()
        for link, go_on in zip(("Prices", "Contact"), onwards, strict=True):
            if not go_on.wait(30):
                break
            page.click(f"text={link}")
            page.locator(".launcher").wait_for()
        done.wait(30)  # stay on the last page until the test has looked
        browser.close()


def seconds_read(line: str) -> int:
    """The time a path line says the page was read: `(25 s)` or `(1 min 05 s)`."""
    found = re.search(r"\((?:(\d+) min )?(\d+) s\)$", line)
    assert found is not None, line
    return int(found[1] or 0) * 60 + int(found[2])


async def test_a_visitor_from_baidu_pops_up_with_keyword_and_place_and_a_path(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    clock = jumping(relay.relay)
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    onwards = [threading.Event(), threading.Event()]
    done, errors = threading.Event(), list[str]()
    walker = asyncio.get_running_loop().run_in_executor(
        None, walk_the_demo_site, relay.http, onwards, done, errors
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

        def walked(pages: int, last: str) -> bool:
            lines = path.text().splitlines()
            return len(lines) == pages and last in lines[-1]

        await until(lambda: walked(1, "Courses"), within=30)
        for pages, (read, go_on, next_page) in enumerate(
            [(READ_COURSES, onwards[0], "Prices"), (READ_PRICES, onwards[1], "Contact")], 2
        ):
            clock.advance(read)  # the visitor reads the page for a while
            go_on.set()
            await until(lambda: walked(pages, next_page), within=30)  # noqa: B023
        courses, prices, contact = path.text().splitlines()
        assert "Courses" in courses and "Prices" in prices and "Contact" in contact
        # Read for as long as the relay's clock says (and the moments the test took).
        assert seconds_read(courses) >= READ_COURSES
        assert seconds_read(prices) >= READ_PRICES
        assert contact.endswith(", here now)")
        assert desk.window.detail_labels["Source"].text() == "\u2068Baidu “雅思周末班”\u2069"
        assert errors == []
    finally:
        for go_on in onwards:
            go_on.set()
        done.set()
        await walker
        await stop_desk(running)
