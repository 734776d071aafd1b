"""The conversation list: who waits, whose chat it is, unread counts, unanswered time."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import msgspec
from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from agent_app import text as untrusted
from agent_app.models.visitors import duration
from shared_protocol import frames
from shared_protocol.frames import AuthorKind, ConversationStatus

Index = QModelIndex | QPersistentModelIndex
CONVERSATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
UNANSWERED_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3  # the whole ConversationRow, for the card delegate
UNANSWERED_COLOUR = QColor("#b91c1c")
WITHDRAWN_TEXT = "(message withdrawn)"


UNTAKEN = (ConversationStatus.WAITING, ConversationStatus.QUEUED, ConversationStatus.OFFERED)


class OutOfView(Enum):
    """Why a conversation held here is no longer this agent's to see (docs/protocol.md
    §6.8, "Out of view"): it leaves the open lists, its transcript stays readable."""

    HANDED_ON = "handed on"  # the chat moved: taken into another department, say
    NOT_MINE = "not mine"  # the agent changed: an admin took a department of theirs away


def may_see(viewer: frames.AgentInfo | None, info: frames.ConversationInfo) -> bool:
    """The relay's rule, judged on what the app holds: admins see every chat; agents and
    supervisors those of no department or of their departments, and any they hold, take
    part in, or that is being transferred to them or to a department of theirs. Unknown
    viewer (before the login answered): everything held is shown."""
    if viewer is None or viewer.role == "admin" or info.department is None:
        return True
    mine = viewer.departments
    return (
        info.department in mine
        or viewer.id in (info.agent, info.transfer_to_agent)
        or (info.transfer_to_department is not None and info.transfer_to_department in mine)
        or any(p.agent == viewer.id and p.left_at is None for p in info.participants)
    )


class Group(Enum):
    ALL = "All"
    WAITING = "Waiting"
    MINE = "Mine"
    OTHERS = "Others'"
    CLOSED_TODAY = "Closed today"


@dataclass
class ConversationRow:
    info: frames.ConversationInfo
    visitor_name: str = ""
    last_text: str = ""
    last_ts: float = 0.0
    last_seq: int = 0
    unread: int = 0
    unanswered_since: float | None = None  # the first visitor message since the last reply
    answered_through: int = 0  # seq of the newest agent message seen
    waiting: dict[int, float] = field(default_factory=dict)  # visitor messages after it
    visitor_online: bool = False
    visitor_seen: float = 0.0  # when the visitor was last on the site, once known
    department_name: str = ""  # the chat's department, as the routing feature names it
    routing_word: str = ""  # queued, offered (to you), transferring: set by the routing feature
    out_of_view: OutOfView | None = None  # no longer this agent's to see, and why
    out_since: float = 0.0  # when it went out of view (this machine's clock)

    def display_name(self) -> str:
        """The name the visitor gave (live, or left in a form), else their number."""
        contact = self.info.contact.name if self.info.contact else ""
        return self.visitor_name or contact or f"Visitor #{self.info.visitor}"

    def unanswered(self) -> bool:
        return (
            self.unanswered_since is not None
            and self.info.status is not ConversationStatus.CLOSED
            and self.out_of_view is None  # nobody here may answer it now
        )

    def note(self, message: frames.ChatMessage, *, read: bool) -> None:
        """Messages may come in any order (the login's last message, then history pages,
        then live ones): what is newest, and what still waits, is decided by seq."""
        if message.seq >= self.last_seq:
            self.last_text, self.last_ts, self.last_seq = message.text, message.ts, message.seq
            if message.withdrawn:
                self.last_text = WITHDRAWN_TEXT
        if message.author is AuthorKind.VISITOR:
            if message.seq > self.answered_through:
                self.waiting[message.seq] = message.ts
            if not read:
                self.unread += 1
        elif message.seq > self.answered_through:
            self.answered_through = message.seq
            self.waiting = {seq: ts for seq, ts in self.waiting.items() if seq > message.seq}
        self.unanswered_since = min(self.waiting.values(), default=None)


def in_group(row: ConversationRow, group: Group, me: int | None, now: float) -> bool:
    status, agent = row.info.status, row.info.agent
    if row.out_of_view is not None:  # over for this agent: with the day's closed chats
        today = time.localtime(now)[:3]
        return group is Group.CLOSED_TODAY and time.localtime(row.out_since)[:3] == today
    match group:
        case Group.ALL:
            return status is not ConversationStatus.CLOSED
        case Group.WAITING:  # nobody answers it yet: waiting, queued or being offered
            return status in UNTAKEN
        case Group.MINE:
            return status is not ConversationStatus.CLOSED and agent == me and me is not None
        case Group.OTHERS:
            return status is not ConversationStatus.CLOSED and agent not in (None, me)
        case Group.CLOSED_TODAY:
            closed = row.info.closed_at
            return (
                status is ConversationStatus.CLOSED
                and closed is not None
                and (time.localtime(closed)[:3] == time.localtime(now)[:3])
            )


class ConversationsModel(QAbstractListModel):
    def __init__(self, clock: Any = time.time) -> None:
        super().__init__()
        self.rows: list[ConversationRow] = []
        self._row_of: dict[int, int] = {}
        # Rows are only ever appended, so row numbers stay: visitor → their rows' numbers
        # (a visitor update touches their rows, not the whole list).
        self._rows_of_visitor: dict[int, list[int]] = {}
        self._unread = 0  # the sum of the rows' unread counts, which change only here
        self._clock = clock
        self.viewer: frames.AgentInfo | None = None  # who sees the list: the rule of may_see

    def row(self, conversation_id: int) -> ConversationRow | None:
        index = self._row_of.get(conversation_id)
        return None if index is None else self.rows[index]

    def of_visitor(self, visitor_id: int) -> list[ConversationRow]:
        """The visitor's conversations here, oldest first, without a scan."""
        return [self.rows[index] for index in self._rows_of_visitor.get(visitor_id, ())]

    def index_of(self, conversation_id: int) -> QModelIndex:
        """The conversation's index here (invalid when unknown), without a scan."""
        number = self._row_of.get(conversation_id)
        return QModelIndex() if number is None else self.index(number)

    def upsert(self, info: frames.ConversationInfo, visitor_name: str = "") -> ConversationRow:
        index = self._row_of.get(info.id)
        if index is None:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
            self._row_of[info.id] = len(self.rows)
            self._rows_of_visitor.setdefault(info.visitor, []).append(len(self.rows))
            self.rows.append(ConversationRow(info, visitor_name))
            self._judge(self.rows[-1], OutOfView.HANDED_ON)
            self.endInsertRows()
            return self.rows[-1]
        row = self.rows[index]
        if info.visitor != row.info.visitor:  # not expected of the relay; kept right anyway
            self._rows_of_visitor[row.info.visitor].remove(index)
            self._rows_of_visitor.setdefault(info.visitor, []).append(index)
        row.info = info
        if visitor_name:
            row.visitor_name = visitor_name
        self._judge(row, OutOfView.HANDED_ON)  # the chat changed, not who looks
        self._changed(index)
        return row

    def set_viewer(self, viewer: frames.AgentInfo | None) -> list[int]:
        """Who looks at the list (the login's agent, or their record an admin changed):
        rows they may no longer see leave the open lists. Returns those that left now."""
        before, self.viewer = self.viewer, viewer
        # Their record changed (an admin took a department away): "no longer yours"; at a
        # login, a chat held from the cache that moved meanwhile was handed on.
        changed = (
            before is not None
            and viewer is not None
            and (before.departments, before.role) != (viewer.departments, viewer.role)
        )
        why = OutOfView.NOT_MINE if changed else OutOfView.HANDED_ON
        left = []
        for index, row in enumerate(self.rows):
            was = row.out_of_view
            self._judge(row, why)
            if row.out_of_view is not was:
                if row.out_of_view is not None:
                    left.append(row.info.id)
                self._changed(index)
        return left

    def _judge(self, row: ConversationRow, why: OutOfView) -> None:
        """Out of view, or back in it (transferred back, a department given again). A
        closed chat is shown as closed: the relay told this agent of its end."""
        if row.info.status is ConversationStatus.CLOSED or may_see(self.viewer, row.info):
            row.out_of_view = None
        elif row.out_of_view is None:
            row.out_of_view, row.out_since = why, self._clock()
            # Nobody here may answer it any more: its unread count no longer asks to.
            self._unread -= row.unread
            row.unread = 0
            row.unanswered_since, row.waiting = None, {}

    def clear(self) -> None:
        """Forget every row: the relay's history was replaced (its database restored or
        copied), so the same conversation ids may now be other chats."""
        self.beginResetModel()
        self.rows, self._row_of, self._rows_of_visitor, self._unread = [], {}, {}, 0
        self.endResetModel()

    def closed(self, conversation_id: int, ts: float) -> None:
        row = self.row(conversation_id)
        if row is not None:
            # Everything else it said (contact, the page it began on) stays.
            closed = msgspec.structs.replace(
                row.info, status=ConversationStatus.CLOSED, closed_at=ts
            )
            self.upsert(closed)
            row.unanswered_since, row.waiting = None, {}

    def message(self, message: frames.ChatMessage, *, read: bool) -> None:
        row = self.row(message.conversation)
        if row is not None:
            self._note(row, message, read=read)
            self._changed(self._row_of[message.conversation])

    def messages(self, messages: Iterable[frames.ChatMessage], *, read: bool) -> None:
        """Several at once (a page of a transcript): as message() for each, but each row
        is repainted (and moved in the list) once, not once per message."""
        changed: set[int] = set()
        for message in messages:
            index = self._row_of.get(message.conversation)
            if index is not None:
                self._note(self.rows[index], message, read=read)
                changed.add(index)
        for index in sorted(changed):
            self._changed(index)

    def _note(self, row: ConversationRow, message: frames.ChatMessage, *, read: bool) -> None:
        before = row.unread
        row.note(message, read=read or row.out_of_view is not None)
        self._unread += row.unread - before

    def withdrawn(self, conversation_id: int, seq: int) -> None:
        """A withdrawn last message must not linger as the row's preview."""
        row = self.row(conversation_id)
        if row is not None and row.last_seq == seq:
            row.last_text = WITHDRAWN_TEXT
            self._changed(self._row_of[conversation_id])

    def mark_read(self, conversation_id: int) -> None:
        row = self.row(conversation_id)
        if row is not None and row.unread:
            self._unread -= row.unread
            row.unread = 0
            self._changed(self._row_of[conversation_id])

    def set_visitor(self, info: frames.VisitorInfo) -> None:
        """The visitor's name and presence, on every row of theirs (repainted if changed:
        most visitor updates are page views, which change nothing here)."""
        for index in self._rows_of_visitor.get(info.id, ()):
            row = self.rows[index]
            name = info.name or row.visitor_name
            if (row.visitor_name, row.visitor_online, row.visitor_seen) != (
                name,
                True,
                info.last_seen,
            ):
                row.visitor_name = name
                row.visitor_online, row.visitor_seen = True, info.last_seen
                self._changed(index)

    def visitor_left(self, visitor_id: int, when: float) -> None:
        for index in self._rows_of_visitor.get(visitor_id, ()):
            row = self.rows[index]
            if row.visitor_online:
                row.visitor_online, row.visitor_seen = False, when
                self._changed(index)

    def unread_total(self) -> int:
        return self._unread  # asked after every message: a sum over the rows each time

    def refresh_times(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1))

    def _presence(self, row: ConversationRow) -> str:
        if row.visitor_online:
            return "\n● on the site now"
        if not row.visitor_seen:
            return ""
        seen = time.localtime(row.visitor_seen)
        same_day = seen[:3] == time.localtime(self._clock())[:3]
        return "\nlast seen " + time.strftime("%H:%M" if same_day else "%Y-%m-%d %H:%M", seen)

    def _changed(self, index: int) -> None:
        changed = self.createIndex(index, 0)  # index() would ask rowCount() each time
        self.dataChanged.emit(changed, changed)

    # ------------------------------------------------------------ the model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == CONVERSATION_ID_ROLE:
            return row.info.id
        if role == ROW_ROLE:
            return row
        unanswered = row.unanswered()
        if role == UNANSWERED_ROLE:
            return unanswered
        if role == Qt.ItemDataRole.DisplayRole:  # what screen readers say; cards draw the rest
            badges = []
            if row.unread:
                badges.append(f"{row.unread} new")
            if unanswered and row.unanswered_since is not None:
                badges.append(f"waiting {duration(self._clock() - row.unanswered_since)}")
            if row.info.offline:
                badges.append("left a message")
            name = untrusted.shown(row.display_name(), max_chars=60, one_line=True)
            first = name + (f"  ·  {', '.join(badges)}" if badges else "")
            when = time.strftime("%H:%M", time.localtime(row.last_ts)) if row.last_ts else ""
            preview = untrusted.shown(row.last_text, max_chars=80, one_line=True)
            return f"{first}\n{when}  {preview}".rstrip() + self._presence(row)
        if role == Qt.ItemDataRole.ForegroundRole and unanswered:
            return QBrush(UNANSWERED_COLOUR)
        if role == Qt.ItemDataRole.FontRole and row.unread:
            bold = QFont()
            bold.setBold(True)
            return bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return untrusted.tooltip(row.last_text)
        return None


class ConversationFilter(QSortFilterProxyModel):
    """Shows one group (and one department, or all), newest activity first; the waiting
    queue first come, first served, as routing takes it."""

    def __init__(self, source: ConversationsModel, clock: Any = time.time) -> None:
        super().__init__()
        self.setSourceModel(source)
        self._source = source
        self._clock = clock
        self.group = Group.ALL
        self.department: int | None = None  # None: every department
        self.me: int | None = None
        self.sort(0, Qt.SortOrder.DescendingOrder)

    def set_group(self, group: Group) -> None:
        self.group = group
        self.invalidate()

    def set_department(self, department: int | None) -> None:
        self.department = department
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        row = self._source.rows[source_row]
        if self.department is not None and row.info.department != self.department:
            return False
        return in_group(row, self.group, self.me, self._clock())

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = self._source.rows[left.row()], self._source.rows[right.row()]
        if self.group is Group.WAITING:  # sorted descending: the oldest comes out on top
            return (a.info.created_at, a.info.id) > (b.info.created_at, b.info.id)
        return (a.last_ts or a.info.created_at) < (b.last_ts or b.info.created_at)
