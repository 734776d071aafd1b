"""How a conversation is read on PostgreSQL: one SELECT with its visitor's contact and its
participants (made into a record by relay.store.rows.conversation), shared by the
repositories of conversations and of visitors, whose history lists them."""

from __future__ import annotations

# Joined on keys and folded into JSON text (as SQLite gives it), so that a login snapshot
# of any size costs one query, never one per conversation.
SELECT_CONVERSATIONS = (
    "SELECT c.*, v.name AS visitor_name, v.email AS visitor_email, v.phone AS visitor_phone, "
    "(SELECT json_agg(json_build_array(p.id, p.agent_id, p.role, p.joined_at, p.left_at))::text"
    " FROM conversation_participants p WHERE p.conversation_id = c.id) AS participant_rows "
    "FROM conversations c JOIN visitors v ON v.id = c.visitor_id "
)
