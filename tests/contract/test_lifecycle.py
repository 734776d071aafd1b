"""Every back end changes a conversation's lifecycle by compare-and-set: a change stored
only while the conversation is as the caller read it, with its log entries in the same
transaction, so that of two agents (or two relays) only one ever wins."""

from __future__ import annotations

import asyncio

import pytest

from relay.store.base import Store
from relay.store.errors import StoreBug
from relay.store.records import Conversation, ParticipantRole
from shared_protocol.frames import ConversationStatus as WireStatus
from shared_protocol.lifecycle import Actor, ConversationStatus, conversation
from shared_protocol.lifecycle.conversation import ToDepartment
from tests.contract.conftest import NOW, World


async def test_of_two_concurrent_accepts_exactly_one_wins(store: Store, world: World) -> None:
    chat = await world.conversation()
    alice, bob = await world.agent("alice"), await world.agent("bob")
    read = chat.state()
    tries = [conversation.apply(read, conversation.Accept(agent=a.id), NOW) for a in (alice, bob)]
    won = await asyncio.gather(*(store.transition_conversation(chat.id, read, *t) for t in tries))
    assert sorted(won) == [False, True]
    winner = (alice, bob)[won.index(True)]
    stored = await store.get_conversation(chat.id)
    assert stored is not None
    assert (stored.lifecycle, stored.agent_id, stored.status) == (
        ConversationStatus.ACTIVE,
        winner.id,
        WireStatus.ACTIVE,
    )
    assert [p.agent_id for p in stored.present()] == [winner.id]
    accepted = [e for e in await store.conversation_events(chat.id) if e.kind == "accepted"]
    assert [(e.agent, e.actor) for e in accepted] == [(winner.id, Actor.agent(winner.id))]


async def test_a_transition_from_a_stale_state_changes_and_logs_nothing(
    store: Store, world: World
) -> None:
    chat = await world.conversation()
    alice = await world.agent("alice")
    stale = chat.state()
    queued, entries = conversation.apply(stale, conversation.Queue(), NOW)
    assert await store.transition_conversation(chat.id, stale, queued, entries)
    before = await store.conversation_events(chat.id)
    offer = conversation.Offer(agent=alice.id, deadline=NOW + 30)
    offered, entries = conversation.apply(stale, offer, NOW + 1)  # from waiting, not queued
    assert not await store.transition_conversation(chat.id, stale, offered, entries)
    assert await store.conversation_events(chat.id) == before
    stored = await store.get_conversation(chat.id)
    assert stored is not None and stored.state() == queued
    assert not await store.transition_conversation(chat.id + 999, stale, queued, entries)


async def test_the_whole_lifecycle_is_stored_as_the_core_says(store: Store, world: World) -> None:
    chat = await world.conversation()
    alice, bob = await world.agent("alice"), await world.agent("bob")
    billing = await store.add_department(chat.site_id, "Billing", NOW)
    steps: list[conversation.ConversationInput] = [
        conversation.Queue(),
        conversation.Offer(agent=alice.id, deadline=NOW + 30),
        conversation.Accept(agent=alice.id),
        conversation.Transfer(
            to=ToDepartment(billing.id), by=Actor.agent(alice.id), deadline=NOW + 60
        ),
        conversation.TransferAccepted(agent=bob.id),
        conversation.Rate(score=4, by=Actor.visitor(chat.visitor_id)),
        conversation.Close(by=Actor.agent(bob.id)),
    ]
    state, logged = chat.state(), list[conversation.ConversationEvent]()
    stored: Conversation | None = None
    for n, step in enumerate(steps):
        new, entries = conversation.apply(state, step, NOW + n)
        assert await store.transition_conversation(chat.id, state, new, entries), step
        stored = await store.get_conversation(chat.id)
        assert stored is not None and stored.state() == new, step
        state, logged = new, [*logged, *entries]
    assert stored is not None and stored.rated == 4 and stored.department_id == billing.id
    assert [e.lifecycle_event() for e in await store.conversation_events(chat.id)] == [
        conversation.open_conversation(Actor.visitor(chat.visitor_id), chat.created_at)[1][0],
        *logged,
    ]
    # Alice took it at step 2 and handed it over at step 4; Bob had it until it closed.
    owners = [(p.agent_id, p.role, p.joined_at, p.left_at) for p in stored.participants]
    assert owners == [
        (alice.id, ParticipantRole.OWNER, NOW + 2, NOW + 4),
        (bob.id, ParticipantRole.OWNER, NOW + 4, NOW + 6),
    ]


async def test_a_change_without_its_log_entries_is_refused_as_a_bug(
    store: Store, world: World
) -> None:
    chat = await world.conversation()
    queued, _ = conversation.apply(chat.state(), conversation.Queue(), NOW)
    with pytest.raises(StoreBug):
        await store.transition_conversation(chat.id, chat.state(), queued, [])
    stored = await store.get_conversation(chat.id)
    assert stored is not None and stored.lifecycle is ConversationStatus.WAITING


async def test_the_older_methods_log_what_they_change(store: Store, world: World) -> None:
    chat = await world.conversation()
    alice, bob = await world.agent("alice"), await world.agent("bob")
    await store.assign_conversation(chat.id, alice.id, NOW + 1)
    await store.assign_conversation(chat.id, alice.id, NOW + 2)  # hers already: no entry
    await store.assign_conversation(chat.id, bob.id, NOW + 3)
    closed = await store.close_conversation(chat.id, NOW + 4, by=Actor.visitor(chat.visitor_id))
    assert closed is not None and closed.present() == ()
    assert await store.close_conversation(chat.id, NOW + 5) is None
    assert await store.assign_conversation(chat.id, alice.id, NOW + 6) is None
    entries = [
        (e.kind, e.at, e.actor, e.agent, e.from_agent)
        for e in await store.conversation_events(chat.id)
    ]
    assert entries == [
        ("created", chat.created_at, Actor.visitor(chat.visitor_id), None, None),
        ("accepted", NOW + 1, Actor.agent(alice.id), alice.id, None),
        ("assigned", NOW + 3, Actor.agent(bob.id), bob.id, alice.id),
        ("closed", NOW + 4, Actor.visitor(chat.visitor_id), bob.id, None),
    ]
    owners = [(p.agent_id, p.joined_at, p.left_at) for p in closed.participants]
    assert owners == [(alice.id, NOW + 1, NOW + 3), (bob.id, NOW + 3, NOW + 4)]


async def test_opening_logs_created_once(store: Store, world: World) -> None:
    chat = await world.conversation()
    again = await store.open_conversation(chat.site_id, chat.visitor_id, NOW + 50)
    assert again.id == chat.id
    assert [e.kind for e in await store.conversation_events(chat.id)] == ["created"]


async def test_reports_read_the_log_by_time(store: Store, world: World) -> None:
    early, late = await world.conversation(), await world.conversation()
    alice = await world.agent("alice")
    await store.assign_conversation(early.id, alice.id, NOW + 10)
    await store.close_conversation(late.id, NOW + 20)
    between = await store.events_between(NOW + 1, NOW + 20)  # the closing is at the end
    assert [(e.conversation_id, e.kind, e.at) for e in between] == [
        (late.id, "created", NOW + 1),
        (early.id, "accepted", NOW + 10),
    ]
