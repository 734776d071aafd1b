"""Everyone on the site now, as a table: one row per visitor, updated in place."""

from __future__ import annotations

import time
from bisect import bisect_left, insort
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from agent_app import text as untrusted
from shared_protocol import frames

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Visitor", "Location", "Page", "Source", "On site", "Visits", "Chat")
VISITOR_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
INVITATION_ROLE = Qt.ItemDataRole.UserRole + 3  # the InvitationInfo the row shows, or None
CHAT_COLUMN = 6
OUR_COLUMNS = (4, 5, 6)  # times and counts the app writes; the rest comes from visitors
GONE_KEPT = 256  # departures remembered before the rows are numbered afresh


# The invitation's state on the row, in English (views/invitation_words.py translates).
INVITATION_WORDS = {
    "sent": "invited",
    "shown": "invite seen",
    "accepted": "accepted",
    "declined": "declined",
    "expired": "no answer",
    "withdrawn": "withdrawn",
}


def row_invitation(
    info: frames.VisitorInfo, invitation: frames.InvitationInfo | None
) -> frames.InvitationInfo | None:
    """The invitation a row shows in its Chat column: none once the visitor chats, unless
    the chat is the one the invitation opened ("accepted" says more than "chatting")."""
    if invitation is None:
        return None
    if info.conversation is not None and invitation.status != "accepted":
        return None
    return invitation


def visitor_label(info: frames.VisitorInfo) -> str:
    return info.name or f"Visitor #{info.id}"


def source_of(info: frames.VisitorInfo) -> str:
    """`Baidu “雅思培训”` · `WeChat` · `campaign may-intake` · `Direct`."""
    keyword = f" “{info.keyword}”" if info.keyword else ""
    match info.source:
        case "search":
            return f"{info.source_name}{keyword}"
        case "paid_search":
            return f"{info.source_name} ad{keyword}"
        case "campaign":
            return f"campaign {info.source_name}{keyword}"
        case "social" | "referral":
            return info.source_name
        case "internal":
            return "this site"
        case "direct":
            return "Direct"
    # A relay that does not classify: the referrer's host is the best guess.
    referrer = info.landing.referrer if info.landing else info.page.referrer if info.page else ""
    return (untrusted.host_of(referrer) or "Direct") if referrer else "Direct"


def visit_label(info: frames.VisitorInfo) -> str:
    visit = "first visit" if info.visits <= 1 else f"visit {info.visits}"
    if info.chats:
        visit += f", chatted {info.chats}× before"
    return visit


def duration(seconds: float) -> str:
    minutes = int(max(0, seconds) // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


class VisitorsModel(QAbstractTableModel):
    def __init__(self, clock: Any = time.time) -> None:
        super().__init__()
        self._rows: list[frames.VisitorInfo] = []
        # Where each visitor is, without renumbering everyone after a departure (5,000
        # rows, dozens of departures a second): a visitor's number counts every row ever
        # listed before it; the numbers of rows removed since are in _gone, and its row
        # is its number less those of them below it. Renumbered after GONE_KEPT removals.
        self._number_of: dict[int, int] = {}
        self._gone: list[int] = []
        self._clock = clock
        # visitor → the invitation their row shows (InvitationsController decides which)
        self._invitations: dict[int, frames.InvitationInfo] = {}

    # ------------------------------------------------------------ changes

    def reset(self, visitors: list[frames.VisitorInfo]) -> None:
        self.beginResetModel()
        self._rows = list(visitors)
        self._renumber()
        self.endResetModel()

    def upsert(self, info: frames.VisitorInfo) -> bool:
        """Add or update a visitor; True when the visitor is new to the list."""
        row = self._row(info.id)
        if row is not None:
            self._rows[row] = info
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return False
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._number_of[info.id] = len(self._rows) + len(self._gone)
        self._rows.append(info)
        self.endInsertRows()
        return True

    def remove(self, visitor_id: int) -> None:
        number = self._number_of.pop(visitor_id, None)
        if number is None:
            return
        row = number - bisect_left(self._gone, number)
        self.beginRemoveRows(QModelIndex(), row, row)
        self._invitations.pop(visitor_id, None)
        del self._rows[row]
        insort(self._gone, number)
        self.endRemoveRows()
        if len(self._gone) > GONE_KEPT:
            self._renumber()

    def set_invitation(self, visitor_id: int, info: frames.InvitationInfo | None) -> None:
        """The invitation shown on the visitor's row (None: none), repainted at once."""
        if info is None:
            if self._invitations.pop(visitor_id, None) is None:
                return
        else:
            self._invitations[visitor_id] = info
        row = self._row(visitor_id)
        if row is not None:
            index = self.index(row, CHAT_COLUMN)
            self.dataChanged.emit(index, index)

    def invitation(self, visitor_id: int) -> frames.InvitationInfo | None:
        """The invitation the visitor's row shows, if any (as the Chat column shows it)."""
        info = self.get(visitor_id)
        return None if info is None else row_invitation(info, self._invitations.get(visitor_id))

    def _row(self, visitor_id: int) -> int | None:
        number = self._number_of.get(visitor_id)
        return None if number is None else number - bisect_left(self._gone, number)

    def _renumber(self) -> None:
        self._number_of = {v.id: i for i, v in enumerate(self._rows)}
        self._gone = []

    def all(self) -> list[frames.VisitorInfo]:
        return list(self._rows)

    def get(self, visitor_id: int) -> frames.VisitorInfo | None:
        row = self._row(visitor_id)
        return None if row is None else self._rows[row]

    def refresh_times(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 4), self.index(len(self._rows) - 1, 4))

    # ------------------------------------------------------------ the model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info = self._rows[index.row()]
        column = index.column()
        if role == VISITOR_ID_ROLE:
            return info.id
        if role == INVITATION_ROLE:
            return row_invitation(info, self._invitations.get(info.id))
        on_site = self._clock() - info.last_seen
        invitation = self._invitations.get(info.id) if column == CHAT_COLUMN else None
        if role == SORT_ROLE:  # asked twice per comparison: only the column's own value
            return self._sort_value(info, column, on_site, invitation)
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._value(info, column, on_site, invitation)
            if column in OUR_COLUMNS:
                return value
            return untrusted.shown(value, max_chars=80, one_line=True)
        if role == Qt.ItemDataRole.ToolTipRole:
            whole = self._value(info, column, on_site, invitation)
            if column == 2 and info.page is not None:
                whole = f"{info.page.title}\n{untrusted.readable_url(info.page.url)}"
            return untrusted.tooltip(whole)
        return None

    @staticmethod
    def _sort_value(
        info: frames.VisitorInfo,
        column: int,
        on_site: float,
        invitation: frames.InvitationInfo | None = None,
    ) -> object:
        match column:
            case 0:
                return visitor_label(info).lower()
            case 1:
                return info.location
            case 2:
                return (info.page.title or info.page.url) if info.page else ""
            case 3:
                return source_of(info)
            case 4:
                return on_site
            case 5:
                return info.visits
        shown = row_invitation(info, invitation)
        return (info.conversation is not None, -1 if shown is None else shown.sent_at)

    @staticmethod
    def _value(
        info: frames.VisitorInfo,
        column: int,
        on_site: float,
        invitation: frames.InvitationInfo | None = None,
    ) -> str:
        """A cell's whole text; visitors chose most of it, so it is shown untrusted."""
        match column:
            case 0:
                return visitor_label(info)
            case 1:
                return info.location or info.ip
            case 2:
                page = info.page
                return (page.title or untrusted.readable_url(page.url)) if page else ""
            case 3:
                return source_of(info)
            case 4:
                return duration(on_site)
            case 5:
                return "new" if info.visits <= 1 else f"{info.visits}"
        shown = row_invitation(info, invitation)
        if shown is not None:
            return INVITATION_WORDS.get(shown.status, shown.status)
        return "chatting" if info.conversation is not None else ""
