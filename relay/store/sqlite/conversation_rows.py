"""How a conversation is read on SQLite: one SELECT with its visitor's contact and its
participants, and the row made into a Conversation record (shared by the repositories
of conversations and of visitors, whose history lists them)."""

from __future__ import annotations

import json
import sqlite3

from relay.store.records import (
    Conversation,
    Page,
    Participant,
    ParticipantRole,
    contact_of,
    wire_status,
)
from shared_protocol.lifecycle import ConversationStatus as LifecycleStatus

# Joined on keys and folded into JSON, so that a login snapshot of any size costs one
# query, never one per conversation.
SELECT_CONVERSATIONS = (
    "SELECT c.*, v.name AS visitor_name, v.email AS visitor_email, v.phone AS visitor_phone, "
    "(SELECT json_group_array(json_array(p.id, p.agent_id, p.role, p.joined_at, p.left_at)) "
    " FROM conversation_participants p WHERE p.conversation_id = c.id) AS participant_rows "
    "FROM conversations c JOIN visitors v ON v.id = c.visitor_id "
)


def participants_of(conversation_id: int, rows: str | None) -> tuple[Participant, ...]:
    """The participants folded by SELECT_CONVERSATIONS, in the order they joined."""
    listed = json.loads(rows) if rows else []
    listed.sort(key=lambda p: (p[3], p[0]))
    return tuple(
        Participant(conversation_id, agent, ParticipantRole(role), joined, left)
        for _, agent, role, joined, left in listed
    )


def conversation(row: sqlite3.Row) -> Conversation:
    lifecycle = LifecycleStatus(row["status"])
    return Conversation(
        id=row["id"],
        site_id=row["site_id"],
        visitor_id=row["visitor_id"],
        status=wire_status(lifecycle),
        agent_id=row["agent_id"],
        created_at=row["created_at"],
        closed_at=row["closed_at"],
        last_seq=row["last_seq"],
        offline=bool(row["offline"]),
        started_on=(
            Page(url=row["started_url"], title=row["started_title"]) if row["started_url"] else None
        ),
        contact=contact_of(row["visitor_name"], row["visitor_email"], row["visitor_phone"]),
        visitor_read_seq=row["visitor_read_seq"],
        agent_read_seq=row["agent_read_seq"],
        lifecycle=lifecycle,
        department_id=row["department_id"],
        offered_to=row["offered_to"],
        offer_deadline=row["offer_deadline"],
        transfer_to_agent=row["transfer_to_agent"],
        transfer_to_department=row["transfer_to_department"],
        transfer_deadline=row["transfer_deadline"],
        rated=row["rated"],
        participants=participants_of(row["id"], row["participant_rows"]),
    )
