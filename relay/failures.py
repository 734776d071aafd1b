"""Logging what goes wrong without letting a peer fill the log: relay bugs met while
handling frames, and refused logins, each at most once a window per kind."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

from relay.store import StoreUnavailable
from shared_protocol import frames
from shared_protocol.errors import ErrorCode, ProtocolError

log = logging.getLogger("parley.endpoints")


@dataclass(slots=True)
class FailureLog:
    """Logs relay bugs met while handling frames: the traceback of each kind (error type
    and frame type) once per window, then one line with how often it came again. A peer
    who found a frame that fails must not be able to fill the log with tracebacks."""

    window: float = 60.0
    # What failed, in the log lines: a frame's handler, or a timer's job.
    event: str = "handler_failed"
    key: str = "frame"
    # kind -> when its last traceback was written, and how often it came since
    _kinds: dict[tuple[str, str], tuple[float, int]] = field(default_factory=dict)

    def record(self, error: BaseException, where: str, now: float) -> None:
        """`where`: the frame type being handled, or the job that ran."""
        kind = (type(error).__name__, where)
        logged_at, repeats = self._kinds.get(kind, (-math.inf, 0))
        if now - logged_at < self.window:
            self._kinds[kind] = (logged_at, repeats + 1)
            return
        self._count(kind, repeats)
        self._kinds[kind] = (now, 0)
        log.error("event=%s error=%s %s=%s", self.event, kind[0], self.key, kind[1], exc_info=error)

    def flush(self, now: float) -> None:
        """Write the count of each kind whose window has ended, so that failures that
        stopped coming are still counted in the log (a timer calls this)."""
        for kind, (logged_at, repeats) in list(self._kinds.items()):
            if now - logged_at < self.window:
                continue
            del self._kinds[kind]
            self._count(kind, repeats)

    def _count(self, kind: tuple[str, str], repeats: int) -> None:
        """The line that says how often a kind came again since its traceback."""
        if repeats:
            log.warning(
                "event=%s_again error=%s %s=%s times=%d within_seconds=%d",
                self.event,
                kind[0],
                self.key,
                kind[1],
                repeats,
                self.window,
            )


# One for the whole relay: a peer may spread the same failure over many connections.
failures = FailureLog()


@dataclass(slots=True)
class Occurrences:
    """Counts something that is logged at most once a window per kind (an account or
    address refused a login): a guesser hammering a locked account must not fill the log."""

    window: float = 60.0
    most_kinds: int = 10_000  # past this, kinds not logged within the window are forgotten
    # kind -> when its last line was written, and how often it came since
    _kinds: dict[tuple[str, str], tuple[float, int]] = field(default_factory=dict)

    def due(self, kind: tuple[str, str], now: float) -> int:
        """0 when this one is not to be logged; else how many times it came since the
        last line, this one included."""
        logged_at, repeats = self._kinds.get(kind, (-math.inf, 0))
        if now - logged_at < self.window:
            self._kinds[kind] = (logged_at, repeats + 1)
            return 0
        if len(self._kinds) >= self.most_kinds:
            self._kinds = {k: v for k, v in self._kinds.items() if now - v[0] < self.window}
        self._kinds[kind] = (now, 0)
        return repeats + 1

    def flush(self, now: float) -> list[tuple[tuple[str, str], int]]:
        """The kinds whose window has ended with occurrences not yet logged, and how many;
        they are forgotten (a timer calls this and logs them)."""
        ended = []
        for kind, (logged_at, repeats) in list(self._kinds.items()):
            if now - logged_at >= self.window:
                del self._kinds[kind]
                if repeats:
                    ended.append((kind, repeats))
        return ended


throttled_logins = Occurrences()


def failure_frame(error: BaseException, ref: str | None) -> frames.Error:
    """The error frame for a frame that failed after it was accepted: the peer's fault
    (its ProtocolError), the environment's (unavailable: send again), or ours (internal)."""
    if isinstance(error, ProtocolError):
        return frames.Error(code=error.code, detail=error.detail, ref=error.ref or ref)
    if isinstance(error, StoreUnavailable):
        detail = "storage failed; nothing was stored, send again"
        return frames.Error(code=ErrorCode.UNAVAILABLE, detail=detail, ref=ref)
    return frames.Error(code=ErrorCode.INTERNAL, detail="relay error", ref=ref)
