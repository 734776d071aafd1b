"""One visitor's path and history, as an agent asks for it: pages of this visit, earlier visits.

Who is on the site now is in visitors.py.
"""

from __future__ import annotations

from shared_protocol.frames.common import Count, EntityId, Frame, Part, Timestamp
from shared_protocol.frames.conversations import ConversationInfo
from shared_protocol.frames.visitors import VisitorContact

__all__ = ["DetailsRequest", "PageVisit", "VisitSummary", "VisitorDetails"]

# ---------------------------------------------------------------- structures


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


# ---------------------------------------------------------------- agent → relay


class DetailsRequest(Frame, frozen=True, tag="details"):
    """Agent → relay: the path and history of a visitor (answered with `visitor_details`)."""

    visitor: EntityId


# ---------------------------------------------------------------- relay → agent


class VisitorDetails(Frame, frozen=True, tag="visitor_details"):
    """The path of the current visit (oldest first), earlier visits and conversations."""

    visitor: EntityId
    path: list[PageVisit]
    visits: list[VisitSummary]  # newest first, at most 20
    conversations: list[ConversationInfo]  # newest first, at most 20
    contact: VisitorContact | None = None  # what the visitor told us; None when nothing
