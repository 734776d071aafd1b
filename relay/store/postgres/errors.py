"""PostgreSQL's exceptions (as asyncpg raises them) sorted into the store's: the
environment's fault, or ours.

The sort goes by SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html),
never by the wording of a message, and by the kind of Python error for what happens
before the server says anything. The environment: the server cannot be reached or went
away (an OSError, a timeout, a connection closed under a query, class 08), is shutting
down or starting (57P01-57P03), cancelled a statement that ran too long (57014), lacks
resources (class 53: a full disk, memory, too many connections), failed on its own
(class 58: I/O; XX001/XX002: damaged data, which an operator restores), waited too long
for a lock (55P03), is a read-only standby (25006), or refuses our login or database
(28000, 28P01, 3D000: the operator's configuration, not our code; so is a URL option
asyncpg cannot use, such as `?sslmode=bogus`). Conflicts with another
transaction (40001, 40P01) are retried first (relay/store/postgres/database.py) and are
the environment's once retries run out: the same call may well succeed later. Everything
else (a constraint we did not expect to meet, SQL the schema does not fit, a value of the
wrong type) is a bug of ours.
"""

from __future__ import annotations

import logging

import asyncpg

from relay.store.errors import StoreBug, StoreError, StoreUnavailable

log = logging.getLogger("parley.store")

_ENVIRONMENT_CLASSES = frozenset({"08", "53", "58"})
_ENVIRONMENT_STATES = frozenset(
    {
        "57014",  # query_canceled: statement_timeout
        "57P01",  # admin_shutdown
        "57P02",  # crash_shutdown
        "57P03",  # cannot_connect_now: starting up or in recovery
        "55P03",  # lock_not_available: lock_timeout
        "25006",  # read_only_sql_transaction: a standby
        "XX001",  # data_corrupted
        "XX002",  # index_corrupted
        "28000",  # invalid_authorization_specification
        "28P01",  # invalid_password
        "3D000",  # invalid_catalog_name: no such database
        "40001",  # serialization_failure, once retries ran out
        "40P01",  # deadlock_detected, once retries ran out
    }
)
CONFLICTS = frozenset({"40001", "40P01"})


def sqlstate(error: BaseException) -> str:
    state = getattr(error, "sqlstate", None)
    return state if isinstance(state, str) else ""


def is_conflict(error: BaseException) -> bool:
    """Another transaction got in the way: the whole transaction may simply run again."""
    return isinstance(error, asyncpg.PostgresError) and sqlstate(error) in CONFLICTS


def is_environment(error: BaseException) -> bool:
    """Whether the environment is to blame for `error` (see the module docstring)."""
    if isinstance(
        error,
        OSError
        | TimeoutError
        | asyncpg.ConnectionDoesNotExistError
        | asyncpg.ClientConfigurationError,
    ):
        return True
    if isinstance(error, asyncpg.PostgresError):
        state = sqlstate(error)
        return state[:2] in _ENVIRONMENT_CLASSES or state in _ENVIRONMENT_STATES
    return False


def classify(error: BaseException, doing: str) -> StoreError:
    """The store's error for `error`, met while `doing` (a few words for the log); a bug
    is logged here with its trace, where the trace still says where it happened."""
    if isinstance(error, StoreError):
        return error
    if is_environment(error):
        state = sqlstate(error)
        return StoreUnavailable(
            f"{state}: {error}" if state else f"{type(error).__name__}: {error}"
        )
    log.error("event=store_bug doing=%s error=%r", doing, error, exc_info=error)
    bug = StoreBug(f"{doing}: {error!r}")
    bug.__cause__ = error
    return bug
