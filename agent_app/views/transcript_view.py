"""The transcript's list view, with the message tools' keys: R quotes, Delete withdraws,
Ctrl+C copies."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QListView


class TranscriptView(QListView):
    """The messages; with one selected, R quotes it in a reply, Delete withdraws it and
    Ctrl+C copies its text."""

    quote_pressed = Signal()
    delete_pressed = Signal()
    copy_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_pressed.emit()
            return
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and event.key() == Qt.Key.Key_R:
            self.quote_pressed.emit()
            return
        if plain and event.key() == Qt.Key.Key_Delete:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)
