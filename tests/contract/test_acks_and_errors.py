"""Every back end answers a write only once it is committed (what lets the relay
acknowledge a message), and fails in one of two ways: the environment's (nothing stored,
try again: StoreUnavailable) or ours (StoreBug), never taking the store down with it."""

from __future__ import annotations

import asyncio
import functools

import pytest

from relay.store.base import Store
from relay.store.errors import DuplicateName, StoreBug, StoreUnavailable
from relay.store.records import Appended, ParticipantRole
from tests.contract.backends import Harness
from tests.contract.conftest import NOW, World, from_visitor


async def test_each_answer_comes_after_its_message_is_committed(
    harness: Harness, world: World
) -> None:
    chat = await world.conversation()
    seen_at_answer: dict[str, bool] = {}

    def answered(client_id: str, future: asyncio.Future[Appended]) -> None:
        # Where the relay sends the ack: the message must be readable from outside.
        seen_at_answer[client_id] = client_id in harness.committed_client_ids()

    futures = []
    for n in range(50):
        future = harness.store.queue_message(from_visitor(chat, f"m{n}"))
        future.add_done_callback(functools.partial(answered, f"m{n}"))
        futures.append(future)
    await asyncio.gather(*futures)
    assert seen_at_answer == {f"m{n}": True for n in range(50)}


async def test_what_was_answered_survives_a_restart(harness: Harness, world: World) -> None:
    chat = await world.conversation()
    sent = await asyncio.gather(
        *(harness.store.append_message(from_visitor(chat, f"m{n}")) for n in range(20))
    )
    store = await harness.reopen()
    kept = await store.messages_after(chat.id, 0, 100)
    assert kept == [appended.message for appended in sent]


async def test_an_environment_failure_stores_nothing_and_a_retry_succeeds(
    harness: Harness, world: World
) -> None:
    store = harness.store
    chat = await world.conversation()
    async with harness.environment_fails():
        results = await asyncio.gather(
            store.append_message(from_visitor(chat, "m1")),
            store.add_agent("alice", "Alice", "agent", "hash", NOW),
            return_exceptions=True,
        )
    assert [type(r) for r in results] == [StoreUnavailable, StoreUnavailable]
    assert harness.committed_client_ids() == set()
    assert await store.get_agent("alice") is None
    again = await store.append_message(from_visitor(chat, "m1"))  # the client resends
    assert not again.duplicate and again.message.seq == 1
    assert (await store.add_agent("alice", "Alice", "agent", "hash", NOW)).name == "alice"


async def test_bugs_are_bugs_and_the_store_goes_on(store: Store, world: World) -> None:
    chat = await world.conversation()
    alice = await world.agent("alice")
    site = world.site
    assert site is not None
    with pytest.raises(StoreBug):
        await store.set_agent_departments("alice", [12345])  # no such department
    with pytest.raises(StoreBug):
        await store.add_participant(chat.id, alice.id, ParticipantRole.OWNER, NOW)
    billing = await store.add_department(site.id, "Billing", NOW)
    with pytest.raises(DuplicateName):  # the caller's answer, not a failure of the store
        await store.add_department(site.id, "Billing", NOW)
    assert not issubclass(StoreBug, StoreUnavailable) and not issubclass(StoreUnavailable, StoreBug)
    assert await store.set_agent_departments("alice", [billing.id])
    assert (await store.append_message(from_visitor(chat, "after"))).message.seq == 1
