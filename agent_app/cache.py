"""The local transcript cache: conversations, messages (searchable) and unsent replies.

A copy of what the relay holds, kept so the app shows transcripts at once at start and
while offline, and knows from which sequence number to resume. The relay stays the
authority: whatever it sends replaces what is cached. One SQLite file per relay and
agent, in the platform's user data directory. It also keeps the relay's epoch of what it
holds: when the relay's database was restored or copied (a new epoch), conversations and
messages are dropped together, so that the two histories never mix.

Every call is queued and runs in the order it was made, one at a time (a read sees every
write asked for before it). Messages saved by consecutive calls are written together in
one transaction: a fresh login fetches thousands, and a commit each (with a task each)
kept the app's thread busy for seconds.
"""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite
import msgspec

from shared_protocol import frames

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id INTEGER PRIMARY KEY,
    info BLOB NOT NULL              -- ConversationInfo, MessagePack
);
CREATE TABLE IF NOT EXISTS messages (
    conversation INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    client_id TEXT NOT NULL,
    author TEXT NOT NULL,
    author_id INTEGER NOT NULL,
    author_name TEXT NOT NULL,
    text TEXT NOT NULL,
    ts REAL NOT NULL,
    PRIMARY KEY (conversation, seq)
);
CREATE VIRTUAL TABLE IF NOT EXISTS messages_search USING fts5(
    text, content='messages', content_rowid='rowid', tokenize='trigram'
);
CREATE TRIGGER IF NOT EXISTS messages_indexed AFTER INSERT ON messages BEGIN
    INSERT INTO messages_search(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TABLE IF NOT EXISTS relay (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    epoch TEXT NOT NULL             -- the relay's epoch of the cached transcripts
);
CREATE TABLE IF NOT EXISTS outbox (
    id TEXT PRIMARY KEY,
    conversation INTEGER NOT NULL,
    text TEXT NOT NULL,
    position INTEGER NOT NULL
);
"""
# Added later: the whole ChatMessage / AgentSend as MessagePack, for fields the columns lack
# (a quote, a file, withdrawn). Caches made before have the column added at open().
_EXTRA_COLUMNS = (
    "ALTER TABLE messages ADD COLUMN extra BLOB",
    "ALTER TABLE outbox ADD COLUMN extra BLOB",
)


T = TypeVar("T")

_SAVE_MESSAGES = (
    "INSERT OR IGNORE INTO messages (conversation, seq, client_id, author, author_id, "
    "author_name, text, ts, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass
class _Call:
    """One queued call: some work, or (work None) messages to save, and its outcome."""

    work: Callable[[aiosqlite.Connection], Awaitable[Any]] | None
    messages: list[frames.ChatMessage]
    done: asyncio.Future[Any]


def cache_path(data_dir: Path, relay_url: str, user: str) -> Path:
    """One file per relay and agent, named so that neither is readable from the name."""
    digest = hashlib.sha256(f"{relay_url}\n{user}".encode()).hexdigest()[:16]
    return data_dir / f"transcripts-{digest}.sqlite"


def _message(row: sqlite3.Row) -> frames.ChatMessage:
    if row["extra"] is not None:
        return msgspec.msgpack.decode(row["extra"], type=frames.ChatMessage)
    return frames.ChatMessage(
        conversation=row["conversation"],
        seq=row["seq"],
        id=row["client_id"],
        author=frames.AuthorKind(row["author"]),
        author_id=row["author_id"],
        author_name=row["author_name"],
        text=row["text"],
        ts=row["ts"],
    )


class TranscriptCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: aiosqlite.Connection | None = None
        self._calls: deque[_Call] = deque()
        self._worker: asyncio.Task[None] | None = None

    async def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = await aiosqlite.connect(self.path)
        db.row_factory = sqlite3.Row
        async with db.execute("PRAGMA journal_mode=WAL"):
            pass
        async with db.executescript(_SCHEMA):
            pass
        async with db.execute("PRAGMA user_version") as cursor:
            version = (await cursor.fetchone() or (0,))[0]
        if version < 1:
            for statement in (*_EXTRA_COLUMNS, "PRAGMA user_version = 1"):
                async with db.execute(statement):
                    pass
        await db.commit()
        self._db = db

    async def close(self) -> None:
        if self._worker is not None:
            await asyncio.shield(self._worker)  # what was asked before closing is done
        if self._db is not None:
            await self._db.close()
            self._db = None

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise RuntimeError("the transcript cache is not open")
        return self._db

    # ------------------------------------------------------------ the queue

    async def _call(self, work: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        done: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._calls.append(_Call(work, [], done))
        self._start()
        return await asyncio.shield(done)  # a caller that gives up does not stop the work

    def _start(self) -> None:
        if self._worker is None:
            self._worker = asyncio.ensure_future(self._work())

    async def _work(self) -> None:
        try:
            while self._calls:
                call = self._calls.popleft()
                try:
                    result: Any = None
                    if call.work is None:
                        await self._insert(self.db, call.messages)
                    else:
                        result = await call.work(self.db)
                except Exception as error:
                    call.done.set_exception(error)
                else:
                    call.done.set_result(result)
        finally:
            self._worker = None

    @staticmethod
    async def _insert(db: aiosqlite.Connection, messages: list[frames.ChatMessage]) -> None:
        # Cursors are closed by aiosqlite's thread (async with): one released on this
        # thread resets a shared statement that the other may be using (SQLITE_MISUSE).
        rows = [
            (
                m.conversation,
                m.seq,
                m.id,
                m.author.value,
                m.author_id,
                m.author_name,
                m.text,
                m.ts,
                msgspec.msgpack.encode(m),
            )
            for m in messages
        ]
        async with db.executemany(_SAVE_MESSAGES, rows):
            pass
        await db.commit()

    # ------------------------------------------------------------ conversations

    async def save_conversations(self, conversations: Iterable[frames.ConversationInfo]) -> None:
        rows = [(c.id, msgspec.msgpack.encode(c)) for c in conversations]

        async def work(db: aiosqlite.Connection) -> None:
            query = (
                "INSERT INTO conversations (id, info) VALUES (?, ?) "
                "ON CONFLICT(id) DO UPDATE SET info = excluded.info"
            )
            async with db.executemany(query, rows):
                pass
            await db.commit()

        await self._call(work)

    async def conversations(self) -> list[frames.ConversationInfo]:
        async def work(db: aiosqlite.Connection) -> list[frames.ConversationInfo]:
            rows = await db.execute_fetchall("SELECT info FROM conversations ORDER BY id")
            return [msgspec.msgpack.decode(row[0], type=frames.ConversationInfo) for row in rows]

        return await self._call(work)

    # ------------------------------------------------------------ messages

    async def save_messages(self, messages: Iterable[frames.ChatMessage]) -> None:
        """Kept once per (conversation, seq); saved with the calls queued next to it."""
        batch = list(messages)
        last = self._calls[-1] if self._calls else None
        if last is not None and last.work is None:  # queued, not begun: join it
            last.messages += batch
            await asyncio.shield(last.done)
            return
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._calls.append(_Call(None, batch, done))
        self._start()
        await asyncio.shield(done)

    async def messages(self, conversation: int) -> list[frames.ChatMessage]:
        async def work(db: aiosqlite.Connection) -> list[frames.ChatMessage]:
            rows = await db.execute_fetchall(
                "SELECT * FROM messages WHERE conversation = ? ORDER BY seq", (conversation,)
            )
            return [_message(row) for row in rows]

        return await self._call(work)

    async def withdraw(self, conversation: int, seq: int) -> None:
        """The message was withdrawn: forget its text (search too) and any file."""

        async def work(db: aiosqlite.Connection) -> None:
            rows = list(
                await db.execute_fetchall(
                    "SELECT rowid, * FROM messages WHERE conversation = ? AND seq = ?",
                    (conversation, seq),
                )
            )
            if not rows:
                return
            row = rows[0]
            gone = msgspec.structs.replace(_message(row), text="", file=None, withdrawn=True)
            async with db.execute(
                "INSERT INTO messages_search(messages_search, rowid, text) VALUES ('delete', ?, ?)",
                (row["rowid"], row["text"]),
            ):
                pass
            async with db.execute(
                "UPDATE messages SET text = '', extra = ? WHERE conversation = ? AND seq = ?",
                (msgspec.msgpack.encode(gone), conversation, seq),
            ):
                pass
            await db.commit()

        await self._call(work)

    async def last_seqs(self) -> dict[int, int]:
        """Per conversation, the highest sequence number held with no gap before it."""

        async def work(db: aiosqlite.Connection) -> dict[int, int]:
            rows = await db.execute_fetchall(
                "SELECT conversation, seq FROM messages ORDER BY conversation, seq"
            )
            held: dict[int, int] = {}
            for conversation, seq in rows:
                if seq == held.get(conversation, 0) + 1:
                    held[conversation] = seq
            return held

        return await self._call(work)

    async def search(self, words: str, limit: int = 200) -> list[frames.ChatMessage]:
        """Messages containing `words` (any language: trigram index; shorter words scan)."""
        words = words.strip()
        if not words:
            return []
        if len(words) >= 3:
            query = (
                "SELECT m.* FROM messages_search s JOIN messages m ON m.rowid = s.rowid "
                "WHERE messages_search MATCH ? ORDER BY m.ts DESC LIMIT ?"
            )
            parameters: tuple[str, int] = ('"' + words.replace('"', '""') + '"', limit)
        else:
            query = "SELECT * FROM messages WHERE text LIKE ? ESCAPE '\\' ORDER BY ts DESC LIMIT ?"
            pattern = (
                "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            )
            parameters = (pattern, limit)

        async def work(db: aiosqlite.Connection) -> list[frames.ChatMessage]:
            return [_message(row) for row in await db.execute_fetchall(query, parameters)]

        return await self._call(work)

    # ------------------------------------------------------------ the relay's epoch

    async def epoch(self) -> str:
        """The relay's epoch of the cached transcripts; "" when not known yet."""

        async def work(db: aiosqlite.Connection) -> str:
            rows = list(await db.execute_fetchall("SELECT epoch FROM relay"))
            return str(rows[0][0]) if rows else ""

        return await self._call(work)

    async def set_epoch(self, epoch: str, *, forget: bool) -> None:
        """Note the epoch of what is cached; with `forget`, what is cached belongs to
        another one: its conversations and messages (search included) go first, in the
        same transaction. Unsent replies stay: they are the agent's, not the relay's."""

        async def work(db: aiosqlite.Connection) -> None:
            statements = [
                # The search index keeps its own copy of the texts (external content).
                "INSERT INTO messages_search(messages_search) VALUES ('delete-all')",
                "DELETE FROM messages",
                "DELETE FROM conversations",
            ]
            for statement in statements if forget else []:
                async with db.execute(statement):
                    pass
            async with db.execute(
                "INSERT INTO relay (id, epoch) VALUES (1, ?) "
                "ON CONFLICT(id) DO UPDATE SET epoch = excluded.epoch",
                (epoch,),
            ):
                pass
            await db.commit()

        await self._call(work)

    # ------------------------------------------------------------ unsent replies

    async def add_unsent(self, message: frames.AgentSend | frames.Note) -> None:
        async def work(db: aiosqlite.Connection) -> None:
            async with db.execute(
                "INSERT OR IGNORE INTO outbox (id, conversation, text, extra, position) "
                "VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM outbox))",
                (message.id, message.conversation, message.text, msgspec.msgpack.encode(message)),
            ):
                pass
            await db.commit()

        await self._call(work)

    async def remove_unsent(self, message_id: str) -> None:
        async def work(db: aiosqlite.Connection) -> None:
            async with db.execute("DELETE FROM outbox WHERE id = ?", (message_id,)):
                pass
            await db.commit()

        await self._call(work)

    async def unsent(self) -> list[frames.AgentSend | frames.Note]:
        async def work(db: aiosqlite.Connection) -> list[frames.AgentSend | frames.Note]:
            rows = await db.execute_fetchall(
                "SELECT id, conversation, text, extra FROM outbox ORDER BY position"
            )
            return [
                msgspec.msgpack.decode(r[3], type=frames.AgentSend | frames.Note)
                if r[3] is not None
                else frames.AgentSend(id=r[0], conversation=r[1], text=r[2])
                for r in rows
            ]

        return await self._call(work)
