"""Rows as the relay's code sees them: small frozen records, independent of any engine
and of the wire.

The store speaks these records only, never frames: a back end (SQLite today, PostgreSQL
next) must not be shaped by what clients happen to be sent. The rule for what records
may share with shared_protocol.frames:
- an enum of plain values that both sides agree on may be shared: AuthorKind,
  ConversationStatus (the wire's coarser status, `Conversation.status`) and PhraseKind
  are the values the store keeps, not shapes of the wire;
- a structure never is: a page, a contact, a site's settings, a phrase, a file, a quote
  are records here, made from and into frames in one place on the relay's side
  (relay/wire.py).
(Over 400 lines on purpose: every record a back end must produce, in one file to read.)
tests/unit/test_layering.py keeps relay/store to it. (shared_protocol.lifecycle is the
conversation's state machine, not the wire: its states and events are the store's too.)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from shared_protocol.frames import AuthorKind, ConversationStatus, PhraseKind
from shared_protocol.lifecycle import Actor, ConversationEvent, ConversationEventKind
from shared_protocol.lifecycle import ConversationState as LifecycleState
from shared_protocol.lifecycle import ConversationStatus as LifecycleStatus
from shared_protocol.lifecycle.conversation import ToAgent, ToDepartment
from shared_protocol.lifecycle.invitation import InvitationEventKind, InvitationState

Role = Literal["admin", "supervisor", "agent"]
DEFAULT_MAX_CHATS = 5  # an agent's conversations at once, unless set


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


PrechatFieldName = Literal["name", "email", "phone", "question", "department"]


@dataclass(frozen=True, slots=True)
class PrechatField:
    field: PrechatFieldName
    required: bool = False


@dataclass(frozen=True, slots=True)
class SiteSettings:
    """How the widget looks and behaves on a site; set by IT staff (`parley-relay site
    set`). Stored as JSON of these fields: one added later needs a default here."""

    name: str = ""  # shown in the widget's header
    logo_url: str = ""  # http(s) URL of a square logo; empty: the site's initial
    language: str = ""  # "en", "zh-CN" or "mn"; empty: the visitor's browser decides
    prechat: tuple[PrechatField, ...] = ()  # asked before the first message; empty: no form
    reply_hours: int = 24  # "we usually reply within …", with the offline form
    typing_preview: bool = True  # agents see drafts before they are sent
    typing_notice: bool = False  # the widget tells visitors that agents see their drafts


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
    max_chats: int = DEFAULT_MAX_CHATS  # conversations at once before the router passes them by


@dataclass(frozen=True, slots=True)
class Department:
    id: int
    site_id: int
    name: str
    created_at: float
    # Its routing settings: JSON of shared_protocol.frames.RoutingSettings as msgspec
    # encodes it, "{}" for the defaults. Kept as text: the store takes no structure of
    # the wire (tests/unit/test_layering.py); the relay decodes and checks it.
    settings_json: str = "{}"
    position: int = 0  # the order the pre-chat form lists a site's departments in


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
    # The visitor's own agent (docs/routing.md, "The owner"): set by hand, or else the
    # owner of their last conversation when it closed. None: nobody yet.
    owner_agent_id: int | None = None
    owner_set_by_hand: bool = False  # closing a conversation leaves it as it is


@dataclass(frozen=True, slots=True)
class VisitorContact:
    """What the visitor told about themselves (pre-chat, offline form, profile)."""

    name: str = ""
    email: str = ""
    phone: str = ""


def contact_of(name: str, email: str, phone: str) -> VisitorContact | None:
    """The contact agents see; None when the visitor told nothing."""
    if not (name or email or phone):
        return None
    return VisitorContact(name=name, email=email, phone=phone)


@dataclass(frozen=True, slots=True)
class Page:
    """A page as the visitor's browser reported it (untrusted text, stored as sent)."""

    url: str
    title: str = ""
    referrer: str = ""


@dataclass(frozen=True, slots=True)
class PageVisit:
    """A page view of a visit's path."""

    url: str
    title: str
    entered_at: float
    left_at: float | None = None  # None while the visitor is on the page


@dataclass(frozen=True, slots=True)
class VisitSummary:
    """One of a visitor's visits, for their history."""

    number: int  # 1 for the visitor's first visit
    started_at: float
    pages: int  # page views recorded
    source: str = ""
    source_name: str = ""
    keyword: str = ""


@dataclass(frozen=True, slots=True)
class Visit:
    id: int
    visitor_id: int
    number: int  # 1 for the visitor's first visit
    started_at: float
    landing: Page | None = None  # the first page of the visit, with its referrer
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
    started_on: Page | None = None
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
    # When it entered its department (opened, or a transfer through a department was
    # accepted): its place in the department's queue. None: in records made by hand.
    entered_department_at: float | None = None
    min_level: int = 1  # only agents of this level or higher (an escalation raises it)

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
class UntakenConversation:
    """An open conversation nobody holds (waiting, queued or offered), as the assigner
    reads it for routing (relay/core/routing/plan.py)."""

    id: int
    site_id: int
    visitor_id: int
    department_id: int
    status: LifecycleStatus  # waiting, queued or offered
    opened_at: float
    entered_department_at: float  # its place in the queue: first come, first offered
    offered_to: int | None = None  # set while offered
    offer_deadline: float | None = None
    min_level: int = 1
    owner_agent_id: int | None = None  # the visitor's own agent
    # Agents who declined it or let its offer expire since it entered the department, in
    # the order they did, each once.
    declined_by: tuple[int, ...] = ()
    # When its holder was last found gone and it came back to the line (`reclaimed`) since
    # it entered the department; None: never. It keeps its place; it waits from then.
    returned_at: float | None = None

    def state(self) -> LifecycleState:
        """The lifecycle state to compare and set (transition_conversation's `expected`)."""
        return LifecycleState(
            status=self.status,
            opened_at=self.opened_at,
            offered_to=self.offered_to,
            offer_deadline=self.offer_deadline,
        )


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
class Attachment:
    """A file a message or a phrase carries. `name` is display text only: the file is kept
    under `id`, a random name."""

    id: str
    name: str
    size: int
    content_type: str


@dataclass(frozen=True, slots=True)
class Quote:
    """The message a reply quotes, as it is now (its text cut to a quote's length)."""

    seq: int
    author: AuthorKind
    author_name: str = ""
    text: str = ""  # empty once it was withdrawn
    withdrawn: bool = False


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
        return Attachment(
            id=self.id, name=self.name, size=self.size, content_type=self.content_type
        )


@dataclass(frozen=True, slots=True)
class PhraseDraft:
    """A canned phrase to store, as an agent wrote it (checked by the caller: complete for
    its kind, a file this agent may send). Whose it is, or that it is shared, the caller
    says beside it."""

    title: str
    text: str = ""  # may hold {visitor.name} and the like, filled in by the agent app
    category: str = ""  # "Prices/Weekend": a path in the panel's tree; "" at the top
    shortcut: str = ""  # unique among the owner's phrases (or among the shared ones)
    kind: PhraseKind = PhraseKind.TEXT
    url: str = ""
    file: str | None = None  # the id of an uploaded file


@dataclass(frozen=True, slots=True)
class Phrase:
    """A stored canned phrase, shared or one agent's own."""

    id: int
    title: str
    text: str = ""
    category: str = ""
    shortcut: str = ""
    kind: PhraseKind = PhraseKind.TEXT
    url: str = ""
    file: Attachment | None = None
    shared: bool = False
    updated_at: float = 0.0


@dataclass(frozen=True, slots=True)
class NewInvitation:
    """An invitation to store as sent (issue 14). `state` is the lifecycle's `sent` state."""

    site_id: int
    visit_id: int
    state: InvitationState
    text: str  # the greeting (or the survey's question) as the visitor sees it
    style: str  # card, bubble, dialog
    kind: str = "chat"  # chat, survey
    rule_id: str = ""  # empty: sent by hand
    variant: int | None = None  # the A/B test's arm, when the rule runs one
    agent_id: int | None = None  # whose name and photo it shows (the sender, by hand)


@dataclass(frozen=True, slots=True)
class InvitationRecord:
    id: int
    site_id: int
    visit_id: int
    state: InvitationState  # status, visitor, sender, times, timeout, auto-reply
    text: str
    style: str
    kind: str
    rule_id: str
    variant: int | None
    agent_id: int | None
    conversation_id: int | None  # opened by accepting it (or by a survey's answer)


@dataclass(frozen=True, slots=True)
class InvitationLogged:
    """An entry of an invitation's event log as stored."""

    id: int
    invitation_id: int
    kind: InvitationEventKind
    at: float
    actor: Actor
    text: str = ""


@dataclass(frozen=True, slots=True)
class InvitationCounts:
    """One rule's invitations (one variant's, in an A/B test) since a moment."""

    sent: int = 0
    shown: int = 0
    accepted: int = 0
    declined: int = 0
    chats: int = 0  # accepted, and the visitor wrote in the conversation it opened
    replied: int = 0  # accepted, and an agent answered in that conversation


@dataclass(frozen=True, slots=True)
class InvitationSetupDocument:
    """A site's invitation settings and rules as the relay keeps them: a JSON document (the
    relay reads and checks it; the store only keeps it) and a version for compare-and-set."""

    site_id: int
    document: str  # JSON; "" when the site has never been set up
    version: int  # 0 before the first save; each save adds one
