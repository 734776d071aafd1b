"""Agents on SQLite: accounts, their sessions, and the departments they answer for."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection

from relay.store.errors import DuplicateName
from relay.store.records import Agent, Department, Role
from relay.store.rows import DEPARTMENT_COLUMNS, agent, department
from relay.store.sqlite.database import chunks
from relay.store.sqlite.repository import Repository

# An agent with the ids of its departments (a list, not a row per department).
_DEPARTMENT_IDS = (
    "(SELECT group_concat(d.department_id) FROM agent_departments d "
    "WHERE d.agent_id = a.id) AS department_ids"
)
_SELECT_AGENTS = f"SELECT a.*, {_DEPARTMENT_IDS} FROM agents a "


class SqliteAgents(Repository):
    async def add_agent(
        self, name: str, display_name: str, role: Role, password_hash: str, now: float
    ) -> Agent:
        def run(db: sqlite3.Connection) -> Agent:
            try:
                cursor = db.execute(
                    "INSERT INTO agents (name, display_name, role, password_hash, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (name, display_name, role, password_hash, now),
                )
            except sqlite3.IntegrityError:
                raise DuplicateName(f"an agent named {name!r} exists already") from None
            assert cursor.lastrowid is not None
            return Agent(cursor.lastrowid, name, display_name, role, password_hash, False, now)

        return await self._db.write(run)

    async def get_agent(self, name: str) -> Agent | None:
        row = await self._db.row(f"{_SELECT_AGENTS}WHERE a.name = ?", (name,))
        return agent(row) if row else None

    async def agent_by_id(self, agent_id: int) -> Agent | None:
        row = await self._db.row(f"{_SELECT_AGENTS}WHERE a.id = ?", (agent_id,))
        return agent(row) if row else None

    async def set_agent_profile(
        self, name: str, *, display_name: str | None, avatar_url: str | None
    ) -> bool:
        def run(db: sqlite3.Connection) -> bool:
            cursor = db.execute(
                "UPDATE agents SET display_name = COALESCE(?, display_name), "
                "avatar_url = COALESCE(?, avatar_url) WHERE name = ?",
                (display_name, avatar_url, name),
            )
            return cursor.rowcount > 0

        return await self._db.write(run)

    async def list_agents(self) -> list[Agent]:
        return [agent(row) for row in await self._db.rows(f"{_SELECT_AGENTS}ORDER BY a.name")]

    async def set_agent_disabled(self, name: str, disabled: bool) -> bool:
        def run(db: sqlite3.Connection) -> bool:
            cursor = db.execute(
                "UPDATE agents SET disabled = ? WHERE name = ?", (int(disabled), name)
            )
            if disabled:
                db.execute(
                    "UPDATE sessions SET revoked = 1 "
                    "WHERE agent_id = (SELECT id FROM agents WHERE name = ?)",
                    (name,),
                )
            return cursor.rowcount > 0

        return await self._db.write(run)

    async def set_agent_password(self, agent_id: int, password_hash: str) -> None:
        def run(db: sqlite3.Connection) -> None:
            db.execute(
                "UPDATE agents SET password_hash = ? WHERE id = ?", (password_hash, agent_id)
            )

        await self._db.write(run)

    async def set_agent_routing(
        self,
        name: str,
        *,
        skills: Collection[str] | None = None,
        level: int | None = None,
        max_chats: int | None = None,
        role: Role | None = None,
    ) -> bool:
        listed = None if skills is None else json.dumps(sorted(set(skills)))

        def run(db: sqlite3.Connection) -> bool:
            cursor = db.execute(
                "UPDATE agents SET skills = COALESCE(?, skills), level = COALESCE(?, level), "
                "max_chats = COALESCE(?, max_chats), role = COALESCE(?, role) WHERE name = ?",
                (listed, level, max_chats, role, name),
            )
            return cursor.rowcount > 0

        return await self._db.write(run)

    async def set_agent_departments(self, name: str, department_ids: Collection[int]) -> bool:
        def run(db: sqlite3.Connection) -> bool:
            row = db.execute("SELECT id FROM agents WHERE name = ?", (name,)).fetchone()
            if row is None:
                return False
            db.execute("DELETE FROM agent_departments WHERE agent_id = ?", (row[0],))
            # A department that does not exist fails its foreign key: the caller's bug.
            db.executemany(
                "INSERT INTO agent_departments (agent_id, department_id) VALUES (?, ?)",
                [(row[0], d) for d in sorted(set(department_ids))],
            )
            return True

        return await self._db.write(run)


class SqliteDepartments(Repository):
    async def add_department(self, site_id: int, name: str, now: float) -> Department:
        added = await self.save_department(site_id, None, name, "{}", now)
        assert added is not None  # a new one is never missing
        return added

    async def save_department(
        self, site_id: int, department_id: int | None, name: str, settings_json: str, now: float
    ) -> Department | None:
        def run(db: sqlite3.Connection) -> Department | None:
            if (
                department_id is not None
                and not db.execute(
                    "SELECT 1 FROM departments WHERE id = ? AND site_id = ?",
                    (department_id, site_id),
                ).fetchone()
            ):
                return None
            if db.execute(
                "SELECT 1 FROM departments WHERE site_id = ? AND name = ? AND id IS NOT ?",
                (site_id, name, department_id),
            ).fetchone():
                raise DuplicateName(f"the site has a department named {name!r} already")
            saved = department_id
            if saved is None:
                cursor = db.execute(
                    "INSERT INTO departments (site_id, name, created_at, settings, position) "
                    "VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 "
                    "FROM departments WHERE site_id = ?))",
                    (site_id, name, now, settings_json, site_id),
                )
                saved = cursor.lastrowid
            else:
                db.execute(
                    "UPDATE departments SET name = ?, settings = ? WHERE id = ?",
                    (name, settings_json, saved),
                )
            row = db.execute(
                f"SELECT {DEPARTMENT_COLUMNS} FROM departments WHERE id = ?", (saved,)
            ).fetchone()
            return department(row)

        saved: Department | None = await self._db.write(run)
        return saved

    async def department(self, department_id: int) -> Department | None:
        row = await self._db.row(
            f"SELECT {DEPARTMENT_COLUMNS} FROM departments WHERE id = ?", (department_id,)
        )
        return department(row) if row else None

    async def departments(self, site_id: int) -> list[Department]:
        rows = await self._db.rows(
            f"SELECT {DEPARTMENT_COLUMNS} FROM departments WHERE site_id = ? ORDER BY position, id",
            (site_id,),
        )
        return [department(row) for row in rows]

    async def department_members(self, department_id: int) -> list[int]:
        rows = await self._db.rows(
            "SELECT agent_id FROM agent_departments WHERE department_id = ? ORDER BY agent_id",
            (department_id,),
        )
        return [row[0] for row in rows]


class SqliteSessions(Repository):
    async def create_session(
        self, agent_id: int, token_hash: str, expires_at: float, now: float
    ) -> None:
        def run(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT INTO sessions (token_hash, agent_id, created_at, expires_at) "
                "VALUES (?, ?, ?, ?)",
                (token_hash, agent_id, now, expires_at),
            )

        await self._db.write(run)

    async def session_agent(self, token_hash: str, now: float) -> tuple[Agent, float] | None:
        row = await self._db.row(
            f"SELECT a.*, {_DEPARTMENT_IDS}, s.expires_at AS session_expires "
            "FROM sessions s JOIN agents a ON a.id = s.agent_id "
            "WHERE s.token_hash = ? AND s.revoked = 0 AND s.expires_at > ? AND a.disabled = 0",
            (token_hash, now),
        )
        return (agent(row), row["session_expires"]) if row else None

    async def revoke_session(self, token_hash: str) -> None:
        def run(db: sqlite3.Connection) -> None:
            db.execute("UPDATE sessions SET revoked = 1 WHERE token_hash = ?", (token_hash,))

        await self._db.write(run)

    async def live_sessions(self, token_hashes: Collection[str], now: float) -> set[str]:
        live: set[str] = set()
        for chunk in chunks(sorted(token_hashes)):
            marks = ",".join("?" * len(chunk))
            rows = await self._db.rows(
                "SELECT s.token_hash FROM sessions s JOIN agents a ON a.id = s.agent_id "
                f"WHERE s.token_hash IN ({marks}) AND s.revoked = 0 AND s.expires_at > ? "
                "AND a.disabled = 0",
                (*chunk, now),
            )
            live.update(row[0] for row in rows)
        return live
