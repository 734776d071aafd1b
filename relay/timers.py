"""Work that runs later or again: sweeps, offer timeouts, invitation expiry.

One task per relay sleeps until the earliest timer is due, by the relay's clock (passed in,
so that tests move time instead of sleeping: advance a fake clock, then `run_due()`).
A failing job is logged, at most once a minute per job, and runs again at its next turn:
a bug in one sweep must neither stop the others nor fill the log.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from relay.failures import FailureLog
from relay.store.errors import StoreUnavailable

log = logging.getLogger("parley.timers")

Job = Callable[[], Awaitable[None]]
# Longest sleep between looks at the clock: a wall clock stepped forward (NTP, a
# suspended VM) delays a timer by at most this.
MAX_NAP_SECONDS = 5.0


@dataclass(order=True, slots=True)
class _Entry:
    due: float
    order: int
    name: str = field(compare=False)
    job: Job = field(compare=False)
    every: float | None = field(compare=False)  # seconds between runs, or None: once
    cancelled: bool = field(default=False, compare=False)


class Timer:
    """A scheduled job; `cancel()` stops it before its next run."""

    __slots__ = ("_entry",)

    def __init__(self, entry: _Entry) -> None:
        self._entry = entry

    def cancel(self) -> None:
        self._entry.cancelled = True


class Timers:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._heap: list[_Entry] = []
        self._order = itertools.count()
        self._changed = asyncio.Event()
        self._failures = FailureLog(event="timer_failed", key="job")

    def at(self, when: float, name: str, job: Job) -> Timer:
        """Run `job` once at `when` (the relay clock's time)."""
        return self._push(when, name, job, None)

    def every(self, seconds: float, name: str, job: Job, *, first_in: float | None = None) -> Timer:
        """Run `job` every `seconds`, the first time `first_in` seconds from now (by
        default `seconds`)."""
        first = seconds if first_in is None else first_in
        return self._push(self._clock() + first, name, job, seconds)

    def _push(self, due: float, name: str, job: Job, every: float | None) -> Timer:
        entry = _Entry(due, next(self._order), name, job, every)
        heapq.heappush(self._heap, entry)
        self._changed.set()  # the sleeper may now have an earlier timer to wait for
        return Timer(entry)

    async def run_due(self) -> int:
        """Run every job due by now, in order of due time; returns how many ran."""
        ran = 0
        now = self._clock()
        while self._heap and self._heap[0].due <= now:
            entry = heapq.heappop(self._heap)
            if entry.cancelled:
                continue
            ran += 1
            try:
                await entry.job()
            except StoreUnavailable:
                pass  # the database is down: no bug, and /healthz says so; next turn
            except Exception as error:
                self._failures.record(error, entry.name, self._clock())
            if entry.every is not None and not entry.cancelled:
                # Keep the cadence; a job that fell behind runs once, not once per miss.
                entry.due += entry.every
                if entry.due <= now:
                    entry.due = now + entry.every
                heapq.heappush(self._heap, entry)
        return ran

    def next_due(self) -> float | None:
        # Cancelled entries leave from the top; those below wait until they get there.
        while self._heap and self._heap[0].cancelled:
            heapq.heappop(self._heap)
        return self._heap[0].due if self._heap else None

    async def run(self) -> None:
        """Run timers as they fall due, until cancelled."""
        while True:
            await self.run_due()
            due = self.next_due()
            nap = MAX_NAP_SECONDS if due is None else due - self._clock()
            self._changed.clear()
            if nap > 0:
                try:
                    async with asyncio.timeout(min(nap, MAX_NAP_SECONDS)):
                        await self._changed.wait()
                except TimeoutError:
                    pass
