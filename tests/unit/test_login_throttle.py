"""The login throttle by account and by address, on a fake clock (relay/core/logins.py)."""

from __future__ import annotations

import pytest

from relay.core.logins import Attempt, Failed, LoginPolicy, LoginThrottle, Throttled

ACCOUNT = LoginPolicy(free_failures=3, first_delay=1.0, lockout_failures=10, lockout_seconds=900)
ADDRESS = LoginPolicy(free_failures=10, first_delay=1.0, lockout_failures=30, lockout_seconds=900)


def throttle() -> LoginThrottle:
    return LoginThrottle(by_account=ACCOUNT, by_address=ADDRESS)


def fail(logins: LoginThrottle, account: str, address: str, now: float) -> None:
    attempt = logins.begin(account, address, now)
    assert isinstance(attempt, Attempt), attempt
    logins.failed(attempt, now)


@pytest.mark.parametrize(
    ("failures", "wait"),
    [(0, 0), (2, 0), (3, 1), (4, 2), (5, 4), (9, 64), (10, 900), (40, 900)],
)
def test_waits_double_after_the_free_failures_up_to_the_lockout(failures: int, wait: float) -> None:
    assert ACCOUNT.wait_after(failures) == wait


def test_wrong_passwords_in_a_row_meet_growing_waits_then_a_lockout() -> None:
    logins, now = throttle(), 0.0
    waits = []
    for _ in range(10):
        attempt = logins.begin("alice", "198.51.100.7", now)
        if isinstance(attempt, Throttled):
            waits.append(attempt.retry_after)
            now += attempt.retry_after
            attempt = logins.begin("alice", "198.51.100.7", now)
        assert isinstance(attempt, Attempt)
        logins.failed(attempt, now)
    assert waits == [1, 2, 4, 8, 16, 32, 64]
    locked = logins.begin("alice", "198.51.100.7", now + 1)
    assert locked == Throttled(retry_after=899, by="account", locked=True)
    # Even from another address, and even the right password: nothing is checked.
    assert isinstance(logins.begin("alice", "203.0.113.5", now + 1), Throttled)
    assert isinstance(logins.begin("alice", "203.0.113.5", now + 900), Attempt)


def test_guesses_sent_in_parallel_count_before_they_are_checked() -> None:
    logins = throttle()
    started = [logins.begin("alice", "198.51.100.7", 0.0) for _ in range(10)]
    assert [isinstance(a, Attempt) for a in started] == [True] * 3 + [False] * 7
    assert {a.retry_after for a in started if isinstance(a, Throttled)} == {1.0}


def test_an_address_guessing_many_accounts_is_throttled_by_address() -> None:
    logins = throttle()
    for n in range(10):
        fail(logins, f"user{n}", "198.51.100.7", 0.0)
    refused = logins.begin("user99", "198.51.100.7", 0.0)
    assert refused == Throttled(retry_after=1.0, by="address", locked=False)
    assert isinstance(logins.begin("user99", "203.0.113.5", 0.0), Attempt)


def test_a_success_forgets_the_accounts_failures_but_not_the_addresss() -> None:
    logins = throttle()
    for _ in range(3):
        fail(logins, "alice", "198.51.100.7", 0.0)
    for n in range(6):
        fail(logins, f"other{n}", "198.51.100.7", 0.0)
    attempt = logins.begin("alice", "203.0.113.5", 5.0)
    assert isinstance(attempt, Attempt)
    logins.succeeded(attempt, 5.0)
    for _ in range(3):  # alice's slate is clean: three free failures again
        fail(logins, "alice", "203.0.113.5", 5.0)
    fail(logins, "bob", "198.51.100.7", 5.0)  # the address's tenth failure
    assert isinstance(logins.begin("carol", "198.51.100.7", 5.0), Throttled)


def test_a_token_login_is_never_throttled_nor_counted() -> None:
    logins = throttle()
    for now in (0, 0, 0, 1, 3, 7, 15, 31, 63, 127):  # each as soon as allowed
        fail(logins, "alice", "198.51.100.7", now)
    # alice is locked out; the address, at its tenth failure, waits a second.
    assert isinstance(logins.begin("alice", "203.0.113.5", 128.0), Throttled)
    assert logins.begin("bob", "198.51.100.7", 127.5) == Throttled(0.5, "address", locked=False)
    # The apps of colleagues behind that address reconnect with their session tokens.
    assert isinstance(logins.begin(None, "198.51.100.7", 127.5), Attempt)
    for _ in range(20):  # an app with an ended session, failing again and again
        token_login = logins.begin(None, "198.51.100.7", 127.5)
        assert isinstance(token_login, Attempt)
        assert logins.failed(token_login, 127.5) == Failed(0, 0, 0.0, locked=False)
    assert isinstance(logins.begin("bob", "198.51.100.7", 128.0), Attempt)


def test_a_success_does_not_hold_up_the_next_login_from_its_address() -> None:
    """Agents behind one office address, after someone there failed a few times."""
    logins = throttle()
    for now in (0, 0, 0, 1, 3, 7, 15, 31, 63, 127):
        fail(logins, "alice", "198.51.100.7", now)
    carol = logins.begin("carol", "198.51.100.7", 130.0)
    assert isinstance(carol, Attempt)
    logins.succeeded(carol, 130.0)
    assert isinstance(logins.begin("dave", "198.51.100.7", 130.0), Attempt)


def test_token_logins_in_parallel_are_not_held_up_while_under_way() -> None:
    """After a restart, every agent's app behind one office address logs in at once."""
    logins = throttle()
    started = [logins.begin(None, "198.51.100.7", 0.0) for _ in range(50)]
    assert all(isinstance(a, Attempt) for a in started)
    for attempt in started:
        assert isinstance(attempt, Attempt)
        logins.succeeded(attempt, 0.0)
    assert isinstance(logins.begin("alice", "198.51.100.7", 0.0), Attempt)


def test_failures_are_forgotten_after_the_lockout_window_and_memory_with_them() -> None:
    logins = throttle()
    for n in range(500):
        fail(logins, f"guess{n}", f"10.0.{n // 250}.{n % 250}", 0.0)
    assert len(logins) == 1000
    assert isinstance(logins.begin("guess1", "10.0.0.1", 900.0), Attempt)
    assert len(logins) <= 2  # swept: only what the last attempt made


def test_an_abandoned_attempt_counts_as_nothing() -> None:
    logins = throttle()
    for _ in range(5):
        attempt = logins.begin("alice", "198.51.100.7", 0.0)
        assert isinstance(attempt, Attempt)
        logins.abandoned(attempt)
    assert isinstance(logins.begin("alice", "198.51.100.7", 0.0), Attempt)
