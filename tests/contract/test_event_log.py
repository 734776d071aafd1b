"""Every back end logs a conversation's first agent reply in the transaction that stores
it, once, and never an entry whose change was not stored."""

from __future__ import annotations

import asyncio

from relay.store.base import Store
from relay.store.errors import StoreUnavailable
from relay.store.records import Visibility
from shared_protocol.lifecycle import SYSTEM, Actor, conversation
from tests.contract.backends import Harness
from tests.contract.conftest import NOW, World, from_agent, from_visitor


async def test_the_first_public_agent_message_is_logged_once(store: Store, world: World) -> None:
    chat = await world.conversation()
    alice, bob = await world.agent("alice"), await world.agent("bob")
    await store.append_message(from_visitor(chat, "v1", at=NOW + 1))
    await store.append_message(
        from_agent(chat, alice, "n1", at=NOW + 2, visibility=Visibility.INTERNAL)
    )
    await asyncio.gather(  # one batch: the first of the two is the reply
        store.append_message(from_agent(chat, bob, "b1", at=NOW + 3)),
        store.append_message(from_agent(chat, alice, "a1", at=NOW + 4)),
    )
    await store.append_message(from_agent(chat, alice, "a2", at=NOW + 5))
    replies = [e for e in await store.conversation_events(chat.id) if e.kind == "first_agent_reply"]
    assert [(e.at, e.actor, e.agent, e.seq) for e in replies] == [
        (NOW + 3, Actor.agent(bob.id), bob.id, 3)
    ]


async def test_a_visitor_alone_gets_no_first_reply_entry(store: Store, world: World) -> None:
    chat = await world.conversation()
    await store.append_message(from_visitor(chat, "v1"))
    assert [e.kind for e in await store.conversation_events(chat.id)] == ["created"]


async def test_nothing_is_logged_of_a_change_that_failed(harness: Harness, world: World) -> None:
    store = harness.store
    chat = await world.conversation()
    alice = await world.agent("alice")
    before = await store.conversation_events(chat.id)
    accepted, entries = conversation.apply(chat.state(), conversation.Accept(agent=alice.id), NOW)
    async with harness.environment_fails():
        results = await asyncio.gather(
            store.append_message(from_agent(chat, alice, "a1")),
            store.transition_conversation(chat.id, chat.state(), accepted, entries),
            store.close_conversation(chat.id, NOW + 1),
            return_exceptions=True,
        )
    assert all(isinstance(r, StoreUnavailable) for r in results), results
    assert await store.conversation_events(chat.id) == before
    stored = await store.get_conversation(chat.id)
    assert stored is not None and stored.state() == chat.state() and stored.last_seq == 0


async def test_a_closing_nobody_is_named_for_is_the_systems(store: Store, world: World) -> None:
    chat = await world.conversation()
    await store.close_conversation(chat.id, NOW + 1)
    actors = [(e.kind, e.actor) for e in await store.conversation_events(chat.id)]
    assert actors == [("created", Actor.visitor(chat.visitor_id)), ("closed", SYSTEM)]
