"""SQLite schema migrations: forward only, one function per step, tracked in user_version."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from relay.store.sqlite import schema_first, schema_invitations, schema_routing, schema_teams

log = logging.getLogger("parley.store")

Migration = Callable[[sqlite3.Connection], None]

# Append new steps at the end; never edit or reorder a step that has shipped.
MIGRATIONS: tuple[Migration, ...] = (
    *schema_first.STEPS,
    *schema_teams.STEPS,
    *schema_invitations.STEPS,
    *schema_routing.STEPS,
)


def migrate(db: sqlite3.Connection) -> int:
    """Bring the schema up to date; returns the version it is at now."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > len(MIGRATIONS):
        raise RuntimeError(
            f"the database is at schema version {version}, newer than this relay "
            f"({len(MIGRATIONS)}): upgrade the relay"
        )
    if version == len(MIGRATIONS):
        return version
    # A step may rebuild a table (SQLite cannot change a column's constraints in place).
    # SQLite's way to do that wants foreign keys off, which only takes effect outside a
    # transaction, and a foreign_key_check before the commit instead.
    enforced = bool(db.execute("PRAGMA foreign_keys").fetchone()[0])
    db.execute("PRAGMA foreign_keys=OFF")
    try:
        for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
            db.execute("BEGIN IMMEDIATE")
            try:
                step(db)
                broken = db.execute("PRAGMA foreign_key_check").fetchmany(5)
                if broken:
                    rows = [tuple(row) for row in broken]
                    raise RuntimeError(f"migration {number} leaves rows without parents: {rows}")
                db.execute(f"PRAGMA user_version = {number}")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
    finally:
        db.execute(f"PRAGMA foreign_keys={'ON' if enforced else 'OFF'}")
    if version:  # an upgrade, not a database made just now: IT staff want to know
        log.warning("event=schema_upgraded from=%d to=%d", version, len(MIGRATIONS))
    return len(MIGRATIONS)
