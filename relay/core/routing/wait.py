"""The visitor's estimated wait: a running average of how long taken chats waited per place
in the queue, times the visitor's place (docs/routing.md, "What routing decides", 5)."""

from __future__ import annotations

import math
from dataclasses import dataclass

ALPHA = 0.1  # the weight of the newest wait: recent enough to follow a busy hour, not jumpy


@dataclass(frozen=True, slots=True)
class WaitEstimate:
    seconds_per_place: float | None = None  # None: no chat was taken yet

    def taken(self, waited_seconds: float, position_when_queued: int) -> WaitEstimate:
        """The estimate after a chat was taken `waited_seconds` after it queued at
        `position_when_queued` (1 or more). The first sample is taken as it is: averaging
        it with nothing would start every relay at an estimate of 0."""
        if not (math.isfinite(waited_seconds) and waited_seconds >= 0):
            raise ValueError(f"a wait is a number of seconds ≥ 0, not {waited_seconds}")
        if position_when_queued < 1:
            raise ValueError(f"a place in the queue is 1 or more, not {position_when_queued}")
        sample = waited_seconds / position_when_queued
        if self.seconds_per_place is None:
            return WaitEstimate(sample)
        return WaitEstimate(self.seconds_per_place + ALPHA * (sample - self.seconds_per_place))

    def estimate(self, position: int) -> int | None:
        """Seconds a visitor at `position` may wait, rounded to the nearest 10 (halves up);
        None before the first sample; 0 at position 0 (no longer waiting)."""
        if position <= 0:
            return 0
        if self.seconds_per_place is None:
            return None
        return math.floor(self.seconds_per_place * position / 10 + 0.5) * 10
