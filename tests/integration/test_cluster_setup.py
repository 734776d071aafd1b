"""Setting up several relays: the mistakes that would silently lose deliveries are refused
at start in one line, and a relay that stops says so at once (issue 13)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.helpers.cli import cli
from tests.helpers.cluster import Cluster, health, linked, until


async def refused_serve(cluster: Cluster, *flags: str) -> tuple[int, str]:
    """`parley-relay serve` with these flags; its exit code and standard error."""
    done = await asyncio.to_thread(
        cli, cluster.data_dir, "serve", "--port", "0", "--database-url",
        cluster.database_url, *flags, env={"PARLEY_DEMO": "false"},
    )  # fmt: skip
    return done.returncode, done.stderr


async def test_a_relay_without_a_broker_beside_relays_with_one_is_refused(
    cluster: Cluster,
) -> None:
    await cluster.start_relay()
    code, said = await refused_serve(cluster)
    assert code == 2, said
    assert "all need broker_url" in said and "Traceback" not in said


async def test_a_relay_with_a_broker_beside_one_without_is_refused(cluster: Cluster) -> None:
    await cluster.start_relay(BROKER_URL="")
    code, said = await refused_serve(cluster, "--broker-url", cluster.broker_url)
    assert code == 2, said
    assert "a relay without a broker serves this database" in said
    assert "Traceback" not in said


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (["--broker-url", "reddis://127.0.0.1:6379/0"], "broker_url 'reddis://127.0.0.1:6379/0'"),
        (["--database-url", "postgresq://parley:s3cret@127.0.0.1/parley"], "database_url"),
        (["--broker-url", "redis://127.0.0.1:6379/0"], "broker_url needs database_url"),
        (["--database-url", "postgresql://parley:s3cret@127.0.0.1:1/x"], "cannot be used"),
    ],
)
def test_a_mistyped_or_unreachable_url_is_one_line_without_its_password(
    tmp_path: Path, flags: list[str], said: str
) -> None:
    done = cli(tmp_path, "serve", "--port", "0", *flags)
    assert done.returncode == 2
    assert said in done.stderr and "s3cret" not in done.stderr + done.stdout
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


async def test_a_relay_that_stops_is_forgotten_at_once_not_when_its_heartbeat_expires(
    cluster: Cluster,
) -> None:
    slow = {"CLUSTER_HEARTBEAT_SECONDS": "30"}  # its keys would live 90 s
    staying = await cluster.start_relay(**slow)
    stopping = await cluster.start_relay(**slow)
    await until(lambda: linked(cluster))
    assert await stopping.terminate() == 0
    await until(lambda: health(staying)["relays"] == 1, within=5)
