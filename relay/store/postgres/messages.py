"""Messages on PostgreSQL: queued for the group commit (relay/store/postgres/writer.py,
numbered in appends.py), read back by sequence number, and withdrawn with an audit record."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping
from dataclasses import astuple

from relay.store.changes import withdrawal_of
from relay.store.errors import NoSuchMessage
from relay.store.postgres.database import Connection, Database, ids
from relay.store.postgres.repository import Repository
from relay.store.postgres.writer import MessageWriter
from relay.store.records import Agent, Appended, KnownMessage, NewMessage, StoredMessage, Withdrawal
from relay.store.rows import PUBLIC_ONLY, SELECT_KNOWN_MESSAGES, SELECT_MESSAGES, known, message
from shared_protocol.frames import AuthorKind


class PostgresMessages(Repository):
    def __init__(self, db: Database, writer: MessageWriter) -> None:
        super().__init__(db)
        self._writer = writer

    def queue_message(self, message: NewMessage) -> asyncio.Future[Appended]:
        return self._writer.queue(message)

    async def append_message(self, message: NewMessage) -> Appended:
        return await self.queue_message(message)

    async def find_message(
        self, author: AuthorKind, author_id: int, client_id: str
    ) -> KnownMessage | None:
        row = await self._db.row(
            f"{SELECT_KNOWN_MESSAGES} WHERE m.client_id = $1 AND m.author = $2 "
            "AND m.author_id = $3",
            client_id,
            author.value,
            author_id,
        )
        return known(row) if row else None

    async def get_message(
        self, conversation_id: int, seq: int, *, include_internal: bool = False
    ) -> StoredMessage | None:
        only = "" if include_internal else PUBLIC_ONLY
        row = await self._db.row(
            f"{SELECT_MESSAGES} WHERE m.conversation_id = $1 AND m.seq = $2 {only}",
            conversation_id,
            seq,
        )
        return message(row) if row else None

    async def last_messages(
        self, conversation_ids: Collection[int], *, include_internal: bool = False
    ) -> dict[int, StoredMessage]:
        # Each conversation's newest seq is its counter; its newest public one is the
        # first public row walking back along messages_by_seq (usually the newest).
        newest = (
            "SELECT id, last_seq FROM conversations WHERE id = ANY($1::bigint[])"
            if include_internal
            else "SELECT c.id, (SELECT x.seq FROM messages x WHERE x.conversation_id = c.id "
            "AND x.visibility = 'public' ORDER BY x.seq DESC LIMIT 1) "
            "FROM conversations c WHERE c.id = ANY($1::bigint[])"
        )
        rows = await self._db.rows(
            f"{SELECT_MESSAGES} WHERE (m.conversation_id, m.seq) IN ({newest})",
            ids(list(conversation_ids)),
        )
        return {stored.conversation_id: stored for stored in map(message, rows)}

    async def messages_after(
        self, conversation_id: int, after_seq: int, limit: int, *, include_internal: bool = False
    ) -> list[StoredMessage]:
        only = "" if include_internal else PUBLIC_ONLY
        rows = await self._db.rows(
            f"{SELECT_MESSAGES} WHERE m.conversation_id = $1 AND m.seq > $2 {only}"
            "ORDER BY m.seq LIMIT $3",
            conversation_id,
            after_seq,
            limit,
        )
        return [message(row) for row in rows]

    async def messages_after_each(
        self, after: Mapping[int, int], limit: int, *, include_internal: bool = False
    ) -> dict[int, list[StoredMessage]]:
        if not after:
            return {}
        only = "" if include_internal else "AND n.visibility = 'public' "
        conversations = sorted(after)
        rows = await self._db.rows(
            # Each conversation's page (keys only, by the primary key's order), then the
            # messages with what they quote and carry.
            f"{SELECT_MESSAGES}"
            "JOIN (SELECT page.conversation_id, page.seq "
            " FROM unnest($1::bigint[], $2::bigint[]) AS p(id, after_seq) "
            " CROSS JOIN LATERAL (SELECT n.conversation_id, n.seq FROM messages n "
            f"  WHERE n.conversation_id = p.id AND n.seq > p.after_seq {only}"
            "  ORDER BY n.seq LIMIT $3) AS page"
            ") AS wanted ON wanted.conversation_id = m.conversation_id AND wanted.seq = m.seq "
            "ORDER BY m.conversation_id, m.seq",
            conversations,
            [after[c] for c in conversations],
            limit,
        )
        pages: dict[int, list[StoredMessage]] = {}
        for row in rows:
            stored = message(row)
            pages.setdefault(stored.conversation_id, []).append(stored)
        return pages


class PostgresWithdrawals(Repository):
    async def withdraw_message(
        self, conversation_id: int, seq: int, agent: Agent, now: float
    ) -> Withdrawal:
        """Take back an agent's own message: its text and file are removed from the
        transcript and kept in the audit table. The message's row is locked while it is
        compared, so of two withdrawals (on any relays) the second finds it withdrawn."""

        async def run(db: Connection) -> Withdrawal:
            row = await db.fetchrow(
                f"{SELECT_MESSAGES} WHERE m.conversation_id = $1 AND m.seq = $2 FOR UPDATE OF m",
                conversation_id,
                seq,
            )
            if row is None:
                raise NoSuchMessage(f"no message {seq} in conversation {conversation_id}")
            withdrawal = withdrawal_of(message(row), agent, now)
            await db.execute(
                "INSERT INTO withdrawals (conversation_id, seq, agent_id, agent_name, text, "
                "file_name, sent_at, withdrawn_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                *astuple(withdrawal),
            )
            await db.execute(
                "UPDATE messages SET text = '', file_id = NULL, withdrawn_at = $1 "
                "WHERE conversation_id = $2 AND seq = $3",
                now,
                conversation_id,
                seq,
            )
            return withdrawal

        return await self._db.transaction(run, doing="withdraw")

    async def withdrawals(self, conversation_id: int | None = None) -> list[Withdrawal]:
        where, parameters = "", []
        if conversation_id is not None:
            where, parameters = "WHERE conversation_id = $1", [conversation_id]
        rows = await self._db.rows(
            "SELECT conversation_id, seq, agent_id, agent_name, text, file_name, sent_at, "
            f"withdrawn_at FROM withdrawals {where} ORDER BY withdrawn_at, id",
            *parameters,
        )
        return [Withdrawal(*row) for row in rows]
