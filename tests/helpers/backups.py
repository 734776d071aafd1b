"""Backing up and restoring the relay's database the way the README tells IT staff to,
and writing into a restored database before the relay is back (as a relay would, serving
others, while a client is still away)."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import time
from pathlib import Path

from relay.store.records import NewMessage
from relay.store.sqlite import SqliteStore
from shared_protocol.frames import AuthorKind


def vacuum_into(database: Path, backup: Path) -> None:
    """`sqlite3 parley.db "VACUUM INTO '/backup/parley.db'"`, from another process's point
    of view: its own connection, while the relay may be running."""
    with contextlib.closing(sqlite3.connect(database)) as other:
        other.execute("VACUUM INTO ?", (str(backup),))


def put_back(backup: Path, database: Path) -> None:
    """The README's restore, with the relay stopped: the log files go (a log left beside
    the file would be replayed onto it), then the backup is copied over the file in place
    (`cp` keeps the file's identity: the hardest restore to notice)."""
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(backup, database)


async def store_agent_message(
    database: Path, conversation: int, text: str, *, agent: int = 1, name: str = "Alice"
) -> int:
    """An agent's message stored in a database the relay is not running on; returns its seq."""
    store = SqliteStore(database)
    await store.open()
    try:
        new = NewMessage(
            conversation,
            f"restored-{time.monotonic_ns()}",
            AuthorKind.AGENT,
            agent,
            name,
            text,
            time.time(),
        )
        return (await store.append_message(new)).message.seq
    finally:
        await store.close()
