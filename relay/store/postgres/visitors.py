"""Visitors on PostgreSQL: who they are, their visits and the pages they viewed."""

from __future__ import annotations

from collections.abc import Collection

from relay.core.referrer import Arrival, Source
from relay.core.visits import NewestPageView, continues_visit
from relay.store.postgres.conversation_rows import SELECT_CONVERSATIONS
from relay.store.postgres.database import Connection, changed, ids
from relay.store.postgres.repository import Repository
from relay.store.records import (
    Conversation,
    Page,
    PageVisit,
    Visit,
    Visitor,
    VisitorContact,
    VisitSummary,
    contact_of,
)
from relay.store.rows import conversation, page_visit, visit, visit_summary, visitor

# A visitor with the counts rows.visitor reads.
_SELECT_VISITORS = (
    "SELECT v.*, (SELECT COUNT(*) FROM visits WHERE visitor_id = v.id) AS visits, "
    "(SELECT COUNT(*) FROM conversations WHERE visitor_id = v.id) AS conversations "
    "FROM visitors v "
)


async def owner_after_closing(db: Connection, conversation_id: int, owner: int | None) -> None:
    """The owner of a conversation closing now becomes its visitor's own agent, unless an
    agent or admin chose that by hand (in the caller's transaction: the closing's)."""
    if owner is None:
        return
    await db.execute(
        "UPDATE visitors SET owner_agent_id = $1 WHERE NOT owner_set_by_hand "
        "AND id = (SELECT visitor_id FROM conversations WHERE id = $2)",
        owner,
        conversation_id,
    )


class PostgresVisitors(Repository):
    async def create_visitor(self, site_id: int, token_hash: str, now: float) -> Visitor:
        row = await self._db.row(
            "INSERT INTO visitors (site_id, token_hash, first_seen, last_seen) "
            "VALUES ($1, $2, $3, $3) RETURNING id",
            site_id,
            token_hash,
            now,
        )
        assert row is not None
        return Visitor(row[0], site_id, "", now, now, 0)

    async def visitor_by_token(self, site_id: int, token_hash: str) -> Visitor | None:
        row = await self._db.row(
            f"{_SELECT_VISITORS}WHERE v.token_hash = $1 AND v.site_id = $2", token_hash, site_id
        )
        if row is None:
            return None
        return visitor(row)

    async def get_visitor(self, visitor_id: int) -> Visitor | None:
        row = await self._db.row(f"{_SELECT_VISITORS}WHERE v.id = $1", visitor_id)
        return visitor(row) if row else None

    async def set_visitor_owner(
        self, visitor_id: int, agent_id: int | None, *, by_hand: bool
    ) -> bool:
        # A missing agent fails its foreign key: the caller's bug.
        updated = await self._db.rows(
            "UPDATE visitors SET owner_agent_id = $1, owner_set_by_hand = $2 "
            "WHERE id = $3 RETURNING id",
            agent_id,
            by_hand and agent_id is not None,
            visitor_id,
        )
        return bool(updated)

    async def set_visitor_profile(self, visitor_id: int, name: str, email: str, phone: str) -> None:
        await self._db.rows(
            "UPDATE visitors SET name = COALESCE(NULLIF($1, ''), name), "
            "email = COALESCE(NULLIF($2, ''), email), phone = COALESCE(NULLIF($3, ''), phone) "
            "WHERE id = $4",
            name,
            email,
            phone,
            visitor_id,
        )

    async def visitor_contact(self, visitor_id: int) -> VisitorContact | None:
        row = await self._db.row(
            "SELECT name, email, phone FROM visitors WHERE id = $1", visitor_id
        )
        return contact_of(row[0], row[1], row[2]) if row else None


class PostgresVisits(Repository):
    async def begin_visit(
        self,
        visitor_id: int,
        now: float,
        new_after: float,
        ip: str,
        user_agent: str,
        landing: Page | None = None,
        source: Arrival | None = None,
    ) -> Visit:
        async def run(db: Connection) -> Visit:
            # Updating the visitor's row first locks it: the visitor's visits are numbered
            # one at a time, whichever relay the visitor's pages reach.
            await db.execute("UPDATE visitors SET last_seen = $1 WHERE id = $2", now, visitor_id)
            last = await db.fetchrow(
                "SELECT * FROM visits WHERE visitor_id = $1 ORDER BY started_at DESC LIMIT 1",
                visitor_id,
            )
            if last is not None and continues_visit(last["last_activity"], now, new_after):
                await db.execute(
                    "UPDATE visits SET last_activity = $1 WHERE id = $2", now, last["id"]
                )
                return visit(last)
            number = 1 if last is None else last["number"] + 1
            first = landing or Page(url="")
            came = source or Arrival(Source.DIRECT)
            row = await db.fetchrow(
                "INSERT INTO visits (visitor_id, number, started_at, last_activity, ip, "
                "user_agent, landing_url, landing_title, referrer, source, source_name, keyword) "
                "VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *",
                visitor_id,
                number,
                now,
                ip,
                user_agent,
                first.url,
                first.title,
                first.referrer,
                came.source.value,
                came.name,
                came.keyword,
            )
            return visit(row)

        return await self._db.transaction(run)

    async def record_page_view(self, visit_id: int, page: Page, now: float) -> int:
        async def run(db: Connection) -> int:
            await db.execute(
                "UPDATE page_views SET left_at = $1 WHERE visit_id = $2 AND left_at IS NULL",
                now,
                visit_id,
            )
            view_id: int = await db.fetchval(
                "INSERT INTO page_views (visit_id, url, title, referrer, entered_at) "
                "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                visit_id,
                page.url,
                page.title,
                page.referrer,
                now,
            )
            await db.execute("UPDATE visits SET last_activity = $1 WHERE id = $2", now, visit_id)
            return view_id

        return await self._db.transaction(run)

    async def newest_page_view(self, visit_id: int) -> NewestPageView | None:
        # Newest by id: the view recorded last, whatever the clock said when it was.
        row = await self._db.row(
            "SELECT id, url, left_at FROM page_views WHERE visit_id = $1 ORDER BY id DESC LIMIT 1",
            visit_id,
        )
        return NewestPageView(row[0], row[1], row[2]) if row else None

    async def pages_viewed(self, visit_id: int) -> int:
        row = await self._db.row("SELECT COUNT(*) FROM page_views WHERE visit_id = $1", visit_id)
        return int(row[0]) if row else 0

    async def reopen_page_view(self, visit_id: int, view: NewestPageView, now: float) -> bool:
        async def run(db: Connection) -> bool:
            # Compare and set: only while the view is as the caller saw it (closed at the
            # same moment, or open) and no later view of the visit was recorded meanwhile.
            reopened = await db.execute(
                "UPDATE page_views SET left_at = NULL WHERE id = $1 AND visit_id = $2 "
                "AND left_at IS NOT DISTINCT FROM $3 AND NOT EXISTS "
                "(SELECT 1 FROM page_views WHERE visit_id = $2 AND id > $1)",
                view.id,
                visit_id,
                view.left_at,
            )
            if changed(reopened) != 1:
                return False
            await db.execute("UPDATE visits SET last_activity = $1 WHERE id = $2", now, visit_id)
            return True

        return await self._db.transaction(run)

    async def end_page_view(self, visit_id: int, view_id: int | None, now: float) -> None:
        async def run(db: Connection) -> None:
            if view_id is not None:
                await db.execute(
                    "UPDATE page_views SET left_at = $1 WHERE id = $2 AND left_at IS NULL",
                    now,
                    view_id,
                )
            await db.execute("UPDATE visits SET last_activity = $1 WHERE id = $2", now, visit_id)

        await self._db.transaction(run)

    async def touch_visits(self, visit_ids: Collection[int], now: float) -> None:
        if not visit_ids:
            return

        async def run(db: Connection) -> None:
            # GREATEST: a late note never moves a visit's activity back in time. (Two
            # relays touching the same visits at once may deadlock: the loser runs again.)
            await db.execute(
                "UPDATE visits SET last_activity = GREATEST(last_activity, $1) "
                "WHERE id = ANY($2::bigint[])",
                now,
                ids(list(visit_ids)),
            )

        await self._db.transaction(run, doing="touch")

    async def visitor_history(
        self, visitor_id: int, limit: int = 20
    ) -> tuple[list[PageVisit], list[VisitSummary], list[Conversation]]:
        visits = await self._db.rows(
            "SELECT v.*, (SELECT COUNT(*) FROM page_views p WHERE p.visit_id = v.id) AS pages "
            "FROM visits v WHERE v.visitor_id = $1 ORDER BY v.started_at DESC LIMIT $2",
            visitor_id,
            limit,
        )
        path: list[PageVisit] = []
        if visits:
            pages = await self._db.rows(
                "SELECT url, title, entered_at, left_at FROM page_views "
                "WHERE visit_id = $1 ORDER BY entered_at, id",
                visits[0]["id"],
            )
            path = [page_visit(r) for r in pages]
        summaries = [visit_summary(r) for r in visits]
        conversations = await self._db.rows(
            f"{SELECT_CONVERSATIONS}WHERE c.visitor_id = $1 ORDER BY c.created_at DESC LIMIT $2",
            visitor_id,
            limit,
        )
        return path, summaries, [conversation(r) for r in conversations]
