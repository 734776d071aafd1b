"""What the app says while the relay makes a login wait (protocol §4.2, §5.8): in the login
box, on its Log in button and on the main window's connection line.

A `rate_limited` refusal of a login is told by its code and `retry_after` alone, never by
the words of its `detail` (English for the log, and free to change). A long wait is a
lockout after failed logins (15 minutes by default; a growing wait reaches about a minute
only after many failures); a short one is one of the growing waits, a relay busy checking
passwords (1 s) or a sender told to slow down (a shut-out is 60 s at most). The login box
names the cause of a long wait; the connection line, whose token login waits only for its
network's failed logins or for a sender told to slow down, says only how long.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject

from agent_app.i18n import fill
from agent_app.net.client import LoginWait

LONG_WAIT_SECONDS = 60.0  # longer than any wait that is not about failed logins
SECONDS_SHOWN_UNDER = 120  # below this, the time left is said in seconds, else minutes


def is_lockout(wait: LoginWait) -> bool:
    """A long wait: too many failed logins, not a moment's pause."""
    return wait.seconds > LONG_WAIT_SECONDS


def minutes_of(seconds: int) -> int:
    """Whole minutes, to the nearest (as the countdown beside them reads: 6:05 is 6)."""
    return math.floor(seconds / 60 + 0.5)


def clock_text(left: float) -> str:
    """`6:10`, `0:09`: the time left, as the Log in button counts it down."""
    seconds = math.ceil(left)
    return f"{seconds // 60}:{seconds % 60:02d}"


class WaitWords(QObject):
    """The texts, with plural forms (lupdate marks `self.tr(text, "", n)` as plural)."""

    def login_refused(self, wait: LoginWait, left: float) -> str:
        """The login box's line: why the login did not go through, and when it may."""
        if left <= 0:
            return self.tr("The wait is over: you may log in again.")
        seconds = math.ceil(left)
        if not is_lockout(wait):
            return self.tr(
                "The relay asks to wait before the next login. Try again in %n seconds.",
                "",
                seconds,
            )
        if seconds < SECONDS_SHOWN_UNDER:
            return self.tr("Too many failed logins. Try again in %n seconds.", "", seconds)
        minutes = minutes_of(seconds)
        return self.tr("Too many failed logins. Try again in %n minutes.", "", minutes)

    def log_in_button(self, left: float) -> str:
        """The Log in button while it waits: `Log in (5:42)`."""
        return fill(self.tr("Log in (%1)"), clock_text(left))

    def connection_line(self, left: float) -> str:
        """The main window's connection line while a reconnect's login waits. It names no
        cause: a token login waits for its network's failed logins or for a sender told
        to slow down, and the line is right either way."""
        seconds = max(1, math.ceil(left))  # the app goes on waiting up to a second more
        if seconds < SECONDS_SHOWN_UNDER:
            return self.tr(
                "Offline: the relay asks to wait, trying again in %n seconds", "", seconds
            )
        minutes = minutes_of(seconds)
        return self.tr("Offline: the relay asks to wait, trying again in %n minutes", "", minutes)
