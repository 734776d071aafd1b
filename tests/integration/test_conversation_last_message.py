"""ConversationInfo.last_message through a real relay: every conversation an agent is told
about carries its newest message as history shows it (withdrawn ones emptied), from the
login snapshot on, across a restart; visitors are not sent it."""

from __future__ import annotations

from shared_protocol import frames
from shared_protocol.frames import AuthorKind
from tests.helpers.clients import AgentClient, VisitorClient, new_id
from tests.helpers.relay_fixtures import (
    RunningRelay,
    log_in,
    restart_relay,
)


async def newest_in_history(agent: AgentClient, conversation: int) -> frames.ChatMessage:
    """The conversation's last message as `resume` from 0 shows it (one page suffices)."""
    await agent.send(frames.Resume(conversation=conversation, after_seq=0))
    history = await agent.expect(frames.History)
    assert history.conversation == conversation and not history.more
    return history.messages[-1]


async def test_a_fresh_login_lists_each_open_conversation_with_its_last_message_across_a_restart(
    relay: RunningRelay,
) -> None:
    agent, _ = await log_in(relay)
    visitors = [await VisitorClient.connect(relay.url) for _ in range(5)]
    for visitor in visitors:
        await visitor.expect(frames.Welcome)
    asked = [(await v.say(f"Question {n}?")).conversation for n, v in enumerate(visitors)]
    only_asked, answered, withdrawn, quoting, closed = asked
    await visitors[0].say("And a second one?")
    await agent.say(answered, "Two places left.")
    mistake = await agent.say(withdrawn, "¥3,100")
    await agent.send(frames.Withdraw(conversation=withdrawn, seq=mistake.seq))
    await agent.expect(frames.MessageWithdrawn)
    wrong = await agent.say(quoting, "¥9,999")
    await agent.send(
        frames.AgentSend(
            id=new_id(), conversation=quoting, text="Sorry, ¥3,200", reply_to=wrong.seq
        )
    )
    await agent.expect(frames.Ack)
    await agent.send(frames.Withdraw(conversation=quoting, seq=wrong.seq))  # quoted one
    await agent.expect(frames.MessageWithdrawn)
    await agent.send(frames.Close(conversation=closed))
    await agent.expect(frames.ConversationClosed)

    expected = {c: await newest_in_history(agent, c) for c in asked[:4]}
    assert expected[only_asked].text == "And a second one?"
    assert expected[answered].author is AuthorKind.AGENT
    assert expected[answered].text == "Two places left."
    assert expected[withdrawn].withdrawn and expected[withdrawn].text == ""
    quote = expected[quoting].reply_to
    assert quote is not None and quote.withdrawn and quote.text == ""

    fresh, snapshot = await log_in(relay)
    assert {c.id: c.last_message for c in snapshot.conversations} == expected
    await fresh.close()
    await agent.close()
    for visitor in visitors:
        await visitor.close()

    await restart_relay(relay)
    after, snapshot = await log_in(relay)
    assert {c.id: c.last_message for c in snapshot.conversations} == expected
    await after.close()


async def test_a_conversation_without_messages_has_none_and_welcome_never_carries_it(
    relay: RunningRelay,
) -> None:
    agent, _ = await log_in(relay)
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    await visitor.say("Hello?")
    # The conversation is opened before its first message is stored: nothing to carry yet.
    told_agent = (await agent.expect(frames.ConversationOpened)).conversation
    told_visitor = (await visitor.expect(frames.ConversationOpened)).conversation
    assert told_agent.last_message is None and told_visitor.last_message is None
    await visitor.close()

    # A returning visitor's welcome names the open conversation, without its last message.
    back = await VisitorClient.connect(relay.url, token=welcome.token)
    again = await back.expect(frames.Welcome)
    assert again.conversation is not None and again.conversation.id == told_agent.id
    assert again.conversation.last_seq == 1
    assert again.conversation.last_message is None
    await back.close()
    await agent.close()


async def test_conversation_updated_and_visitor_details_carry_the_last_message(
    relay: RunningRelay,
) -> None:
    agent, _ = await log_in(relay)
    watcher, _ = await log_in(relay)
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("Is the Saturday class full?")).conversation
    asked = (await agent.expect(frames.Message)).message

    # The first reply takes the conversation: the update carries what was last before it.
    reply = await agent.say(conversation, "Two places left.")
    updated = (await watcher.expect(frames.ConversationUpdated)).conversation
    assert updated.id == conversation and updated.agent is not None
    assert updated.last_message == asked

    # A new contact updates the conversation: now the reply is the newest message.
    await visitor.send(frames.Profile(name="Wang Fang", email="fang@example.com"))
    updated = (await watcher.expect(frames.ConversationUpdated)).conversation
    assert updated.contact is not None and updated.contact.name == "Wang Fang"
    assert updated.last_message is not None
    assert (updated.last_message.seq, updated.last_message.text) == (reply.seq, "Two places left.")
    assert updated.last_message.author is AuthorKind.AGENT

    # Details list closed conversations too; their last message comes from the record.
    await agent.send(frames.Withdraw(conversation=conversation, seq=reply.seq))
    await agent.expect(frames.MessageWithdrawn)
    await agent.send(frames.Close(conversation=conversation))
    await agent.expect(frames.ConversationClosed)
    await agent.send(frames.DetailsRequest(visitor=welcome.visitor))
    [closed] = (await agent.expect(frames.VisitorDetails)).conversations
    assert closed.id == conversation
    assert closed.last_message is not None
    assert closed.last_message.seq == reply.seq
    assert closed.last_message.withdrawn and closed.last_message.text == ""
    for client in (visitor, watcher, agent):
        await client.close()
