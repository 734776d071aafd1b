"""Invitations on SQLite: one open per visitor (the unique index says so), the lifecycle's
compare-and-set on the status, the invitation log written in the same transaction, the
counts of a rule's A/B test, and each site's setup document with its version.

Every write is one operation of the writer's batch (relay/store/sqlite/database.py):
its checks and changes run inside the batch's transaction, undone alone when it fails.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from relay.store.invitation_rows import (
    COUNT_INVITATIONS,
    EVENT_COLUMNS,
    INSERT_COLUMNS,
    OPEN,
    SELECT_INVITATIONS,
    added,
    counts,
    event_rows,
    invitation,
    logged,
    new_invitation_values,
    setup,
    transition_values,
)
from relay.store.records import (
    InvitationCounts,
    InvitationLogged,
    InvitationRecord,
    InvitationSetupDocument,
    NewInvitation,
)
from relay.store.sqlite.repository import Repository
from shared_protocol.lifecycle.invitation import InvitationEvent, InvitationState

# Another open invitation of the visitor: nothing inserted (rowcount 0).
_INSERT = (
    f"INSERT INTO invitations ({', '.join(INSERT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(INSERT_COLUMNS))}) "
    f"ON CONFLICT (visitor_id) WHERE {OPEN} DO NOTHING"
)
_INSERT_EVENT = (
    "INSERT INTO invitation_events (invitation_id, kind, at, actor_kind, actor_id, text) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
# Compare and set on the status: whoever moved it first, the other finds nothing to change.
_TRANSITION = (
    "UPDATE invitations SET status = ?, shown_at = ?, ended_at = ?, "
    "conversation_id = COALESCE(?, conversation_id) WHERE id = ? AND status = ?"
)


class SqliteInvitations(Repository):
    async def add_invitation(
        self, new: NewInvitation, events: Sequence[InvitationEvent]
    ) -> InvitationRecord | None:
        values = new_invitation_values(new)

        def run(db: sqlite3.Connection) -> int | None:
            cursor = db.execute(_INSERT, values)
            if cursor.rowcount != 1:
                return None  # the visitor has an open one
            assert cursor.lastrowid is not None
            db.executemany(_INSERT_EVENT, event_rows(cursor.lastrowid, events))
            return cursor.lastrowid

        new_id: int | None = await self._db.write(run)
        return None if new_id is None else added(new_id, new)

    async def get_invitation(self, invitation_id: int) -> InvitationRecord | None:
        row = await self._db.row(f"{SELECT_INVITATIONS}WHERE id = ?", (invitation_id,))
        return invitation(row) if row else None

    async def open_invitation(self, visitor_id: int) -> InvitationRecord | None:
        row = await self._db.row(
            f"{SELECT_INVITATIONS}WHERE visitor_id = ? AND {OPEN}", (visitor_id,)
        )
        return invitation(row) if row else None

    async def transition_invitation(
        self,
        invitation_id: int,
        expected: InvitationState,
        new: InvitationState,
        events: Sequence[InvitationEvent],
        *,
        conversation_id: int | None = None,
    ) -> bool:
        parameters = (
            *transition_values(expected, new, events),
            conversation_id,
            invitation_id,
            expected.status.value,
        )
        rows = event_rows(invitation_id, events)

        def run(db: sqlite3.Connection) -> bool:
            if db.execute(_TRANSITION, parameters).rowcount != 1:
                return False  # moved meanwhile (or missing): nothing written, nothing logged
            db.executemany(_INSERT_EVENT, rows)
            return True

        changed: bool = await self._db.write(run)
        return changed

    async def invitation_history(self, visitor_id: int, limit: int = 200) -> list[InvitationRecord]:
        rows = await self._db.rows(
            f"{SELECT_INVITATIONS}WHERE visitor_id = ? ORDER BY sent_at DESC, id DESC LIMIT ?",
            (visitor_id, limit),
        )
        return [invitation(row) for row in rows]

    async def last_chat_closed_at(self, visitor_id: int) -> float | None:
        row = await self._db.row(
            "SELECT max(closed_at) FROM conversations WHERE visitor_id = ? AND status = 'closed'",
            (visitor_id,),
        )
        return None if row is None else row[0]

    async def overdue_invitations(self, now: float, limit: int = 500) -> list[InvitationRecord]:
        rows = await self._db.rows(
            f"{SELECT_INVITATIONS}WHERE {OPEN} AND sent_at + timeout <= ? "
            "ORDER BY sent_at + timeout, id LIMIT ?",
            (now, limit),
        )
        return [invitation(row) for row in rows]

    async def recent_invitations(self, since: float, limit: int = 500) -> list[InvitationRecord]:
        # Each half by its index: with an OR, SQLite reads every invitation in order.
        rows = await self._db.rows(
            f"{SELECT_INVITATIONS}WHERE id IN (SELECT id FROM invitations WHERE sent_at >= ? "
            "UNION ALL SELECT id FROM invitations WHERE ended_at >= ?) "
            "ORDER BY sent_at DESC, id DESC LIMIT ?",
            (since, since, limit),
        )
        return [invitation(row) for row in rows]

    async def invitation_events(self, invitation_id: int) -> list[InvitationLogged]:
        rows = await self._db.rows(
            f"SELECT {EVENT_COLUMNS} FROM invitation_events WHERE invitation_id = ? ORDER BY id",
            (invitation_id,),
        )
        return [logged(row) for row in rows]

    async def invitation_counts(
        self, site_id: int, rule_id: str, since: float
    ) -> dict[int | None, InvitationCounts]:
        rows = await self._db.rows(
            f"{COUNT_INVITATIONS}WHERE i.site_id = ? AND i.rule_id = ? AND i.sent_at >= ? "
            "GROUP BY i.variant",
            (site_id, rule_id, since),
        )
        return counts(rows)

    async def invitation_setup(self, site_id: int) -> InvitationSetupDocument:
        row = await self._db.row(
            "SELECT document, version FROM invitation_setups WHERE site_id = ?", (site_id,)
        )
        return setup(site_id, row)

    async def save_invitation_setup(
        self, site_id: int, document: str, expected_version: int
    ) -> bool:
        def run(db: sqlite3.Connection) -> bool:
            if expected_version == 0:
                cursor = db.execute(
                    "INSERT INTO invitation_setups (site_id, document, version) VALUES (?, ?, 1) "
                    "ON CONFLICT (site_id) DO NOTHING",
                    (site_id, document),
                )
            else:
                cursor = db.execute(
                    "UPDATE invitation_setups SET document = ?, version = version + 1 "
                    "WHERE site_id = ? AND version = ?",
                    (document, site_id, expected_version),
                )
            return cursor.rowcount == 1

        saved: bool = await self._db.write(run)
        return saved
