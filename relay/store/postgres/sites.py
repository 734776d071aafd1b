"""Sites on PostgreSQL: the web sites the relay serves, their origins and widget settings."""

from __future__ import annotations

import json
from collections.abc import Collection

import asyncpg
import msgspec

from relay.store.errors import DuplicateName
from relay.store.postgres.database import Connection
from relay.store.postgres.repository import Repository
from relay.store.records import Site, SiteSettings
from relay.store.rows import site

# JSON as text, as every back end's rows give it (relay/store/rows.py).
_SELECT_SITES = (
    "SELECT id, key, name, origins::text AS origins, created_at, settings::text AS settings "
    "FROM sites "
)


class PostgresSites(Repository):
    async def add_site(self, key: str, name: str, origins: Collection[str], now: float) -> Site:
        async def run(db: Connection) -> Site:
            try:
                new_id = await db.fetchval(
                    "INSERT INTO sites (key, name, origins, created_at) "
                    "VALUES ($1, $2, $3::jsonb, $4) RETURNING id",
                    key,
                    name,
                    json.dumps(sorted(origins)),
                    now,
                )
            except asyncpg.UniqueViolationError:
                raise DuplicateName(f"a site with key {key!r} exists already") from None
            return Site(new_id, key, name, tuple(sorted(origins)), now, SiteSettings())

        return await self._db.transaction(run)

    async def set_site_origins(self, key: str, origins: Collection[str]) -> None:
        await self._db.rows(
            "UPDATE sites SET origins = $1::jsonb WHERE key = $2",
            json.dumps(sorted(origins)),
            key,
        )

    async def set_site_settings(self, key: str, settings: SiteSettings) -> bool:
        updated = await self._db.rows(
            "UPDATE sites SET settings = $1::jsonb WHERE key = $2 RETURNING id",
            msgspec.json.encode(settings).decode(),
            key,
        )
        return bool(updated)

    async def get_site(self, key: str) -> Site | None:
        row = await self._db.row(f"{_SELECT_SITES}WHERE key = $1", key)
        return site(row) if row else None

    async def list_sites(self) -> list[Site]:
        return [site(row) for row in await self._db.rows(f"{_SELECT_SITES}ORDER BY id")]
