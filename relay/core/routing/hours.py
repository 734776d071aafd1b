"""A department's opening hours: the weekly hours of `core/invitations/hours.py` (the same
syntax, the same parser) plus exceptions for single dates, the duty roster of holidays.

Exceptions are written `"2026-12-25 closed; 2026-12-31 09:00-12:00; 2026-12-31 14:00-16:00"`:
dates in the department's time zone. A date listed replaces that day's weekly hours whole
(several entries of one date add spans to it); `closed` and hours for the same date
contradict each other and are refused.

`next_change` exists so the relay can sleep until a department opens or closes instead of
polling. It is exact across daylight-saving changes, where the wall clock jumps: a span
that starts inside a skipped hour opens at the jump itself, one inside a repeated hour
opens and closes twice, and one that starts inside it closes at the jump back and opens
again.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

# `_minutes` is the weekly parser's own reading of "09:00" (24:00 allowed); reused so both
# accept exactly the same times. It could be made public there (`minutes_of_day`).
from relay.core.invitations.hours import BusinessHours, _minutes, parse_hours, time_zone

SEARCH_DAYS = 8  # next_change looks this far ahead: past a week, "never" is the answer
_DAY_SECONDS = 86_400
_EXCEPTION = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})\s+"
    r"(?:(?P<closed>closed)|(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2}))$"
)

Span = tuple[int, int]  # start minute, end minute (exclusive) of a local day


class HoursError(ValueError):
    """Opening hours that cannot be used; `field` is the setting at fault (`hours`,
    `time_zone` or `exceptions`), the message says why, for a person."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class OpeningHours:
    weekly: BusinessHours
    # A date's spans replace its weekday's; an empty tuple is a closed day. Not hashed:
    # nobody keys anything by opening hours.
    exceptions: Mapping[date, tuple[Span, ...]]

    @property
    def zone(self) -> ZoneInfo:
        return self.weekly.zone

    def open_at(self, ts: float) -> bool:
        local = datetime.fromtimestamp(ts, self.zone)
        minute = local.hour * 60 + local.minute
        return any(start <= minute < end for start, end in self._spans(local.date()))

    def next_change(self, ts: float) -> float | None:
        """The first moment after `ts` at which `open_at` gives the other answer, or None
        when it stays the same for SEARCH_DAYS days (always open, or closed that long)."""
        now = self.open_at(ts)
        horizon = ts + SEARCH_DAYS * _DAY_SECONDS
        for moment in self._candidates(ts):
            if moment > horizon:
                return None
            if self.open_at(moment) != now:
                return moment
        return None

    def _spans(self, day: date) -> tuple[Span, ...]:
        spans = self.exceptions.get(day)
        if spans is not None:
            return spans
        weekday = day.weekday()
        return tuple((start, end) for d, start, end in self.weekly.spans if d == weekday)

    def _candidates(self, ts: float) -> list[float]:
        """Every moment after `ts`, in order, at which `open_at` may change: where the wall
        clock reaches a span's start or end or a midnight (a day's spans change there), in
        both readings of a repeated hour, and where the clock jumps (daylight saving). In
        between the wall clock runs on without crossing a boundary, so the answer holds."""
        first = datetime.fromtimestamp(ts, self.zone).date()
        moments: set[float] = set()
        midnights: list[float] = []
        # Two days more than searched: the last midnight lies past the horizon even when
        # `ts` is late in its day and a clock change shortens the days between.
        for offset in range(SEARCH_DAYS + 3):
            day = first + timedelta(days=offset)
            midnight = datetime(day.year, day.month, day.day, tzinfo=self.zone)
            midnights.append(midnight.timestamp())
            for minute in {0, *(m for span in self._spans(day) for m in span)}:
                wall = midnight + timedelta(minutes=minute)  # wall-clock arithmetic
                moments.update(wall.replace(fold=fold).timestamp() for fold in (0, 1))
        for start, end in pairwise(midnights):
            if self._offset(start) != self._offset(end):
                moments.add(self._jump(start, end))
        return sorted(m for m in moments if m > ts)

    def _offset(self, ts: float) -> timedelta | None:
        return datetime.fromtimestamp(ts, self.zone).utcoffset()

    def _jump(self, start: float, end: float) -> float:
        """The whole second in (start, end] from which the zone's offset is the one at
        `end`: zones change it at most once a day, on a whole second."""
        low, high, after = math.floor(start), math.ceil(end), self._offset(end)
        while high - low > 1:
            middle = (low + high) // 2
            if self._offset(middle) == after:
                high = middle
            else:
                low = middle
        return float(high)


def parse_opening_hours(hours: str, zone: str, exceptions: str) -> OpeningHours | None:
    """Opening hours as a department's settings write them; None when `hours` is empty
    (always open). Raises HoursError naming the setting and saying what is wrong."""
    try:
        time_zone(zone)  # checked even without hours: it is used once hours are set
    except ValueError as error:
        raise HoursError("time_zone", str(error)) from None
    if not hours.strip():
        if exceptions.strip():
            raise HoursError(
                "exceptions",
                "exceptions change the opening hours, so they need hours to change "
                "(write hours like 'mon-fri 09:00-18:00', or no exceptions)",
            )
        return None
    try:
        weekly = parse_hours(hours, zone)
    except ValueError as error:
        raise HoursError("hours", str(error)) from None
    return OpeningHours(weekly, _parse_exceptions(exceptions))


def _parse_exceptions(text: str) -> dict[date, tuple[Span, ...]]:
    days: dict[date, list[Span]] = {}
    closed: set[date] = set()
    for entry in filter(None, (part.strip().lower() for part in text.split(";"))):
        found = _EXCEPTION.match(entry)
        if found is None:
            raise HoursError(
                "exceptions",
                f"{entry!r} is not like '2026-12-25 closed' or '2026-12-31 09:00-12:00'",
            )
        try:
            day = date.fromisoformat(found["date"])
        except ValueError:
            raise HoursError("exceptions", f"{found['date']} is not a date") from None
        if found["closed"]:
            if days.get(day):
                raise HoursError("exceptions", f"{day} is both closed and open at hours")
            closed.add(day)
            days[day] = []
            continue
        if day in closed:
            raise HoursError("exceptions", f"{day} is both closed and open at hours")
        try:
            start, end = _minutes(found["start"]), _minutes(found["end"])
        except ValueError as error:
            raise HoursError("exceptions", f"{entry!r}: {error}") from None
        if end <= start:
            raise HoursError(
                "exceptions",
                f"{entry!r} ends before it starts (hours past midnight are two entries: "
                f"'{day} 22:00-24:00; {day + timedelta(days=1)} 00:00-02:00')",
            )
        days.setdefault(day, []).append((start, end))
    return {day: tuple(sorted(spans)) for day, spans in days.items()}
