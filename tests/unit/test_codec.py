"""The codecs: every frame round-trips in both encodings; anything malformed is a typed error."""

from __future__ import annotations

import typing
from collections.abc import Iterator

import msgspec
import msgspec.inspect as mi
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


# ------------------------------------------------------ which code a refusal gets, and why
# The code comes from the frame's structure (its tag against the direction's union, its
# strings and lists against their fields' lengths), never from msgspec's wording.

RELAY_SIDES = [
    (frames.VisitorInbound, codec.visitor_relay_side, msgspec.json.encode),
    (frames.AgentInbound, codec.agent_relay_side, msgspec.msgpack.encode),
]


def _refusal(decoder: codec.Codec[typing.Any], raw: bytes) -> ProtocolError:
    with pytest.raises(ProtocolError) as refused:
        decoder.decode(raw)
    return refused.value


@pytest.mark.parametrize(("union", "decoder", "encode"), RELAY_SIDES)
def test_a_type_this_direction_does_not_define_is_unknown_type_and_the_detail_lists_the_known(
    union: object, decoder: codec.Codec[frames.Frame], encode: typing.Callable[[object], bytes]
) -> None:
    known = sorted(str(kind.__struct_config__.tag) for kind in _members(union))
    for frame in ({"type": "shout", "text": "hi"}, {"type": "ack", "id": "m1"}):
        refused = _refusal(decoder, encode(frame))
        assert refused.code is ErrorCode.UNKNOWN_TYPE
        assert repr(frame["type"]) in refused.detail and ", ".join(known) in refused.detail
    # A frame with no type names none that this side knows.
    refused = _refusal(decoder, encode({"text": "hi"}))
    assert refused.code is ErrorCode.UNKNOWN_TYPE and "`type`" in refused.detail
    # An unknown type wins over whatever else is wrong with the frame.
    long_text = "x" * (limits.MAX_TEXT_CHARS + 1)
    refused = _refusal(decoder, encode({"type": "shout", "text": long_text, "id": 7}))
    assert refused.code is ErrorCode.UNKNOWN_TYPE


@pytest.mark.parametrize(("union", "decoder", "encode"), RELAY_SIDES)
@pytest.mark.parametrize("tag", [None, 5, ["message"], {"message": 1}])
def test_a_type_that_is_not_a_string_is_a_bad_frame(
    union: object,
    decoder: codec.Codec[frames.Frame],
    encode: typing.Callable[[object], bytes],
    tag: object,
) -> None:
    assert _refusal(decoder, encode({"type": tag})).code is ErrorCode.BAD_FRAME


def test_an_unknown_type_is_shown_cut_in_the_detail() -> None:
    refused = _refusal(codec.visitor_relay_side, msgspec.json.encode({"type": "x" * 5000}))
    assert refused.code is ErrorCode.UNKNOWN_TYPE
    assert len(refused.detail) <= limits.MAX_DETAIL_CHARS and "x" * 41 not in refused.detail


@pytest.mark.parametrize(
    ("decoder", "frame", "path", "allowed"),
    [
        (
            codec.visitor_relay_side,
            {"type": "hello", "v": 1, "site": "demo", "page": {"url": "u" * 2049}},
            "$.page.url",
            limits.MAX_URL_CHARS,
        ),
        (
            codec.visitor_relay_side,
            {
                "type": "page_view",
                "page": {"url": "/", "title": "t" * (limits.MAX_TITLE_CHARS + 1)},
            },
            "$.page.title",
            limits.MAX_TITLE_CHARS,
        ),
        (
            codec.visitor_relay_side,
            {"type": "profile", "name": "李" * (limits.MAX_NAME_CHARS + 1)},
            "$.name",
            limits.MAX_NAME_CHARS,
        ),
        (
            codec.agent_relay_side,
            {"type": "login", "v": 1, "user": "u" * (limits.MAX_NAME_CHARS + 1)},
            "$.user",
            limits.MAX_NAME_CHARS,
        ),
        (
            codec.agent_relay_side,
            {"type": "message", "id": "m", "conversation": 1, "text": "é" * 4001},
            "$.text",
            limits.MAX_TEXT_CHARS,
        ),
    ],
)
def test_a_string_over_its_length_anywhere_in_a_frame_is_too_long_and_the_detail_names_it(
    decoder: codec.Codec[frames.Frame], frame: dict[str, object], path: str, allowed: int
) -> None:
    encode = msgspec.msgpack.encode if decoder.binary else msgspec.json.encode
    refused = _refusal(decoder, encode(frame))
    assert refused.code is ErrorCode.TOO_LONG
    assert (
        refused.detail == f"`{path}` holds {allowed + 1} characters; at most {allowed} are allowed"
    )


@pytest.mark.parametrize(
    ("decoder", "first"),
    [
        (codec.visitor_relay_side, {"type": "hello", "v": 1, "site": "demo"}),
        (codec.agent_relay_side, {"type": "login", "v": 1, "user": "a", "password": "b"}),
    ],
)
def test_more_resume_points_than_allowed_is_too_long(
    decoder: codec.Codec[frames.Frame], first: dict[str, object]
) -> None:
    encode = msgspec.msgpack.encode if decoder.binary else msgspec.json.encode
    point = {"conversation": 1, "after_seq": 0}
    allowed = limits.MAX_RESUME_POINTS
    assert decoder.decode(encode({**first, "resume": [point] * allowed}))
    refused = _refusal(decoder, encode({**first, "resume": [point] * (allowed + 1)}))
    assert refused.code is ErrorCode.TOO_LONG
    assert refused.detail == f"`$.resume` holds {allowed + 1} items; at most {allowed} are allowed"


def test_a_string_too_short_or_of_the_wrong_kind_is_a_bad_frame_not_a_long_one() -> None:
    for frame in (
        {"type": "message", "id": "", "text": "hi"},  # under its minimum
        {"type": "message", "id": "a", "text": ["x" * 5000]},  # a list where text goes
        {"type": "hello", "v": 1, "site": "demo", "page": "u" * 3000},  # a string for a map
    ):
        refused = _refusal(codec.visitor_relay_side, msgspec.json.encode(frame))
        assert refused.code is ErrorCode.BAD_FRAME, frame
        assert refused.detail  # msgspec's explanation, for people


def test_the_code_does_not_depend_on_what_msgspec_says() -> None:
    """The wording of a validation error can change with msgspec: the codes may not."""
    refusals = codec.visitor_relay_side._refusals
    misleading = msgspec.ValidationError("Invalid value 'x' - at `$.type` (length <= 1)")
    long_text = msgspec.json.encode({"type": "message", "id": "a", "text": "x" * 4001})
    assert refusals.classify(long_text, misleading).code is ErrorCode.TOO_LONG
    known_type = msgspec.json.encode({"type": "message", "id": 1, "text": "x"})
    assert refusals.classify(known_type, misleading).code is ErrorCode.BAD_FRAME
    silent = msgspec.ValidationError("")
    assert refusals.classify(b'{"type": "shout"}', silent).code is ErrorCode.UNKNOWN_TYPE


def _string_places(
    value: object, info: mi.Type, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], int]]:
    """(path, max_length) of every bounded string in a typed frame, read off the frame."""
    match info:
        case mi.StrType(max_length=int(allowed)) if isinstance(value, str):
            yield path, allowed
        case mi.ListType() if isinstance(value, list):
            for index, item in enumerate(value):
                yield from _string_places(item, info.item_type, (*path, index))
        case mi.StructType() if isinstance(value, info.cls):
            for field in info.fields:
                place = (*path, field.encode_name)
                yield from _string_places(getattr(value, field.name), field.type, place)
        case mi.UnionType():
            for member in info.types:
                yield from _string_places(value, member, path)


def _shown(path: tuple[str | int, ...]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


@pytest.mark.parametrize(("union", "decoder", "encoder"), DIRECTIONS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_bounded_string_of_any_frame_made_one_too_long_is_too_long_at_its_path(
    union: object,
    decoder: codec.Codec[frames.Frame],
    encoder: codec.Codec[frames.Frame],
    data: st.DataObject,
) -> None:
    kind = data.draw(st.sampled_from(_members(union)))
    frame = data.draw(frames_of(kind))
    places = list(_string_places(frame, mi.type_info(kind), ()))
    if not places:
        return
    path, allowed = data.draw(st.sampled_from(places))
    plain = msgspec.to_builtins(frame)
    *parents, last = path
    holder = plain
    for step in parents:
        holder = holder[step]
    holder[last] = "x" * (allowed + 1)
    encode = msgspec.msgpack.encode if decoder.binary else msgspec.json.encode
    raw = encode(plain)
    if len(raw) > decoder.max_bytes:
        return
    refused = _refusal(decoder, raw)
    assert refused.code is ErrorCode.TOO_LONG
    assert refused.detail.startswith(f"`{_shown(path)}` holds {allowed + 1} characters")
