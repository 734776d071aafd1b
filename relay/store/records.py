"""Rows as the relay's code sees them: small frozen records, independent of any engine."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from shared_protocol.frames import (
    Attachment,
    AuthorKind,
    ConversationStatus,
    PageInfo,
    Quote,
    SiteSettings,
    VisitorContact,
)
from shared_protocol.lifecycle import Actor, ConversationEvent, ConversationEventKind
from shared_protocol.lifecycle import ConversationState as LifecycleState
from shared_protocol.lifecycle import ConversationStatus as LifecycleStatus
from shared_protocol.lifecycle.conversation import ToAgent, ToDepartment

Role = Literal["admin", "agent"]


class Visibility(StrEnum):
    """Who may read a message: everyone in the conversation, or its agents only."""

    PUBLIC = "public"
    INTERNAL = "internal"  # notes and whispers: never sent to the visitor


class ParticipantRole(StrEnum):
    OWNER = "owner"  # answers for the conversation; one at a time
    HELPER = "helper"
    SUPERVISOR = "supervisor"


class StoreEventKind(StrEnum):
    """Kinds the store logs of its own, beside the lifecycle's ConversationEventKind."""

    FIRST_AGENT_REPLY = "first_agent_reply"  # the first public message of an agent
    AGENT_JOINED = "agent_joined"  # a helper or supervisor (owners: accepted, assigned…)
    AGENT_LEFT = "agent_left"


# The wire's coarser status of each lifecycle status, for peers that know only three.
_WIRE_STATUS = {
    LifecycleStatus.WAITING: ConversationStatus.WAITING,
    LifecycleStatus.QUEUED: ConversationStatus.WAITING,
    LifecycleStatus.OFFERED: ConversationStatus.WAITING,
    LifecycleStatus.ACTIVE: ConversationStatus.ACTIVE,
    LifecycleStatus.TRANSFERRING: ConversationStatus.ACTIVE,
    LifecycleStatus.CLOSED: ConversationStatus.CLOSED,
}


_LIFECYCLE_KINDS = frozenset(kind.value for kind in ConversationEventKind)


def wire_status(status: LifecycleStatus) -> ConversationStatus:
    return _WIRE_STATUS[status]


@dataclass(frozen=True, slots=True)
class Site:
    id: int
    key: str
    name: str
    origins: tuple[str, ...]
    created_at: float
    settings: SiteSettings


@dataclass(frozen=True, slots=True)
class Agent:
    id: int
    name: str
    display_name: str
    role: Role
    password_hash: str
    disabled: bool
    created_at: float
    avatar_url: str = ""  # the photo visitors see; empty: an initial
    # For routing (stored now, used by the router later).
    departments: tuple[int, ...] = ()  # ids of the departments the agent answers for
    skills: tuple[str, ...] = ()
    level: int = 1
    max_chats: int = 5  # conversations at once before the router passes the agent by


@dataclass(frozen=True, slots=True)
class Department:
    id: int
    site_id: int
    name: str
    created_at: float


@dataclass(frozen=True, slots=True)
class Visitor:
    id: int
    site_id: int
    name: str
    first_seen: float
    last_seen: float
    visits: int
    email: str = ""
    phone: str = ""
    conversations: int = 0  # conversations so far


@dataclass(frozen=True, slots=True)
class Visit:
    id: int
    visitor_id: int
    number: int  # 1 for the visitor's first visit
    started_at: float
    landing: PageInfo | None = None  # the first page of the visit, with its referrer
    source: str = ""  # relay.core.referrer.Source of the visit
    source_name: str = ""
    keyword: str = ""


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int
    site_id: int
    visitor_id: int
    status: ConversationStatus
    agent_id: int | None
    created_at: float
    closed_at: float | None
    last_seq: int
    offline: bool = False
    started_on: PageInfo | None = None
    contact: VisitorContact | None = None  # the visitor's, as stored when this was read
    visitor_read_seq: int = 0  # the visitor has seen every message up to this seq
    agent_read_seq: int = 0  # an agent (any) has read every message up to this seq
    # The lifecycle's own status; `status` above is the wire's coarser view of it (a
    # queued or offered conversation is waiting there). None: as `status` says.
    lifecycle: LifecycleStatus | None = None
    department_id: int | None = None
    offered_to: int | None = None  # set while offered
    offer_deadline: float | None = None
    transfer_to_agent: int | None = None  # set while transferring, one of the two
    transfer_to_department: int | None = None
    transfer_deadline: float | None = None
    rated: int | None = None  # the visitor's score; None: not rated
    participants: tuple[Participant, ...] = ()  # every agent who took part, in order

    def state(self) -> LifecycleState:
        """The lifecycle state, for shared_protocol.lifecycle.conversation.apply()."""
        transfer_to: ToAgent | ToDepartment | None = None
        if self.transfer_to_agent is not None:
            transfer_to = ToAgent(self.transfer_to_agent)
        elif self.transfer_to_department is not None:
            transfer_to = ToDepartment(self.transfer_to_department)
        return LifecycleState(
            status=self.lifecycle or LifecycleStatus(self.status.value),
            opened_at=self.created_at,
            owner=self.agent_id,
            offered_to=self.offered_to,
            offer_deadline=self.offer_deadline,
            transfer_to=transfer_to,
            transfer_deadline=self.transfer_deadline,
            rated=self.rated is not None,
            closed_at=self.closed_at,
        )

    def present(self) -> tuple[Participant, ...]:
        """The participants who have not left."""
        return tuple(p for p in self.participants if p.left_at is None)


@dataclass(frozen=True, slots=True)
class Participant:
    conversation_id: int
    agent_id: int
    role: ParticipantRole
    joined_at: float
    left_at: float | None = None


@dataclass(frozen=True, slots=True)
class LoggedEvent:
    """An entry of a conversation's event log as stored; fields its kind does not use
    stay empty."""

    id: int  # ascending in the order the entries were written
    conversation_id: int
    kind: str  # a ConversationEventKind or a StoreEventKind value
    at: float
    actor: Actor
    agent: int | None = None
    from_agent: int | None = None
    department: int | None = None
    score: int | None = None
    note: str = ""
    role: ParticipantRole | None = None  # agent_joined, agent_left
    seq: int | None = None  # first_agent_reply: the message
    migrated: bool = False  # made from older rows when the log was introduced

    def lifecycle_event(self) -> ConversationEvent | None:
        """The lifecycle's entry this is; None for the store's own kinds."""
        if self.kind not in _LIFECYCLE_KINDS:
            return None
        return ConversationEvent(
            kind=ConversationEventKind(self.kind),
            at=self.at,
            actor=self.actor,
            agent=self.agent,
            from_agent=self.from_agent,
            department=self.department,
            score=self.score,
            note=self.note,
        )


@dataclass(frozen=True, slots=True)
class ReadMark:
    """A conversation's read mark of one side after a read was stored."""

    conversation_id: int
    visitor_id: int
    seq: int  # the mark as stored now
    advanced: bool  # False: it was there already (or past it); nothing changed


@dataclass(frozen=True, slots=True)
class NewMessage:
    conversation_id: int
    client_id: str
    author: AuthorKind
    author_id: int
    author_name: str
    text: str
    created_at: float
    reply_to: Quote | None = None  # checked by the caller: a message of the same conversation
    file: Attachment | None = None  # checked by the caller: a file this author may send
    visibility: Visibility = Visibility.PUBLIC  # internal: the caller checked it is an agent


@dataclass(frozen=True, slots=True)
class StoredMessage:
    conversation_id: int
    seq: int
    client_id: str
    author: AuthorKind
    author_id: int
    author_name: str
    text: str
    created_at: float
    reply_to: Quote | None = None
    file: Attachment | None = None
    withdrawn: bool = False
    visibility: Visibility = Visibility.PUBLIC


@dataclass(frozen=True, slots=True)
class KnownMessage:
    """A stored message found by its client id, to tell a resend from a conflict:
    `sent_text` is its text as sent, kept for a withdrawn message only in its audit record
    (never shown to anyone: `message.text` is what clients see)."""

    message: StoredMessage
    sent_text: str


@dataclass(frozen=True, slots=True)
class Appended:
    message: StoredMessage
    duplicate: bool  # the client id was stored before; nothing was written


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """The audit record of a withdrawn message: who took back what, and when."""

    conversation_id: int
    seq: int
    agent_id: int
    agent_name: str
    text: str
    file_name: str
    sent_at: float
    withdrawn_at: float


@dataclass(frozen=True, slots=True)
class StoredFile:
    id: str  # the random name it has on disk
    name: str  # what the sender called it: display text only
    size: int
    content_type: str
    uploader: AuthorKind
    uploader_id: int
    created_at: float

    def attachment(self) -> Attachment:
        return Attachment(id=self.id, name=self.name, size=self.size, type=self.content_type)
