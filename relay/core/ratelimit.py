"""Rate limits: the token bucket; allowances that a sender's connections share (a visitor,
an address, an agent), with their waits and shut-outs; the abuse meter for refused frames.

The rules (docs/protocol.md §3 and §5.8 say them to client authors):
- Every frame spends a token from each allowance it falls under. A frame that finds one of
  them without a token starts a *wait* there, until its bucket is full again; the frame is
  refused and so is every frame that arrives before the wait is over. The sender is told
  once per wait and connection (`rate_limited`, `retry_after`), so a client that resends
  what has no ack after `retry_after` finds a full bucket.
- Refused frames are counted. A sender with more than `shut_out_after` of them within
  `window` seconds kept sending while it was told to wait: it is *shut out* for
  `shut_out_seconds`, during which every frame and every new connection is refused.
Nothing here does I/O or reads a clock: `now` is always passed in.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(slots=True)
class TokenBucket:
    """Allows `rate` frames per second on average and bursts of up to `burst` frames."""

    rate: float
    burst: float
    _tokens: float = field(init=False)
    _updated: float | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self._tokens = self.burst

    def _refill(self, now: float) -> None:
        if self._updated is not None:
            # max(): a clock stepped back must not take tokens away.
            elapsed = max(0.0, now - self._updated)
            self._tokens = min(self.burst, self._tokens + elapsed * self.rate)
        self._updated = now

    def take(self, now: float) -> float:
        """Spend one token. Returns 0 when allowed, else the seconds until one is available."""
        self._refill(now)
        if self._tokens >= 1:
            self._tokens -= 1
            return 0.0
        return (1 - self._tokens) / self.rate

    def has_token(self, now: float) -> bool:
        self._refill(now)
        return self._tokens >= 1

    def full_in(self, now: float) -> float:
        """Seconds until the bucket is full again, if nothing is taken meanwhile."""
        self._refill(now)
        return (self.burst - self._tokens) / self.rate

    def idle_for(self, now: float, seconds: float) -> bool:
        """Whether nothing was taken for `seconds`."""
        return self._updated is None or now - self._updated >= seconds


@dataclass(frozen=True, slots=True)
class Limit:
    """How fast one sender may send, and when it is shut out."""

    per_second: float
    burst: float
    shut_out_after: int  # frames refused within `window` seconds; one more shuts out
    shut_out_seconds: float
    window: float = 60.0


@dataclass(frozen=True, slots=True)
class Refusal:
    """A frame refused: until when, whether for a shut-out (the connection ends) or for a
    wait (it stays open), and by which of the allowances asked (its index)."""

    until: float
    shut_out: bool
    by: int = 0
    began: bool = False  # this very frame started the shut-out


@dataclass(slots=True)
class Allowance:
    """One sender's frames across all its connections."""

    limit: Limit
    bucket: TokenBucket
    wait_until: float = -math.inf
    shut_out_until: float = -math.inf
    refused: deque[float] = field(default_factory=deque)  # when, within the window

    @classmethod
    def fresh(cls, limit: Limit) -> Allowance:
        return cls(limit, TokenBucket(limit.per_second, limit.burst))

    def blocks(self, now: float) -> bool:
        """Whether a frame arriving now is refused here."""
        return now < self.shut_out_until or now < self.wait_until or not self.bucket.has_token(now)

    def refuse(self, now: float) -> bool:
        """Count a refused frame; start a wait if none is running; shut out past the limit.
        True when this frame started a shut-out."""
        if now >= self.wait_until:
            # Until the bucket is full again: a client that waits this long and then
            # resends what has no ack gets a whole burst through.
            self.wait_until = now + self.bucket.full_in(now)
        self._forget_before(now - self.limit.window)
        self.refused.append(now)
        if len(self.refused) <= self.limit.shut_out_after:
            return False
        self.shut_out_until = now + self.limit.shut_out_seconds
        self.refused.clear()
        return True

    def settled(self, now: float) -> bool:
        """Whether it holds nothing against the sender: a fresh one would be the same."""
        self._forget_before(now - self.limit.window)
        return (
            now >= self.shut_out_until
            and now >= self.wait_until
            and not self.refused
            and self.bucket.full_in(now) <= 0
        )

    def _forget_before(self, cutoff: float) -> None:
        while self.refused and self.refused[0] <= cutoff:
            self.refused.popleft()


def admit(allowances: Sequence[Allowance], now: float) -> Refusal | None:
    """Let a frame through all the allowances it falls under (None), or through none.

    A frame refused by one allowance spends no token from the others: a visitor who is
    refused does not use up what others at the same address may send."""
    if not allowances:
        return None
    latest = max(range(len(allowances)), key=lambda i: allowances[i].shut_out_until)
    if now < allowances[latest].shut_out_until:
        return Refusal(allowances[latest].shut_out_until, shut_out=True, by=latest)
    blocking = [i for i, a in enumerate(allowances) if a.blocks(now)]
    if not blocking:
        for allowance in allowances:
            allowance.bucket.take(now)
        return None
    began = {i for i in blocking if allowances[i].refuse(now)}
    if began:
        by = max(began, key=lambda i: allowances[i].shut_out_until)
        return Refusal(allowances[by].shut_out_until, shut_out=True, by=by, began=True)
    by = max(blocking, key=lambda i: allowances[i].wait_until)
    return Refusal(allowances[by].wait_until, shut_out=False, by=by)


class Allowances(Generic[K]):
    """The allowances of one kind of sender (visitors, addresses, agents) by key, made on
    first use. Those that hold nothing against their sender are forgotten, at most once a
    window, so memory follows the senders active in the last minute, not all ever seen."""

    def __init__(self, limit: Limit) -> None:
        self.limit = limit
        self._by_key: dict[K, Allowance] = {}
        self._swept = -math.inf

    def __len__(self) -> int:
        return len(self._by_key)

    def of(self, key: K, now: float) -> Allowance:
        if now - self._swept >= self.limit.window:
            self._swept = now
            self._by_key = {k: a for k, a in self._by_key.items() if not a.settled(now)}
        found = self._by_key.get(key)
        if found is None:
            found = self._by_key[key] = Allowance.fresh(self.limit)
        return found


@dataclass(slots=True)
class AbuseMeter:
    """Counts refused frames in a sliding window; too many means the peer is abusive."""

    limit: int
    window: float
    _strikes: list[float] = field(default_factory=list)

    def strike(self, now: float) -> bool:
        """Record one refused frame. True when the connection should be closed."""
        self._strikes = [t for t in self._strikes if now - t < self.window]
        self._strikes.append(now)
        return len(self._strikes) > self.limit
