"""The database's epoch: which history its sequence numbers belong to, and how the serving
relay tells a restored or copied database from the one it last ran on.

A sequence number names a message only within one history. A database restored from a
backup, or a copy run elsewhere, numbers on from where the copy was taken, so the same
numbers come to mean other messages, and a client resuming after its last number would
skip them without a sign (docs/protocol.md §5.4). So every database holds an epoch, a
random id (table `epoch`); the relay sends it in every welcome, and clients drop what they
hold from another epoch and fetch afresh.

The epoch lives in the database, so a backup or a copy carries it along: it cannot tell
them apart by itself. On PostgreSQL nothing can, so an operator who restores a dump runs
`parley-relay renew-epoch` (relay/cli/database.py). On SQLite, what can is a marker the
serving relay keeps beside the database (`parley.db.epoch`), which a backup of the
database does not carry (`parley-relay backup`, `VACUUM INTO` and a copy of the file all
take the database alone). It holds:

- the epoch;
- how many commits the relay had made when it last wrote the marker. Each batch the relay
  commits adds one to a counter inside the database and then rewrites the marker, before
  any caller hears of the batch. A backup keeps the counter of the moment it was taken;
  once anything is committed after it, the marker is ahead of the backup, and a database
  behind its marker has been put back. This is what catches a backup copied over the live
  file in place (`cp` keeps the file's identity). A backup restored with nothing committed
  since is the same data, and keeps its epoch rightly;
- the database file's inode. A copy is a new file wherever it goes (another directory,
  another machine, back in place by `mv` or a restore tool), so it is caught even when
  the whole data directory, marker and all, was copied. The device number is left out:
  on some file systems (btrfs subvolumes, NFS) it changes across reboots, and the relay
  would take its own file for a copy.

At start the relay keeps the epoch only when the marker exists and agrees on all three;
the database's counter may be ahead of the marker's, since the marker is written after the
commit without a sync of its own and a crash can leave it behind (the safe way round).
Anything else makes a new epoch, also a missing or unreadable marker (a database moved to
a fresh directory, the first start of a relay with epochs; not a database made at this
very start, whose epoch nobody has seen yet): a needless renewal costs each
client one refetch, a missed one costs a silent gap, so doubt renews. A database made by
an admin command before any relay served it (`parley-relay agent add` on a fresh install)
is just as unseen, so that command writes its first marker, the one thing an admin command
writes of the epoch: the first `serve` keeps the epoch without a word, while a copy of
it, a new file with or without the marker, is still renewed. With `durability =
"fast"` a power cut may lose the last commits while the marker survives them; that renews
the epoch too, rightly, since their sequence numbers will be given again.

What no file can show: a rollback of the whole file system or machine (a snapshot) puts
the marker back with the database. After one, delete the marker before starting the relay.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MARKER_SUFFIX = ".epoch"
_MAGIC = "parley-epoch-1"
# Rewritten in place at a fixed size, so that an update never leaves a longer old tail.
_MARKER_BYTES = 128


@dataclass(frozen=True, slots=True)
class Lineage:
    """Where a database stands: its epoch, its commit count, and which file it is."""

    epoch: str
    commits: int
    inode: int


def new_epoch() -> str:
    return secrets.token_hex(16)


def renewal_reason(database: Lineage, marker: Lineage | None) -> str | None:
    """Why the database needs a new epoch (for the log); None when it is the database the
    marker describes, as far as or further than the marker saw it."""
    if marker is None:
        return "no_marker"
    if marker.epoch != database.epoch:
        return "other_epoch"
    if marker.inode != database.inode:
        return "another_file"  # a copy, or a restore that made a new file
    if database.commits < marker.commits:
        return "behind_its_marker"  # put back: a restored backup
    return None


def resume_after(after_seq: int, their_epoch: str, our_epoch: str) -> int:
    """Where a resume point of a client's first frame starts: from the beginning when the
    client says its positions come from another epoch, since here they would name other
    messages; as asked when it says none (an older client, or one that has no epoch yet)."""
    return 0 if their_epoch and their_epoch != our_epoch else after_seq


def marker_path(database: Path) -> Path:
    return database.with_name(database.name + MARKER_SUFFIX)


def read_marker(path: Path) -> Lineage | None:
    """The marker's lineage; None when there is none or it cannot be read (torn, edited)."""
    try:
        fields = path.read_bytes().decode("ascii").split()
    except (OSError, UnicodeDecodeError):
        return None
    if len(fields) != 4 or fields[0] != _MAGIC:
        return None
    try:
        return Lineage(epoch=fields[1], commits=int(fields[2]), inode=int(fields[3]))
    except ValueError:
        return None


class Marker:
    """The marker file, kept open and rewritten in place after each commit: one small
    write, no sync (see the module docstring for why a marker left behind is safe)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: BinaryIO | None = None

    def write(self, lineage: Lineage, *, sync: bool = False) -> None:
        line = f"{_MAGIC} {lineage.epoch} {lineage.commits} {lineage.inode}\n"
        data = line.encode("ascii").ljust(_MARKER_BYTES)
        if self._file is None:
            self._file = self.path.open("wb", buffering=0)
        self._file.seek(0)
        self._file.write(data)
        if sync:
            os.fsync(self._file.fileno())

    def close(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None
