"""PostgreSQL's errors are sorted by SQLSTATE (and Python's own for what happens before
the server answers): the environment's are StoreUnavailable, everything else StoreBug."""

from __future__ import annotations

import asyncpg
import pytest
from asyncpg import exceptions

from relay.store.errors import StoreBug, StoreUnavailable
from relay.store.postgres.errors import classify, is_conflict

ENVIRONMENT = [
    ConnectionRefusedError("refused"),
    ConnectionResetError("reset"),
    FileNotFoundError("no socket"),
    TimeoutError(),
    asyncpg.ConnectionDoesNotExistError("closed in the middle of operation"),
    exceptions.AdminShutdownError("57P01"),
    exceptions.CrashShutdownError("57P02"),
    exceptions.CannotConnectNowError("57P03"),
    exceptions.TooManyConnectionsError("53300"),
    exceptions.DiskFullError("53100"),
    exceptions.LockNotAvailableError("55P03"),
    exceptions.QueryCanceledError("57014"),
    exceptions.ConnectionFailureError("08006"),
    exceptions.SerializationError("40001"),
    exceptions.DeadlockDetectedError("40P01"),
    exceptions.ReadOnlySQLTransactionError("25006"),
    exceptions.InvalidPasswordError("28P01"),
]
OURS = [
    exceptions.UniqueViolationError("23505"),
    exceptions.ForeignKeyViolationError("23503"),
    exceptions.UndefinedColumnError("42703"),
    exceptions.DataError("22000"),
    exceptions.RaiseError("P0001"),
    ValueError("a bug of ours"),
]


@pytest.mark.parametrize("error", ENVIRONMENT, ids=lambda e: type(e).__name__)
def test_the_environments_failures_are_unavailable(error: BaseException) -> None:
    assert type(classify(error, "test")) is StoreUnavailable


@pytest.mark.parametrize("error", OURS, ids=lambda e: type(e).__name__)
def test_everything_else_is_a_bug_logged_with_its_trace(
    error: BaseException, caplog: pytest.LogCaptureFixture
) -> None:
    sorted_as = classify(error, "test")
    assert type(sorted_as) is StoreBug and sorted_as.__cause__ is error
    assert "event=store_bug doing=test" in caplog.text


def test_only_conflicts_with_other_transactions_are_run_again() -> None:
    assert is_conflict(exceptions.SerializationError("40001"))
    assert is_conflict(exceptions.DeadlockDetectedError("40P01"))
    assert not is_conflict(exceptions.LockNotAvailableError("55P03"))
    assert not is_conflict(exceptions.UniqueViolationError("23505"))
