"""Well-formed but hostile frames over real sockets: numbers out of range and deep nesting
are refused with `bad_frame` at decoding, and a relay bug can neither be triggered without
end nor fill the log."""

from __future__ import annotations

import asyncio
import logging

import msgspec
import pytest
from websockets.asyncio.client import connect

from relay import failures
from relay.store import Store
from shared_protocol import frames, limits
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay, log_in


async def _visitor(relay: RunningRelay) -> VisitorClient:
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    return visitor


async def _agent(relay: RunningRelay) -> AgentClient:
    agent, _ = await log_in(relay)
    return agent


async def test_a_visitor_resume_past_2_to_the_64_is_a_bad_frame_and_the_chat_goes_on(
    relay: RunningRelay,
) -> None:
    visitor = await _visitor(relay)
    await visitor.ws.send('{"type":"resume","conversation":18446744073709551616,"after_seq":0}')
    assert (await visitor.expect(frames.Error)).code == "bad_frame"
    await visitor.ws.send('{"type":"read","conversation":1,"seq":9223372036854775808}')
    assert (await visitor.expect(frames.Error)).code == "bad_frame"
    assert (await visitor.say("still here")).seq == 1
    await visitor.close()


async def test_an_agent_accept_of_conversation_2_to_the_64_minus_1_is_a_bad_frame(
    relay: RunningRelay,
) -> None:
    agent = await _agent(relay)
    for frame in (
        {"type": "accept", "conversation": 2**64 - 1},
        {"type": "withdraw", "conversation": 1, "seq": 2**63},
        {"type": "details", "visitor": 2**63 - 1},
        {"type": "phrase_delete", "id": 2**53},
    ):
        await agent.ws.send(msgspec.msgpack.encode(frame))
        assert (await agent.expect(frames.Error)).code == "bad_frame", frame
    visitor = await _visitor(relay)
    ack = await visitor.say("hello?")
    assert (await agent.say(ack.conversation, "hello!")).seq == 2
    await visitor.close()
    await agent.close()


async def test_a_first_frame_with_a_number_out_of_range_is_a_bad_frame_and_closes(
    relay: RunningRelay,
) -> None:
    hello = frames.Hello(v=1, site="demo")
    raw = msgspec.json.encode(msgspec.structs.replace(hello, resume=[]))
    raw = raw[:-1] + b',"resume":[{"conversation":9223372036854775808,"after_seq":0}]}'
    visitor = await VisitorClient.connect(relay.url, hello=False)
    await visitor.ws.send(raw.decode())
    assert (await visitor.expect(frames.Error)).code == "bad_frame"
    await asyncio.wait_for(visitor.closed.wait(), 5)
    assert visitor.ws.close_code == 1008

    async with connect(f"{relay.url}/ws/agent", compression=None) as ws:
        login = {"type": "login", "v": 1, "user": AGENT_NAME, "password": AGENT_PASSWORD}
        login["resume"] = [{"conversation": 2**64 - 1, "after_seq": 0}]
        await ws.send(msgspec.msgpack.encode(login))
        error = msgspec.msgpack.decode(await ws.recv(decode=False), type=frames.Error)
        assert error.code == "bad_frame"
        await asyncio.wait_for(ws.wait_closed(), 5)
        assert ws.close_code == 1008


async def test_deep_nesting_is_a_bad_frame_on_both_endpoints(relay: RunningRelay) -> None:
    visitor = await _visitor(relay)
    agent = await _agent(relay)
    arrays = "[" * 5000 + "]" * 5000
    await visitor.ws.send('{"type":"typing","text":"","later":' + arrays + "}")
    await visitor.ws.send('{"type":"page_view","page":{"url":"/","later":' + arrays + "}}")
    for _ in range(2):
        error = await visitor.expect(frames.Error)
        assert (error.code, "nest" in error.detail) == ("bad_frame", True)
    maps = b"\x81\xa1k" * 4000 + b"\xc0"  # the 4,000-deep map
    await agent.ws.send(b"\x83\xa4type\xa6accept\xacconversation\x01\xa5later" + maps)
    error = await agent.expect(frames.Error)
    assert (error.code, "nest" in error.detail) == ("bad_frame", True)
    # Just inside the limit, an unknown field is ignored as the schema rules say.
    inside = "[" * (limits.MAX_NESTING_DEPTH - 1) + "]" * (limits.MAX_NESTING_DEPTH - 1)
    await visitor.ws.send('{"type":"message","id":"m1","text":"hi","later":' + inside + "}")
    assert (await visitor.expect(frames.Ack)).seq == 1
    await visitor.close()
    await agent.close()


@pytest.mark.relay_settings(abuse_strikes=5)
async def test_relay_bugs_count_as_refusals_and_log_one_traceback(
    relay: RunningRelay, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(self: Store, conversation_id: int) -> None:
        raise ZeroDivisionError("a bug in the store")

    monkeypatch.setattr(failures, "failures", failures.FailureLog())
    visitor = await _visitor(relay)
    store = relay.relay.store
    monkeypatch.setattr(type(store), "get_conversation", broken)
    with caplog.at_level(logging.INFO, logger="parley.endpoints"):
        for _ in range(6):  # one more than the 5 refusals a minute this relay allows
            await visitor.send(frames.Resume(conversation=1, after_seq=0))
        for _ in range(6):
            assert (await visitor.expect(frames.Error)).code == "internal"
        await asyncio.wait_for(visitor.closed.wait(), 5)
    assert visitor.ws.close_code == 1008
    tracebacks = [r for r in caplog.records if r.exc_info is not None]
    assert [r.getMessage() for r in tracebacks] == [
        "event=handler_failed error=ZeroDivisionError frame=Resume"
    ]


async def test_a_relay_bug_at_hello_is_internal_closes_once_and_leaves_no_ghost(
    relay: RunningRelay, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(self: Store, conversation_id: int) -> None:
        raise ZeroDivisionError("a bug in the store")

    monkeypatch.setattr(failures, "failures", failures.FailureLog())
    first = await _visitor(relay)
    ack = await first.say("hi")
    await first.close()
    monkeypatch.setattr(type(relay.relay.store), "get_conversation", broken)
    agent = await _agent(relay)
    again = await VisitorClient.connect(
        relay.url, resume=[frames.ResumePoint(conversation=ack.conversation, after_seq=0)]
    )
    welcome = await again.expect(frames.Welcome)  # the bug comes after it, with the resume
    assert (await again.expect(frames.Error)).code == "internal"
    await asyncio.wait_for(again.closed.wait(), 5)
    assert again.ws.close_code == 1008
    # It had joined the hub before the bug: agents must see it leave, not a ghost online.
    await agent.expect_gone(welcome.visitor)
    await agent.close()
