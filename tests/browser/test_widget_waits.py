"""The widget when the relay says to wait (protocol §5.8, §8): it waits `retry_after`, at
least, before it sends or connects again; it says calmly how long, counting down; the wait
is a known pause, never "cannot connect"; what the visitor wrote goes out after it, once.

The relay here shuts a visitor out after one burst's worth of refused frames, for a few
seconds instead of a minute, so that a test sees the whole wait."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable

import pytest
from playwright.async_api import Page, WebSocket, WebSocketRoute, expect

from shared_protocol import frames
from tests.helpers.browser import keep_screenshot, serve_pages, site_page
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay

SHUT_OUT_SECONDS = 6.0
pytestmark = pytest.mark.relay_settings(
    visitor_frames_per_second=5.0,
    visitor_frame_burst=10.0,
    shut_out_bursts=1.0,  # shut out after 10 refused frames
    shut_out_seconds=SHUT_OUT_SECONDS,
)
PAGES = {"home.html": site_page("Home", "<h1>Home</h1>")}
# The number and its unit are kept together on one line (a no-break space).
WAITING = re.compile(r"^Too many messages at once\. You can write again in (\d+)\u00a0(s|min)\.$")


class Sockets:
    """The widget's WebSockets to the relay as the page opens them, and their frames, each
    with the test's monotonic time."""

    def __init__(self, page: Page) -> None:
        self.opened: list[float] = []
        self.sent: list[tuple[float, dict[str, object]]] = []
        self.received: list[tuple[float, dict[str, object]]] = []
        page.on("websocket", self._opened)

    def _opened(self, ws: WebSocket) -> None:
        if not ws.url.endswith("/ws/visitor"):
            return
        self.opened.append(time.monotonic())
        ws.on("framesent", lambda data: self.sent.append((time.monotonic(), json.loads(data))))
        ws.on(
            "framereceived",
            lambda data: self.received.append((time.monotonic(), json.loads(data))),
        )

    def refusals(self) -> list[tuple[float, dict[str, object]]]:
        return [(at, f) for at, f in self.received if f.get("code") == "rate_limited"]


async def agent_online(relay: RunningRelay) -> AgentClient:
    """With an agent online the widget offers the chat itself (no offline form)."""
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await agent.expect(frames.LoginOk)
    return agent


async def open_chat(page: Page, relay: RunningRelay) -> None:
    await serve_pages(page, relay.http, PAGES)
    await page.goto(f"{relay.http}/site/home.html")
    await page.locator(".launcher").click()
    await expect(page.locator(".panel")).to_be_visible()


async def type_and_send(page: Page, text: str) -> None:
    box = page.locator(".compose textarea")
    await box.fill(text)
    await box.press("Enter")


async def shut_out_the_visitor(page: Page, relay: RunningRelay) -> float:
    """As the report's repro: another connection with the widget's token floods `typing`
    frames until the relay shuts the visitor out. Returns when the shut-out ends at the
    earliest (monotonic), by the retry_after of the relay's error."""
    token = json.loads(await page.evaluate("localStorage.getItem('parley:test:token')"))
    raw = await VisitorClient.connect(relay.url, site="test", token=token)
    await raw.expect(frames.Welcome)
    flooding = time.monotonic()
    for _ in range(40):
        try:
            await raw.send(frames.VisitorTyping(text="x"))
        except Exception:  # closed by the relay: shut out
            break
    await asyncio.wait_for(raw.closed.wait(), 10)
    assert raw.ws.close_code == 1013
    errors = raw.take_all(frames.Error)
    shut = [e for e in errors if e.detail.startswith("shut out")]
    assert shut and shut[0].retry_after is not None, errors
    await raw.close()
    # The relay counted retry_after from a moment during the flood, not before it.
    return flooding + shut[0].retry_after


async def watch_the_wait(page: Page, until: float) -> list[str]:
    """What the notice says, every quarter second until `until` (monotonic)."""
    seen = []
    while time.monotonic() < until:
        notice = page.locator(".notice")
        seen.append((await notice.text_content() or "") if await notice.is_visible() else "")
        await asyncio.sleep(0.25)
    return seen


@pytest.mark.parametrize("meets_it", ["on reload", "on its next message"])
async def test_a_shut_out_visitor_waits_retry_after_sees_a_countdown_and_nothing_is_lost(
    page: Page, relay: RunningRelay, meets_it: str
) -> None:
    agent = await agent_online(relay)
    await open_chat(page, relay)
    await type_and_send(page, "Hello, is anyone there?")
    await expect(page.locator(".msg.mine .meta")).to_contain_text("Sent")
    assert (await agent.expect(frames.Message)).message.text == "Hello, is anyone there?"
    sockets = Sockets(page)

    shut_out_ends = await shut_out_the_visitor(page, relay)
    if meets_it == "on reload":
        await page.reload()  # the hello is refused: rate_limited, then close 1013
        await expect(page.locator(".panel")).to_be_visible()
        await type_and_send(page, "Sent during the wait")
    else:  # the open connection meets the shut-out with this message, and is closed
        await type_and_send(page, "Sent during the wait")

    notice = page.locator(".notice")
    await expect(notice).to_have_text(WAITING)
    await keep_screenshot(page, f"widget-waiting-{meets_it.replace(' ', '-')}")
    shown = WAITING.match(await notice.text_content() or "")
    assert shown is not None and shown[2] == "s"
    assert 1 <= int(shown[1]) <= SHUT_OUT_SECONDS
    # What the visitor wrote is kept: the message waits, the draft stays in the box.
    await expect(page.locator(".msg.sending .bubble")).to_have_text("Sent during the wait")
    await page.locator(".compose textarea").fill("a draft, not sent yet")

    seen = await watch_the_wait(page, shut_out_ends - 0.5)
    # Only the countdown, counting down: never "cannot connect" nor "Reconnecting…".
    assert all(WAITING.match(text) for text in seen), seen
    counts = [int(WAITING.match(text)[1]) for text in seen]  # type: ignore[index]
    assert counts == sorted(counts, reverse=True) and len(set(counts)) >= 3, counts
    # No new connection while the relay's shut-out lasts: the refused one only, if any.
    assert len(sockets.opened) == (1 if meets_it == "on reload" else 0), sockets.opened

    # After the wait: connected again, the message sent once, the notice gone.
    delivered = await agent.expect(frames.Message, within=10)
    assert delivered.message.text == "Sent during the wait"
    await expect(page.locator(".msg.sending")).to_have_count(0)
    await expect(page.locator(".msg.mine .meta").last).to_contain_text("Sent")
    await expect(notice).to_be_hidden()
    await expect(page.locator(".compose textarea")).to_have_value("a draft, not sent yet")
    assert all(at >= shut_out_ends - 0.3 for at in sockets.opened[-1:]), sockets.opened
    assert len(sockets.opened) == (2 if meets_it == "on reload" else 1), sockets.opened
    conversation = delivered.message.conversation
    stored = await relay.relay.store.messages_after(conversation, 0, 10)
    assert [m.text for m in stored] == ["Hello, is anyone there?", "Sent during the wait"]
    await agent.close()


# One frame per second after a burst of four; shut out only after 20 refused frames.
@pytest.mark.relay_settings(
    visitor_frames_per_second=1.0, visitor_frame_burst=4.0, shut_out_bursts=5.0
)
async def test_a_wait_mid_session_sends_nothing_until_retry_after_then_resends_in_order(
    page: Page, relay: RunningRelay
) -> None:
    agent = await agent_online(relay)
    sockets = Sockets(page)
    await open_chat(page, relay)
    texts = [f"question {n}" for n in range(1, 7)]  # more than the burst
    for text in texts[:-1]:
        await type_and_send(page, text)
    notice = page.locator(".notice")
    await expect(notice).to_have_text(WAITING)
    await type_and_send(page, texts[-1])  # written during the wait: held, not dropped

    received = [(await agent.expect(frames.Message, within=30)).message for _ in texts]
    assert [m.text for m in received] == texts
    assert [m.seq for m in received] == list(range(1, len(texts) + 1))
    await expect(page.locator(".msg.sending")).to_have_count(0)
    await expect(notice).to_be_hidden()
    # Told to wait, the widget sent nothing until retry_after had passed, however much the
    # visitor wrote meanwhile; it stayed connected.
    refusals = sockets.refusals()
    assert refusals
    for told_at, refusal in refusals:
        wait = refusal["retry_after"]
        assert isinstance(wait, float | int) and wait > 0
        early = [f for at, f in sockets.sent if told_at < at < told_at + wait - 0.25]
        assert early == [], (wait, early)
    assert len(sockets.opened) == 1
    await agent.close()


def refusing_relay(retry_after: object, opened: list[int]) -> Callable[[WebSocketRoute], None]:
    """A stand-in for the relay that refuses every hello as the relay refuses a visitor
    shut out, but with the given `retry_after`."""

    def handler(ws: WebSocketRoute) -> None:
        opened.append(1)

        async def on_message(data: str | bytes) -> None:
            if json.loads(data).get("type") == "hello":
                ws.send(
                    json.dumps(
                        {
                            "type": "error",
                            "code": "rate_limited",
                            "detail": "shut out for 60 s: kept sending while told to wait",
                            "ref": None,
                            "retry_after": retry_after,
                        }
                    )
                )
                await ws.close(code=1013, reason="rate_limited")

        ws.on_message(on_message)

    return handler


START = 1_800_000_000_000  # ms


@pytest.mark.parametrize(
    ("retry_after", "shown", "waits_ms"),
    [
        (1e9, "15\u00a0min", 15 * 60_000),  # a hostile wait is cut to 15 minutes
        (120, "2\u00a0min", 120_000),
        ("60", "1\u00a0s", 1000),  # not a number: ignored, a second as without one
        (-5, "1\u00a0s", 1000),
    ],
)
async def test_retry_after_is_clamped_and_a_value_that_is_no_number_is_ignored(
    page: Page, relay: RunningRelay, retry_after: object, shown: str, waits_ms: int
) -> None:
    opened: list[int] = []
    await page.clock.install(time=START)
    await page.clock.pause_at(START + 1000)  # no time passes but what the test makes pass
    await page.route_web_socket(re.compile(r"/ws/visitor$"), refusing_relay(retry_after, opened))
    await open_chat(page, relay)
    notice = page.locator(".notice")
    await expect(notice).to_have_text(f"Too many messages at once. You can write again in {shown}.")
    assert len(opened) == 1
    for round_ in range(1, 5):  # refused again and again: never "cannot connect"
        await page.clock.run_for(waits_ms - 500)
        await asyncio.sleep(0.3)  # a socket opened now would be seen by then
        assert len(opened) == round_  # still waiting
        await expect(notice).to_have_text(WAITING)
        await page.clock.run_for(1500)  # the wait is over, and up to a second of jitter
        for _ in range(50):
            if len(opened) > round_:
                break
            await asyncio.sleep(0.1)
        assert len(opened) == round_ + 1  # connected again once, after the wait
        await expect(notice).to_have_text(WAITING)
