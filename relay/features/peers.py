"""The authenticated party of one connection, as feature handlers see it.

A session (relay.features.sessions) reads frames and proves who is on the other end; the
handlers get the peer: who it is, the relay's context, and a way to answer it. The author
of everything a peer sends is the identity it proved, never a field of a later frame.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from relay.context import RelayContext
from relay.live.connections import Connection
from relay.live.presence import AgentLink, VisitorLink
from relay.store.records import Agent, Site, Visit, Visitor
from relay.timers import Timer
from shared_protocol import codec, frames


@dataclass(eq=False, slots=True)
class Peer:
    ctx: RelayContext
    connection: Connection
    address: str  # the real address: behind a trusted proxy, from X-Forwarded-For
    # Messages waiting for their commit (or handled again after it was refused); a
    # closing connection sends their answers first.
    in_flight: set[asyncio.Future[Any]] = field(default_factory=set)

    def send(self, frame: frames.Frame) -> None:
        raise NotImplementedError


@dataclass(eq=False, slots=True)
class VisitorPeer(Peer):
    site: Site = field(kw_only=True)
    visitor: Visitor = field(kw_only=True)
    visit: Visit = field(kw_only=True)
    link: VisitorLink = field(kw_only=True)
    page_opened_at: float = field(default=0.0, kw_only=True)  # the current page's
    invitation_timer: Timer | None = field(default=None, kw_only=True)  # the next decision
    exit_seen: bool = field(default=False, kw_only=True)  # exit intent, once a page view

    def send(self, frame: frames.Frame) -> None:
        self.connection.outbox.put(codec.visitor_relay_side.encode(frame))


@dataclass(eq=False, slots=True)
class AgentPeer(Peer):
    link: AgentLink = field(kw_only=True)

    @property
    def agent(self) -> Agent:
        """The agent's record: as of their login, or as an admin changed it since
        (Presence.replace_agent puts the new one in the link)."""
        return self.link.agent

    def send(self, frame: frames.Frame) -> None:
        self.connection.outbox.put(codec.agent_relay_side.encode(frame))
