"""PostgreSQL's schema: named by the same version as SQLite's, made once however many
relays start at once, refused when newer than the relay, its upgrades logged, and its
event log append-only."""

from __future__ import annotations

import asyncio
import logging

import asyncpg
import pytest

from relay.store.postgres import PostgresStore, migrations
from relay.store.postgres.migrations import LATEST, SchemaTooNew
from relay.store.postgres.schema import STEPS
from relay.store.sqlite.migrations import MIGRATIONS
from tests.contract.backends import Harness, PostgresHarness
from tests.contract.conftest import World
from tests.helpers.postgres import PostgresServer


def test_both_back_ends_name_the_current_schema_by_the_same_number() -> None:
    assert LATEST == len(MIGRATIONS) == 14


async def test_three_relays_starting_at_once_make_the_schema_once(
    postgres_server: PostgresServer, caplog: pytest.LogCaptureFixture
) -> None:
    url = await postgres_server.fresh_database(migrated=False)
    stores = [PostgresStore(url) for _ in range(3)]
    try:
        await asyncio.gather(*(store.open() for store in stores))
        assert sorted(store.migrated_from for store in stores) == [0, LATEST, LATEST]
        assert len({store.epoch for store in stores}) == 1
        assert "schema_upgraded" not in caplog.text  # made, not upgraded
    finally:
        for store in stores:
            await store.close()
        await postgres_server.drop_database(url)


async def test_an_upgrade_is_logged_with_both_versions(
    postgres_server: PostgresServer,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def step_13(db: asyncpg.Connection) -> None:
        await db.execute("CREATE TABLE later_feature (id bigint PRIMARY KEY)")

    url = await postgres_server.fresh_database()
    monkeypatch.setattr(migrations, "STEPS", (*STEPS, step_13))
    monkeypatch.setattr(migrations, "LATEST", LATEST + 1)
    store = PostgresStore(url)
    try:
        with caplog.at_level(logging.WARNING, logger="parley.store"):
            await store.open()
        assert store.migrated_from == LATEST
        assert f"event=schema_upgraded from={LATEST} to={LATEST + 1}" in caplog.text
    finally:
        await store.close()
        await postgres_server.drop_database(url)


async def test_a_database_newer_than_the_relay_is_refused(postgres_server: PostgresServer) -> None:
    url = await postgres_server.fresh_database()
    await postgres_server.execute(
        f"UPDATE schema_version SET version = {LATEST + 1}", url.rsplit("/", 1)[1]
    )
    store = PostgresStore(url)
    with pytest.raises(SchemaTooNew, match="upgrade the relay"):
        await store.open()
    await store.close()
    await postgres_server.drop_database(url)


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE conversation_events SET at = 0",
        "DELETE FROM conversation_events",
        "TRUNCATE conversation_events CASCADE",
    ],
)
async def test_the_event_log_cannot_be_changed(shared: Harness, change: str) -> None:
    chat = await World(shared).conversation()
    before = await shared.store.conversation_events(chat.id)
    assert before
    assert isinstance(shared, PostgresHarness)
    connection = await asyncpg.connect(shared.url)
    try:
        with pytest.raises(asyncpg.RaiseError, match="append-only"):
            await connection.execute(change)
    finally:
        await connection.close()
    assert await shared.store.conversation_events(chat.id) == before
