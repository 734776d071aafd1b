"""Who is connected: to this relay (visitors with their tabs, agents with their status),
and in a cluster to the others, as they last said (relay/cluster keeps that part current).

Kept in memory; the broker resolves audiences with it and handlers ask it questions
(is an agent online, which page view is a tab on). Nothing outside reads its dicts.
Questions about people (is any agent Online, an agent's status, the visitors to list) are
answered for the whole cluster; those about connections (links, page views, counts) for
this relay alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from relay.live.connections import Connection
from relay.store.records import Agent
from shared_protocol import frames
from shared_protocol.frames import AgentStatus


@dataclass(eq=False, slots=True)
class VisitorLink:
    """One open widget connection (a visitor may have several tabs)."""

    connection: Connection
    visitor_id: int
    visit_id: int = 0
    view_id: int | None = None  # the page view this connection is on; None once it left


@dataclass(eq=False, slots=True)
class AgentLink:
    """One open agent app connection."""

    connection: Connection
    agent: Agent
    token_hash: str


@dataclass(slots=True)
class _OnlineVisitor:
    info: frames.VisitorInfo
    links: set[VisitorLink] = field(default_factory=set)


@dataclass(slots=True)
class _OnlineAgent:
    agent: Agent
    status: AgentStatus
    links: set[AgentLink] = field(default_factory=set)

    def presence(self) -> frames.AgentPresenceInfo:
        return presence_of(self.agent, self.status)


def presence_of(agent: Agent, status: AgentStatus) -> frames.AgentPresenceInfo:
    """What colleagues see of an agent: who, their status, and where they work."""
    return frames.AgentPresenceInfo(
        agent=agent.id,
        display_name=agent.display_name,
        status=status,
        role=agent.role,
        departments=list(agent.departments),
        level=agent.level,
        takes_chats=agent.max_chats > 0,
    )


@dataclass(slots=True)
class Elsewhere:
    """Who another relay of the cluster has connected, as it last said."""

    agents: dict[int, frames.AgentPresenceInfo] = field(default_factory=dict)
    visitors: dict[int, frames.VisitorInfo] = field(default_factory=dict)


class Presence:
    """Visitors and agents connected here, and what agents are shown of each visitor."""

    def __init__(self) -> None:
        self._visitors: dict[int, _OnlineVisitor] = {}
        self._agents: dict[int, _OnlineAgent] = {}
        self._elsewhere: dict[str, Elsewhere] = {}  # relay id → its people
        # Who changed here since the cluster was last told; None on a relay alone.
        self._changed: tuple[set[int], set[int]] | None = None
        # Called when an agent changed here: agents are few, and whether one is Online
        # decides what every widget shows, so the cluster hears of them at once.
        self.agent_changed: Callable[[], None] = lambda: None

    # ------------------------------------------------------------ visitors

    def add_visitor(self, link: VisitorLink, info: frames.VisitorInfo) -> bool:
        """Register a connection; True when the visitor was not online before."""
        online = self._visitors.get(link.visitor_id)
        arrived = online is None
        if online is None:
            online = self._visitors[link.visitor_id] = _OnlineVisitor(info)
        else:
            online.info = info
        online.links.add(link)
        self._visitor_changed(link.visitor_id)
        return arrived

    def remove_visitor(self, link: VisitorLink) -> bool:
        """Forget a connection; True when it was the visitor's last one."""
        online = self._visitors.get(link.visitor_id)
        if online is None:
            return False
        online.links.discard(link)
        if online.links:
            return False
        del self._visitors[link.visitor_id]
        self._visitor_changed(link.visitor_id)
        return True

    def is_visitor_online(self, visitor_id: int) -> bool:
        """Connected here or to another relay."""
        return visitor_id in self._visitors or any(
            visitor_id in there.visitors for there in self._elsewhere.values()
        )

    def visitor_info(self, visitor_id: int) -> frames.VisitorInfo | None:
        """What agents are shown of a visitor connected here (the relay that has a
        visitor's connections keeps their info)."""
        online = self._visitors.get(visitor_id)
        return online.info if online else None

    def any_visitor_info(self, visitor_id: int) -> frames.VisitorInfo | None:
        """What agents are shown of a visitor connected here or to another relay."""
        here = self.visitor_info(visitor_id)
        if here is not None:
            return here
        for there in self._elsewhere.values():
            if (info := there.visitors.get(visitor_id)) is not None:
                return info
        return None

    def update_visitor(self, info: frames.VisitorInfo) -> None:
        online = self._visitors.get(info.id)
        if online is not None:
            online.info = info
            self._visitor_changed(info.id)

    def visitor_infos(self) -> list[frames.VisitorInfo]:
        """Every connected visitor of the cluster."""
        infos = {visitor_id: online.info for visitor_id, online in self._visitors.items()}
        for there in self._elsewhere.values():
            for visitor_id, info in there.visitors.items():
                infos.setdefault(visitor_id, info)
        return list(infos.values())

    def shows_view(self, visitor_id: int, view_id: int) -> bool:
        """Whether one of the visitor's connections is on this page view (two tabs on one
        page, or a reconnect before the relay noticed the old connection was gone)."""
        online = self._visitors.get(visitor_id)
        return online is not None and any(link.view_id == view_id for link in online.links)

    def visits_online(self) -> set[int]:
        """The visits of every connected visitor."""
        return {link.visit_id for online in self._visitors.values() for link in online.links}

    def visitor_links(self, visitor_id: int | None = None) -> Iterator[VisitorLink]:
        """The connections of one visitor, or of every visitor."""
        if visitor_id is not None:
            online = self._visitors.get(visitor_id)
            if online is not None:
                yield from online.links
            return
        for online in self._visitors.values():
            yield from online.links

    # ------------------------------------------------------------ agents

    def add_agent(self, link: AgentLink, status: AgentStatus) -> None:
        online = self._agents.get(link.agent.id)
        if online is None:
            online = self._agents[link.agent.id] = _OnlineAgent(link.agent, status)
        online.status = status
        online.links.add(link)
        self._agent_changed(link.agent.id)

    def remove_agent(self, link: AgentLink) -> bool:
        """Forget a connection; True when it was the agent's last one (now offline)."""
        online = self._agents.get(link.agent.id)
        if online is None:
            return False
        online.links.discard(link)
        if online.links:
            return False
        del self._agents[link.agent.id]
        self._agent_changed(link.agent.id)
        return True

    def set_status(self, agent_id: int, status: AgentStatus) -> None:
        online = self._agents.get(agent_id)
        if online is not None:
            online.status = status
            self._agent_changed(agent_id)

    def replace_agent(self, agent: Agent) -> bool:
        """An admin changed the agent's record (role, departments, level…): every
        connection of theirs here holds the new one from now on, so that what they are
        sent and may do follows at once (the broker and the handlers read `link.agent`).
        False when the agent is not connected here."""
        online = self._agents.get(agent.id)
        if online is None:
            return False
        online.agent = agent
        for link in online.links:
            link.agent = agent
        self._agent_changed(agent.id)
        return True

    def status_of(self, agent_id: int) -> AgentStatus:
        """The agent's status here, else on another relay; Offline when connected nowhere."""
        online = self._agents.get(agent_id)
        if online is not None:
            return online.status
        for there in self._elsewhere.values():
            if (info := there.agents.get(agent_id)) is not None:
                return info.status
        return AgentStatus.OFFLINE

    def online_agent(self, agent_id: int) -> Agent | None:
        """The agent's record as of its login, when it is connected."""
        online = self._agents.get(agent_id)
        return online.agent if online else None

    def agents_online(self) -> bool:
        """Whether any agent of the cluster is Online (Away agents do not answer new
        visitors)."""
        return any(a.status is AgentStatus.ONLINE for a in self._agents.values()) or any(
            info.status is AgentStatus.ONLINE
            for there in self._elsewhere.values()
            for info in there.agents.values()
        )

    def agent_presences(self) -> list[frames.AgentPresenceInfo]:
        """Every connected agent of the cluster."""
        presences = {agent_id: online.presence() for agent_id, online in self._agents.items()}
        for there in self._elsewhere.values():
            for agent_id, info in there.agents.items():
                presences.setdefault(agent_id, info)
        return list(presences.values())

    def agent_links(self, agent_ids: Iterable[int] | None = None) -> Iterator[AgentLink]:
        """The connections of the given agents, or of every agent."""
        if agent_ids is None:
            chosen: Iterable[_OnlineAgent] = self._agents.values()
        else:
            chosen = (a for agent_id in agent_ids if (a := self._agents.get(agent_id)))
        for online in chosen:
            yield from online.links

    def counts(self) -> tuple[int, int]:
        """Visitors and agents connected here."""
        return len(self._visitors), len(self._agents)

    # ------------------------------------------------------------ the cluster

    def share_changes(self) -> None:
        """From now on note who changed here, for take_changes (relays in a cluster)."""
        self._changed = (set(), set())

    def take_changes(
        self,
    ) -> tuple[dict[int, frames.AgentPresenceInfo | None], dict[int, frames.VisitorInfo | None]]:
        """The agents and visitors who changed here since the last call, as they are now
        (None: no longer connected here)."""
        if self._changed is None:
            return {}, {}
        agent_ids, visitor_ids = self._changed
        self._changed = (set(), set())
        agents = {i: (a.presence() if (a := self._agents.get(i)) else None) for i in agent_ids}
        visitors = {i: (v.info if (v := self._visitors.get(i)) else None) for i in visitor_ids}
        return agents, visitors

    def here(self) -> Elsewhere:
        """Who is connected to this relay, as another relay keeps it."""
        return Elsewhere(
            agents={agent_id: online.presence() for agent_id, online in self._agents.items()},
            visitors={visitor_id: online.info for visitor_id, online in self._visitors.items()},
        )

    def elsewhere(self, relay: str) -> Elsewhere:
        """Who another relay has connected (kept from now on, until forget_relay)."""
        return self._elsewhere.setdefault(relay, Elsewhere())

    def relays_elsewhere(self) -> list[str]:
        return list(self._elsewhere)

    def forget_relay(self, relay: str) -> Elsewhere:
        """The relay is gone: its people count no more. Returns who they were."""
        return self._elsewhere.pop(relay, Elsewhere())

    def _agent_changed(self, agent_id: int) -> None:
        if self._changed is not None:
            self._changed[0].add(agent_id)
            self.agent_changed()

    def _visitor_changed(self, visitor_id: int) -> None:
        if self._changed is not None:
            self._changed[1].add(visitor_id)
