"""An in-process relay on 127.0.0.1 with its own data directory, and an agent to log in as.

Tests get one from the `relay` fixture (tests/conftest.py), with settings given by a mark:
`@pytest.mark.relay_settings(abuse_strikes=5)`. A test that stops the relay and starts it
again, as IT staff would, uses `restart_relay` (or `relay_stopped`, to act while it is down).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import msgspec

from relay.app import Relay
from relay.config import RelayConfig
from relay.core.credentials import hash_password
from shared_protocol import frames
from tests.helpers.clients import AgentClient

AGENT_NAME = "alice"
AGENT_PASSWORD = "correct horse battery"


@dataclass
class RunningRelay:
    relay: Relay
    url: str  # ws://127.0.0.1:PORT
    http: str  # http://127.0.0.1:PORT
    up: bool = True  # False while relay_stopped holds it stopped (or a test failed then)

    async def stop(self) -> None:
        """Stop the relay unless it is stopped already (a test that failed while it was)."""
        if self.up:
            self.up = False
            await self.relay.stop()


async def start_relay(data_dir: Path, **settings: object) -> RunningRelay:
    """A relay on a free port of 127.0.0.1 with the agent AGENT_NAME; settings are
    RelayConfig's fields."""
    settings.setdefault("visitor_batch_seconds", 0.1)  # tests need not wait a second
    config = RelayConfig(host="127.0.0.1", port=0, data_dir=str(data_dir), **settings)  # type: ignore[arg-type]
    relay = Relay(config)
    port = await relay.start()
    await relay.store.add_agent(
        AGENT_NAME, "Alice", "admin", hash_password(AGENT_PASSWORD), time.time()
    )
    return RunningRelay(relay, f"ws://127.0.0.1:{port}", f"http://127.0.0.1:{port}")


async def add_own_site(running: RunningRelay, key: str, name: str = "Test site") -> None:
    """A site whose pages are served from the relay's own origin (tests' pages are)."""
    await running.relay.store.add_site(key, name, [running.http], time.time())


@asynccontextmanager
async def relay_stopped(running: RunningRelay) -> AsyncIterator[None]:
    """The relay is stopped while the block runs (to change its database, or to see
    clients go offline), then a new one starts as restart_relay() starts it."""
    old = running.relay
    await running.stop()
    yield
    # The same data directory, port and file port: clients find it where they left it.
    config = msgspec.structs.replace(old.config, port=old.port, files_port=old.ctx.files_port)
    fresh = Relay(config)
    fresh.ctx.clock = old.ctx.clock  # a test's clock goes on across the restart
    await fresh.start()
    running.relay, running.up = fresh, True


async def restart_relay(running: RunningRelay) -> RunningRelay:
    """Stop the relay and start a new one on the same data directory and ports, as IT
    staff restart it. `running` then stands for the new relay (whoever stops `running`
    stops that one) and is returned."""
    async with relay_stopped(running):
        pass
    return running


async def log_in(
    relay: RunningRelay, user: str = AGENT_NAME, password: str = AGENT_PASSWORD
) -> tuple[AgentClient, frames.LoginOk]:
    """An agent (Alice unless told) logged in to the relay, and what the relay said."""
    agent = await AgentClient.connect(relay.url, user=user, password=password)
    return agent, await agent.expect(frames.LoginOk)
