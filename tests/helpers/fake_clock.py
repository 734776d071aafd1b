"""A clock that moves only when a test says so, to put in place of a running relay's."""

from __future__ import annotations

from relay.app import Relay


class FakeClock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def freeze(relay: Relay) -> FakeClock:
    """The relay's clock from now on (rates, logins, timestamps): it stands still until
    advanced, so that what a test sends is counted against exact allowances."""
    clock = FakeClock()
    relay.ctx.clock = clock
    return clock
