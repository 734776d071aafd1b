"""`parley-relay migrate` and `parley-relay copy-data`: the database's schema, and moving
a SQLite installation to PostgreSQL.

`migrate` brings the configured database (SQLite in --data-dir, or --database-url) to
this relay's schema and says from which version to which; a relay does the same when it
starts, so this is for doing it at a chosen moment (before starting several relays, or
to see where a database stands).

`copy-data --to postgresql://…` copies the SQLite database of --data-dir into an empty
PostgreSQL database (relay/store/postgres/sqlite_copy.py): ids, sequence numbers and the
epoch kept, so agents' apps and visitors' widgets resume without noticing. The copy is
the database as of one moment: stop the SQLite relay first, or whatever it stores after
that moment stays behind. A target that holds data is refused, so it never runs twice.

`renew-epoch` gives the database a new epoch (relay/store/epoch.py): after restoring a
PostgreSQL backup, or a snapshot of a SQLite data directory with its marker, which no relay
can tell from the live database by itself. Widgets and agent apps then drop the sequence
numbers they hold and fetch afresh instead of skipping messages numbered again.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from relay.app import database_path
from relay.cli.common import CliError, with_store
from relay.config import RelayConfig
from relay.core.urls import without_password as shown_url
from relay.store import POSTGRES_SCHEMES
from relay.store.epoch import Lineage, Marker, marker_path, new_epoch

if TYPE_CHECKING:
    import asyncpg

    from relay.cli.common import Commands

CONNECT_SECONDS = 10.0
# What each table holds, as the operator is told (in the order copied).
KINDS = {
    "sites": "sites",
    "agents": "agents",
    "sessions": "agent sessions",
    "departments": "departments",
    "agent_departments": "department memberships",
    "visitors": "visitors",
    "visits": "visits",
    "page_views": "page views",
    "files": "files",
    "conversations": "conversations",
    "conversation_participants": "participants",
    "messages": "messages",
    "withdrawals": "withdrawals",
    "phrases": "phrases",
    "conversation_events": "events",
}


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    migrating = commands.add_parser(
        "migrate",
        parents=[common],
        help="bring the database (SQLite in --data-dir, or --database-url) to this relay's schema",
    )
    migrating.set_defaults(run=_migrate)
    copying = commands.add_parser(
        "copy-data",
        parents=[common],
        help="copy the SQLite database of --data-dir into an empty PostgreSQL database "
        "(stop the relay first)",
        description="Copy every table of the SQLite database in --data-dir into an empty "
        "PostgreSQL database, keeping ids, sequence numbers and the epoch, in one "
        "transaction. Stop the relay that serves the SQLite database first: the copy "
        "is the database as of the moment it starts, and anything stored after that "
        "would stay behind. Then point the relays at PostgreSQL (database_url).",
    )
    copying.add_argument(
        "--to",
        metavar="URL",
        help="postgresql://user@host/database (default: the configuration's database_url; "
        "a password here would show in `ps`: keep it in the configuration, PGPASSWORD or "
        "~/.pgpass)",
    )
    copying.set_defaults(run=_copy_data)
    renewing = commands.add_parser(
        "renew-epoch",
        parents=[common],
        help="after restoring a backup: clients drop the message numbers they hold and "
        "fetch afresh (stop the relays first)",
        description="Give the database a new epoch, so that every widget and agent app "
        "that comes back drops the sequence numbers it holds and fetches its chats afresh. "
        "Run it after restoring a PostgreSQL backup, or a snapshot of a whole SQLite data "
        "directory (a SQLite backup restored with `parley-relay backup`'s file is noticed "
        "without it). Stop every relay first and start them after.",
    )
    renewing.set_defaults(run=_renew_epoch)


def _postgres_url(url: str) -> str:
    if not url.startswith(POSTGRES_SCHEMES):
        raise CliError(f"{shown_url(url)}: give a postgresql://user:password@host/database URL")
    return url


async def _connect(url: str) -> asyncpg.Connection:
    import asyncpg  # here: every other command would pay for importing it

    try:
        connection: asyncpg.Connection = await asyncpg.connect(url, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
        raise CliError(f"cannot connect to {shown_url(url)}: {error}") from None
    return connection


def _migrate(config: RelayConfig, args: argparse.Namespace) -> None:
    if config.database_url:
        where = shown_url(config.database_url)
        before, after = asyncio.run(_migrate_postgres(_postgres_url(config.database_url)))
    else:
        where = str(database_path(config))
        before, after = _migrate_sqlite(config)
    if before == after:
        print(f"{where}: the schema is current (version {after})")
    elif before == 0:
        print(f"{where}: made the schema (version {after})")
    else:
        print(f"{where}: migrated the schema from version {before} to {after}")


async def _migrate_postgres(url: str) -> tuple[int, int]:
    import asyncpg

    from relay.store.postgres.migrations import SchemaTooNew, migrate

    connection = await _connect(url)
    try:
        return await migrate(connection)
    except SchemaTooNew as error:
        raise CliError(str(error)) from None
    except (OSError, TimeoutError, asyncpg.PostgresError) as error:
        raise CliError(f"migrating {shown_url(url)} failed: {error}") from None
    finally:
        await connection.close()


def _sqlite_version(config: RelayConfig) -> int:
    path = database_path(config)
    if not path.is_file():
        return 0
    with contextlib.closing(sqlite3.connect(path)) as db:
        return int(db.execute("PRAGMA user_version").fetchone()[0])


def _migrate_sqlite(config: RelayConfig) -> tuple[int, int]:
    """Opening the store migrates it (and, for a database made now, writes its epoch
    marker as any admin command does: relay/store/epoch.py)."""
    before = _sqlite_version(config)

    async def nothing(_store: object) -> None:
        return None

    try:
        with_store(config, nothing)
    except RuntimeError as error:  # newer than this relay
        raise CliError(str(error)) from None
    return before, _sqlite_version(config)


def _copy_data(config: RelayConfig, args: argparse.Namespace) -> None:
    source = database_path(config)
    if not source.is_file():
        raise CliError(f"no SQLite database at {source} (is --data-dir or --config right?)")
    if not (args.to or config.database_url):
        raise CliError("copy to where? set database_url in the configuration, or give --to")
    url = _postgres_url(args.to or config.database_url)
    import asyncpg

    from relay.store.postgres.migrations import SchemaTooNew
    from relay.store.postgres.sqlite_copy import CopyRefused, copy_sqlite_to_postgres

    async def run() -> None:
        connection = await _connect(url)
        try:
            copied = await copy_sqlite_to_postgres(source, connection)
        except (CopyRefused, SchemaTooNew) as error:
            raise CliError(f"not copied: {error}") from None
        except (OSError, TimeoutError, asyncpg.PostgresError, sqlite3.Error) as error:
            raise CliError(f"copying to {shown_url(url)} failed, nothing copied: {error}") from None
        finally:
            await connection.close()
        print(f"copied {source} to {shown_url(url)} (schema version {copied.schema_version}):")
        for table, count in copied.counts.items():
            print(f"  {count:>10,} {KINDS.get(table, table)}")
        print(f"the counts of both databases agree; epoch {copied.epoch} kept")
        print(
            f"uploaded files stay in {config.files_path()}: every relay needs them there "
            "(a shared directory)"
        )
        print("point the relays at it: database_url (or --database-url / PARLEY_DATABASE_URL)")

    asyncio.run(run())


def _renew_epoch(config: RelayConfig, args: argparse.Namespace) -> None:
    epoch = new_epoch()
    if config.database_url:
        where = shown_url(config.database_url)
        old = asyncio.run(_renew_postgres_epoch(_postgres_url(config.database_url), epoch))
    else:
        path = database_path(config)
        where = str(path)
        old = _renew_sqlite_epoch(path, epoch)
    print(f"{where}: epoch {old} renewed as {epoch}; start the relays again")


async def _renew_postgres_epoch(url: str, epoch: str) -> str:
    import asyncpg

    from relay.cluster.leader import SERVING_KEY

    connection = await _connect(url)
    try:
        # Every serving relay holds this lock (shared or alone): taking it proves none
        # runs, and keeps any from starting until the epoch is renewed.
        if not await connection.fetchval("SELECT pg_try_advisory_lock($1)", SERVING_KEY):
            raise CliError("relays are serving this database: stop every relay first")
        async with connection.transaction():
            old = await connection.fetchval("SELECT epoch FROM epoch FOR UPDATE")
            await connection.execute("UPDATE epoch SET epoch = $1", epoch)
    except asyncpg.UndefinedTableError:
        raise CliError(f"{shown_url(url)} holds no Parley database") from None
    except (OSError, TimeoutError, asyncpg.PostgresError) as error:
        raise CliError(f"renewing the epoch of {shown_url(url)} failed: {error}") from None
    finally:
        await connection.close()
    return str(old)


def _renew_sqlite_epoch(path: Path, epoch: str) -> str:
    """The new epoch in the database, and the marker a serving relay keeps beside it
    rewritten to match, so that the next start keeps this epoch without renewing it again."""
    if not path.is_file():
        raise CliError(f"no database at {path} (is --data-dir or --config right?)")
    try:
        with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as db:
            db.execute("BEGIN IMMEDIATE")
            old, commits = db.execute("SELECT epoch, commits FROM epoch").fetchone()
            db.execute("UPDATE epoch SET epoch = ?", (epoch,))
            db.execute("COMMIT")
    except sqlite3.Error as error:
        raise CliError(f"renewing the epoch of {path} failed: {error}") from None
    marker = Marker(marker_path(path))
    try:
        marker.write(Lineage(epoch, commits, path.stat().st_ino), sync=True)
    except OSError:
        marker_path(path).unlink(missing_ok=True)  # the next start renews it once more
    finally:
        marker.close()
    return str(old)
