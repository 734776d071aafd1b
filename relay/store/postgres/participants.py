"""Participants on PostgreSQL: the agents in a conversation and their roles over time.

The owner changes only with the conversation (conversations.py calls change_owner in the
same transaction); helpers and supervisors join and leave here, each logged. A join locks
the conversation's row, so that it cannot slip in beside a closing made by another relay.
"""

from __future__ import annotations

from relay.store.changes import event_row
from relay.store.errors import StoreBug
from relay.store.postgres.database import Connection
from relay.store.postgres.events import log_events
from relay.store.postgres.repository import Repository
from relay.store.records import Participant, ParticipantRole, StoreEventKind
from shared_protocol.lifecycle import Actor


async def change_owner(db: Connection, conversation_id: int, owner: int, at: float) -> None:
    """`owner` becomes the owner participant; the one before leaves. An agent who was in
    it as helper or supervisor leaves that role first (one presence per agent)."""
    await db.execute(
        "UPDATE conversation_participants SET left_at = $1 WHERE conversation_id = $2 "
        "AND left_at IS NULL AND (role = 'owner' OR agent_id = $3)",
        at,
        conversation_id,
        owner,
    )
    await db.execute(
        "INSERT INTO conversation_participants (conversation_id, agent_id, role, joined_at) "
        "VALUES ($1, $2, 'owner', $3)",
        conversation_id,
        owner,
        at,
    )


async def owner_leaves(db: Connection, conversation_id: int, at: float) -> None:
    """Nobody holds it any more (handed back to routing): its owner participant leaves."""
    await db.execute(
        "UPDATE conversation_participants SET left_at = $1 "
        "WHERE conversation_id = $2 AND left_at IS NULL AND role = 'owner'",
        at,
        conversation_id,
    )


async def everyone_leaves(db: Connection, conversation_id: int, at: float) -> None:
    await db.execute(
        "UPDATE conversation_participants SET left_at = $1 "
        "WHERE conversation_id = $2 AND left_at IS NULL",
        at,
        conversation_id,
    )


class PostgresParticipants(Repository):
    async def add_participant(
        self, conversation_id: int, agent_id: int, role: ParticipantRole, now: float
    ) -> Participant | None:
        if role is ParticipantRole.OWNER:
            raise StoreBug("owners change with the conversation (assign, transition)")

        async def run(db: Connection) -> Participant | None:
            open_ = await db.fetchval(
                "SELECT 1 FROM conversations WHERE id = $1 AND status <> 'closed' FOR UPDATE",
                conversation_id,
            )
            present = await db.fetchval(
                "SELECT 1 FROM conversation_participants "
                "WHERE conversation_id = $1 AND agent_id = $2 AND left_at IS NULL",
                conversation_id,
                agent_id,
            )
            if open_ is None or present is not None:
                return None
            await db.execute(
                "INSERT INTO conversation_participants (conversation_id, agent_id, role, "
                "joined_at) VALUES ($1, $2, $3, $4)",
                conversation_id,
                agent_id,
                role.value,
                now,
            )
            joined = StoreEventKind.AGENT_JOINED.value
            actor = Actor.agent(agent_id)
            entry = event_row(conversation_id, joined, now, actor, agent=agent_id, role=role.value)
            await log_events(db, [entry])
            return Participant(conversation_id, agent_id, role, now)

        return await self._db.transaction(run)

    async def leave_conversation(self, conversation_id: int, agent_id: int, now: float) -> bool:
        async def run(db: Connection) -> bool:
            row = await db.fetchrow(
                "SELECT id, role FROM conversation_participants WHERE conversation_id = $1 "
                "AND agent_id = $2 AND left_at IS NULL AND role <> 'owner' FOR UPDATE",
                conversation_id,
                agent_id,
            )
            if row is None:
                return False
            await db.execute(
                "UPDATE conversation_participants SET left_at = $1 WHERE id = $2", now, row[0]
            )
            left = StoreEventKind.AGENT_LEFT.value
            actor = Actor.agent(agent_id)
            entry = event_row(conversation_id, left, now, actor, agent=agent_id, role=row[1])
            await log_events(db, [entry])
            return True

        return await self._db.transaction(run)

    async def participants(self, conversation_id: int) -> list[Participant]:
        rows = await self._db.rows(
            "SELECT conversation_id, agent_id, role, joined_at, left_at "
            "FROM conversation_participants WHERE conversation_id = $1 ORDER BY joined_at, id",
            conversation_id,
        )
        return [Participant(r[0], r[1], ParticipantRole(r[2]), r[3], r[4]) for r in rows]
