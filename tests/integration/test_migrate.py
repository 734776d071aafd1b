"""`parley-relay migrate` as an operator runs it: it makes the schema of an empty
database, upgrades an older one saying from which version to which, and says when there
is nothing to do, on SQLite (--data-dir) and on PostgreSQL (--database-url)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from relay.store.sqlite.migrations import MIGRATIONS
from tests.helpers.cli import cli
from tests.helpers.postgres import PostgresServer

CURRENT = len(MIGRATIONS)


async def test_postgresql_is_given_the_schema_once(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    url = await postgres_server.fresh_database(migrated=False)
    try:
        made = cli(tmp_path, "migrate", "--database-url", url)
        assert made.returncode == 0, made.stderr
        assert f"made the schema (version {CURRENT})" in made.stdout
        again = cli(tmp_path, "migrate", "--database-url", url)
        assert again.returncode == 0, again.stderr
        assert f"the schema is current (version {CURRENT})" in again.stdout
        assert not (tmp_path / "parley.db").exists()  # PostgreSQL only: no SQLite made
    finally:
        await postgres_server.drop_database(url)


def test_postgresql_that_cannot_be_reached_is_one_clear_line(tmp_path: Path) -> None:
    failed = cli(tmp_path, "migrate", "--database-url", "postgresql://u:secret@127.0.0.1:1/x")
    assert failed.returncode == 2
    assert "cannot connect to postgresql://u@127.0.0.1:1/x" in failed.stderr
    assert "secret" not in failed.stderr and "Traceback" not in failed.stderr


def test_sqlite_is_made_upgraded_and_left_alone(tmp_path: Path) -> None:
    made = cli(tmp_path, "migrate")
    assert made.returncode == 0, made.stderr
    assert f"made the schema (version {CURRENT})" in made.stdout
    assert f"the schema is current (version {CURRENT})" in cli(tmp_path, "migrate").stdout

    older = tmp_path / "older"
    older.mkdir()
    with contextlib.closing(sqlite3.connect(older / "parley.db", isolation_level=None)) as db:
        for number, step in enumerate(MIGRATIONS[:-1], start=1):
            step(db)
            db.execute(f"PRAGMA user_version = {number}")
    upgraded = cli(older, "migrate")
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"migrated the schema from version {CURRENT - 1} to {CURRENT}" in upgraded.stdout
