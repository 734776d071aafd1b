"""Frame rates hold per visitor, per address and per agent across connections; a client
that pipelines and resends after `retry_after` (protocol §5.7, §5.8) loses nothing and
stays connected; a sender that keeps sending while told to wait is shut out, visibly, and
gets the acks of everything stored before the close. Real sockets on 127.0.0.1; where
counts must be exact, the relay's clock stands still (tests/helpers/fake_clock.py)."""

from __future__ import annotations

import asyncio

import pytest

from shared_protocol import frames
from tests.helpers.clients import AgentClient, RawClient, VisitorClient, new_id
from tests.helpers.fake_clock import freeze
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay

CLOSE_TRY_AGAIN_LATER = 1013


async def _visitor(
    relay: RunningRelay, *, token: str | None = None, address: str | None = None
) -> VisitorClient:
    headers = {"X-Forwarded-For": address} if address else None
    return await VisitorClient.connect(relay.url, token=token, headers=headers)


async def _closed(client: RawClient) -> tuple[int | None, str | None]:
    await asyncio.wait_for(client.closed.wait(), 15)
    return client.ws.close_code, client.ws.close_reason


async def test_a_visitor_who_reconnects_with_its_token_stays_within_its_rate(
    relay: RunningRelay,
) -> None:
    """The issue's flood: refused after its burst, the visitor reconnected with its token
    and had 482 messages a second stored. Now its allowance follows it."""
    freeze(relay.relay)
    first = await _visitor(relay)
    token = (await first.expect(frames.Welcome)).token
    for n in range(50):  # the hello and 29 of these fill the burst of 30
        await first.send(frames.VisitorSend(id=f"first-{n}", text=f"first {n}"))
    refused = await first.expect(frames.Error)
    assert (refused.code, refused.retry_after) == ("rate_limited", 3.0)
    acks = [await first.expect(frames.Ack) for _ in range(29)]
    await first.close()
    for _ in range(5):
        again = await _visitor(relay, token=token)
        error = await again.expect(frames.Error)
        assert error.code == "rate_limited" and 0 < (error.retry_after or 0) <= 3.0
        assert await _closed(again) == (CLOSE_TRY_AGAIN_LATER, "rate_limited")
        assert again.take_all(frames.Welcome) == []
    history = await relay.relay.store.messages_after(acks[0].conversation, 0, 1000)
    assert [m.client_id for m in history] == [f"first-{n}" for n in range(29)]


# Behind a proxy on 127.0.0.1: visitors' addresses come from X-Forwarded-For.
@pytest.mark.relay_settings(trusted_proxies=["127.0.0.1"])
async def test_visitors_at_one_address_share_its_allowance_the_real_one_behind_a_proxy(
    relay: RunningRelay,
) -> None:
    clock = freeze(relay.relay)
    school = [await _visitor(relay, address="198.51.100.1") for _ in range(5)]
    for visitor in school:
        await visitor.expect(frames.Welcome)
    # 5 hellos and 5 x 24 messages from one address: 125 frames, 5 over its burst of 120,
    # though each visitor stays within its own 30.
    for n in range(24):
        for index, visitor in enumerate(school):
            await visitor.send(frames.VisitorSend(id=f"v{index}-{n}", text="hello"))
    # Each visitor's frames over the address's allowance are refused, once with a word.
    address = relay.relay.ctx.guards.addresses.of("198.51.100.1", clock.now)
    async with asyncio.timeout(10):
        for _ in range(1000):  # until the relay has read every frame
            if len(address.refused) >= 5:
                break
            await asyncio.sleep(0.01)
        acks: list[frames.Ack] = []
        while len(acks) < 115:
            await asyncio.sleep(0.01)
            acks += [ack for v in school for ack in v.take_all(frames.Ack)]
    errors = [e for v in school for e in v.take_all(frames.Error)]
    assert errors and {(e.code, e.retry_after) for e in errors} == {("rate_limited", 3.0)}
    conversations = {a.conversation for a in acks}
    stored = [await relay.relay.store.messages_after(c, 0, 100) for c in conversations]
    assert sum(len(messages) for messages in stored) == 115
    # Another address behind the same proxy is not affected.
    elsewhere = await _visitor(relay, address="198.51.100.2")
    await elsewhere.expect(frames.Welcome)
    assert (await elsewhere.say("from another school")).seq == 1
    for visitor in [*school, elsewhere]:
        await visitor.close()


async def _resend_until_all_acknowledged(
    client: VisitorClient | AgentClient, sent: dict[str, frames.Frame]
) -> list[frames.Ack]:
    """A client following §5.7 and §5.8: it sent `sent` at once; on `rate_limited` it waits
    `retry_after`, then resends every message that has no ack yet, in order."""
    unacked = dict(sent)
    acks: list[frames.Ack] = []
    while unacked:
        frame = await client.expect(frames.Frame)
        if isinstance(frame, frames.Ack):
            acks.append(frame)
            unacked.pop(frame.id, None)
        elif isinstance(frame, frames.Error):
            assert frame.code == "rate_limited", frame
            assert frame.retry_after is not None and frame.retry_after <= 4.0
            await asyncio.sleep(frame.retry_after)
            for ack in client.take_all(frames.Ack):
                acks.append(ack)
                unacked.pop(ack.id, None)
            for message in unacked.values():
                await client.send(message)
    return acks


async def test_a_visitor_that_pipelines_and_resends_after_retry_after_loses_nothing(
    relay: RunningRelay,
) -> None:
    """The tester's B3: hello, then 70 messages at once. Before: acks for 0-28, 31
    rate_limited, a close with 1008, and message 29 stored but never acknowledged."""
    visitor = await _visitor(relay)
    await visitor.expect(frames.Welcome)
    sent: dict[str, frames.Frame] = {}
    for n in range(70):
        sent[f"m{n}"] = frames.VisitorSend(id=f"m{n}", text=f"message {n}")
        await visitor.send(sent[f"m{n}"])
    acks = await _resend_until_all_acknowledged(visitor, sent)
    assert not visitor.closed.is_set()
    stored = await relay.relay.store.messages_after(acks[0].conversation, 0, 1000)
    assert [m.client_id for m in stored] == [f"m{n}" for n in range(70)]  # each once, in order
    assert {a.id: a.seq for a in acks if not a.duplicate} == {m.client_id: m.seq for m in stored}
    await visitor.close()


async def test_an_agent_that_pipelines_and_resends_after_retry_after_loses_nothing(
    relay: RunningRelay,
) -> None:
    """B3 for agents: 240 replies at once got 152 acks, 31 rate_limited and 1008."""
    visitor = await _visitor(relay)
    await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("hello?")).conversation
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await agent.expect(frames.LoginOk)
    sent: dict[str, frames.Frame] = {}
    for n in range(240):
        sent[f"r{n}"] = frames.AgentSend(id=f"r{n}", conversation=conversation, text=f"reply {n}")
        await agent.send(sent[f"r{n}"])
    await _resend_until_all_acknowledged(agent, sent)
    assert not agent.closed.is_set()
    stored = await relay.relay.store.messages_after(conversation, 1, 1000)
    assert [m.client_id for m in stored] == [f"r{n}" for n in range(240)]
    await agent.close()
    await visitor.close()


async def test_a_visitor_that_keeps_sending_while_told_to_wait_is_shut_out_with_every_ack_sent(
    relay: RunningRelay,
) -> None:
    clock = freeze(relay.relay)
    flooder = await _visitor(relay)
    token = (await flooder.expect(frames.Welcome)).token
    sent = [new_id() for _ in range(400)]
    for message_id in sent:
        await flooder.send(frames.VisitorSend(id=message_id, text="buy now"))
    code, reason = await _closed(flooder)
    assert (code, reason) == (CLOSE_TRY_AGAIN_LATER, "rate_limited")
    errors = flooder.take_all(frames.Error)
    assert [e.code for e in errors] == ["rate_limited", "rate_limited"]  # the wait, the shut-out
    assert errors[1].retry_after == 60.0 and "shut out for 60 s" in errors[1].detail
    acked = [a.id for a in flooder.take_all(frames.Ack)]
    assert acked == sent[:29]
    stored = await relay.relay.store.messages_after(1, 0, 1000)
    assert [m.client_id for m in stored] == acked  # nothing stored goes unacknowledged

    again = await _visitor(relay, token=token)
    error = await again.expect(frames.Error)
    assert (error.code, error.retry_after) == ("rate_limited", 60.0)
    assert await _closed(again) == (CLOSE_TRY_AGAIN_LATER, "rate_limited")
    clock.advance(60)
    back = await _visitor(relay, token=token)
    await back.expect(frames.Welcome)
    assert (await back.say("sorry")).seq == 30
    await back.close()


async def test_an_agent_allowance_holds_across_its_connections(relay: RunningRelay) -> None:
    freeze(relay.relay)
    visitor = await _visitor(relay)
    await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("hello?")).conversation
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    token = (await agent.expect(frames.LoginOk)).token
    for n in range(199):  # the login and these: the burst of 200
        await agent.send(frames.AgentTypingSet(conversation=conversation, active=n % 2 == 0))
    await agent.send(frames.AgentTypingSet(conversation=conversation, active=False))
    assert (await agent.expect(frames.Error)).code == "rate_limited"
    second = await AgentClient.connect(relay.url, token=token)
    error = await second.expect(frames.Error)
    assert error.code == "rate_limited" and 0 < (error.retry_after or 0) <= 4.0
    assert await _closed(second) == (CLOSE_TRY_AGAIN_LATER, "rate_limited")
    await agent.close()
    await visitor.close()
