"""Starting and running a connection: hello and login, the welcomes, status, presence, errors.

The welcomes carry the site's settings and the state a client starts from (conversations,
visitors, phrases), defined in their feature modules.
"""

# ruff: noqa: RUF012 - msgspec gives every instance its own [] and {} defaults, but ruff
# cannot see from here that Frame and Part (in common.py) are msgspec Structs.

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from shared_protocol import limits
from shared_protocol.errors import ErrorCode
from shared_protocol.frames.chat import ResumePoint
from shared_protocol.frames.common import (
    AgentStatus,
    Count,
    EntityId,
    Epoch,
    Frame,
    Name,
    Part,
    Password,
    Seconds,
    SiteKey,
    Timestamp,
    Token,
    Version,
)
from shared_protocol.frames.conversations import AgentCard, ConversationInfo
from shared_protocol.frames.phrases import Phrase
from shared_protocol.frames.routing import DepartmentChoice, DepartmentInfo
from shared_protocol.frames.visitors import PageInfo, VisitorInfo

__all__ = [
    "AgentInfo",
    "AgentPresence",
    "AgentPresenceInfo",
    "Error",
    "Hello",
    "Login",
    "LoginOk",
    "Logout",
    "PrechatField",
    "Presence",
    "SetStatus",
    "SiteSettings",
    "Welcome",
]

# ---------------------------------------------------------------- structures


class PrechatField(Part, frozen=True):
    field: Literal["name", "email", "phone", "question", "department"]
    required: bool = False


class SiteSettings(Part, frozen=True):
    """How the widget looks and behaves on a site; set by IT staff (`parley-relay site set`)."""

    name: str = ""  # shown in the widget's header
    logo_url: str = ""  # http(s) URL of a square logo; empty: the site's initial
    language: str = ""  # "en", "zh-CN" or "mn"; empty: the visitor's browser decides
    prechat: list[PrechatField] = []  # asked before the first message; empty: no form
    # Shown with the offline form: "we usually reply within …". Any integer a browser holds
    # exactly, not only sensible ones: a value IT staff once set must not make a client
    # refuse the welcome.
    reply_hours: Annotated[int, msgspec.Meta(ge=-limits.MAX_WIRE_INT, le=limits.MAX_WIRE_INT)] = 24
    typing_preview: bool = True  # agents see drafts before they are sent
    typing_notice: bool = False  # the widget tells visitors that agents see their drafts
    # What a pre-chat `department` field offers, in order; empty when the site has none.
    departments: list[DepartmentChoice] = []


class AgentInfo(Part, frozen=True):
    id: EntityId
    name: str
    display_name: str
    role: Literal["admin", "supervisor", "agent"]
    # How chats will be routed to this agent (set by IT staff: `parley-relay agent set`).
    departments: list[EntityId] = []  # ids among LoginOk.departments
    skills: list[str] = []
    level: Count = 1  # first line 1; higher for seniors
    max_chats: Count = 5  # conversations at once before routing passes the agent by


class AgentPresenceInfo(Part, frozen=True):
    agent: EntityId
    display_name: str
    status: AgentStatus
    # Whom a chat can be transferred to, and who supervises: as in AgentInfo.
    role: Literal["admin", "supervisor", "agent"] = "agent"
    departments: list[EntityId] = []
    level: Count = 1
    # 0: watches and takes no chat (a supervisor, say): visitors are not told "online"
    # for them alone.
    takes_chats: bool = True


# ---------------------------------------------------------------- relay → both sides


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


# ---------------------------------------------------------------- relay → visitor


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


class Presence(Frame, frozen=True, tag="presence"):
    agents_online: bool


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


class SetStatus(Frame, frozen=True, tag="status"):
    status: AgentStatus


class Logout(Frame, frozen=True, tag="logout"):
    """End the session: its token stops working and the relay closes the connection."""


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
    departments: list[DepartmentInfo] = []  # of every site


class AgentPresence(Frame, frozen=True, tag="presence"):
    agent: AgentPresenceInfo
