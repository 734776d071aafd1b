"""Every frame of the protocol, as frozen msgspec Structs in one tagged union per direction.

The `type` field names the frame. Schema evolution (docs/protocol.md): a new field always
has a default, nothing is renamed or re-typed, and unknown fields are ignored by readers,
so old and new peers keep talking.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

import msgspec

from shared_protocol import limits
from shared_protocol.errors import ErrorCode

ClientId = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.MAX_CLIENT_ID_CHARS)]
Token = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.MAX_TOKEN_CHARS)]
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.MAX_TEXT_CHARS)]
Preview = Annotated[str, msgspec.Meta(max_length=limits.MAX_PREVIEW_CHARS)]
Name = Annotated[str, msgspec.Meta(max_length=limits.MAX_NAME_CHARS)]
Contact = Annotated[str, msgspec.Meta(max_length=limits.MAX_CONTACT_CHARS)]
Password = Annotated[str, msgspec.Meta(max_length=limits.MAX_PASSWORD_CHARS)]
Url = Annotated[str, msgspec.Meta(max_length=limits.MAX_URL_CHARS)]
Title = Annotated[str, msgspec.Meta(max_length=limits.MAX_TITLE_CHARS)]
SiteKey = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.MAX_SITE_KEY_CHARS)]
# Which history of the relay's database sequence numbers belong to (docs/protocol.md §5.4):
# a restored or copied database gets a new epoch, and positions from another are void.
Epoch = Annotated[str, msgspec.Meta(max_length=limits.MAX_EPOCH_CHARS)]
# Every number has bounds (limits.MAX_WIRE_INT, limits.MAX_SECONDS), checked as it is
# decoded: no integer reaches storage that SQLite cannot hold or a browser cannot hold
# exactly, and no NaN or infinity reaches a date. tests/unit/test_frame_bounds.py keeps
# new fields to this.
Version = Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]
EntityId = Annotated[int, msgspec.Meta(ge=1, le=limits.MAX_WIRE_INT)]  # minted by the relay
Seq = Annotated[int, msgspec.Meta(ge=0, le=limits.MAX_WIRE_INT)]  # 0: before the first message
Count = Annotated[int, msgspec.Meta(ge=0, le=limits.MAX_WIRE_INT)]  # sizes and counts
FileId = Annotated[str, msgspec.Meta(min_length=16, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
# Seconds since the Unix epoch, always the relay's clock.
Timestamp = Annotated[float, msgspec.Meta(ge=0, le=limits.MAX_SECONDS)]
Seconds = Annotated[float, msgspec.Meta(ge=0, le=limits.MAX_SECONDS)]  # a duration
SHORTCUT_PATTERN = r"^[\w.-]*$"  # a canned phrase's shortcut, typed as /shortcut


class Frame(msgspec.Struct, frozen=True, kw_only=True, tag_field="type"):
    """Base of every frame; the subclass's tag is its `type`."""


class Part(msgspec.Struct, frozen=True, kw_only=True):
    """Base of the structures nested inside frames."""


# ---------------------------------------------------------------- shared structures


class AuthorKind(StrEnum):
    VISITOR = "visitor"
    AGENT = "agent"
    SYSTEM = "system"


class AgentStatus(StrEnum):
    ONLINE = "online"
    AWAY = "away"
    OFFLINE = "offline"


class ConversationStatus(StrEnum):
    WAITING = "waiting"  # opened by the visitor, no agent has answered yet
    ACTIVE = "active"  # an agent has taken it
    CLOSED = "closed"


class PageInfo(Part, frozen=True):
    url: Url
    title: Title = ""
    referrer: Url = ""


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


class VisitorContact(Part, frozen=True):
    """What the visitor told us about themselves (pre-chat, offline form, profile)."""

    name: str = ""
    email: str = ""
    phone: str = ""


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


class VisitorInfo(Part, frozen=True):
    id: EntityId
    site: str
    first_seen: Timestamp
    last_seen: Timestamp
    name: str = ""
    online: bool = True
    page: PageInfo | None = None
    visits: Count = 1
    conversation: EntityId | None = None  # the open conversation, if any
    email: str = ""
    phone: str = ""
    ip: str = ""
    location: str = ""  # "杭州市, 浙江省", "London, England, GB", "private network", ""
    country: str = ""
    region: str = ""
    city: str = ""
    device: str = ""  # "Chrome on Windows (desktop)"
    source: str = ""  # direct, internal, search, paid_search, social, referral, campaign
    source_name: str = ""  # "Baidu", "WeChat", "forum.example.org", a campaign name
    keyword: str = ""  # the search keyword, when the engine or the landing page tells it
    landing: PageInfo | None = None  # the first page of this visit, with its referrer
    chats: Count = 0  # conversations the visitor had before this one


class AgentInfo(Part, frozen=True):
    id: EntityId
    name: str
    display_name: str
    role: Literal["admin", "agent"]


class PhraseKind(StrEnum):
    TEXT = "text"
    LINK = "link"  # text (may be empty) followed by `url`
    FILE = "file"  # sends `file`, with `text` as an optional caption before it


class PhraseDraft(Part, frozen=True):
    """A canned phrase as an agent writes it. `text` may hold {visitor.name},
    {agent.name} and {site.name}, each with an optional fallback: {visitor.name|there}."""

    title: Annotated[str, msgspec.Meta(min_length=1, max_length=limits.MAX_NAME_CHARS)]
    text: Preview = ""
    category: Name = ""  # "Prices/Weekend": a path in the panel's tree; "" at the top
    shortcut: Annotated[str, msgspec.Meta(max_length=32, pattern=SHORTCUT_PATTERN)] = ""
    kind: PhraseKind = PhraseKind.TEXT
    url: Url = ""
    file: FileId | None = None
    shared: bool = False  # shared phrases are every agent's; only admins save them


class Phrase(Part, frozen=True):
    """A stored canned phrase, shared or this agent's own."""

    id: EntityId
    title: str
    text: str = ""
    category: str = ""
    shortcut: str = ""
    kind: PhraseKind = PhraseKind.TEXT
    url: str = ""
    file: Attachment | None = None
    shared: bool = False
    updated_at: Timestamp = 0.0


class AgentPresenceInfo(Part, frozen=True):
    agent: EntityId
    display_name: str
    status: AgentStatus


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
    more: bool  # ask again with `resume` from the last seq for the next page


class Resume(Frame, frozen=True, tag="resume"):
    """Client → relay: send me the messages of `conversation` after `after_seq`."""

    conversation: EntityId
    after_seq: Seq


class Close(Frame, frozen=True, tag="close"):
    """Client → relay: end this conversation."""

    conversation: EntityId


class ConversationOpened(Frame, frozen=True, tag="conversation_opened"):
    conversation: ConversationInfo


class ConversationUpdated(Frame, frozen=True, tag="conversation_updated"):
    conversation: ConversationInfo


class ConversationClosed(Frame, frozen=True, tag="conversation_closed"):
    conversation: EntityId
    by: AuthorKind
    ts: Timestamp


class Error(Frame, frozen=True, tag="error"):
    code: ErrorCode
    detail: str = ""
    ref: str | None = None  # the client id of the message this error is about, if any
    retry_after: Seconds | None = None  # with rate_limited: seconds to wait


# ---------------------------------------------------------------- visitor → relay


class Hello(Frame, frozen=True, tag="hello"):
    """The visitor's first frame. Without a token the relay mints a new visitor."""

    v: Version
    site: SiteKey
    token: Token | None = None
    page: PageInfo | None = None
    resume: Annotated[list[ResumePoint], msgspec.Meta(max_length=limits.MAX_RESUME_POINTS)] = []
    name: Name = ""
    epoch: Epoch = ""  # the welcome's epoch the resume points come from; "": not known


class PageView(Frame, frozen=True, tag="page_view"):
    page: PageInfo


class PageLeave(Frame, frozen=True, tag="page_leave"):
    """The page was hidden or unloaded; its dwell time ends now."""


class VisitorSend(Frame, frozen=True, tag="message"):
    """A visitor's message; it goes to the visitor's open conversation (opened if none).
    With `file`, a file the visitor uploaded before (see docs/protocol.md, Files)."""

    id: ClientId
    text: Text
    file: FileId | None = None


class Profile(Frame, frozen=True, tag="profile"):
    """What the visitor tells about themselves (pre-chat form, offline form, page API).
    Empty fields leave what is stored unchanged."""

    name: Name = ""
    email: Contact = ""
    phone: Contact = ""


class VisitorTyping(Frame, frozen=True, tag="typing"):
    """The visitor's draft so far (ephemeral, never stored). Empty text clears it."""

    text: Preview


class VisitorRead(Frame, frozen=True, tag="read"):
    """Visitor → relay: I have seen every message of `conversation` up to `seq`."""

    conversation: EntityId
    seq: Seq


VisitorInbound = (
    Hello
    | PageView
    | PageLeave
    | VisitorSend
    | VisitorTyping
    | Profile
    | VisitorRead
    | Resume
    | Close
)

# ---------------------------------------------------------------- relay → visitor


class PrechatField(Part, frozen=True):
    field: Literal["name", "email", "phone", "question"]
    required: bool = False


class SiteSettings(Part, frozen=True):
    """How the widget looks and behaves on a site; set by IT staff (`parley-relay site set`)."""

    name: str = ""  # shown in the widget's header
    logo_url: str = ""  # http(s) URL of a square logo; empty: the site's initial
    language: str = ""  # "en", "zh-CN" or "mn"; empty: the visitor's browser decides
    prechat: list[PrechatField] = []  # asked before the first message; empty: no form
    # Shown with the offline form: "we usually reply within …". Any integer a browser holds
    # exactly, not only sensible ones: the relay reads this back from its store through this
    # type, and a value IT staff once set must not make the site unusable.
    reply_hours: Annotated[int, msgspec.Meta(ge=-limits.MAX_WIRE_INT, le=limits.MAX_WIRE_INT)] = 24
    typing_preview: bool = True  # agents see drafts before they are sent
    typing_notice: bool = False  # the widget tells visitors that agents see their drafts


class AgentCard(Part, frozen=True):
    """What a visitor sees of the agent who answers: a name and a photo."""

    name: str
    avatar_url: str = ""  # an http(s) image URL; empty: show the name's initial


class Welcome(Frame, frozen=True, tag="welcome"):
    v: Version
    visitor: EntityId
    token: str  # keep it: the next hello with it makes this the same visitor
    agents_online: bool
    server_time: Timestamp
    conversation: ConversationInfo | None = None  # the open conversation, if any
    site: SiteSettings = msgspec.field(default_factory=SiteSettings)
    name: str = ""  # what the visitor told us before (profile)
    email: str = ""
    phone: str = ""
    agent: AgentCard | None = None  # who answers the open conversation, once someone does
    files_url: str = ""  # where files go up and come down (docs/protocol.md, Files); "": none
    max_file_bytes: Count = 0
    epoch: str = ""  # the database's history; positions held from another are void (§5.4)


class AgentJoined(Frame, frozen=True, tag="agent_joined"):
    """Relay → visitor: an agent took the conversation (first reply, accept or transfer)."""

    conversation: EntityId
    agent: AgentCard


class AgentTyping(Frame, frozen=True, tag="typing"):
    """Relay → visitor: an agent is (or stopped) typing in `conversation`."""

    conversation: EntityId
    active: bool
    name: str = ""  # the agent's display name


class Presence(Frame, frozen=True, tag="presence"):
    agents_online: bool


class MessageWithdrawn(Frame, frozen=True, tag="withdrawn"):
    """Relay → both sides: message `seq` was withdrawn; show that in its place."""

    conversation: EntityId
    seq: Seq
    ts: Timestamp
    by_name: str = ""


class VisitorReadReceipt(Frame, frozen=True, tag="read"):
    """Relay → visitor: an agent (any) has read the conversation up to `seq`."""

    conversation: EntityId
    seq: Seq
    ts: Timestamp


VisitorOutbound = (
    Welcome
    | AgentJoined
    | Ack
    | Message
    | History
    | AgentTyping
    | Presence
    | MessageWithdrawn
    | VisitorReadReceipt
    | ConversationOpened
    | ConversationClosed
    | Error
)

# ---------------------------------------------------------------- agent → relay


class Login(Frame, frozen=True, tag="login"):
    """The agent's first frame: a user name and password, or a session token."""

    v: Version
    user: Name = ""
    password: Password = ""
    token: Token | None = None
    status: AgentStatus = AgentStatus.ONLINE
    resume: Annotated[list[ResumePoint], msgspec.Meta(max_length=limits.MAX_RESUME_POINTS)] = []
    epoch: Epoch = ""  # the welcome's epoch the resume points come from; "": not known


class AgentSend(Frame, frozen=True, tag="message"):
    id: ClientId
    conversation: EntityId
    text: Text
    reply_to: EntityId | None = None  # the seq of the message this one quotes
    file: FileId | None = None  # a file uploaded by an agent before


class Withdraw(Frame, frozen=True, tag="withdraw"):
    """Agent → relay: take back one of my messages; both sides stop showing it and the
    relay keeps an audit record that admins can read."""

    conversation: EntityId
    seq: EntityId


class AgentTypingSet(Frame, frozen=True, tag="typing"):
    """Agent → relay: the agent is (or stopped) typing; the visitor sees a flag only."""

    conversation: EntityId
    active: bool


class AgentRead(Frame, frozen=True, tag="read"):
    """Agent → relay: I have read every message of `conversation` up to `seq`."""

    conversation: EntityId
    seq: Seq


class SetStatus(Frame, frozen=True, tag="status"):
    status: AgentStatus


class Accept(Frame, frozen=True, tag="accept"):
    """Take a conversation: it becomes the agent's and leaves the waiting queue."""

    conversation: EntityId


class Logout(Frame, frozen=True, tag="logout"):
    """End the session: its token stops working and the relay closes the connection."""


class PhraseSave(Frame, frozen=True, tag="phrase_save"):
    """Agent → relay: add a canned phrase (no id) or change one; answered by `phrases`."""

    phrase: PhraseDraft
    id: EntityId | None = None


class PhraseDelete(Frame, frozen=True, tag="phrase_delete"):
    id: EntityId


class WithdrawalsRequest(Frame, frozen=True, tag="withdrawals"):
    """Admins only: the audit record of withdrawn messages, of one chat or of all."""

    conversation: EntityId | None = None


class DetailsRequest(Frame, frozen=True, tag="details"):
    """Agent → relay: the path and history of a visitor (answered with `visitor_details`)."""

    visitor: EntityId


AgentInbound = (
    Login
    | AgentSend
    | Withdraw
    | AgentTypingSet
    | AgentRead
    | SetStatus
    | Accept
    | Resume
    | Close
    | Logout
    | DetailsRequest
    | PhraseSave
    | PhraseDelete
    | WithdrawalsRequest
)

# ---------------------------------------------------------------- relay → agent


class LoginOk(Frame, frozen=True, tag="welcome"):
    v: Version
    agent: AgentInfo
    token: str  # a session token for the next login; store it in the system keyring
    token_expires: Timestamp
    visitors: list[VisitorInfo]  # everyone on the site now
    conversations: list[ConversationInfo]  # every conversation not closed
    agents: list[AgentPresenceInfo]
    server_time: Timestamp
    phrases: list[Phrase] = []  # shared ones and this agent's own
    site_names: dict[str, str] = {}  # site key → the name visitors see ({site.name})
    files_url: str = ""
    max_file_bytes: Count = 0
    epoch: str = ""  # the database's history; positions held from another are void (§5.4)


class TypingPreview(Frame, frozen=True, tag="typing_preview"):
    """What a visitor is typing, before it is sent (ephemeral)."""

    visitor: EntityId
    conversation: EntityId | None
    text: str


class VisitorsChanged(Frame, frozen=True, tag="visitors"):
    """Who arrived, changed (page, name, conversation) or left since the last such frame.
    The relay sends at most about one per second, however busy the site."""

    updated: list[VisitorInfo] = []
    left: list[EntityId] = []


class VisitorUpdate(Frame, frozen=True, tag="visitor"):
    """A visitor arrived or changed. Superseded by `visitors`; kept for older agents."""

    visitor: VisitorInfo


class VisitorLeft(Frame, frozen=True, tag="visitor_left"):
    """Superseded by `visitors`; kept for older agents."""

    visitor: EntityId
    ts: Timestamp


class PageVisit(Part, frozen=True):
    url: str
    title: str
    entered_at: Timestamp
    left_at: Timestamp | None = None  # None while the visitor is on the page


class VisitSummary(Part, frozen=True):
    number: Count
    started_at: Timestamp
    pages: Count
    source: str = ""
    source_name: str = ""
    keyword: str = ""


class VisitorDetails(Frame, frozen=True, tag="visitor_details"):
    """The path of the current visit (oldest first), earlier visits and conversations."""

    visitor: EntityId
    path: list[PageVisit]
    visits: list[VisitSummary]  # newest first, at most 20
    conversations: list[ConversationInfo]  # newest first, at most 20
    contact: VisitorContact | None = None  # what the visitor told us; None when nothing


class AgentPresence(Frame, frozen=True, tag="presence"):
    agent: AgentPresenceInfo


class WithdrawalRecord(Part, frozen=True):
    conversation: EntityId
    seq: Seq
    agent: EntityId
    agent_name: str
    text: str  # what the message said
    file_name: str  # the file it carried, if any
    sent_at: Timestamp
    withdrawn_at: Timestamp


class Withdrawals(Frame, frozen=True, tag="withdrawals"):
    """Answer to `withdrawals`: newest first, at most 500."""

    records: list[WithdrawalRecord]


class PhrasesChanged(Frame, frozen=True, tag="phrases"):
    """Canned phrases were added, changed or deleted (by this agent, or an admin)."""

    updated: list[Phrase] = []
    deleted: list[EntityId] = []


class ReadReceipt(Frame, frozen=True, tag="read"):
    """Relay → agents: the visitor, or an agent, has read `conversation` up to `seq`. Sent
    only when the conversation's mark moved forward."""

    conversation: EntityId
    seq: Seq
    by: AuthorKind  # visitor or agent
    ts: Timestamp
    agent: EntityId | None = None  # who, when an agent read it


AgentOutbound = (
    LoginOk
    | Ack
    | Message
    | History
    | ReadReceipt
    | TypingPreview
    | VisitorDetails
    | VisitorsChanged
    | VisitorUpdate
    | VisitorLeft
    | AgentPresence
    | MessageWithdrawn
    | Withdrawals
    | PhrasesChanged
    | ConversationOpened
    | ConversationUpdated
    | ConversationClosed
    | Error
)
