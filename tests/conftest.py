"""Shared fixtures: a fresh relay per test on a free loopback port.

`relay` is the only relay fixture. What a test needs of it other than the defaults it says
with marks, on the test, its class or its module (`pytestmark`); the nearest wins:
- `@pytest.mark.relay_settings(trusted_proxies=["127.0.0.1"], abuse_strikes=5)`: fields of
  RelayConfig. For settings that vary, mark the parameters:
  `pytest.param(Durability.FAST, marks=pytest.mark.relay_settings(durability="fast"))`.
- `@pytest.mark.relay_site("test")`: a site of that key whose pages are served from the
  relay's own origin (every browser test's relay has "test": tests/browser/conftest.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.helpers.cluster import Cluster
from tests.helpers.notifications import private_session_bus
from tests.helpers.postgres import PostgresServer, running_server
from tests.helpers.redis_server import RedisServer
from tests.helpers.relay_fixtures import RunningRelay, add_own_site, start_relay


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "relay_settings(**fields): RelayConfig fields for the `relay` fixture"
    )
    config.addinivalue_line(
        "markers", "relay_site(key): the `relay` fixture has a site KEY on its own origin"
    )


def relay_settings(node: pytest.Item) -> dict[str, object]:
    settings: dict[str, object] = {}
    for mark in reversed(list(node.iter_markers("relay_settings"))):  # the nearest last
        if mark.args:
            raise TypeError("relay_settings takes RelayConfig fields by name")
        settings.update(mark.kwargs)
    return settings


@pytest.fixture
async def relay(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[RunningRelay]:
    """A relay with its own data directory and the agent AGENT_NAME (relay_fixtures)."""
    running = await start_relay(tmp_path / "data", **relay_settings(request.node))
    try:
        for mark in request.node.iter_markers("relay_site"):
            await add_own_site(running, *mark.args, **mark.kwargs)
        yield running
    finally:
        await running.stop()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL for the session (tests/helpers/postgres.py); fails, never
    skips, when PostgreSQL is not installed."""
    with running_server() as server:
        yield server


@pytest.fixture
async def cluster(
    postgres_server: PostgresServer, redis_server: RedisServer, tmp_path: Path
) -> AsyncIterator[Cluster]:
    """A fresh database and broker for relay processes (tests/helpers/cluster.py), with
    the site and agents of Cluster.prepare; the test starts the relays it needs."""
    running = Cluster(
        database_url=await postgres_server.fresh_database(),
        broker_url=redis_server.url(),
        data_dir=tmp_path / "data",
    )
    await running.prepare()
    try:
        yield running
    finally:
        await running.stop()
        await postgres_server.drop_database(running.database_url)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A throwaway Redis for the cluster tests (each test takes a database: `url()`)."""
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def session_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A private D-Bus session bus for the test (tests/helpers/notifications.py)."""
    yield from private_session_bus(monkeypatch)
