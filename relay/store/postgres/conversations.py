"""Conversations on PostgreSQL: opening, taking, closing, the lifecycle's compare-and-set,
and read marks; every change logged in its own transaction (relay/store/postgres/events.py).

Another relay may change the same conversation at any moment: a change that depends on
what it read locks the row first (FOR UPDATE), and the lifecycle's compare-and-set is
one UPDATE whose WHERE PostgreSQL evaluates again on the newest row when it had to wait
for another writer, so that of two relays only one ever wins.
"""

from __future__ import annotations

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
from relay.store.postgres.conversation_rows import SELECT_CONVERSATIONS
from relay.store.postgres.database import Connection, RunAgain, changed
from relay.store.postgres.events import log_events
from relay.store.postgres.participants import change_owner, everyone_leaves, owner_leaves
from relay.store.postgres.repository import Repository
from relay.store.postgres.visitors import owner_after_closing
from relay.store.records import Conversation, Page, ReadMark, UntakenConversation
from relay.store.rows import (
    DECLINED_KINDS,
    NOT_RECLAIMED_SINCE,
    UNTAKEN_COLUMNS,
    UNTAKEN_STATUSES,
    conversation,
    untaken,
)
from shared_protocol.frames import AuthorKind
from shared_protocol.lifecycle import (
    SYSTEM,
    Actor,
    ConversationEvent,
    ConversationEventKind,
    ConversationState,
    ConversationStatus,
)

_READ_COLUMNS = {AuthorKind.VISITOR: "visitor_read_seq", AuthorKind.AGENT: "agent_read_seq"}
_COUNT = len(LIFECYCLE_COLUMNS)
# Set on a move, and compared (NULL equal to NULL) to what the caller read; `rated` is
# compared as rated or not, which is all the lifecycle's state knows of it.
_TRANSITION = (
    "UPDATE conversations SET "
    + ", ".join(f"{column} = ${n}" for n, column in enumerate(LIFECYCLE_COLUMNS, 1))
    + f", rated = COALESCE(${_COUNT + 1}::integer, rated)"
    + f", department_id = COALESCE(${_COUNT + 2}::bigint, department_id)"
    # Into another department: it enters it now, and waits there from now (SET reads the
    # row as it was, so department_id here is the one it leaves).
    + f", entered_department_at = CASE WHEN ${_COUNT + 2}::bigint IS NOT NULL"
    + f" AND department_id IS DISTINCT FROM ${_COUNT + 2}::bigint"
    + f" THEN ${_COUNT + 3}::double precision ELSE entered_department_at END"
    + f", min_level = COALESCE(${_COUNT + 4}::integer, min_level)"
    + f" WHERE id = ${_COUNT + 5} AND "
    + " AND ".join(
        f"{column} IS NOT DISTINCT FROM ${n}"
        for n, column in enumerate(LIFECYCLE_COLUMNS, _COUNT + 6)
    )
    + f" AND (rated IS NOT NULL) = ${2 * _COUNT + 6}"
)
# What every move clears (the lifecycle keeps offer and transfer fields only while
# offered or transferring); the old methods below move without the lifecycle's help.
_CLEAR_PENDING = (
    "offered_to = NULL, offer_deadline = NULL, transfer_to_agent = NULL, "
    "transfer_to_department = NULL, transfer_deadline = NULL"
)
_TAKEN_KINDS = "('accepted', 'assigned', 'transferred')"  # as the partial index names them
# The untaken conversations of some departments with, folded into JSON text (as SQLite
# gives it), who declined each since it entered its department.
_SELECT_UNTAKEN = (
    f"SELECT {UNTAKEN_COLUMNS}, "
    "(SELECT json_agg((e.details->>'agent')::bigint ORDER BY e.id)::text "
    " FROM conversation_events e WHERE e.conversation_id = c.id "
    f" AND e.kind IN {DECLINED_KINDS} AND e.at >= c.entered_department_at "
    f" AND {NOT_RECLAIMED_SINCE}) AS declined, "
    # When it last came back to the line (its holder was gone): it waits from then.
    "(SELECT MAX(e.at) FROM conversation_events e WHERE e.conversation_id = c.id "
    " AND e.kind = 'reclaimed' AND e.at >= c.entered_department_at) AS returned_at "
    "FROM conversations c JOIN visitors v ON v.id = c.visitor_id "
    # A message left with the offline form is answered from the list, not routed.
    f"WHERE c.status IN {UNTAKEN_STATUSES} AND NOT c.offline "
    "AND c.department_id = ANY($1::bigint[]) "
    "ORDER BY c.entered_department_at, c.id"
)


class PostgresConversations(Repository):
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
        async def run(db: Connection) -> int:
            # Another relay may open the visitor's conversation at the same moment: the
            # unique index lets one in, and the other finds it (ON CONFLICT waits for it).
            opened = await db.fetchval(
                "INSERT INTO conversations (site_id, visitor_id, status, created_at, offline, "
                "started_url, started_title, department_id, entered_department_at) "
                "VALUES ($1, $2, 'waiting', $3, $4, $5, $6, $7, $3) "
                "ON CONFLICT (visitor_id) WHERE status <> 'closed' DO NOTHING RETURNING id",
                site_id,
                visitor_id,
                now,
                offline,
                page.url if page else "",
                page.title if page else "",
                department_id,
            )
            if opened is None:
                found = await db.fetchval(
                    "SELECT id FROM conversations WHERE visitor_id = $1 AND status <> 'closed'",
                    visitor_id,
                )
                if found is None:  # it closed meanwhile: open one after all
                    raise RunAgain
                return int(found)
            created = ConversationEventKind.CREATED.value
            await log_events(db, [event_row(opened, created, now, Actor.visitor(visitor_id))])
            return int(opened)

        opened = await self.get_conversation(await self._db.transaction(run))
        assert opened is not None
        return opened

    async def current_conversation(self, visitor_id: int) -> Conversation | None:
        row = await self._db.row(
            f"{SELECT_CONVERSATIONS}WHERE c.visitor_id = $1 AND c.status <> 'closed'", visitor_id
        )
        return conversation(row) if row else None

    async def get_conversation(self, conversation_id: int) -> Conversation | None:
        row = await self._db.row(f"{SELECT_CONVERSATIONS}WHERE c.id = $1", conversation_id)
        return conversation(row) if row else None

    async def unclosed_conversations(self) -> list[Conversation]:
        rows = await self._db.rows(
            f"{SELECT_CONVERSATIONS}WHERE c.status <> 'closed' ORDER BY c.id"
        )
        return [conversation(row) for row in rows]

    async def assign_conversation(
        self, conversation_id: int, agent_id: int, now: float | None = None
    ) -> Conversation | None:
        at = time.time() if now is None else now

        async def run(db: Connection) -> bool:
            row = await db.fetchrow(
                "SELECT agent_id FROM conversations WHERE id = $1 AND status <> 'closed' "
                "FOR UPDATE",
                conversation_id,
            )
            if row is None:
                return False
            before: int | None = row[0]
            await db.execute(
                f"UPDATE conversations SET agent_id = $1, status = 'active', {_CLEAR_PENDING} "
                "WHERE id = $2",
                agent_id,
                conversation_id,
            )
            if before == agent_id:
                return True  # theirs already: nobody joins, nothing to log
            await change_owner(db, conversation_id, agent_id, at)
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
            await log_events(db, [entry])
            return True

        if not await self._db.transaction(run):
            return None
        return await self.get_conversation(conversation_id)

    async def close_conversation(
        self, conversation_id: int, now: float, *, by: Actor | None = None
    ) -> Conversation | None:
        async def run(db: Connection) -> bool:
            row = await db.fetchrow(
                "SELECT agent_id FROM conversations WHERE id = $1 AND status <> 'closed' "
                "FOR UPDATE",
                conversation_id,
            )
            if row is None:
                return False
            await db.execute(
                f"UPDATE conversations SET status = 'closed', closed_at = $1, {_CLEAR_PENDING} "
                "WHERE id = $2",
                now,
                conversation_id,
            )
            await everyone_leaves(db, conversation_id, now)
            await owner_after_closing(db, conversation_id, row[0])
            closed = ConversationEventKind.CLOSED.value
            entry = event_row(conversation_id, closed, now, by or SYSTEM, agent=row[0])
            await log_events(db, [entry])
            return True

        if not await self._db.transaction(run):
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
            at,
            min_level,
            conversation_id,
            *lifecycle_columns(expected),
            expected.rated,
        )

        async def run(db: Connection) -> bool:
            if changed(await db.execute(_TRANSITION, *parameters)) != 1:
                return False  # moved meanwhile (or missing): nothing written, nothing logged
            if new.owner != expected.owner and new.owner is not None:
                await change_owner(db, conversation_id, new.owner, at)
            elif new.owner is None and expected.owner is not None:  # handed back
                await owner_leaves(db, conversation_id, at)
            closing = new.status is ConversationStatus.CLOSED
            if closing and expected.status is not ConversationStatus.CLOSED:
                await everyone_leaves(db, conversation_id, new.closed_at or at)
                await owner_after_closing(db, conversation_id, new.owner)
            await log_events(db, [lifecycle_row(conversation_id, event) for event in events])
            return True

        return await self._db.transaction(run, doing="transition")

    async def untaken_conversations(
        self, department_ids: Collection[int]
    ) -> list[UntakenConversation]:
        rows = await self._db.rows(_SELECT_UNTAKEN, sorted(set(department_ids)))
        return [untaken(row) for row in rows]

    async def last_accepts(self, agent_ids: Collection[int]) -> dict[int, float]:
        rows = await self._db.rows(
            "SELECT (details->>'agent')::bigint AS agent, max(at) FROM conversation_events "
            f"WHERE kind IN {_TAKEN_KINDS} "
            "AND (details->>'agent')::bigint = ANY($1::bigint[]) GROUP BY 1",
            sorted(set(agent_ids)),
        )
        return {row[0]: row[1] for row in rows}

    async def mark_read(
        self, conversation_id: int, reader: AuthorKind, seq: int, *, visitor_id: int | None
    ) -> ReadMark | None:
        column = _READ_COLUMNS[reader]
        # One statement moves the mark when it advances (nobody has read what was not
        # sent: clamped to last_seq); only a read that changes nothing reads again.
        moved = await self._db.row(
            f"UPDATE conversations SET {column} = LEAST($2, last_seq) WHERE id = $1 "
            f"AND ($3::bigint IS NULL OR visitor_id = $3) AND {column} < LEAST($2, last_seq) "
            f"RETURNING visitor_id, {column}",
            conversation_id,
            seq,
            visitor_id,
        )
        if moved is not None:
            return ReadMark(conversation_id, moved[0], moved[1], advanced=True)
        row = await self._db.row(
            f"SELECT visitor_id, {column} FROM conversations WHERE id = $1", conversation_id
        )
        if row is None or (visitor_id is not None and row[0] != visitor_id):
            return None
        return ReadMark(conversation_id, row[0], row[1], advanced=False)
