"""The transport as docs/protocol.md §1, §2 and §8 state it: visitors send text frames,
agents binary ones; a peer that does not answer pings is closed with the code §8 gives
for it. Real sockets on 127.0.0.1."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import msgspec
import pytest
from websockets.asyncio.client import connect

from shared_protocol import frames
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay

PROTOCOL = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"


def closing_codes() -> dict[int, str]:
    """§8's table: close code -> why."""
    section = PROTOCOL.read_text(encoding="utf-8").split("## 8. Closing codes", 1)[1]
    section = section.split("\n## ", 1)[0]
    return {int(m[1]): m[2] for m in re.finditer(r"^\| (\d{4}) \| (.+) \|$", section, re.M)}


async def test_a_binary_frame_on_the_visitor_endpoint_is_a_bad_frame_and_nothing_is_stored(
    relay: RunningRelay,
) -> None:
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    message = {"type": "message", "id": "sent-as-binary", "text": "hello"}
    await visitor.ws.send(msgspec.json.encode(message))  # bytes: a binary frame
    error = await visitor.expect(frames.Error)
    assert (error.code, error.detail) == ("bad_frame", "this endpoint takes text frames")
    ack = await visitor.say("hello as text")
    assert (ack.id, ack.seq) != ("sent-as-binary", 1) and ack.seq == 1
    await visitor.close()


async def test_a_binary_first_frame_on_the_visitor_endpoint_closes_the_connection(
    relay: RunningRelay,
) -> None:
    visitor = await VisitorClient.connect(relay.url, hello=False)
    await visitor.ws.send(msgspec.json.encode({"type": "hello", "v": 1, "site": "demo"}))
    assert (await visitor.expect(frames.Error)).code == "bad_frame"
    await asyncio.wait_for(visitor.closed.wait(), 5)
    assert visitor.ws.close_code == 1008
    assert visitor.take_all(frames.Welcome) == []


async def test_a_text_frame_on_the_agent_endpoint_is_a_bad_frame(relay: RunningRelay) -> None:
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await agent.expect(frames.LoginOk)
    await agent.ws.send('{"type": "status", "status": "away"}')
    error = await agent.expect(frames.Error)
    assert (error.code, error.detail) == ("bad_frame", "this endpoint takes binary frames")
    await agent.close()


@pytest.mark.relay_settings(ping_interval_seconds=0.2, ping_timeout_seconds=0.2)
async def test_a_peer_that_does_not_answer_pings_is_closed_with_the_code_section_8_gives(
    relay: RunningRelay,
) -> None:
    async with connect(f"{relay.url}/ws/agent", compression=None) as ws:
        ws.transport.pause_reading()  # the pings go unread, so unanswered
        await asyncio.sleep(1.0)
        ws.transport.resume_reading()
        await asyncio.wait_for(ws.wait_closed(), 5)
        code, reason = ws.close_code, ws.close_reason
    assert (code, reason) == (1011, "keepalive ping timeout")
    assert code is not None and "ping" in closing_codes()[code]


def test_every_close_code_the_relay_uses_is_in_section_8() -> None:
    from relay.live import connections

    used = {
        connections.CLOSE_POLICY,
        connections.CLOSE_TRY_AGAIN_LATER,
        connections.CLOSE_SERVER_ERROR,
    }
    used |= {1000, 1001, 1009, 1011}  # logout, shutdown; websockets: too big, no pong
    assert used <= set(closing_codes())
