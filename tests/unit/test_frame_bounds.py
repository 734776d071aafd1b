"""Every number on the wire has bounds, decided at decoding: out of them is `bad_frame`."""

from __future__ import annotations

import math
from collections.abc import Iterator

import msgspec
import msgspec.inspect as mi
import pytest

from shared_protocol import codec, frames, limits
from shared_protocol.errors import ErrorCode, ProtocolError


def _structs() -> list[type[msgspec.Struct]]:
    return [
        kind
        for kind in vars(frames).values()
        if isinstance(kind, type)
        and issubclass(kind, msgspec.Struct)
        and kind.__module__.startswith(f"{frames.__name__}.")
    ]


def _numbers(info: mi.Type, where: str) -> Iterator[tuple[str, mi.IntType | mi.FloatType]]:
    """Every int and float type in `info`, with where it is; structs are walked apart."""
    match info:
        case mi.IntType() | mi.FloatType():
            yield where, info
        case mi.UnionType():
            for member in info.types:
                yield from _numbers(member, where)
        case mi.ListType() | mi.SetType() | mi.FrozenSetType() | mi.VarTupleType():
            yield from _numbers(info.item_type, f"{where}[]")
        case mi.DictType():
            yield from _numbers(info.key_type, f"{where} key")
            yield from _numbers(info.value_type, f"{where} value")
        case mi.TupleType():
            for item in info.item_types:
                yield from _numbers(item, f"{where}[]")


def _fields() -> Iterator[tuple[str, mi.IntType | mi.FloatType]]:
    for kind in _structs():
        info = mi.type_info(kind)
        assert isinstance(info, mi.StructType)
        for field in info.fields:
            yield from _numbers(field.type, f"{kind.__name__}.{field.name}")


def test_the_walk_finds_the_numbers_of_every_frame() -> None:
    found = dict(_fields())
    assert "Resume.conversation" in found
    assert "VisitorsChanged.left[]" in found
    assert "ChatMessage.ts" in found
    assert "Error.retry_after" in found
    assert len(found) > 60


def test_every_integer_field_has_bounds_every_peer_can_hold() -> None:
    for where, info in _fields():
        if isinstance(info, mi.IntType):
            assert info.ge is not None and info.le is not None, f"{where} is unbounded"
            assert -limits.MAX_WIRE_INT <= info.ge <= info.le <= limits.MAX_WIRE_INT, where


def test_every_float_field_is_finite_and_not_negative() -> None:
    for where, info in _fields():
        if isinstance(info, mi.FloatType):
            assert info.ge is not None and info.le is not None, f"{where} is unbounded"
            assert 0 <= info.ge <= info.le <= limits.MAX_SECONDS, where


def test_the_bounds_are_what_javascript_and_sqlite_hold() -> None:
    assert limits.MAX_WIRE_INT == 2**53 - 1  # Number.MAX_SAFE_INTEGER
    assert limits.MAX_WIRE_INT < 2**63 - 1  # SQLite's largest integer


JSON_OUT_OF_RANGE = [
    # the example: past 2^64, past 2^63, past 2^53
    b'{"type":"resume","conversation":18446744073709551616,"after_seq":0}',
    b'{"type":"resume","conversation":9223372036854775808,"after_seq":0}',
    b'{"type":"resume","conversation":9007199254740992,"after_seq":0}',
    b'{"type":"resume","conversation":1,"after_seq":-9223372036854775809}',
    b'{"type":"resume","conversation":1,"after_seq":1e400}',
    b'{"type":"read","conversation":1,"seq":18446744073709551615}',
    b'{"type":"close","conversation":100000000000000000000000000000000000000000}',
    b'{"type":"hello","v":1,"site":"demo","resume":[{"conversation":9223372036854775808,'
    b'"after_seq":0}]}',
    b'{"type":"hello","v":18446744073709551616,"site":"demo"}',
]


@pytest.mark.parametrize("raw", JSON_OUT_OF_RANGE)
def test_visitor_numbers_out_of_range_are_bad_frames(raw: bytes) -> None:
    with pytest.raises(ProtocolError) as refused:
        codec.visitor_relay_side.decode(raw)
    assert refused.value.code is ErrorCode.BAD_FRAME


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "accept", "conversation": 2**64 - 1},  # the example
        {"type": "accept", "conversation": 2**63},
        {"type": "message", "id": "a", "conversation": 1, "text": "x", "reply_to": 2**63},
        {"type": "withdraw", "conversation": 1, "seq": 2**53},
        {"type": "read", "conversation": 1, "seq": -(2**63)},
        {"type": "details", "visitor": 2**64 - 1},
        {"type": "phrase_delete", "id": 2**63 - 1},
        {"type": "phrase_save", "id": 2**60, "phrase": {"title": "t"}},
        {"type": "withdrawals", "conversation": 2**62},
        {
            "type": "login",
            "v": 1,
            "token": "t",
            "resume": [{"conversation": 1, "after_seq": 2**64 - 1}],
        },
        {"type": "resume", "conversation": math.nan, "after_seq": 0},
        {"type": "resume", "conversation": math.inf, "after_seq": 0},
    ],
)
def test_agent_numbers_out_of_range_are_bad_frames(frame: dict[str, object]) -> None:
    with pytest.raises(ProtocolError) as refused:
        codec.agent_relay_side.decode(msgspec.msgpack.encode(frame))
    assert refused.value.code is ErrorCode.BAD_FRAME


def test_the_largest_numbers_in_range_still_decode() -> None:
    largest = limits.MAX_WIRE_INT
    raw = msgspec.json.encode({"type": "resume", "conversation": largest, "after_seq": largest})
    assert codec.visitor_relay_side.decode(raw) == frames.Resume(
        conversation=largest, after_seq=largest
    )


@pytest.mark.parametrize("ts", [-1.0, math.nan, math.inf, limits.MAX_SECONDS * 2])
def test_clients_refuse_timestamps_that_are_no_date(ts: float) -> None:
    raw = msgspec.msgpack.encode({"type": "ack", "id": "m", "conversation": 1, "seq": 1, "ts": ts})
    with pytest.raises(ProtocolError) as refused:
        codec.agent_client_side.decode(raw)
    assert refused.value.code is ErrorCode.BAD_FRAME


def test_a_site_setting_stored_out_of_the_usual_range_still_reads_back() -> None:
    # IT staff may have set any hours with the CLI before; the relay decodes them again.
    stored = msgspec.json.encode(frames.SiteSettings(reply_hours=-5))
    assert msgspec.json.decode(stored, type=frames.SiteSettings).reply_hours == -5
