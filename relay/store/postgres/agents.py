"""Agents on PostgreSQL: accounts, their sessions, and the departments they answer for."""

from __future__ import annotations

import json
from collections.abc import Collection

import asyncpg

from relay.store.errors import DuplicateName
from relay.store.postgres.database import Connection
from relay.store.postgres.repository import Repository
from relay.store.records import Agent, Department, Role
from relay.store.rows import DEPARTMENT_COLUMNS, agent, department

# An agent with the ids of its departments as "1,2", as every back end's rows give them
# (relay/store/rows.py); asyncpg gives jsonb (skills) as its JSON text.
_DEPARTMENT_IDS = (
    "(SELECT string_agg(d.department_id::text, ',') FROM agent_departments d "
    "WHERE d.agent_id = a.id) AS department_ids"
)
_SELECT_AGENTS = f"SELECT a.*, {_DEPARTMENT_IDS} FROM agents a "


class PostgresAgents(Repository):
    async def add_agent(
        self, name: str, display_name: str, role: Role, password_hash: str, now: float
    ) -> Agent:
        async def run(db: Connection) -> Agent:
            try:
                new_id = await db.fetchval(
                    "INSERT INTO agents (name, display_name, role, password_hash, created_at) "
                    "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    name,
                    display_name,
                    role,
                    password_hash,
                    now,
                )
            except asyncpg.UniqueViolationError:
                raise DuplicateName(f"an agent named {name!r} exists already") from None
            return Agent(new_id, name, display_name, role, password_hash, False, now)

        return await self._db.transaction(run)

    async def get_agent(self, name: str) -> Agent | None:
        row = await self._db.row(f"{_SELECT_AGENTS}WHERE a.name = $1", name)
        return agent(row) if row else None

    async def agent_by_id(self, agent_id: int) -> Agent | None:
        row = await self._db.row(f"{_SELECT_AGENTS}WHERE a.id = $1", agent_id)
        return agent(row) if row else None

    async def set_agent_profile(
        self, name: str, *, display_name: str | None, avatar_url: str | None
    ) -> bool:
        updated = await self._db.rows(
            "UPDATE agents SET display_name = COALESCE($1, display_name), "
            "avatar_url = COALESCE($2, avatar_url) WHERE name = $3 RETURNING id",
            display_name,
            avatar_url,
            name,
        )
        return bool(updated)

    async def list_agents(self) -> list[Agent]:
        return [agent(row) for row in await self._db.rows(f"{_SELECT_AGENTS}ORDER BY a.name")]

    async def set_agent_disabled(self, name: str, disabled: bool) -> bool:
        async def run(db: Connection) -> bool:
            agent_id = await db.fetchval(
                "UPDATE agents SET disabled = $1 WHERE name = $2 RETURNING id", disabled, name
            )
            if disabled and agent_id is not None:
                await db.execute("UPDATE sessions SET revoked = true WHERE agent_id = $1", agent_id)
            return agent_id is not None

        return await self._db.transaction(run)

    async def set_agent_password(self, agent_id: int, password_hash: str) -> None:
        await self._db.rows(
            "UPDATE agents SET password_hash = $1 WHERE id = $2", password_hash, agent_id
        )

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
        updated = await self._db.rows(
            "UPDATE agents SET skills = COALESCE($1::jsonb, skills), "
            "level = COALESCE($2, level), max_chats = COALESCE($3, max_chats), "
            "role = COALESCE($5, role) WHERE name = $4 RETURNING id",
            listed,
            level,
            max_chats,
            name,
            role,
        )
        return bool(updated)

    async def set_agent_departments(self, name: str, department_ids: Collection[int]) -> bool:
        async def run(db: Connection) -> bool:
            agent_id = await db.fetchval("SELECT id FROM agents WHERE name = $1", name)
            if agent_id is None:
                return False
            await db.execute("DELETE FROM agent_departments WHERE agent_id = $1", agent_id)
            # A department that does not exist fails its foreign key: the caller's bug.
            await db.execute(
                "INSERT INTO agent_departments (agent_id, department_id) "
                "SELECT $1, unnest($2::bigint[])",
                agent_id,
                sorted(set(department_ids)),
            )
            return True

        return await self._db.transaction(run)


# PostgreSQL's name for departments' UNIQUE (site_id, name).
_ONE_NAME_PER_SITE = "departments_site_id_name_key"


class PostgresDepartments(Repository):
    async def add_department(self, site_id: int, name: str, now: float) -> Department:
        added = await self.save_department(site_id, None, name, "{}", now)
        assert added is not None  # a new one is never missing
        return added

    async def save_department(
        self, site_id: int, department_id: int | None, name: str, settings_json: str, now: float
    ) -> Department | None:
        taken = DuplicateName(f"the site has a department named {name!r} already")

        async def run(db: Connection) -> Department | None:
            try:
                if department_id is None:
                    # The site's row locked: two added at once are listed one after the other.
                    await db.execute("SELECT 1 FROM sites WHERE id = $1 FOR NO KEY UPDATE", site_id)
                    row = await db.fetchrow(
                        "INSERT INTO departments (site_id, name, created_at, settings, position) "
                        "VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(position), 0) + 1 "
                        "FROM departments WHERE site_id = $1)) "
                        f"ON CONFLICT (site_id, name) DO NOTHING RETURNING {DEPARTMENT_COLUMNS}",
                        site_id,
                        name,
                        now,
                        settings_json,
                    )
                    if row is None:
                        raise taken
                    return department(row)
                row = await db.fetchrow(
                    "UPDATE departments SET name = $1, settings = $2 WHERE id = $3 "
                    f"AND site_id = $4 RETURNING {DEPARTMENT_COLUMNS}",
                    name,
                    settings_json,
                    department_id,
                    site_id,
                )
            except asyncpg.UniqueViolationError as error:
                if error.constraint_name != _ONE_NAME_PER_SITE:
                    raise  # not the name: a bug, sorted as one by the transaction
                raise taken from None
            return department(row) if row else None

        return await self._db.transaction(run)

    async def department(self, department_id: int) -> Department | None:
        row = await self._db.row(
            f"SELECT {DEPARTMENT_COLUMNS} FROM departments WHERE id = $1", department_id
        )
        return department(row) if row else None

    async def departments(self, site_id: int) -> list[Department]:
        rows = await self._db.rows(
            f"SELECT {DEPARTMENT_COLUMNS} FROM departments WHERE site_id = $1 "
            "ORDER BY position, id",
            site_id,
        )
        return [department(row) for row in rows]

    async def department_members(self, department_id: int) -> list[int]:
        rows = await self._db.rows(
            "SELECT agent_id FROM agent_departments WHERE department_id = $1 ORDER BY agent_id",
            department_id,
        )
        return [row[0] for row in rows]


class PostgresSessions(Repository):
    async def create_session(
        self, agent_id: int, token_hash: str, expires_at: float, now: float
    ) -> None:
        await self._db.rows(
            "INSERT INTO sessions (token_hash, agent_id, created_at, expires_at) "
            "VALUES ($1, $2, $3, $4)",
            token_hash,
            agent_id,
            now,
            expires_at,
        )

    async def session_agent(self, token_hash: str, now: float) -> tuple[Agent, float] | None:
        row = await self._db.row(
            f"SELECT a.*, {_DEPARTMENT_IDS}, "
            "s.expires_at AS session_expires FROM sessions s JOIN agents a ON a.id = s.agent_id "
            "WHERE s.token_hash = $1 AND NOT s.revoked AND s.expires_at > $2 AND NOT a.disabled",
            token_hash,
            now,
        )
        return (agent(row), row["session_expires"]) if row else None

    async def revoke_session(self, token_hash: str) -> None:
        await self._db.rows("UPDATE sessions SET revoked = true WHERE token_hash = $1", token_hash)

    async def live_sessions(self, token_hashes: Collection[str], now: float) -> set[str]:
        rows = await self._db.rows(
            "SELECT s.token_hash FROM sessions s JOIN agents a ON a.id = s.agent_id "
            "WHERE s.token_hash = ANY($1::text[]) AND NOT s.revoked AND s.expires_at > $2 "
            "AND NOT a.disabled",
            sorted(token_hashes),
            now,
        )
        return {row[0] for row in rows}
