"""Delivery guarantees over real sockets: stored once, acknowledged after commit, resumable."""

from __future__ import annotations

from shared_protocol import frames, limits
from shared_protocol.errors import ErrorCode
from tests.helpers.clients import AgentClient, VisitorClient, new_id
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay, restart_relay


async def test_message_resent_after_reconnect_is_stored_once(relay: RunningRelay) -> None:
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    message_id = new_id()
    first = await visitor.say("Is the Saturday class full?", message_id)
    await visitor.close()

    # The client did not see the ack (say it was lost) and sends the message again.
    again = await VisitorClient.connect(relay.url, token=welcome.token)
    assert (await again.expect(frames.Welcome)).visitor == welcome.visitor
    second = await again.say("Is the Saturday class full?", message_id)
    assert second.duplicate is True
    assert (second.conversation, second.seq) == (first.conversation, first.seq)
    stored = await relay.relay.store.messages_after(first.conversation, 0, 100)
    assert [m.client_id for m in stored] == [message_id]
    await again.close()


async def test_same_id_with_other_text_is_a_conflict_and_changes_nothing(
    relay: RunningRelay,
) -> None:
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    ack = await visitor.say("original", "m-1")
    await visitor.send(frames.VisitorSend(id="m-1", text="rewritten"))
    error = await visitor.expect(frames.Error)
    assert error.code == "conflict" and error.ref == "m-1"
    stored = await relay.relay.store.messages_after(ack.conversation, 0, 100)
    assert [m.text for m in stored] == ["original"]
    await visitor.close()


async def test_resume_delivers_what_was_missed_in_order_and_paged(relay: RunningRelay) -> None:
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await agent.expect(frames.LoginOk)
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    ack = await visitor.say("question 1")
    conversation = ack.conversation
    await visitor.close()

    # While the visitor is away the agent answers more than one page of messages.
    total = limits.HISTORY_PAGE_SIZE + 20
    for n in range(2, total + 1):
        await agent.say(conversation, f"answer {n}")

    back = await VisitorClient.connect(
        relay.url,
        token=welcome.token,
        resume=[frames.ResumePoint(conversation=conversation, after_seq=1)],
    )
    rejoined = await back.expect(frames.Welcome)
    assert rejoined.conversation is not None and rejoined.conversation.id == conversation
    page = await back.expect(frames.History)
    assert page.more is True
    seqs = [m.seq for m in page.messages]
    assert seqs == list(range(2, 2 + limits.HISTORY_PAGE_SIZE))
    await back.send(frames.Resume(conversation=conversation, after_seq=seqs[-1]))
    rest = await back.expect(frames.History)
    assert rest.more is False
    assert [m.seq for m in rest.messages] == list(range(seqs[-1] + 1, total + 1))
    assert rest.messages[-1].text == f"answer {total}"
    await back.close()
    await agent.close()


async def test_agent_resumes_from_its_last_sequence_number_at_login(relay: RunningRelay) -> None:
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    for n in range(1, 6):
        ack = await visitor.say(f"line {n}")
    agent = await AgentClient.connect(
        relay.url,
        user=AGENT_NAME,
        password=AGENT_PASSWORD,
        resume=[frames.ResumePoint(conversation=ack.conversation, after_seq=3)],
    )
    await agent.expect(frames.LoginOk)
    history = await agent.expect(frames.History)
    assert [m.text for m in history.messages] == ["line 4", "line 5"]
    await agent.close()
    await visitor.close()


async def test_messages_acknowledged_before_a_restart_are_there_after_it(
    relay: RunningRelay,
) -> None:
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    acks = [await visitor.say(f"message {n}") for n in range(20)]
    await visitor.close()
    await restart_relay(relay)

    back = await VisitorClient.connect(
        relay.url,
        token=welcome.token,
        resume=[frames.ResumePoint(conversation=acks[0].conversation, after_seq=0)],
    )
    await back.expect(frames.Welcome)
    history = await back.expect(frames.History)
    assert [m.seq for m in history.messages] == list(range(1, 21))
    assert (await back.say("after restart")).seq == 21
    await back.close()


async def _chat_with_alice(relay: RunningRelay) -> tuple[AgentClient, VisitorClient, int]:
    """Alice online and a visitor who asked something; returns them and the conversation."""
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await agent.expect(frames.LoginOk)
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("Is the Saturday class full?")).conversation
    await agent.expect(frames.Message)
    return agent, visitor, conversation


async def _resend(agent: AgentClient, conversation: int, text: str, message_id: str) -> frames.Ack:
    """Send a message again and take the answer, which must be an ack (not an error)."""
    agent.take_all(frames.Error)  # the answer is the next ack or error, nothing older
    await agent.send(frames.AgentSend(id=message_id, conversation=conversation, text=text))
    while not isinstance(answer := await agent.expect(frames.Frame), frames.Ack | frames.Error):
        pass
    assert isinstance(answer, frames.Ack), answer
    return answer


async def test_an_agent_resend_after_the_chat_closed_gets_the_original_ack(
    relay: RunningRelay,
) -> None:
    agent, visitor, conversation = await _chat_with_alice(relay)
    first = await agent.say(conversation, "stored before close", "dupclose")
    await visitor.expect(frames.Message)
    await agent.send(frames.Close(conversation=conversation))
    await agent.expect(frames.ConversationClosed)

    # The ack was lost, say: the app sends the message again after the chat closed.
    again = await _resend(agent, conversation, "stored before close", "dupclose")
    assert again.duplicate is True
    assert (again.conversation, again.seq, again.ts) == (conversation, first.seq, first.ts)

    # Only the very same message is acknowledged; a new one is still refused.
    await agent.send(frames.AgentSend(id="dupclose", conversation=conversation, text="edited"))
    conflict = await agent.expect(frames.Error)
    assert (conflict.code, conflict.ref) == (ErrorCode.CONFLICT, "dupclose")
    await agent.send(frames.AgentSend(id="late", conversation=conversation, text="hi"))
    refused = await agent.expect(frames.Error)
    assert (refused.code, refused.ref) == (ErrorCode.CONVERSATION_CLOSED, "late")
    stored = await relay.relay.store.messages_after(conversation, 0, 100)
    assert [m.text for m in stored] == ["Is the Saturday class full?", "stored before close"]
    assert visitor.take_all(frames.Message) == []
    await visitor.close()
    await agent.close()


async def test_a_resend_of_a_withdrawn_message_gets_the_original_ack_and_stays_withdrawn(
    relay: RunningRelay,
) -> None:
    agent, visitor, conversation = await _chat_with_alice(relay)
    first = await agent.say(conversation, "It costs ¥2,300.", "wrong-price")
    await visitor.expect(frames.Message)
    # The ack was lost; meanwhile Alice withdrew the message from her other machine.
    other = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await other.expect(frames.LoginOk)
    await other.send(frames.Withdraw(conversation=conversation, seq=first.seq))
    await visitor.expect(frames.MessageWithdrawn)
    await agent.expect(frames.MessageWithdrawn)

    again = await _resend(agent, conversation, "It costs ¥2,300.", "wrong-price")
    assert again.duplicate is True
    assert (again.conversation, again.seq) == (conversation, first.seq)
    await agent.send(frames.AgentSend(id="wrong-price", conversation=conversation, text="¥3,200"))
    conflict = await agent.expect(frames.Error)
    assert (conflict.code, conflict.ref) == (ErrorCode.CONFLICT, "wrong-price")

    # Nothing was delivered again: the next message anyone gets is the next one sent.
    following = await agent.say(conversation, "Sorry, it costs ¥3,200.")
    assert following.seq == first.seq + 1
    assert (await visitor.expect(frames.Message)).message.seq == following.seq
    assert (await other.expect(frames.Message)).message.seq == following.seq
    stored = await relay.relay.store.messages_after(conversation, 0, 100)
    assert [(m.seq, m.text, m.withdrawn) for m in stored] == [
        (1, "Is the Saturday class full?", False),
        (first.seq, "", True),
        (following.seq, "Sorry, it costs ¥3,200.", False),
    ]

    # After the chat closed, the same resend is acknowledged the same way.
    await agent.send(frames.Close(conversation=conversation))
    await agent.expect(frames.ConversationClosed)
    late = await _resend(agent, conversation, "It costs ¥2,300.", "wrong-price")
    assert (late.duplicate, late.conversation, late.seq) == (True, conversation, first.seq)
    for client in (other, visitor, agent):
        await client.close()
