"""A department's opening hours (relay/core/routing/hours.py): weekly hours with dated
exceptions in the department's time zone, the moment they next open or close (across
daylight-saving changes, searched 8 days ahead), and the words for what cannot be read."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relay.core.routing.hours import HoursError, OpeningHours, parse_opening_hours

LONDON = "Europe/London"
SHANGHAI = "Asia/Shanghai"


def at(zone: str, text: str, *, fold: int = 0) -> float:
    """The moment the wall clock of `zone` reads `text` ("2026-03-29 00:30")."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone), fold=fold).timestamp()


def hours(text: str, zone: str = "UTC", exceptions: str = "") -> OpeningHours:
    parsed = parse_opening_hours(text, zone, exceptions)
    assert parsed is not None
    return parsed


# Reading ---------------------------------------------------------------------------------


def test_no_hours_means_always_open() -> None:
    assert parse_opening_hours("", "UTC", "") is None
    assert parse_opening_hours("  ", "Asia/Shanghai", " ") is None


@pytest.mark.parametrize(
    ("text", "zone", "exceptions", "field", "words"),
    [
        ("", "UTC", "2026-12-25 closed", "exceptions", "need hours"),
        ("", "Mars/Olympus", "", "time_zone", "not a time zone"),
        ("mon-fri 09:00-18:00", "Mars/Olympus", "", "time_zone", "not a time zone"),
        ("mon-fri 9 to 6", "UTC", "", "hours", "is not like 'mon-fri 09:00-18:00'"),
        ("mon 09:00-18:00", "UTC", "christmas closed", "exceptions", "is not like"),
        ("mon 09:00-18:00", "UTC", "2026-02-30 closed", "exceptions", "2026-02-30 is not a date"),
        ("mon 09:00-18:00", "UTC", "2026-12-31 09:00-25:00", "exceptions", "not a time of day"),
        ("mon 09:00-18:00", "UTC", "2026-12-31 12:00-09:00", "exceptions", "ends before"),
        ("mon 09:00-18:00", "UTC", "2026-12-31 09:00-09:00", "exceptions", "ends before"),
        (
            "mon 09:00-18:00",
            "UTC",
            "2026-12-25 closed; 2026-12-25 10:00-12:00",
            "exceptions",
            "both closed and open",
        ),
        (
            "mon 09:00-18:00",
            "UTC",
            "2026-12-25 10:00-12:00; 2026-12-25 closed",
            "exceptions",
            "both closed and open",
        ),
    ],
)
def test_what_cannot_be_read_is_refused_naming_the_setting(
    text: str, zone: str, exceptions: str, field: str, words: str
) -> None:
    with pytest.raises(HoursError, match=words) as refused:
        parse_opening_hours(text, zone, exceptions)
    assert refused.value.field == field
    assert isinstance(refused.value, ValueError)


def test_exceptions_are_read_with_case_spaces_and_a_trailing_semicolon() -> None:
    parsed = hours(
        "mon-fri 09:00-18:00",
        exceptions=" 2026-12-25 Closed ;2026-12-31 14:00 - 16:00; 2026-12-31 9:00-12:00;",
    )
    assert dict(parsed.exceptions) == {
        datetime(2026, 12, 25).date(): (),
        datetime(2026, 12, 31).date(): ((540, 720), (840, 960)),
    }


# Open or not ------------------------------------------------------------------------------

# 2026-12-24 is a Thursday, 12-25 a Friday, 12-26 a Saturday, 12-31 a Thursday.
OFFICE = hours(
    "mon-fri 09:00-18:00; sat 10:00-14:00",
    LONDON,
    "2026-12-25 closed; 2026-12-26 09:00-10:00; 2026-12-31 09:00-12:00; 2026-12-31 14:00-16:00",
)


@pytest.mark.parametrize(
    ("wall", "open_"),
    [
        ("2026-12-24 08:59", False),
        ("2026-12-24 09:00", True),  # the weekly hours on a day no exception names
        ("2026-12-24 17:59", True),
        ("2026-12-24 18:00", False),
        ("2026-12-25 12:00", False),  # closed on a weekday it is usually open
        ("2026-12-26 09:30", True),  # a Saturday's exception replaces its 10-14
        ("2026-12-26 10:00", False),
        ("2026-12-26 12:00", False),
        ("2026-12-31 11:59", True),
        ("2026-12-31 12:00", False),  # the gap between the day's two spans
        ("2026-12-31 13:59", False),
        ("2026-12-31 14:00", True),
        ("2026-12-31 16:00", False),  # not the weekly 18:00
        ("2027-01-01 10:00", True),  # exceptions are dates, not every year's
    ],
)
def test_a_listed_date_replaces_that_days_weekly_hours(wall: str, open_: bool) -> None:
    assert OFFICE.open_at(at(LONDON, wall)) is open_


def test_exception_dates_are_the_departments_own_dates() -> None:
    beijing = hours("mon-sun 00:00-24:00", SHANGHAI, "2026-10-01 closed")
    # 2026-09-30 16:30 UTC is already 1 October in Shanghai: closed there.
    assert beijing.open_at(at("UTC", "2026-09-30 16:30")) is False
    assert beijing.open_at(at("UTC", "2026-09-30 15:59")) is True
    assert beijing.open_at(at("UTC", "2026-10-01 16:00")) is True  # 2 October in Shanghai


# When it next changes -----------------------------------------------------------------------

SCHOOL = hours("mon-fri 09:00-18:00", SHANGHAI, "2026-10-01 closed")  # 10-01 is a Thursday


@pytest.mark.parametrize(
    ("now", "then"),
    [
        ("2026-09-30 12:00", "2026-09-30 18:00"),  # open: when it closes
        ("2026-09-30 09:00", "2026-09-30 18:00"),  # at the opening minute: already open
        ("2026-09-30 08:59", "2026-09-30 09:00"),
        ("2026-09-30 18:00", "2026-10-02 09:00"),  # the closed Thursday is skipped
        ("2026-10-02 18:30", "2026-10-05 09:00"),  # over the weekend
    ],
)
def test_next_change_in_shanghai(now: str, then: str) -> None:
    assert SCHOOL.next_change(at(SHANGHAI, now)) == at(SHANGHAI, then)


def test_next_change_from_between_two_seconds_is_the_next_boundary() -> None:
    assert SCHOOL.next_change(at(SHANGHAI, "2026-09-30 08:59") + 59.5) == at(
        SHANGHAI, "2026-09-30 09:00"
    )


def test_next_change_across_the_spring_change_in_london() -> None:
    # Clocks go from 01:00 GMT to 02:00 BST on Sunday 2026-03-29: the week has 167 hours.
    office = hours("mon-fri 09:00-18:00", LONDON)
    friday_close = at(LONDON, "2026-03-27 18:00")
    monday_open = office.next_change(friday_close)
    assert monday_open == at(LONDON, "2026-03-30 09:00")
    assert monday_open == at("UTC", "2026-03-30 08:00")
    assert monday_open - friday_close == (3 * 24 - 9 - 1) * 3600


def test_a_span_cut_by_the_skipped_hour_closes_when_the_clock_jumps() -> None:
    night = hours("sun 00:30-01:30", LONDON)
    opens = night.next_change(at(LONDON, "2026-03-29 00:00"))
    assert opens == at("UTC", "2026-03-29 00:30")
    closes = night.next_change(opens)  # 01:30 GMT never comes: 01:00 GMT is 02:00 BST
    assert closes == at("UTC", "2026-03-29 01:00")
    assert night.open_at(closes - 1) and not night.open_at(closes)


def test_a_span_that_starts_in_the_skipped_hour_opens_when_the_clock_jumps() -> None:
    night = hours("sun 01:30-03:00", LONDON)
    opens = night.next_change(at(LONDON, "2026-03-29 00:00"))
    assert opens == at("UTC", "2026-03-29 01:00")  # 02:00 BST, already past 01:30
    assert night.next_change(opens) == at(LONDON, "2026-03-29 03:00")


def test_a_span_in_the_repeated_hour_opens_twice_in_autumn() -> None:
    # Clocks go from 02:00 BST back to 01:00 GMT on Sunday 2026-10-25.
    night = hours("sun 01:10-01:40", LONDON)
    moments = []
    now = at(LONDON, "2026-10-25 00:00")
    for _ in range(4):
        change = night.next_change(now)
        assert change is not None
        moments.append(change)
        now = change
    assert moments == [
        at("UTC", "2026-10-25 00:10"),  # 01:10 BST
        at("UTC", "2026-10-25 00:40"),
        at("UTC", "2026-10-25 01:10"),  # 01:10 GMT
        at("UTC", "2026-10-25 01:40"),
    ]


def test_a_span_that_starts_in_the_repeated_hour_closes_at_the_jump_back() -> None:
    # 01:30 BST comes, then at 02:00 BST the clock goes back to 01:00 GMT (before 01:30).
    night = hours("sun 01:30-03:00", LONDON)
    moments = []
    now = at(LONDON, "2026-10-25 00:00")
    for _ in range(4):
        change = night.next_change(now)
        assert change is not None
        moments.append(change)
        now = change
    assert moments == [
        at("UTC", "2026-10-25 00:30"),  # 01:30 BST
        at("UTC", "2026-10-25 01:00"),  # 02:00 BST is 01:00 GMT: before the span again
        at("UTC", "2026-10-25 01:30"),  # 01:30 GMT
        at("UTC", "2026-10-25 03:00"),
    ]


@pytest.mark.parametrize(
    ("text", "exceptions", "now"),
    [
        ("mon-sun 00:00-24:00", "", "2026-09-30 12:00"),  # never closes
        # Open Mondays only; the next Monday closed: 13 days on, past the 8 searched.
        ("mon 09:00-10:00", "2026-10-05 closed", "2026-09-29 12:00"),
    ],
)
def test_next_change_is_none_when_nothing_changes_within_8_days(
    text: str, exceptions: str, now: str
) -> None:
    assert hours(text, SHANGHAI, exceptions).next_change(at(SHANGHAI, now)) is None


def test_next_change_finds_a_change_up_to_8_days_ahead() -> None:
    mondays = hours("mon 09:00-10:00", SHANGHAI)
    monday = at(SHANGHAI, "2026-09-28 10:00")  # just closed: next Monday is 7 days on
    assert mondays.next_change(monday) == at(SHANGHAI, "2026-10-05 09:00")


# Spans cut by both of 2026's clock changes (29 March, 25 October), and exceptions.
ROSTER = hours(
    "mon-fri 09:00-18:00; sat 10:00-14:00; sun 00:30-01:30; sun 01:10-01:40",
    LONDON,
    "2026-03-30 closed; 2026-10-25 01:30-03:00; 2026-10-25 01:05-01:15; "
    "2026-10-26 08:00-08:30; 2026-10-26 23:00-24:00",
)
SPRING_TO_AUTUMN = (at("UTC", "2026-03-20 00:00"), at("UTC", "2026-11-05 00:00"))
NEAR_A_CHANGE = st.builds(  # a moment within two hours of a jump, any minute as likely
    lambda jump, minute, second: jump + minute * 60 + second,
    st.sampled_from([at("UTC", "2026-03-29 01:00"), at("UTC", "2026-10-25 01:00")]),
    st.sampled_from(range(-120, 120)),
    st.sampled_from([0.0, 0.5, 59.5]),
)
MINUTE = 60


@settings(max_examples=300, deadline=None)
@given(
    st.floats(*SPRING_TO_AUTUMN) | NEAR_A_CHANGE,
    st.lists(st.floats(0, 1), min_size=1, max_size=5),
)
def test_next_change_is_the_first_moment_the_answer_differs(
    now: float, fractions: list[float]
) -> None:
    change = ROSTER.next_change(now)
    assert change is not None  # the roster opens every weekday
    assert change > now
    assert ROSTER.open_at(change) is not ROSTER.open_at(now)
    # Everywhere before it, the answer is still the one at `now`.
    for fraction in [*fractions, 0.0]:
        before = now + fraction * (change - now)
        if before < change:
            assert ROSTER.open_at(before) is ROSTER.open_at(now)
    assert ROSTER.open_at(max(now, change - 1)) is ROSTER.open_at(now)
    # Every boundary of the roster is a whole UTC minute: none before `change` (looked at
    # over the first 6 hours) gives the other answer.
    minute = (now // MINUTE + 1) * MINUTE
    while minute < min(change, now + 6 * 3600):
        assert ROSTER.open_at(minute) is ROSTER.open_at(now), minute
        minute += MINUTE
