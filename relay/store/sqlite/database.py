"""The SQLite core every repository shares: WAL, group commit by one writer, reads on a
second connection, durability, the epoch and checkpoints.

Every write goes through one queue. The writer task takes whatever has queued up and
runs it in one transaction with one commit: a commit per message would cap the relay at a
few thousand messages per second, a commit per batch costs little per message. A write's
caller is answered only after the commit. Items queued with the same batch runner (the
message appends) are handed to it together, so that it can number and insert them at once.

Durability (Durability in relay.store.base, config key `durability`): with FULL, the
default, SQLite syncs the WAL in every commit (synchronous=FULL), so a batch is on the disk
before any of its callers is answered, at the price of one sync per batch, not per write.
FAST (synchronous=NORMAL) commits without waiting for the disk; the WAL is synced only by
the next checkpoint, so a power cut or OS crash loses up to about a second of answered
writes (a killed process loses none). Either way readers see a commit only once it is
complete (with FULL, once it is synced).

The writer runs each batch on the event loop's own thread with the standard sqlite3
module: a batch of a few hundred messages takes a millisecond or two, plus with FULL the
commit's sync, during which the loop waits (a fraction of a millisecond on the disk
measured in docs/performance.md). Measured here, handing batches to a thread (or
aiosqlite's statement-by-statement round trips) cost far more, each hop waiting for the
GIL held by the busy loop; handing only the syncing COMMIT to a thread did no better than
waiting for it. The WAL checkpoint, which syncs the database file, runs in a thread of its
own. Reads use aiosqlite on a second connection and so only ever see committed data.

Failures (relay/store/errors.py): an operation that fails for a reason of its own (a
refusal such as DuplicateName, or a bug) is undone alone inside its savepoint and the
batch goes on; a failure of the environment (the disk, a lock) fails the whole batch,
since SQLite may have rolled the transaction back already, and nothing of it is stored.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from relay.store.base import Durability
from relay.store.epoch import Lineage, Marker, marker_path, new_epoch, read_marker, renewal_reason
from relay.store.errors import StoreBug, StoreRefusal, StoreUnavailable
from relay.store.group_commit import Outcome, answer, take_batch
from relay.store.sqlite.errors import classify, is_environment
from relay.store.sqlite.migrations import migrate

log = logging.getLogger("parley.store")

T = TypeVar("T")
Row = sqlite3.Row
Write = Callable[[sqlite3.Connection], Any]  # runs inside the writer's batch transaction
# Runs a group of batched items (in the order queued) inside the batch transaction;
# returns one outcome per item. It undoes its own work when it raises (a savepoint of its
# own), so that the writer need not add one around every run.
BatchRunner = Callable[[sqlite3.Connection, list[Any]], list[Outcome]]

# In WAL mode FULL syncs the log in each commit; NORMAL syncs it only at checkpoints.
_SYNCHRONOUS = {Durability.FULL: "FULL", Durability.FAST: "NORMAL"}
SQL_VARIABLES = 500  # stay well below SQLite's limit on bound parameters
# What an operation may raise on purpose: the caller's answer, not a failure of the store.
_REFUSALS = (StoreRefusal, StoreBug)


@dataclass(slots=True)
class _Queued:
    future: asyncio.Future[Any]


@dataclass(slots=True)
class _Operation(_Queued):
    run: Write


@dataclass(slots=True)
class _Batched(_Queued):
    payload: Any
    runner: BatchRunner


def chunks(items: Sequence[T], size: int = SQL_VARIABLES) -> list[Sequence[T]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


class Database:
    """One SQLite file: the writer and its queue, the reader, the epoch, checkpoints."""

    def __init__(
        self,
        path: Path,
        *,
        batch_max: int = 1000,
        durability: Durability = Durability.FULL,
        epoch_marker: bool = False,
    ) -> None:
        """`epoch_marker`: this is the serving relay, which renews the epoch of a restored
        or copied database and keeps the marker beside it (relay/store/epoch.py). Admin
        commands and tests that open the file leave both alone: only one process may.
        Except once: the command that makes the database writes its first marker."""
        self.path = path
        self.durability = durability
        self.epoch = ""  # read at open()
        self.checkpoint_seconds = 1.0
        self._batch_max = batch_max
        self._marker = Marker(marker_path(path)) if epoch_marker else None
        self._lineage = Lineage(epoch="", commits=0, inode=0)  # as of the last commit
        self.writer: sqlite3.Connection | None = None
        self._reader: aiosqlite.Connection | None = None
        self._checkpoints: ThreadPoolExecutor | None = None
        self._queue: asyncio.Queue[_Queued | None] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []

    # ------------------------------------------------------------ life cycle

    async def open(self) -> None:
        try:
            await self._open()
        except BaseException:
            # All or nothing: a half-open store (the reader's thread running) would keep
            # the process from exiting after its caller gave up.
            await self.close()
            raise

    async def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # The database holds password hashes and every chat: its owner's alone, also one
        # made by an older relay. SQLite gives its -wal and -shm files the database's mode.
        self.path.touch(mode=0o600, exist_ok=True)
        with contextlib.suppress(PermissionError):  # another user's file: theirs to keep
            self.path.chmod(0o600)
        writer = self.writer = sqlite3.connect(self.path, isolation_level=None)
        writer.row_factory = sqlite3.Row
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute(f"PRAGMA synchronous={_SYNCHRONOUS[self.durability]}")
        writer.execute("PRAGMA foreign_keys=ON")
        writer.execute("PRAGMA busy_timeout=5000")
        # Checkpoints copy the log into the database and sync it: tens of milliseconds
        # that must not stall the event loop, so a thread does them (_checkpoint_loop).
        writer.execute("PRAGMA wal_autocheckpoint=0")
        created = writer.execute("PRAGMA user_version").fetchone()[0] == 0
        migrate(writer)
        self._open_epoch(writer, created=created)
        reader = self._reader = await aiosqlite.connect(self.path, isolation_level=None)
        reader.row_factory = sqlite3.Row
        await reader.execute("PRAGMA busy_timeout=5000")
        self._checkpoints = ThreadPoolExecutor(1, thread_name_prefix="parley-checkpoint")
        self._tasks = [
            asyncio.create_task(self._write_loop(), name="store-writer"),
            asyncio.create_task(self._checkpoint_loop(), name="store-checkpoints"),
        ]

    def _open_epoch(self, db: sqlite3.Connection, *, created: bool) -> None:
        """The epoch, renewed for a database that is not the one the marker describes; a
        database made just now keeps the one it was made with (nobody has seen it)."""
        row = db.execute("SELECT epoch, commits FROM epoch").fetchone()
        self.epoch = row["epoch"]
        here = Lineage(row["epoch"], row["commits"], os.stat(self.path).st_ino)
        if self._marker is None:
            if created:
                self._mark_made_here(here)
            return
        reason = None if created else renewal_reason(here, read_marker(self._marker.path))
        if reason is not None:
            here = Lineage(new_epoch(), here.commits, here.inode)
            db.execute("UPDATE epoch SET epoch = ?", (here.epoch,))
            # Without a marker: the first start with epochs, or a database moved to a new
            # directory, both expected. Anything else is a restore or a copy to know of.
            level = logging.INFO if reason == "no_marker" else logging.WARNING
            log.log(
                level, "event=epoch_renewed reason=%s old=%s new=%s", reason, self.epoch, here.epoch
            )
            self.epoch = here.epoch
        self._lineage = here
        self._marker.write(here, sync=True)

    def _mark_made_here(self, here: Lineage) -> None:
        """An admin command made this database (`agent add` before the first `serve`): no
        relay has served it and nobody has seen its epoch, so it writes the marker a
        serving relay would have, and the first `serve` keeps the epoch without a word
        instead of taking the file for one moved without its marker. A copy of it is
        still a new file, or lacks the marker, and is renewed. A marker that cannot be
        written costs only that needless renewal."""
        marker = Marker(marker_path(self.path))
        try:
            marker.write(here, sync=True)
        except OSError as error:
            log.info("event=epoch_marker_not_written error=%r", error)
        finally:
            marker.close()

    async def close(self) -> None:
        if self._tasks:
            writer_task, checkpoint_task = self._tasks
            await self._queue.put(None)
            await writer_task  # commits everything queued before close()
            checkpoint_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await checkpoint_task
            self._tasks = []
        if self._checkpoints is not None:
            self._checkpoints.shutdown()
            self._checkpoints = None
        if self._reader is not None:
            await self._reader.close()
            self._reader = None
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        if self._marker is not None:
            self._marker.close()

    async def _checkpoint_loop(self) -> None:
        assert self._checkpoints is not None
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(self.checkpoint_seconds)
            try:
                await loop.run_in_executor(self._checkpoints, self._checkpoint)
            except sqlite3.Error as error:
                log.warning("event=checkpoint_failed error=%r", error)

    def _checkpoint(self) -> None:
        """In the checkpoint thread: copy committed pages into the database file. PASSIVE
        never blocks the writer; the log restarts from the top once all is copied."""
        with contextlib.closing(sqlite3.connect(self.path, isolation_level=None)) as db:
            db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    # ------------------------------------------------------------ the writer

    async def write(self, run: Callable[[sqlite3.Connection], T]) -> T:
        """Run `run` in the next batch's transaction; its result once committed."""
        if not self._tasks:
            raise StoreUnavailable("the store is not open")
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Operation(future, run))
        return await future

    def queue(self, payload: Any, runner: BatchRunner) -> asyncio.Future[Any]:
        """Queue `payload` for `runner` in the next batch; resolves once committed."""
        if not self._tasks:
            raise StoreUnavailable("the store is not open")
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Batched(future, payload, runner))
        return future

    async def _write_loop(self) -> None:
        stopping = False
        while not stopping:
            batch, stopping = await take_batch(self._queue, self._batch_max)
            if batch:
                answer(batch, self._commit_batch(batch))

    def _commit_batch(self, batch: list[_Queued]) -> list[Outcome]:
        """The whole batch in one transaction and one commit, on the event loop's thread:
        a batch of a few hundred messages takes a millisecond or two, while handing it to
        a thread cost several milliseconds of waiting for the GIL when the loop is busy."""
        db = self.writer
        assert db is not None
        outcomes: list[Outcome] = []
        try:
            db.execute("BEGIN IMMEDIATE")
            start = 0
            while start < len(batch):
                item = batch[start]
                if isinstance(item, _Operation):
                    outcomes.append(self._isolated(db, "write", partial(item.run, db)))
                    start += 1
                    continue
                assert isinstance(item, _Batched)  # the only other kind
                end = start + 1
                while end < len(batch) and _same_runner(batch[end], item.runner):
                    end += 1
                payloads = [b.payload for b in batch[start:end] if isinstance(b, _Batched)]
                outcomes += self._group(db, item.runner, payloads)
                start = end
            if self._marker is not None:
                commits = self._lineage.commits + 1
                db.execute("UPDATE epoch SET commits = ?", (commits,))
            db.execute("COMMIT")
        except Exception as error:  # nothing of the batch is stored; the writer lives on
            with contextlib.suppress(sqlite3.Error):
                if db.in_transaction:
                    db.execute("ROLLBACK")
            failure = classify(error, "batch")
            log.error("event=batch_failed size=%d error=%r", len(batch), error)
            return [(None, failure)] * len(batch)
        if self._marker is not None:
            self._note_commit()
        return outcomes

    def _group(
        self, db: sqlite3.Connection, runner: BatchRunner, payloads: list[Any]
    ) -> list[Outcome]:
        """A run of batched items: all answered by the runner, or all failed as one."""
        try:
            outcomes = runner(db, payloads)
        except Exception as error:
            if isinstance(error, sqlite3.Error) and is_environment(error):
                raise
            failure = error if isinstance(error, _REFUSALS) else classify(error, "batched")
            return [(None, failure)] * len(payloads)
        if len(outcomes) != len(payloads):  # its work cannot be told apart: undo the batch
            raise StoreBug(f"{len(outcomes)} outcomes for {len(payloads)} batched items")
        return outcomes

    @staticmethod
    def _isolated(db: sqlite3.Connection, doing: str, run: Callable[[], Any]) -> Outcome:
        """Run inside a savepoint, so that a refusal or a bug undoes only this; a failure
        of the environment is raised on and fails the batch."""
        db.execute("SAVEPOINT operation")
        try:
            result = run()
        except Exception as error:
            if isinstance(error, sqlite3.Error) and is_environment(error):
                raise
            db.execute("ROLLBACK TO operation")
            db.execute("RELEASE operation")
            return None, error if isinstance(error, _REFUSALS) else classify(error, doing)
        db.execute("RELEASE operation")
        return result, None

    def _note_commit(self) -> None:
        """After the commit and before any caller hears of it: the marker must be at
        least as far as anything a client may have seen, or a backup taken just before
        would pass for the live database (relay/store/epoch.py)."""
        assert self._marker is not None
        self._lineage = Lineage(self.epoch, self._lineage.commits + 1, self._lineage.inode)
        try:
            self._marker.write(self._lineage)
        except OSError as error:  # the batch stands; the next commit writes it whole again
            log.warning("event=epoch_marker_not_written error=%r", error)

    # ------------------------------------------------------------ reads

    async def rows(self, query: str, parameters: Sequence[Any] = ()) -> list[Row]:
        """Committed rows, from the reader's connection."""
        if self._reader is None:
            raise StoreUnavailable("the store is not open")
        try:
            return list(await self._reader.execute_fetchall(query, parameters))
        except sqlite3.Error as error:
            raise classify(error, "read") from error

    async def row(self, query: str, parameters: Sequence[Any] = ()) -> Row | None:
        rows = await self.rows(query, parameters)
        return rows[0] if rows else None


def _same_runner(item: _Queued, runner: BatchRunner) -> bool:
    return isinstance(item, _Batched) and item.runner == runner
