"""Persistence: the Store interface (repositories of records), its errors, and
build_store(config), which picks the back end the configuration names."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from relay.core.urls import without_password
from relay.store.base import Durability, Store
from relay.store.errors import (
    DuplicateName,
    StoreBug,
    StoreError,
    StoreRefusal,
    StoreUnavailable,
)

__all__ = [
    "DuplicateName",
    "Store",
    "StoreBug",
    "StoreError",
    "StoreRefusal",
    "StoreSettings",
    "StoreUnavailable",
    "build_store",
]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class StoreSettings(Protocol):
    """What build_store reads of the relay's configuration (relay.config.RelayConfig)."""

    commit_batch_max: int
    durability: Durability

    def data_path(self) -> Path: ...


def build_store(config: StoreSettings, *, serving: bool = False) -> Store:
    """The store the configuration names: PostgreSQL for a `database_url` of
    postgresql://… (or postgres://…), else SQLite in the data directory. `serving`: for
    the relay that serves clients, which alone keeps a SQLite database's epoch marker
    (admin commands may run beside it); PostgreSQL keeps its epoch in the database."""
    url = getattr(config, "database_url", "")
    if url:
        if not url.startswith(POSTGRES_SCHEMES):
            raise ValueError(
                f"database_url {without_password(url)!r} is not one this relay can use: give "
                "postgresql://user:password@host:port/database (or postgres://…), or "
                "leave it empty for SQLite in the data directory"
            )
        from relay.store.postgres import PostgresStore  # only the back end in use is imported

        return PostgresStore(url, batch_max=config.commit_batch_max, durability=config.durability)
    from relay.store.sqlite import SqliteStore

    return SqliteStore(
        config.data_path() / "parley.db",
        batch_max=config.commit_batch_max,
        durability=config.durability,
        epoch_marker=serving,
    )
