"""What the visitor notices: errors in plain words, and new messages in a hidden tab."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from shared_protocol import frames
from tests.helpers.relay_fixtures import RunningRelay
from tests.helpers.widget import login, open_chat, type_and_send


# A visitor may send one frame per second after a burst of four.
@pytest.mark.relay_settings(visitor_frames_per_second=1.0, visitor_frame_burst=4.0)
async def test_rate_limit_is_explained_and_the_messages_still_arrive_once_in_order(
    page: Page, relay: RunningRelay
) -> None:
    agent = await login(relay)
    await open_chat(page, relay)
    texts = [f"question {n}" for n in range(1, 8)]  # more than the burst of four
    for text in texts:
        await type_and_send(page, text)
    # The wait is said with how long it lasts (retry_after), counting down.
    await expect(page.locator(".notice")).to_have_text(
        re.compile(r"^Too many messages at once\. You can write again in \d+\u00a0s\.$")
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
