"""A refused frame's `detail` names the field in plain words (shared_protocol/plain_errors.py),
and a department with more tiers than limits.MAX_TIERS is `too_long` naming the field."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from shared_protocol import codec, limits
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.plain_errors import in_plain_words


def refused(frame: Any) -> ProtocolError:
    with pytest.raises(ProtocolError) as caught:
        codec.agent_relay_side.decode(msgspec.msgpack.encode(frame))
    return caught.value


@pytest.mark.parametrize(
    ("frame", "detail"),
    [
        (
            {"type": "accept", "conversation": "7"},
            "conversation: expected a whole number, got text",
        ),
        ({"type": "accept"}, "conversation: missing (it is required)"),
        ({"type": "accept", "conversation": 0}, "conversation: must be a whole number at least 1"),
        (
            {"type": "barge", "conversation": 1, "take_over": "yes"},
            "take_over: expected true or false, got text",
        ),
        ({"type": "invite", "visitors": []}, "visitors: must hold at least 1 item"),
        (
            {"type": "join_ask", "conversation": 1, "agent": None},
            "agent: expected a whole number, got null",
        ),
        (
            {"type": "department_save", "site": "s", "name": "n", "settings": {"tiers": [{}]}},
            "settings.tiers[0].level: missing (it is required)",
        ),
        (
            {
                "type": "department_save",
                "site": "s",
                "name": "n",
                "settings": {"tiers": [{"level": 10}]},
            },
            f"settings.tiers[0].level: must be a whole number at most {limits.MAX_ROUTING_LEVEL}",
        ),
        ([1, 2], "expected a map, got a list"),
    ],
)
def test_a_bad_frame_detail_names_the_field_in_plain_words(frame: Any, detail: str) -> None:
    error = refused(frame)
    assert (error.code, error.detail) == (ErrorCode.BAD_FRAME, detail)


def test_an_unknown_enum_value_is_repeated_short_and_as_text() -> None:
    hostile = "<b>{{x}}</b>\u202e" + "x" * 10_000
    error = refused(
        {"type": "department_save", "site": "s", "name": "n", "settings": {"mode": hostile}}
    )
    assert error.code is ErrorCode.BAD_FRAME
    # msgspec repeats it as a repr: the override character comes back escaped, not live.
    assert error.detail.startswith("settings.mode: '<b>{{x}}</b>\\u202e")
    assert "\u202e" not in error.detail and len(error.detail) < 120


def test_a_message_of_an_unknown_form_is_passed_on_unchanged() -> None:
    assert (
        in_plain_words("Something msgspec says - at `$.x`") == "Something msgspec says - at `$.x`"
    )


def test_more_tiers_than_allowed_are_too_long_naming_the_field() -> None:
    tiers = [{"level": 1, "after_seconds": 10 * n} for n in range(limits.MAX_TIERS + 1)]
    error = refused(
        {"type": "department_save", "site": "s", "name": "n", "settings": {"tiers": tiers}}
    )
    assert error.code is ErrorCode.TOO_LONG
    assert error.detail == (
        f"`$.settings.tiers` holds {limits.MAX_TIERS + 1} items; "
        f"at most {limits.MAX_TIERS} are allowed"
    )
