"""Visitors on SQLite: who they are, their visits and the pages they viewed."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from relay.core.referrer import Arrival, Source
from relay.core.visits import NewestPageView, continues_visit
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
from relay.store.sqlite.conversation_rows import SELECT_CONVERSATIONS
from relay.store.sqlite.database import SQL_VARIABLES, chunks
from relay.store.sqlite.repository import Repository

# A visitor with the counts rows.visitor reads.
_SELECT_VISITORS = (
    "SELECT v.*, (SELECT COUNT(*) FROM visits WHERE visitor_id = v.id) AS visits, "
    "(SELECT COUNT(*) FROM conversations WHERE visitor_id = v.id) AS conversations "
    "FROM visitors v "
)


def owner_after_closing(db: sqlite3.Connection, conversation_id: int, owner: int | None) -> None:
    """The owner of a conversation closing now becomes its visitor's own agent, unless an
    agent or admin chose that by hand (in the caller's transaction: the closing's)."""
    if owner is None:
        return
    db.execute(
        "UPDATE visitors SET owner_agent_id = ? WHERE owner_set_by_hand = 0 "
        "AND id = (SELECT visitor_id FROM conversations WHERE id = ?)",
        (owner, conversation_id),
    )


class SqliteVisitors(Repository):
    async def create_visitor(self, site_id: int, token_hash: str, now: float) -> Visitor:
        def run(db: sqlite3.Connection) -> Visitor:
            cursor = db.execute(
                "INSERT INTO visitors (site_id, token_hash, first_seen, last_seen) "
                "VALUES (?, ?, ?, ?)",
                (site_id, token_hash, now, now),
            )
            assert cursor.lastrowid is not None
            return Visitor(cursor.lastrowid, site_id, "", now, now, 0)

        return await self._db.write(run)

    async def visitor_by_token(self, site_id: int, token_hash: str) -> Visitor | None:
        row = await self._db.row(
            f"{_SELECT_VISITORS}WHERE v.token_hash = ? AND v.site_id = ?", (token_hash, site_id)
        )
        if row is None:
            return None
        return visitor(row)

    async def get_visitor(self, visitor_id: int) -> Visitor | None:
        row = await self._db.row(f"{_SELECT_VISITORS}WHERE v.id = ?", (visitor_id,))
        return visitor(row) if row else None

    async def set_visitor_owner(
        self, visitor_id: int, agent_id: int | None, *, by_hand: bool
    ) -> bool:
        def run(db: sqlite3.Connection) -> bool:
            # A missing agent fails its foreign key: the caller's bug.
            cursor = db.execute(
                "UPDATE visitors SET owner_agent_id = ?, owner_set_by_hand = ? WHERE id = ?",
                (agent_id, int(by_hand and agent_id is not None), visitor_id),
            )
            return cursor.rowcount > 0

        changed: bool = await self._db.write(run)
        return changed

    async def set_visitor_profile(self, visitor_id: int, name: str, email: str, phone: str) -> None:
        def run(db: sqlite3.Connection) -> None:
            db.execute(
                "UPDATE visitors SET name = COALESCE(NULLIF(?, ''), name), "
                "email = COALESCE(NULLIF(?, ''), email), phone = COALESCE(NULLIF(?, ''), phone) "
                "WHERE id = ?",
                (name, email, phone, visitor_id),
            )

        await self._db.write(run)

    async def visitor_contact(self, visitor_id: int) -> VisitorContact | None:
        row = await self._db.row(
            "SELECT name, email, phone FROM visitors WHERE id = ?", (visitor_id,)
        )
        return contact_of(row[0], row[1], row[2]) if row else None


class SqliteVisits(Repository):
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
        def run(db: sqlite3.Connection) -> Visit:
            db.execute("UPDATE visitors SET last_seen = ? WHERE id = ?", (now, visitor_id))
            last = db.execute(
                "SELECT * FROM visits WHERE visitor_id = ? ORDER BY started_at DESC LIMIT 1",
                (visitor_id,),
            ).fetchone()
            if last is not None and continues_visit(last["last_activity"], now, new_after):
                db.execute("UPDATE visits SET last_activity = ? WHERE id = ?", (now, last["id"]))
                return visit(last)
            number = 1 if last is None else last["number"] + 1
            first = landing or Page(url="")
            came = source or Arrival(Source.DIRECT)
            cursor = db.execute(
                "INSERT INTO visits (visitor_id, number, started_at, last_activity, ip, "
                "user_agent, landing_url, landing_title, referrer, source, source_name, keyword) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    visitor_id,
                    number,
                    now,
                    now,
                    ip,
                    user_agent,
                    first.url,
                    first.title,
                    first.referrer,
                    came.source.value,
                    came.name,
                    came.keyword,
                ),
            )
            assert cursor.lastrowid is not None
            return visit(
                db.execute("SELECT * FROM visits WHERE id = ?", (cursor.lastrowid,)).fetchone()
            )

        return await self._db.write(run)

    async def record_page_view(self, visit_id: int, page: Page, now: float) -> int:
        def run(db: sqlite3.Connection) -> int:
            db.execute(
                "UPDATE page_views SET left_at = ? WHERE visit_id = ? AND left_at IS NULL",
                (now, visit_id),
            )
            cursor = db.execute(
                "INSERT INTO page_views (visit_id, url, title, referrer, entered_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (visit_id, page.url, page.title, page.referrer, now),
            )
            db.execute("UPDATE visits SET last_activity = ? WHERE id = ?", (now, visit_id))
            assert cursor.lastrowid is not None
            return cursor.lastrowid

        return await self._db.write(run)

    async def newest_page_view(self, visit_id: int) -> NewestPageView | None:
        # Newest by id: the view recorded last, whatever the clock said when it was.
        row = await self._db.row(
            "SELECT id, url, left_at FROM page_views WHERE visit_id = ? ORDER BY id DESC LIMIT 1",
            (visit_id,),
        )
        return NewestPageView(row[0], row[1], row[2]) if row else None

    async def pages_viewed(self, visit_id: int) -> int:
        row = await self._db.row("SELECT COUNT(*) FROM page_views WHERE visit_id = ?", (visit_id,))
        return int(row[0]) if row else 0

    async def reopen_page_view(self, visit_id: int, view: NewestPageView, now: float) -> bool:
        def run(db: sqlite3.Connection) -> bool:
            # Compare and set: only while the view is as the caller saw it (closed at the
            # same moment, or open) and no later view of the visit was recorded meanwhile.
            cursor = db.execute(
                "UPDATE page_views SET left_at = NULL WHERE id = ? AND visit_id = ? "
                "AND left_at IS ? AND NOT EXISTS "
                "(SELECT 1 FROM page_views WHERE visit_id = ? AND id > ?)",
                (view.id, visit_id, view.left_at, visit_id, view.id),
            )
            if cursor.rowcount != 1:
                return False
            db.execute("UPDATE visits SET last_activity = ? WHERE id = ?", (now, visit_id))
            return True

        return await self._db.write(run)

    async def end_page_view(self, visit_id: int, view_id: int | None, now: float) -> None:
        def run(db: sqlite3.Connection) -> None:
            if view_id is not None:
                db.execute(
                    "UPDATE page_views SET left_at = ? WHERE id = ? AND left_at IS NULL",
                    (now, view_id),
                )
            db.execute("UPDATE visits SET last_activity = ? WHERE id = ?", (now, visit_id))

        await self._db.write(run)

    async def touch_visits(self, visit_ids: Collection[int], now: float) -> None:
        def run(db: sqlite3.Connection) -> None:
            for chunk in chunks(sorted(visit_ids), SQL_VARIABLES - 1):
                marks = ", ".join("?" * len(chunk))
                # MAX: a late note never moves a visit's activity back in time.
                db.execute(
                    "UPDATE visits SET last_activity = MAX(last_activity, ?) "
                    f"WHERE id IN ({marks})",
                    (now, *chunk),
                )

        if visit_ids:
            await self._db.write(run)

    async def visitor_history(
        self, visitor_id: int, limit: int = 20
    ) -> tuple[list[PageVisit], list[VisitSummary], list[Conversation]]:
        visits = await self._db.rows(
            "SELECT v.*, (SELECT COUNT(*) FROM page_views p WHERE p.visit_id = v.id) AS pages "
            "FROM visits v WHERE v.visitor_id = ? ORDER BY v.started_at DESC LIMIT ?",
            (visitor_id, limit),
        )
        path: list[PageVisit] = []
        if visits:
            pages = await self._db.rows(
                "SELECT url, title, entered_at, left_at FROM page_views "
                "WHERE visit_id = ? ORDER BY entered_at, id",
                (visits[0]["id"],),
            )
            path = [page_visit(r) for r in pages]
        summaries = [visit_summary(r) for r in visits]
        conversations = await self._db.rows(
            f"{SELECT_CONVERSATIONS}WHERE c.visitor_id = ? ORDER BY c.created_at DESC LIMIT ?",
            (visitor_id, limit),
        )
        return path, summaries, [conversation(r) for r in conversations]
