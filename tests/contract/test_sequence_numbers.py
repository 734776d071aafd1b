"""Every back end numbers each conversation's messages 1, 2, 3… without gaps, in the
order they were queued, whoever appends, and goes on from there after a restart."""

from __future__ import annotations

import asyncio
import random

import pytest

from relay.store.base import Store
from relay.store.errors import MessageIdTaken, StoreBug
from relay.store.records import Conversation
from tests.contract.backends import Harness
from tests.contract.conftest import World, from_visitor


async def test_concurrent_appends_from_many_tasks_are_gapless_per_conversation(
    store: Store, world: World
) -> None:
    conversations = [await world.conversation() for _ in range(5)]
    shuffled = random.Random(12)

    async def sender(task: int) -> list[tuple[int, str, int]]:
        sent = []
        for n in range(40):
            conversation = shuffled.choice(conversations)
            appended = await store.append_message(from_visitor(conversation, f"t{task}-{n}"))
            sent.append((conversation.id, appended.message.client_id, appended.message.seq))
            if n % 7 == 0:
                await asyncio.sleep(0)  # let the other tasks in between
        return sent

    results = [r for task in await asyncio.gather(*(sender(t) for t in range(8))) for r in task]
    assert len(results) == 8 * 40
    for conversation in conversations:
        seqs = sorted(seq for c, _, seq in results if c == conversation.id)
        assert seqs == list(range(1, len(seqs) + 1))  # gapless, each number once
        stored = await store.messages_after(conversation.id, 0, 1000)
        assert [m.seq for m in stored] == seqs
        assert {m.client_id for m in stored} == {i for c, i, _ in results if c == conversation.id}
        read = await store.get_conversation(conversation.id)
        assert read is not None and read.last_seq == len(seqs)


async def test_messages_queued_together_are_numbered_in_the_order_queued(
    store: Store, world: World
) -> None:
    one, two = await world.conversation(), await world.conversation()
    queued = [store.queue_message(from_visitor((one, two)[n % 2], f"q{n}")) for n in range(30)]
    appended = await asyncio.gather(*queued)
    assert [a.message.seq for a in appended[0::2]] == list(range(1, 16))
    assert [a.message.seq for a in appended[1::2]] == list(range(1, 16))


async def test_numbering_goes_on_after_a_restart(harness: Harness, world: World) -> None:
    conversation = await world.conversation()
    for n in range(3):
        await harness.store.append_message(from_visitor(conversation, f"a{n}"))
    store = await harness.reopen()
    appended = await store.append_message(from_visitor(conversation, "after"))
    assert appended.message.seq == 4


async def test_a_refused_message_takes_no_number(store: Store, world: World) -> None:
    conversation = await world.conversation()
    await store.append_message(from_visitor(conversation, "x", "one"))
    with pytest.raises(MessageIdTaken):
        await store.append_message(from_visitor(conversation, "x", "two"))
    assert (await store.append_message(from_visitor(conversation, "y"))).message.seq == 2


async def test_a_message_for_a_missing_conversation_is_a_bug_that_harms_no_other(
    store: Store, world: World
) -> None:
    conversation = await world.conversation()
    missing = Conversation(conversation.id + 1000, 0, 0, conversation.status, None, 0, None, 0)
    lost, kept = await asyncio.gather(
        store.append_message(from_visitor(missing, "lost")),
        store.append_message(from_visitor(conversation, "kept")),
        return_exceptions=True,
    )
    assert isinstance(lost, StoreBug)
    assert not isinstance(kept, BaseException) and kept.message.seq == 1
