"""Throttling of logins, by account and by address: a few free failures, then waits that
double with each further failure, then a lockout.

Each account (the user name tried, known or not, so that the answer tells nothing about
which names exist) and each address keeps its failures for `lockout_seconds`. With
`failures` of them, the next attempt may come `wait_after(failures)` after the latest.
A password attempt under way counts as a failure until it is settled: guesses sent in
parallel cannot all pass before the first one fails; once settled, only failures push
the next attempt back (colleagues behind one office address log in one after another).
A success forgets the account's failures (its owner proved themselves) but not the
address's: an attacker holding one good password must not be able to wipe out the
record of their guesses at others. Logins by session token are neither throttled nor
counted: tokens cannot be guessed, an app whose session ended fails with its old token
now and then, and after a restart every agent's app logs in with its token at once.
Nothing here does I/O or reads a clock: `now` is always passed in.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class LoginPolicy:
    free_failures: int  # failures before any wait
    first_delay: float  # the first wait, in seconds; each further failure doubles it
    lockout_failures: int  # failures that lock out for lockout_seconds
    lockout_seconds: float  # also how long a failure is remembered

    def wait_after(self, failures: int) -> float:
        """How long after the latest failure the next attempt may come."""
        if failures < self.free_failures:
            return 0.0
        if failures >= self.lockout_failures:
            return self.lockout_seconds
        return min(self.lockout_seconds, self.first_delay * 2.0 ** (failures - self.free_failures))


@dataclass(slots=True)
class _Record:
    failures: deque[float] = field(default_factory=deque)
    pending: int = 0  # attempts under way, counted as failures until settled
    latest: float = -math.inf  # the latest failure, or start of an attempt under way

    def count(self, policy: LoginPolicy, now: float) -> int:
        while self.failures and self.failures[0] <= now - policy.lockout_seconds:
            self.failures.popleft()
        return len(self.failures) + self.pending

    def allowed_at(self, policy: LoginPolicy, now: float) -> float:
        failures = self.count(policy, now)
        return self.latest + policy.wait_after(failures) if failures else -math.inf


@dataclass(frozen=True, slots=True)
class Attempt:
    """A login under way; settle it with succeeded(), failed() or abandoned()."""

    account: str | None  # None for a token login: only its address is throttled
    address: str


@dataclass(frozen=True, slots=True)
class Throttled:
    """A login refused before its credentials are checked."""

    retry_after: float
    by: str  # "account" or "address"
    locked: bool  # a lockout, not one of the growing waits


@dataclass(frozen=True, slots=True)
class Failed:
    """What a failure left: the failures now counted, and the wait before the next try."""

    account_failures: int
    address_failures: int
    wait: float
    locked: bool


class LoginThrottle:
    def __init__(self, by_account: LoginPolicy, by_address: LoginPolicy) -> None:
        self.by_account = by_account
        self.by_address = by_address
        self._accounts: dict[str, _Record] = {}
        self._addresses: dict[str, _Record] = {}
        self._swept = -math.inf

    def begin(self, account: str | None, address: str, now: float) -> Attempt | Throttled:
        """Start a login, or say how long to wait first. `account` is None for a login by
        session token, which is never throttled."""
        if account is None:
            return Attempt(None, address)
        self._sweep(now)
        waits: list[Throttled] = []
        records = [
            ("address", self.by_address, self._record(self._addresses, address)),
            ("account", self.by_account, self._record(self._accounts, account)),
        ]
        for by, policy, record in records:
            allowed_at = record.allowed_at(policy, now)
            if allowed_at > now:
                locked = record.count(policy, now) >= policy.lockout_failures
                waits.append(Throttled(allowed_at - now, by, locked))
        if waits:
            return max(waits, key=lambda w: w.retry_after)
        for _, _, record in records:
            record.pending += 1
            record.latest = max(record.latest, now)
        return Attempt(account, address)

    def succeeded(self, attempt: Attempt, now: float) -> None:
        self._settle(attempt)
        if attempt.account is not None:
            self._accounts.pop(attempt.account, None)

    def failed(self, attempt: Attempt, now: float) -> Failed:
        self._settle(attempt)
        if attempt.account is None:
            return Failed(0, 0, 0.0, locked=False)  # a token login: not counted
        counts: dict[str, int] = {}
        waits: list[tuple[float, bool]] = []
        for by, policy, table, key in self._keys(attempt):
            record = self._record(table, key)
            record.failures.append(now)
            record.latest = max(record.latest, now)
            counts[by] = record.count(policy, now)
            waits.append((policy.wait_after(counts[by]), counts[by] >= policy.lockout_failures))
        wait, locked = max(waits)
        return Failed(counts.get("account", 0), counts["address"], wait, locked)

    def abandoned(self, attempt: Attempt) -> None:
        """The credentials could not be checked (the relay was busy, the peer left)."""
        self._settle(attempt)

    def __len__(self) -> int:
        return len(self._accounts) + len(self._addresses)

    def _keys(self, attempt: Attempt) -> list[tuple[str, LoginPolicy, dict[str, _Record], str]]:
        keys = [("address", self.by_address, self._addresses, attempt.address)]
        if attempt.account is not None:
            keys.append(("account", self.by_account, self._accounts, attempt.account))
        return keys

    def _settle(self, attempt: Attempt) -> None:
        if attempt.account is None:
            return  # a token login was never counted while under way
        for _, _, table, key in self._keys(attempt):
            record = table.get(key)
            if record is not None and record.pending:
                record.pending -= 1
                if not record.pending:  # back to what the failures alone say
                    record.latest = record.failures[-1] if record.failures else -math.inf

    @staticmethod
    def _record(table: dict[str, _Record], key: str) -> _Record:
        found = table.get(key)
        if found is None:
            found = table[key] = _Record()
        return found

    def _sweep(self, now: float) -> None:
        """Forget accounts and addresses with no failure left in their window, once a
        minute: names and addresses are the guesser's to choose, memory is not."""
        if now - self._swept < 60:
            return
        self._swept = now
        tables = ((self._accounts, self.by_account), (self._addresses, self.by_address))
        for table, policy in tables:
            for key in [k for k, r in table.items() if not r.count(policy, now)]:
                del table[key]
