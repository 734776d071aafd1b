"""The back ends the contract suite runs against, each behind the same small harness.

A back end joins the suite by adding a Harness here and its name to BACKENDS: the tests
use only the Store interface, plus the few things a test cannot do through it (make the
environment fail, read what is committed from outside the store, start a second store on
the same data).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Protocol

from relay.store.base import Store
from relay.store.sqlite import SqliteStore

BACKENDS = ["sqlite"]  # "postgres" next (issue 13)


class Harness(Protocol):
    store: Store

    async def reopen(self) -> Store:
        """Close the store and open a new one on the same data (a relay restarted)."""
        ...

    def environment_fails(self) -> contextlib.AbstractAsyncContextManager[None]:
        """While inside, every write fails as the environment would make it fail (a
        lock held elsewhere, a full disk): nothing the store does about it is a bug."""
        ...

    def committed_client_ids(self) -> set[str]:
        """The client ids of every committed message, read outside the store."""
        ...

    async def close(self) -> None: ...


class SqliteHarness:
    def __init__(self, directory: Path) -> None:
        self.path = directory / "parley.db"
        self.store: Store = SqliteStore(self.path)

    async def open(self) -> None:
        await self.store.open()

    async def reopen(self) -> Store:
        await self.store.close()
        self.store = SqliteStore(self.path)
        await self.store.open()
        return self.store

    @contextlib.asynccontextmanager
    async def environment_fails(self) -> AsyncIterator[None]:
        # Another process holds the write lock, and the writer is told not to wait:
        # SQLITE_BUSY on every write, as with a backup tool or an admin command.
        store = self.store
        assert isinstance(store, SqliteStore) and store._db.writer is not None
        writer = store._db.writer
        writer.execute("PRAGMA busy_timeout=0")
        with contextlib.closing(sqlite3.connect(self.path, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            try:
                yield
            finally:
                other.execute("ROLLBACK")
                writer.execute("PRAGMA busy_timeout=5000")

    def committed_client_ids(self) -> set[str]:
        with contextlib.closing(sqlite3.connect(self.path)) as outside:
            return {row[0] for row in outside.execute("SELECT client_id FROM messages")}

    async def close(self) -> None:
        await self.store.close()


async def open_harness(name: str, directory: Path) -> Harness:
    if name == "sqlite":
        harness = SqliteHarness(directory)
        await harness.open()
        return harness
    raise LookupError(f"no harness for back end {name!r}")
