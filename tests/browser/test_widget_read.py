"""Read receipts in the widget against the real relay: the visitor's `read` goes out once
per new message seen (panel open, page visible), and "Seen" follows the agents' mark."""

from __future__ import annotations

import asyncio

from playwright.async_api import Page, expect

from shared_protocol import frames
from tests.helpers.browser import keep_screenshot
from tests.helpers.clients import AgentClient
from tests.helpers.relay_fixtures import RunningRelay
from tests.helpers.widget import login, open_chat, type_and_send

# Every frame the widget sends, and a switch for the page's visibility.
RECORD_AND_HIDE = """
  window.__frames = [];
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    try { window.__frames.push(JSON.parse(data)); } catch (e) {}
    return send.call(this, data);
  };
  window.__visible = (shown) => {
    Object.defineProperty(document, 'hidden', {configurable: true, get: () => !shown});
    document.dispatchEvent(new Event('visibilitychange'));
  };
"""


async def reads_sent(page: Page) -> list[int]:
    seqs: list[int] = await page.evaluate(
        "window.__frames.filter(f => f.type === 'read').map(f => f.seq)"
    )
    return seqs


async def visitor_read(agent: AgentClient, seq: int) -> None:
    receipt = await agent.expect(frames.ReadReceipt)
    assert (receipt.by, receipt.seq) == ("visitor", seq)


async def no_visitor_read(agent: AgentClient) -> None:
    await asyncio.sleep(0.8)
    assert agent.take_all(frames.ReadReceipt) == []


async def test_the_visitor_reads_what_is_on_screen_and_sees_when_an_agent_has_read(
    page: Page, relay: RunningRelay
) -> None:
    agent = await login(relay)
    await page.add_init_script(RECORD_AND_HIDE)
    await open_chat(page, relay)
    await type_and_send(page, "hello")  # seq 1
    conversation = (await agent.expect(frames.Message)).message.conversation
    await agent.say(conversation, "Hi! How can I help?")  # seq 2, shown in the open panel
    await visitor_read(agent, 2)
    await type_and_send(page, "Is the May course full?")  # seq 3: our own, no read for it
    await agent.expect(frames.Message)
    await no_visitor_read(agent)
    assert await reads_sent(page) == [2]

    # "Seen" moves with the agents' mark, under the visitor's last message it covers.
    seen = page.locator(".seen")
    await expect(seen).to_have_count(0)
    await agent.send(frames.AgentRead(conversation=conversation, seq=2))
    await expect(page.locator(".msg.mine").nth(0).locator(".seen")).to_have_text("Seen")
    await agent.send(frames.AgentRead(conversation=conversation, seq=3))
    await expect(page.locator(".msg.mine").nth(1).locator(".seen")).to_have_text("Seen")
    await expect(seen).to_have_count(1)
    await keep_screenshot(page, "read-seen")
    for language, word in [("zh-CN", "已读"), ("mn", "Харсан"), ("en", "Seen")]:
        await page.evaluate(f"Parley('setLanguage', '{language}')")
        await expect(seen).to_have_text(word)

    # Minimised: nothing is read until the visitor opens the panel again.
    await page.locator(".minimise").click()
    await agent.say(conversation, "Yes, two places are left.")  # seq 4
    await no_visitor_read(agent)
    await page.locator(".launcher").click()
    await visitor_read(agent, 4)

    # A hidden tab: nothing is read until it is shown again.
    await page.evaluate("window.__visible(false)")
    await agent.say(conversation, "Shall I book one for you?")  # seq 5
    await no_visitor_read(agent)
    await page.evaluate("window.__visible(true)")
    await visitor_read(agent, 5)
    assert await reads_sent(page) == [2, 4, 5]

    # After a reload the marks come with the welcome: "Seen" is back, nothing is re-read.
    await page.reload()
    await expect(page.locator(".msg.mine").nth(1).locator(".seen")).to_have_text("Seen")
    await expect(page.locator(".bubble")).to_have_count(5)
    await no_visitor_read(agent)
    assert await reads_sent(page) == []
    await agent.close()
