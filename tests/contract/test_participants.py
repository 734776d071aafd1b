"""Every back end keeps who is in a conversation: one owner at a time (changed only with
the conversation), helpers and supervisors who join and leave, each change logged."""

from __future__ import annotations

import pytest

from relay.store.base import Store
from relay.store.errors import StoreBug
from relay.store.records import Participant, ParticipantRole
from shared_protocol.lifecycle import Actor
from tests.contract.conftest import NOW, World

HELPER, SUPERVISOR = ParticipantRole.HELPER, ParticipantRole.SUPERVISOR


async def test_helpers_and_supervisors_join_and_leave_with_log_entries(
    store: Store, world: World
) -> None:
    chat = await world.conversation()
    alice, bob, carol = [await world.agent(n) for n in ("alice", "bob", "carol")]
    await store.assign_conversation(chat.id, alice.id, NOW + 1)
    assert await store.add_participant(chat.id, bob.id, HELPER, NOW + 2) == Participant(
        chat.id, bob.id, HELPER, NOW + 2
    )
    assert await store.add_participant(chat.id, bob.id, SUPERVISOR, NOW + 3) is None  # in it
    assert await store.add_participant(chat.id, carol.id, SUPERVISOR, NOW + 3) is not None
    assert await store.leave_conversation(chat.id, bob.id, NOW + 4)
    assert not await store.leave_conversation(chat.id, bob.id, NOW + 5)  # left already
    assert not await store.leave_conversation(chat.id, alice.id, NOW + 5)  # the owner stays
    listed = await store.participants(chat.id)
    assert [(p.agent_id, p.role, p.joined_at, p.left_at) for p in listed] == [
        (alice.id, ParticipantRole.OWNER, NOW + 1, None),
        (bob.id, HELPER, NOW + 2, NOW + 4),
        (carol.id, SUPERVISOR, NOW + 3, None),
    ]
    stored = await store.get_conversation(chat.id)
    assert stored is not None and stored.participants == tuple(listed)
    assert [p.agent_id for p in stored.present()] == [alice.id, carol.id]
    logged = [(e.kind, e.agent, e.role) for e in await store.conversation_events(chat.id)][
        2:
    ]  # after created and accepted
    assert logged == [
        ("agent_joined", bob.id, HELPER),
        ("agent_joined", carol.id, SUPERVISOR),
        ("agent_left", bob.id, HELPER),
    ]


async def test_a_helper_who_takes_the_conversation_over_becomes_its_owner(
    store: Store, world: World
) -> None:
    chat = await world.conversation()
    alice, bob = await world.agent("alice"), await world.agent("bob")
    await store.assign_conversation(chat.id, alice.id, NOW + 1)
    await store.add_participant(chat.id, bob.id, HELPER, NOW + 2)
    await store.assign_conversation(chat.id, bob.id, NOW + 3)
    stored = await store.get_conversation(chat.id)
    assert stored is not None
    assert [(p.agent_id, p.role) for p in stored.present()] == [(bob.id, ParticipantRole.OWNER)]


async def test_closing_makes_everyone_leave_and_nobody_joins_after(
    store: Store, world: World
) -> None:
    chat = await world.conversation()
    alice, bob = await world.agent("alice"), await world.agent("bob")
    await store.assign_conversation(chat.id, alice.id, NOW + 1)
    await store.add_participant(chat.id, bob.id, SUPERVISOR, NOW + 2)
    await store.close_conversation(chat.id, NOW + 3, by=Actor.agent(alice.id))
    assert {p.left_at for p in await store.participants(chat.id)} == {NOW + 3}
    assert await store.add_participant(chat.id, bob.id, HELPER, NOW + 4) is None
    assert await store.add_participant(chat.id + 999, bob.id, HELPER, NOW + 4) is None


async def test_owners_are_not_added_by_hand(store: Store, world: World) -> None:
    chat = await world.conversation()
    alice = await world.agent("alice")
    with pytest.raises(StoreBug):
        await store.add_participant(chat.id, alice.id, ParticipantRole.OWNER, NOW)
    assert await store.participants(chat.id) == []
