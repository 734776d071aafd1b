"""Teams as the visitor sees them, part two: who answers survives a reload and a second
tab; the header tells the truth about the visitor's department; the wait estimate never
promises what is already broken; and all of it on a phone and on hostile pages."""

from __future__ import annotations

import time

from playwright.async_api import Page, expect

from relay.core.credentials import hash_password
from shared_protocol import frames
from tests.helpers.browser import serve_pages
from tests.helpers.relay_fixtures import RunningRelay, log_in
from tests.helpers.widget import PAGES, RECORD_FRAMES, open_chat, type_and_send

PASSWORD = "a long enough password"


async def _transferred(page: Page, relay: RunningRelay) -> None:
    """Bob answers the visitor, then hands the chat to Carl, who takes it and writes."""
    now = time.time()
    for name in ("bob", "carl"):
        await relay.relay.store.add_agent(name, name.title(), "agent", hash_password(PASSWORD), now)
    bob, _ = await log_in(relay, "bob", PASSWORD)
    carl, carl_in = await log_in(relay, "carl", PASSWORD)
    await page.add_init_script(RECORD_FRAMES)
    await open_chat(page, relay)
    await type_and_send(page, "My visa letter has a typo.")
    conversation = (await bob.expect(frames.Message)).message.conversation
    await bob.send(frames.Accept(conversation=conversation))
    await bob.say(conversation, "Let me find someone who can fix it.")
    await expect(page.locator(".msg.theirs")).to_have_count(1)
    await bob.send(
        frames.TransferRequest(conversation=conversation, agent=carl_in.agent.id, note="letters")
    )
    update = await carl.expect(frames.ConversationUpdated)
    while update.conversation.status != "transferring":
        update = await carl.expect(frames.ConversationUpdated)
    await carl.send(frames.Accept(conversation=conversation))
    await expect(page.locator(".log .event")).to_have_text(["You are now chatting with Carl"])
    await carl.say(conversation, "Hi, Carl here. Which name is wrong?")
    await expect(page.locator(".msg.theirs")).to_have_count(2)
    for agent in (bob, carl):
        await agent.close()


async def test_who_answers_after_a_transfer_is_said_again_after_a_reload_and_in_a_new_tab(
    page: Page, relay: RunningRelay
) -> None:
    await _transferred(page, relay)
    order = ["msg mine", "msg theirs", "event", "msg theirs"]

    async def shown_again(tab: Page) -> None:
        await expect(tab.locator(".msg")).to_have_count(3)
        await expect(tab.locator(".status")).to_have_text("Carl is answering you")
        await expect(tab.locator(".logo")).to_have_text("C")
        await expect(tab.locator(".log .event")).to_have_text(["You are now chatting with Carl"])
        kinds = await tab.locator(".log > *").evaluate_all(
            "rows => rows.map(r => r.className.split(' ').slice(0, 2).join(' '))"
        )
        assert [k.replace("msg mine sending", "msg mine") for k in kinds] == order, kinds

    await page.reload()
    await shown_again(page)
    second = await page.context.new_page()
    await serve_pages(second, relay.http, PAGES)
    await second.goto(page.url)  # the chat is open in every tab (stored)
    await shown_again(second)
    await second.close()
