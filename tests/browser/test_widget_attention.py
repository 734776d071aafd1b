"""What the visitor notices: errors in plain words, and new messages in a hidden tab."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Page, expect

from shared_protocol import frames
from tests.browser.test_widget_chat import login, open_chat, type_and_send
from tests.helpers.relay_fixtures import RunningRelay, relay_fixture


@pytest.fixture
async def strict_relay(tmp_path: Path) -> AsyncIterator[RunningRelay]:
    """A relay that allows a visitor one frame per second after a burst of four."""
    async for running in relay_fixture(
        tmp_path / "strict", visitor_frames_per_second=1.0, visitor_frame_burst=4.0
    ):
        await running.relay.store.add_site("test", "Test site", [running.http], time.time())
        yield running


async def test_rate_limit_is_explained_and_the_messages_still_arrive_once_in_order(
    page: Page, strict_relay: RunningRelay
) -> None:
    agent = await login(strict_relay)
    await open_chat(page, strict_relay)
    texts = [f"question {n}" for n in range(1, 8)]  # more than the burst of four
    for text in texts:
        await type_and_send(page, text)
    await expect(page.locator(".notice")).to_have_text(
        "You are sending too fast. Please wait a moment."
    )
    received = [(await agent.expect(frames.Message, within=30)).message for _ in texts]
    assert [m.text for m in received] == texts
    assert [m.seq for m in received] == list(range(1, 8))
    await expect(page.locator(".msg.sending")).to_have_count(0, timeout=15_000)
    await agent.close()


HIDDEN_TAB_WITH_A_SPEAKER = """
  window.__beeps = 0;
  const create = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () {
    window.__beeps += 1;
    return create.call(this);
  };
  window.__hide = () => {
    Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});
    document.dispatchEvent(new Event('visibilitychange'));
  };
"""


async def test_agent_message_in_a_hidden_tab_blinks_the_title_and_beeps(
    page: Page, relay: RunningRelay
) -> None:
    agent = await login(relay)
    await page.add_init_script(HIDDEN_TAB_WITH_A_SPEAKER)
    await open_chat(page, relay)  # the click on the launcher is the gesture that allows sound
    await type_and_send(page, "hello")
    conversation = (await agent.expect(frames.Message)).message.conversation
    await page.locator(".minimise").click()
    await page.evaluate("window.__hide()")
    await agent.say(conversation, "Are you still there?")
    await expect(page).to_have_title("(1) New message", timeout=5000)
    assert await page.evaluate("window.__beeps") == 1
    await expect(page.locator(".badge")).to_have_text("1")
    await agent.close()
