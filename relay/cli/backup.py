"""`parley-relay backup FILE`: a consistent copy of the database, taken while the relay runs.

SQLite's online backup API copies the database as of one moment, in one read transaction:
in WAL mode the relay's writer goes on meanwhile, and nothing committed after that moment
is in the copy, nothing half-committed either. The copy is written to a new file beside
FILE, switched to a rollback journal (so that it is one self-contained file), checked,
synced, and only then renamed over FILE: a nightly job replaces last night's backup, and
a copy that failed halfway never replaces a good one. Like every copy of the database, it
leaves the epoch marker behind (relay/store/epoch.py), so a restored backup gets a new
epoch. The file is readable by its owner only: it holds password hashes and every chat.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from relay.app import database_path
from relay.cli.common import CliError
from relay.config import RelayConfig

if TYPE_CHECKING:
    from relay.cli.common import Commands

BUSY_TIMEOUT_MS = 5000  # the relay's writer may hold the lock for a moment


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    size: int
    conversations: int
    messages: int


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    backup = commands.add_parser(
        "backup",
        parents=[common],
        help="copy the database to FILE while the relay runs (replacing FILE)",
    )
    backup.add_argument("file", type=Path, help="where the copy goes, e.g. /backup/parley.db")
    backup.set_defaults(run=_backup)


def _backup(config: RelayConfig, args: argparse.Namespace) -> None:
    if getattr(config, "database_url", ""):
        raise CliError("backup copies the SQLite database; back up PostgreSQL with its tools")
    made = back_up(database_path(config), args.file)
    print(
        f"backed up {database_path(config)} to {made.path}: {made.size:,} bytes, "
        f"{made.conversations:,} conversations, {made.messages:,} messages"
    )


def back_up(database: Path, target: Path) -> Backup:
    """Copy `database` to `target` as described above; CliError when it cannot."""
    if not database.is_file():
        raise CliError(f"no database at {database} (is --data-dir or --config right?)")
    target = target.expanduser().absolute()
    if target.is_dir():
        raise CliError(f"{target} is a directory: name the file, e.g. {target / 'parley.db'}")
    if not target.parent.is_dir():
        raise CliError(f"no folder {target.parent} to write {target.name} in")
    if target.exists() and target.samefile(database):
        raise CliError(f"{target} is the database itself: back it up to another file")
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
    except OSError as error:
        raise CliError(f"cannot write beside {target}: {error}") from None
    os.close(handle)
    partial = Path(name)
    try:
        conversations, messages = _copy(database, partial)
        _sync(partial)
        partial.replace(target)
        _sync(target.parent)
    except (sqlite3.Error, OSError) as error:
        raise CliError(f"backup to {target} failed: {error}") from None
    finally:
        partial.unlink(missing_ok=True)
    return Backup(target, target.stat().st_size, conversations, messages)


def _copy(database: Path, copy: Path) -> tuple[int, int]:
    """The database's pages as of one moment into `copy`, made one self-contained file and
    checked; returns how many conversations and messages it holds."""
    with (
        contextlib.closing(sqlite3.connect(database)) as source,
        contextlib.closing(sqlite3.connect(copy)) as target,
    ):
        source.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        source.backup(target)  # every page in one step: one consistent snapshot
        target.execute("PRAGMA journal_mode=DELETE")  # the copy needs no -wal beside it
        [verdict] = target.execute("PRAGMA quick_check").fetchone()
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"the copy does not check out: {verdict}")
        [conversations] = target.execute("SELECT count(*) FROM conversations").fetchone()
        [messages] = target.execute("SELECT count(*) FROM messages").fetchone()
    return conversations, messages


def _sync(path: Path) -> None:
    """Flush a file, or a directory's entries (the rename), to the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
