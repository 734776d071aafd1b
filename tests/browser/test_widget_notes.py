"""Agents' notes in a chat the visitor has open: the widget never shows them, and the seq
numbers they take leave no gap behind (the reply after a note is read and resumed from)."""

from __future__ import annotations

from playwright.async_api import Page, expect

from shared_protocol import frames
from tests.helpers.relay_fixtures import RunningRelay
from tests.helpers.widget import login, open_chat, type_and_send


async def test_the_reply_after_a_note_shows_is_read_and_the_note_never_shows(
    page: Page, relay: RunningRelay
) -> None:
    agent = await login(relay)
    await open_chat(page, relay)
    await type_and_send(page, "Do you take walk-ins?")  # seq 1
    conversation = (await agent.expect(frames.Message)).message.conversation
    await agent.say(conversation, "Let me check.")  # seq 2
    receipt = await agent.expect(frames.ReadReceipt)
    assert receipt.seq == 2
    await agent.send(frames.Note(id="n1", conversation=conversation, text="SECRET: ask Dr Li"))
    assert (await agent.expect(frames.Ack)).seq == 3
    await agent.say(conversation, "Yes, until 4 pm.")  # seq 4, after a gap of one note
    await expect(page.locator(".msg").filter(has_text="Yes, until 4 pm.")).to_be_visible()
    # The widget read through the note: its mark reaches the reply, not the last seq before.
    receipt = await agent.expect(frames.ReadReceipt)
    while receipt.seq < 4:
        receipt = await agent.expect(frames.ReadReceipt)
    assert (receipt.by, receipt.seq) == ("visitor", 4)
    await expect(page.locator(".msg")).to_have_count(3)
    assert "SECRET" not in await page.locator("body").inner_text()

    # A reload resumes from where it got to: the same three messages, no note.
    await page.reload()
    await expect(page.locator(".msg")).to_have_count(3)
    shown = await page.locator(".msg").all_text_contents()
    assert "Yes, until 4 pm." in shown[-1] and not any("SECRET" in m for m in shown)
    await agent.close()
