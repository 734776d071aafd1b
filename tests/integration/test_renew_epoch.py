"""`parley-relay renew-epoch` as an operator runs it after restoring a backup no relay can
tell from the live database (a PostgreSQL dump, a snapshot of a SQLite data directory):
clients are then told a new epoch and fetch afresh (protocol §5.4)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from relay.config import RelayConfig
from relay.store import build_store
from shared_protocol import frames
from tests.helpers.cli import cli
from tests.helpers.clients import VisitorClient
from tests.helpers.cluster import Cluster
from tests.helpers.postgres import PostgresServer
from tests.helpers.relay_fixtures import RunningRelay, relay_stopped

RENEWED = re.compile(r"epoch (\w+) renewed as (\w+); start the relays again")


def renewed(output: str) -> tuple[str, str]:
    match = RENEWED.search(output)
    assert match, output
    return match.group(1), match.group(2)


async def test_a_sqlite_relay_starts_with_the_renewed_epoch_and_keeps_it(
    relay: RunningRelay,
) -> None:
    visitor = await VisitorClient.connect(relay.url)
    before = (await visitor.expect(frames.Welcome)).epoch
    await visitor.close()
    data = Path(relay.relay.config.data_dir)
    async with relay_stopped(relay):
        done = await asyncio.to_thread(cli, data, "renew-epoch")
        assert done.returncode == 0, done.stderr
        old, new = renewed(done.stdout)
    assert old == before != new
    visitor = await VisitorClient.connect(relay.url)
    # The marker was rewritten with it: the relay did not take the database for a copy.
    assert (await visitor.expect(frames.Welcome)).epoch == new


async def test_a_postgresql_database_gets_a_new_epoch(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    url = await postgres_server.fresh_database()
    store = build_store(RelayConfig(database_url=url, data_dir=str(tmp_path)))
    await store.open()
    before = store.epoch
    await store.close()
    done = await asyncio.to_thread(cli, tmp_path, "renew-epoch", "--database-url", url)
    assert done.returncode == 0, done.stderr
    old, new = renewed(done.stdout)
    await store.open()
    try:
        assert (old, store.epoch) == (before, new) and new != before
    finally:
        await store.close()


def test_no_database_is_one_clear_line(tmp_path: Path) -> None:
    missing = cli(tmp_path / "nothing-here", "renew-epoch")
    assert missing.returncode == 2
    assert "no database at" in missing.stderr and "Traceback" not in missing.stderr


async def test_renewing_while_a_relay_serves_the_database_is_refused(cluster: Cluster) -> None:
    relay = await cluster.start_relay()
    refused = await asyncio.to_thread(
        cli, cluster.data_dir, "renew-epoch", "--database-url", cluster.database_url
    )
    assert refused.returncode == 2
    assert "stop every relay first" in refused.stderr
    assert await relay.terminate() == 0
    done = await asyncio.to_thread(
        cli, cluster.data_dir, "renew-epoch", "--database-url", cluster.database_url
    )
    assert done.returncode == 0, done.stderr
