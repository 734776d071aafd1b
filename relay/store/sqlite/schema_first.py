"""The SQLite schema's steps 1 to 8, as shipped before issue 12: never edited again."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: executescript() would commit the open transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement!r}")


def _v1_initial(db: sqlite3.Connection) -> None:
    # Long on purpose: the first schema as one SQL script, as it shipped (never edited).
    run_script(
        db,
        """
        CREATE TABLE sites (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            origins TEXT NOT NULL,            -- JSON array of allowed page origins
            created_at REAL NOT NULL
        );
        CREATE TABLE agents (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
            password_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL
        );
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            agent_id INTEGER NOT NULL REFERENCES agents(id),
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            revoked INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE visitors (
            id INTEGER PRIMARY KEY,
            site_id INTEGER NOT NULL REFERENCES sites(id),
            token_hash TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL DEFAULT '',
            first_seen REAL NOT NULL,
            last_seen REAL NOT NULL
        );
        CREATE TABLE visits (
            id INTEGER PRIMARY KEY,
            visitor_id INTEGER NOT NULL REFERENCES visitors(id),
            number INTEGER NOT NULL,
            started_at REAL NOT NULL,
            last_activity REAL NOT NULL,
            ip TEXT NOT NULL DEFAULT '',
            user_agent TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX visits_by_visitor ON visits(visitor_id, started_at);
        CREATE TABLE page_views (
            id INTEGER PRIMARY KEY,
            visit_id INTEGER NOT NULL REFERENCES visits(id),
            url TEXT NOT NULL,
            title TEXT NOT NULL,
            referrer TEXT NOT NULL,
            entered_at REAL NOT NULL,
            left_at REAL
        );
        CREATE INDEX page_views_by_visit ON page_views(visit_id, entered_at);
        CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            site_id INTEGER NOT NULL REFERENCES sites(id),
            visitor_id INTEGER NOT NULL REFERENCES visitors(id),
            status TEXT NOT NULL CHECK (status IN ('waiting', 'active', 'closed')),
            agent_id INTEGER REFERENCES agents(id),
            created_at REAL NOT NULL,
            closed_at REAL
        );
        -- A visitor has at most one conversation that is not closed.
        CREATE UNIQUE INDEX one_open_conversation_per_visitor
            ON conversations(visitor_id) WHERE status != 'closed';
        -- Rows are appended in commit order (rowid); the indexes find them by conversation
        -- and by client id. Keyed by rowid, a batch of messages from many conversations
        -- dirties a few table pages instead of one page per conversation.
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id),
            seq INTEGER NOT NULL,
            client_id TEXT NOT NULL,
            author TEXT NOT NULL CHECK (author IN ('visitor', 'agent', 'system')),
            author_id INTEGER NOT NULL,
            author_name TEXT NOT NULL,
            text TEXT NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE UNIQUE INDEX messages_by_seq ON messages(conversation_id, seq);
        -- A client-made id is stored once per author: resends are recognised.
        CREATE UNIQUE INDEX messages_by_client_id ON messages(client_id, author, author_id);
        """,
    )


def _v2_widget(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        ALTER TABLE sites ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';  -- SiteSettings, JSON
        ALTER TABLE visitors ADD COLUMN email TEXT NOT NULL DEFAULT '';
        ALTER TABLE visitors ADD COLUMN phone TEXT NOT NULL DEFAULT '';
        -- Opened while no agent was online: a message left for later.
        ALTER TABLE conversations ADD COLUMN offline INTEGER NOT NULL DEFAULT 0;
        """,
    )


def _v3_agent_photo(db: sqlite3.Connection) -> None:
    run_script(db, "ALTER TABLE agents ADD COLUMN avatar_url TEXT NOT NULL DEFAULT '';")


def _v4_visit_source(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        ALTER TABLE visits ADD COLUMN landing_url TEXT NOT NULL DEFAULT '';
        ALTER TABLE visits ADD COLUMN landing_title TEXT NOT NULL DEFAULT '';
        ALTER TABLE visits ADD COLUMN referrer TEXT NOT NULL DEFAULT '';
        ALTER TABLE visits ADD COLUMN source TEXT NOT NULL DEFAULT '';
        ALTER TABLE visits ADD COLUMN source_name TEXT NOT NULL DEFAULT '';
        ALTER TABLE visits ADD COLUMN keyword TEXT NOT NULL DEFAULT '';
        """,
    )


def _v5_conversation_page(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        ALTER TABLE conversations ADD COLUMN started_url TEXT NOT NULL DEFAULT '';
        ALTER TABLE conversations ADD COLUMN started_title TEXT NOT NULL DEFAULT '';
        """,
    )


def _v6_conversation_craft(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        ALTER TABLE messages ADD COLUMN reply_to INTEGER;  -- the seq it quotes, same conversation
        ALTER TABLE messages ADD COLUMN file_id TEXT;
        ALTER TABLE messages ADD COLUMN withdrawn_at REAL;
        -- Who withdrew what and when; the message itself keeps neither text nor file.
        CREATE TABLE withdrawals (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            agent_id INTEGER NOT NULL,
            agent_name TEXT NOT NULL,
            text TEXT NOT NULL,
            file_name TEXT NOT NULL,
            sent_at REAL NOT NULL,
            withdrawn_at REAL NOT NULL
        );
        -- Uploaded files; `id` is also the random file name inside DATA_DIR/files.
        CREATE TABLE files (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            size INTEGER NOT NULL,
            content_type TEXT NOT NULL,
            uploader TEXT NOT NULL CHECK (uploader IN ('visitor', 'agent')),
            uploader_id INTEGER NOT NULL,
            created_at REAL NOT NULL
        );
        -- Canned phrases: shared (owner_id NULL, managed by admins) or one agent's own.
        CREATE TABLE phrases (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER REFERENCES agents(id),
            category TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL,
            shortcut TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'link', 'file')),
            url TEXT NOT NULL DEFAULT '',
            file_id TEXT REFERENCES files(id),
            updated_at REAL NOT NULL
        );
        CREATE INDEX phrases_by_owner ON phrases(owner_id);
        """,
    )


def _v7_read_marks(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        -- Read receipts: every message up to this seq was seen by the visitor / by an agent.
        -- Two numbers per conversation, not a row per reader: a read costs one small UPDATE.
        ALTER TABLE conversations ADD COLUMN visitor_read_seq INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE conversations ADD COLUMN agent_read_seq INTEGER NOT NULL DEFAULT 0;
        """,
    )


def _v8_epoch(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        -- Which history the sequence numbers belong to (relay/store/epoch.py): a copy or a
        -- restored backup gets a new epoch. `commits` counts the serving relay's commits,
        -- so that a database put back behind its marker shows.
        CREATE TABLE epoch (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            epoch TEXT NOT NULL,
            commits INTEGER NOT NULL
        );
        INSERT INTO epoch (id, epoch, commits) VALUES (1, lower(hex(randomblob(16))), 0);
        """,
    )


STEPS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _v1_initial,
    _v2_widget,
    _v3_agent_photo,
    _v4_visit_source,
    _v5_conversation_page,
    _v6_conversation_craft,
    _v7_read_marks,
    _v8_epoch,
)
