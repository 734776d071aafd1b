"""Conversations as a whole: their status and summary, opening, taking, joining and closing.

The messages inside one are in chat.py.
"""

from __future__ import annotations

from enum import StrEnum

from shared_protocol.frames.chat import ChatMessage
from shared_protocol.frames.common import AuthorKind, EntityId, Frame, Part, Seq, Timestamp
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
]

# ---------------------------------------------------------------- structures


class ConversationStatus(StrEnum):
    WAITING = "waiting"  # opened by the visitor, no agent has answered yet
    ACTIVE = "active"  # an agent has taken it
    CLOSED = "closed"


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
