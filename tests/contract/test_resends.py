"""Every back end stores a client's message id once per author: the same message again
is a duplicate answered with what was stored, whenever it comes back; another message
under a used id is a conflict."""

from __future__ import annotations

import asyncio

import pytest

from relay.store.base import Store
from relay.store.errors import ConversationIsClosed, MessageIdTaken
from shared_protocol.lifecycle import Actor
from tests.contract.backends import Harness
from tests.contract.conftest import NOW, World, from_agent, from_visitor


async def test_the_same_id_twice_in_one_batch_is_stored_once(store: Store, world: World) -> None:
    conversation = await world.conversation()
    first, second = await asyncio.gather(
        store.append_message(from_visitor(conversation, "same")),
        store.append_message(from_visitor(conversation, "same")),
    )
    assert (first.duplicate, second.duplicate) == (False, True)
    assert first.message == second.message
    assert len(await store.messages_after(conversation.id, 0, 10)) == 1


async def test_a_resend_after_the_ack_is_answered_with_the_stored_message(
    harness: Harness, world: World
) -> None:
    conversation = await world.conversation()
    sent = await harness.store.append_message(from_visitor(conversation, "m", "hello"))
    store = await harness.reopen()  # the ack was lost with the connection; the relay restarted
    again = await store.append_message(from_visitor(conversation, "m", "hello"))
    assert again.duplicate and again.message == sent.message
    assert (await store.append_message(from_visitor(conversation, "n"))).message.seq == 2


async def test_a_resend_after_the_conversation_closed_stores_nothing_new(
    store: Store, world: World
) -> None:
    conversation = await world.conversation()
    sent = await store.append_message(from_visitor(conversation, "late", "are you there?"))
    await store.close_conversation(
        conversation.id, NOW + 5, by=Actor.visitor(conversation.visitor_id)
    )
    again = await store.append_message(from_visitor(conversation, "late", "are you there?"))
    assert again.duplicate and again.message == sent.message
    closed = await store.get_conversation(conversation.id)
    assert closed is not None and closed.last_seq == 1
    assert await store.current_conversation(conversation.visitor_id) is None  # none opened


async def test_a_used_id_with_other_text_is_a_conflict(store: Store, world: World) -> None:
    conversation = await world.conversation()
    await store.append_message(from_visitor(conversation, "x", "one"))
    with pytest.raises(MessageIdTaken) as refused:
        await store.append_message(from_visitor(conversation, "x", "two"))
    assert refused.value.client_id == "x"


async def test_ids_belong_to_their_author(store: Store, world: World) -> None:
    conversation = await world.conversation()
    agent = await world.agent("alice")
    mine = await store.append_message(from_visitor(conversation, "1"))
    theirs = await store.append_message(from_agent(conversation, agent, "1"))
    assert not mine.duplicate and not theirs.duplicate
    assert (mine.message.seq, theirs.message.seq) == (1, 2)


async def test_a_withdrawn_message_sent_again_stays_withdrawn(store: Store, world: World) -> None:
    conversation = await world.conversation()
    agent = await world.agent("alice")
    sent = await store.append_message(from_agent(conversation, agent, "r", "oops"))
    await store.withdraw_message(conversation.id, sent.message.seq, agent, NOW + 1)
    again = await store.append_message(from_agent(conversation, agent, "r", "oops"))
    assert again.duplicate and again.message.seq == sent.message.seq
    assert again.message.withdrawn and again.message.text == ""


async def test_a_new_message_to_a_closed_conversation_is_refused_and_stores_nothing(
    store: Store, world: World
) -> None:
    # (Closed through another relay a moment ago: the sender's relay did not know yet.)
    conversation = await world.conversation()
    await store.append_message(from_visitor(conversation, "first"))
    await store.close_conversation(
        conversation.id, NOW + 5, by=Actor.visitor(conversation.visitor_id)
    )
    agent = await world.agent("alice")
    with pytest.raises(ConversationIsClosed) as refused:
        await store.append_message(from_agent(conversation, agent, "late reply"))
    assert refused.value.conversation_id == conversation.id
    other = await world.conversation()
    # Alone in its run: the other conversation's message is stored as ever.
    late, fine = await asyncio.gather(
        store.append_message(from_visitor(conversation, "late")),
        store.append_message(from_visitor(other, "fine")),
        return_exceptions=True,
    )
    assert isinstance(late, ConversationIsClosed)
    assert not isinstance(fine, BaseException) and fine.message.seq == 1
    closed = await store.get_conversation(conversation.id)
    assert closed is not None and closed.last_seq == 1
    assert [m.client_id for m in await store.messages_after(conversation.id, 0, 10)] == ["first"]
