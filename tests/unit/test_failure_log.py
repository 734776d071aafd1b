"""Relay bugs are logged once per kind and minute with their traceback, then counted."""

from __future__ import annotations

import logging

import pytest

from relay.failures import FailureLog


def _fail(error: Exception) -> Exception:
    try:
        raise error
    except Exception as caught:
        return caught


def test_a_repeated_failure_writes_one_traceback_a_minute_then_how_often_it_came(
    caplog: pytest.LogCaptureFixture,
) -> None:
    failures = FailureLog(window=60.0)
    with caplog.at_level(logging.WARNING, logger="parley.endpoints"):
        for second in range(50):  # once a second, for 50 seconds
            failures.record(_fail(OverflowError("too big")), "Resume", 1000.0 + second)
        assert len(caplog.records) == 1
        assert caplog.records[0].exc_info is not None
        assert "error=OverflowError frame=Resume" in caplog.records[0].getMessage()
        caplog.clear()
        failures.record(_fail(OverflowError("too big")), "Resume", 1060.0)
    count, traceback = caplog.records
    assert count.getMessage() == (
        "event=handler_failed_again error=OverflowError frame=Resume times=49 within_seconds=60"
    )
    assert count.exc_info is None
    assert traceback.exc_info is not None


def test_each_kind_of_failure_gets_its_own_traceback(caplog: pytest.LogCaptureFixture) -> None:
    failures = FailureLog(window=60.0)
    with caplog.at_level(logging.WARNING, logger="parley.endpoints"):
        failures.record(_fail(OverflowError()), "Resume", 0.0)
        failures.record(_fail(OverflowError()), "Accept", 1.0)
        failures.record(_fail(KeyError()), "Resume", 2.0)
        failures.record(_fail(KeyError()), "Resume", 3.0)
    assert [r.getMessage() for r in caplog.records] == [
        "event=handler_failed error=OverflowError frame=Resume",
        "event=handler_failed error=OverflowError frame=Accept",
        "event=handler_failed error=KeyError frame=Resume",
    ]


def test_failures_that_stop_coming_are_counted_when_their_minute_ends(
    caplog: pytest.LogCaptureFixture,
) -> None:
    failures = FailureLog(window=60.0)
    with caplog.at_level(logging.WARNING, logger="parley.endpoints"):
        for second in range(10):
            failures.record(_fail(ValueError()), "Hello", 1000.0 + second)
        caplog.clear()
        failures.flush(1030.0)  # the minute is not over: nothing yet
        assert caplog.records == []
        failures.flush(1060.0)
        [count] = caplog.records
        assert count.getMessage() == (
            "event=handler_failed_again error=ValueError frame=Hello times=9 within_seconds=60"
        )
        caplog.clear()
        failures.flush(1200.0)  # counted once
        failures.record(_fail(ValueError()), "Hello", 1201.0)  # a new minute: a traceback
    [traceback] = caplog.records
    assert traceback.exc_info is not None


def test_refused_logins_of_a_guesser_who_stopped_are_counted(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from relay import failures as module
    from relay.features.agent_session import log_throttled_logins

    monkeypatch.setattr(module, "throttled_logins", module.Occurrences(window=60.0))
    seen = [module.throttled_logins.due(("account", "nurse"), 100.0 + n) for n in range(5)]
    assert seen == [1, 0, 0, 0, 0]
    with caplog.at_level(logging.INFO, logger="parley.endpoints"):
        log_throttled_logins(130.0)
        assert caplog.records == []
        log_throttled_logins(160.0)
    [count] = caplog.records
    assert count.getMessage() == (
        'event=login_throttled_again user="nurse" times=4 within_seconds=60'
    )
