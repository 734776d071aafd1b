"""Business hours for the `business_hours` condition: "mon-fri 09:00-18:00; sat 10:00-14:00"
in a time zone. Days are mon…sun (a range wraps: "sat-mon"); a span may end at 24:00;
several spans a day are separate entries ("mon 09:00-12:00; mon 14:00-18:00").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ENTRY = re.compile(
    r"^(?P<first>[a-z]{3})(?:\s*-\s*(?P<last>[a-z]{3}))?\s+"
    r"(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})$"
)


@dataclass(frozen=True, slots=True)
class BusinessHours:
    zone: ZoneInfo
    spans: tuple[tuple[int, int, int], ...]  # (weekday 0=mon, start minute, end minute)

    def open_at(self, ts: float) -> bool:
        local = datetime.fromtimestamp(ts, self.zone)
        minute = local.hour * 60 + local.minute
        return any(
            day == local.weekday() and start <= minute < end for day, start, end in self.spans
        )


def _minutes(text: str) -> int:
    hours, minutes = (int(part) for part in text.split(":"))
    if minutes >= 60 or hours > 24 or (hours == 24 and minutes):
        raise ValueError(f"{text} is not a time of day")
    return hours * 60 + minutes


def _day(name: str) -> int:
    try:
        return DAYS.index(name)
    except ValueError:
        raise ValueError(f"{name!r} is not a day (mon, tue, … sun)") from None


def time_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name.strip() or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{name!r} is not a time zone (write one like Asia/Shanghai)") from None


def parse_hours(text: str, zone: str) -> BusinessHours:
    tz = time_zone(zone)
    spans: list[tuple[int, int, int]] = []
    for entry in filter(None, (part.strip().lower() for part in text.split(";"))):
        found = _ENTRY.match(entry)
        if found is None:
            raise ValueError(f"{entry!r} is not like 'mon-fri 09:00-18:00'")
        first = _day(found["first"])
        last = _day(found["last"]) if found["last"] else first
        start, end = _minutes(found["start"]), _minutes(found["end"])
        if end <= start:
            raise ValueError(
                f"{entry!r} ends before it starts (hours past midnight are two entries: "
                "'mon 22:00-24:00; tue 00:00-02:00')"
            )
        day = first
        while True:
            spans.append((day, start, end))
            if day == last:
                break
            day = (day + 1) % 7
    if not spans:  # ";" alone: hours that are never open would be a silent mistake
        raise ValueError(f"{text!r} gives no hours (write them like 'mon-fri 09:00-18:00')")
    return BusinessHours(tz, tuple(spans))
