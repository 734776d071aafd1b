"""Days and times as the bubbles and cards show them, in the agent's language."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale


def day_text(ts: float, now: float) -> str:
    """A day in the agent's language: "14 Mar" / "3月14日" / "3-р сарын 14" this year, the
    locale's short date before."""
    date = QDateTime.fromSecsSinceEpoch(int(ts)).date()
    if time.localtime(ts).tm_year == time.localtime(now).tm_year:
        # The order of day and month is the language's (Qt has no short "day and month"
        # format), so the pattern itself is translated.
        pattern = QCoreApplication.translate(
            "MessageBubble", "d MMM", "a day of this year, as a Qt date format: d day, MMM month"
        )
        return QLocale().toString(date, pattern)
    return QLocale().toString(date, QLocale.FormatType.ShortFormat)


def when_text(ts: float, now: float) -> str:
    """HH:MM today, the day and HH:MM on other days (a message's time)."""
    clock = QDateTime.fromSecsSinceEpoch(int(ts)).toString("HH:mm")
    if time.localtime(ts)[:3] == time.localtime(now)[:3]:
        return clock
    return f"{day_text(ts, now)} {clock}"


def day_or_time(ts: float, now: float) -> str:
    """HH:MM today, the day (and the year when it is not this year's) on other days (a
    card's last message, a visitor last seen)."""
    if time.localtime(ts)[:3] == time.localtime(now)[:3]:
        return QDateTime.fromSecsSinceEpoch(int(ts)).toString("HH:mm")
    return day_text(ts, now)
