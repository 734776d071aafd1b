"""A withdrawal judged on a read that another withdrawal overtook: the store's
compare-and-set refuses it, the relay judges again as it is now, and the agent is told
what it is told for a second withdrawal, never `internal`."""

from __future__ import annotations

import pytest

from relay.store.records import StoredMessage
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from tests.helpers.clients import VisitorClient
from tests.helpers.relay_fixtures import AGENT_NAME, RunningRelay, log_in


async def test_the_withdrawal_that_comes_second_is_told_it_was_withdrawn_already(
    relay: RunningRelay, monkeypatch: pytest.MonkeyPatch
) -> None:
    agent, _ = await log_in(relay)
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("Hello?")).conversation
    await agent.expect(frames.Message)
    mistake = await agent.say(conversation, "The course costs ¥2,300")
    store = relay.relay.store
    before = await store.get_message(conversation, mistake.seq)
    assert before is not None and not before.withdrawn
    alice = await store.get_agent(AGENT_NAME)
    assert alice is not None
    # The other withdrawal (say, from Alice's second computer) is stored first, while
    # this one's read still shows the message as it was.
    await store.withdraw_message(conversation, mistake.seq, alice, before.created_at + 1)
    reads = [before]
    real_get_message = store.get_message

    async def first_read_stale(
        conversation_id: int, seq: int, *, include_internal: bool = False
    ) -> StoredMessage | None:
        if reads:
            return reads.pop()
        return await real_get_message(conversation_id, seq, include_internal=include_internal)

    monkeypatch.setattr(store, "get_message", first_read_stale)
    await agent.send(frames.Withdraw(conversation=conversation, seq=mistake.seq))
    refused = await agent.expect(frames.Error)
    assert (refused.code, refused.detail) == (
        ErrorCode.CONFLICT,
        "this message was withdrawn already",
    )
    assert not reads  # the stale read was the one judged first
    assert len(await store.withdrawals(conversation)) == 1
    await visitor.close()
    await agent.close()
