"""One conversation's transcript: stored messages by sequence number, then own pending ones."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum
from typing import Any

import msgspec
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPixmap

from agent_app import text as untrusted
from shared_protocol import frames
from shared_protocol.frames import AuthorKind

Index = QModelIndex | QPersistentModelIndex
MESSAGE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 3
WITHDRAWN_COLOUR = QColor("#6b7280")


def readable_size(size: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def excerpt(text: str, length: int) -> str:
    """One line of at most `length` characters."""
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1] + "…"


class Delivery(Enum):
    SENDING = "sending…"
    SENT = "sent"
    FAILED = "not sent: double-click to retry"


def author_label(author: AuthorKind, name: str) -> str:
    return name or {AuthorKind.VISITOR: "Visitor", AuthorKind.AGENT: "Agent"}.get(author, "Parley")


@dataclass
class Entry:
    id: str
    author: AuthorKind
    author_name: str
    text: str
    ts: float
    seq: int | None  # None while the relay has not stored it
    delivery: Delivery | None = None  # only for this agent's own messages
    quote: frames.Quote | None = None
    withdrawn: bool = False
    file: frames.Attachment | None = None
    seen: bool = False  # an own message the visitor has read (read receipts)
    internal: bool = False  # a note among agents: the visitor never receives it
    whisper: bool = False  # a supervisor's note to the agents of the chat

    def who(self) -> str:
        return author_label(self.author, self.author_name)

    def shown_text(self) -> str:
        """What the transcript shows: the header line, the quote, then the message."""
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.ts))
        state = f"  ·  {self.delivery.value}" if self.delivery and not self.withdrawn else ""
        note = "  ·  whisper" if self.whisper else "  ·  internal note" if self.internal else ""
        lines = [f"{untrusted.shown(self.who())}{note}  ·  {when}{state}"]
        if self.quote is not None:
            quoted = "(withdrawn)" if self.quote.withdrawn else excerpt(self.quote.text, 90)
            quoter = author_label(self.quote.author, self.quote.author_name)
            lines.append(f"│ {untrusted.shown(quoter)}: {untrusted.shown(quoted)}")
        if self.withdrawn:
            lines.append("(message withdrawn)")
        elif self.file is not None:
            size = readable_size(self.file.size)
            name = untrusted.shown(self.file.name)
            lines.append(f"File: {name}  ·  {size}  ·  double-click to save")
        else:
            lines.append(untrusted.shown(self.text))
        return "\n".join(lines)


class MessagesModel(QAbstractListModel):
    def __init__(self, my_agent_id: int | None = None) -> None:
        super().__init__()
        self.entries: list[Entry] = []
        self.me = my_agent_id
        self.whisperers: set[int] = set()  # agents whose notes are a supervisor's whispers
        self.previews: dict[str, QPixmap] = {}  # file id → a scaled image
        # What add() would otherwise scan every entry for (a long transcript arriving page
        # by page while open made that quadratic): the (id, author) pairs and sequence
        # numbers shown (never forgotten until show(), so a stale one only costs a scan),
        # the highest sequence number, and how many entries are not stored yet.
        self._keys: set[tuple[str, AuthorKind]] = set()
        self._seqs: set[int] = set()
        self._top_seq = 0
        self._unstored = 0

    def set_preview(self, file_id: str, picture: QPixmap) -> None:
        self.previews[file_id] = picture
        for row, entry in enumerate(self.entries):
            if entry.file is not None and entry.file.id == file_id:
                self._place(row)

    def show(self, messages: list[frames.ChatMessage], pending: list[Entry]) -> None:
        self.beginResetModel()
        self.entries = [self._entry(m) for m in sorted(messages, key=lambda m: m.seq)] + pending
        self._keys, self._seqs, self._top_seq, self._unstored = set(), set(), 0, 0
        for entry in self.entries:
            self._note(entry)
        self.endResetModel()

    def add(self, message: frames.ChatMessage) -> None:
        """A stored message: replaces its pending copy, or goes in by sequence number."""
        fresh = (message.id, message.author) not in self._keys and message.seq not in self._seqs
        if fresh and not self._unstored and message.seq > self._top_seq:
            position = len(self.entries)  # the usual case: newer than all, nothing pending
        else:
            for row, entry in enumerate(self.entries):
                if entry.id == message.id and entry.author is message.author:
                    if entry.seq is None:
                        self._unstored -= 1
                    self.entries[row] = self._entry(message)
                    self._note(self.entries[row])
                    self._place(row)
                    return
                if entry.seq == message.seq:
                    return  # shown already
            position = len(self.entries)
            for row, entry in enumerate(self.entries):
                if entry.seq is None or entry.seq > message.seq:
                    position = row
                    break
        self.beginInsertRows(QModelIndex(), position, position)
        self.entries.insert(position, self._entry(message))
        self._note(self.entries[position])
        self.endInsertRows()

    def add_pending(self, entry: Entry) -> None:
        self.beginInsertRows(QModelIndex(), len(self.entries), len(self.entries))
        self.entries.append(entry)
        self._note(entry)
        self.endInsertRows()

    def _note(self, entry: Entry) -> None:
        self._keys.add((entry.id, entry.author))
        if entry.seq is None:
            self._unstored += 1
        else:
            self._seqs.add(entry.seq)
            self._top_seq = max(self._top_seq, entry.seq)

    def set_delivery(self, message_id: str, delivery: Delivery) -> None:
        for row, entry in enumerate(self.entries):
            if entry.id == message_id and entry.seq is None:
                entry.delivery = delivery
                self.dataChanged.emit(self.index(row), self.index(row))

    def seen_through(self, seq: int) -> None:
        """The visitor has read every message up to `seq`: own ones show "seen"."""
        for row, entry in enumerate(self.entries):
            if entry.seq is not None and entry.seq <= seq and not entry.seen:
                entry.seen = True
                self._place(row)

    def withdrawn(self, seq: int) -> None:
        for row, entry in enumerate(self.entries):
            if entry.seq == seq:
                entry.withdrawn, entry.text, entry.file = True, "", None
                self._place(row)
            elif entry.quote is not None and entry.quote.seq == seq:
                entry.quote = msgspec.structs.replace(entry.quote, text="", withdrawn=True)
                self._place(row)

    def _entry(self, message: frames.ChatMessage) -> Entry:
        mine = message.author is AuthorKind.AGENT and message.author_id == self.me
        return Entry(
            id=message.id,
            author=message.author,
            author_name=message.author_name,
            text=message.text,
            ts=message.ts,
            seq=message.seq,
            delivery=Delivery.SENT if mine else None,
            quote=message.reply_to,
            withdrawn=message.withdrawn,
            file=message.file,
            internal=message.visibility is frames.Visibility.INTERNAL,
            whisper=message.visibility is frames.Visibility.INTERNAL
            and message.author is AuthorKind.AGENT
            and message.author_id in self.whisperers,
        )

    def _place(self, row: int) -> None:
        self.dataChanged.emit(self.index(row), self.index(row))

    # ------------------------------------------------------------ the model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        if role == MESSAGE_ID_ROLE:
            return entry.id
        if role == STATE_ROLE:
            return entry.delivery
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.shown_text()
        if role == Qt.ItemDataRole.DecorationRole and entry.file is not None:
            return self.previews.get(entry.file.id)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if entry.author is AuthorKind.AGENT:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            if entry.delivery is Delivery.FAILED:
                return QBrush(QColor("#fee2e2"))
            if entry.author is AuthorKind.AGENT:
                return QBrush(QColor("#e6f4f1"))
        if role == Qt.ItemDataRole.ForegroundRole and (
            entry.delivery is Delivery.SENDING or entry.withdrawn
        ):
            return QBrush(WITHDRAWN_COLOUR)
        return None
