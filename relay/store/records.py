"""Rows as the relay's code sees them: small frozen records, independent of any engine."""

from __future__ import annotations

from dataclasses import dataclass
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

Role = Literal["admin", "agent"]


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
