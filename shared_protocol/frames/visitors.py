"""Visitors on the site: who they are, the pages they view, what they tell about themselves.

An agent's request for one visitor's path and history is in visitor_details.py.
"""

# ruff: noqa: RUF012 - msgspec gives every instance its own [] and {} defaults, but ruff
# cannot see from here that Frame and Part (in common.py) are msgspec Structs.

from __future__ import annotations

from shared_protocol.frames.common import (
    Contact,
    Count,
    EntityId,
    Frame,
    Name,
    Part,
    Timestamp,
    Title,
    Url,
)

__all__ = [
    "PageInfo",
    "PageLeave",
    "PageView",
    "Profile",
    "VisitorContact",
    "VisitorInfo",
    "VisitorLeft",
    "VisitorUpdate",
    "VisitorsChanged",
]

# ---------------------------------------------------------------- structures


class PageInfo(Part, frozen=True):
    url: Url
    title: Title = ""
    referrer: Url = ""


class VisitorContact(Part, frozen=True):
    """What the visitor told us about themselves (pre-chat, offline form, profile)."""

    name: str = ""
    email: str = ""
    phone: str = ""


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
    visit_id: EntityId | None = None  # the current visit (an invitation belongs to one)
    department: EntityId | None = None  # where routing places them; None: every agent sees them
    owner: EntityId | None = None  # their own agent, offered their chats first


# ---------------------------------------------------------------- visitor → relay


class PageView(Frame, frozen=True, tag="page_view"):
    page: PageInfo


class PageLeave(Frame, frozen=True, tag="page_leave"):
    """The page was hidden or unloaded; its dwell time ends now."""


class Profile(Frame, frozen=True, tag="profile"):
    """What the visitor tells about themselves (pre-chat form, offline form, page API).
    Empty fields leave what is stored unchanged."""

    name: Name = ""
    email: Contact = ""
    phone: Contact = ""
    department: EntityId | None = None  # picked in the pre-chat form (SiteSettings.departments)


# ---------------------------------------------------------------- relay → agent


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
