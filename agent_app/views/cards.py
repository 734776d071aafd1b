"""Conversation cards for the conversation list (ConversationCardDelegate): avatar, name,
last message, unread badge, a waiting timer that ticks, presence and tags."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from agent_app.models.conversations import ROW_ROLE, WITHDRAWN_TEXT, ConversationRow
from agent_app.text import clean, shown
from agent_app.views.bubbles import (
    ACCENT,
    ON_ACCENT,
    Placed,
    accent_text_colour,
    alert_colour,
    available_width,
    day_text,
    fit_line,
    is_dark,
    line_height,
    mix,
    muted_colour,
    scaled,
)
from shared_protocol.frames import ConversationStatus

Index = QModelIndex | QPersistentModelIndex

# Avatar colours: Tailwind's 600/700 shades, each with at least 4.5:1 contrast against the
# white initials, distinct from each other, and none of them the alert red.
AVATAR_COLOURS = tuple(
    QColor(name)
    for name in (
        "#2563eb",
        "#7c3aed",
        "#c026d3",
        "#c2410c",
        "#0f766e",
        "#15803d",
        "#b45309",
        "#4338ca",
        "#0369a1",
        "#9f1239",
    )
)
ONLINE_COLOUR = QColor("#16a34a")
AWAY_COLOUR = QColor("#9ca3af")
_SCRIPTS_WITHOUT_SPACES = ("CJK", "HANGUL", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER")


def initials(name: str) -> str:
    """One or two letters for an avatar: the first letters of the first and last words, or
    the first character alone for scripts that write a name without spaces (李华 → 李)."""
    letters = []
    for word in clean(name).split():
        letter = next((char for char in word if char.isalpha()), "")
        if letter:
            letters.append(letter)
    if not letters:
        return "#"
    if unicodedata.name(letters[0], "").startswith(_SCRIPTS_WITHOUT_SPACES):
        return letters[0]
    if len(letters) == 1:
        return letters[0].upper()
    return (letters[0] + letters[-1]).upper()


def avatar_colour(visitor_id: int) -> QColor:
    """Always the same colour for the same visitor, so agents learn to spot them."""
    return AVATAR_COLOURS[visitor_id % len(AVATAR_COLOURS)]


def waiting_text(seconds: float) -> str:
    minutes = int(max(0.0, seconds) // 60)
    if minutes < 1:
        return QCoreApplication.translate("ConversationCard", "waiting <1 min")
    # %1 rather than %n: lupdate cannot give translate() plural forms, and a Qt
    # translation without them is not found for counts that would need another form.
    if minutes < 60:
        template = QCoreApplication.translate("ConversationCard", "waiting %1 min")
        return template.replace("%1", str(minutes))
    # Whole days and hours first: pyside6-lupdate reads "//" inside a translate() call as
    # a comment and would miss the string.
    days, rest = divmod(minutes, 24 * 60)
    if days:  # a message left overnight: hours and minutes say nothing more
        return QCoreApplication.translate("ConversationCard", "waiting %1 d").replace(
            "%1", str(days)
        )
    template = QCoreApplication.translate("ConversationCard", "waiting %1 h %2 min")
    return template.replace("%1", str(rest // 60)).replace("%2", f"{minutes % 60:02d}")


def card_name(row: ConversationRow) -> str:
    """The visitor's name, or their number in the agent's language."""
    name = row.display_name()
    if name == f"Visitor #{row.info.visitor}":  # the model's English fallback
        template = QCoreApplication.translate("ConversationCard", "Visitor #%1")
        return template.replace("%1", str(row.info.visitor))
    return name


def day_or_time(ts: float, now: float) -> str:
    """HH:MM today, the day (and the year when it is not this year's) on other days."""
    if time.localtime(ts)[:3] == time.localtime(now)[:3]:
        return QDateTime.fromSecsSinceEpoch(int(ts)).toString("HH:mm")
    return day_text(ts, now)


@dataclass
class Tag:
    rect: QRectF
    label: Placed
    kind: str  # "offline" or "closed": chooses the colours


@dataclass
class CardGeometry:
    """Where every part of one card goes, in the view's coordinates."""

    height: int
    card: QRectF
    avatar: QRectF
    initials: Placed
    avatar_colour: QColor
    dot: QRectF
    online: bool
    name: Placed
    bold_name: bool
    edge: QRectF | None = None  # the red left edge of an unanswered conversation
    time: Placed | None = None
    preview: Placed | None = None
    preview_withdrawn: bool = False
    badge: QRectF | None = None
    badge_text: Placed | None = None
    timer: Placed | None = None
    tags: list[Tag] = field(default_factory=list)
    presence: Placed | None = None


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

    # ------------------------------------------------------------ layout

    def card_height(self, font: QFont) -> int:
        """The same for every card (the list scrolls evenly), from the fonts' real line
        heights, fallback fonts included."""
        em = QFontMetricsF(font).height()
        lines = (
            line_height(scaled(font, 1.0, bold=True))
            + line_height(font)
            + line_height(scaled(font, 0.85))
        )
        return round(max(lines, em * 2.9) + 2 * round(em * 0.45))

    def geometry(self, row: ConversationRow, rect: QRectF, font: QFont) -> CardGeometry:
        em = QFontMetricsF(font).height()
        pad_x, pad_y, gap = round(em * 0.7), round(em * 0.45), round(em * 0.45)
        height = self.card_height(font)
        card = QRectF(rect.x(), rect.y(), rect.width(), height)
        now = self._clock()

        name_font = scaled(font, 1.0, bold=row.unread > 0)
        small = scaled(font, 0.85)
        small_bold = scaled(font, 0.85, bold=True)
        # Line heights as card_height counts them (bold name line, preview, small line).
        line1 = line_height(scaled(font, 1.0, bold=True))
        line2, line3 = line_height(font), line_height(small)

        size = min(em * 2.85, height - 2 * pad_y)
        avatar = QRectF(card.x() + pad_x, card.y() + (height - size) / 2, size, size)
        avatar_font = QFont(font)
        avatar_font.setBold(True)
        avatar_font.setPixelSize(max(8, round(size * 0.4)))
        letters = fit_line(shown(initials(card_name(row))), avatar_font, size)
        initials_at = QPointF(
            avatar.center().x() - letters.width / 2, avatar.center().y() - letters.height / 2
        )
        dot_size = max(8.0, size * 0.28)
        dot = QRectF(
            avatar.right() - dot_size * 0.85, avatar.bottom() - dot_size * 0.85, dot_size, dot_size
        )

        left = avatar.right() + gap
        right = card.right() - pad_x
        top = card.y() + (height - line1 - line2 - line3) / 2

        # Line 1: the time is placed first at the right edge; the name gets what is left.
        time_box: Placed | None = None
        name_right = right
        if row.last_ts:
            when = fit_line(day_or_time(row.last_ts, now), small, right - left)
            time_box = Placed(when, QPointF(right - when.width, top + (line1 - when.height) / 2))
            name_right = right - when.width - gap
        name = fit_line(
            shown(card_name(row), one_line=True, max_chars=80), name_font, name_right - left
        )
        geometry = CardGeometry(
            height=height,
            card=card,
            avatar=avatar,
            initials=Placed(letters, initials_at),
            avatar_colour=avatar_colour(row.info.visitor),
            dot=dot,
            online=row.visitor_online,
            name=Placed(name, QPointF(left, top + (line1 - name.height) / 2)),
            bold_name=row.unread > 0,
            time=time_box,
        )

        # Line 2: the last message, and the unread badge at the right edge.
        y2 = top + line1
        preview_right = right
        if row.unread:
            count = str(row.unread) if row.unread < 100 else "99+"
            number = fit_line(count, small_bold, 1000)
            badge_height = min(line2, number.height + 2)
            badge_width = max(badge_height, number.width + badge_height * 0.7)
            badge = QRectF(
                right - badge_width, y2 + (line2 - badge_height) / 2, badge_width, badge_height
            )
            geometry.badge = badge
            geometry.badge_text = Placed(
                number,
                QPointF(
                    badge.center().x() - number.width / 2, badge.center().y() - number.height / 2
                ),
            )
            preview_right = badge.left() - gap
        if row.last_text:
            withdrawn = row.last_text == WITHDRAWN_TEXT
            text = (
                QCoreApplication.translate("ConversationCard", "(message withdrawn)")
                if withdrawn
                else shown(row.last_text, one_line=True, max_chars=200)
            )
            preview_font = scaled(font, 1.0, italic=withdrawn)
            box = fit_line(text, preview_font, preview_right - left)
            geometry.preview = Placed(box, QPointF(left, y2 + (line2 - box.height) / 2))
            geometry.preview_withdrawn = withdrawn

        # Line 3: how long the visitor has waited for an answer, tags, else presence.
        y3 = y2 + line2
        x = left
        tags: list[tuple[str, str]] = []
        if row.info.offline:
            tags.append(
                (QCoreApplication.translate("ConversationCard", "left a message"), "offline")
            )
        if row.info.status is ConversationStatus.CLOSED:
            tags.append((QCoreApplication.translate("ConversationCard", "closed"), "closed"))
        # The tags keep their room: a long waiting text (Mongolian's is twice the English)
        # is cut before "left a message" is dropped.
        tag_room = sum(
            fit_line(label, small, right - left).width + em * 0.8 + gap * 0.6 for label, _ in tags
        )
        if row.unanswered() and row.unanswered_since is not None:
            geometry.edge = QRectF(card.x(), card.y() + 2, max(3.0, em * 0.22), height - 4)
            room = right - x - tag_room
            if room >= em * 2:  # narrower, the red edge alone says it waits
                timer = fit_line(waiting_text(now - row.unanswered_since), small_bold, room)
                geometry.timer = Placed(timer, QPointF(x, y3 + (line3 - timer.height) / 2))
                x += timer.width + gap
        for label, kind in tags:
            if right - x < em * 2:
                break
            box = fit_line(label, small, right - x - em * 0.8)
            chip = QRectF(x, y3 + 1, box.width + em * 0.8, line3 - 2)
            at = QPointF(chip.x() + em * 0.4, chip.center().y() - box.height / 2)
            geometry.tags.append(Tag(chip, Placed(box, at), kind))
            x = chip.right() + gap * 0.6
        if geometry.timer is None and not geometry.tags:
            presence = self._presence_text(row, now)
            if presence:
                box = fit_line(presence, small, right - x)
                geometry.presence = Placed(box, QPointF(x, y3 + (line3 - box.height) / 2))
        return geometry

    @staticmethod
    def _presence_text(row: ConversationRow, now: float) -> str:
        if row.visitor_online:
            return QCoreApplication.translate("ConversationCard", "on the site")
        if row.visitor_seen:
            template = QCoreApplication.translate("ConversationCard", "last seen %1")
            return template.replace("%1", day_or_time(row.visitor_seen, now))
        return ""

    def _geometry_for(self, option: QStyleOptionViewItem, index: Index) -> CardGeometry | None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, ConversationRow):
            return None
        rect = QRectF(option.rect.x(), option.rect.y(), available_width(option), 0)
        return self.geometry(row, rect, option.font)

    # ------------------------------------------------------------ the delegate

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if not isinstance(index.data(ROW_ROLE), ConversationRow):
            return super().sizeHint(option, index)
        return QSize(available_width(option), self.card_height(option.font))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        geometry = self._geometry_for(option, index)
        if geometry is None:
            super().paint(painter, option, index)
            return
        painter.save()
        painter.setClipRect(option.rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint(painter, option, geometry)
        painter.restore()

    def _paint(
        self, painter: QPainter, option: QStyleOptionViewItem, geometry: CardGeometry
    ) -> None:
        palette = option.palette
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = is_dark(palette)
        alert = alert_colour(palette)

        background = base
        if option.state & QStyle.StateFlag.State_Selected:
            background = mix(
                base, palette.color(QPalette.ColorRole.Highlight), 0.35 if dark else 0.2
            )
        elif option.state & QStyle.StateFlag.State_MouseOver:
            background = mix(base, text, 0.06)
        if background != base:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRoundedRect(geometry.card.adjusted(1, 1, -1, -1), 6, 6)
        muted = muted_colour(palette, background)

        if geometry.edge is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(alert)
            painter.drawRoundedRect(geometry.edge, 1.5, 1.5)

        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(geometry.avatar_colour)
        painter.drawEllipse(geometry.avatar)
        geometry.initials.draw(painter, ON_ACCENT)
        # The presence dot sits on the avatar, ringed in the card's colour to stand apart.
        painter.setPen(QPen(background, 2))
        painter.setBrush(ONLINE_COLOUR if geometry.online else AWAY_COLOUR)
        painter.drawEllipse(geometry.dot)

        geometry.name.draw(painter, text)
        if geometry.time is not None:
            # The time in the accent when there is something unread, as in chat apps.
            geometry.time.draw(
                painter, accent_text_colour(palette) if geometry.bold_name else muted
            )
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
            geometry.timer.draw(painter, alert)
        for tag in geometry.tags:
            if tag.kind == "offline":
                fill = QColor("#78350f") if dark else QColor("#fef3c7")
                ink = QColor("#fde68a") if dark else QColor("#92400e")
            else:
                fill, ink = mix(background, text, 0.1), muted
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            radius = tag.rect.height() / 2
            painter.drawRoundedRect(tag.rect, radius, radius)
            tag.label.draw(painter, ink)
        if geometry.presence is not None:
            geometry.presence.draw(painter, muted)
