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

import asyncpg
import pytest

from relay.store.base import Store
from relay.store.postgres import PostgresStore, Timeouts
from relay.store.postgres.schema import TABLES
from relay.store.sqlite import SqliteStore
from tests.helpers.postgres import OutsideConnection, PostgresServer

BACKENDS = ["sqlite", "postgres"]
# The back ends several relay processes may write at once (Harness.second_store).
SHARED_BACKENDS = ["postgres"]
# The PostgreSQL store waits this long for a lock (environment_fails holds every table's).
LOCK_WAIT = Timeouts(lock=0.3)


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
        """The client ids of every committed message, read outside the store (blocking:
        called from a future's callback, it reads what is committed at that moment)."""
        ...

    async def second_store(self) -> Store:
        """Another store on the same data, open (another relay process); closed with the
        harness. Only back ends that several relays may share have one."""
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

    async def second_store(self) -> Store:
        raise NotImplementedError("one relay per SQLite database")


class PostgresHarness:
    def __init__(self, server: PostgresServer, url: str) -> None:
        self.server = server
        self.url = url
        self.store: Store = PostgresStore(url, timeouts=LOCK_WAIT)
        self._others: list[Store] = []
        self._outside: OutsideConnection | None = None

    async def open(self) -> None:
        await self.store.open()

    async def reopen(self) -> Store:
        await self.store.close()
        self.store = PostgresStore(self.url, timeouts=LOCK_WAIT)
        await self.store.open()
        return self.store

    @contextlib.asynccontextmanager
    async def environment_fails(self) -> AsyncIterator[None]:
        # Another session holds every table (a migration, a VACUUM FULL, an operator's
        # LOCK TABLE) and the store gives up waiting after LOCK_WAIT: lock_not_available.
        other = await asyncpg.connect(self.url)
        try:
            async with other.transaction():
                await other.execute(f"LOCK TABLE {', '.join(TABLES)} IN ACCESS EXCLUSIVE MODE")
                yield
        finally:
            await other.close()

    def committed_client_ids(self) -> set[str]:
        if self._outside is None:
            self._outside = OutsideConnection(self.url)
        return set(self._outside.column("SELECT client_id FROM messages"))

    async def second_store(self) -> Store:
        other = PostgresStore(self.url, timeouts=LOCK_WAIT)
        await other.open()
        self._others.append(other)
        return other

    async def close(self) -> None:
        for store in (self.store, *self._others):
            await store.close()
        if self._outside is not None:
            self._outside.close()
        await self.server.drop_database(self.url)


async def open_harness(name: str, directory: Path, request: pytest.FixtureRequest) -> Harness:
    harness: SqliteHarness | PostgresHarness
    if name == "sqlite":
        harness = SqliteHarness(directory)
    elif name == "postgres":
        server: PostgresServer = request.getfixturevalue("postgres_server")
        harness = PostgresHarness(server, await server.fresh_database())
    else:
        raise LookupError(f"no harness for back end {name!r}")
    await harness.open()
    return harness
