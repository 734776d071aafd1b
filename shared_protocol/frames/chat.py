"""Messages and what goes with them: sending, acks, history and resume, typing, read receipts.

Withdrawing a message is in withdrawals.py; opening, taking and closing a conversation in
conversations.py.
"""

from __future__ import annotations

from enum import StrEnum

from shared_protocol.frames.common import (
    AuthorKind,
    ClientId,
    Count,
    EntityId,
    FileId,
    Frame,
    Part,
    Preview,
    Seq,
    Text,
    Timestamp,
)

__all__ = [
    "Ack",
    "AgentRead",
    "AgentSend",
    "AgentTyping",
    "AgentTypingSet",
    "Attachment",
    "ChatMessage",
    "History",
    "Message",
    "Note",
    "Quote",
    "ReadReceipt",
    "Resume",
    "ResumePoint",
    "TypingPreview",
    "Visibility",
    "VisitorRead",
    "VisitorReadReceipt",
    "VisitorSend",
    "VisitorTyping",
]

# ---------------------------------------------------------------- structures


class Visibility(StrEnum):
    PUBLIC = "public"  # the visitor and the agents
    INTERNAL = "internal"  # agents only: a note; never sent to the visitor


class ResumePoint(Part, frozen=True):
    conversation: EntityId
    after_seq: Seq


class Quote(Part, frozen=True):
    """The message a reply quotes, as it was when the reply was shown."""

    seq: Seq
    author: AuthorKind
    author_name: str = ""
    text: str = ""  # the start of the quoted text; empty once it was withdrawn
    withdrawn: bool = False


class Attachment(Part, frozen=True):
    """A file sent with a message. `name` is display text only: the relay stores the file
    under `id`, a random name, and serves it as a download (images also inline-safe)."""

    id: str
    name: str
    size: Count
    type: str  # image/png, image/jpeg, image/gif, image/webp, or application/octet-stream


class ChatMessage(Part, frozen=True):
    """A stored message, as both sides see it."""

    conversation: EntityId
    seq: Seq
    id: str  # the author's client-made id
    author: AuthorKind
    author_id: EntityId
    text: str  # empty once withdrawn; a file's name when a file was sent
    ts: Timestamp
    author_name: str = ""
    reply_to: Quote | None = None
    file: Attachment | None = None
    withdrawn: bool = False  # the author took it back; text and file are gone
    visibility: Visibility = Visibility.PUBLIC  # internal: a note among agents


# ---------------------------------------------------------------- frames both ways


class Ack(Frame, frozen=True, tag="ack"):
    """The relay stored the sender's message `id` as `seq` of `conversation`."""

    id: str
    conversation: EntityId
    seq: Seq
    ts: Timestamp
    duplicate: bool = False  # the id was stored before; nothing new was written


class Message(Frame, frozen=True, tag="message"):
    """A stored message delivered to a party of the conversation (relay → client)."""

    message: ChatMessage


class History(Frame, frozen=True, tag="history"):
    """Messages of `conversation` after the asked sequence number, oldest first."""

    conversation: EntityId
    messages: list[ChatMessage]
    more: bool  # ask again with `resume` from `through` for the next page
    # Every seq after the asked one up to this is in `messages`, or is a note, which
    # visitors do not get: a visitor's next position. 0 from relays older than notes:
    # the last message's seq then.
    through: Seq = 0


class Resume(Frame, frozen=True, tag="resume"):
    """Client → relay: send me the messages of `conversation` after `after_seq`."""

    conversation: EntityId
    after_seq: Seq


# ---------------------------------------------------------------- visitor → relay


class VisitorSend(Frame, frozen=True, tag="message"):
    """A visitor's message; it goes to the visitor's open conversation (opened if none).
    With `file`, a file the visitor uploaded before (see docs/protocol.md, Files)."""

    id: ClientId
    text: Text
    file: FileId | None = None


class VisitorTyping(Frame, frozen=True, tag="typing"):
    """The visitor's draft so far (ephemeral, never stored). Empty text clears it."""

    text: Preview


class VisitorRead(Frame, frozen=True, tag="read"):
    """Visitor → relay: I have seen every message of `conversation` up to `seq`."""

    conversation: EntityId
    seq: Seq


# ---------------------------------------------------------------- relay → visitor


class AgentTyping(Frame, frozen=True, tag="typing"):
    """Relay → visitor: an agent is (or stopped) typing in `conversation`."""

    conversation: EntityId
    active: bool
    name: str = ""  # the agent's display name


class VisitorReadReceipt(Frame, frozen=True, tag="read"):
    """Relay → visitor: an agent (any) has read the conversation up to `seq`."""

    conversation: EntityId
    seq: Seq
    ts: Timestamp


# ---------------------------------------------------------------- agent → relay


class AgentSend(Frame, frozen=True, tag="message"):
    id: ClientId
    conversation: EntityId
    text: Text
    reply_to: EntityId | None = None  # the seq of the message this one quotes
    file: FileId | None = None  # a file uploaded by an agent before


class Note(Frame, frozen=True, tag="note"):
    """Agent → relay: a note for the agents of a conversation, which its visitor never
    receives. Acknowledged, numbered and resumed like a message (`visibility` internal).
    A frame of its own, not a flag on `message`: a relay that does not know notes refuses
    it (unknown_type) rather than sending it to the visitor."""

    id: ClientId
    conversation: EntityId
    text: Text
    reply_to: EntityId | None = None  # the seq of a message (public or a note) it quotes


class AgentTypingSet(Frame, frozen=True, tag="typing"):
    """Agent → relay: the agent is (or stopped) typing; the visitor sees a flag only."""

    conversation: EntityId
    active: bool


class AgentRead(Frame, frozen=True, tag="read"):
    """Agent → relay: I have read every message of `conversation` up to `seq`."""

    conversation: EntityId
    seq: Seq


# ---------------------------------------------------------------- relay → agent


class TypingPreview(Frame, frozen=True, tag="typing_preview"):
    """What a visitor is typing, before it is sent (ephemeral)."""

    visitor: EntityId
    conversation: EntityId | None
    text: str


class ReadReceipt(Frame, frozen=True, tag="read"):
    """Relay → agents: the visitor, or an agent, has read `conversation` up to `seq`. Sent
    only when the conversation's mark moved forward."""

    conversation: EntityId
    seq: Seq
    by: AuthorKind  # visitor or agent
    ts: Timestamp
    agent: EntityId | None = None  # who, when an agent read it
