"""Debian's Chromium driven by Playwright, and test pages served on the relay's own origin.

Never `playwright install`: this machine cannot download browsers. The tests use
/usr/bin/chromium, which `./dev test` installs from Debian when it is missing.
"""

from __future__ import annotations

import html
import itertools
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import (
    Browser,
    ConsoleMessage,
    Locator,
    Page,
    Route,
    ViewportSize,
    async_playwright,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Pages served through page.route() count as public: Chromium would then block their
    # WebSocket to the relay on 127.0.0.1 as a public-to-local request.
    "--disable-features=LocalNetworkAccessChecks",
]
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}


async def launch_browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            await browser.close()


def site_page(
    title: str, body: str = "", *, site: str = "test", head: str = "", widget: str = "/widget.js"
) -> str:
    """A plain page of a site that embeds the widget with the one-line snippet."""
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title>{head}</head><body>{body}"
        f'<script async src="{widget}" data-site="{site}"></script></body></html>'
    )


@dataclass
class PageWatch:
    """Everything a page reports that a visitor would never want: errors and dialogs."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outage: bool = False  # the test stops the relay: failed reconnects are expected
    allowed: list[str] = field(default_factory=list)  # errors the test provokes on purpose

    def expect_outage(self) -> None:
        self.outage = True

    def allow(self, error_part: str) -> None:
        """Console errors containing `error_part` are expected (the browser's, not ours)."""
        self.allowed.append(error_part)

    def attach(self, page: Page) -> None:
        def on_console(message: ConsoleMessage) -> None:
            # The browser itself logs every refused WebSocket connection as an error.
            refused = message.text.startswith("WebSocket connection to")
            expected = any(part in message.text for part in self.allowed)
            if message.type == "error" and not (self.outage and refused) and not expected:
                self.errors.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

        async def on_dialog(dialog: object) -> None:
            self.dialogs.append(getattr(dialog, "message", "dialog"))
            await dialog.dismiss()  # type: ignore[attr-defined]

        page.on("dialog", on_dialog)


async def serve_pages(page: Page, base: str, pages: dict[str, str]) -> None:
    """Answer `base/site/NAME` with pages[NAME], so test pages share the relay's origin."""

    async def fulfil(route: Route) -> None:
        name = route.request.url.removeprefix(f"{base}/site/").split("?", 1)[0]
        if name in pages:
            kind = "image/svg+xml" if name.endswith(".svg") else "text/html"
            await route.fulfill(status=200, content_type=kind, body=pages[name])
        else:
            await route.fulfill(status=404, body="not found")

    await page.route(f"{base}/site/**", fulfil)


async def keep_screenshot(page: Page, name: str) -> None:
    """With PARLEY_TEST_SCREENSHOTS=DIR, save what the test's page shows now as DIR/name.png,
    so a person can look at what a test asserts with numbers."""
    folder = os.environ.get("PARLEY_TEST_SCREENSHOTS")
    if folder:
        await page.screenshot(path=Path(folder) / f"{name}.png")


# The left edge on screen of every non-space character of an element's text after `skip`
# characters, in reading (logical) order, and the right edge of the first `skip` ones.
_VISUAL_X = """(element, skip) => {
  const chars = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) chars.push([node, i]);
  }
  const box = ([node, i]) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getBoundingClientRect();
  };
  const head = chars.slice(0, skip).map(box).filter(r => r.width > 0);
  const rest = chars.slice(skip).filter(([node, i]) => node.data[i].trim()).map(box);
  return {head_right: Math.max(0, ...head.map(r => r.right)), rest_x: rest.map(r => r.x)};
}"""


async def reads_left_to_right_after(element: Locator, prefix: str) -> bool:
    """Whether the element's text after `prefix` (an untrusted name) is shown left to right
    and to the right of the prefix: that is, not reordered by bidi controls in the prefix."""
    text = await element.text_content()
    assert text is not None and text.startswith(prefix), (text, prefix)
    layout = await element.evaluate(_VISUAL_X, len(prefix))
    xs: list[float] = layout["rest_x"]
    assert xs, f"nothing after {prefix!r} in {text!r}"
    in_order = all(a < b for a, b in itertools.pairwise(xs))
    return in_order and xs[0] >= layout["head_right"] - 0.5


async def serve_site(
    page: Page, origin: str, pages: dict[str, str], headers: dict[str, str] | None = None
) -> None:
    """Answer `origin/NAME` with pages[NAME] (with `headers` on the HTML pages): a site on
    an origin of its own, not the relay's, as real sites are."""

    async def fulfil(route: Route) -> None:
        name = route.request.url.removeprefix(f"{origin}/").split("?", 1)[0]
        if name not in pages:
            await route.fulfill(status=404, body="not found")
        elif name.endswith(".svg"):
            await route.fulfill(status=200, content_type="image/svg+xml", body=pages[name])
        else:
            await route.fulfill(
                status=200, content_type="text/html", headers=headers or {}, body=pages[name]
            )

    await page.route(f"{origin}/**", fulfil)
