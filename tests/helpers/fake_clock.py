"""Clocks that a test moves, to put in place of a running relay's (RelayContext.clock).

The relay reads the time from its context's clock for everything it stamps or counts
(messages, page views, rates, logins) and its timers (visitor batches, sweeps) fall due
by it too. A test that puts one of these in its place makes time pass without waiting.
"""

from __future__ import annotations

import time

from relay.app import Relay


class FakeClock:
    """Stands still until advanced."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class JumpingClock:
    """Runs with the real time, and jumps ahead by what the test advances it: the relay
    goes on as usual (its timers fall due on their own) while a test makes minutes pass
    where it must, as between two pages a visitor reads."""

    def __init__(self) -> None:
        self.skipped = 0.0

    def __call__(self) -> float:
        return time.time() + self.skipped

    def advance(self, seconds: float) -> None:
        self.skipped += seconds


def freeze(relay: Relay) -> FakeClock:
    """The relay's clock from now on (rates, logins, timestamps): it stands still until
    advanced, so that what a test sends is counted against exact allowances. Its timers
    run only when the test moves the clock: see `advance`."""
    clock = FakeClock()
    relay.ctx.clock = clock
    return clock


async def advance(relay: Relay, clock: FakeClock, seconds: float) -> None:
    """Move a frozen relay's clock on and run the timers that fell due meanwhile (visitor
    batches to agents, sweeps), as the relay would have in that time."""
    clock.advance(seconds)
    await relay.ctx.timers.run_due()


def jumping(relay: Relay) -> JumpingClock:
    """The relay's clock from now on: the real time plus what the test skips."""
    clock = JumpingClock()
    relay.ctx.clock = clock
    return clock
