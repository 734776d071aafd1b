"""Sites on SQLite: the web sites the relay serves, their origins and widget settings."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection

import msgspec

from relay.store.errors import DuplicateName
from relay.store.records import Site, SiteSettings
from relay.store.rows import site
from relay.store.sqlite.repository import Repository


class SqliteSites(Repository):
    async def add_site(self, key: str, name: str, origins: Collection[str], now: float) -> Site:
        def run(db: sqlite3.Connection) -> Site:
            try:
                cursor = db.execute(
                    "INSERT INTO sites (key, name, origins, created_at) VALUES (?, ?, ?, ?)",
                    (key, name, json.dumps(sorted(origins)), now),
                )
            except sqlite3.IntegrityError:
                raise DuplicateName(f"a site with key {key!r} exists already") from None
            assert cursor.lastrowid is not None
            return Site(cursor.lastrowid, key, name, tuple(sorted(origins)), now, SiteSettings())

        return await self._db.write(run)

    async def set_site_origins(self, key: str, origins: Collection[str]) -> None:
        def run(db: sqlite3.Connection) -> None:
            db.execute(
                "UPDATE sites SET origins = ? WHERE key = ?", (json.dumps(sorted(origins)), key)
            )

        await self._db.write(run)

    async def set_site_settings(self, key: str, settings: SiteSettings) -> bool:
        def run(db: sqlite3.Connection) -> bool:
            cursor = db.execute(
                "UPDATE sites SET settings = ? WHERE key = ?",
                (msgspec.json.encode(settings).decode(), key),
            )
            return cursor.rowcount > 0

        return await self._db.write(run)

    async def get_site(self, key: str) -> Site | None:
        row = await self._db.row("SELECT * FROM sites WHERE key = ?", (key,))
        return site(row) if row else None

    async def list_sites(self) -> list[Site]:
        return [site(row) for row in await self._db.rows("SELECT * FROM sites ORDER BY id")]
