"""Every back end keeps internal messages (notes, whispers) from whatever a visitor may
be sent: a reader gets them only when it asks for them."""

from __future__ import annotations

from dataclasses import replace

from relay.store.base import Store
from relay.store.records import NewMessage, Quote, StoredFile, Visibility
from shared_protocol.frames import AuthorKind
from tests.contract.conftest import NOW, World, from_agent, from_visitor

INTERNAL = Visibility.INTERNAL


async def test_internal_messages_are_left_out_unless_asked_for(store: Store, world: World) -> None:
    chat = await world.conversation()
    alice = await world.agent("alice")
    await store.append_message(from_visitor(chat, "v1", "my order is late"))
    note = await store.append_message(
        from_agent(chat, alice, "n1", "check the warehouse", visibility=INTERNAL)
    )
    assert note.message.visibility is INTERNAL and note.message.seq == 2
    public = await store.messages_after(chat.id, 0, 10)
    everything = await store.messages_after(chat.id, 0, 10, include_internal=True)
    assert [m.seq for m in public] == [1]
    assert [(m.seq, m.visibility) for m in everything] == [(1, Visibility.PUBLIC), (2, INTERNAL)]
    assert await store.get_message(chat.id, 2) is None
    assert await store.get_message(chat.id, 2, include_internal=True) == note.message
    assert (await store.last_messages([chat.id]))[chat.id].seq == 1
    assert (await store.last_messages([chat.id], include_internal=True))[chat.id].seq == 2


async def test_a_public_reply_never_carries_the_internal_note_it_quotes(
    store: Store, world: World
) -> None:
    chat = await world.conversation()
    alice = await world.agent("alice")
    await store.append_message(from_agent(chat, alice, "n1", "secret", visibility=INTERNAL))
    quote = Quote(seq=1, author=AuthorKind.AGENT, author_name="Alice", text="secret")
    reply = NewMessage(chat.id, "r1", AuthorKind.AGENT, alice.id, "Alice", "hello", NOW, quote)
    await store.append_message(reply)
    (shown,) = await store.messages_after(chat.id, 0, 10)
    assert shown.seq == 2 and shown.reply_to is None


async def test_a_file_in_an_internal_note_is_not_the_visitors(store: Store, world: World) -> None:
    chat = await world.conversation()
    alice = await world.agent("alice")
    upload = StoredFile("f1", "invoice.pdf", 10, "application/pdf", AuthorKind.AGENT, alice.id, NOW)
    await store.add_file(upload)
    noted = from_agent(chat, alice, "n1", "", visibility=INTERNAL)
    await store.append_message(replace(noted, file=upload.attachment()))
    assert await store.file_visitors("f1") == set()
    sent = from_agent(chat, alice, "p1", "")
    await store.append_message(replace(sent, file=upload.attachment()))
    assert await store.file_visitors("f1") == {chat.visitor_id}
