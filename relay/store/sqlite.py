"""The SQLite store: WAL, group commit by one writer, reads on a second connection.

Every write goes through one queue. The writer task takes whatever has queued up and
runs it in one transaction with one commit: a commit per message would cap the relay at a
few thousand messages per second, a commit per batch costs little per message. A write's
caller is answered only after the commit. Message appends within a batch are numbered and
inserted together.

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
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite
import msgspec

from relay.core.contact import contact_of
from relay.core.referrer import Arrival, Source
from relay.core.resends import is_resend
from relay.core.visits import NewestPageView, continues_visit
from relay.store.base import DuplicateName, Durability, StoreUnavailable
from relay.store.epoch import Lineage, Marker, marker_path, new_epoch, read_marker, renewal_reason
from relay.store.migrations import migrate
from relay.store.records import (
    Agent,
    Appended,
    Conversation,
    KnownMessage,
    NewMessage,
    ReadMark,
    Role,
    Site,
    StoredFile,
    StoredMessage,
    Visit,
    Visitor,
    Withdrawal,
)
from shared_protocol import limits
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import (
    Attachment,
    AuthorKind,
    ConversationStatus,
    PageInfo,
    PageVisit,
    Phrase,
    PhraseDraft,
    PhraseKind,
    Quote,
    SiteSettings,
    VisitorContact,
    VisitSummary,
)

log = logging.getLogger("parley.store")

T = TypeVar("T")
Row = sqlite3.Row
MessageKey = tuple[str, str, int]  # client id, author kind, author id
Outcome = tuple[Any, BaseException | None]  # a write's result, or why it failed

CHECKPOINT_SECONDS = 1.0
# In WAL mode FULL syncs the log in each commit; NORMAL syncs it only at checkpoints.
_SYNCHRONOUS = {Durability.FULL: "FULL", Durability.FAST: "NORMAL"}
_SQL_VARIABLES = 500  # stay well below SQLite's limit on bound parameters

# Conversations with their visitor's contact: joined on the key, so a login snapshot of
# any size costs one query, never one per conversation.
_SELECT_CONVERSATIONS = (
    "SELECT c.id, c.site_id, c.visitor_id, c.status, c.agent_id, c.created_at, c.closed_at, "
    "c.offline, c.started_url, c.started_title, c.visitor_read_seq, c.agent_read_seq, "
    "(SELECT COALESCE(MAX(seq), 0) FROM messages m WHERE m.conversation_id = c.id) AS last_seq, "
    "v.name AS visitor_name, v.email AS visitor_email, v.phone AS visitor_phone "
    "FROM conversations c JOIN visitors v ON v.id = c.visitor_id "
)
_INSERT_MESSAGE = (
    "INSERT INTO messages (conversation_id, seq, client_id, author, author_id, author_name, "
    "text, created_at, reply_to, file_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# A message with what it quotes and the file it carries (columns in _message's order).
_MESSAGE_COLUMNS = (
    "m.conversation_id, m.seq, m.client_id, m.author, m.author_id, m.author_name, "
    "m.text, m.created_at, m.withdrawn_at, q.seq, q.author, q.author_name, q.text, "
    "q.withdrawn_at, f.id, f.name, f.size, f.content_type"
)
_MESSAGE_JOINS = (
    "FROM messages m "
    "LEFT JOIN messages q ON q.conversation_id = m.conversation_id AND q.seq = m.reply_to "
    "LEFT JOIN files f ON f.id = m.file_id "
)
_SELECT_MESSAGES = f"SELECT {_MESSAGE_COLUMNS} {_MESSAGE_JOINS}"
# The same with a withdrawn message's text as sent, from its audit record (see _known).
# Read only for resends, which are rare: withdrawals needs no index for it.
_SELECT_KNOWN_MESSAGES = (
    f"SELECT {_MESSAGE_COLUMNS}, w.text {_MESSAGE_JOINS}"
    "LEFT JOIN withdrawals w ON w.conversation_id = m.conversation_id AND w.seq = m.seq "
)
_SELECT_PHRASES = (
    "SELECT p.id, p.owner_id, p.category, p.title, p.shortcut, p.text, p.kind, p.url, "
    "p.updated_at, f.id, f.name, f.size, f.content_type "
    "FROM phrases p LEFT JOIN files f ON f.id = p.file_id "
)
_FILE_COLUMNS = "id, name, size, content_type, uploader, uploader_id, created_at"
_READ_COLUMNS = {AuthorKind.VISITOR: "visitor_read_seq", AuthorKind.AGENT: "agent_read_seq"}


Write = Callable[[sqlite3.Connection], Any]  # runs inside the writer's batch transaction


@dataclass(slots=True)
class _Operation:
    run: Write
    future: asyncio.Future[Any]


@dataclass(slots=True)
class _Append:
    message: NewMessage
    future: asyncio.Future[Appended]


def _chunks(items: Sequence[T], size: int = _SQL_VARIABLES) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _site(row: Row) -> Site:
    return Site(
        id=row["id"],
        key=row["key"],
        name=row["name"],
        origins=tuple(json.loads(row["origins"])),
        created_at=row["created_at"],
        settings=msgspec.json.decode(row["settings"], type=SiteSettings),
    )


def _agent(row: Row) -> Agent:
    return Agent(
        id=row["id"],
        name=row["name"],
        display_name=row["display_name"],
        role=row["role"],
        password_hash=row["password_hash"],
        avatar_url=row["avatar_url"],
        disabled=bool(row["disabled"]),
        created_at=row["created_at"],
    )


def _visit(row: Row) -> Visit:
    landing = None
    if row["landing_url"]:
        landing = PageInfo(
            url=row["landing_url"], title=row["landing_title"], referrer=row["referrer"]
        )
    return Visit(
        id=row["id"],
        visitor_id=row["visitor_id"],
        number=row["number"],
        started_at=row["started_at"],
        landing=landing,
        source=row["source"],
        source_name=row["source_name"],
        keyword=row["keyword"],
    )


def _conversation(row: Row) -> Conversation:
    return Conversation(
        id=row["id"],
        site_id=row["site_id"],
        visitor_id=row["visitor_id"],
        status=ConversationStatus(row["status"]),
        agent_id=row["agent_id"],
        created_at=row["created_at"],
        closed_at=row["closed_at"],
        last_seq=row["last_seq"],
        offline=bool(row["offline"]),
        started_on=(
            PageInfo(url=row["started_url"], title=row["started_title"])
            if row["started_url"]
            else None
        ),
        contact=contact_of(row["visitor_name"], row["visitor_email"], row["visitor_phone"]),
        visitor_read_seq=row["visitor_read_seq"],
        agent_read_seq=row["agent_read_seq"],
    )


def _message(row: Row | tuple[Any, ...]) -> StoredMessage:
    quote = None
    if row[9] is not None:
        withdrawn = row[13] is not None
        quote = Quote(
            seq=row[9],
            author=AuthorKind(row[10]),
            author_name=row[11],
            text="" if withdrawn else row[12][: limits.QUOTE_CHARS],
            withdrawn=withdrawn,
        )
    file = None
    if row[14] is not None:
        file = Attachment(id=row[14], name=row[15], size=row[16], type=row[17])
    return StoredMessage(
        conversation_id=row[0],
        seq=row[1],
        client_id=row[2],
        author=AuthorKind(row[3]),
        author_id=row[4],
        author_name=row[5],
        text=row[6],
        created_at=row[7],
        reply_to=quote,
        file=file,
        withdrawn=row[8] is not None,
    )


def _known(row: Row | tuple[Any, ...]) -> KnownMessage:
    """A row of _SELECT_KNOWN_MESSAGES: the message, and the text it was sent with."""
    return KnownMessage(_message(row), sent_text=row[6] if row[18] is None else row[18])


def _phrase(row: Row) -> Phrase:
    file = None
    if row[9] is not None:
        file = Attachment(id=row[9], name=row[10], size=row[11], type=row[12])
    return Phrase(
        id=row[0],
        shared=row[1] is None,
        category=row[2],
        title=row[3],
        shortcut=row[4],
        text=row[5],
        kind=PhraseKind(row[6]),
        url=row[7],
        updated_at=row[8],
        file=file,
    )


def _file(row: Row) -> StoredFile:
    return StoredFile(
        id=row["id"],
        name=row["name"],
        size=row["size"],
        content_type=row["content_type"],
        uploader=AuthorKind(row["uploader"]),
        uploader_id=row["uploader_id"],
        created_at=row["created_at"],
    )


class SqliteStore:
    """Store on one SQLite file; see the module docstring for how writes are batched."""

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
        commands and tests that open the file leave both alone: only one process may."""
        self.path = path
        self._batch_max = batch_max
        self.durability = durability
        self.epoch = ""  # read at open()
        self._marker = Marker(marker_path(path)) if epoch_marker else None
        self._lineage = Lineage(epoch="", commits=0, inode=0)  # as of the last commit
        self._writer: sqlite3.Connection | None = None
        self._reader: aiosqlite.Connection | None = None
        self._checkpoints: ThreadPoolExecutor | None = None
        self._queue: asyncio.Queue[_Operation | _Append | None] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []
        # Highest sequence number per conversation, as committed.
        self._last_seq: dict[int, int] = {}

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
        writer = self._writer = sqlite3.connect(self.path, isolation_level=None)
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
        if self._marker is None:
            return
        here = Lineage(row["epoch"], row["commits"], os.stat(self.path).st_ino)
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
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if self._marker is not None:
            self._marker.close()

    async def _checkpoint_loop(self) -> None:
        assert self._checkpoints is not None
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(CHECKPOINT_SECONDS)
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

    async def _write(self, run: Callable[[sqlite3.Connection], T]) -> T:
        if not self._tasks:
            raise StoreUnavailable("the store is not open")
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Operation(run, future))
        return await future

    def queue_message(self, message: NewMessage) -> asyncio.Future[Appended]:
        if not self._tasks:
            raise StoreUnavailable("the store is not open")
        future: asyncio.Future[Appended] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Append(message, future))
        return future

    async def append_message(self, message: NewMessage) -> Appended:
        return await self.queue_message(message)

    async def _write_loop(self) -> None:
        stopping = False
        while not stopping:
            first = await self._queue.get()
            if first is None:
                break
            batch = [first]
            while len(batch) < self._batch_max and not self._queue.empty():
                item = self._queue.get_nowait()
                if item is None:
                    stopping = True
                    break
                batch.append(item)
            try:
                outcomes = self._commit_batch(batch)
            except Exception as error:  # nothing of the batch is stored; the writer lives on
                log.error("event=batch_failed size=%d error=%r", len(batch), error)
                outcomes = [(None, StoreUnavailable(str(error)))] * len(batch)
            # Answered only now that the commit returned (with FULL, synced): an answer
            # is what lets the relay acknowledge a message.
            for item, (result, exception) in zip(batch, outcomes, strict=True):
                if item.future.done():  # the caller went away (cancelled); the write stands
                    continue
                if exception is not None:
                    item.future.set_exception(exception)
                else:
                    item.future.set_result(result)

    def _commit_batch(self, batch: list[_Operation | _Append]) -> list[Outcome]:
        """The whole batch in one transaction and one commit, on the event loop's thread:
        a batch of a few hundred messages takes a millisecond or two, while handing it to
        a thread cost several milliseconds of waiting for the GIL when the loop is busy."""
        db = self._writer
        assert db is not None
        outcomes: list[Outcome] = []
        touched: set[int] = set()
        try:
            db.execute("BEGIN IMMEDIATE")
            pending: list[NewMessage] = []
            for item in batch:
                if isinstance(item, _Append):
                    pending.append(item.message)
                    touched.add(item.message.conversation_id)
                    continue
                outcomes += self._append_all(db, pending)
                pending = []
                outcomes.append(self._run_isolated(db, item.run))
            outcomes += self._append_all(db, pending)
            if self._marker is not None:
                commits = self._lineage.commits + 1
                db.execute("UPDATE epoch SET commits = ?", (commits,))
            db.execute("COMMIT")
        except Exception:
            if db.in_transaction:
                db.execute("ROLLBACK")
            for conversation in touched:
                self._last_seq.pop(conversation, None)
            raise
        if self._marker is not None:
            self._note_commit()
        return outcomes

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

    @staticmethod
    def _run_isolated(db: sqlite3.Connection, run: Write) -> Outcome:
        """One operation inside a savepoint, so that its failure undoes only itself."""
        db.execute("SAVEPOINT operation")
        try:
            result = run(db)
        except (sqlite3.IntegrityError, DuplicateName, ProtocolError, LookupError) as error:
            db.execute("ROLLBACK TO operation")
            db.execute("RELEASE operation")
            return None, error
        db.execute("RELEASE operation")
        return result, None

    def _append_all(self, db: sqlite3.Connection, appends: list[NewMessage]) -> list[Outcome]:
        if not appends:
            return []
        conversations = {new.conversation_id for new in appends}
        self._load_last_seqs(db, conversations)
        seqs_before = {c: self._last_seq[c] for c in conversations}
        # Resends are rare: insert first, and look for stored copies only when the unique
        # index says that one of the ids is known already.
        db.execute("SAVEPOINT appends")
        try:
            outcomes, rows = self._number(appends, {})
            db.executemany(_INSERT_MESSAGE, rows)
            db.execute("RELEASE appends")
            return outcomes
        except sqlite3.IntegrityError:
            db.execute("ROLLBACK TO appends")
            db.execute("RELEASE appends")
            self._last_seq.update(seqs_before)
        outcomes, rows = self._number(appends, self._known_ids(db, appends))
        db.executemany(_INSERT_MESSAGE, rows)
        return outcomes

    def _number(
        self, appends: list[NewMessage], known: dict[MessageKey, KnownMessage]
    ) -> tuple[list[Outcome], list[tuple[Any, ...]]]:
        """Give each new message the next sequence number of its conversation; a known
        id is a duplicate or a conflict, as relay.core.resends decides. Returns the
        outcomes and the rows to insert."""
        rows: list[tuple[Any, ...]] = []
        outcomes: list[Outcome] = []
        for new in appends:
            key = (new.client_id, new.author.value, new.author_id)
            before = known.get(key)
            if before is not None:
                if is_resend(
                    new.author,
                    stored_in=before.message.conversation_id,
                    sent_text=before.sent_text,
                    sent_to=new.conversation_id,
                    text=new.text,
                ):
                    outcomes.append((Appended(before.message, duplicate=True), None))
                else:
                    conflict = ProtocolError(
                        ErrorCode.CONFLICT,
                        "this message id was used before for another message",
                        ref=new.client_id,
                    )
                    outcomes.append((None, conflict))
                continue
            seq = self._last_seq[new.conversation_id] + 1
            self._last_seq[new.conversation_id] = seq
            stored = StoredMessage(
                conversation_id=new.conversation_id,
                seq=seq,
                client_id=new.client_id,
                author=new.author,
                author_id=new.author_id,
                author_name=new.author_name,
                text=new.text,
                created_at=new.created_at,
                reply_to=new.reply_to,
                file=new.file,
            )
            known[key] = KnownMessage(stored, new.text)  # a second copy in this batch is too
            rows.append(
                (
                    stored.conversation_id,
                    stored.seq,
                    stored.client_id,
                    stored.author.value,
                    stored.author_id,
                    stored.author_name,
                    stored.text,
                    stored.created_at,
                    new.reply_to.seq if new.reply_to else None,
                    new.file.id if new.file else None,
                )
            )
            outcomes.append((Appended(stored, duplicate=False), None))
        return outcomes, rows

    @staticmethod
    def _known_ids(
        db: sqlite3.Connection, messages: list[NewMessage]
    ) -> dict[MessageKey, KnownMessage]:
        client_ids = sorted({m.client_id for m in messages})
        found: dict[MessageKey, KnownMessage] = {}
        for chunk in _chunks(client_ids):
            marks = ",".join("?" * len(chunk))
            query = f"{_SELECT_KNOWN_MESSAGES} WHERE m.client_id IN ({marks})"
            for row in db.execute(query, chunk):
                known = _known(row)
                stored = known.message
                found[(stored.client_id, stored.author.value, stored.author_id)] = known
        return found

    def _load_last_seqs(self, db: sqlite3.Connection, conversations: set[int]) -> None:
        missing = sorted(c for c in conversations if c not in self._last_seq)
        for chunk in _chunks(missing):
            marks = ",".join("?" * len(chunk))
            query = (
                "SELECT conversation_id, MAX(seq) FROM messages "
                f"WHERE conversation_id IN ({marks}) GROUP BY conversation_id"
            )
            highest = {row[0]: row[1] for row in db.execute(query, chunk)}
            for conversation in chunk:
                self._last_seq[conversation] = highest.get(conversation, 0)

    # ------------------------------------------------------------ reads

    async def _rows(self, query: str, parameters: Sequence[Any] = ()) -> list[Row]:
        if self._reader is None:
            raise StoreUnavailable("the store is not open")
        try:
            return list(await self._reader.execute_fetchall(query, parameters))
        except sqlite3.DatabaseError as error:
            raise StoreUnavailable(str(error)) from error

    async def _row(self, query: str, parameters: Sequence[Any] = ()) -> Row | None:
        rows = await self._rows(query, parameters)
        return rows[0] if rows else None

    # ------------------------------------------------------------ sites

    async def add_site(self, key: str, name: str, origins: Collection[str], now: float) -> Site:
        def run(db: sqlite3.Connection) -> Site:
            try:
                cursor = db.execute(
                    "INSERT INTO sites (key, name, origins, created_at) VALUES (?, ?, ?, ?)",
                    (key, name, json.dumps(sorted(origins)), now),
                )
            except sqlite3.IntegrityError:
                raise DuplicateName(f"a site with key {key!r} exists already") from None
            assert cursor.lastrowid is not None
            return Site(cursor.lastrowid, key, name, tuple(sorted(origins)), now, SiteSettings())

        return await self._write(run)

    async def set_site_origins(self, key: str, origins: Collection[str]) -> None:
        def run(db: sqlite3.Connection) -> None:
            db.execute(
                "UPDATE sites SET origins = ? WHERE key = ?", (json.dumps(sorted(origins)), key)
            )

        await self._write(run)

    async def set_site_settings(self, key: str, settings: SiteSettings) -> bool:
        def run(db: sqlite3.Connection) -> bool:
            cursor = db.execute(
                "UPDATE sites SET settings = ? WHERE key = ?",
                (msgspec.json.encode(settings).decode(), key),
            )
            return cursor.rowcount > 0

        return await self._write(run)

    async def get_site(self, key: str) -> Site | None:
        row = await self._row("SELECT * FROM sites WHERE key = ?", (key,))
        return _site(row) if row else None

    async def list_sites(self) -> list[Site]:
        return [_site(row) for row in await self._rows("SELECT * FROM sites ORDER BY id")]

    # ------------------------------------------------------------ agents and sessions

    async def add_agent(
        self, name: str, display_name: str, role: Role, password_hash: str, now: float
    ) -> Agent:
        def run(db: sqlite3.Connection) -> Agent:
            try:
                cursor = db.execute(
                    "INSERT INTO agents (name, display_name, role, password_hash, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (name, display_name, role, password_hash, now),
                )
            except sqlite3.IntegrityError:
                raise DuplicateName(f"an agent named {name!r} exists already") from None
            assert cursor.lastrowid is not None
            return Agent(cursor.lastrowid, name, display_name, role, password_hash, False, now)

        return await self._write(run)

    async def get_agent(self, name: str) -> Agent | None:
        row = await self._row("SELECT * FROM agents WHERE name = ?", (name,))
        return _agent(row) if row else None

    async def agent_by_id(self, agent_id: int) -> Agent | None:
        row = await self._row("SELECT * FROM agents WHERE id = ?", (agent_id,))
        return _agent(row) if row else None

    async def set_agent_profile(
        self, name: str, *, display_name: str | None, avatar_url: str | None
    ) -> bool:
        def run(db: sqlite3.Connection) -> bool:
            cursor = db.execute(
                "UPDATE agents SET display_name = COALESCE(?, display_name), "
                "avatar_url = COALESCE(?, avatar_url) WHERE name = ?",
                (display_name, avatar_url, name),
            )
            return cursor.rowcount > 0

        return await self._write(run)

    async def list_agents(self) -> list[Agent]:
        return [_agent(row) for row in await self._rows("SELECT * FROM agents ORDER BY name")]

    async def set_agent_disabled(self, name: str, disabled: bool) -> bool:
        def run(db: sqlite3.Connection) -> bool:
            cursor = db.execute(
                "UPDATE agents SET disabled = ? WHERE name = ?", (int(disabled), name)
            )
            if disabled:
                db.execute(
                    "UPDATE sessions SET revoked = 1 "
                    "WHERE agent_id = (SELECT id FROM agents WHERE name = ?)",
                    (name,),
                )
            return cursor.rowcount > 0

        return await self._write(run)

    async def set_agent_password(self, agent_id: int, password_hash: str) -> None:
        def run(db: sqlite3.Connection) -> None:
            db.execute(
                "UPDATE agents SET password_hash = ? WHERE id = ?", (password_hash, agent_id)
            )

        await self._write(run)

    async def create_session(
        self, agent_id: int, token_hash: str, expires_at: float, now: float
    ) -> None:
        def run(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT INTO sessions (token_hash, agent_id, created_at, expires_at) "
                "VALUES (?, ?, ?, ?)",
                (token_hash, agent_id, now, expires_at),
            )

        await self._write(run)

    async def session_agent(self, token_hash: str, now: float) -> tuple[Agent, float] | None:
        row = await self._row(
            "SELECT a.*, s.expires_at AS session_expires "
            "FROM sessions s JOIN agents a ON a.id = s.agent_id "
            "WHERE s.token_hash = ? AND s.revoked = 0 AND s.expires_at > ? AND a.disabled = 0",
            (token_hash, now),
        )
        return (_agent(row), row["session_expires"]) if row else None

    async def revoke_session(self, token_hash: str) -> None:
        def run(db: sqlite3.Connection) -> None:
            db.execute("UPDATE sessions SET revoked = 1 WHERE token_hash = ?", (token_hash,))

        await self._write(run)

    async def live_sessions(self, token_hashes: Collection[str], now: float) -> set[str]:
        live: set[str] = set()
        for chunk in _chunks(sorted(token_hashes)):
            marks = ",".join("?" * len(chunk))
            rows = await self._rows(
                "SELECT s.token_hash FROM sessions s JOIN agents a ON a.id = s.agent_id "
                f"WHERE s.token_hash IN ({marks}) AND s.revoked = 0 AND s.expires_at > ? "
                "AND a.disabled = 0",
                (*chunk, now),
            )
            live.update(row[0] for row in rows)
        return live

    # ------------------------------------------------------------ visitors and visits

    async def create_visitor(self, site_id: int, token_hash: str, now: float) -> Visitor:
        def run(db: sqlite3.Connection) -> Visitor:
            cursor = db.execute(
                "INSERT INTO visitors (site_id, token_hash, first_seen, last_seen) "
                "VALUES (?, ?, ?, ?)",
                (site_id, token_hash, now, now),
            )
            assert cursor.lastrowid is not None
            return Visitor(cursor.lastrowid, site_id, "", now, now, 0)

        return await self._write(run)

    async def visitor_by_token(self, site_id: int, token_hash: str) -> Visitor | None:
        row = await self._row(
            "SELECT v.*, (SELECT COUNT(*) FROM visits WHERE visitor_id = v.id) AS visits, "
            "(SELECT COUNT(*) FROM conversations WHERE visitor_id = v.id) AS conversations "
            "FROM visitors v WHERE v.token_hash = ? AND v.site_id = ?",
            (token_hash, site_id),
        )
        if row is None:
            return None
        return Visitor(
            row["id"],
            row["site_id"],
            row["name"],
            row["first_seen"],
            row["last_seen"],
            row["visits"],
            row["email"],
            row["phone"],
            row["conversations"],
        )

    async def set_visitor_profile(self, visitor_id: int, name: str, email: str, phone: str) -> None:
        def run(db: sqlite3.Connection) -> None:
            db.execute(
                "UPDATE visitors SET name = COALESCE(NULLIF(?, ''), name), "
                "email = COALESCE(NULLIF(?, ''), email), phone = COALESCE(NULLIF(?, ''), phone) "
                "WHERE id = ?",
                (name, email, phone, visitor_id),
            )

        await self._write(run)

    async def visitor_contact(self, visitor_id: int) -> VisitorContact | None:
        row = await self._row("SELECT name, email, phone FROM visitors WHERE id = ?", (visitor_id,))
        return contact_of(row[0], row[1], row[2]) if row else None

    async def begin_visit(
        self,
        visitor_id: int,
        now: float,
        new_after: float,
        ip: str,
        user_agent: str,
        landing: PageInfo | None = None,
        source: Arrival | None = None,
    ) -> Visit:
        def run(db: sqlite3.Connection) -> Visit:
            db.execute("UPDATE visitors SET last_seen = ? WHERE id = ?", (now, visitor_id))
            last = db.execute(
                "SELECT * FROM visits WHERE visitor_id = ? ORDER BY started_at DESC LIMIT 1",
                (visitor_id,),
            ).fetchone()
            if last is not None and continues_visit(last["last_activity"], now, new_after):
                db.execute("UPDATE visits SET last_activity = ? WHERE id = ?", (now, last["id"]))
                return _visit(last)
            number = 1 if last is None else last["number"] + 1
            first = landing or PageInfo(url="")
            came = source or Arrival(Source.DIRECT)
            cursor = db.execute(
                "INSERT INTO visits (visitor_id, number, started_at, last_activity, ip, "
                "user_agent, landing_url, landing_title, referrer, source, source_name, keyword) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    visitor_id,
                    number,
                    now,
                    now,
                    ip,
                    user_agent,
                    first.url,
                    first.title,
                    first.referrer,
                    came.source.value,
                    came.name,
                    came.keyword,
                ),
            )
            assert cursor.lastrowid is not None
            return _visit(
                db.execute("SELECT * FROM visits WHERE id = ?", (cursor.lastrowid,)).fetchone()
            )

        return await self._write(run)

    async def record_page_view(self, visit_id: int, page: PageInfo, now: float) -> int:
        def run(db: sqlite3.Connection) -> int:
            db.execute(
                "UPDATE page_views SET left_at = ? WHERE visit_id = ? AND left_at IS NULL",
                (now, visit_id),
            )
            cursor = db.execute(
                "INSERT INTO page_views (visit_id, url, title, referrer, entered_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (visit_id, page.url, page.title, page.referrer, now),
            )
            db.execute("UPDATE visits SET last_activity = ? WHERE id = ?", (now, visit_id))
            assert cursor.lastrowid is not None
            return cursor.lastrowid

        return await self._write(run)

    async def newest_page_view(self, visit_id: int) -> NewestPageView | None:
        # Newest by id: the view recorded last, whatever the clock said when it was.
        row = await self._row(
            "SELECT id, url, left_at FROM page_views WHERE visit_id = ? ORDER BY id DESC LIMIT 1",
            (visit_id,),
        )
        return NewestPageView(row[0], row[1], row[2]) if row else None

    async def reopen_page_view(self, visit_id: int, view: NewestPageView, now: float) -> bool:
        def run(db: sqlite3.Connection) -> bool:
            # Compare and set: only while the view is as the caller saw it (closed at the
            # same moment, or open) and no later view of the visit was recorded meanwhile.
            cursor = db.execute(
                "UPDATE page_views SET left_at = NULL WHERE id = ? AND visit_id = ? "
                "AND left_at IS ? AND NOT EXISTS "
                "(SELECT 1 FROM page_views WHERE visit_id = ? AND id > ?)",
                (view.id, visit_id, view.left_at, visit_id, view.id),
            )
            if cursor.rowcount != 1:
                return False
            db.execute("UPDATE visits SET last_activity = ? WHERE id = ?", (now, visit_id))
            return True

        return await self._write(run)

    async def end_page_view(self, visit_id: int, view_id: int | None, now: float) -> None:
        def run(db: sqlite3.Connection) -> None:
            if view_id is not None:
                db.execute(
                    "UPDATE page_views SET left_at = ? WHERE id = ? AND left_at IS NULL",
                    (now, view_id),
                )
            db.execute("UPDATE visits SET last_activity = ? WHERE id = ?", (now, visit_id))

        await self._write(run)

    async def touch_visits(self, visit_ids: Collection[int], now: float) -> None:
        def run(db: sqlite3.Connection) -> None:
            for chunk in _chunks(sorted(visit_ids), _SQL_VARIABLES - 1):
                marks = ", ".join("?" * len(chunk))
                # MAX: a late note never moves a visit's activity back in time.
                db.execute(
                    "UPDATE visits SET last_activity = MAX(last_activity, ?) "
                    f"WHERE id IN ({marks})",
                    (now, *chunk),
                )

        if visit_ids:
            await self._write(run)

    async def visitor_history(
        self, visitor_id: int, limit: int = 20
    ) -> tuple[list[PageVisit], list[VisitSummary], list[Conversation]]:
        visits = await self._rows(
            "SELECT v.*, (SELECT COUNT(*) FROM page_views p WHERE p.visit_id = v.id) AS pages "
            "FROM visits v WHERE v.visitor_id = ? ORDER BY v.started_at DESC LIMIT ?",
            (visitor_id, limit),
        )
        path: list[PageVisit] = []
        if visits:
            pages = await self._rows(
                "SELECT url, title, entered_at, left_at FROM page_views "
                "WHERE visit_id = ? ORDER BY entered_at, id",
                (visits[0]["id"],),
            )
            path = [PageVisit(url=r[0], title=r[1], entered_at=r[2], left_at=r[3]) for r in pages]
        summaries = [
            VisitSummary(
                number=r["number"],
                started_at=r["started_at"],
                pages=r["pages"],
                source=r["source"],
                source_name=r["source_name"],
                keyword=r["keyword"],
            )
            for r in visits
        ]
        conversations = await self._rows(
            f"{_SELECT_CONVERSATIONS}WHERE c.visitor_id = ? ORDER BY c.created_at DESC LIMIT ?",
            (visitor_id, limit),
        )
        return path, summaries, [_conversation(r) for r in conversations]

    # ------------------------------------------------------------ conversations

    async def open_conversation(
        self,
        site_id: int,
        visitor_id: int,
        now: float,
        *,
        offline: bool = False,
        page: PageInfo | None = None,
    ) -> Conversation:
        def run(db: sqlite3.Connection) -> int:
            row = db.execute(
                "SELECT id FROM conversations WHERE visitor_id = ? AND status != 'closed'",
                (visitor_id,),
            ).fetchone()
            if row is not None:
                return int(row[0])
            cursor = db.execute(
                "INSERT INTO conversations (site_id, visitor_id, status, created_at, offline, "
                "started_url, started_title) VALUES (?, ?, 'waiting', ?, ?, ?, ?)",
                (
                    *(site_id, visitor_id, now, int(offline)),
                    *((page.url, page.title) if page else ("", "")),
                ),
            )
            assert cursor.lastrowid is not None
            self._last_seq[cursor.lastrowid] = 0
            return cursor.lastrowid

        conversation = await self.get_conversation(await self._write(run))
        assert conversation is not None
        return conversation

    async def current_conversation(self, visitor_id: int) -> Conversation | None:
        row = await self._row(
            f"{_SELECT_CONVERSATIONS}WHERE c.visitor_id = ? AND c.status != 'closed'",
            (visitor_id,),
        )
        return _conversation(row) if row else None

    async def get_conversation(self, conversation_id: int) -> Conversation | None:
        row = await self._row(
            f"{_SELECT_CONVERSATIONS}WHERE c.id = ?",
            (conversation_id,),
        )
        return _conversation(row) if row else None

    async def unclosed_conversations(self) -> list[Conversation]:
        rows = await self._rows(f"{_SELECT_CONVERSATIONS}WHERE c.status != 'closed' ORDER BY c.id")
        return [_conversation(row) for row in rows]

    async def assign_conversation(self, conversation_id: int, agent_id: int) -> Conversation | None:
        def run(db: sqlite3.Connection) -> int:
            cursor = db.execute(
                "UPDATE conversations SET agent_id = ?, status = 'active' "
                "WHERE id = ? AND status != 'closed'",
                (agent_id, conversation_id),
            )
            return cursor.rowcount

        if not await self._write(run):
            return None
        return await self.get_conversation(conversation_id)

    async def close_conversation(self, conversation_id: int, now: float) -> Conversation | None:
        def run(db: sqlite3.Connection) -> int:
            cursor = db.execute(
                "UPDATE conversations SET status = 'closed', closed_at = ? "
                "WHERE id = ? AND status != 'closed'",
                (now, conversation_id),
            )
            return cursor.rowcount

        if not await self._write(run):
            return None
        return await self.get_conversation(conversation_id)

    async def mark_read(
        self, conversation_id: int, reader: AuthorKind, seq: int, *, visitor_id: int | None
    ) -> ReadMark | None:
        column = _READ_COLUMNS[reader]

        # One operation in the writer's batch: the check and the move share the batch's
        # commit with whatever else is queued, so a read costs no commit of its own.
        def run(db: sqlite3.Connection) -> ReadMark | None:
            row = db.execute(
                f"SELECT c.visitor_id, c.{column}, "
                "(SELECT COALESCE(MAX(seq), 0) FROM messages m WHERE m.conversation_id = c.id) "
                "FROM conversations c WHERE c.id = ?",
                (conversation_id,),
            ).fetchone()
            if row is None or (visitor_id is not None and row[0] != visitor_id):
                return None
            owner, stored, last_seq = row[0], row[1], row[2]
            wanted = min(seq, last_seq)  # nobody has read what was not sent
            if wanted <= stored:
                return ReadMark(conversation_id, owner, stored, advanced=False)
            db.execute(
                f"UPDATE conversations SET {column} = ? WHERE id = ?", (wanted, conversation_id)
            )
            return ReadMark(conversation_id, owner, wanted, advanced=True)

        result: ReadMark | None = await self._write(run)
        return result

    # ------------------------------------------------------------ messages

    async def find_message(
        self, author: AuthorKind, author_id: int, client_id: str
    ) -> KnownMessage | None:
        row = await self._row(
            f"{_SELECT_KNOWN_MESSAGES} WHERE m.client_id = ? AND m.author = ? AND m.author_id = ?",
            (client_id, author.value, author_id),
        )
        return _known(row) if row else None

    async def get_message(self, conversation_id: int, seq: int) -> StoredMessage | None:
        row = await self._row(
            f"{_SELECT_MESSAGES} WHERE m.conversation_id = ? AND m.seq = ?",
            (conversation_id, seq),
        )
        return _message(row) if row else None

    async def last_messages(self, conversation_ids: Collection[int]) -> dict[int, StoredMessage]:
        found: dict[int, StoredMessage] = {}
        for chunk in _chunks(sorted(set(conversation_ids))):
            marks = ", ".join("?" * len(chunk))
            # Each conversation's MAX(seq) comes off messages_by_seq; the row values then
            # find those messages (and what they quote) by the same index.
            rows = await self._rows(
                f"{_SELECT_MESSAGES} WHERE (m.conversation_id, m.seq) IN ("
                "SELECT conversation_id, MAX(seq) FROM messages "
                f"WHERE conversation_id IN ({marks}) GROUP BY conversation_id)",
                chunk,
            )
            for row in rows:
                message = _message(row)
                found[message.conversation_id] = message
        return found

    async def messages_after(
        self, conversation_id: int, after_seq: int, limit: int
    ) -> list[StoredMessage]:
        rows = await self._rows(
            f"{_SELECT_MESSAGES} WHERE m.conversation_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?",
            (conversation_id, after_seq, limit),
        )
        return [_message(row) for row in rows]

    async def withdraw_message(
        self, conversation_id: int, seq: int, agent: Agent, now: float
    ) -> Withdrawal:
        """Take back an agent's own message: its text and file are removed from the
        transcript and kept in the audit table. Raises ProtocolError when it is not the
        agent's message or was withdrawn already."""

        def run(db: sqlite3.Connection) -> Withdrawal:
            row = db.execute(
                f"{_SELECT_MESSAGES} WHERE m.conversation_id = ? AND m.seq = ?",
                (conversation_id, seq),
            ).fetchone()
            if row is None:
                raise ProtocolError(ErrorCode.NOT_FOUND, "no such message")
            message = _message(row)
            if message.author is not AuthorKind.AGENT or message.author_id != agent.id:
                raise ProtocolError(ErrorCode.FORBIDDEN, "only your own messages can be withdrawn")
            if message.withdrawn:
                raise ProtocolError(ErrorCode.CONFLICT, "this message was withdrawn already")
            withdrawal = Withdrawal(
                conversation_id=conversation_id,
                seq=seq,
                agent_id=agent.id,
                agent_name=agent.display_name,
                text=message.text,
                file_name=message.file.name if message.file else "",
                sent_at=message.created_at,
                withdrawn_at=now,
            )
            db.execute(
                "INSERT INTO withdrawals (conversation_id, seq, agent_id, agent_name, text, "
                "file_name, sent_at, withdrawn_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                astuple(withdrawal),
            )
            db.execute(
                "UPDATE messages SET text = '', file_id = NULL, withdrawn_at = ? "
                "WHERE conversation_id = ? AND seq = ?",
                (now, conversation_id, seq),
            )
            return withdrawal

        result: Withdrawal = await self._write(run)
        return result

    # ------------------------------------------------------------ files

    async def add_file(self, file: StoredFile) -> None:
        def run(db: sqlite3.Connection) -> None:
            db.execute(
                f"INSERT INTO files ({_FILE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    file.id,
                    file.name,
                    file.size,
                    file.content_type,
                    file.uploader.value,
                    file.uploader_id,
                    file.created_at,
                ),
            )

        await self._write(run)

    async def get_file(self, file_id: str) -> StoredFile | None:
        row = await self._row(f"SELECT {_FILE_COLUMNS} FROM files WHERE id = ?", (file_id,))
        return _file(row) if row else None

    async def forget_unsent_files(self, before: float) -> list[str]:
        """Delete the records of files uploaded before `before` that no message and no
        phrase carries (uploaded and never sent, or withdrawn); returns their ids."""

        def run(db: sqlite3.Connection) -> list[str]:
            ids = [
                row[0]
                for row in db.execute(
                    "SELECT id FROM files f WHERE created_at < ? "
                    "AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.file_id = f.id) "
                    "AND NOT EXISTS (SELECT 1 FROM phrases p WHERE p.file_id = f.id)",
                    (before,),
                )
            ]
            db.executemany("DELETE FROM files WHERE id = ?", [(i,) for i in ids])
            return ids

        result: list[str] = await self._write(run)
        return result

    async def file_visitors(self, file_id: str) -> set[int]:
        """The visitors of the conversations in which the file was sent (not withdrawn)."""
        rows = await self._rows(
            "SELECT DISTINCT c.visitor_id FROM messages m "
            "JOIN conversations c ON c.id = m.conversation_id WHERE m.file_id = ?",
            (file_id,),
        )
        return {row[0] for row in rows}

    # ------------------------------------------------------------ canned phrases

    async def phrases_for(self, agent_id: int) -> list[Phrase]:
        """The shared phrases and the agent's own."""
        rows = await self._rows(
            f"{_SELECT_PHRASES} WHERE p.owner_id IS NULL OR p.owner_id = ? ORDER BY p.id",
            (agent_id,),
        )
        return [_phrase(row) for row in rows]

    async def phrase_owner(self, phrase_id: int) -> tuple[int | None] | None:
        """(owner id or None when shared), or None when there is no such phrase."""
        row = await self._row("SELECT owner_id FROM phrases WHERE id = ?", (phrase_id,))
        return None if row is None else (row[0],)

    async def save_phrase(
        self, phrase_id: int | None, draft: PhraseDraft, owner_id: int | None, now: float
    ) -> Phrase:
        def run(db: sqlite3.Connection) -> int:
            if draft.shortcut:
                clash = db.execute(
                    "SELECT id FROM phrases WHERE shortcut = ? AND owner_id IS ? AND id IS NOT ?",
                    (draft.shortcut, owner_id, phrase_id),
                ).fetchone()
                if clash is not None:
                    raise ProtocolError(
                        ErrorCode.CONFLICT, f"the shortcut /{draft.shortcut} is taken"
                    )
            values = (
                owner_id,
                draft.category,
                draft.title,
                draft.shortcut,
                draft.text,
                draft.kind.value,
                draft.url,
                draft.file,
                now,
            )
            if phrase_id is None:
                inserted = db.execute(
                    "INSERT INTO phrases (owner_id, category, title, shortcut, text, kind, "
                    "url, file_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values,
                )
                return inserted.lastrowid or 0
            db.execute(
                "UPDATE phrases SET owner_id = ?, category = ?, title = ?, shortcut = ?, "
                "text = ?, kind = ?, url = ?, file_id = ?, updated_at = ? WHERE id = ?",
                (*values, phrase_id),
            )
            return phrase_id

        saved_id: int = await self._write(run)
        row = await self._row(f"{_SELECT_PHRASES} WHERE p.id = ?", (saved_id,))
        assert row is not None
        return _phrase(row)

    async def delete_phrase(self, phrase_id: int) -> None:
        def run(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM phrases WHERE id = ?", (phrase_id,))

        await self._write(run)

    async def withdrawals(self, conversation_id: int | None = None) -> list[Withdrawal]:
        where, parameters = "", []
        if conversation_id is not None:
            where, parameters = "WHERE conversation_id = ?", [conversation_id]
        rows = await self._rows(
            "SELECT conversation_id, seq, agent_id, agent_name, text, file_name, sent_at, "
            f"withdrawn_at FROM withdrawals {where} ORDER BY withdrawn_at",
            parameters,
        )
        return [Withdrawal(*row) for row in rows]
