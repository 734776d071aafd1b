"""Participants on SQLite: the agents in a conversation and their roles over time.

The owner changes only with the conversation (conversations.py calls change_owner in the
same transaction); helpers and supervisors join and leave here, each logged.
"""

from __future__ import annotations

import sqlite3

from relay.store.changes import event_row
from relay.store.errors import StoreBug
from relay.store.records import Participant, ParticipantRole, StoreEventKind
from relay.store.sqlite.events import log_events
from relay.store.sqlite.repository import Repository
from shared_protocol.lifecycle import Actor


def change_owner(db: sqlite3.Connection, conversation_id: int, owner: int, at: float) -> None:
    """`owner` becomes the owner participant; the one before leaves. An agent who was in
    it as helper or supervisor leaves that role first (one presence per agent)."""
    db.execute(
        "UPDATE conversation_participants SET left_at = ? WHERE conversation_id = ? "
        "AND left_at IS NULL AND (role = 'owner' OR agent_id = ?)",
        (at, conversation_id, owner),
    )
    db.execute(
        "INSERT INTO conversation_participants (conversation_id, agent_id, role, joined_at) "
        "VALUES (?, ?, 'owner', ?)",
        (conversation_id, owner, at),
    )


def owner_leaves(db: sqlite3.Connection, conversation_id: int, at: float) -> None:
    """Nobody holds it any more (handed back to routing): its owner participant leaves."""
    db.execute(
        "UPDATE conversation_participants SET left_at = ? "
        "WHERE conversation_id = ? AND left_at IS NULL AND role = 'owner'",
        (at, conversation_id),
    )


def everyone_leaves(db: sqlite3.Connection, conversation_id: int, at: float) -> None:
    db.execute(
        "UPDATE conversation_participants SET left_at = ? "
        "WHERE conversation_id = ? AND left_at IS NULL",
        (at, conversation_id),
    )


class SqliteParticipants(Repository):
    async def add_participant(
        self, conversation_id: int, agent_id: int, role: ParticipantRole, now: float
    ) -> Participant | None:
        if role is ParticipantRole.OWNER:
            raise StoreBug("owners change with the conversation (assign, transition)")

        def run(db: sqlite3.Connection) -> Participant | None:
            open_ = db.execute(
                "SELECT 1 FROM conversations WHERE id = ? AND status != 'closed'",
                (conversation_id,),
            ).fetchone()
            present = db.execute(
                "SELECT 1 FROM conversation_participants "
                "WHERE conversation_id = ? AND agent_id = ? AND left_at IS NULL",
                (conversation_id, agent_id),
            ).fetchone()
            if open_ is None or present is not None:
                return None
            db.execute(
                "INSERT INTO conversation_participants (conversation_id, agent_id, role, "
                "joined_at) VALUES (?, ?, ?, ?)",
                (conversation_id, agent_id, role.value, now),
            )
            joined = StoreEventKind.AGENT_JOINED.value
            actor = Actor.agent(agent_id)
            log_events(
                db,
                [event_row(conversation_id, joined, now, actor, agent=agent_id, role=role.value)],
            )
            return Participant(conversation_id, agent_id, role, now)

        joined: Participant | None = await self._db.write(run)
        return joined

    async def leave_conversation(self, conversation_id: int, agent_id: int, now: float) -> bool:
        def run(db: sqlite3.Connection) -> bool:
            row = db.execute(
                "SELECT id, role FROM conversation_participants WHERE conversation_id = ? "
                "AND agent_id = ? AND left_at IS NULL AND role != 'owner'",
                (conversation_id, agent_id),
            ).fetchone()
            if row is None:
                return False
            db.execute(
                "UPDATE conversation_participants SET left_at = ? WHERE id = ?", (now, row[0])
            )
            left = StoreEventKind.AGENT_LEFT.value
            actor = Actor.agent(agent_id)
            log_events(
                db, [event_row(conversation_id, left, now, actor, agent=agent_id, role=row[1])]
            )
            return True

        left: bool = await self._db.write(run)
        return left

    async def participants(self, conversation_id: int) -> list[Participant]:
        rows = await self._db.rows(
            "SELECT conversation_id, agent_id, role, joined_at, left_at "
            "FROM conversation_participants WHERE conversation_id = ? ORDER BY joined_at, id",
            (conversation_id,),
        )
        return [Participant(r[0], r[1], ParticipantRole(r[2]), r[3], r[4]) for r in rows]
