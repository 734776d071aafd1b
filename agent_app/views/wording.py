"""What the views say about a visitor, in the agent's language: the table's headers and
cells, the details' lines. The models' own helpers (models/visitors.py) say the same in
English; these give the same English without a translator (a test compares them), so the
two cannot drift apart unnoticed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from agent_app import text as untrusted
from agent_app.i18n import QT_TRANSLATE_NOOP, fill
from agent_app.models.visitors import (
    CHAT_COLUMN,
    COLUMNS,
    INVITATION_ROLE,
    SORT_ROLE,
    VISITOR_ID_ROLE,
    VisitorsModel,
)
from agent_app.views.invitation_words import invitation_line, status_word
from shared_protocol import frames

Index = QModelIndex | QPersistentModelIndex
CONTEXT = "VisitorWords"

# The visitor table's headers, as lupdate must see them (the model keeps them in English).
HEADERS = (
    QT_TRANSLATE_NOOP("VisitorWords", "Visitor"),
    QT_TRANSLATE_NOOP("VisitorWords", "Location"),
    QT_TRANSLATE_NOOP("VisitorWords", "Page"),
    QT_TRANSLATE_NOOP("VisitorWords", "Source"),
    QT_TRANSLATE_NOOP("VisitorWords", "On site"),
    QT_TRANSLATE_NOOP("VisitorWords", "Visits"),
    QT_TRANSLATE_NOOP("VisitorWords", "Chat"),
)


def _(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP, looked up when shown."""
    return QCoreApplication.translate(CONTEXT, text)


def visitor_name(info: frames.VisitorInfo) -> str:
    """The name they gave, else their number (models.visitors.visitor_label)."""
    return info.name or visitor_number(info.id)


def visitor_number(visitor_id: int) -> str:
    """`Visitor #12`: a visitor who gave no name."""
    return fill(QCoreApplication.translate("VisitorWords", "Visitor #%1"), str(visitor_id))


def source_text(info: frames.VisitorInfo) -> str:
    """How they came (models.visitors.source_of): `Baidu “雅思培训”` · `WeChat` ·
    `campaign may-intake` · `Direct`. Names and keywords are the visitor's, untranslated."""
    keyword = f" “{info.keyword}”" if info.keyword else ""
    match info.source:
        case "search":
            return f"{info.source_name}{keyword}"
        case "paid_search":
            return fill(
                QCoreApplication.translate("VisitorWords", "%1 ad%2"), info.source_name, keyword
            )
        case "campaign":
            return fill(
                QCoreApplication.translate("VisitorWords", "campaign %1%2"),
                info.source_name,
                keyword,
            )
        case "social" | "referral":
            return info.source_name
        case "internal":
            return QCoreApplication.translate("VisitorWords", "this site")
        case "direct":
            return QCoreApplication.translate("VisitorWords", "Direct")
    referrer = info.landing.referrer if info.landing else info.page.referrer if info.page else ""
    return (
        (untrusted.host_of(referrer) or QCoreApplication.translate("VisitorWords", "Direct"))
        if referrer
        else QCoreApplication.translate("VisitorWords", "Direct")
    )


def visits_text(info: frames.VisitorInfo) -> str:
    """`first visit` · `visit 3, chatted 2× before` (models.visitors.visit_label)."""
    visit = (
        QCoreApplication.translate("VisitorWords", "first visit")
        if info.visits <= 1
        else fill(QCoreApplication.translate("VisitorWords", "visit %1"), str(info.visits))
    )
    if info.chats:
        chatted = QCoreApplication.translate("VisitorWords", ", chatted %1× before")
        visit += fill(chatted, str(info.chats))
    return visit


def duration_text(seconds: float) -> str:
    """`7 min` · `1 h 05 min` (models.visitors.duration)."""
    minutes = int(max(0, seconds) // 60)
    if minutes >= 60:
        return fill(
            QCoreApplication.translate("VisitorWords", "%1 h %2 min"),
            str(minutes // 60),
            f"{minutes % 60:02d}",
        )
    return fill(QCoreApplication.translate("VisitorWords", "%1 min"), str(minutes))


class VisitorTable(QSortFilterProxyModel):
    """The visitor table as the agent reads it: headers and the app's own cells (time on
    the site, visits, chatting, "Direct") translated; what visitors chose passes through
    untouched. Sorting uses the model's SORT_ROLE; the filter matches the text shown, so
    an agent finds "新" or "шинэ" as they read it."""

    def __init__(self, visitors: VisitorsModel) -> None:
        super().__init__()
        self.visitors = visitors
        self.words = ""
        self.setSourceModel(visitors)

    def set_words(self, words: str) -> None:
        """Show only the rows with `words` in a cell (case-insensitive)."""
        self.words = words.casefold()
        self.setFilterFixedString(words)  # makes Qt filter again, through filterAcceptsRow

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(HEADERS):
            return _(HEADERS[section])
        return super().headerData(section, orientation, role)

    def _cell(self, source_row: int, column: int, parent: Index) -> str:
        """A cell's text in the agent's language, as the table shows it."""
        index = self.visitors.index(source_row, column, parent)
        info = self.visitors.get(index.data(VISITOR_ID_ROLE))
        if info is not None:
            if column == 0 and not info.name:
                return untrusted.shown(visitor_name(info), max_chars=80, one_line=True)
            if column == 3:
                return untrusted.shown(source_text(info), max_chars=80, one_line=True)
            if column == 4:
                return duration_text(float(index.data(SORT_ROLE)))  # seconds on the site
            if column == 5:
                return (
                    QCoreApplication.translate("VisitorWords", "new")
                    if info.visits <= 1
                    else str(info.visits)
                )
            if column == CHAT_COLUMN:
                invitation = index.data(INVITATION_ROLE)
                if isinstance(invitation, frames.InvitationInfo):
                    return status_word(invitation.status)
                return (
                    QCoreApplication.translate("VisitorWords", "chatting")
                    if info.conversation is not None
                    else ""
                )
        return str(index.data() or "")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            source = self.mapToSource(index)
            return self._cell(source.row(), source.column(), source.parent())
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and index.isValid()
            and index.column() == CHAT_COLUMN
        ):
            invitation = index.data(INVITATION_ROLE)
            if isinstance(invitation, frames.InvitationInfo):
                # The line's names and words are isolated already; the tooltip escapes.
                return untrusted.tooltip(invitation_line(invitation), max_chars=2000)
        return super().data(index, role)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self.words:
            return True
        return any(
            self.words in self._cell(source_row, column, source_parent).casefold()
            for column in range(len(COLUMNS))
        )
