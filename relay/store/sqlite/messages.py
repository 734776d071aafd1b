"""Messages on SQLite: queued for the group commit (numbered in relay/store/sqlite/
appends.py), read back by sequence number, and withdrawn with an audit record."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Collection, Mapping
from dataclasses import astuple

from relay.store.changes import withdrawal_of
from relay.store.errors import NoSuchMessage
from relay.store.records import Agent, Appended, KnownMessage, NewMessage, StoredMessage, Withdrawal
from relay.store.rows import PUBLIC_ONLY, SELECT_KNOWN_MESSAGES, SELECT_MESSAGES, known, message
from relay.store.sqlite.appends import append_messages
from relay.store.sqlite.database import chunks
from relay.store.sqlite.repository import Repository
from shared_protocol.frames import AuthorKind


class SqliteMessages(Repository):
    def queue_message(self, message: NewMessage) -> asyncio.Future[Appended]:
        appended: asyncio.Future[Appended] = self._db.queue(message, append_messages)
        return appended

    async def append_message(self, message: NewMessage) -> Appended:
        return await self.queue_message(message)

    async def find_message(
        self, author: AuthorKind, author_id: int, client_id: str
    ) -> KnownMessage | None:
        row = await self._db.row(
            f"{SELECT_KNOWN_MESSAGES} WHERE m.client_id = ? AND m.author = ? AND m.author_id = ?",
            (client_id, author.value, author_id),
        )
        return known(row) if row else None

    async def get_message(
        self, conversation_id: int, seq: int, *, include_internal: bool = False
    ) -> StoredMessage | None:
        only = "" if include_internal else PUBLIC_ONLY
        row = await self._db.row(
            f"{SELECT_MESSAGES} WHERE m.conversation_id = ? AND m.seq = ? {only}",
            (conversation_id, seq),
        )
        return message(row) if row else None

    async def last_messages(
        self, conversation_ids: Collection[int], *, include_internal: bool = False
    ) -> dict[int, StoredMessage]:
        # Each conversation's newest seq is its counter; its newest public one is the
        # first public row walking back along messages_by_seq (usually the newest).
        newest = (
            "SELECT id, last_seq FROM conversations WHERE id IN ({marks})"
            if include_internal
            else "SELECT c.id, (SELECT x.seq FROM messages x WHERE x.conversation_id = c.id "
            "AND x.visibility = 'public' ORDER BY x.seq DESC LIMIT 1) "
            "FROM conversations c WHERE c.id IN ({marks})"
        )
        found: dict[int, StoredMessage] = {}
        for chunk in chunks(sorted(set(conversation_ids))):
            marks = ", ".join("?" * len(chunk))
            rows = await self._db.rows(
                f"{SELECT_MESSAGES} WHERE (m.conversation_id, m.seq) IN "
                f"({newest.format(marks=marks)})",
                chunk,
            )
            for row in rows:
                stored = message(row)
                found[stored.conversation_id] = stored
        return found

    async def messages_after(
        self, conversation_id: int, after_seq: int, limit: int, *, include_internal: bool = False
    ) -> list[StoredMessage]:
        only = "" if include_internal else PUBLIC_ONLY
        rows = await self._db.rows(
            f"{SELECT_MESSAGES} WHERE m.conversation_id = ? AND m.seq > ? {only}"
            "ORDER BY m.seq LIMIT ?",
            (conversation_id, after_seq, limit),
        )
        return [message(row) for row in rows]

    async def messages_after_each(
        self, after: Mapping[int, int], limit: int, *, include_internal: bool = False
    ) -> dict[int, list[StoredMessage]]:
        # One query each: a relay on SQLite is alone, and never catches up in bulk.
        pages = {
            conversation_id: await self.messages_after(
                conversation_id, after_seq, limit, include_internal=include_internal
            )
            for conversation_id, after_seq in after.items()
        }
        return {conversation_id: page for conversation_id, page in pages.items() if page}


class SqliteWithdrawals(Repository):
    async def withdraw_message(
        self, conversation_id: int, seq: int, agent: Agent, now: float
    ) -> Withdrawal:
        """Take back an agent's own message: its text and file are removed from the
        transcript and kept in the audit table. Compared and set in the writer's
        transaction: NoSuchMessage, NotYours or AlreadyWithdrawn, changing nothing, when
        the message is not as the withdrawal needs it."""

        def run(db: sqlite3.Connection) -> Withdrawal:
            row = db.execute(
                f"{SELECT_MESSAGES} WHERE m.conversation_id = ? AND m.seq = ?",
                (conversation_id, seq),
            ).fetchone()
            if row is None:
                raise NoSuchMessage(f"no message {seq} in conversation {conversation_id}")
            withdrawal = withdrawal_of(message(row), agent, now)
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

        result: Withdrawal = await self._db.write(run)
        return result

    async def withdrawals(self, conversation_id: int | None = None) -> list[Withdrawal]:
        where, parameters = "", []
        if conversation_id is not None:
            where, parameters = "WHERE conversation_id = ?", [conversation_id]
        rows = await self._db.rows(
            "SELECT conversation_id, seq, agent_id, agent_name, text, file_name, sent_at, "
            f"withdrawn_at FROM withdrawals {where} ORDER BY withdrawn_at",
            parameters,
        )
        return [Withdrawal(*row) for row in rows]
