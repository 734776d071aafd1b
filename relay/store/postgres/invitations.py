"""Invitations on PostgreSQL: one open per visitor, the lifecycle's compare-and-set on the
status, the invitation log written in the same transaction, the counts of a rule's A/B
test, and each site's setup document with its version.

Several relays may invite the same visitor, or expire the same invitation, at once: the
unique index on open invitations lets one insert in (the other waits for it and, with
ON CONFLICT DO NOTHING, stores nothing), and a compare-and-set is one UPDATE whose WHERE
PostgreSQL evaluates again on the newest row after waiting, so only one ever wins.
"""

from __future__ import annotations

from collections.abc import Sequence

from relay.store.invitation_rows import (
    COUNT_INVITATIONS,
    EVENT_COLUMNS,
    INSERT_COLUMNS,
    OPEN,
    SELECT_INVITATIONS,
    EventRow,
    added,
    counts,
    event_rows,
    invitation,
    logged,
    new_invitation_values,
    setup,
    transition_values,
)
from relay.store.postgres.database import Connection, changed
from relay.store.postgres.repository import Repository
from relay.store.records import (
    InvitationCounts,
    InvitationLogged,
    InvitationRecord,
    InvitationSetupDocument,
    NewInvitation,
)
from shared_protocol.lifecycle.invitation import InvitationEvent, InvitationState

_INSERT = (
    f"INSERT INTO invitations ({', '.join(INSERT_COLUMNS)}) "
    f"VALUES ({', '.join(f'${n}' for n in range(1, len(INSERT_COLUMNS) + 1))}) "
    f"ON CONFLICT (visitor_id) WHERE {OPEN} DO NOTHING RETURNING id"
)
_INSERT_EVENT = (
    "INSERT INTO invitation_events (invitation_id, kind, at, actor_kind, actor_id, text) "
    "VALUES ($1, $2, $3, $4, $5, $6)"
)
_TRANSITION = (
    "UPDATE invitations SET status = $1, shown_at = $2, ended_at = $3, "
    "conversation_id = COALESCE($4::bigint, conversation_id) WHERE id = $5 AND status = $6"
)


async def _log(db: Connection, rows: list[EventRow]) -> None:
    if rows:
        await db.executemany(_INSERT_EVENT, rows)


class PostgresInvitations(Repository):
    async def add_invitation(
        self, new: NewInvitation, events: Sequence[InvitationEvent]
    ) -> InvitationRecord | None:
        values = new_invitation_values(new)

        async def run(db: Connection) -> int | None:
            new_id: int | None = await db.fetchval(_INSERT, *values)
            if new_id is not None:  # else the visitor has an open one
                await _log(db, event_rows(new_id, events))
            return new_id

        new_id = await self._db.transaction(run, doing="invite")
        return None if new_id is None else added(new_id, new)

    async def get_invitation(self, invitation_id: int) -> InvitationRecord | None:
        row = await self._db.row(f"{SELECT_INVITATIONS}WHERE id = $1", invitation_id)
        return invitation(row) if row else None

    async def open_invitation(self, visitor_id: int) -> InvitationRecord | None:
        row = await self._db.row(
            f"{SELECT_INVITATIONS}WHERE visitor_id = $1 AND {OPEN}", visitor_id
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

        async def run(db: Connection) -> bool:
            if changed(await db.execute(_TRANSITION, *parameters)) != 1:
                return False  # moved meanwhile (or missing): nothing written, nothing logged
            await _log(db, rows)
            return True

        return await self._db.transaction(run, doing="invitation transition")

    async def invitation_history(self, visitor_id: int, limit: int = 200) -> list[InvitationRecord]:
        rows = await self._db.rows(
            f"{SELECT_INVITATIONS}WHERE visitor_id = $1 ORDER BY sent_at DESC, id DESC LIMIT $2",
            visitor_id,
            limit,
        )
        return [invitation(row) for row in rows]

    async def last_chat_closed_at(self, visitor_id: int) -> float | None:
        row = await self._db.row(
            "SELECT max(closed_at) FROM conversations WHERE visitor_id = $1 AND status = 'closed'",
            visitor_id,
        )
        return None if row is None else row[0]

    async def overdue_invitations(self, now: float, limit: int = 500) -> list[InvitationRecord]:
        rows = await self._db.rows(
            f"{SELECT_INVITATIONS}WHERE {OPEN} AND (sent_at + timeout) <= $1 "
            "ORDER BY (sent_at + timeout), id LIMIT $2",
            now,
            limit,
        )
        return [invitation(row) for row in rows]

    async def recent_invitations(self, since: float, limit: int = 500) -> list[InvitationRecord]:
        rows = await self._db.rows(
            f"{SELECT_INVITATIONS}WHERE sent_at >= $1 OR ended_at >= $1 "
            "ORDER BY sent_at DESC, id DESC LIMIT $2",
            since,
            limit,
        )
        return [invitation(row) for row in rows]

    async def invitation_events(self, invitation_id: int) -> list[InvitationLogged]:
        rows = await self._db.rows(
            f"SELECT {EVENT_COLUMNS} FROM invitation_events WHERE invitation_id = $1 ORDER BY id",
            invitation_id,
        )
        return [logged(row) for row in rows]

    async def invitation_counts(
        self, site_id: int, rule_id: str, since: float
    ) -> dict[int | None, InvitationCounts]:
        rows = await self._db.rows(
            f"{COUNT_INVITATIONS}WHERE i.site_id = $1 AND i.rule_id = $2 AND i.sent_at >= $3 "
            "GROUP BY i.variant",
            site_id,
            rule_id,
            since,
        )
        return counts(rows)

    async def invitation_setup(self, site_id: int) -> InvitationSetupDocument:
        row = await self._db.row(
            "SELECT document, version FROM invitation_setups WHERE site_id = $1", site_id
        )
        return setup(site_id, row)

    async def save_invitation_setup(
        self, site_id: int, document: str, expected_version: int
    ) -> bool:
        # One statement each way: two relays saving at once, the first's insert (or
        # update) makes the other's wait, then find the row taken (or the version moved).
        if expected_version == 0:
            saved = await self._db.rows(
                "INSERT INTO invitation_setups (site_id, document, version) VALUES ($1, $2, 1) "
                "ON CONFLICT (site_id) DO NOTHING RETURNING version",
                site_id,
                document,
            )
        else:
            saved = await self._db.rows(
                "UPDATE invitation_setups SET document = $2, version = version + 1 "
                "WHERE site_id = $1 AND version = $3 RETURNING version",
                site_id,
                document,
                expected_version,
            )
        return bool(saved)
