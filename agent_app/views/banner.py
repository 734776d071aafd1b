"""Banners of things waiting for the agent's answer, one row per conversation (offers and
transfers to take; colleagues asking the agent to join), each with its countdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget


class Waiting(Protocol):
    @property
    def conversation(self) -> int: ...


class BannerRow(QFrame):
    """One row: what it shows, and its time left."""

    def __init__(self, item: Waiting) -> None:
        super().__init__()
        self.item = item

    def tick(self, now: float) -> None:
        raise NotImplementedError


class Banner(QWidget):
    """The rows in the order given; hidden when none. A row whose item changed is made
    again (its words and buttons are for that item)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[int, BannerRow] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 4, 6, 0)
        self._layout.setSpacing(4)
        self.hide()

    def make_row(self, item: Waiting) -> BannerRow:
        raise NotImplementedError

    def show_items(self, items: Sequence[Waiting], now: float) -> None:
        wanted = {item.conversation: item for item in items}
        for conversation in list(self.rows):
            if wanted.get(conversation) != self.rows[conversation].item:
                row = self.rows.pop(conversation)
                self._layout.removeWidget(row)
                row.deleteLater()
        for item in items:
            if item.conversation not in self.rows:
                row = self.rows[item.conversation] = self.make_row(item)
                self._layout.addWidget(row)
        self.tick(now)
        self.setVisible(bool(self.rows))

    def tick(self, now: float) -> None:
        for row in self.rows.values():
            row.tick(now)
