"""The conversation event log on SQLite: entries written inside other repositories'
transactions (log_events), and read back for a conversation or a period."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable

from relay.store.changes import EventRow, event_row
from relay.store.records import LoggedEvent
from relay.store.rows import EVENT_COLUMNS, logged_event
from relay.store.sqlite.repository import Repository
from shared_protocol.lifecycle import Actor

INSERT_EVENT = (
    "INSERT INTO conversation_events (conversation_id, kind, at, actor_kind, actor_id, "
    "details) VALUES (?, ?, ?, ?, ?, ?)"
)


def log_events(db: sqlite3.Connection, rows: Iterable[EventRow]) -> None:
    """Append entries in the caller's transaction: they stand or fall with its change."""
    db.executemany(INSERT_EVENT, list(rows))


class SqliteEventLog(Repository):
    async def conversation_events(self, conversation_id: int) -> list[LoggedEvent]:
        rows = await self._db.rows(
            f"SELECT {EVENT_COLUMNS} FROM conversation_events "
            "WHERE conversation_id = ? ORDER BY id",
            (conversation_id,),
        )
        return [logged_event(row) for row in rows]

    async def events_between(self, start: float, end: float) -> list[LoggedEvent]:
        rows = await self._db.rows(
            f"SELECT {EVENT_COLUMNS} FROM conversation_events "
            "WHERE at >= ? AND at < ? ORDER BY at, id",
            (start, end),
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

        def run(db: sqlite3.Connection) -> bool:
            if kinds:  # the writer is the only one: read and write are one step
                marks = ", ".join("?" * len(kinds))
                (newest,) = db.execute(
                    f"SELECT max(id) FROM conversation_events WHERE conversation_id = ? "
                    f"AND kind IN ({marks})",
                    (conversation_id, *kinds),
                ).fetchone()
                if newest != newest_id:
                    return False
            log_events(db, [entry])
            return True

        logged: bool = await self._db.write(run)
        return logged
