"""Every frame type on both endpoints, made hostile: a number out of its range anywhere in
the frame, or maps and lists nested past the limit anywhere in it. Over real sockets, the
relay answers each with a typed `bad_frame`, never `internal`, and carries on (or, for a
first frame, closes as §4 says)."""

from __future__ import annotations

import asyncio
import math
import typing
from collections.abc import AsyncIterator
from typing import Any

import msgspec
import msgspec.inspect as mi
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.asyncio.client import connect

from shared_protocol import codec, frames, limits
from tests.helpers.clients import AgentClient, RawClient, VisitorClient
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay
from tests.helpers.strategies import frames_of

Holder = dict[str, Any] | list[Any]
Slot = tuple[Holder, Any, mi.IntType]  # where an integer goes, and its bounds


def _int_slots(info: mi.Type, value: Any, holder: Holder, key: Any) -> list[Slot]:
    """Every place in a frame (as builtins) where the schema takes an integer."""
    match info:
        case mi.IntType():
            return [(holder, key, info)]
        case mi.UnionType():
            return [s for t in info.types for s in _int_slots(t, value, holder, key)]
        case mi.StructType() if isinstance(value, dict):
            return [
                slot
                for field in info.fields
                if field.encode_name in value
                for slot in _int_slots(
                    field.type, value[field.encode_name], value, field.encode_name
                )
            ]
        case mi.ListType() if isinstance(value, list):
            return [
                s
                for i, item in enumerate(value)
                for s in _int_slots(info.item_type, item, value, i)
            ]
    return []


def _maps(value: Any) -> list[dict[str, Any]]:
    """Every map in a frame (as builtins), the frame first."""
    if isinstance(value, dict):
        return [value, *(m for item in value.values() for m in _maps(item))]
    if isinstance(value, list):
        return [m for item in value for m in _maps(item)]
    return []


def _out_of_range(info: mi.IntType, binary: bool) -> st.SearchStrategy[Any]:
    ge, le = info.ge, info.le
    assert ge is not None and le is not None
    # MessagePack holds integers from -2^63 to 2^64 - 1; JSON any number.
    low, high = (-(2**63), 2**64 - 1) if binary else (-(2**80), 2**80)
    edges = [n for n in (2**53, 2**63 - 1, 2**63, 2**64 - 1, -1, -(2**63)) if not ge <= n <= le]
    numbers: st.SearchStrategy[Any] = st.one_of(
        st.integers(min_value=le + 1, max_value=high),
        st.integers(min_value=low, max_value=ge - 1),
        st.sampled_from(edges),
    )
    if binary:
        return numbers | st.floats() | st.sampled_from([math.nan, math.inf, -math.inf])
    # numbers no float holds, written as they come over the wire
    raw = [b"1e400", b"-1e400", b"1" + b"0" * 400, b"18446744073709551616.5"]
    return numbers | st.sampled_from([msgspec.Raw(number) for number in raw])


def _deep(binary: bool, room: int) -> st.SearchStrategy[msgspec.Raw]:
    """Maps and lists nested past the limit, as raw bytes, within `room` bytes."""
    if binary:
        levels = {b"\x91": b"", b"\xdc\x00\x01": b"", b"\x81\xa1k": b""}  # array, array 16, map
        leaf = b"\xc0"
    else:
        levels = {b"[": b"]", b'{"k":': b"}"}
        leaf = b"0"

    @st.composite
    def nested(draw: st.DrawFn) -> msgspec.Raw:
        opener = draw(st.sampled_from(sorted(levels)))
        closer = levels[opener]
        most = (room - len(leaf)) // (len(opener) + len(closer))
        depth = draw(st.integers(min_value=limits.MAX_NESTING_DEPTH, max_value=most))
        return msgspec.Raw(opener * depth + leaf + closer * depth)

    return nested()


@st.composite
def hostile(draw: st.DrawFn, kind: type[frames.Frame], binary: bool, how: str) -> bytes:
    """A frame of `kind`, valid but for one hostile part: `number` or `nesting`."""
    tree: dict[str, Any] = msgspec.to_builtins(draw(frames_of(kind)))
    encode = msgspec.msgpack.encode if binary else msgspec.json.encode
    if how == "number":
        slots = _int_slots(mi.type_info(kind), tree, [tree], 0)
        holder, key, info = draw(st.sampled_from(slots))
        holder[key] = draw(_out_of_range(info, binary))
    else:
        holder = draw(st.sampled_from(_maps(tree)))
        # an unknown field (ignored, but read), or a known one (other than the type)
        key = draw(st.sampled_from(["later", *(k for k in holder if k != "type")]))
        holder[key] = msgspec.Raw(b"")  # to measure the room around it
        room = limits.MAX_FRAME_BYTES - len(encode(tree))
        holder[key] = draw(_deep(binary, room))
    raw = encode(tree)
    assert len(raw) <= limits.MAX_FRAME_BYTES
    return raw


def _takes_ints(info: mi.Type) -> bool:
    match info:
        case mi.IntType():
            return True
        case mi.UnionType():
            return any(map(_takes_ints, info.types))
        case mi.ListType():
            return _takes_ints(info.item_type)
        case mi.StructType():
            return any(_takes_ints(field.type) for field in info.fields)
    return False


def _poisons(union: object, first: type[frames.Frame]) -> list[tuple[type[frames.Frame], str]]:
    """Every frame type but the first frame's, with each hostility it can carry."""
    later = [kind for kind in typing.get_args(union) if kind is not first]
    numbers = [kind for kind in later if _takes_ints(mi.type_info(kind))]
    return [(kind, "nesting") for kind in later] + [(kind, "number") for kind in numbers]


# Every hostile frame is a refusal, and one connection gets one of each type: this test is
# about the answers, test_hostile_frames.py about refusals closing a connection. Every
# example connects from 127.0.0.1, and as the same agent, to the same relay: the address
# and the agent may send as fast as they come (test_rate_limits.py is about those
# allowances).
UNLIMITED = 1e6
pytestmark = pytest.mark.relay_settings(
    abuse_strikes=1000,
    address_frames_per_second=UNLIMITED,
    address_frame_burst=UNLIMITED,
    agent_frames_per_second=UNLIMITED,
    agent_frame_burst=UNLIMITED,
)


@pytest.fixture
async def agent_token(relay: RunningRelay) -> AsyncIterator[str]:
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    yield (await agent.expect(frames.LoginOk)).token
    await agent.close()


async def _refused(client: VisitorClient | AgentClient, sent: int) -> None:
    """Each of `sent` hostile frames got bad_frame, and the connection still works."""
    codes = [(await client.expect(frames.Error)).code for _ in range(sent)]
    assert codes == ["bad_frame"] * sent
    await client.send(frames.Resume(conversation=limits.MAX_WIRE_INT, after_seq=0))
    assert (await client.expect(frames.Error)).code == "not_found"


async def _refused_and_closed(client: RawClient) -> None:
    assert (await client.expect(frames.Error)).code == "bad_frame"
    await asyncio.wait_for(client.closed.wait(), 5)
    assert client.ws.close_code == 1008


EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@EXAMPLES
@given(data=st.data())
async def test_every_hostile_visitor_frame_is_a_bad_frame(
    relay: RunningRelay, data: st.DataObject
) -> None:
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    poisons = _poisons(frames.VisitorInbound, frames.Hello)
    for kind, how in poisons:
        await visitor.ws.send(
            data.draw(hostile(kind, False, how), label=f"{kind.__name__} {how}").decode()
        )
    await _refused(visitor, len(poisons))
    await visitor.close()

    for how in ("number", "nesting"):
        first = await VisitorClient.connect(relay.url, hello=False)
        await first.ws.send(
            data.draw(hostile(frames.Hello, False, how), label=f"hello {how}").decode()
        )
        await _refused_and_closed(first)


@EXAMPLES
@given(data=st.data())
async def test_every_hostile_agent_frame_is_a_bad_frame(
    relay: RunningRelay, agent_token: str, data: st.DataObject
) -> None:
    agent = await AgentClient.connect(relay.url, token=agent_token)
    await agent.expect(frames.LoginOk)
    poisons = _poisons(frames.AgentInbound, frames.Login)
    for kind, how in poisons:
        await agent.ws.send(data.draw(hostile(kind, True, how), label=f"{kind.__name__} {how}"))
    await _refused(agent, len(poisons))
    await agent.close()

    for how in ("number", "nesting"):
        ws = await connect(f"{relay.url}/ws/agent", compression=None)
        first = RawClient(ws, codec.agent_client_side.decode)
        await ws.send(data.draw(hostile(frames.Login, True, how), label=f"login {how}"))
        await _refused_and_closed(first)
