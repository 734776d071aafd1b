"""Who a frame is for, said once by the handler that sends it; the broker finds them.

Until departments arrive every agent sees every visitor and conversation, so the agents
of a conversation are all agents; the audiences keep that decision in one place.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ToVisitor:
    """Every tab of one visitor."""

    visitor: int


@dataclass(frozen=True, slots=True)
class ToAgent:
    """Every connection of one agent (the app on two machines, say)."""

    agent: int


@dataclass(frozen=True, slots=True)
class ToAgents:
    """Every agent who works on the site."""


@dataclass(frozen=True, slots=True)
class ToSupervisors:
    """Agents who watch others' chats (admins and supervisors)."""


@dataclass(frozen=True, slots=True)
class ToVisitors:
    """Every visitor of the site (for agents' presence)."""


@dataclass(frozen=True, slots=True)
class ToParties:
    """The parties of a conversation: its agents, and its visitor unless `visitor_too` is
    False (internal notes and whispers are never addressed to a visitor)."""

    visitor: int
    visitor_too: bool = True


Audience = ToVisitor | ToAgent | ToAgents | ToSupervisors | ToVisitors | ToParties
