"""The SQLite schema's steps from 9 on (issue 12: teams, routing, an event log).

Rows that existed before a step are brought along: counters are counted, the event log
starts with what the old rows can tell for certain (marked "migrated" in its details),
and each conversation's agent becomes its owner participant.
"""

from __future__ import annotations

import sqlite3

from relay.store.sqlite.schema_first import run_script


def _v9_sequence_counter(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        -- The last sequence number given in the conversation. The writer adds to it in the
        -- transaction that inserts the messages, so that numbers come from the database
        -- whichever process writes, never from a cache kept by one of them.
        ALTER TABLE conversations ADD COLUMN last_seq INTEGER NOT NULL DEFAULT 0;
        UPDATE conversations SET last_seq = COALESCE(
            (SELECT MAX(seq) FROM messages m WHERE m.conversation_id = conversations.id), 0);
        """,
    )


def _v10_event_log(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        -- Every change of a conversation, written in the transaction that makes it; reports
        -- and the wallboard are computed from it. `details` is a JSON object of the fields
        -- the kind uses (agent, from_agent, department, score, note, role, seq).
        CREATE TABLE conversation_events (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id),
            kind TEXT NOT NULL,
            at REAL NOT NULL,
            actor_kind TEXT NOT NULL CHECK (actor_kind IN ('visitor', 'agent', 'system')),
            actor_id INTEGER,
            details TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX conversation_events_by_conversation
            ON conversation_events(conversation_id, id);
        CREATE INDEX conversation_events_by_time ON conversation_events(at);
        -- The writer records a conversation's first agent reply with INSERT OR IGNORE:
        -- this index is what makes it the first and only one.
        CREATE UNIQUE INDEX one_first_agent_reply
            ON conversation_events(conversation_id) WHERE kind = 'first_agent_reply';
        -- Append-only: a report must be able to trust that history does not move.
        CREATE TRIGGER conversation_events_are_not_updated BEFORE UPDATE ON conversation_events
            BEGIN SELECT RAISE(ABORT, 'conversation_events is append-only'); END;
        CREATE TRIGGER conversation_events_are_not_deleted BEFORE DELETE ON conversation_events
            BEGIN SELECT RAISE(ABORT, 'conversation_events is append-only'); END;
        -- What the old rows tell for certain, in the order it happened. When an agent took
        -- a conversation was never stored, so no `accepted` is made up; nor who closed it.
        INSERT INTO conversation_events (conversation_id, kind, at, actor_kind, actor_id, details)
        SELECT conversation_id, kind, at, actor_kind, actor_id, details FROM (
            SELECT id AS conversation_id, 'created' AS kind, created_at AS at,
                'visitor' AS actor_kind, visitor_id AS actor_id,
                '{"migrated":true}' AS details
            FROM conversations
            UNION ALL
            SELECT m.conversation_id, 'first_agent_reply', m.created_at, 'agent', m.author_id,
                json_object('agent', m.author_id, 'seq', m.seq, 'migrated', json('true'))
            FROM messages m
            WHERE m.author = 'agent' AND m.seq = (
                SELECT MIN(f.seq) FROM messages f
                WHERE f.conversation_id = m.conversation_id AND f.author = 'agent')
            UNION ALL
            SELECT id, 'closed', closed_at, 'system', NULL,
                json_object('agent', agent_id, 'migrated', json('true'))
            FROM conversations WHERE status = 'closed' AND closed_at IS NOT NULL
        ) ORDER BY at, conversation_id;
        """,
    )


def _v11_participants_and_visibility(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        -- The agents in a conversation. One owner at a time (who answers for it); helpers
        -- and supervisors join and leave. A row is never deleted: left_at closes it.
        CREATE TABLE conversation_participants (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id),
            agent_id INTEGER NOT NULL REFERENCES agents(id),
            role TEXT NOT NULL CHECK (role IN ('owner', 'helper', 'supervisor')),
            joined_at REAL NOT NULL,
            left_at REAL
        );
        CREATE INDEX participants_by_conversation
            ON conversation_participants(conversation_id, joined_at);
        -- An agent's current conversations: what routing counts against max_chats.
        CREATE INDEX participants_by_agent
            ON conversation_participants(agent_id) WHERE left_at IS NULL;
        CREATE UNIQUE INDEX one_presence_per_agent
            ON conversation_participants(conversation_id, agent_id) WHERE left_at IS NULL;
        CREATE UNIQUE INDEX one_owner_at_a_time
            ON conversation_participants(conversation_id)
            WHERE role = 'owner' AND left_at IS NULL;
        -- The agent holding a conversation owns it, from their first message in it (or,
        -- silent, from its opening) until it closed.
        INSERT INTO conversation_participants (conversation_id, agent_id, role, joined_at, left_at)
        SELECT c.id, c.agent_id, 'owner',
            COALESCE((SELECT MIN(m.created_at) FROM messages m
                      WHERE m.conversation_id = c.id AND m.author = 'agent'
                      AND m.author_id = c.agent_id), c.created_at),
            c.closed_at
        FROM conversations c WHERE c.agent_id IS NOT NULL ORDER BY c.id;
        -- Notes and whispers between agents: never sent to the visitor.
        ALTER TABLE messages ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public'
            CHECK (visibility IN ('public', 'internal'));
        """,
    )


def _v12_routing(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        CREATE TABLE departments (
            id INTEGER PRIMARY KEY,
            site_id INTEGER NOT NULL REFERENCES sites(id),
            name TEXT NOT NULL,
            created_at REAL NOT NULL,
            UNIQUE (site_id, name)
        );
        CREATE TABLE agent_departments (
            agent_id INTEGER NOT NULL REFERENCES agents(id),
            department_id INTEGER NOT NULL REFERENCES departments(id),
            PRIMARY KEY (agent_id, department_id)
        ) WITHOUT ROWID;
        CREATE INDEX agents_by_department ON agent_departments(department_id, agent_id);
        ALTER TABLE agents ADD COLUMN skills TEXT NOT NULL DEFAULT '[]';  -- JSON array
        ALTER TABLE agents ADD COLUMN level INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE agents ADD COLUMN max_chats INTEGER NOT NULL DEFAULT 5;
        -- Rebuilt (SQLite cannot drop a CHECK in place) for the lifecycle's columns and
        -- without the CHECK on status: the lifecycle's transition table is the one list
        -- of statuses (shared_protocol/lifecycle), and a new status needs no rebuild.
        CREATE TABLE conversations_rebuilt (
            id INTEGER PRIMARY KEY,
            site_id INTEGER NOT NULL REFERENCES sites(id),
            visitor_id INTEGER NOT NULL REFERENCES visitors(id),
            status TEXT NOT NULL,
            agent_id INTEGER REFERENCES agents(id),  -- the owner; kept after closing
            created_at REAL NOT NULL,
            closed_at REAL,
            offline INTEGER NOT NULL DEFAULT 0,
            started_url TEXT NOT NULL DEFAULT '',
            started_title TEXT NOT NULL DEFAULT '',
            visitor_read_seq INTEGER NOT NULL DEFAULT 0,
            agent_read_seq INTEGER NOT NULL DEFAULT 0,
            last_seq INTEGER NOT NULL DEFAULT 0,
            department_id INTEGER REFERENCES departments(id),
            offered_to INTEGER REFERENCES agents(id),  -- set while offered
            offer_deadline REAL,
            transfer_to_agent INTEGER REFERENCES agents(id),  -- set while transferring
            transfer_to_department INTEGER REFERENCES departments(id),
            transfer_deadline REAL,
            rated INTEGER CHECK (rated BETWEEN 1 AND 5)  -- the visitor's score; NULL: none
        );
        INSERT INTO conversations_rebuilt (id, site_id, visitor_id, status, agent_id,
            created_at, closed_at, offline, started_url, started_title, visitor_read_seq,
            agent_read_seq, last_seq)
        SELECT id, site_id, visitor_id, status, agent_id, created_at, closed_at, offline,
            started_url, started_title, visitor_read_seq, agent_read_seq, last_seq
        FROM conversations;
        DROP TABLE conversations;
        ALTER TABLE conversations_rebuilt RENAME TO conversations;
        -- A visitor has at most one conversation that is not closed.
        CREATE UNIQUE INDEX one_open_conversation_per_visitor
            ON conversations(visitor_id) WHERE status != 'closed';
        """,
    )


STEPS = (
    _v9_sequence_counter,
    _v10_event_log,
    _v11_participants_and_visibility,
    _v12_routing,
)
