"""The conversation list's delegate (ConversationCardDelegate): each ConversationsModel row
painted as a card of fixed height (card_geometry.py measures, card_paint.py paints), its
waiting timer computed at paint time; a tag shown cut has its whole text as its tooltip."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QFont, QHelpEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from agent_app import text as untrusted
from agent_app.models.conversations import ROW_ROLE, ConversationRow
from agent_app.views.card_geometry import CardGeometry, card_geometry, card_height
from agent_app.views.card_paint import paint_card
from agent_app.views.rows import available_width

Index = QModelIndex | QPersistentModelIndex


class ConversationCardDelegate(QStyledItemDelegate):
    """Paints a ConversationsModel row (through any proxy) as a card of fixed height.

    Install: `view.setItemDelegate(ConversationCardDelegate(view))`. The waiting timer is
    computed at paint time from `clock`; the caller repaints every few seconds so it
    ticks: `timer = QTimer(view, interval=5000); timer.timeout.connect(
    view.viewport().update); timer.start()`.
    """

    def __init__(
        self, parent: QObject | None = None, *, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(parent)
        self._clock = clock

    def card_height(self, font: QFont) -> int:
        """The same for every card (the list scrolls evenly)."""
        return card_height(font)

    def geometry(self, row: ConversationRow, rect: QRectF, font: QFont) -> CardGeometry:
        """Where every part of `row`'s card goes in a row at `rect` (its width usable)."""
        return card_geometry(row, rect, font, self._clock())

    def _geometry_for(self, option: QStyleOptionViewItem, index: Index) -> CardGeometry | None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, ConversationRow):
            return None
        rect = QRectF(option.rect.x(), option.rect.y(), available_width(option), 0)
        return self.geometry(row, rect, option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if not isinstance(index.data(ROW_ROLE), ConversationRow):
            return super().sizeHint(option, index)
        return QSize(available_width(option), self.card_height(option.font))

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        """Over a tag shown cut (a long department name): its whole text, as plain text."""
        if event.type() == QEvent.Type.ToolTip:
            geometry = self._geometry_for(option, index)
            at = event.pos().toPointF()
            for tag in geometry.tags if geometry is not None else ():
                if tag.whole and tag.rect.contains(at):
                    QToolTip.showText(event.globalPos(), untrusted.tooltip(tag.whole), view)
                    return True
        return super().helpEvent(event, view, option, index)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        geometry = self._geometry_for(option, index)
        if geometry is None:
            super().paint(painter, option, index)
            return
        painter.save()
        painter.setClipRect(option.rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_card(painter, option, geometry)
        painter.restore()
