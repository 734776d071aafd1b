"""The base of the SQLite repositories: the database core they share, and nothing else."""

from __future__ import annotations

from relay.store.sqlite.database import Database


class Repository:
    """A repository works on a Database: reads through `rows`/`row`, writes through
    `write`, both of which keep the group commit (relay/store/sqlite/database.py)."""

    def __init__(self, db: Database) -> None:
        self._db = db
