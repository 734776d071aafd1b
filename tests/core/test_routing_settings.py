"""A department's routing settings checked (relay/core/routing/settings.py): tiers that rise
in time and fall in level, URL patterns as invitation rules write them, hours, time zone
and exceptions, each refused with the field and a sentence a person understands."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from relay.core.routing.settings import SettingsError, compile_settings
from shared_protocol import frames


def tiers(*pairs: tuple[int, int]) -> list[frames.Tier]:
    return [frames.Tier(level=level, after_seconds=after) for level, after in pairs]


def test_the_default_settings_route_always_open_and_match_no_page() -> None:
    routing = compile_settings(frames.RoutingSettings())
    assert routing.hours is None
    assert routing.open_at(0.0)
    assert not routing.matches_page("https://school.example/prices")


@pytest.mark.parametrize(
    "good",
    [
        [],
        tiers((1, 0)),
        tiers((2, 0), (1, 30)),  # the documentation's seniors first, then anyone
        tiers((9, 0), (5, 10), (3, 20), (2, 3599), (1, 3600)),
    ],
)
def test_tiers_that_rise_in_time_and_fall_in_level_are_accepted(good: list[frames.Tier]) -> None:
    routing = compile_settings(frames.RoutingSettings(tiers=good))
    assert routing.settings.tiers == good


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            tiers((3, 0), (2, 30), (1, 30)),
            "tiers[2].after_seconds: must be later than the tier before (30)",
        ),
        (
            tiers((2, 0), (1, 0)),
            "tiers[1].after_seconds: must be later than the tier before (0)",
        ),
        (
            tiers((3, 0), (2, 60), (1, 30)),
            "tiers[2].after_seconds: must be later than the tier before (60)",
        ),
        (
            tiers((2, 0), (2, 30)),
            "tiers[1].level: must be lower than the tier before (2): the lowest level "
            "reached so far applies, so this tier would change nothing",
        ),
        (
            tiers((1, 0), (2, 30)),
            "tiers[1].level: must be lower than the tier before (1): the lowest level "
            "reached so far applies, so this tier would change nothing",
        ),
        (
            tiers((2, 10), (1, 30)),
            "tiers[0].after_seconds: the first tier starts at 0 "
            "(before it nobody would be offered the chat)",
        ),
    ],
)
def test_tiers_that_make_no_sense_are_refused_naming_the_tier(
    bad: list[frames.Tier], message: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        compile_settings(frames.RoutingSettings(tiers=bad))
    assert str(refused.value) == message
    field, _, words = message.partition(": ")
    assert (refused.value.field, refused.value.message) == (field, words)
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"pages": ["*/prices*", "  "]}, "pages[1]", "a URL pattern cannot be empty"),
        ({"hours": "weekdays 9-6"}, "hours", "is not like 'mon-fri 09:00-18:00'"),
        ({"time_zone": "Beijing"}, "time_zone", "'Beijing' is not a time zone"),
        ({"exceptions": "2026-12-25 closed"}, "exceptions", "need hours"),
        (
            {"hours": "mon-fri 09:00-18:00", "exceptions": "2026-13-01 closed"},
            "exceptions",
            "2026-13-01 is not a date",
        ),
    ],
)
def test_pages_and_hours_are_refused_naming_the_field(
    changes: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(SettingsError, match=words) as refused:
        compile_settings(msgspec.structs.replace(frames.RoutingSettings(), **changes))
    assert refused.value.field == field
    assert str(refused.value).startswith(f"{field}: ")


def test_pages_match_as_in_invitation_rules() -> None:
    routing = compile_settings(frames.RoutingSettings(pages=["*/prices*", "shop.example/cart"]))
    assert routing.matches_page("https://school.example/prices")
    assert routing.matches_page("https://school.example/demo/Prices.html?x=1")
    assert routing.matches_page("http://shop.example/cart")
    assert not routing.matches_page("https://school.example/about")
    assert not routing.matches_page("https://other.example/cart")


def test_checked_hours_say_when_the_department_is_open() -> None:
    routing = compile_settings(
        frames.RoutingSettings(
            hours="mon-fri 09:00-18:00", time_zone="Asia/Shanghai", exceptions="2026-10-01 closed"
        )
    )
    assert routing.hours is not None
    # 2026-09-30 02:00 UTC is 10:00 on a Wednesday in Shanghai; 10-01 is the holiday.
    assert routing.open_at(1790733600.0)
    assert not routing.open_at(1790733600.0 + 86400)


def test_settings_as_the_app_sends_them_compile() -> None:
    """Decoded from the wire (the decoder holds the bounds) and then checked here."""
    settings = msgspec.json.decode(
        b'{"mode":"hybrid","tiers":[{"level":2},{"level":1,"after_seconds":45}],'
        b'"pages":["/prices*"],"hours":"mon-fri 09:00-18:00","time_zone":"Europe/London"}',
        type=frames.RoutingSettings,
    )
    routing = compile_settings(settings)
    assert routing.settings.mode is frames.RoutingMode.HYBRID
    assert routing.matches_page("https://school.example/prices/2026")
    assert routing.hours is not None
