"""A conversation is its owner's: colleagues cannot take it or post into it while the owner
is online; an admin can, and anyone can once the owner is offline."""

from __future__ import annotations

import time

from relay.core.credentials import hash_password
from relay.store.records import Role
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay

PASSWORD = "a long enough password"


async def agent(relay: RunningRelay, name: str, role: Role = "agent") -> AgentClient:
    store = relay.relay.store
    if await store.get_agent(name) is None:
        await store.add_agent(name, name.title(), role, hash_password(PASSWORD), time.time())
    client = await AgentClient.connect(relay.url, user=name, password=PASSWORD)
    await client.expect(frames.LoginOk)
    return client


async def held_by_bob(relay: RunningRelay) -> tuple[VisitorClient, AgentClient, int]:
    """A visitor's conversation that Bob accepted."""
    bob = await agent(relay, "bob")
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("Is the clinic open on Sunday?")).conversation
    await bob.send(frames.Accept(conversation=conversation))
    updated = await bob.expect(frames.ConversationUpdated)
    assert updated.conversation.agent is not None
    await visitor.expect(frames.AgentJoined)
    return visitor, bob, conversation


async def test_a_colleague_cannot_take_or_answer_a_chat_its_online_owner_holds(
    relay: RunningRelay,
) -> None:
    visitor, bob, conversation = await held_by_bob(relay)
    carol = await agent(relay, "carol")
    await carol.send(frames.Accept(conversation=conversation))
    refused = await carol.expect(frames.Error)
    assert refused.code is ErrorCode.FORBIDDEN and "Bob is answering" in refused.detail

    await carol.send(frames.AgentSend(id="carol-1", conversation=conversation, text="Hi!"))
    refused = await carol.expect(frames.Error)
    assert (refused.code, refused.ref) == (ErrorCode.FORBIDDEN, "carol-1")
    # Nothing of it reached the visitor or the transcript; Bob still answers.
    ack = await bob.say(conversation, "Yes, 9 to 1.")
    assert ack.seq == 2
    reply = await visitor.expect(frames.Message)
    assert reply.message.text == "Yes, 9 to 1." and reply.message.author_name == "Bob"
    for client in (visitor, bob, carol):
        await client.close()


async def test_an_admin_takes_over_a_chat_from_an_online_owner(relay: RunningRelay) -> None:
    visitor, bob, conversation = await held_by_bob(relay)
    admin = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    welcome = await admin.expect(frames.LoginOk)
    ack = await admin.say(conversation, "I'll take this one.")
    assert ack.seq == 2
    joined = await visitor.expect(frames.AgentJoined)
    assert joined.agent.name == "Alice"
    updated = await bob.expect(frames.ConversationUpdated)
    assert updated.conversation.agent == welcome.agent.id
    for client in (visitor, bob, admin):
        await client.close()


async def test_anyone_takes_over_a_chat_whose_owner_went_offline(relay: RunningRelay) -> None:
    visitor, bob, conversation = await held_by_bob(relay)
    carol = await agent(relay, "carol")
    bob_left = carol.expect(frames.AgentPresence)
    await bob.close()
    assert (await bob_left).agent.status is frames.AgentStatus.OFFLINE
    await carol.send(frames.Accept(conversation=conversation))
    updated = await carol.expect(frames.ConversationUpdated)
    assert updated.conversation.agent is not None
    joined = await visitor.expect(frames.AgentJoined)
    assert joined.agent.name == "Carol"
    await visitor.close()
    await carol.close()


async def test_two_agents_accepting_at_once_one_wins_and_the_log_says_who(
    relay: RunningRelay,
) -> None:
    bob, carol = await agent(relay, "bob"), await agent(relay, "carol")
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("Can I book for Monday?")).conversation
    await bob.send(frames.Accept(conversation=conversation))
    await carol.send(frames.Accept(conversation=conversation))
    joined = await visitor.expect(frames.AgentJoined)
    loser = carol if joined.agent.name == "Bob" else bob
    refused = await loser.expect(frames.Error)
    assert refused.code is ErrorCode.FORBIDDEN and joined.agent.name in refused.detail
    await visitor.send(frames.Close(conversation=conversation))
    await bob.expect(frames.ConversationClosed)
    events = await relay.relay.store.conversation_events(conversation)
    assert [e.kind for e in events] == ["created", "accepted", "closed"]
    winner = await relay.relay.store.get_agent(joined.agent.name.lower())
    assert winner is not None and events[1].actor.id == winner.id
    for client in (visitor, bob, carol):
        await client.close()


async def test_a_resend_after_losing_the_chat_is_acknowledged_and_takes_nothing(
    relay: RunningRelay,
) -> None:
    visitor, bob, conversation = await held_by_bob(relay)
    reply = frames.AgentSend(id="b1", conversation=conversation, text="We open at 9.")
    await bob.send(reply)
    assert (await bob.expect(frames.Ack)).seq == 2
    admin = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await admin.expect(frames.LoginOk)
    await admin.send(frames.Accept(conversation=conversation))  # takes it from Bob
    assert (await visitor.expect(frames.AgentJoined)).agent.name == "Alice"
    await bob.send(reply)  # the app never saw the ack: it resends
    again = await bob.expect(frames.Ack)
    assert (again.seq, again.duplicate) == (2, True)
    await admin.close()  # the holder gone: a resend could now take the chat, and must not
    await bob.send(reply)
    assert (await bob.expect(frames.Ack)).duplicate
    await visitor.say("Thanks")
    assert visitor.take_all(frames.AgentJoined) == []
    stored = await relay.relay.store.get_conversation(conversation)
    admin_id = (await relay.relay.store.get_agent(AGENT_NAME)).id  # type: ignore[union-attr]
    assert stored is not None and stored.agent_id == admin_id
    for client in (visitor, bob):
        await client.close()


async def test_an_owner_set_to_offline_can_be_relieved_and_away_cannot(
    relay: RunningRelay,
) -> None:
    visitor, bob, conversation = await held_by_bob(relay)
    carol = await agent(relay, "carol")
    await bob.send(frames.SetStatus(status=frames.AgentStatus.AWAY))
    await carol.expect(frames.AgentPresence)
    await carol.send(frames.Accept(conversation=conversation))
    assert (await carol.expect(frames.Error)).code is ErrorCode.FORBIDDEN
    await carol.send(frames.Close(conversation=conversation))
    assert (await carol.expect(frames.Error)).code is ErrorCode.FORBIDDEN
    await bob.send(frames.SetStatus(status=frames.AgentStatus.OFFLINE))
    await carol.expect(frames.AgentPresence)
    await carol.send(frames.Accept(conversation=conversation))
    assert (await visitor.expect(frames.AgentJoined)).agent.name == "Carol"
    await carol.send(frames.Close(conversation=conversation))
    await visitor.expect(frames.ConversationClosed)
    for client in (visitor, bob, carol):
        await client.close()


async def test_a_colleague_typing_in_a_chat_they_do_not_answer_is_not_shown(
    relay: RunningRelay,
) -> None:
    visitor, bob, conversation = await held_by_bob(relay)
    carol = await agent(relay, "carol")
    await carol.send(frames.AgentTypingSet(conversation=conversation, active=True))
    await bob.send(frames.AgentTypingSet(conversation=conversation, active=True))
    typing = await visitor.expect(frames.AgentTyping)
    assert typing.name == "Bob"
    await bob.say(conversation, "One moment.")
    await visitor.expect(frames.Message)
    assert visitor.take_all(frames.AgentTyping) == []
    for client in (visitor, bob, carol):
        await client.close()
