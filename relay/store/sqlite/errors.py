"""SQLite's exceptions sorted into the store's: the environment's fault, or ours.

The sort goes by SQLite's primary result code (https://sqlite.org/rescode.html), never by
the wording of a message. The codes below are what a disk, a file system, a lock held by
another process or a lack of memory cause: nothing in the relay's code can avoid them,
and the same call may well succeed later. Every other code (SQLITE_ERROR for a statement
the schema does not fit, SQLITE_CONSTRAINT for a constraint the caller should have kept,
SQLITE_MISUSE, SQLITE_RANGE, SQLITE_TOOBIG past our own limits) and every sqlite3 error
without a code (a closed connection, a wrong number of parameters) is a bug of ours.

SQLITE_CORRUPT and SQLITE_NOTADB count as the environment too: a damaged file is not
something the relay did, and an operator restores it; retrying is harmless there.
"""

from __future__ import annotations

import logging
import sqlite3

from relay.store.errors import StoreBug, StoreError, StoreUnavailable

log = logging.getLogger("parley.store")

_ENVIRONMENT = frozenset(
    {
        sqlite3.SQLITE_PERM,  # the file system refused access
        sqlite3.SQLITE_BUSY,  # another connection holds the lock past busy_timeout
        sqlite3.SQLITE_LOCKED,
        sqlite3.SQLITE_NOMEM,
        sqlite3.SQLITE_READONLY,  # a read-only file or file system
        sqlite3.SQLITE_INTERRUPT,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_CORRUPT,
        sqlite3.SQLITE_FULL,  # the disk, or max_page_count
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PROTOCOL,
        sqlite3.SQLITE_NOLFS,
        sqlite3.SQLITE_NOTADB,
    }
)


def is_environment(error: sqlite3.Error) -> bool:
    """Whether SQLite blames the environment for `error` (see the module docstring)."""
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _ENVIRONMENT


def classify(error: BaseException, doing: str) -> StoreError:
    """The store's error for `error`, met while `doing` (a few words for the log); a bug
    is logged here with its trace, where the trace still says where it happened."""
    if isinstance(error, StoreError):
        return error
    if isinstance(error, sqlite3.Error) and is_environment(error):
        name = getattr(error, "sqlite_errorname", "")
        return StoreUnavailable(f"{name}: {error}" if name else str(error))
    log.error("event=store_bug doing=%s error=%r", doing, error, exc_info=error)
    bug = StoreBug(f"{doing}: {error!r}")
    bug.__cause__ = error
    return bug
