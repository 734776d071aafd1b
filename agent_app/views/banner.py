"""Banners of things waiting for the agent's answer, one row per conversation (offers and
transfers to take; colleagues asking the agent to join), each with its countdown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from agent_app import theme
from agent_app.views.plain import plain_label


class Waiting(Protocol):
    @property
    def conversation(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Tone:
    """A row's fill and ink in a light and in a dark palette (contrast 7:1 or more)."""

    light: tuple[str, str]
    dark: tuple[str, str]


class BannerRow(QFrame):
    """One row: its headline and details (plain text, already isolated), the time left,
    and two buttons, the first the default (Accept, Join) and the second Decline."""

    def __init__(
        self, item: Waiting, headline: str, details: list[str], yes: str, no: str, tone: Tone
    ) -> None:
        super().__init__()
        self.item = item
        self.headline = plain_label(headline)
        self.headline.setFont(theme.scaled_font(self.headline, 1.05, bold=True))
        self.detail = plain_label("\n".join(details))
        self.detail.setFont(theme.scaled_font(self.detail, 0.95))
        self.detail.setVisible(bool(details))
        self.timer = QLabel()
        self.timer.setTextFormat(Qt.TextFormat.PlainText)
        self.timer.setFont(theme.scaled_font(self.timer, 1.05, bold=True))
        self.yes_button = QPushButton(yes)
        self.yes_button.setDefault(True)
        self.no_button = QPushButton(no)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.headline)
        words.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(words, 1)
        layout.addWidget(self.timer)
        layout.addWidget(self.yes_button)
        layout.addWidget(self.no_button)
        fill_colour, ink = tone.dark if theme.is_dark(self.palette()) else tone.light
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(fill_colour))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(ink))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)

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
