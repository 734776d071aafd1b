"""Copying a SQLite installation into an empty PostgreSQL database (`parley-relay
copy-data`): every table, ids, sequence numbers, counters and the epoch as they are, so
that clients resume where they were without fetching anything again.

The SQLite side is read in one read transaction: one consistent moment, even while a
relay still writes the file (WAL readers do not stop the writer), though whatever that
relay commits later is not in the copy; so the operator stops it first. The PostgreSQL
side is written in one transaction, checked before it commits: the row counts of every
table must match, and the target must have been empty (a second copy is refused, never
merged). Both schemas must be at the same version, and both must hold the same tables
and columns: a table or column one side has and the other lacks stops the copy rather
than be left behind.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg

from relay.store.postgres.migrations import migrate
from relay.store.postgres.schema import TABLES
from relay.store.sqlite.migrations import MIGRATIONS

# pg_advisory_xact_lock's key while copying: two copies at once are one after the other,
# and the second finds the target full.
_COPY_LOCK = 0x636F7079  # "copy"
_BUSY_TIMEOUT_MS = 5000  # a running relay's writer may hold SQLite's lock for a moment
# How a SQLite value becomes the PostgreSQL column's (by its data_type); others as they are.
_CONVERT: dict[str, Callable[[Any], Any]] = {
    "boolean": bool,
    "double precision": float,
    "bigint": int,
    "integer": int,
}


class CopyRefused(Exception):
    """The copy cannot be made (a full target, schemas that differ); nothing was written."""


@dataclass(frozen=True, slots=True)
class Copied:
    counts: dict[str, int]  # rows per table, in TABLES' order
    epoch: str
    schema_version: int


async def copy_sqlite_to_postgres(database: Path, target: asyncpg.Connection) -> Copied:
    """Copy the SQLite `database` into the (empty) PostgreSQL database of `target`,
    migrated first; CopyRefused, with nothing written, when it cannot be."""
    await migrate(target)
    with contextlib.closing(sqlite3.connect(database, isolation_level=None)) as source:
        source.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
        source.execute("BEGIN")  # from the first read on, one moment of the database
        try:
            return await _copy(source, target)
        finally:
            source.execute("ROLLBACK")


async def _copy(source: sqlite3.Connection, target: asyncpg.Connection) -> Copied:
    version = source.execute("PRAGMA user_version").fetchone()[0]
    if version != len(MIGRATIONS):
        raise CopyRefused(
            f"the SQLite database is at schema version {version}, this relay's is "
            f"{len(MIGRATIONS)}: run `parley-relay migrate` on it first"
        )
    tables = {
        name
        for (name,) in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    if tables != {*TABLES, "epoch"}:
        raise CopyRefused(f"the SQLite tables {sorted(tables)} are not the ones copied")
    async with target.transaction():
        await target.execute("SELECT pg_advisory_xact_lock($1)", _COPY_LOCK)
        for table in TABLES:
            if await target.fetchval(f"SELECT EXISTS (SELECT 1 FROM {table})"):
                raise CopyRefused(
                    f"the PostgreSQL database holds data already ({table} is not empty): "
                    "copy-data fills an empty database only, and only once"
                )
        counts = {table: await _copy_table(source, target, table) for table in TABLES}
        (epoch,) = source.execute("SELECT epoch FROM epoch").fetchone()
        await target.execute("UPDATE epoch SET epoch = $1", epoch)
        for table in TABLES:
            found = await target.fetchval(f"SELECT count(*) FROM {table}")
            if found != counts[table]:
                raise CopyRefused(f"{table}: {counts[table]} rows read, {found} written")
    return Copied(counts, epoch, version)


async def _copy_table(source: sqlite3.Connection, target: asyncpg.Connection, table: str) -> int:
    """Copy one table's rows, keeping their ids; the identity's next id comes after them."""
    columns = await target.fetch(
        "SELECT column_name, data_type, is_identity FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        table,
    )
    names = [column["column_name"] for column in columns]
    theirs = {row[1] for row in source.execute(f"PRAGMA table_info({table})")}
    if set(names) != theirs:
        raise CopyRefused(f"{table}: columns {sorted(theirs)} in SQLite, {sorted(names)} here")
    converts = [_CONVERT.get(column["data_type"]) for column in columns]
    rows = [
        tuple(
            value if value is None or convert is None else convert(value)
            for value, convert in zip(row, converts, strict=True)
        )
        for row in source.execute(f"SELECT {', '.join(names)} FROM {table}")
    ]
    if rows:
        await target.copy_records_to_table(table, records=rows, columns=names)
    if any(column["is_identity"] == "YES" for column in columns):
        await target.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"GREATEST(max(id), 1), max(id) IS NOT NULL) FROM {table}"
        )
    return len(rows)
