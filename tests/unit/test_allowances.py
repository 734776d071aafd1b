"""Frame allowances shared by a sender's connections: waits, shut-outs and forgetting,
on a fake clock (relay/core/ratelimit.py)."""

from __future__ import annotations

import pytest

from relay.core.ratelimit import Allowance, Allowances, Limit, Refusal, TokenBucket, admit

VISITOR = Limit(per_second=10, burst=30, shut_out_after=150, shut_out_seconds=60)
ADDRESS = Limit(per_second=40, burst=120, shut_out_after=600, shut_out_seconds=60)


def send(allowance: Allowance, frames: int, now: float) -> list[Refusal | None]:
    return [admit([allowance], now) for _ in range(frames)]


def test_a_bucket_refills_up_to_its_burst_and_loses_nothing_to_a_clock_stepping_back() -> None:
    bucket = TokenBucket(rate=2.0, burst=3.0)
    assert [bucket.take(10.0) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.full_in(10.0) == pytest.approx(1.5)
    assert bucket.take(10.5) == 0.0  # half a second buys one frame at 2/s
    assert not bucket.has_token(9.0)  # stepped back: nothing gained, nothing lost
    assert bucket.full_in(100.0) == 0.0


def test_an_empty_bucket_starts_a_wait_until_full_and_every_frame_meanwhile_is_refused() -> None:
    allowance = Allowance.fresh(VISITOR)
    assert send(allowance, 30, 0.0) == [None] * 30
    first = admit([allowance], 0.0)
    assert first == Refusal(until=3.0, shut_out=False)  # 30 tokens at 10/s
    # Tokens come back meanwhile, but the wait holds: the resend after it finds them all.
    assert admit([allowance], 1.5) == Refusal(until=3.0, shut_out=False)
    assert admit([allowance], 2.999) == Refusal(until=3.0, shut_out=False)
    assert send(allowance, 30, 3.0) == [None] * 30


def test_a_frame_refused_by_one_allowance_spends_nothing_from_the_others() -> None:
    visitor, address = Allowance.fresh(VISITOR), Allowance.fresh(ADDRESS)
    for _ in range(30):
        assert admit([visitor, address], 0.0) is None
    for _ in range(100):
        refusal = admit([visitor, address], 0.0)
        assert refusal is not None and refusal.by == 0
    other_visitor = Allowance.fresh(VISITOR)
    assert admit([other_visitor, address], 0.0) is None  # 120 - 30 - 1 left at the address
    assert address.bucket.full_in(0.0) == pytest.approx(31 / 40)


def test_the_address_refuses_visitors_who_are_each_within_their_own_rate() -> None:
    address = Allowance.fresh(ADDRESS)
    visitors = [Allowance.fresh(VISITOR) for _ in range(5)]
    results = [admit([v, address], 0.0) for v in visitors for _ in range(25)]
    assert results.count(None) == 120
    refused = [r for r in results if r is not None]
    assert {(r.by, r.until) for r in refused} == {(1, 3.0)}


@pytest.mark.parametrize("backlog", [31, 40, 70, 90])
def test_a_client_that_waits_out_retry_after_and_resends_is_never_shut_out(backlog: int) -> None:
    """§5.7 and §5.8: send a backlog at once, wait out the latest retry_after, resend what
    has no ack; up to three bursts' worth are all taken without a shut-out."""
    allowance, now, unacked = Allowance.fresh(VISITOR), 0.0, backlog
    while unacked:
        results = send(allowance, unacked, now)
        assert not any(r and r.shut_out for r in results)
        unacked = sum(1 for r in results if r is not None)
        waits = [r.until for r in results if r is not None]
        now = max(waits, default=now)
    assert allowance.shut_out_until < now


def test_a_sender_that_keeps_sending_while_told_to_wait_is_shut_out_once_then_let_back() -> None:
    allowance = Allowance.fresh(VISITOR)
    results = send(allowance, 30 + 151, 0.0)
    assert results[:30] == [None] * 30
    assert all(r and not r.shut_out for r in results[30:180])
    assert results[180] == Refusal(until=60.0, shut_out=True, began=True)
    assert admit([allowance], 30.0) == Refusal(until=60.0, shut_out=True)  # began once
    assert send(allowance, 30, 60.0) == [None] * 30  # a full bucket after the shut-out


def test_refusals_spread_over_more_than_a_minute_do_not_shut_out() -> None:
    allowance = Allowance.fresh(VISITOR)
    for minute in range(5):
        now = minute * 61.0
        results = send(allowance, 30 + 140, now)
        assert not any(r and r.shut_out for r in results)


def test_allowances_are_shared_by_key_and_forgotten_only_when_they_hold_nothing() -> None:
    visitors: Allowances[int] = Allowances(VISITOR)
    assert visitors.of(1, 0.0) is visitors.of(1, 0.0)
    send(visitors.of(1, 0.0), 31, 0.0)  # 1 waits until 3.0
    send(visitors.of(2, 0.0), 5, 0.0)  # 2 refills within half a second
    send(visitors.of(3, 10.0), 30 + 151, 10.0)  # 3 is shut out until 70.0
    assert len(visitors) == 3
    visitors.of(4, 60.0)  # a minute on: the sweep
    assert len(visitors) == 2  # 1 and 2 forgotten; 3 still shut out; 4 new
    assert visitors.of(3, 60.0).shut_out_until == 70.0
    visitors.of(4, 120.0)
    assert len(visitors) == 1
