"""A cluster of relay processes on 127.0.0.1 sharing a fresh PostgreSQL database and a
Redis database, as IT staff would run several (`parley-relay serve --database-url …
--broker-url …`), with a site and agents made through the store first."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from relay.config import RelayConfig
from relay.core.credentials import hash_password
from relay.store import build_store
from relay.store.base import Store
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.relay_process import RelayProcess, start_relay_process

SITE = "shop"
ORIGIN = "https://shop.example"
PASSWORD = "correct horse battery"
HEARTBEAT_SECONDS = 0.5
STOP_SECONDS = 20  # a silent relay is forgotten after about three of these


@dataclass
class Cluster:
    database_url: str
    broker_url: str
    data_dir: Path
    relays: list[RelayProcess] = field(default_factory=list)

    def config(self) -> RelayConfig:
        return RelayConfig(
            data_dir=str(self.data_dir),
            database_url=self.database_url,
            broker_url=self.broker_url,
        )

    def open_store(self) -> Store:
        """The cluster's database, as an admin command opens it (open() it, close() it)."""
        return build_store(self.config())

    async def prepare(self, agents: tuple[str, ...] = ("alice", "bob")) -> None:
        """The site `shop` and agents (password PASSWORD) before any relay starts."""
        store = self.open_store()
        await store.open()
        try:
            await store.add_site(SITE, "Shop", [ORIGIN], time.time())
            for name in agents:
                await store.add_agent(
                    name, name.title(), "admin", hash_password(PASSWORD), time.time()
                )
        finally:
            await store.close()

    async def start_relay(self, **settings: str) -> RelayProcess:
        env = {
            "PARLEY_DATABASE_URL": self.database_url,
            "PARLEY_BROKER_URL": self.broker_url,
            "PARLEY_CLUSTER_HEARTBEAT_SECONDS": str(HEARTBEAT_SECONDS),
            "PARLEY_VISITOR_BATCH_SECONDS": "0.1",
            "PARLEY_DEMO": "false",
            **{f"PARLEY_{k.upper()}": v for k, v in settings.items()},
        }
        relay = await start_relay_process(self.data_dir, env=env)
        self.relays.append(relay)
        return relay

    async def stop(self) -> None:
        """SIGTERM each running relay; one that has not exited within STOP_SECONDS (as
        systemd would wait) is killed and the test fails: a relay must stop when told."""
        hung = []
        for relay in self.relays:
            if relay.process.returncode is None:
                try:
                    async with asyncio.timeout(STOP_SECONDS):
                        await relay.terminate()
                except TimeoutError:
                    hung.append(relay.port)
                    await relay.kill()
        assert not hung, f"relays on ports {hung} did not stop within {STOP_SECONDS} s of SIGTERM"


async def visitor_at(relay: RelayProcess, **options: object) -> VisitorClient:
    return await VisitorClient.connect(relay.url, site=SITE, origin=ORIGIN, **options)  # type: ignore[arg-type]


async def agent_at(relay: RelayProcess, name: str = "alice", **options: object) -> AgentClient:
    return await AgentClient.connect(relay.url, user=name, password=PASSWORD, **options)  # type: ignore[arg-type]


def health(relay: RelayProcess) -> dict[str, object]:
    """The relay's /healthz, whatever its HTTP status."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"http://127.0.0.1:{relay.port}/healthz", timeout=5) as reply:
            return dict(json.load(reply))
    except urllib.error.HTTPError as error:
        return dict(json.load(error))


async def healths(cluster: Cluster) -> list[dict[str, object]]:
    """Each running relay's /healthz."""
    alive = [r for r in cluster.relays if r.process.returncode is None]
    return [await asyncio.to_thread(health, relay) for relay in alive]


async def linked(cluster: Cluster) -> bool:
    """Every running relay is connected to Redis and knows every other."""
    relays = len([r for r in cluster.relays if r.process.returncode is None])
    return all(
        h.get("broker") == "connected" and h.get("relays") == relays for h in await healths(cluster)
    )


async def until(condition: Callable[[], object | Awaitable[object]], within: float = 20.0) -> None:
    """Wait until `condition()` (sync or async) is true."""
    async with asyncio.timeout(within):
        while True:
            result = condition()
            if isinstance(result, Awaitable):
                result = await result
            if result:
                return
            await asyncio.sleep(0.1)
