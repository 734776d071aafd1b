"""Delivery guarantees over real sockets: stored once, acknowledged after commit, resumable."""

from __future__ import annotations

from pathlib import Path

from shared_protocol import frames, limits
from tests.helpers.clients import AgentClient, VisitorClient, new_id
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay, start_relay


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


async def test_messages_acknowledged_before_a_restart_are_there_after_it(tmp_path: Path) -> None:
    running = await start_relay(tmp_path / "data")
    visitor = await VisitorClient.connect(running.url)
    welcome = await visitor.expect(frames.Welcome)
    acks = [await visitor.say(f"message {n}") for n in range(20)]
    await visitor.close()
    await running.relay.stop()

    from relay.app import Relay

    again = Relay(running.relay.config)
    port = await again.start()
    try:
        url = f"ws://127.0.0.1:{port}"
        back = await VisitorClient.connect(
            url,
            token=welcome.token,
            resume=[frames.ResumePoint(conversation=acks[0].conversation, after_seq=0)],
        )
        await back.expect(frames.Welcome)
        history = await back.expect(frames.History)
        assert [m.seq for m in history.messages] == list(range(1, 21))
        assert (await back.say("after restart")).seq == 21
        await back.close()
    finally:
        await again.stop()
