"""Read receipts both ways through a real relay: a mark per side and conversation that only
moves forward, stops at the last message, and is told only when it moved."""

from __future__ import annotations

import time

from relay.core.credentials import hash_password
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from shared_protocol.frames import AuthorKind
from tests.helpers.clients import VisitorClient
from tests.helpers.relay_fixtures import RunningRelay, log_in


async def test_a_visitor_reading_tells_agents_once_and_the_mark_only_moves_forward(
    relay: RunningRelay,
) -> None:
    agent, _ = await log_in(relay)
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("Is the Saturday class full?")).conversation
    await agent.say(conversation, "Two places left.")
    await agent.say(conversation, "Shall I keep one for you?")
    await visitor.expect(frames.Message)
    await visitor.expect(frames.Message)

    await visitor.send(frames.VisitorRead(conversation=conversation, seq=3))
    receipt = await agent.expect(frames.ReadReceipt)
    assert (receipt.conversation, receipt.seq, receipt.by, receipt.agent) == (
        conversation,
        3,
        AuthorKind.VISITOR,
        None,
    )
    assert receipt.ts >= welcome.server_time

    # Older, equal and beyond-the-end reads change nothing and are told to nobody.
    for seq in (2, 3, 0, 99):
        await visitor.send(frames.VisitorRead(conversation=conversation, seq=seq))
    await agent.say(conversation, "Your place is kept.")
    await visitor.expect(frames.Message)
    await visitor.send(frames.VisitorRead(conversation=conversation, seq=99))  # clamped to 4
    receipt = await agent.expect(frames.ReadReceipt)
    assert (receipt.seq, receipt.by) == (4, AuthorKind.VISITOR)
    assert agent.take_all(frames.ReadReceipt) == []
    assert visitor.take_all(frames.Error) == []  # stale reads are not errors
    assert visitor.take_all(frames.VisitorReadReceipt) == []  # visitors hear of agents only

    # The mark is the record's: a fresh login and the visitor's details carry it.
    later, snapshot = await log_in(relay)
    [seen] = snapshot.conversations
    assert (seen.visitor_read_seq, seen.agent_read_seq) == (4, 0)
    await later.send(frames.DetailsRequest(visitor=welcome.visitor))
    [stored] = (await later.expect(frames.VisitorDetails)).conversations
    assert (stored.visitor_read_seq, stored.agent_read_seq) == (4, 0)

    # Another visitor's conversation looks like a missing one; nothing is stored or told.
    stranger = await VisitorClient.connect(relay.url)
    await stranger.expect(frames.Welcome)
    await stranger.send(frames.VisitorRead(conversation=conversation, seq=4))
    assert (await stranger.expect(frames.Error)).code is ErrorCode.NOT_FOUND
    await stranger.send(frames.VisitorRead(conversation=conversation + 1000, seq=1))
    assert (await stranger.expect(frames.Error)).code is ErrorCode.NOT_FOUND
    assert agent.take_all(frames.ReadReceipt) == []
    for client in (stranger, later, visitor, agent):
        await client.close()


async def test_an_agent_reading_tells_the_visitor_and_the_other_agents(
    relay: RunningRelay,
) -> None:
    await relay.relay.store.add_agent(
        "bob", "Bob", "agent", hash_password("bob's pass"), time.time()
    )
    alice, alice_welcome = await log_in(relay)
    bob, bob_welcome = await log_in(relay, "bob", "bob's pass")
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("Hello?")).conversation
    await visitor.say("Anyone there?")

    await alice.send(frames.AgentRead(conversation=conversation, seq=2))
    told_visitor = await visitor.expect(frames.VisitorReadReceipt)
    assert (told_visitor.conversation, told_visitor.seq) == (conversation, 2)
    told_bob = await bob.expect(frames.ReadReceipt)
    assert (told_bob.seq, told_bob.by, told_bob.agent) == (
        2,
        AuthorKind.AGENT,
        alice_welcome.agent.id,
    )
    assert told_bob.ts == told_visitor.ts

    # Bob reading as far adds nothing: the mark is the conversation's, by any agent.
    await bob.send(frames.AgentRead(conversation=conversation, seq=2))
    await alice.send(frames.AgentRead(conversation=conversation + 1000, seq=1))
    assert (await alice.expect(frames.Error)).code is ErrorCode.NOT_FOUND
    await visitor.say("Hello??")
    await bob.send(frames.AgentRead(conversation=conversation, seq=3))
    assert (await visitor.expect(frames.VisitorReadReceipt)).seq == 3
    told_alice = await alice.expect(frames.ReadReceipt)
    assert (told_alice.seq, told_alice.agent) == (3, bob_welcome.agent.id)
    assert visitor.take_all(frames.VisitorReadReceipt) == []
    assert alice.take_all(frames.ReadReceipt) == []  # not her own read
    assert bob.take_all(frames.ReadReceipt) == []
    assert bob.take_all(frames.Error) == []

    # A visitor who comes back finds the mark in the welcome's conversation.
    await visitor.close()
    back = await VisitorClient.connect(relay.url, token=welcome.token)
    again = await back.expect(frames.Welcome)
    assert again.conversation is not None
    assert (again.conversation.agent_read_seq, again.conversation.visitor_read_seq) == (3, 0)
    for client in (back, bob, alice):
        await client.close()
