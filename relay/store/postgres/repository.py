"""The base of the PostgreSQL repositories: the database core they share, and nothing else."""

from __future__ import annotations

from relay.store.postgres.database import Database


class Repository:
    """A repository works on a Database: one statement through `rows`/`row`, a change of
    several through `transaction` (relay/store/postgres/database.py)."""

    def __init__(self, db: Database) -> None:
        self._db = db
