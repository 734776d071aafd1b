"""Persistence: the Store interface (repositories of records), its errors, and
build_store(config), which picks the back end the configuration names."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

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


class StoreSettings(Protocol):
    """What build_store reads of the relay's configuration (relay.config.RelayConfig)."""

    commit_batch_max: int
    durability: Durability

    def data_path(self) -> Path: ...


def build_store(config: StoreSettings, *, serving: bool = False) -> Store:
    """The store the configuration names: SQLite in the data directory unless it has a
    `database_url` (a PostgreSQL back end, next issue). `serving`: for the relay that
    serves clients, which alone keeps the database's epoch (admin commands may run
    beside it)."""
    url = getattr(config, "database_url", "")
    if url:
        raise ValueError(f"no back end for database_url {url!r} yet: only SQLite")
    from relay.store.sqlite import SqliteStore  # only the back end in use is imported

    return SqliteStore(
        config.data_path() / "parley.db",
        batch_max=config.commit_batch_max,
        durability=config.durability,
        epoch_marker=serving,
    )
