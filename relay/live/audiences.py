"""Who a frame is for, said once by the handler that sends it; the broker finds them.

Agents see the visitors and conversations of their departments (docs/routing.md, Roles):
an audience about a visitor or a conversation names its department, and the broker asks
relay.core.routing.permissions who may see it (None: everyone, as on a site without
departments). They are tagged structs because relays in a cluster send them to each other
(relay/cluster).
"""

from __future__ import annotations

import msgspec

from relay.store.records import Conversation


class ToVisitor(msgspec.Struct, frozen=True, tag="visitor", array_like=True):
    """Every tab of one visitor."""

    visitor: int


class ToAgent(msgspec.Struct, frozen=True, tag="agent", array_like=True):
    """Every connection of one agent (the app on two machines, say)."""

    agent: int


class ToAgents(msgspec.Struct, frozen=True, tag="agents", array_like=True):
    """Every agent."""


class ToDepartment(msgspec.Struct, frozen=True, tag="department", array_like=True):
    """The agents who may see what belongs to `department`: its members and admins; None:
    every agent."""

    department: int | None


class ToSupervisors(msgspec.Struct, frozen=True, tag="supervisors", array_like=True):
    """Agents who watch others' chats (admins and supervisors)."""


class ToVisitors(msgspec.Struct, frozen=True, tag="visitors", array_like=True):
    """Every visitor of the site (for agents' presence)."""


class ToParties(msgspec.Struct, frozen=True, tag="parties", array_like=True):
    """The parties of a conversation: the agents who may see its `department`, those who
    take part in it or are handed it whatever their department (`agents`, and those who
    may see `transfer_department`), and its visitor unless `visitor_too` is False
    (internal notes and whispers are never addressed to a visitor)."""

    visitor: int
    visitor_too: bool = True
    department: int | None = None
    agents: tuple[int, ...] = ()
    transfer_department: int | None = None


class ToFormerParties(msgspec.Struct, frozen=True, tag="former_parties", array_like=True):
    """The agents who were parties of a conversation (`before`) and are not now (`now`):
    it left their view (taken into another department, a transfer to their department
    declined or expired, they left it), so they get its last state once, which lets their
    app drop it (docs/protocol.md §6.8). Never its visitor."""

    before: ToParties
    now: ToParties


Audience = (
    ToVisitor
    | ToAgent
    | ToAgents
    | ToDepartment
    | ToSupervisors
    | ToVisitors
    | ToParties
    | ToFormerParties
)


def parties(conversation: Conversation, *, visitor_too: bool = True) -> ToParties:
    """The parties of this conversation (its visitor too unless `visitor_too` is False)."""
    involved = {p.agent_id for p in conversation.present()}
    for agent in (conversation.agent_id, conversation.transfer_to_agent):
        if agent is not None:
            involved.add(agent)
    return ToParties(
        conversation.visitor_id,
        visitor_too,
        conversation.department_id,
        tuple(sorted(involved)),
        conversation.transfer_to_department,
    )


def former_parties(before: Conversation, after: Conversation) -> ToFormerParties | None:
    """The agents who saw `before` and may not see `after` (None: the same parties, so
    nobody can have lost it)."""
    was, now = parties(before, visitor_too=False), parties(after, visitor_too=False)
    return None if was == now else ToFormerParties(was, now)


def agents_of(conversation: Conversation | None, visitor: int, department: int | None) -> ToParties:
    """The agents of a conversation, or, with none, those who see the visitor's department."""
    if conversation is None:
        return ToParties(visitor, False, department)
    return parties(conversation, visitor_too=False)
