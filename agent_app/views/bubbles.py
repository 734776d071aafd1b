"""The transcript's delegate (MessageBubbleDelegate): each MessagesModel row painted as a
chat bubble, at exactly the height its geometry needs (bubble_geometry.py measures,
bubble_paint.py paints)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QPainter, QPixmap
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem

from agent_app.models.messages import ENTRY_ROLE, Entry
from agent_app.views.bubble_geometry import BubbleGeometry, bubble_geometry
from agent_app.views.bubble_paint import paint_bubble
from agent_app.views.rows import available_width

Index = QModelIndex | QPersistentModelIndex


class MessageBubbleDelegate(QStyledItemDelegate):
    """Paints a MessagesModel row as a chat bubble: the visitor's on the left, agents' on
    the right, with header, quote, text or file, and the delivery state of own messages.

    Install: `view.setItemDelegate(MessageBubbleDelegate(view))` on a QListView with
    word wrap on (so it relayouts after every resize), non-uniform item sizes (the
    default) and `setVerticalScrollMode(ScrollPerPixel)` (a long message is taller than
    the view; scrolling per item would jump over it).
    """

    def __init__(
        self, parent: QObject | None = None, *, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._relayout_pending = False
        self._heights: dict[tuple[object, ...], int] = {}

    def geometry(
        self, entry: Entry, preview: QPixmap | None, rect: QRectF, font: QFont
    ) -> BubbleGeometry:
        """The layout of `entry` in a row whose top-left is `rect`'s and whose usable width
        is `rect`'s width."""
        return bubble_geometry(entry, preview, rect, font, self._clock())

    def _geometry_for(self, option: QStyleOptionViewItem, index: Index) -> BubbleGeometry | None:
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, Entry):
            return None
        preview = index.data(Qt.ItemDataRole.DecorationRole)
        rect = QRectF(option.rect.x(), option.rect.y(), available_width(option), 0)
        return self.geometry(
            entry, preview if isinstance(preview, QPixmap) else None, rect, option.font
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, Entry):
            return super().sizeHint(option, index)
        width = available_width(option)
        preview = index.data(Qt.ItemDataRole.DecorationRole)
        picture = preview if isinstance(preview, QPixmap) else None
        # The view asks every row's height on every relayout (a resize, a new message);
        # a row whose content, width and day did not change keeps its height.
        key = (
            entry.id,
            entry.author,
            entry.author_name,
            entry.text,
            entry.ts,
            entry.delivery,
            entry.withdrawn,
            entry.whisper,
            entry.seen,
            entry.quote,
            entry.file,
            picture.cacheKey() if picture is not None else 0,
            width,
            option.font.key(),
            time.localtime(self._clock())[:3],
        )
        height = self._heights.get(key)
        if height is None:
            height = self.geometry(entry, picture, QRectF(0, 0, width, 0), option.font).height
            if len(self._heights) >= 20_000:
                self._heights.clear()
            self._heights[key] = height
        return QSize(width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        geometry = self._geometry_for(option, index)
        if geometry is None:
            super().paint(painter, option, index)
            return
        entry = index.data(ENTRY_ROLE)
        assert isinstance(entry, Entry)
        painter.save()
        # Clipped to the row: a row whose height is stale shows it at once, instead of
        # painting over its neighbour.
        painter.setClipRect(option.rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_bubble(painter, option, entry, geometry, index.data(Qt.ItemDataRole.DecorationRole))
        painter.restore()
        view = option.widget
        own_heights = (
            isinstance(view, QListView)
            and not view.uniformItemSizes()
            and not view.gridSize().isValid()
        )
        # Only where rows take the height we ask: elsewhere asking again would never end.
        if own_heights and geometry.height != option.rect.height():
            self._size_changed(index)

    def _size_changed(self, index: Index) -> None:
        """A row painted at a height that is no longer right (its text, preview or the
        view's width changed): ask the view for one relayout, after this paint (a relayout
        inside paint would reenter the view). The view relays out every row at once, so
        one request covers all stale rows."""
        if self._relayout_pending:
            return
        self._relayout_pending = True
        persistent = QPersistentModelIndex(index)

        def announce() -> None:
            self._relayout_pending = False
            if persistent.isValid():
                self.sizeHintChanged.emit(persistent.sibling(persistent.row(), persistent.column()))

        QTimer.singleShot(0, self, announce)
