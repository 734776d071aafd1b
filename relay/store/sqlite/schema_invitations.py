"""The SQLite schema's step 13 (issue 14: proactive invitations); nothing before it changes."""

from __future__ import annotations

import sqlite3

from relay.store.sqlite.schema_first import run_script


def _v13_invitations(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        -- Invitations sent to visitors, by hand or by a rule. No CHECK on status: the
        -- lifecycle's transition table is the one list (shared_protocol/lifecycle).
        CREATE TABLE invitations (
            id INTEGER PRIMARY KEY,
            site_id INTEGER NOT NULL REFERENCES sites(id),
            visitor_id INTEGER NOT NULL REFERENCES visitors(id),
            visit_id INTEGER NOT NULL REFERENCES visits(id),
            status TEXT NOT NULL,
            sent_at REAL NOT NULL,
            timeout REAL NOT NULL,  -- seconds: it ends at sent_at + timeout
            shown_at REAL,
            ended_at REAL,  -- when it reached a final status
            auto_reply TEXT NOT NULL DEFAULT '',  -- left in the chat on expiry
            sent_by_kind TEXT NOT NULL CHECK (sent_by_kind IN ('visitor', 'agent', 'system')),
            sent_by_id INTEGER,  -- the agent's id; NULL for a rule (the system)
            text TEXT NOT NULL,
            style TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'chat',
            rule_id TEXT NOT NULL DEFAULT '',  -- '' for one sent by hand
            variant INTEGER,  -- the A/B test's arm; NULL: the rule runs no test
            agent_id INTEGER REFERENCES agents(id),  -- whose name and photo it shows
            conversation_id INTEGER REFERENCES conversations(id)  -- opened by accepting it
        );
        -- One open invitation per visitor, whichever relay sends it: the second insert
        -- finds the first's and stores nothing.
        CREATE UNIQUE INDEX one_open_invitation_per_visitor
            ON invitations(visitor_id) WHERE status IN ('sent', 'shown');
        -- The open ones by when they run out: what a timer (or a relay after one died)
        -- expires.
        CREATE INDEX open_invitations_by_deadline
            ON invitations(sent_at + timeout) WHERE status IN ('sent', 'shown');
        CREATE INDEX invitations_by_visitor ON invitations(visitor_id, sent_at);
        -- A rule's counts since a moment (its A/B test).
        CREATE INDEX invitations_by_rule ON invitations(site_id, rule_id, sent_at);
        -- What agents are shown at login: sent, or ended, lately.
        CREATE INDEX invitations_by_sent_at ON invitations(sent_at);
        CREATE INDEX invitations_by_ended_at ON invitations(ended_at) WHERE ended_at IS NOT NULL;
        -- Every change of an invitation, written in the transaction that makes it.
        CREATE TABLE invitation_events (
            id INTEGER PRIMARY KEY,
            invitation_id INTEGER NOT NULL REFERENCES invitations(id),
            kind TEXT NOT NULL,
            at REAL NOT NULL,
            actor_kind TEXT NOT NULL CHECK (actor_kind IN ('visitor', 'agent', 'system')),
            actor_id INTEGER,
            text TEXT NOT NULL DEFAULT ''  -- the auto-reply, for auto_replied
        );
        CREATE INDEX invitation_events_by_invitation ON invitation_events(invitation_id, id);
        CREATE TRIGGER invitation_events_are_not_updated BEFORE UPDATE ON invitation_events
            BEGIN SELECT RAISE(ABORT, 'invitation_events is append-only'); END;
        CREATE TRIGGER invitation_events_are_not_deleted BEFORE DELETE ON invitation_events
            BEGIN SELECT RAISE(ABORT, 'invitation_events is append-only'); END;
        -- A site's invitation settings and rules: a JSON document the relay checks; the
        -- version is what a save compares and sets.
        CREATE TABLE invitation_setups (
            site_id INTEGER PRIMARY KEY REFERENCES sites(id),
            document TEXT NOT NULL,
            version INTEGER NOT NULL
        );
        -- A visitor's conversations, for when the last one closed (the invitation policy
        -- asks before each invitation) and their history.
        CREATE INDEX conversations_by_visitor ON conversations(visitor_id, closed_at);
        """,
    )


STEPS = (_v13_invitations,)
