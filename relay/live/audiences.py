"""Who a frame is for, said once by the handler that sends it; the broker finds them.

Until departments arrive every agent sees every visitor and conversation, so the agents
of a conversation are all agents; the audiences keep that decision in one place. They are
tagged structs because relays in a cluster send them to each other (relay/cluster).
"""

from __future__ import annotations

import msgspec


class ToVisitor(msgspec.Struct, frozen=True, tag="visitor", array_like=True):
    """Every tab of one visitor."""

    visitor: int


class ToAgent(msgspec.Struct, frozen=True, tag="agent", array_like=True):
    """Every connection of one agent (the app on two machines, say)."""

    agent: int


class ToAgents(msgspec.Struct, frozen=True, tag="agents", array_like=True):
    """Every agent who works on the site."""


class ToSupervisors(msgspec.Struct, frozen=True, tag="supervisors", array_like=True):
    """Agents who watch others' chats (admins and supervisors)."""


class ToVisitors(msgspec.Struct, frozen=True, tag="visitors", array_like=True):
    """Every visitor of the site (for agents' presence)."""


class ToParties(msgspec.Struct, frozen=True, tag="parties", array_like=True):
    """The parties of a conversation: its agents, and its visitor unless `visitor_too` is
    False (internal notes and whispers are never addressed to a visitor)."""

    visitor: int
    visitor_too: bool = True


Audience = ToVisitor | ToAgent | ToAgents | ToSupervisors | ToVisitors | ToParties
