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


async def test_several_conversations_are_read_after_their_own_points_at_once(
    store: Store, world: World
) -> None:
    first, second, quiet = [await world.conversation() for _ in range(3)]
    alice = await world.agent("alice")
    for n in range(5):
        await store.append_message(from_visitor(first, f"a{n}", f"first {n}"))
    await store.append_message(from_visitor(second, "b0", "second 0"))
    await store.append_message(from_agent(second, alice, "b1", "a note", visibility=INTERNAL))
    await store.append_message(from_agent(second, alice, "b2", "quoting it", visibility=INTERNAL))
    after = {first.id: 1, second.id: 0, quiet.id: 0}
    pages = await store.messages_after_each(after, 3, include_internal=True)
    assert {c: [m.seq for m in page] for c, page in pages.items()} == {
        first.id: [2, 3, 4],  # three at most each
        second.id: [1, 2, 3],
    }  # and nothing for a conversation with nothing after its point
    assert pages[first.id][0] == await store.get_message(first.id, 2)
    public = await store.messages_after_each(after, 10)
    assert {c: [m.seq for m in page] for c, page in public.items()} == {
        first.id: [2, 3, 4, 5],
        second.id: [1],
    }
    assert await store.messages_after_each({}, 10) == {}
