"""Nesting is measured on a frame's bytes: exactly for valid frames, and never past a limit."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared_protocol import codec, frames, limits, nesting
from shared_protocol.errors import ErrorCode, ProtocolError

LIMIT = limits.MAX_NESTING_DEPTH

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**64 - 1),
    st.floats(allow_nan=False),
    st.text(alphabet=st.sampled_from('[]{}"\\a价\x00\x91\x81'), max_size=40),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet='[]{}"\\k价', max_size=5), inner, max_size=4)
    ),
    max_leaves=60,
)


def depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    return 0


@settings(max_examples=300, deadline=None)
@given(value=values, limit=st.integers(min_value=0, max_value=8))
def test_the_measure_is_the_depth_of_the_decoded_value(value: Any, limit: int) -> None:
    expected = depth(value) > limit
    assert nesting.json_deeper_than(msgspec.json.encode(value), limit) is expected
    assert nesting.msgpack_deeper_than(msgspec.msgpack.encode(value), limit) is expected


@settings(max_examples=100, deadline=None)
@given(levels=st.integers(min_value=1, max_value=600), big=st.booleans())
def test_long_maps_and_arrays_count_like_short_ones(levels: int, big: bool) -> None:
    # array 16 and map 32 headers, with their counts in the bytes that follow
    opener = b"\xdc\x00\x01" if big else b"\xdf\x00\x00\x00\x01\xa1k"
    raw = opener * levels + b"\xc0"
    assert nesting.msgpack_deeper_than(raw, levels) is False
    assert nesting.msgpack_deeper_than(raw, levels - 1) is True


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_get_an_answer(raw: bytes) -> None:
    assert nesting.json_deeper_than(raw, 3) in (True, False)
    assert nesting.msgpack_deeper_than(raw, 3) in (True, False)


def test_brackets_and_quotes_inside_strings_do_not_count() -> None:
    text = '[{"\\"[[[' * 400
    raw = msgspec.json.encode({"type": "message", "id": "a", "text": text})
    assert not nesting.json_deeper_than(raw, 2)
    assert codec.visitor_relay_side.decode(raw) == frames.VisitorSend(id="a", text=text)
    # MessagePack: bytes of a CJK text look like array and map headers
    text = "价格请问" * 900
    raw = msgspec.msgpack.encode({"type": "message", "id": "a", "conversation": 1, "text": text})
    assert not nesting.msgpack_deeper_than(raw, 2)
    decoded = codec.agent_relay_side.decode(raw)
    assert decoded == frames.AgentSend(id="a", conversation=1, text=text)


def _json_nested(levels: int) -> bytes:
    return b'{"type":"page_leave","later":' + b"[" * levels + b"]" * levels + b"}"


def _msgpack_nested(levels: int) -> bytes:
    return b"\x82\xa4type\xa6logout\xa5later" + b"\x81\xa1k" * levels + b"\xc0"


@pytest.mark.parametrize(
    ("decoder", "nested"),
    [(codec.visitor_relay_side, _json_nested), (codec.agent_relay_side, _msgpack_nested)],
)
def test_the_relay_reads_frames_nested_to_the_limit_and_refuses_deeper(
    decoder: codec.Codec[frames.Frame], nested: Any
) -> None:
    # the frame is the first level, its unknown field's value the rest
    assert isinstance(decoder.decode(nested(LIMIT - 1)), frames.PageLeave | frames.Logout)
    for levels in (LIMIT, 4000):
        with pytest.raises(ProtocolError) as refused:
            decoder.decode(nested(levels))
        assert refused.value.code is ErrorCode.BAD_FRAME
        assert "nest" in refused.value.detail


@pytest.mark.parametrize(
    ("decoder", "raw"),
    [
        (codec.visitor_client_side, b'{"type":"presence","agents_online":true,"x":'
         + b"[" * 100_000 + b"]" * 100_000 + b"}"),
        (codec.agent_client_side, b"\x83\xa4type\xa8presence\xa5agent\xc0\xa1x"
         + b"\x91" * 100_000 + b"\xc0"),
    ],
)  # fmt: skip
def test_clients_refuse_frames_nested_past_their_stack_as_bad_frames(
    decoder: codec.Codec[frames.Frame], raw: bytes
) -> None:
    # Clients do not measure frames; msgspec's RecursionError still becomes a bad_frame.
    with pytest.raises(ProtocolError) as refused:
        decoder.decode(raw)
    assert refused.value.code is ErrorCode.BAD_FRAME
