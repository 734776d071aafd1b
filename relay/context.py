"""What every handler gets: configuration, the store, the live layer, the clock, guards."""

from __future__ import annotations

import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from relay.cluster.broker import ClusterBroker
from relay.cluster.leader import Alone, Leadership
from relay.config import RelayConfig
from relay.core.files import files_url
from relay.core.geo import Locator
from relay.core.invitations.setup import LoadedSetup
from relay.guards import Guards
from relay.live.batching import VisitorChanges
from relay.live.broker import Broker, LocalBroker
from relay.live.connections import Connection
from relay.live.open_conversations import OpenConversations
from relay.live.presence import Presence
from relay.store import Store
from relay.store.records import Agent
from relay.timers import Timers

if TYPE_CHECKING:
    from relay.features.departments import LoadedDepartments
    from relay.features.peers import VisitorPeer
    from relay.features.routing import Assigner


@dataclass(slots=True)
class RelayContext:
    """Built once by the app (relay.app) and handed to every connection."""

    config: RelayConfig
    store: Store
    clock: Callable[[], float]
    guards: Guards  # what is kept about senders across connections: rates, logins
    locator: Locator = field(default_factory=Locator)
    presence: Presence = field(default_factory=Presence)
    conversations: OpenConversations = field(default_factory=OpenConversations)
    # This relay among others (logs, /healthz, the cluster's keys): relay_id_for(config).
    relay_id: str = ""
    leadership: Leadership = field(default_factory=Alone)  # who runs the run-once work
    broker: Broker = field(init=False)
    visitor_changes: VisitorChanges = field(init=False)
    timers: Timers = field(init=False)  # on the relay's clock
    routing: Assigner | None = None  # the assigner (relay.features.routing), once started
    # Whether each department's visitors here were last told someone can chat
    # (relay.features.availability).
    department_available: dict[int, bool] = field(default_factory=dict)
    files_port: int = 0  # where relay.files listens, once started
    database_reachable: bool = True  # as the last look found it (relay.app, /healthz)
    # Sites' invitation setups as last read (relay.features.invitations), and site keys.
    invitation_setups: dict[int, LoadedSetup] = field(default_factory=dict)
    site_keys: dict[int, str] = field(default_factory=dict)
    # Sites' departments with their routing as last read (relay.features.departments),
    # and the department each visitor picked in their current visit: visitor → (visit,
    # department) (relay.features.placement).
    department_copies: dict[int, LoadedDepartments] = field(default_factory=dict)
    department_picks: dict[int, tuple[int, int]] = field(default_factory=dict)
    # Visitors a rule would invite but for an agent with room: decided again when one
    # comes Online.
    awaiting_agents: set[VisitorPeer] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.relay_id = self.relay_id or relay_id_for(self.config)
        if self.config.broker_url:
            self.broker = ClusterBroker(
                self.config.broker_url,
                self.relay_id,
                presence=self.presence,
                conversations=self.conversations,
                store=self.store,
                heartbeat_seconds=self.config.cluster_heartbeat_seconds,
            )
        else:
            self.broker = LocalBroker(self.presence)
        self.visitor_changes = VisitorChanges(self.presence, self.broker)
        # Through the context, so that a clock put in its place (tests) moves timers too.
        self.timers = Timers(lambda: self.clock())

    def kick_routing(self, *department_ids: int | None) -> None:
        """Something changed in these departments: the assigner plans them soon."""
        if self.routing is not None:
            self.routing.kick(*department_ids)

    async def agent(self, agent_id: int) -> Agent | None:
        """An agent's record: as of their login when connected here, else as stored."""
        return self.presence.online_agent(agent_id) or await self.store.agent_by_id(agent_id)

    def files_url(self, connection: Connection) -> str:
        return files_url(self.config.files_url, connection.headers.get("Host", ""), self.files_port)


def relay_id_for(config: RelayConfig) -> str:
    """The machine and port: the same relay after a restart (the others replace what
    they kept of it), never two at once. A relay on any free port gets a random part."""
    where = str(config.port) if config.port else secrets.token_hex(3)
    return f"{socket.gethostname()}:{where}"
