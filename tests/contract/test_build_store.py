"""The configuration picks the back end: PostgreSQL for a postgresql:// (or postgres://)
database_url, SQLite in the data directory without one, and a clear error for anything
else; the PostgreSQL tests fail, never skip, where PostgreSQL is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from relay.config import RelayConfig
from relay.store import build_store
from relay.store.postgres import PostgresStore
from relay.store.sqlite import SqliteStore
from tests.helpers import postgres


@pytest.mark.parametrize("url", ["postgresql://u:p@db/parley", "postgres://db/parley"])
def test_a_postgresql_url_names_the_postgresql_store(url: str) -> None:
    assert isinstance(build_store(RelayConfig(database_url=url)), PostgresStore)


def test_no_url_names_sqlite_in_the_data_directory(tmp_path: Path) -> None:
    store = build_store(RelayConfig(data_dir=str(tmp_path)))
    assert isinstance(store, SqliteStore) and store.path == tmp_path / "parley.db"


def test_another_url_is_refused_saying_what_is_accepted() -> None:
    with pytest.raises(ValueError, match=r"postgresql://.*or leave it empty for SQLite"):
        build_store(RelayConfig(database_url="mysql://db/parley"))


def test_without_postgresql_installed_the_server_fails_with_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postgres, "BIN_DIRS", (f"{tmp_path}/*/bin",))
    monkeypatch.delenv("PARLEY_PG_BIN", raising=False)
    with pytest.raises(postgres.PostgresMissing, match=r"\./dev test"):
        postgres.find_binaries()
