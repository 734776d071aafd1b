"""Which relay of a cluster runs the work that must run once (sweeps, timeouts, expiries).

The one that holds a PostgreSQL advisory lock, on a connection of its own. PostgreSQL
releases the lock when that connection ends, so when its relay dies (or loses the
database) another relay takes it at its next try, within `check_seconds`. A relay that
lost its connection stops leading at once; one whose connection PostgreSQL dropped
without a word finds out at its next check, so for up to `check_seconds` two relays may
both run a sweep: every run-once job is idempotent (each decision it makes is one
compare-and-set in the store), which makes that harmless.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Protocol

import asyncpg

log = logging.getLogger("parley.cluster")

# The advisory lock's key: any fixed 64-bit number that no other application on the same
# database uses ("PARLEY01" in ASCII).
LOCK_KEY = 0x5041524C45593031
CONNECT_TIMEOUT_SECONDS = 3.0


class Leadership(Protocol):
    @property
    def leads(self) -> bool:
        """Whether this relay runs the cluster's run-once work now."""
        ...


class Alone:
    """A relay on its own leads always."""

    leads = True


class AdvisoryLock:
    def __init__(self, url: str, relay: str, *, check_seconds: float) -> None:
        self.url = url
        self.relay = relay
        self.check_seconds = check_seconds
        self.leads = False
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="cluster-leadership")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.leads = False

    async def _run(self) -> None:
        while True:
            connection: asyncpg.Connection | None = None
            try:
                connection = await asyncpg.connect(self.url, timeout=CONNECT_TIMEOUT_SECONDS)
                while True:
                    async with asyncio.timeout(CONNECT_TIMEOUT_SECONDS):
                        if self.leads:
                            await connection.fetchval("SELECT 1")  # still connected
                        elif await connection.fetchval("SELECT pg_try_advisory_lock($1)", LOCK_KEY):
                            self.leads = True
                            log.info("event=leading relay=%s", self.relay)
                    await asyncio.sleep(self.check_seconds)
            except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError) as error:
                if self.leads:
                    log.warning("event=leading_lost relay=%s error=%r", self.relay, error)
                self.leads = False
            finally:
                if connection is not None:
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(connection.close(), CONNECT_TIMEOUT_SECONDS)
            await asyncio.sleep(self.check_seconds)


class DatabaseTaken(Exception):
    """Relays with and without a broker would serve the same database."""


# Every relay on PostgreSQL holds this lock while it runs ("PARLEY02"): shared by relays
# with a broker, alone by a relay without one.
SERVING_KEY = 0x5041524C45593032


async def claim_database(url: str, *, with_broker: bool) -> asyncpg.Connection:
    """Hold, for as long as the returned connection is open, a relay's claim on the
    database: relays with a broker share it, a relay without one must be alone.
    DatabaseTaken otherwise: without a broker a relay tells only its own clients, and
    visitors and agents on the others would silently miss each other."""
    connection = await asyncpg.connect(url, timeout=CONNECT_TIMEOUT_SECONDS)
    lock = "pg_try_advisory_lock_shared" if with_broker else "pg_try_advisory_lock"
    if await connection.fetchval(f"SELECT {lock}($1)", SERVING_KEY):
        return connection
    await connection.close()
    if with_broker:
        raise DatabaseTaken(
            "a relay without a broker serves this database: give it broker_url like this "
            "one's, or stop it (docs/operations.md)"
        )
    raise DatabaseTaken(
        "another relay serves this database: relays that share a database all need "
        "broker_url (redis://…), the same one (docs/operations.md)"
    )
