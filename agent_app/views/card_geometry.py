"""Where every part of a conversation card goes (CardGeometry, from `card_geometry`): the
avatar at the left, and three lines beside it: name and time; the last message and the
unread badge; how long the visitor has waited, tags, or their presence."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from agent_app.models.conversations import UNTAKEN, WITHDRAWN_TEXT, ConversationRow
from agent_app.text import shown
from agent_app.views.card_words import card_name, initials, presence_text, waiting_text
from agent_app.views.colours import avatar_colour
from agent_app.views.dates import day_or_time
from agent_app.views.text_layout import Placed, fit_line, line_height, scaled
from shared_protocol.frames import ConversationStatus


@dataclass
class Tag:
    rect: QRectF
    label: Placed
    kind: str  # "offline", "closed", "routing" or "department": chooses the colours
    whole: str = ""  # the label uncut, for the tooltip, when the tag shows it cut


# A department's tag keeps room for a short name whole ("Sales", "学生服务", "Support"),
# in ems of the small font; a longer one is cut to it, whole in the tooltip.
DEPARTMENT_EMS = 4.5


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


@dataclass(frozen=True)
class Lines:
    """Where a card's text goes: between `left` and `right`, three lines from `top`."""

    font: QFont
    small: QFont
    small_bold: QFont
    em: float
    gap: float
    left: float
    right: float
    top: float
    line1: float
    line2: float
    line3: float


def card_height(font: QFont) -> int:
    """The same for every card (the list scrolls evenly), from the fonts' real line
    heights, fallback fonts included."""
    em = QFontMetricsF(font).height()
    lines = (
        line_height(scaled(font, 1.0, bold=True))
        + line_height(font)
        + line_height(scaled(font, 0.85))
    )
    return round(max(lines, em * 2.9) + 2 * round(em * 0.45))


def card_geometry(row: ConversationRow, rect: QRectF, font: QFont, now: float) -> CardGeometry:
    """The card of `row` in a row whose top-left is `rect`'s and whose width is `rect`'s;
    `now` for the times and the waiting timer."""
    em = QFontMetricsF(font).height()
    pad_x, pad_y, gap = round(em * 0.7), round(em * 0.45), round(em * 0.45)
    height = card_height(font)
    card = QRectF(rect.x(), rect.y(), rect.width(), height)
    size = min(em * 2.85, height - 2 * pad_y)
    avatar = QRectF(card.x() + pad_x, card.y() + (height - size) / 2, size, size)
    small = scaled(font, 0.85)
    # Line heights as card_height counts them (bold name line, preview, small line).
    line1 = line_height(scaled(font, 1.0, bold=True))
    line2, line3 = line_height(font), line_height(small)
    lines = Lines(
        font=font,
        small=small,
        small_bold=scaled(font, 0.85, bold=True),
        em=em,
        gap=gap,
        left=avatar.right() + gap,
        right=card.right() - pad_x,
        top=card.y() + (height - line1 - line2 - line3) / 2,
        line1=line1,
        line2=line2,
        line3=line3,
    )
    name, time_box = _first_line(row, lines, now)
    geometry = CardGeometry(
        height=height,
        card=card,
        avatar=avatar,
        initials=_initials(row, avatar, font),
        avatar_colour=avatar_colour(row.info.visitor),
        dot=_presence_dot(avatar),
        online=row.visitor_online,
        name=name,
        bold_name=row.unread > 0,
        time=time_box,
    )
    _place_second_line(geometry, row, lines)
    since = row.unanswered_since if row.unanswered() else None
    if since is None and row.info.status in UNTAKEN:  # opened, nothing said yet: it waits
        since = row.info.created_at
    if since is not None:
        geometry.edge = QRectF(card.x(), card.y() + 2, max(3.0, em * 0.22), height - 4)
    _place_third_line(geometry, row, lines, now, since)
    return geometry


def _initials(row: ConversationRow, avatar: QRectF, font: QFont) -> Placed:
    """The visitor's initials, centred on the avatar."""
    size = avatar.width()
    avatar_font = QFont(font)
    avatar_font.setBold(True)
    avatar_font.setPixelSize(max(8, round(size * 0.4)))
    letters = fit_line(shown(initials(card_name(row))), avatar_font, size)
    at = QPointF(avatar.center().x() - letters.width / 2, avatar.center().y() - letters.height / 2)
    return Placed(letters, at)


def _presence_dot(avatar: QRectF) -> QRectF:
    """The presence dot, on the avatar's bottom-right edge."""
    dot_size = max(8.0, avatar.width() * 0.28)
    return QRectF(
        avatar.right() - dot_size * 0.85, avatar.bottom() - dot_size * 0.85, dot_size, dot_size
    )


def _first_line(row: ConversationRow, lines: Lines, now: float) -> tuple[Placed, Placed | None]:
    """The visitor's name and the last message's time. The time is placed first at the
    right edge; the name gets what is left."""
    left, right, top = lines.left, lines.right, lines.top
    time_box: Placed | None = None
    name_right = right
    if row.last_ts:
        when = fit_line(day_or_time(row.last_ts, now), lines.small, right - left)
        time_box = Placed(when, QPointF(right - when.width, top + (lines.line1 - when.height) / 2))
        name_right = right - when.width - lines.gap
    name_font = scaled(lines.font, 1.0, bold=row.unread > 0)
    name = fit_line(
        shown(card_name(row), one_line=True, max_chars=80), name_font, name_right - left
    )
    return Placed(name, QPointF(left, top + (lines.line1 - name.height) / 2)), time_box


def _place_second_line(geometry: CardGeometry, row: ConversationRow, lines: Lines) -> None:
    """The last message, and the unread badge at the right edge."""
    y2 = lines.top + lines.line1
    preview_right = lines.right
    if row.unread:
        badge, geometry.badge_text = _badge(row.unread, lines, y2)
        geometry.badge = badge
        preview_right = badge.left() - lines.gap
    if row.last_text:
        withdrawn = row.last_text == WITHDRAWN_TEXT
        text = (
            QCoreApplication.translate("ConversationCard", "(message withdrawn)")
            if withdrawn
            else shown(row.last_text, one_line=True, max_chars=200)
        )
        preview_font = scaled(lines.font, 1.0, italic=withdrawn)
        box = fit_line(text, preview_font, preview_right - lines.left)
        geometry.preview = Placed(box, QPointF(lines.left, y2 + (lines.line2 - box.height) / 2))
        geometry.preview_withdrawn = withdrawn


def _badge(unread: int, lines: Lines, y2: float) -> tuple[QRectF, Placed]:
    """The unread count in a pill at the right edge of the line at `y2`."""
    count = str(unread) if unread < 100 else "99+"
    number = fit_line(count, lines.small_bold, 1000)
    badge_height = min(lines.line2, number.height + 2)
    badge_width = max(badge_height, number.width + badge_height * 0.7)
    badge = QRectF(
        lines.right - badge_width, y2 + (lines.line2 - badge_height) / 2, badge_width, badge_height
    )
    at = QPointF(badge.center().x() - number.width / 2, badge.center().y() - number.height / 2)
    return badge, Placed(number, at)


def _place_third_line(
    geometry: CardGeometry,
    row: ConversationRow,
    lines: Lines,
    now: float,
    waiting_since: float | None,
) -> None:
    """How long the visitor has waited for an answer, tags, else their presence."""
    small, em, gap, right = lines.small, lines.em, lines.gap, lines.right
    y3 = lines.top + lines.line1 + lines.line2
    x = lines.left
    tags = _tags(row)
    # The tags keep their room: a long waiting text (Mongolian's is twice the English)
    # is cut before "left a message" is dropped; so does a short department name (it
    # was cut to "S…"). A long one, cut anyway, gives way to the waiting time and takes
    # what is left, up to DEPARTMENT_EMS.
    small_em = QFontMetricsF(small).height()
    widths = [fit_line(label, small, right - lines.left).width for label, _kind in tags]
    tag_room = sum(
        width + em * 0.8 + gap * 0.6
        for width, (_label, kind) in zip(widths, tags, strict=True)
        if kind != "department" or width <= small_em * DEPARTMENT_EMS
    )
    if waiting_since is not None:
        room = right - x - tag_room
        if room >= em * 2:  # narrower, the red edge alone says it waits
            timer = fit_line(waiting_text(now - waiting_since), lines.small_bold, room)
            geometry.timer = Placed(timer, QPointF(x, y3 + (lines.line3 - timer.height) / 2))
            x += timer.width + gap
    for label, kind in tags:
        if right - x < em * 2:
            break
        room = right - x - em * 0.8
        if kind == "department":
            room = min(room, small_em * DEPARTMENT_EMS)
        box = fit_line(label, small, room)
        chip = QRectF(x, y3 + 1, box.width + em * 0.8, lines.line3 - 2)
        at = QPointF(chip.x() + em * 0.4, chip.center().y() - box.height / 2)
        cut = kind == "department" and box.text != shown(row.department_name, one_line=True)
        whole = row.department_name if cut else ""
        geometry.tags.append(Tag(chip, Placed(box, at), kind, whole))
        x = chip.right() + gap * 0.6
    if geometry.timer is None and not geometry.tags:
        presence = presence_text(row, now)
        if presence:
            box = fit_line(presence, small, right - x)
            geometry.presence = Placed(box, QPointF(x, y3 + (lines.line3 - box.height) / 2))


def _tags(row: ConversationRow) -> list[tuple[str, str]]:
    """The card's tags, each a label and its kind: queued / offered / transferring, left a
    message (offline), closed, the department."""
    tags: list[tuple[str, str]] = []
    if row.routing_word and row.info.status is not ConversationStatus.CLOSED:
        tags.append((row.routing_word, "routing"))
    if row.info.offline:
        tags.append((QCoreApplication.translate("ConversationCard", "left a message"), "offline"))
    if row.info.status is ConversationStatus.CLOSED:
        tags.append((QCoreApplication.translate("ConversationCard", "closed"), "closed"))
    if row.department_name:  # last: on a card too narrow for every tag, it goes first
        tags.append((shown(row.department_name, one_line=True, max_chars=60), "department"))
    return tags
