"""Business hours (relay/core/invitations/hours.py): spans and day ranges, ranges that wrap
past Sunday, 24:00, the site's time zone through daylight-saving changes, and the words
for what cannot be read."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from relay.core.invitations.hours import parse_hours

# 2025-01-06 is a Monday; 2025-07-07 too.
WEEK = {day: 6 + i for i, day in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}


def local(zone: str, day: str, clock: str, month: int = 1) -> float:
    """The moment it is `clock` on that weekday of the week of 2025-01-06 (or 2025-07-07
    with month=7) in `zone`."""
    hours, minutes = map(int, clock.split(":"))
    date = WEEK[day] + (1 if month == 7 else 0)
    return datetime(2025, month, date, hours, minutes, tzinfo=ZoneInfo(zone)).timestamp()


def utc(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("mon 09:00-18:00", [(0, 540, 1080)]),
        ("mon-fri 09:00-18:00", [(d, 540, 1080) for d in range(5)]),
        ("Mon-Fri 9:00 - 18:00", [(d, 540, 1080) for d in range(5)]),  # case, spaces, 9:00
        ("sat-mon 10:00-14:00", [(5, 600, 840), (6, 600, 840), (0, 600, 840)]),  # wraps
        ("sun-sun 00:00-24:00", [(6, 0, 1440)]),
        ("mon 09:00-12:00; mon 14:00-18:00", [(0, 540, 720), (0, 840, 1080)]),
        (
            "mon-fri 09:00-18:00; sat 10:00-14:00;",
            [*((d, 540, 1080) for d in range(5)), (5, 600, 840)],
        ),
    ],
)
def test_entries_become_spans_of_each_day(text: str, spans: list[tuple[int, int, int]]) -> None:
    assert list(parse_hours(text, "UTC").spans) == spans


SCHOOL = parse_hours("mon-fri 09:00-18:00; sat 10:00-14:00", "Asia/Shanghai")


@pytest.mark.parametrize(
    ("day", "clock", "open_"),
    [
        ("mon", "08:59", False),
        ("mon", "09:00", True),  # from the first minute
        ("wed", "12:30", True),
        ("fri", "17:59", True),
        ("fri", "18:00", False),  # to the last minute, not including it
        ("sat", "09:59", False),
        ("sat", "10:00", True),
        ("sat", "14:00", False),
        ("sun", "12:00", False),
    ],
)
def test_the_hours_are_read_on_the_sites_clock(day: str, clock: str, open_: bool) -> None:
    assert SCHOOL.open_at(local("Asia/Shanghai", day, clock)) is open_


def test_the_sites_clock_is_not_utc() -> None:
    assert SCHOOL.open_at(utc("2025-01-06T01:00")) is True  # 09:00 in Shanghai
    assert SCHOOL.open_at(utc("2025-01-06T10:00")) is False  # 18:00 in Shanghai
    assert SCHOOL.open_at(utc("2025-01-05T23:30")) is False  # Monday 07:30 in Shanghai


@pytest.mark.parametrize(
    ("day", "clock", "open_"),
    [
        ("fri", "12:00", False),
        ("sat", "12:00", True),
        ("sun", "12:00", True),
        ("mon", "12:00", True),
        ("tue", "12:00", False),
    ],
)
def test_a_day_range_wraps_past_sunday(day: str, clock: str, open_: bool) -> None:
    weekend = parse_hours("sat-mon 10:00-14:00", "UTC")
    assert weekend.open_at(local("UTC", day, clock)) is open_


@pytest.mark.parametrize(
    ("day", "clock", "open_"),
    [
        ("mon", "19:59", False),
        ("mon", "20:00", True),
        ("mon", "23:59", True),
        ("tue", "00:00", False),
    ],
)
def test_a_span_may_end_at_midnight_written_24_00(day: str, clock: str, open_: bool) -> None:
    evening = parse_hours("mon 20:00-24:00", "Europe/Berlin")
    assert evening.open_at(local("Europe/Berlin", day, clock)) is open_


def test_a_whole_day_is_00_00_to_24_00() -> None:
    sunday = parse_hours("sun 00:00-24:00", "UTC")
    assert sunday.open_at(local("UTC", "sun", "00:00"))
    assert sunday.open_at(local("UTC", "sun", "23:59"))
    assert not sunday.open_at(local("UTC", "mon", "00:00"))
    assert not sunday.open_at(local("UTC", "sat", "23:59"))


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        ("2025-01-06T08:30", False),  # 08:30 in London in winter (GMT)
        ("2025-01-06T09:30", True),
        ("2025-07-07T08:30", True),  # 09:30 in London in summer (BST)
        ("2025-07-07T16:30", False),  # 17:30 BST
    ],
)
def test_the_hours_follow_the_zones_summer_time(moment: str, open_: bool) -> None:
    office = parse_hours("mon-fri 09:00-17:00", "Europe/London")
    assert office.open_at(utc(moment)) is open_


def test_on_the_days_clocks_change_the_hours_are_read_on_the_wall_clock() -> None:
    # New York, 2024: 02:00 became 03:00 on 10 March; 02:00 became 01:00 on 3 November.
    night = parse_hours("sun 01:00-02:00", "America/New_York")
    assert night.open_at(utc("2024-11-03T05:30"))  # 01:30 EDT
    assert night.open_at(utc("2024-11-03T06:30"))  # 01:30 EST, the same hour again
    assert not night.open_at(utc("2024-11-03T07:30"))  # 02:30 EST
    skipped = parse_hours("sun 02:00-03:00", "America/New_York")
    assert not skipped.open_at(utc("2024-03-10T06:59"))  # 01:59 EST
    assert not skipped.open_at(utc("2024-03-10T07:00"))  # 03:00 EDT: 02:xx never happened
    assert parse_hours("sun 01:00-04:00", "America/New_York").open_at(utc("2024-03-10T07:30"))


def test_an_empty_zone_is_utc() -> None:
    assert str(parse_hours("mon 09:00-10:00", " ").zone) == "UTC"


@pytest.mark.parametrize(
    ("text", "zone", "words"),
    [
        ("mon 09:00-18:00", "Mars/Olympus", "'Mars/Olympus' is not a time zone"),
        ("mon 09:00-18:00", "+08:00", "is not a time zone (write one like Asia/Shanghai)"),
        ("mon 09:00-18:00", "../../etc/passwd", "is not a time zone"),
        ("mon 09:00-18:00", "Asia", "is not a time zone"),  # a folder of zones
        ("mon 09:00-18:00", "zone.tab", "is not a time zone"),  # a file, not a zone
        ("monday 09:00-18:00", "UTC", "is not like 'mon-fri 09:00-18:00'"),
        ("mon 9-18", "UTC", "is not like 'mon-fri 09:00-18:00'"),
        ("mon-fri", "UTC", "is not like 'mon-fri 09:00-18:00'"),
        ("09:00-18:00", "UTC", "is not like 'mon-fri 09:00-18:00'"),
        ("mon-fri 09:00-18:00， sat 10:00-14:00", "UTC", "is not like"),  # a full-width comma
        ("xyz 09:00-18:00", "UTC", "'xyz' is not a day (mon, tue, … sun)"),
        ("mon-xyz 09:00-18:00", "UTC", "'xyz' is not a day"),
        ("mon 25:00-26:00", "UTC", "25:00 is not a time of day"),
        ("mon 09:60-10:00", "UTC", "09:60 is not a time of day"),
        ("mon 09:00-24:30", "UTC", "24:30 is not a time of day"),
        ("mon 18:00-09:00", "UTC", "ends before it starts"),
        ("mon 09:00-09:00", "UTC", "ends before it starts"),
        ("mon 22:00-02:00", "UTC", "mon 22:00-24:00; tue 00:00-02:00"),  # says how instead
        (";", "UTC", "no hours"),
        (" ; ; ", "UTC", "no hours"),
    ],
)
def test_what_cannot_be_read_is_refused_saying_why(text: str, zone: str, words: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_hours(text, zone)
    assert words in str(refused.value)
