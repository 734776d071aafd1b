"""The PostgreSQL core every repository shares: the asyncpg pool, transactions with their
retries, reads, timeouts, the schema at open and the epoch.

Several relay processes may write one database at once, so nothing that the database
decides (sequence numbers, who owns a conversation) is ever kept in memory here: every
change is a transaction that reads and writes the rows it depends on, and compares and
sets where two writers could meet. A transaction that meets another one (a serialization
failure, a deadlock PostgreSQL broke by cancelling it) is run again from the start, a
few times, with a little random wait; RunAgain asks the same of a transaction that found
out halfway that it must be done otherwise (the message writer meeting a stored id).

The server may go away (a restart, a failover, the network): calls fail promptly with
StoreUnavailable (a connection attempt, a lock wait and a statement each have a limit of
a few seconds, Timeouts) and, once it is back, succeed again with no reopening: the pool
replaces a closed connection when it is next acquired.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import asyncpg
from asyncpg import Connection as Connection
from asyncpg import Record as Row

from relay.store.base import Durability
from relay.store.errors import StoreError, StoreRefusal, StoreUnavailable
from relay.store.postgres.errors import classify, is_conflict
from relay.store.postgres.migrations import migrate

log = logging.getLogger("parley.store")

T = TypeVar("T")
Transaction = Callable[[Connection], Awaitable[T]]

ATTEMPTS = 5  # runs of a transaction that keeps meeting others before it gives up
POOL_SIZE = 10


@dataclass(frozen=True, slots=True)
class Timeouts:
    """How long the store waits on PostgreSQL before a call fails with StoreUnavailable."""

    connect: float = 5.0  # a new connection (also a free one from the pool)
    command: float = 10.0  # a statement's answer (the server or the network hangs)
    lock: float = 5.0  # a row or table lock another transaction holds (lock_timeout)


class RunAgain(Exception):
    """Raised inside a transaction to undo it and run it again from the start."""


async def _nothing_to_reset(connection: asyncpg.Connection) -> None:
    """What the pool runs on a connection given back, after asyncpg rolls back a
    transaction left open: nothing more. Its default (`pg_advisory_unlock_all(); CLOSE
    ALL; UNLISTEN *; RESET ALL`) is a round trip per query that cost more than the query
    (bench/cluster_bench.py), for session state the store never makes: its locks are
    transaction-level, and it has no cursors, listeners or SETs."""


class Database:
    """One PostgreSQL database: the pool, transactions, reads, the epoch."""

    def __init__(
        self,
        url: str,
        *,
        timeouts: Timeouts | None = None,
        durability: Durability = Durability.FULL,
    ) -> None:
        self.url = url
        self.timeouts = timeouts or Timeouts()
        self.durability = durability
        self.epoch = ""  # read at open()
        self.migrated_from = 0  # the schema version open() found
        self._pool: asyncpg.Pool | None = None

    async def open(self) -> None:
        try:
            self._pool = await asyncpg.create_pool(
                self.url,
                min_size=1,
                max_size=POOL_SIZE,
                reset=_nothing_to_reset,
                timeout=self.timeouts.connect,
                command_timeout=self.timeouts.command,
                server_settings={
                    "application_name": "parley-relay",
                    "lock_timeout": f"{round(self.timeouts.lock * 1000)}ms",
                    # FAST: a commit returns before its WAL is flushed (a crash of the
                    # server's machine may lose the last moment of answered writes).
                    "synchronous_commit": "on" if self.durability is Durability.FULL else "off",
                },
            )
            # A connection of its own, without the pool's limits: a step may take long on
            # a big database, and relays starting beside it wait for it to finish.
            migrating = await asyncpg.connect(self.url, timeout=self.timeouts.connect)
            try:
                self.migrated_from, _ = await migrate(migrating)
                self.epoch = await migrating.fetchval("SELECT epoch FROM epoch")
            finally:
                await migrating.close()
        except BaseException as error:
            await self.close()  # all or nothing: no half-open pool left behind
            if isinstance(error, Exception) and not isinstance(error, RuntimeError):
                raise classify(error, "open") from error
            raise

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            try:
                await asyncio.wait_for(pool.close(), self.timeouts.command)
            except (TimeoutError, OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
                pool.terminate()  # the server is gone: there is nothing left to say to it

    def _opened(self) -> asyncpg.Pool:
        if self._pool is None:
            raise StoreUnavailable("the store is not open")
        return self._pool

    async def transaction(self, run: Transaction[T], doing: str = "write") -> T:
        """Run `run` in a transaction of its own, again when it meets another transaction
        (see the module docstring); its result once committed."""
        pool = self._opened()
        for attempt in range(1, ATTEMPTS + 1):
            try:
                async with (
                    pool.acquire(timeout=self.timeouts.connect) as db,
                    db.transaction(),
                ):
                    return await run(db)
            except (StoreRefusal, StoreError):
                raise  # what `run` found and decided: nothing of it was stored
            except RunAgain:
                if attempt == ATTEMPTS:
                    raise StoreUnavailable(f"{doing}: kept meeting other writers") from None
            except Exception as error:
                if attempt == ATTEMPTS or not is_conflict(error):
                    raise classify(error, doing) from error
                log.info("event=transaction_retried doing=%s error=%r", doing, error)
            await asyncio.sleep(random.uniform(0, 0.005 * attempt))
        raise AssertionError("unreachable")

    async def rows(self, query: str, *parameters: Any) -> list[Row]:
        """One statement on a connection of its own: committed rows (and, for a statement
        that writes, committed as it returns: one statement needs no BEGIN and COMMIT)."""
        pool = self._opened()
        try:
            async with pool.acquire(timeout=self.timeouts.connect) as db:
                found: list[Row] = await db.fetch(query, *parameters)
                return found
        except Exception as error:
            raise classify(error, f"statement {query.split(' ', 1)[0]}") from error

    async def row(self, query: str, *parameters: Any) -> Row | None:
        found = await self.rows(query, *parameters)
        return found[0] if found else None


def changed(status: str) -> int:
    """How many rows a statement's status says it changed ("UPDATE 3" -> 3)."""
    return int(status.rsplit(" ", 1)[-1])


def ids(values: Sequence[int]) -> list[int]:
    """An array parameter of ids, each once, in order (the order rows are locked in)."""
    return sorted(set(values))
