"""Conversations on SQLite: opening, taking, closing, the lifecycle's compare-and-set,
and read marks; every change logged in its own transaction (relay/store/sqlite/events.py)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence

from relay.store.changes import (
    LIFECYCLE_COLUMNS,
    event_row,
    lifecycle_columns,
    lifecycle_row,
    new_department,
    new_rating,
)
from relay.store.errors import StoreBug
from relay.store.records import Conversation, Page, ReadMark
from relay.store.rows import conversation
from relay.store.sqlite.conversation_rows import SELECT_CONVERSATIONS
from relay.store.sqlite.events import log_events
from relay.store.sqlite.participants import change_owner, everyone_leaves
from relay.store.sqlite.repository import Repository
from shared_protocol.frames import AuthorKind
from shared_protocol.lifecycle import (
    SYSTEM,
    Actor,
    ConversationEvent,
    ConversationEventKind,
    ConversationState,
    ConversationStatus,
)

_ACCEPTED = ConversationEventKind.ACCEPTED.value
_ASSIGNED = ConversationEventKind.ASSIGNED.value
_READ_COLUMNS = {AuthorKind.VISITOR: "visitor_read_seq", AuthorKind.AGENT: "agent_read_seq"}
# Set on a move, and compared (IS: NULL equals NULL) to what the caller read; `rated` is
# compared as rated or not, which is all the lifecycle's state knows of it.
_TRANSITION = (
    "UPDATE conversations SET "
    + ", ".join(f"{column} = ?" for column in LIFECYCLE_COLUMNS)
    + ", rated = COALESCE(?, rated), department_id = COALESCE(?, department_id) WHERE id = ? AND "
    + " AND ".join(f"{column} IS ?" for column in LIFECYCLE_COLUMNS)
    + " AND (rated IS NOT NULL) = ?"
)
# What every move clears (the lifecycle keeps offer and transfer fields only while
# offered or transferring); the old methods below move without the lifecycle's help.
_CLEAR_PENDING = (
    "offered_to = NULL, offer_deadline = NULL, transfer_to_agent = NULL, "
    "transfer_to_department = NULL, transfer_deadline = NULL"
)


class SqliteConversations(Repository):
    async def open_conversation(
        self,
        site_id: int,
        visitor_id: int,
        now: float,
        *,
        offline: bool = False,
        page: Page | None = None,
        department_id: int | None = None,
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
                "started_url, started_title, department_id) "
                "VALUES (?, ?, 'waiting', ?, ?, ?, ?, ?)",
                (
                    *(site_id, visitor_id, now, int(offline)),
                    *((page.url, page.title) if page else ("", "")),
                    department_id,
                ),
            )
            assert cursor.lastrowid is not None
            created = ConversationEventKind.CREATED.value
            log_events(db, [event_row(cursor.lastrowid, created, now, Actor.visitor(visitor_id))])
            return cursor.lastrowid

        opened = await self.get_conversation(await self._db.write(run))
        assert opened is not None
        return opened

    async def current_conversation(self, visitor_id: int) -> Conversation | None:
        row = await self._db.row(
            f"{SELECT_CONVERSATIONS}WHERE c.visitor_id = ? AND c.status != 'closed'",
            (visitor_id,),
        )
        return conversation(row) if row else None

    async def get_conversation(self, conversation_id: int) -> Conversation | None:
        row = await self._db.row(f"{SELECT_CONVERSATIONS}WHERE c.id = ?", (conversation_id,))
        return conversation(row) if row else None

    async def unclosed_conversations(self) -> list[Conversation]:
        rows = await self._db.rows(
            f"{SELECT_CONVERSATIONS}WHERE c.status != 'closed' ORDER BY c.id"
        )
        return [conversation(row) for row in rows]

    async def assign_conversation(
        self, conversation_id: int, agent_id: int, now: float | None = None
    ) -> Conversation | None:
        at = time.time() if now is None else now

        def run(db: sqlite3.Connection) -> bool:
            row = db.execute(
                "SELECT agent_id FROM conversations WHERE id = ? AND status != 'closed'",
                (conversation_id,),
            ).fetchone()
            if row is None:
                return False
            before: int | None = row[0]
            db.execute(
                f"UPDATE conversations SET agent_id = ?, status = 'active', {_CLEAR_PENDING} "
                "WHERE id = ?",
                (agent_id, conversation_id),
            )
            if before == agent_id:
                return True  # theirs already: nobody joins, nothing to log
            change_owner(db, conversation_id, agent_id, at)
            kind = (
                ConversationEventKind.ACCEPTED if before is None else ConversationEventKind.ASSIGNED
            )
            entry = event_row(
                conversation_id,
                kind.value,
                at,
                Actor.agent(agent_id),
                agent=agent_id,
                from_agent=before,
            )
            log_events(db, [entry])
            return True

        if not await self._db.write(run):
            return None
        return await self.get_conversation(conversation_id)

    async def close_conversation(
        self, conversation_id: int, now: float, *, by: Actor | None = None
    ) -> Conversation | None:
        def run(db: sqlite3.Connection) -> bool:
            row = db.execute(
                "SELECT agent_id FROM conversations WHERE id = ? AND status != 'closed'",
                (conversation_id,),
            ).fetchone()
            if row is None:
                return False
            db.execute(
                f"UPDATE conversations SET status = 'closed', closed_at = ?, {_CLEAR_PENDING} "
                "WHERE id = ?",
                (now, conversation_id),
            )
            everyone_leaves(db, conversation_id, now)
            closed = ConversationEventKind.CLOSED.value
            log_events(db, [event_row(conversation_id, closed, now, by or SYSTEM, agent=row[0])])
            return True

        if not await self._db.write(run):
            return None
        return await self.get_conversation(conversation_id)

    async def transition_conversation(
        self,
        conversation_id: int,
        expected: ConversationState,
        new: ConversationState,
        events: Sequence[ConversationEvent],
    ) -> bool:
        if new != expected and not events:
            raise StoreBug("a conversation's state changes only with the entries that say why")
        rating = new_rating(expected, new, events)
        department = new_department(events)
        at = events[0].at if events else new.opened_at
        parameters = (
            *lifecycle_columns(new),
            rating,
            department,
            conversation_id,
            *lifecycle_columns(expected),
            int(expected.rated),
        )

        def run(db: sqlite3.Connection) -> bool:
            if db.execute(_TRANSITION, parameters).rowcount != 1:
                return False  # moved meanwhile (or missing): nothing written, nothing logged
            if new.owner != expected.owner and new.owner is not None:
                change_owner(db, conversation_id, new.owner, at)
            closing = new.status is ConversationStatus.CLOSED
            if closing and expected.status is not ConversationStatus.CLOSED:
                everyone_leaves(db, conversation_id, new.closed_at or at)
            log_events(db, [lifecycle_row(conversation_id, event) for event in events])
            return True

        changed: bool = await self._db.write(run)
        return changed

    async def mark_read(
        self, conversation_id: int, reader: AuthorKind, seq: int, *, visitor_id: int | None
    ) -> ReadMark | None:
        column = _READ_COLUMNS[reader]

        # One operation in the writer's batch: the check and the move share the batch's
        # commit with whatever else is queued, so a read costs no commit of its own.
        def run(db: sqlite3.Connection) -> ReadMark | None:
            row = db.execute(
                f"SELECT visitor_id, {column}, last_seq FROM conversations WHERE id = ?",
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

        result: ReadMark | None = await self._db.write(run)
        return result
