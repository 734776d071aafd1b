"""Every back end refuses a change that what is stored does not allow with a typed
StoreRefusal, changing nothing (the relay's handlers word each for the client): a
withdrawal of a message that is missing, not the agent's or withdrawn already (of two at
once, one wins), a phrase under a shortcut its owner uses already, an agent under a
taken name. None of them is a failure of the store."""

from __future__ import annotations

import asyncio

import pytest

from relay.store.base import Store
from relay.store.errors import (
    AlreadyWithdrawn,
    DuplicateName,
    MessageIdTaken,
    NoSuchMessage,
    NotYours,
    ShortcutTaken,
    StoreError,
    StoreRefusal,
)
from relay.store.records import PhraseDraft
from tests.contract.conftest import NOW, World, from_agent, from_visitor


@pytest.mark.parametrize(
    "refusal",
    [
        AlreadyWithdrawn,
        DuplicateName,
        MessageIdTaken,
        NoSuchMessage,
        NotYours,
        ShortcutTaken,
    ],
)
def test_refusals_are_not_failures_of_the_store(refusal: type[Exception]) -> None:
    assert issubclass(refusal, StoreRefusal) and not issubclass(refusal, StoreError)


async def test_a_message_that_is_missing_or_another_authors_is_not_withdrawn(
    store: Store, world: World
) -> None:
    chat = await world.conversation()
    alice, bob = await world.agent("alice"), await world.agent("bob")
    await store.append_message(from_visitor(chat, "v1", "hello"))
    await store.append_message(from_agent(chat, alice, "a1", "hi"))
    with pytest.raises(NoSuchMessage):
        await store.withdraw_message(chat.id, 3, alice, NOW + 1)
    with pytest.raises(NotYours):
        await store.withdraw_message(chat.id, 1, alice, NOW + 1)  # the visitor's
    with pytest.raises(NotYours):
        await store.withdraw_message(chat.id, 2, bob, NOW + 1)  # a colleague's
    messages = await store.messages_after(chat.id, 0, 10)
    assert [(m.text, m.withdrawn) for m in messages] == [("hello", False), ("hi", False)]
    assert await store.withdrawals(chat.id) == []


async def test_a_message_is_withdrawn_once(store: Store, world: World) -> None:
    chat = await world.conversation()
    alice = await world.agent("alice")
    sent = await store.append_message(from_agent(chat, alice, "a1", "oops"))
    await store.withdraw_message(chat.id, sent.message.seq, alice, NOW + 1)
    with pytest.raises(AlreadyWithdrawn):
        await store.withdraw_message(chat.id, sent.message.seq, alice, NOW + 2)
    (record,) = await store.withdrawals(chat.id)
    assert (record.text, record.withdrawn_at) == ("oops", NOW + 1)


async def test_of_two_withdrawals_at_once_one_wins(store: Store, world: World) -> None:
    chat = await world.conversation()
    alice = await world.agent("alice")
    sent = await store.append_message(from_agent(chat, alice, "a1", "oops"))
    outcomes = await asyncio.gather(
        store.withdraw_message(chat.id, sent.message.seq, alice, NOW + 1),
        store.withdraw_message(chat.id, sent.message.seq, alice, NOW + 2),
        return_exceptions=True,
    )
    assert sorted(type(o).__name__ for o in outcomes) == ["AlreadyWithdrawn", "Withdrawal"]
    assert len(await store.withdrawals(chat.id)) == 1


async def test_a_shortcut_is_its_owners_once(store: Store, world: World) -> None:
    alice, bob = await world.agent("alice"), await world.agent("bob")
    hi = PhraseDraft(title="Hello", text="Hi!", shortcut="hi")
    mine = await store.save_phrase(None, hi, alice.id, NOW)
    with pytest.raises(ShortcutTaken) as refused:
        await store.save_phrase(
            None, PhraseDraft(title="Again", text="x", shortcut="hi"), alice.id, NOW
        )
    assert refused.value.shortcut == "hi"
    other = await store.save_phrase(None, PhraseDraft(title="Other", text="x"), alice.id, NOW)
    with pytest.raises(ShortcutTaken):  # nor by changing another phrase to it
        await store.save_phrase(other.id, hi, alice.id, NOW + 1)
    # Another agent's own phrases and the shared ones have shortcuts of their own.
    theirs = await store.save_phrase(None, hi, bob.id, NOW)
    shared = await store.save_phrase(None, hi, None, NOW)
    assert {p.id for p in await store.phrases_for(alice.id)} == {mine.id, other.id, shared.id}
    assert (await store.phrases_for(bob.id))[0] == theirs
    assert [p.shortcut for p in await store.phrases_for(alice.id) if p.id == other.id] == [""]


async def test_a_taken_agent_name_is_refused(store: Store, world: World) -> None:
    await world.agent("alice")
    with pytest.raises(DuplicateName):
        await world.agent("alice")
