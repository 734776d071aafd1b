"""The codecs: every frame round-trips in both encodings; anything malformed is a typed error."""

from __future__ import annotations

import typing

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared_protocol import codec, frames, limits
from shared_protocol.errors import ErrorCode, ProtocolError
from tests.helpers.strategies import frames_of

DIRECTIONS = [
    (frames.VisitorInbound, codec.visitor_relay_side, codec.visitor_client_side),
    (frames.VisitorOutbound, codec.visitor_client_side, codec.visitor_relay_side),
    (frames.AgentInbound, codec.agent_relay_side, codec.agent_client_side),
    (frames.AgentOutbound, codec.agent_client_side, codec.agent_relay_side),
]


def _members(union: object) -> list[type[frames.Frame]]:
    return list(typing.get_args(union))


@pytest.mark.parametrize(("union", "decoder", "encoder"), DIRECTIONS)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_every_frame_round_trips_through_its_codec(
    union: object,
    decoder: codec.Codec[frames.Frame],
    encoder: codec.Codec[frames.Frame],
    data: st.DataObject,
) -> None:
    kind = data.draw(st.sampled_from(_members(union)))
    frame = data.draw(frames_of(kind))
    encoded = encoder.encode(frame)
    if len(encoded) > decoder.max_bytes:
        return  # drawn larger than the limit; refusals are tested below
    assert decoder.decode(encoded) == frame


def test_tags_are_unique_within_each_direction() -> None:
    for union, _, _ in DIRECTIONS:
        tags = [kind.__struct_config__.tag for kind in _members(union)]
        assert len(tags) == len(set(tags)), tags


def test_json_frames_are_plain_objects_with_a_type_field() -> None:
    encoded = codec.visitor_relay_side.encode(frames.Ack(id="m1", conversation=3, seq=7, ts=1.5))
    assert msgspec.json.decode(encoded) == {
        "type": "ack",
        "id": "m1",
        "conversation": 3,
        "seq": 7,
        "ts": 1.5,
        "duplicate": False,
    }


def test_read_receipts_are_the_json_documented_for_the_widget() -> None:
    read = codec.visitor_relay_side.decode(b'{"type":"read","conversation":7,"seq":4}')
    assert read == frames.VisitorRead(conversation=7, seq=4)
    receipt = codec.visitor_relay_side.encode(
        frames.VisitorReadReceipt(conversation=7, seq=4, ts=2.5)
    )
    assert msgspec.json.decode(receipt) == {"type": "read", "conversation": 7, "seq": 4, "ts": 2.5}
    with pytest.raises(ProtocolError) as refused:
        codec.visitor_relay_side.decode(b'{"type":"read","conversation":7,"seq":-1}')
    assert refused.value.code is ErrorCode.BAD_FRAME


def test_unknown_fields_are_ignored_so_newer_peers_can_add_them() -> None:
    frame = codec.visitor_relay_side.decode(
        b'{"type": "message", "id": "a", "text": "hi", "added_in_v2": [1, 2]}'
    )
    assert frame == frames.VisitorSend(id="a", text="hi")


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", ErrorCode.BAD_FRAME),
        (b"{", ErrorCode.BAD_FRAME),
        (b"[]", ErrorCode.BAD_FRAME),
        (b'"hello"', ErrorCode.BAD_FRAME),
        (b"{}", ErrorCode.UNKNOWN_TYPE),
        (b'{"type": "shout"}', ErrorCode.UNKNOWN_TYPE),
        (b'{"type": 5}', ErrorCode.BAD_FRAME),
        (b'{"type": "message", "id": "a"}', ErrorCode.BAD_FRAME),
        (b'{"type": "message", "id": 1, "text": "x"}', ErrorCode.BAD_FRAME),
        (b'{"type": "message", "id": "", "text": "x"}', ErrorCode.BAD_FRAME),
        (b'{"type": "message", "id": "a", "text": ""}', ErrorCode.BAD_FRAME),
        (b'{"type": "hello", "v": -1, "site": "demo"}', ErrorCode.BAD_FRAME),
        (b'{"type": "resume", "conversation": 0, "after_seq": 0}', ErrorCode.BAD_FRAME),
        (b'{"type": "welcome", "v": 1}', ErrorCode.UNKNOWN_TYPE),  # relay→visitor only
        (b"\xff\xfe", ErrorCode.BAD_FRAME),
    ],
)
def test_malformed_json_frames_become_typed_errors(raw: bytes, code: ErrorCode) -> None:
    with pytest.raises(ProtocolError) as refused:
        codec.visitor_relay_side.decode(raw)
    assert refused.value.code is code


def test_over_long_text_is_too_long_and_over_large_frame_is_frame_too_large() -> None:
    long_text = "é" * (limits.MAX_TEXT_CHARS + 1)
    with pytest.raises(ProtocolError) as refused:
        codec.visitor_relay_side.decode(
            msgspec.json.encode({"type": "message", "id": "a", "text": long_text})
        )
    assert refused.value.code is ErrorCode.TOO_LONG
    with pytest.raises(ProtocolError) as refused:
        codec.agent_relay_side.decode(b"\x90" * (limits.MAX_FRAME_BYTES + 1))
    assert refused.value.code is ErrorCode.FRAME_TOO_LARGE


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"\xc1", ErrorCode.BAD_FRAME),
        (msgspec.msgpack.encode([1, 2]), ErrorCode.BAD_FRAME),
        (msgspec.msgpack.encode({"type": "dance"}), ErrorCode.UNKNOWN_TYPE),
        (msgspec.msgpack.encode({"type": "login", "v": "1"}), ErrorCode.BAD_FRAME),
        (msgspec.msgpack.encode({"type": "status", "status": "asleep"}), ErrorCode.BAD_FRAME),
    ],
)
def test_malformed_messagepack_frames_become_typed_errors(raw: bytes, code: ErrorCode) -> None:
    with pytest.raises(ProtocolError) as refused:
        codec.agent_relay_side.decode(raw)
    assert refused.value.code is code


def test_binary_codec_refuses_text_frames() -> None:
    with pytest.raises(ProtocolError) as refused:
        codec.agent_relay_side.decode('{"type": "logout"}')
    assert refused.value.code is ErrorCode.BAD_FRAME


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_escape_as_anything_but_protocol_error(raw: bytes) -> None:
    for decoder in (codec.visitor_relay_side, codec.agent_relay_side):
        try:
            frame = decoder.decode(raw)
        except ProtocolError as refused:
            assert isinstance(refused.code, ErrorCode)
        else:
            assert isinstance(frame, frames.Frame)
