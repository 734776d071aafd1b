"""The widget after the relay's database was restored from a backup (protocol §5.4): it
sees the new epoch in the welcome, drops what it showed and fetches the transcript afresh,
instead of resuming after a sequence number that now means another message."""

from __future__ import annotations

from playwright.async_api import Page, expect

from relay.app import database_path
from shared_protocol import frames
from tests.helpers.backups import put_back, store_agent_message, vacuum_into
from tests.helpers.browser import PageWatch
from tests.helpers.relay_fixtures import RunningRelay, relay_stopped
from tests.helpers.widget import login, open_chat, type_and_send


async def test_after_a_restore_the_widget_refetches_the_transcript_of_the_new_epoch(
    page: Page, relay: RunningRelay, watch: PageWatch
) -> None:
    watch.expect_outage()
    agent = await login(relay)
    await open_chat(page, relay)
    await type_and_send(page, "Is the weekend IELTS class full?")
    conversation = (await agent.expect(frames.Message)).message.conversation
    db = database_path(relay.relay.config)
    saved = db.with_name("backup.db")
    vacuum_into(db, saved)  # the README's backup, while the relay runs
    await agent.say(conversation, "Two places left on Saturday.")
    bubbles = page.locator(".bubble")
    await expect(bubbles).to_have_text(
        ["Is the weekend IELTS class full?", "Two places left on Saturday."]
    )
    await agent.close()

    # The relay is stopped, the backup put back, and the restored database gets another
    # seq 2 before the widget is back: the number the widget holds now means this message.
    async with relay_stopped(relay):
        put_back(saved, db)
        assert await store_agent_message(db, conversation, "Sorry, the class is full.") == 2

    await expect(bubbles).to_have_text(
        ["Is the weekend IELTS class full?", "Sorry, the class is full."], timeout=20_000
    )
    # And the chat goes on in the new history.
    await type_and_send(page, "Then the weekday class, please.")
    await expect(page.locator(".msg.mine .meta").last).to_contain_text("Sent")
    stored = await relay.relay.store.messages_after(conversation, 0, 10)
    assert [(m.seq, m.text) for m in stored] == [
        (1, "Is the weekend IELTS class full?"),
        (2, "Sorry, the class is full."),
        (3, "Then the weekday class, please."),
    ]
    await expect(bubbles).to_have_text([m.text for m in stored])
