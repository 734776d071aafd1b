"""Paints a conversation card from its CardGeometry: the background of its state, the red
edge of an unanswered chat, the avatar with its presence dot, the texts, badge and tags."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from agent_app.views.card_geometry import CardGeometry, Tag
from agent_app.views.colours import (
    ACCENT,
    AWAY_COLOUR,
    ON_ACCENT,
    ONLINE_COLOUR,
    accent_text_colour,
    alert_colour,
    is_dark,
    mix,
    muted_colour,
)


def paint_card(painter: QPainter, option: QStyleOptionViewItem, geometry: CardGeometry) -> None:
    """One card, in the order its parts overlap: background, edge, avatar, texts."""
    palette = option.palette
    base = palette.color(QPalette.ColorRole.Base)
    background = _background(option)
    if background != base:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(geometry.card.adjusted(1, 1, -1, -1), 6, 6)
    if geometry.edge is not None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(alert_colour(palette))
        painter.drawRoundedRect(geometry.edge, 1.5, 1.5)
    _paint_avatar(painter, geometry, background)
    _paint_texts(painter, geometry, palette, background)


def _background(option: QStyleOptionViewItem) -> QColor:
    """The base, tinted towards the highlight when selected, or the text under the mouse."""
    palette = option.palette
    base = palette.color(QPalette.ColorRole.Base)
    if option.state & QStyle.StateFlag.State_Selected:
        highlight = palette.color(QPalette.ColorRole.Highlight)
        return mix(base, highlight, 0.35 if is_dark(palette) else 0.2)
    if option.state & QStyle.StateFlag.State_MouseOver:
        return mix(base, palette.color(QPalette.ColorRole.Text), 0.06)
    return base


def _paint_avatar(painter: QPainter, geometry: CardGeometry, background: QColor) -> None:
    """The visitor's initials on their colour, and the presence dot on the avatar."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(geometry.avatar_colour)
    painter.drawEllipse(geometry.avatar)
    geometry.initials.draw(painter, ON_ACCENT)
    # The presence dot sits on the avatar, ringed in the card's colour to stand apart.
    painter.setPen(QPen(background, 2))
    painter.setBrush(ONLINE_COLOUR if geometry.online else AWAY_COLOUR)
    painter.drawEllipse(geometry.dot)


def _paint_texts(
    painter: QPainter, geometry: CardGeometry, palette: QPalette, background: QColor
) -> None:
    """The three lines: name and time; last message and badge; timer, tags or presence."""
    text = palette.color(QPalette.ColorRole.Text)
    muted = muted_colour(palette, background)
    geometry.name.draw(painter, text)
    if geometry.time is not None:
        # The time in the accent when there is something unread, as in chat apps.
        geometry.time.draw(painter, accent_text_colour(palette) if geometry.bold_name else muted)
    if geometry.preview is not None:
        unread = geometry.bold_name and not geometry.preview_withdrawn
        geometry.preview.draw(painter, text if unread else muted)
    if geometry.badge is not None and geometry.badge_text is not None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ACCENT)
        radius = geometry.badge.height() / 2
        painter.drawRoundedRect(geometry.badge, radius, radius)
        geometry.badge_text.draw(painter, ON_ACCENT)
    if geometry.timer is not None:
        geometry.timer.draw(painter, alert_colour(palette))
    for tag in geometry.tags:
        _paint_tag(painter, tag, palette, background)
    if geometry.presence is not None:
        geometry.presence.draw(painter, muted)


def _paint_tag(painter: QPainter, tag: Tag, palette: QPalette, background: QColor) -> None:
    """A tag's pill: amber for a message left offline, neutral for a closed chat."""
    if tag.kind == "offline":
        dark = is_dark(palette)
        fill = QColor("#78350f") if dark else QColor("#fef3c7")
        ink = QColor("#fde68a") if dark else QColor("#92400e")
    elif tag.kind == "routing":  # queued, offered, transferring: sky blue
        dark = is_dark(palette)
        fill = QColor("#0c4a6e") if dark else QColor("#e0f2fe")
        ink = QColor("#e0f2fe") if dark else QColor("#075985")
    else:
        text = palette.color(QPalette.ColorRole.Text)
        fill, ink = mix(background, text, 0.1), muted_colour(palette, background)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    radius = tag.rect.height() / 2
    painter.drawRoundedRect(tag.rect, radius, radius)
    tag.label.draw(painter, ink)
