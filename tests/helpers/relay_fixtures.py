"""An in-process relay on 127.0.0.1 with its own data directory, and an agent to log in as."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from relay.app import Relay
from relay.config import RelayConfig
from relay.core.credentials import hash_password

AGENT_NAME = "alice"
AGENT_PASSWORD = "correct horse battery"


@dataclass
class RunningRelay:
    relay: Relay
    url: str  # ws://127.0.0.1:PORT
    http: str  # http://127.0.0.1:PORT


async def start_relay(data_dir: Path, **settings: object) -> RunningRelay:
    settings.setdefault("visitor_batch_seconds", 0.1)  # tests need not wait a second
    config = RelayConfig(host="127.0.0.1", port=0, data_dir=str(data_dir), **settings)  # type: ignore[arg-type]
    relay = Relay(config)
    port = await relay.start()
    await relay.store.add_agent(
        AGENT_NAME, "Alice", "admin", hash_password(AGENT_PASSWORD), time.time()
    )
    return RunningRelay(relay, f"ws://127.0.0.1:{port}", f"http://127.0.0.1:{port}")


async def relay_fixture(data_dir: Path, **settings: object) -> AsyncIterator[RunningRelay]:
    running = await start_relay(data_dir, **settings)
    try:
        yield running
    finally:
        await running.relay.stop()
