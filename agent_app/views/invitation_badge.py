"""The visitor table's Chat column: an invitation's state as a small coloured pill
(invited, seen, accepted, declined, no answer, withdrawn), else the cell as Qt paints it
("chatting"). The word is the table's own cell text, already in the agent's language."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from agent_app.models.visitors import INVITATION_ROLE
from agent_app.views.colours import ACCENT, ON_ACCENT, is_dark
from agent_app.views.text_layout import fit_line, scaled
from shared_protocol import frames

Index = QModelIndex | QPersistentModelIndex


def pill_colours(status: str, palette: QPalette) -> tuple[QColor, QColor]:
    """The pill's fill and ink per state, each pair at least 4.5:1: waiting in the accent,
    accepted green, declined amber, the rest neutral grey."""
    dark = is_dark(palette)
    match status:
        case "sent" | "shown":
            return ACCENT, ON_ACCENT
        case "accepted":
            return (
                (QColor("#14532d"), QColor("#dcfce7"))
                if dark
                else (
                    QColor("#dcfce7"),
                    QColor("#14532d"),
                )
            )
        case "declined":
            return (
                (QColor("#78350f"), QColor("#fde68a"))
                if dark
                else (
                    QColor("#fef3c7"),
                    QColor("#92400e"),
                )
            )
    return (
        (QColor("#374151"), QColor("#e5e7eb"))
        if dark
        else (
            QColor("#f3f4f6"),
            QColor("#374151"),
        )
    )


class InvitationBadgeDelegate(QStyledItemDelegate):
    """Install on the Chat column: `table.setItemDelegateForColumn(6, …)`."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        invitation = index.data(INVITATION_ROLE)
        if not isinstance(invitation, frames.InvitationInfo):
            super().paint(painter, option, index)
            return
        # The cell's background (selection, hover) as Qt draws it, without its text.
        self.initStyleOption(option, index)
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        self.paint_pill(painter, option, str(index.data() or ""), invitation.status)

    @staticmethod
    def pill_rect(option: QStyleOptionViewItem, text_width: float) -> QRectF:
        rect = QRectF(option.rect)
        height = min(rect.height() - 4, option.fontMetrics.height() + 2)
        pad = height / 2
        width = min(rect.width() - 6, text_width + 2 * pad)
        return QRectF(rect.x() + 3, rect.center().y() - height / 2, max(0.0, width), height)

    def paint_pill(
        self, painter: QPainter, option: QStyleOptionViewItem, word: str, status: str
    ) -> None:
        font = scaled(option.font, 0.9)
        probe = fit_line(word, font, 10_000)
        rect = self.pill_rect(option, probe.width)
        if rect.width() < rect.height():
            return  # a column too narrow for any word: its tooltip still says it
        box = fit_line(word, font, rect.width() - rect.height())
        fill, ink = pill_colours(status, option.palette)
        painter.save()
        painter.setClipRect(option.rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        radius = rect.height() / 2
        painter.drawRoundedRect(rect, radius, radius)
        painter.setPen(ink)
        at = QPointF(rect.x() + rect.height() / 2, rect.center().y() - box.height / 2)
        painter.setPen(ink)
        box.layout.draw(painter, at)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        if isinstance(index.data(INVITATION_ROLE), frames.InvitationInfo):
            size.setWidth(size.width() + option.fontMetrics.height())
        return size
