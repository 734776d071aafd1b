"""The conversation event log on PostgreSQL: entries written inside other repositories'
transactions (log_events), and read back for a conversation or a period."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from relay.store.changes import EventRow, event_row
from relay.store.postgres.database import Connection
from relay.store.postgres.repository import Repository
from relay.store.records import LoggedEvent
from relay.store.rows import EVENT_COLUMNS, logged_event
from shared_protocol.lifecycle import Actor

# Entries as one array per column (event_columns), any number in one statement.
INSERT_EVENTS = (
    "INSERT INTO conversation_events (conversation_id, kind, at, actor_kind, actor_id, "
    "details) SELECT c, k, a, ak, ai, d::jsonb FROM unnest($1::bigint[], $2::text[], "
    "$3::float8[], $4::text[], $5::bigint[], $6::text[]) AS e(c, k, a, ak, ai, d)"
)
# Read back as text, the JSON every back end's rows give (relay/store/rows.py).
_SELECT_EVENTS = f"SELECT {EVENT_COLUMNS.replace('details', 'details::text AS details')} "


def event_columns(rows: Sequence[EventRow]) -> list[list[object]]:
    return [[row[column] for row in rows] for column in range(6)]


async def log_events(db: Connection, rows: Sequence[EventRow]) -> None:
    """Append entries in the caller's transaction: they stand or fall with its change."""
    if rows:
        await db.execute(INSERT_EVENTS, *event_columns(rows))


class PostgresEventLog(Repository):
    async def conversation_events(self, conversation_id: int) -> list[LoggedEvent]:
        rows = await self._db.rows(
            f"{_SELECT_EVENTS} FROM conversation_events WHERE conversation_id = $1 ORDER BY id",
            conversation_id,
        )
        return [logged_event(row) for row in rows]

    async def events_between(self, start: float, end: float) -> list[LoggedEvent]:
        rows = await self._db.rows(
            f"{_SELECT_EVENTS} FROM conversation_events WHERE at >= $1 AND at < $2 ORDER BY at, id",
            start,
            end,
        )
        return [logged_event(row) for row in rows]

    async def log_event(
        self,
        conversation_id: int,
        kind: str,
        at: float,
        actor: Actor,
        *,
        agent: int | None = None,
        note: str = "",
        newest_of: Collection[str] = (),
        newest_id: int | None = None,
    ) -> bool:
        kinds = sorted(newest_of)
        entry = event_row(conversation_id, kind, at, actor, agent=agent, note=note)

        async def run(db: Connection) -> bool:
            if kinds:
                # The conversation's row lock makes the look and the write one step for
                # every relay sharing the database.
                await db.execute(
                    "SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE", conversation_id
                )
                newest = await db.fetchval(
                    "SELECT max(id) FROM conversation_events WHERE conversation_id = $1 "
                    "AND kind = ANY($2::text[])",
                    conversation_id,
                    kinds,
                )
                if newest != newest_id:
                    return False
            await log_events(db, [entry])
            return True

        logged: bool = await self._db.transaction(run)
        return logged
