"""The SQLite schema's step 14 (issue 15: teams): the supervisor role, departments'
routing settings and order, a visitor's own agent, a conversation's place in its
department and minimum level, and the indexes the assigner reads by; nothing before it
changes. Rows that existed before are brought along."""

from __future__ import annotations

import sqlite3

from relay.store.sqlite.schema_first import run_script


def _v14_routing(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        -- Rebuilt (SQLite cannot change a CHECK in place) for the supervisor role, with
        -- the same columns in the same order and the same ids: the tables that refer to
        -- agents(id) find their rows in the new one (the migration checks it).
        CREATE TABLE agents_rebuilt (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'agent')),
            password_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            avatar_url TEXT NOT NULL DEFAULT '',
            skills TEXT NOT NULL DEFAULT '[]',  -- JSON array
            level INTEGER NOT NULL DEFAULT 1,
            max_chats INTEGER NOT NULL DEFAULT 5
        );
        INSERT INTO agents_rebuilt (id, name, display_name, role, password_hash, disabled,
            created_at, avatar_url, skills, level, max_chats)
        SELECT id, name, display_name, role, password_hash, disabled, created_at,
            avatar_url, skills, level, max_chats
        FROM agents;
        DROP TABLE agents;
        ALTER TABLE agents_rebuilt RENAME TO agents;
        -- A department's routing settings: JSON of frames.RoutingSettings ('{}': the
        -- defaults), which the relay checks and the store only keeps; and its place in
        -- the pre-chat form's list. Existing ones keep the order they were listed in
        -- (by name).
        ALTER TABLE departments ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE departments ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
        UPDATE departments SET position = (
            SELECT COUNT(*) FROM departments d
            WHERE d.site_id = departments.site_id AND d.name <= departments.name);
        -- The visitor's own agent: set by hand, or else the owner of their last
        -- conversation when it closed (brought along from the conversations closed so far).
        ALTER TABLE visitors ADD COLUMN owner_agent_id INTEGER REFERENCES agents(id);
        ALTER TABLE visitors ADD COLUMN owner_set_by_hand INTEGER NOT NULL DEFAULT 0;
        UPDATE visitors SET owner_agent_id = (
            SELECT c.agent_id FROM conversations c
            WHERE c.visitor_id = visitors.id AND c.status = 'closed'
            AND c.agent_id IS NOT NULL
            ORDER BY c.closed_at DESC, c.id DESC LIMIT 1);
        -- When the conversation entered its department (opened, or a transfer through a
        -- department accepted): its place in the queue. And the lowest level of agent who
        -- may take it (an escalation raises it).
        ALTER TABLE conversations ADD COLUMN entered_department_at REAL NOT NULL DEFAULT 0;
        UPDATE conversations SET entered_department_at = created_at;
        ALTER TABLE conversations ADD COLUMN min_level INTEGER NOT NULL DEFAULT 1;
        -- What the assigner reads: a department's conversations nobody holds, in order.
        CREATE INDEX untaken_by_department
            ON conversations(department_id, entered_department_at, id)
            WHERE status IN ('waiting', 'queued', 'offered');
        -- When each agent last took a conversation ("longest idle").
        CREATE INDEX conversation_events_taken_by
            ON conversation_events(json_extract(details, '$.agent'), at)
            WHERE kind IN ('accepted', 'assigned', 'transferred');
        """,
    )


STEPS = (_v14_routing,)
