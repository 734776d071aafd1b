"""The local transcript cache: conversations, messages (searchable) and unsent replies.

A copy of what the relay holds, kept so the app shows transcripts at once at start and
while offline, and knows from which sequence number to resume. The relay stays the
authority: whatever it sends replaces what is cached. One SQLite file per relay and
agent, in the platform's user data directory.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

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

    async def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = await aiosqlite.connect(self.path)
        db.row_factory = sqlite3.Row
        await db.execute("PRAGMA journal_mode=WAL")
        await db.executescript(_SCHEMA)
        async with db.execute("PRAGMA user_version") as cursor:
            version = (await cursor.fetchone() or (0,))[0]
        if version < 1:
            for statement in _EXTRA_COLUMNS:
                await db.execute(statement)
            await db.execute("PRAGMA user_version = 1")
        await db.commit()
        self._db = db

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise RuntimeError("the transcript cache is not open")
        return self._db

    # ------------------------------------------------------------ conversations

    async def save_conversations(self, conversations: Iterable[frames.ConversationInfo]) -> None:
        await self.db.executemany(
            "INSERT INTO conversations (id, info) VALUES (?, ?) "
            "ON CONFLICT(id) DO UPDATE SET info = excluded.info",
            [(c.id, msgspec.msgpack.encode(c)) for c in conversations],
        )
        await self.db.commit()

    async def conversations(self) -> list[frames.ConversationInfo]:
        rows = await self.db.execute_fetchall("SELECT info FROM conversations ORDER BY id")
        return [msgspec.msgpack.decode(row[0], type=frames.ConversationInfo) for row in rows]

    # ------------------------------------------------------------ messages

    async def save_messages(self, messages: Iterable[frames.ChatMessage]) -> None:
        await self.db.executemany(
            "INSERT OR IGNORE INTO messages (conversation, seq, client_id, author, author_id, "
            "author_name, text, ts, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
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
            ],
        )
        await self.db.commit()

    async def messages(self, conversation: int) -> list[frames.ChatMessage]:
        rows = await self.db.execute_fetchall(
            "SELECT * FROM messages WHERE conversation = ? ORDER BY seq", (conversation,)
        )
        return [_message(row) for row in rows]

    async def withdraw(self, conversation: int, seq: int) -> None:
        """The message was withdrawn: forget its text (search too) and any file."""
        rows = list(
            await self.db.execute_fetchall(
                "SELECT rowid, * FROM messages WHERE conversation = ? AND seq = ?",
                (conversation, seq),
            )
        )
        if not rows:
            return
        row = rows[0]
        gone = msgspec.structs.replace(_message(row), text="", file=None, withdrawn=True)
        await self.db.execute(
            "INSERT INTO messages_search(messages_search, rowid, text) VALUES ('delete', ?, ?)",
            (row["rowid"], row["text"]),
        )
        await self.db.execute(
            "UPDATE messages SET text = '', extra = ? WHERE conversation = ? AND seq = ?",
            (msgspec.msgpack.encode(gone), conversation, seq),
        )
        await self.db.commit()

    async def last_seqs(self) -> dict[int, int]:
        """Per conversation, the highest sequence number held with no gap before it."""
        rows = await self.db.execute_fetchall(
            "SELECT conversation, seq FROM messages ORDER BY conversation, seq"
        )
        held: dict[int, int] = {}
        for conversation, seq in rows:
            if seq == held.get(conversation, 0) + 1:
                held[conversation] = seq
        return held

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
            phrase = '"' + words.replace('"', '""') + '"'
            rows = await self.db.execute_fetchall(query, (phrase, limit))
        else:
            pattern = (
                "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            )
            rows = await self.db.execute_fetchall(
                "SELECT * FROM messages WHERE text LIKE ? ESCAPE '\\' ORDER BY ts DESC LIMIT ?",
                (pattern, limit),
            )
        return [_message(row) for row in rows]

    # ------------------------------------------------------------ unsent replies

    async def add_unsent(self, message: frames.AgentSend) -> None:
        await self.db.execute(
            "INSERT OR IGNORE INTO outbox (id, conversation, text, extra, position) "
            "VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM outbox))",
            (message.id, message.conversation, message.text, msgspec.msgpack.encode(message)),
        )
        await self.db.commit()

    async def remove_unsent(self, message_id: str) -> None:
        await self.db.execute("DELETE FROM outbox WHERE id = ?", (message_id,))
        await self.db.commit()

    async def unsent(self) -> list[frames.AgentSend]:
        rows = await self.db.execute_fetchall(
            "SELECT id, conversation, text, extra FROM outbox ORDER BY position"
        )
        return [
            msgspec.msgpack.decode(r[3], type=frames.AgentSend)
            if r[3] is not None
            else frames.AgentSend(id=r[0], conversation=r[1], text=r[2])
            for r in rows
        ]
