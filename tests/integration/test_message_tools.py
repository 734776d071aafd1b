"""Quote and withdraw through a real relay: both sides see them, the audit keeps the record."""

from __future__ import annotations

import time
from pathlib import Path

from relay.core.credentials import hash_password
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from shared_protocol.frames import AuthorKind
from tests.helpers.cli import cli
from tests.helpers.clients import AgentClient, VisitorClient, new_id
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay


async def chat(relay: RunningRelay) -> tuple[AgentClient, VisitorClient, int]:
    """Alice online, a visitor who asked something; returns them and the conversation."""
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await agent.expect(frames.LoginOk)
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    ack = await visitor.say("How much is the IELTS weekend course?")
    await agent.expect(frames.Message)
    return agent, visitor, ack.conversation


async def test_a_quoted_reply_carries_the_quote_to_the_visitor_and_into_history(
    relay: RunningRelay,
) -> None:
    agent, visitor, conversation = await chat(relay)
    await agent.send(
        frames.AgentSend(id=new_id(), conversation=conversation, text="¥3,200", reply_to=1)
    )
    ack = await agent.expect(frames.Ack)
    delivered = await visitor.expect(frames.Message)
    quote = delivered.message.reply_to
    assert quote == frames.Quote(
        seq=1, author=AuthorKind.VISITOR, text="How much is the IELTS weekend course?"
    )
    await visitor.send(frames.Resume(conversation=conversation, after_seq=ack.seq - 1))
    history = await visitor.expect(frames.History)
    assert history.messages[0].reply_to == quote

    # A quote of a message that is not in this chat is refused and nothing is stored.
    refused_id = new_id()
    await agent.send(
        frames.AgentSend(id=refused_id, conversation=conversation, text="?", reply_to=99)
    )
    error = await agent.expect(frames.Error)
    assert (error.code, error.ref) == (ErrorCode.NOT_FOUND, refused_id)
    assert len(await relay.relay.store.messages_after(conversation, 0, 10)) == 2
    await visitor.close()
    await agent.close()


async def test_a_withdrawn_message_goes_from_both_sides_and_the_audit_keeps_it(
    relay: RunningRelay,
) -> None:
    agent, visitor, conversation = await chat(relay)
    mistake = await agent.say(conversation, "The course costs ¥2,300")  # wrong price
    await visitor.expect(frames.Message)
    await agent.send(
        frames.AgentSend(id=new_id(), conversation=conversation, text="Sorry", reply_to=mistake.seq)
    )
    await agent.expect(frames.Ack)
    await visitor.expect(frames.Message)

    await agent.send(frames.Withdraw(conversation=conversation, seq=mistake.seq))
    told_visitor = await visitor.expect(frames.MessageWithdrawn)
    told_agent = await agent.expect(frames.MessageWithdrawn)
    assert told_visitor == told_agent
    assert (told_visitor.seq, told_visitor.by_name) == (mistake.seq, "Alice")

    await visitor.send(frames.Resume(conversation=conversation, after_seq=0))
    history = (await visitor.expect(frames.History)).messages
    assert [m.withdrawn for m in history] == [False, True, False]
    assert history[1].text == "" and "2,300" not in repr(history)  # gone, quote included
    assert history[2].reply_to is not None and history[2].reply_to.withdrawn

    [record] = await relay.relay.store.withdrawals(conversation)
    assert (record.seq, record.agent_name, record.text) == (
        mistake.seq,
        "Alice",
        "The course costs ¥2,300",
    )
    assert record.withdrawn_at >= record.sent_at

    # Twice is refused; so is a visitor's message, and another agent's.
    await agent.send(frames.Withdraw(conversation=conversation, seq=mistake.seq))
    assert (await agent.expect(frames.Error)).code is ErrorCode.CONFLICT
    await agent.send(frames.Withdraw(conversation=conversation, seq=1))
    assert (await agent.expect(frames.Error)).code is ErrorCode.FORBIDDEN
    await relay.relay.store.add_agent(
        "bob", "Bob", "agent", hash_password("bob's pass"), time.time()
    )
    bob = await AgentClient.connect(relay.url, user="bob", password="bob's pass")
    await bob.expect(frames.LoginOk)
    await bob.send(frames.Withdraw(conversation=conversation, seq=3))
    assert (await bob.expect(frames.Error)).code is ErrorCode.FORBIDDEN
    assert len(await relay.relay.store.withdrawals()) == 1

    # Admins read the record in the app; other agents may not.
    await agent.send(frames.WithdrawalsRequest(conversation=conversation))
    [seen] = (await agent.expect(frames.Withdrawals)).records
    assert (seen.seq, seen.agent_name, seen.text) == (
        mistake.seq,
        "Alice",
        "The course costs ¥2,300",
    )
    await bob.send(frames.WithdrawalsRequest())
    assert (await bob.expect(frames.Error)).code is ErrorCode.FORBIDDEN

    # IT staff read the record with the CLI, from another process.
    data = relay.relay.config.data_dir
    audit = cli(Path(data), "audit", "withdrawals", "--conversation", str(conversation))
    assert audit.returncode == 0, audit.stderr
    assert f"chat #{conversation} message {mistake.seq}" in audit.stdout
    assert "withdrawn by Alice (agent #1): The course costs ¥2,300" in audit.stdout
    for client in (bob, visitor, agent):
        await client.close()
