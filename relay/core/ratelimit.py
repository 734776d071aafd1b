"""Per-connection rate limiting (a token bucket) and the abuse meter that ends connections."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class TokenBucket:
    """Allows `rate` frames per second on average and bursts of up to `burst` frames."""

    rate: float
    burst: float
    _tokens: float = field(init=False)
    _updated: float | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self._tokens = self.burst

    def take(self, now: float) -> float:
        """Spend one token. Returns 0 when allowed, else the seconds until one is available."""
        if self._updated is not None:
            self._tokens = min(self.burst, self._tokens + (now - self._updated) * self.rate)
        self._updated = now
        if self._tokens >= 1:
            self._tokens -= 1
            return 0.0
        return (1 - self._tokens) / self.rate

    def idle_for(self, now: float, seconds: float) -> bool:
        """Whether nothing was taken for `seconds`."""
        return self._updated is None or now - self._updated >= seconds


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
