"""Every back end appends the entries of a colleague asked to join (relay/features/
join_asks.py) with compare-and-set: of two answers to one question, one is logged."""

from __future__ import annotations

import asyncio

from relay.store.base import Store
from shared_protocol.lifecycle import SYSTEM, Actor
from tests.contract.conftest import NOW, World

KINDS = ("join_asked", "join_ask_declined", "join_ask_expired")


async def test_an_entry_is_logged_with_its_agent_and_note(store: Store, world: World) -> None:
    chat = await world.conversation()
    alice, bob = await world.agent("alice"), await world.agent("bob")
    asked = await store.log_event(
        chat.id, "join_asked", NOW, Actor.agent(alice.id), agent=bob.id, note="<b>{{x}}</b>"
    )
    assert asked
    entry = (await store.conversation_events(chat.id))[-1]
    assert (entry.kind, entry.actor, entry.agent, entry.note) == (
        "join_asked",
        Actor.agent(alice.id),
        bob.id,
        "<b>{{x}}</b>",
    )


async def test_of_two_answers_to_one_question_only_one_is_logged(
    store: Store, world: World
) -> None:
    chat = await world.conversation()
    alice, bob = await world.agent("alice"), await world.agent("bob")
    ask = await store.log_event(
        chat.id, "join_asked", NOW, Actor.agent(alice.id), agent=bob.id, newest_of=KINDS
    )
    assert ask
    asked_id = (await store.conversation_events(chat.id))[-1].id
    answers = await asyncio.gather(
        store.log_event(
            chat.id, "join_ask_declined", NOW + 1, Actor.agent(bob.id), agent=bob.id,
            newest_of=KINDS, newest_id=asked_id,
        ),
        store.log_event(
            chat.id, "join_ask_expired", NOW + 1, SYSTEM, agent=bob.id,
            newest_of=KINDS, newest_id=asked_id,
        ),
    )  # fmt: skip
    assert sorted(answers) == [False, True]
    kinds = [e.kind for e in await store.conversation_events(chat.id)]
    assert kinds.count("join_asked") == 1
    assert kinds.count("join_ask_declined") + kinds.count("join_ask_expired") == 1


async def test_a_stale_expectation_writes_nothing(store: Store, world: World) -> None:
    chat = await world.conversation()
    alice = await world.agent("alice")
    before = await store.conversation_events(chat.id)
    first = await store.log_event(
        chat.id, "join_asked", NOW, Actor.agent(alice.id), newest_of=KINDS, newest_id=12345
    )
    assert not first
    assert await store.conversation_events(chat.id) == before
