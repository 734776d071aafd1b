"""Conversations on SQLite: opening, taking, closing, the lifecycle's compare-and-set,
and read marks; every change logged in its own transaction (relay/store/sqlite/events.py)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Collection, Sequence

from relay.store.changes import (
    LIFECYCLE_COLUMNS,
    event_row,
    lifecycle_columns,
    lifecycle_row,
    new_department,
    new_rating,
)
from relay.store.errors import StoreBug
from relay.store.records import Conversation, Page, ReadMark, UntakenConversation
from relay.store.rows import (
    DECLINED_KINDS,
    NOT_RECLAIMED_SINCE,
    UNTAKEN_COLUMNS,
    UNTAKEN_STATUSES,
    conversation,
    untaken,
)
from relay.store.sqlite.conversation_rows import SELECT_CONVERSATIONS
from relay.store.sqlite.database import SQL_VARIABLES, chunks
from relay.store.sqlite.events import log_events
from relay.store.sqlite.participants import change_owner, everyone_leaves, owner_leaves
from relay.store.sqlite.repository import Repository
from relay.store.sqlite.visitors import owner_after_closing
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
    + ", rated = COALESCE(?, rated), department_id = COALESCE(?, department_id)"
    # Into another department: it enters it now, and waits there from now (SET reads the
    # row as it was, so department_id here is the one it leaves).
    + ", entered_department_at = CASE WHEN ? IS NOT NULL AND department_id IS NOT ? "
    + "THEN ? ELSE entered_department_at END"
    + ", min_level = COALESCE(?, min_level) WHERE id = ? AND "
    + " AND ".join(f"{column} IS ?" for column in LIFECYCLE_COLUMNS)
    + " AND (rated IS NOT NULL) = ?"
)
# What every move clears (the lifecycle keeps offer and transfer fields only while
# offered or transferring); the old methods below move without the lifecycle's help.
_CLEAR_PENDING = (
    "offered_to = NULL, offer_deadline = NULL, transfer_to_agent = NULL, "
    "transfer_to_department = NULL, transfer_deadline = NULL"
)
_TAKEN_KINDS = "('accepted', 'assigned', 'transferred')"  # as the partial index names them
# The untaken conversations of some departments with, folded in, who declined each since
# it entered its department (conversation_events_by_conversation finds them).
_SELECT_UNTAKEN = (
    f"SELECT {UNTAKEN_COLUMNS}, "
    "(SELECT json_group_array(json_extract(e.details, '$.agent')) FROM ("
    "  SELECT e.details FROM conversation_events e WHERE e.conversation_id = c.id "
    f"  AND e.kind IN {DECLINED_KINDS} AND e.at >= c.entered_department_at "
    f"  AND {NOT_RECLAIMED_SINCE} ORDER BY e.id"
    ") e) AS declined, "
    # When it last came back to the line (its holder was gone): it waits from then.
    "(SELECT MAX(e.at) FROM conversation_events e WHERE e.conversation_id = c.id "
    "  AND e.kind = 'reclaimed' AND e.at >= c.entered_department_at) AS returned_at "
    "FROM conversations c JOIN visitors v ON v.id = c.visitor_id "
    # A message left with the offline form is answered from the list, not routed.
    f"WHERE c.status IN {UNTAKEN_STATUSES} AND c.offline = 0 AND c.department_id IN "
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
                "started_url, started_title, department_id, entered_department_at) "
                "VALUES (?, ?, 'waiting', ?, ?, ?, ?, ?, ?)",
                (
                    *(site_id, visitor_id, now, int(offline)),
                    *((page.url, page.title) if page else ("", "")),
                    department_id,
                    now,
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
            owner_after_closing(db, conversation_id, row[0])
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
        *,
        min_level: int | None = None,
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
            department,
            department,
            at,
            min_level,
            conversation_id,
            *lifecycle_columns(expected),
            int(expected.rated),
        )

        def run(db: sqlite3.Connection) -> bool:
            if db.execute(_TRANSITION, parameters).rowcount != 1:
                return False  # moved meanwhile (or missing): nothing written, nothing logged
            if new.owner != expected.owner and new.owner is not None:
                change_owner(db, conversation_id, new.owner, at)
            elif new.owner is None and expected.owner is not None:  # handed back
                owner_leaves(db, conversation_id, at)
            closing = new.status is ConversationStatus.CLOSED
            if closing and expected.status is not ConversationStatus.CLOSED:
                everyone_leaves(db, conversation_id, new.closed_at or at)
                owner_after_closing(db, conversation_id, new.owner)
            log_events(db, [lifecycle_row(conversation_id, event) for event in events])
            return True

        changed: bool = await self._db.write(run)
        return changed

    async def untaken_conversations(
        self, department_ids: Collection[int]
    ) -> list[UntakenConversation]:
        found: list[UntakenConversation] = []
        for chunk in chunks(sorted(set(department_ids)), SQL_VARIABLES):
            marks = ", ".join("?" * len(chunk))
            rows = await self._db.rows(
                f"{_SELECT_UNTAKEN}({marks}) ORDER BY c.entered_department_at, c.id", tuple(chunk)
            )
            found.extend(untaken(row) for row in rows)
        found.sort(key=lambda c: (c.entered_department_at, c.id))  # chunks merged in order
        return found

    async def last_accepts(self, agent_ids: Collection[int]) -> dict[int, float]:
        latest: dict[int, float] = {}
        for chunk in chunks(sorted(set(agent_ids)), SQL_VARIABLES):
            marks = ", ".join("?" * len(chunk))
            rows = await self._db.rows(
                "SELECT json_extract(details, '$.agent') AS agent, MAX(at) "
                f"FROM conversation_events WHERE kind IN {_TAKEN_KINDS} "
                f"AND json_extract(details, '$.agent') IN ({marks}) GROUP BY 1",
                tuple(chunk),
            )
            latest.update((int(row[0]), row[1]) for row in rows)
        return latest

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
