"""The widget's side of browser tests: pages of the site "test" with the widget on them,
chatting as a visitor would, and an agent to chat with (relay_fixtures)."""

from __future__ import annotations

import aiohttp
from playwright.async_api import Page, expect

from shared_protocol import frames
from tests.helpers.browser import serve_pages, site_page
from tests.helpers.clients import AgentClient
from tests.helpers.relay_fixtures import RunningRelay, log_in

PAGES = {
    "home.html": site_page("Home", "<h1>Home</h1><a id='next' href='/site/prices.html'>Prices</a>"),
    "prices.html": site_page("Prices", "<h1>Prices</h1>"),
    "alice.svg": "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 2 2'><circle r='1'/></svg>",
}


async def login(relay: RunningRelay) -> AgentClient:
    """Alice, logged in: with an agent online the widget offers the chat itself."""
    agent, _ = await log_in(relay)
    return agent


async def open_chat(page: Page, relay: RunningRelay, name: str = "home.html") -> None:
    """The page `name` of PAGES, served on the relay's origin, with the chat opened."""
    await serve_pages(page, relay.http, PAGES)
    await page.goto(f"{relay.http}/site/{name}")
    await page.locator(".launcher").click()
    await expect(page.locator(".panel")).to_be_visible()


async def type_and_send(page: Page, text: str) -> None:
    box = page.locator(".compose textarea")
    await box.fill(text)
    await box.press("Enter")


async def agent_upload(
    agent_token: str, files_url: str, body: bytes, name: str
) -> frames.Attachment:
    """A file uploaded as an agent's app uploads it; what to send in a message."""
    headers = {"Authorization": f"Agent {agent_token}", "X-File-Name": name}
    async with (
        aiohttp.ClientSession() as http,
        http.post(files_url, data=body, headers=headers) as response,
    ):
        assert response.status == 201
        return frames.Attachment(**(await response.json())["file"])


# Every frame the widget sends and receives, as parsed JSON, for tests that wait for a frame
# (the welcome, an invitation) or check what the widget said (invitation_shown, exit_intent).
RECORD_FRAMES = """
  window.__sent = [];
  window.__received = [];
  const Socket = WebSocket;
  const send = Socket.prototype.send;
  Socket.prototype.send = function (data) {
    try { window.__sent.push(JSON.parse(data)); } catch (e) {}
    return send.call(this, data);
  };
  window.WebSocket = function (url, protocols) {
    const socket = new Socket(url, protocols);
    socket.addEventListener('message', e => {
      try { window.__received.push(JSON.parse(e.data)); } catch (x) {}
    });
    return socket;
  };
  window.WebSocket.prototype = Socket.prototype;
"""


async def frames_sent(page: Page, kind: str) -> list[dict[str, object]]:
    """The frames of type `kind` the widget has sent so far (with RECORD_FRAMES)."""
    sent: list[dict[str, object]] = await page.evaluate(
        "kind => window.__sent.filter(f => f.type === kind)", kind
    )
    return sent


async def frames_received(page: Page, kind: str) -> list[dict[str, object]]:
    """The frames of type `kind` the widget has received so far (with RECORD_FRAMES)."""
    received: list[dict[str, object]] = await page.evaluate(
        "kind => window.__received.filter(f => f.type === kind)", kind
    )
    return received


async def next_received(page: Page, kind: str, after: int = 0) -> dict[str, object]:
    """Wait for the widget to have received more than `after` frames of type `kind`; the
    last of them (with RECORD_FRAMES)."""
    await page.wait_for_function(
        "([kind, after]) => window.__received.filter(f => f.type === kind).length > after",
        arg=[kind, after],
    )
    return (await frames_received(page, kind))[-1]
