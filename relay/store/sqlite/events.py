"""The conversation event log on SQLite: entries written inside other repositories'
transactions (log_events), and read back for a conversation or a period."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from relay.store.records import LoggedEvent, ParticipantRole
from relay.store.sqlite.repository import Repository
from shared_protocol.lifecycle import Actor, ActorKind, ConversationEvent

INSERT_EVENT = (
    "INSERT INTO conversation_events (conversation_id, kind, at, actor_kind, actor_id, "
    "details) VALUES (?, ?, ?, ?, ?, ?)"
)
EventRow = tuple[int, str, float, str, int | None, str]
_COLUMNS = "id, conversation_id, kind, at, actor_kind, actor_id, details"


def event_row(conversation_id: int, kind: str, at: float, actor: Actor, **details: Any) -> EventRow:
    """An entry to insert; details left empty (None, "") are not stored."""
    kept = {name: value for name, value in details.items() if value not in (None, "")}
    text = json.dumps(kept, separators=(",", ":")) if kept else "{}"
    return (conversation_id, kind, at, actor.kind.value, actor.id, text)


def lifecycle_row(conversation_id: int, event: ConversationEvent) -> EventRow:
    return event_row(
        conversation_id,
        event.kind.value,
        event.at,
        event.actor,
        agent=event.agent,
        from_agent=event.from_agent,
        department=event.department,
        score=event.score,
        note=event.note,
    )


def log_events(db: sqlite3.Connection, rows: Iterable[EventRow]) -> None:
    """Append entries in the caller's transaction: they stand or fall with its change."""
    db.executemany(INSERT_EVENT, list(rows))


def _logged(row: sqlite3.Row) -> LoggedEvent:
    details = json.loads(row["details"])
    role = details.get("role")
    return LoggedEvent(
        id=row["id"],
        conversation_id=row["conversation_id"],
        kind=row["kind"],
        at=row["at"],
        actor=Actor(ActorKind(row["actor_kind"]), row["actor_id"]),
        agent=details.get("agent"),
        from_agent=details.get("from_agent"),
        department=details.get("department"),
        score=details.get("score"),
        note=details.get("note", ""),
        role=ParticipantRole(role) if role else None,
        seq=details.get("seq"),
        migrated=bool(details.get("migrated", False)),
    )


class SqliteEventLog(Repository):
    async def conversation_events(self, conversation_id: int) -> list[LoggedEvent]:
        rows = await self._db.rows(
            f"SELECT {_COLUMNS} FROM conversation_events WHERE conversation_id = ? ORDER BY id",
            (conversation_id,),
        )
        return [_logged(row) for row in rows]

    async def events_between(self, start: float, end: float) -> list[LoggedEvent]:
        rows = await self._db.rows(
            f"SELECT {_COLUMNS} FROM conversation_events WHERE at >= ? AND at < ? ORDER BY at, id",
            (start, end),
        )
        return [_logged(row) for row in rows]
