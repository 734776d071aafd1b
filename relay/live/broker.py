"""Publishing frames to audiences, and ending revoked sessions wherever they are connected.

The in-process broker reaches the connections of this relay; the cluster's broker
(relay/cluster/broker.py) implements the same two calls for several relays, and delivers
what the others publish through this one. Frames are encoded once per audience: JSON for
visitors, MessagePack for agents.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection, Iterable
from typing import Protocol

from relay.core.routing.permissions import may_see
from relay.live.audiences import (
    Audience,
    ToAgent,
    ToAgents,
    ToDepartment,
    ToFormerParties,
    ToParties,
    ToSupervisors,
    ToVisitor,
    ToVisitors,
)
from relay.live.connections import CLOSE_POLICY, Connection
from relay.live.presence import AgentLink, Presence
from shared_protocol import codec, frames
from shared_protocol.errors import ErrorCode

# Who watches every chat of their departments (admins: of all).
SUPERVISING_ROLES = frozenset({"admin", "supervisor"})


class Broker(Protocol):
    def publish(
        self,
        audience: Audience,
        frame: frames.Frame,
        *,
        skip: Connection | None = None,
        here_only: bool = False,
    ) -> None:
        """Deliver `frame` to every connection of `audience` except `skip` (the sender's
        own, which learns of its frame otherwise); `here_only`: to those of this relay
        alone (what each relay of a cluster decides for its own clients)."""

    async def revoke(self, token_hashes: Collection[str]) -> int:
        """Close every agent connection of these sessions; returns how many were open."""


class LocalBroker:
    """Delivers to the connections of this relay, in the order frames are published."""

    def __init__(self, presence: Presence) -> None:
        self._presence = presence

    def publish(
        self,
        audience: Audience,
        frame: frames.Frame,
        *,
        skip: Connection | None = None,
        here_only: bool = False,
    ) -> None:
        visitors, agents = self._links(audience)
        _put(visitors, lambda: codec.visitor_relay_side.encode(frame), skip)
        _put(agents, lambda: codec.agent_relay_side.encode(frame), skip)

    def deliver(
        self,
        audience: Audience,
        for_visitors: bytes | None,
        for_agents: bytes | None,
        *,
        skip: Connection | None = None,
    ) -> None:
        """Deliver a frame encoded already (for visitors, for agents) to the audience's
        connections here."""
        visitors, agents = self._links(audience)
        if for_visitors is not None:
            _put(visitors, lambda: for_visitors, skip)
        if for_agents is not None:
            _put(agents, lambda: for_agents, skip)

    async def revoke(self, token_hashes: Collection[str]) -> int:
        ended = [link for link in self._presence.agent_links() if link.token_hash in token_hashes]
        revoked = codec.agent_relay_side.encode(
            frames.Error(code=ErrorCode.SESSION_REVOKED, detail="the session was ended")
        )
        for link in ended:
            link.connection.outbox.put(revoked)
        await asyncio.gather(
            *(
                link.connection.close_at_once(CLOSE_POLICY, ErrorCode.SESSION_REVOKED.value)
                for link in ended
            )
        )
        return len(ended)

    def reaches_anyone(self, audience: Audience) -> bool:
        """Whether the audience has a connection here."""
        visitors, agents = self._links(audience)
        return next(iter(visitors), None) is not None or next(iter(agents), None) is not None

    def _links(self, audience: Audience) -> tuple[Iterable[_Linked], Iterable[_Linked]]:
        """The visitor and agent links an audience means on this relay."""
        presence = self._presence
        match audience:
            case ToParties(visitor=visitor_id, visitor_too=visitor_too) as conversation:
                visitors = presence.visitor_links(visitor_id) if visitor_too else ()
                return visitors, _parties(presence.agent_links(), conversation)
            case ToFormerParties(before=before, now=now):
                links = presence.agent_links()
                left = (a for a in links if _is_party(a, before) and not _is_party(a, now))
                return (), left
            case ToDepartment(department=department):
                return (), _seeing(presence.agent_links(), department)
            case ToVisitor(visitor=visitor_id):
                return presence.visitor_links(visitor_id), ()
            case ToAgent(agent=agent_id):
                return (), presence.agent_links([agent_id])
            case ToAgents():
                return (), presence.agent_links()
            case ToSupervisors():
                agents = presence.agent_links()
                return (), (link for link in agents if link.agent.role in SUPERVISING_ROLES)
            case ToVisitors():
                return presence.visitor_links(), ()
        raise AssertionError(f"unknown audience {audience!r}")


def _seeing(links: Iterable[AgentLink], department: int | None) -> Iterable[AgentLink]:
    if department is None:
        return links
    return (link for link in links if may_see(link.agent.role, link.agent.departments, department))


def _parties(links: Iterable[AgentLink], conversation: ToParties) -> Iterable[AgentLink]:
    if conversation.department is None:
        return links
    return (link for link in links if _is_party(link, conversation))


def _is_party(link: AgentLink, conversation: ToParties) -> bool:
    agent, department = link.agent, conversation.department
    handed_to = conversation.transfer_department
    return (
        department is None
        or agent.id in conversation.agents
        or may_see(agent.role, agent.departments, department)
        or (handed_to is not None and may_see(agent.role, agent.departments, handed_to))
    )


class _Linked(Protocol):
    @property
    def connection(self) -> Connection: ...


def reaches(audience: Audience) -> tuple[bool, bool]:
    """Whether the audience holds visitors, and whether it holds agents."""
    match audience:
        case ToParties(visitor_too=visitor_too):
            return visitor_too, True
        case ToVisitor() | ToVisitors():
            return True, False
    return False, True


def _put(links: Iterable[_Linked], encoded: Callable[[], bytes], skip: object) -> None:
    """Put the frame in each link's outbox, encoded once, and only when someone gets it."""
    data = None
    for link in links:
        connection = link.connection
        if connection is not skip:
            if data is None:
                data = encoded()
            connection.outbox.put(data)
