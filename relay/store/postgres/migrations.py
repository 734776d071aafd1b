"""PostgreSQL schema migrations: forward only, one step per number (relay/store/postgres/
schema.py), the version kept in the table schema_version.

Several relays may start at once on one database: each migrates inside one transaction
that first takes an advisory lock, so one of them brings the schema up and the others
wait for it and find it current. PostgreSQL changes tables transactionally, so a step
that fails leaves the database as it was.
"""

from __future__ import annotations

import logging

import asyncpg

from relay.store.postgres.schema import FIRST, STEPS

log = logging.getLogger("parley.store")

LATEST = FIRST + len(STEPS) - 1
# pg_advisory_xact_lock's key for migrating: any fixed number no other lock uses.
_MIGRATION_LOCK = 0x7061726C6579  # "parley"


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer relay."""


async def schema_version(db: asyncpg.Connection) -> int:
    """The schema's version; 0 for a database without one (empty)."""
    if await db.fetchval("SELECT to_regclass('schema_version') IS NULL"):
        return 0
    version = await db.fetchval("SELECT version FROM schema_version")
    return int(version or 0)


async def migrate(db: asyncpg.Connection) -> tuple[int, int]:
    """Bring the schema up to date; returns the version it was at and the one it is at."""
    async with db.transaction():
        await db.execute("SELECT pg_advisory_xact_lock($1)", _MIGRATION_LOCK)
        version = await schema_version(db)
        if version > LATEST:
            raise SchemaTooNew(
                f"the database is at schema version {version}, newer than this relay "
                f"({LATEST}): upgrade the relay"
            )
        if version == LATEST:
            return version, version
        if version and version < FIRST:
            raise RuntimeError(f"schema version {version} was never a PostgreSQL schema")
        for number in range(max(version + 1, FIRST), LATEST + 1):
            await STEPS[number - FIRST](db)
        if version == 0:
            await db.execute(
                "CREATE TABLE schema_version (id integer PRIMARY KEY CHECK (id = 1), "
                "version integer NOT NULL)"
            )
        await db.execute(
            "INSERT INTO schema_version (id, version) VALUES (1, $1) "
            "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version",
            LATEST,
        )
    if version:  # an upgrade, not a database made just now: IT staff want to know
        log.warning("event=schema_upgraded from=%d to=%d", version, LATEST)
    return version, LATEST
