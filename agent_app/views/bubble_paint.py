"""Paints a chat bubble from its BubbleGeometry: the bubble in its author's colours and
state, the header, the quote, the text, the file's chip and preview, the delivery state."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from agent_app.models.messages import Delivery, Entry
from agent_app.views.bubble_geometry import BubbleGeometry
from agent_app.views.colours import (
    ACCENT,
    NOTE_DARK,
    NOTE_LIGHT,
    NOTE_ON_DARK,
    NOTE_ON_LIGHT,
    ON_ACCENT,
    WHISPER_DARK,
    WHISPER_LIGHT,
    WHISPER_ON_DARK,
    WHISPER_ON_LIGHT,
    accent_text_colour,
    alert_colour,
    is_dark,
    mix,
    muted_colour,
)
from agent_app.views.text_layout import Placed
from shared_protocol.frames import AuthorKind


@dataclass(frozen=True)
class BubbleColours:
    """The colours of one bubble: agents' in the accent, the visitor's (and a withdrawn
    message) in a shade of the base."""

    accent: bool
    fill: QColor
    ink: QColor  # the text on the fill
    soft: QColor  # the time on the fill

    @classmethod
    def of(cls, palette: QPalette, *, accent: bool) -> BubbleColours:
        if accent:
            return cls(True, ACCENT, ON_ACCENT, mix(ON_ACCENT, ACCENT, 0.22))
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        fill = mix(base, text, 0.14 if is_dark(palette) else 0.07)
        return cls(False, fill, text, muted_colour(palette, fill))

    @classmethod
    def note(cls, palette: QPalette) -> BubbleColours:
        """A note among agents: amber, as help desks mark what the customer never sees."""
        dark = is_dark(palette)
        fill, ink = (NOTE_DARK, NOTE_ON_DARK) if dark else (NOTE_LIGHT, NOTE_ON_LIGHT)
        return cls(False, fill, ink, mix(ink, fill, 0.3))

    @classmethod
    def whisper(cls, palette: QPalette) -> BubbleColours:
        """A supervisor's whisper: violet, so that it reads as neither a reply nor a note."""
        dark = is_dark(palette)
        fill, ink = (WHISPER_DARK, WHISPER_ON_DARK) if dark else (WHISPER_LIGHT, WHISPER_ON_LIGHT)
        return cls(False, fill, ink, mix(ink, fill, 0.3))


def paint_bubble(
    painter: QPainter,
    option: QStyleOptionViewItem,
    entry: Entry,
    geometry: BubbleGeometry,
    preview: object,
) -> None:
    """One message, in the order its parts overlap: outline, bubble, header, quote, text,
    file, and the delivery state (never faded) under the bubble."""
    palette = option.palette
    if entry.author is AuthorKind.SYSTEM:
        if geometry.body is not None:
            geometry.body.draw(painter, muted_colour(palette))
        return
    if entry.whisper and not entry.withdrawn:
        colours = BubbleColours.whisper(palette)
    elif entry.internal and not entry.withdrawn:
        colours = BubbleColours.note(palette)
    else:
        colours = BubbleColours.of(palette, accent=geometry.agent_side and not entry.withdrawn)
    radius = QFontMetricsF(option.font).height() * 0.9
    tail = "bottom-right" if geometry.agent_side else "bottom-left"
    if option.state & QStyle.StateFlag.State_Selected:
        _paint_outline(painter, geometry.bubble, radius, tail, palette)
    if entry.delivery is Delivery.SENDING:
        painter.setOpacity(0.72)  # not stored yet: a little faded until the relay has it
    path = rounded_path(geometry.bubble, radius, small_corner=tail)
    _paint_shape(painter, path, entry, colours.fill, palette)

    if geometry.name is not None:
        plain = colours.accent or entry.internal  # names on the accent and on notes in ink
        name_colour = colours.ink if plain else accent_text_colour(palette)
        geometry.name.draw(painter, name_colour)
    if geometry.time is not None:
        geometry.time.draw(painter, colours.soft)
    if geometry.quote_box is not None and geometry.quote is not None:
        _paint_quote(painter, geometry.quote_box, geometry.quote, colours)
    if geometry.body is not None:
        geometry.body.draw(painter, muted_colour(palette) if entry.withdrawn else colours.ink)
    if geometry.chip is not None and geometry.chip_text is not None:
        _paint_chip(painter, geometry.chip, geometry.chip_text, colours)
    if geometry.image is not None and isinstance(preview, QPixmap):
        _paint_image(painter, geometry.image, preview)

    painter.setOpacity(1.0)
    if geometry.delivery is not None:
        failed = entry.delivery is Delivery.FAILED
        geometry.delivery.draw(painter, alert_colour(palette) if failed else muted_colour(palette))


def _paint_outline(
    painter: QPainter, bubble: QRectF, radius: float, tail: str, palette: QPalette
) -> None:
    """A selected message's outline: outside the bubble, in the palette's highlight, so it
    shows on the accent too."""
    outline = rounded_path(bubble.adjusted(-3, -3, 3, 3), radius + 3, small_corner=tail)
    painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(outline)


def _paint_shape(
    painter: QPainter, path: QPainterPath, entry: Entry, fill: QColor, palette: QPalette
) -> None:
    """The bubble: dashed and empty once withdrawn, ringed in red when it was not sent."""
    if entry.withdrawn:
        painter.setPen(QPen(muted_colour(palette), 1, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
    elif entry.delivery is Delivery.FAILED:
        painter.setPen(QPen(alert_colour(palette), 2))
        painter.setBrush(fill)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
    painter.drawPath(path)


def _paint_quote(painter: QPainter, box: QRectF, quote: Placed, colours: BubbleColours) -> None:
    """The quoted message on a soft panel with a bar at its left."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(mix(colours.fill, colours.ink, 0.12))
    painter.drawRoundedRect(box, 4, 4)
    painter.setBrush(colours.ink if colours.accent else ACCENT)
    bar = QRectF(box.x(), box.y(), max(3.0, box.height() * 0.1), box.height())
    painter.drawRoundedRect(bar, 1.5, 1.5)
    quote.draw(painter, mix(colours.ink, colours.fill, 0.18))


def _paint_chip(painter: QPainter, chip: QRectF, label: Placed, colours: BubbleColours) -> None:
    """A file's chip: a soft panel with a page icon, the file's name and size."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(mix(colours.fill, colours.ink, 0.12))
    painter.drawRoundedRect(chip, 6, 6)
    _paint_file_icon(painter, chip, colours.ink)
    label.draw(painter, colours.ink)


def _paint_file_icon(painter: QPainter, chip: QRectF, ink: QColor) -> None:
    """A page with a folded corner, drawn rather than taken from an icon theme, so it
    takes the bubble's text colour on the accent and on a dark palette."""
    size = chip.height() * 0.55
    x = chip.x() + chip.height() * 0.3
    y = chip.y() + (chip.height() - size) / 2
    w, fold = size * 0.78, size * 0.3
    page = QPainterPath()
    page.moveTo(x, y)
    page.lineTo(x + w - fold, y)
    page.lineTo(x + w, y + fold)
    page.lineTo(x + w, y + size)
    page.lineTo(x, y + size)
    page.closeSubpath()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(ink, 1.2))
    painter.drawPath(page)
    painter.drawLine(QPointF(x + w - fold, y), QPointF(x + w - fold, y + fold))
    painter.drawLine(QPointF(x + w - fold, y + fold), QPointF(x + w, y + fold))


def _paint_image(painter: QPainter, area: QRectF, preview: QPixmap) -> None:
    """A file's preview, its corners rounded."""
    clip = QPainterPath()
    clip.addRoundedRect(area, 6, 6)
    painter.save()
    painter.setClipPath(clip, Qt.ClipOperation.IntersectClip)
    painter.drawPixmap(area.toRect(), preview)
    painter.restore()


def rounded_path(rect: QRectF, radius: float, *, small_corner: str = "") -> QPainterPath:
    """A rounded rectangle whose corner `small_corner` ("bottom-left"/"bottom-right") is
    nearly square: the bubble's "tail" towards its author's side."""
    small = min(radius, 4.0)
    tl = tr = radius
    bl = small if small_corner == "bottom-left" else radius
    br = small if small_corner == "bottom-right" else radius
    x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
    path = QPainterPath()
    path.moveTo(x + tl, y)
    path.lineTo(x + w - tr, y)
    path.arcTo(x + w - 2 * tr, y, 2 * tr, 2 * tr, 90, -90)
    path.lineTo(x + w, y + h - br)
    path.arcTo(x + w - 2 * br, y + h - 2 * br, 2 * br, 2 * br, 0, -90)
    path.lineTo(x + bl, y + h)
    path.arcTo(x, y + h - 2 * bl, 2 * bl, 2 * bl, 270, -90)
    path.lineTo(x, y + tl)
    path.arcTo(x, y, 2 * tl, 2 * tl, 180, -90)
    path.closeSubpath()
    return path
