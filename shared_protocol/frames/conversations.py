"""Conversations as a whole: their status and summary, opening, taking, joining and closing.

The messages inside one are in chat.py.
"""

from __future__ import annotations

from enum import StrEnum

from shared_protocol.frames.chat import ChatMessage
from shared_protocol.frames.common import AuthorKind, Count, EntityId, Frame, Part, Seq, Timestamp
from shared_protocol.frames.visitors import PageInfo, VisitorContact

__all__ = [
    "Accept",
    "AgentCard",
    "AgentJoined",
    "Close",
    "ConversationClosed",
    "ConversationInfo",
    "ConversationOpened",
    "ConversationStatus",
    "ConversationUpdated",
    "Join",
    "Leave",
    "Participant",
    "ParticipantRole",
]

# ---------------------------------------------------------------- structures


class ConversationStatus(StrEnum):
    WAITING = "waiting"  # opened by the visitor, no agent has answered yet
    QUEUED = "queued"  # every eligible agent is full: it waits its turn (docs/routing.md)
    OFFERED = "offered"  # offered to one agent (`offered_to`) until `offer_deadline`
    ACTIVE = "active"  # an agent has taken it
    TRANSFERRING = "transferring"  # its owner hands it over; still theirs until taken
    CLOSED = "closed"


class ParticipantRole(StrEnum):
    OWNER = "owner"  # answers for the conversation; one at a time
    HELPER = "helper"  # joined to help; posts like the owner
    SUPERVISOR = "supervisor"  # watches; posts notes


class Participant(Part, frozen=True):
    """An agent who took part in a conversation, and when."""

    agent: EntityId
    role: ParticipantRole
    joined_at: Timestamp
    left_at: Timestamp | None = None  # None while still in it


class ConversationInfo(Part, frozen=True):
    id: EntityId
    visitor: EntityId
    status: ConversationStatus
    created_at: Timestamp
    agent: EntityId | None = None
    last_seq: Seq = 0
    closed_at: Timestamp | None = None
    offline: bool = False  # opened while no agent was online (a left message)
    started_on: PageInfo | None = None  # the page the visitor was on when it began
    # The visitor's contact, kept with the conversation so that agents can still answer a
    # message left offline once the visitor (and their VisitorInfo) has gone; None if none.
    contact: VisitorContact | None = None
    # Read receipts: every message up to this seq was seen by the visitor / by an agent.
    visitor_read_seq: Seq = 0
    agent_read_seq: Seq = 0
    # The newest message (withdrawn ones as withdrawn, text empty, as history shows them),
    # so that a conversation list needs no transcript. Filled in every ConversationInfo sent
    # to agents; None in what visitors get, and when the conversation has no message yet.
    last_message: ChatMessage | None = None
    # Every agent who took part, in the order they joined (agents only; empty for visitors).
    participants: list[Participant] = []  # noqa: RUF012 - msgspec copies defaults
    # Routing (docs/routing.md); all None on a site without departments.
    department: EntityId | None = None
    offered_to: EntityId | None = None  # while `offered`
    offer_deadline: Timestamp | None = None
    transfer_to_agent: EntityId | None = None  # while `transferring`: to an agent…
    transfer_to_department: EntityId | None = None  # …or to a department
    transfer_deadline: Timestamp | None = None
    transfer_note: str = ""  # the owner's note for whoever takes it over (agents only)
    min_level: Count = 1  # an escalation: only agents of this level or higher take it


class AgentCard(Part, frozen=True):
    """What a visitor sees of the agent who answers: a name and a photo."""

    name: str
    avatar_url: str = ""  # an http(s) image URL; empty: show the name's initial


# ---------------------------------------------------------------- client → relay


class Close(Frame, frozen=True, tag="close"):
    """Client → relay: end this conversation."""

    conversation: EntityId


# ---------------------------------------------------------------- agent → relay


class Accept(Frame, frozen=True, tag="accept"):
    """Take a conversation: it becomes the agent's and leaves the waiting queue."""

    conversation: EntityId


class Join(Frame, frozen=True, tag="join"):
    """Join a conversation another agent owns, to help: the helper then posts into it."""

    conversation: EntityId


class Leave(Frame, frozen=True, tag="leave"):
    """Leave a conversation joined to help (its owner closes or transfers it instead)."""

    conversation: EntityId


# ---------------------------------------------------------------- relay → both sides


class ConversationOpened(Frame, frozen=True, tag="conversation_opened"):
    conversation: ConversationInfo


class ConversationClosed(Frame, frozen=True, tag="conversation_closed"):
    conversation: EntityId
    by: AuthorKind
    ts: Timestamp


# ---------------------------------------------------------------- relay → visitor


class AgentJoined(Frame, frozen=True, tag="agent_joined"):
    """Relay → visitor: an agent took the conversation (first reply, accept or transfer)."""

    conversation: EntityId
    agent: AgentCard


# ---------------------------------------------------------------- relay → agent


class ConversationUpdated(Frame, frozen=True, tag="conversation_updated"):
    conversation: ConversationInfo
