"""The reply box: Enter sends, Shift+Enter starts a new line, a /shortcut expands into its
phrase, and files dropped on it are sent rather than pasted as paths."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from agent_app.phrases import shortcut_at_end


def local_files(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class ReplyBox(QPlainTextEdit):
    """Enter sends, Shift+Enter starts a new line; Escape drops the quote. A /shortcut
    just typed is expanded by Space, Tab or Enter (`expand` says into what)."""

    send_requested = Signal()
    escape_pressed = Signal()
    files_dropped = Signal(list)  # [Path]: files dropped here are sent, not pasted as paths

    def __init__(self, placeholderText: str = "") -> None:
        super().__init__(placeholderText=placeholderText)
        self.expand: Callable[[str], str | None] = lambda _: None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        shifted = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        expands = (enter and not shifted) or event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Tab)
        if expands and self._expand_shortcut():
            return
        if enter and not shifted:
            self.send_requested.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return bool(local_files(source)) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = local_files(source)
        if files:
            self.files_dropped.emit(files)
        else:
            super().insertFromMimeData(source)

    def _expand_shortcut(self) -> bool:
        cursor = self.textCursor()
        before = self.toPlainText()[: cursor.position()]
        shortcut = shortcut_at_end(before)
        if shortcut is None:
            return False
        replacement = self.expand(shortcut)
        if replacement is None:
            return False
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(shortcut) + 1
        )
        cursor.insertText(replacement)
        self.setTextCursor(cursor)
        return True
