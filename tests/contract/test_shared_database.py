"""A back end that several relay processes write at once (PostgreSQL) numbers each
conversation's messages without gaps or twice-given numbers whichever relay appends,
and lets only one of two relays win a compare-and-set."""

from __future__ import annotations

import asyncio

from relay.store.base import Store
from relay.store.postgres.database import Connection, Database, Transaction
from relay.store.records import Conversation
from shared_protocol.lifecycle import conversation
from tests.contract.backends import Harness, PostgresHarness
from tests.contract.conftest import NOW, World, from_visitor


async def _send(store: Store, chat: Conversation, prefix: str, count: int) -> list[int]:
    """`count` messages, ten at a time (so that several share a commit)."""
    seqs: list[int] = []
    for start in range(0, count, 10):
        sent = await asyncio.gather(
            *(
                store.append_message(from_visitor(chat, f"{prefix}{n}"))
                for n in range(start, min(start + 10, count))
            )
        )
        seqs += [a.message.seq for a in sent]
    return seqs


async def test_two_relays_appending_to_one_conversation_number_it_without_gaps(
    shared: Harness,
) -> None:
    world = World(shared)
    chat, other_chat = await world.conversation(), await world.conversation()
    second = await shared.second_store()
    one, two, three = await asyncio.gather(
        _send(shared.store, chat, "a", 200),
        _send(second, chat, "b", 200),
        _send(second, other_chat, "c", 50),
    )
    assert sorted(one + two) == list(range(1, 401))  # gapless, each number once
    assert one == sorted(one) and two == sorted(two)  # each relay's in the order it sent
    assert three == list(range(1, 51))
    stored = await shared.store.messages_after(chat.id, 0, 1000)
    assert [m.seq for m in stored] == list(range(1, 401))
    read = await second.get_conversation(chat.id)
    assert read is not None and read.last_seq == 400


async def test_the_same_message_sent_through_two_relays_is_stored_once(shared: Harness) -> None:
    world = World(shared)
    chat = await world.conversation()
    second = await shared.second_store()
    results = await asyncio.gather(
        *(s.append_message(from_visitor(chat, "same", "hi")) for s in (shared.store, second)),
    )
    assert sorted(r.duplicate for r in results) == [False, True]
    assert results[0].message == results[1].message
    assert (await second.append_message(from_visitor(chat, "next"))).message.seq == 2


async def test_of_two_relays_accepting_at_once_exactly_one_wins(shared: Harness) -> None:
    world = World(shared)
    second = await shared.second_store()
    for round_ in range(10):
        chat = await world.conversation()
        alice, bob = await world.agent(f"alice{round_}"), await world.agent(f"bob{round_}")
        read = chat.state()
        tries = [
            conversation.apply(read, conversation.Accept(agent=agent.id), NOW)
            for agent in (alice, bob)
        ]
        won = await asyncio.gather(
            *(
                store.transition_conversation(chat.id, read, *attempt)
                for store, attempt in zip((shared.store, second), tries, strict=True)
            )
        )
        assert sorted(won) == [False, True]
        winner = (alice, bob)[won.index(True)]
        stored = await second.get_conversation(chat.id)
        assert stored is not None and stored.agent_id == winner.id
        assert [p.agent_id for p in stored.present()] == [winner.id]
        kinds = [e.kind for e in await shared.store.conversation_events(chat.id)]
        assert kinds == ["created", "accepted"]


async def test_a_transaction_that_deadlocks_with_another_runs_again(shared: Harness) -> None:
    # Two relays' transactions lock two rows in opposite orders: PostgreSQL breaks the
    # deadlock by failing one, which runs again from the start; both end up stored.
    assert isinstance(shared, PostgresHarness)
    world = World(shared)
    first, second = await world.conversation(), await world.conversation()
    both_hold_one = asyncio.Barrier(2)
    runs: list[str] = []

    def crossing(name: str, one: int, other: int) -> Transaction[None]:
        async def run(db: Connection) -> None:
            runs.append(name)
            await db.execute("UPDATE conversations SET offline = true WHERE id = $1", one)
            if runs.count(name) == 1:  # only the first time: wait till both hold a row
                await both_hold_one.wait()
            await db.execute("UPDATE conversations SET offline = true WHERE id = $1", other)

        return run

    databases = [Database(shared.url), Database(shared.url)]
    for database in databases:
        await database.open()
    try:
        await asyncio.gather(
            databases[0].transaction(crossing("a", first.id, second.id)),
            databases[1].transaction(crossing("b", second.id, first.id)),
        )
    finally:
        for database in databases:
            await database.close()
    assert sorted(runs) in (["a", "a", "b"], ["a", "b", "b"])  # one of them ran again
    for chat in (first, second):
        read = await shared.store.get_conversation(chat.id)
        assert read is not None and read.offline
