"""Debian's Chromium driven by Playwright, and test pages served on the relay's own origin.

Never `playwright install`: this machine cannot download browsers. The tests use
/usr/bin/chromium, which `./dev test` installs from Debian when it is missing.
"""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from playwright.async_api import (
    Browser,
    ConsoleMessage,
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


def site_page(title: str, body: str = "", *, site: str = "test", head: str = "") -> str:
    """A plain page of a site that embeds the widget with the one-line snippet."""
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title>{head}</head><body>{body}"
        f'<script async src="/widget.js" data-site="{site}"></script></body></html>'
    )


@dataclass
class PageWatch:
    """Everything a page reports that a visitor would never want: errors and dialogs."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outage: bool = False  # the test stops the relay: failed reconnects are expected

    def expect_outage(self) -> None:
        self.outage = True

    def attach(self, page: Page) -> None:
        def on_console(message: ConsoleMessage) -> None:
            # The browser itself logs every refused WebSocket connection as an error.
            refused = message.text.startswith("WebSocket connection to")
            if message.type == "error" and not (self.outage and refused):
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
