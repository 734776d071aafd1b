"""Chat bubbles for the transcript (MessageBubbleDelegate) and the text-layout and colour
helpers the conversation cards share.

Heights come from QTextLayout over the exact text that is painted, at the exact width it is
painted with: the line heights include fallback fonts (a CJK name or an emoji is taller than
the Latin default font), which the view's default delegate did not account for.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from math import ceil

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from agent_app.models.messages import ENTRY_ROLE, Delivery, Entry, readable_size
from agent_app.text import ELLIPSIS, PDI, shown
from shared_protocol.frames import AuthorKind

Index = QModelIndex | QPersistentModelIndex

# ------------------------------------------------------------------ colours

# Teal 700: white text on it has a contrast of 5.5:1, and it stands out on light and dark
# bases alike, so one accent serves both palettes.
ACCENT = QColor("#0f766e")
ON_ACCENT = QColor("#ffffff")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved `amount` (0…1) of the way towards `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
        a.alphaF() + (b.alphaF() - a.alphaF()) * amount,
    )


def alert_colour(palette: QPalette) -> QColor:
    """Red that reads as text on the palette's base: the model's #b91c1c is too dark on a
    dark base, so dark palettes get a lighter red."""
    return QColor("#f87171") if is_dark(palette) else QColor("#b91c1c")


def accent_text_colour(palette: QPalette) -> QColor:
    """The accent as text (names in neutral bubbles): teal 700 on light, teal 300 on dark."""
    return QColor("#5eead4") if is_dark(palette) else ACCENT


def muted_colour(palette: QPalette, background: QColor | None = None) -> QColor:
    """Secondary text (times, states): the text colour 38 % of the way towards the
    background, about 6:1 on white and on a dark base (the tests measure it)."""
    base = background if background is not None else palette.color(QPalette.ColorRole.Base)
    return mix(palette.color(QPalette.ColorRole.Text), base, 0.38)


# ------------------------------------------------------------------ fonts and text


def scaled(font: QFont, factor: float, *, bold: bool = False, italic: bool = False) -> QFont:
    """The font at `factor` of its size; works for point- and pixel-sized fonts."""
    result = QFont(font)
    if font.pointSizeF() > 0:
        result.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        result.setPixelSize(max(1, round(font.pixelSize() * factor)))
    if bold:
        result.setBold(True)
    if italic:
        result.setItalic(True)
    return result


@dataclass(frozen=True)
class TextBox:
    """Laid-out text: `width` is what the text occupies, `height` the sum of its lines."""

    text: str
    layout: QTextLayout
    width: float
    height: float
    lines: int


_LAYOUTS: OrderedDict[tuple[str, str, float, bool, bool, int, bool], TextBox] = OrderedDict()
# The transcript's own rule for what a double-click opens (agent_app/views/chat_pane.py).
WEB_LINK = re.compile(r"https?://[^\s<>\"'\u2068\u2069]+")
_LAYOUT_CACHE_SIZE = 600  # a few screens of messages, each at the current and previous width


def _right_to_left(text: str) -> bool:
    """The paragraph direction from the first strong character (the bidi rule P2, looking
    inside our own isolate, which Qt's automatic detection would skip)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def lay_out(
    text: str,
    font: QFont,
    width: float,
    *,
    wrap: bool = True,
    bold_prefix: int = 0,
    links: bool = False,
) -> TextBox:
    """`text` laid out in lines of at most `width` pixels. Wrapping prefers word boundaries
    and breaks anywhere when a word (a long URL) is wider than the line. Newlines break
    lines. The first `bold_prefix` characters are bold (a quote's author); with `links`,
    web links are underlined (a double-click opens the first). Cached: sizeHint and paint
    ask for the same layouts many times."""
    rtl = _right_to_left(text)
    key = (text, font.key(), round(width, 2), wrap, rtl, bold_prefix, links)
    cached = _LAYOUTS.get(key)
    if cached is not None:
        _LAYOUTS.move_to_end(key)
        return cached
    # QTextLayout breaks lines at U+2028 only; `shown` turned every line break into "\n".
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    option = QTextOption()
    option.setWrapMode(
        QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere if wrap else QTextOption.WrapMode.NoWrap
    )
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    # Paragraphs of Arabic and Hebrew sit on the right. QTextLayout does not mirror
    # AlignLeft by itself (QPainter.drawText and QTextDocument do), so the side is said
    # outright. One-line pieces (names, times) stay where the caller places them.
    right = rtl and wrap
    option.setAlignment(Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
    layout.setTextOption(option)
    formats = []
    if bold_prefix > 0:
        bold = QTextLayout.FormatRange()
        bold.start, bold.length = 0, min(bold_prefix, len(text))
        bold.format.setFontWeight(QFont.Weight.Bold)
        formats.append(bold)
    if links:
        for link in WEB_LINK.finditer(text):
            # Underlined only, in the pen's colour: readable on every bubble and palette.
            underline = QTextLayout.FormatRange()
            underline.start, underline.length = link.start(), link.end() - link.start()
            underline.format.setFontUnderline(True)
            formats.append(underline)
    if formats:
        layout.setFormats(formats)
    layout.setCacheEnabled(True)
    layout.beginLayout()
    y, natural, count = 0.0, 0.0, 0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        # With the font's own line gap, as QLabel and QTextDocument space lines.
        line.setLeadingIncluded(True)
        line.setPosition(QPointF(0.0, y))
        y += line.height()
        natural = max(natural, line.naturalTextWidth())
        count += 1
    layout.endLayout()
    box = TextBox(text, layout, min(natural, max(1.0, width)), y, count)
    _LAYOUTS[key] = box
    if len(_LAYOUTS) > _LAYOUT_CACHE_SIZE:
        _LAYOUTS.popitem(last=False)
    return box


_OPENERS = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI: each is closed by one PDI


def _closed(text: str) -> str:
    """`text` with every isolate that a cut left open closed again, so an override in a
    cut name cannot reach the text after it."""
    depth = 0
    for char in text:
        if char in _OPENERS:
            depth += 1
        elif char == PDI and depth:
            depth -= 1
    return text + PDI * depth


def fit_line(text: str, font: QFont, width: float, *, bold_prefix: int = 0) -> TextBox:
    """One line, elided with "…" to `width` pixels by the font's real metrics. `text` is
    ours or made of pieces passed through `shown`; isolates cut open are closed again."""
    metrics = QFontMetricsF(font)
    extra = 0.0
    if bold_prefix:
        # The bold prefix is wider than the metrics of the regular font say.
        prefix = text[:bold_prefix]
        extra = QFontMetricsF(scaled(font, 1.0, bold=True)).horizontalAdvance(prefix)
        extra -= metrics.horizontalAdvance(prefix)
    if metrics.horizontalAdvance(text) + extra > width:
        cut = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, width - extra))
        # Qt keeps a trailing PDI after the ellipsis; drop it, `_closed` puts back what is
        # needed, after the ellipsis, which so stays inside the isolate it shortens.
        text = _closed(cut.rstrip(PDI)) if cut else ELLIPSIS
    return lay_out(text, font, max(1.0, width), wrap=False, bold_prefix=bold_prefix)


_LINE_HEIGHTS: dict[str, float] = {}


def line_height(font: QFont) -> float:
    """The height of one line that may hold Latin, CJK and emoji, for places with a fixed
    height (cards, headers): fallback fonts are often taller than the default font."""
    key = font.key()
    if key not in _LINE_HEIGHTS:
        _LINE_HEIGHTS[key] = max(
            QFontMetricsF(font).height(), lay_out("Ag李华😀", font, 10_000, wrap=False).height
        )
    return _LINE_HEIGHTS[key]


@dataclass(frozen=True)
class Placed:
    """A text box and where its top-left corner is painted."""

    box: TextBox
    at: QPointF

    @property
    def text(self) -> str:
        return self.box.text

    def rect(self) -> QRectF:
        """Where the text's lines are, alignment included (right-to-left lines sit at the
        right of their line)."""
        area = QRectF()
        for number in range(self.box.lines):
            area = area.united(self.box.layout.lineAt(number).naturalTextRect())
        return area.translated(self.at)

    def draw(self, painter: QPainter, colour: QColor) -> None:
        painter.setPen(colour)  # QTextLayout paints unformatted text with the pen
        self.box.layout.draw(painter, self.at)


def available_width(option: QStyleOptionViewItem) -> int:
    """The width a row may use: the viewport less the list's spacing on both sides. Both
    sizeHint and paint use this (not the item's rect, unknown when sizeHint is asked),
    so a row is painted at exactly the width its height was computed for."""
    view = option.widget
    if isinstance(view, QAbstractItemView):
        spacing = view.spacing() if isinstance(view, QListView) else 0
        return max(1, view.viewport().width() - 2 * spacing)
    return max(1, option.rect.width())


def day_text(ts: float, now: float) -> str:
    """A day in the agent's language: "14 Mar" / "3月14日" / "3-р сарын 14" this year, the
    locale's short date before."""
    date = QDateTime.fromSecsSinceEpoch(int(ts)).date()
    if time.localtime(ts).tm_year == time.localtime(now).tm_year:
        # The order of day and month is the language's (Qt has no short "day and month"
        # format), so the pattern itself is translated.
        pattern = QCoreApplication.translate(
            "MessageBubble", "d MMM", "a day of this year, as a Qt date format: d day, MMM month"
        )
        return QLocale().toString(date, pattern)
    return QLocale().toString(date, QLocale.FormatType.ShortFormat)


def when_text(ts: float, now: float) -> str:
    """HH:MM today, the day and HH:MM on other days."""
    clock = QDateTime.fromSecsSinceEpoch(int(ts)).toString("HH:mm")
    if time.localtime(ts)[:3] == time.localtime(now)[:3]:
        return clock
    return f"{day_text(ts, now)} {clock}"


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


# ------------------------------------------------------------------ the bubble


@dataclass
class BubbleGeometry:
    """Where every part of one message goes, in the view's coordinates. sizeHint and
    paint both use it, and tests read it to know where to look for pixels."""

    height: int
    bubble: QRectF  # empty for system lines, which have no bubble
    header: QRectF
    name: Placed | None = None
    time: Placed | None = None
    quote_box: QRectF | None = None
    quote: Placed | None = None
    body: Placed | None = None  # the text, the withdrawn notice, or a system line
    chip: QRectF | None = None
    chip_text: Placed | None = None
    image: QRectF | None = None
    delivery: Placed | None = None
    mine: bool = False
    agent_side: bool = False


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

    # ------------------------------------------------------------ layout

    def geometry(
        self, entry: Entry, preview: QPixmap | None, rect: QRectF, font: QFont
    ) -> BubbleGeometry:
        """The layout of `entry` in a row whose top-left is `rect`'s and whose usable width
        is `rect`'s width."""
        em = QFontMetricsF(font).height()
        margin_x, margin_y = round(em * 0.7), round(em * 0.25)
        pad_x, pad_y, gap = round(em * 0.75), round(em * 0.45), round(em * 0.25)
        left, top, width = rect.x(), rect.y(), rect.width()

        if entry.author is AuthorKind.SYSTEM:
            system_font = scaled(font, 0.9, italic=True)
            box = lay_out(shown(entry.text), system_font, max(1.0, width * 0.85))
            # Laid out again at its own (whole-pixel) width, so right-to-left lines align
            # inside the centered box rather than at the far right.
            box = lay_out(box.text, system_font, max(1.0, ceil(box.width)))
            at = QPointF(left + (width - box.width) / 2, top + margin_y + gap)
            height = ceil(box.height + 2 * (margin_y + gap))
            return BubbleGeometry(height, QRectF(), QRectF(), body=Placed(box, at))

        agent_side = entry.author is AuthorKind.AGENT
        mine = entry.delivery is not None
        max_bubble = max(min(width - 2 * margin_x, em * 6), width * 0.75)
        inner_max = max(1.0, max_bubble - 2 * pad_x)

        name_font = scaled(font, 0.9, bold=True)
        time_font = scaled(font, 0.85)
        quote_font = scaled(font, 0.9)
        small_font = scaled(font, 0.85)

        # Own messages carry no header: the time goes with the delivery state under the
        # bubble ("15:29 · seen"), as in chat apps; the name would only repeat the agent's.
        when = when_text(entry.ts, self._clock())
        time_box = lay_out(when, time_font, 10_000, wrap=False)
        name_text = "" if mine else shown(self._author(entry), one_line=True, max_chars=80)
        header_gap = em * 0.8
        wanted = 0.0 if mine else time_box.width
        if name_text:
            wanted += header_gap + lay_out(name_text, name_font, 10_000, wrap=False).width

        body_text, body_font = "", font
        if entry.withdrawn:
            body_text, body_font = (
                QCoreApplication.translate("MessageBubble", "(message withdrawn)"),
                scaled(font, 1.0, italic=True),
            )
        elif entry.file is None:
            body_text = shown(entry.text)
        if body_text:
            wanted = max(wanted, lay_out(body_text, body_font, inner_max, links=True).width)

        quote_text, quote_bold = "", 0
        bar = max(3.0, em * 0.2)
        if entry.quote is not None:
            who = shown(
                entry.quote.author_name or self._default_name(entry.quote.author),
                one_line=True,
                max_chars=40,
            )
            what = (
                QCoreApplication.translate("MessageBubble", "(withdrawn)")
                if entry.quote.withdrawn
                else shown(entry.quote.text, one_line=True, max_chars=120)
            )
            quote_text = f"{who}: {what}"
            quote_bold = len(who) + 1
            natural = lay_out(
                quote_text, quote_font, 10_000, wrap=False, bold_prefix=quote_bold
            ).width
            wanted = max(wanted, natural + bar + 2 * gap + pad_x * 0.5)

        chip_text = ""
        icon = em
        if entry.file is not None and not entry.withdrawn:
            name = shown(entry.file.name, one_line=True, max_chars=80)
            chip_text = f"{name} · {readable_size(entry.file.size)}"
            natural = lay_out(chip_text, font, 10_000, wrap=False).width
            wanted = max(wanted, natural + icon + 3 * gap + pad_x)
        image_size = QSizeF()
        if preview is not None and not preview.isNull() and chip_text:
            ratio = preview.devicePixelRatio() or 1.0
            image_size = QSizeF(preview.width() / ratio, preview.height() / ratio)
            wanted = max(wanted, image_size.width())

        # Whole pixels: the text is laid out again at this width, and a fraction less than
        # its natural width would wrap its widest line once more.
        inner = min(inner_max, max(ceil(wanted), em * 3))
        bubble_width = inner + 2 * pad_x
        bubble_left = left + width - margin_x - bubble_width if agent_side else left + margin_x
        x = bubble_left + pad_x
        y = top + margin_y + pad_y

        geometry = BubbleGeometry(0, QRectF(), QRectF(), mine=mine, agent_side=agent_side)
        if not mine:
            # The time is placed first, at the header's right edge, and the name gets what
            # is left, so nothing in a name (an override, a long string) can move the time.
            header_height = max(line_height(name_font), line_height(time_font))
            geometry.header = QRectF(x, y, inner, header_height)
            time_at = QPointF(x + inner - time_box.width, y + (header_height - time_box.height) / 2)
            geometry.time = Placed(time_box, time_at)
            if name_text:
                name_box = fit_line(name_text, name_font, inner - time_box.width - header_gap)
                name_at = QPointF(x, y + (header_height - name_box.height) / 2)
                geometry.name = Placed(name_box, name_at)
            y += header_height + gap

        if quote_text:
            quote_box = fit_line(
                quote_text, quote_font, inner - bar - 2 * gap, bold_prefix=quote_bold
            )
            box_height = quote_box.height + 2 * gap
            geometry.quote_box = QRectF(x, y, inner, box_height)
            geometry.quote = Placed(quote_box, QPointF(x + bar + gap * 1.5, y + gap))
            y += box_height + gap

        if body_text:
            box = lay_out(body_text, body_font, inner, links=True)
            geometry.body = Placed(box, QPointF(x, y))
            y += box.height

        if chip_text:
            chip_box = fit_line(chip_text, font, inner - icon - 3 * gap)
            chip_height = max(chip_box.height, icon) + 2 * gap
            chip_width = min(inner, chip_box.width + icon + 3 * gap)
            geometry.chip = QRectF(x, y, chip_width, chip_height)
            geometry.chip_text = Placed(
                chip_box, QPointF(x + icon + 2 * gap, y + (chip_height - chip_box.height) / 2)
            )
            y += chip_height
            if not image_size.isEmpty():
                scale = min(1.0, inner / image_size.width())
                shown_size = QSizeF(image_size.width() * scale, image_size.height() * scale)
                geometry.image = QRectF(QPointF(x, y + gap), shown_size)
                y += gap + shown_size.height()

        y += pad_y
        geometry.bubble = QRectF(bubble_left, top + margin_y, bubble_width, y - top - margin_y)

        if mine:
            state = self._delivery_text(entry)
            template = QCoreApplication.translate("MessageBubble", "%1 · %2")
            status = template.replace("%2", state).replace("%1", when) if state else when
            box = fit_line(status, small_font, max_bubble)
            at_x = bubble_left + bubble_width - box.width
            geometry.delivery = Placed(box, QPointF(at_x, y + gap * 0.5))
            y += gap * 0.5 + box.height
        geometry.height = ceil(y + margin_y - top)
        return geometry

    @staticmethod
    def _default_name(author: AuthorKind) -> str:
        if author is AuthorKind.VISITOR:
            return QCoreApplication.translate("MessageBubble", "Visitor")
        if author is AuthorKind.AGENT:
            return QCoreApplication.translate("MessageBubble", "Agent")
        return "Parley"

    def _author(self, entry: Entry) -> str:
        return entry.author_name or self._default_name(entry.author)

    @staticmethod
    def _delivery_text(entry: Entry) -> str:
        if entry.withdrawn or entry.delivery is None:
            return ""
        if entry.delivery is Delivery.SENDING:
            return QCoreApplication.translate("MessageBubble", "sending…")
        if entry.delivery is Delivery.FAILED:
            return QCoreApplication.translate("MessageBubble", "not sent: double-click to retry")
        return (
            QCoreApplication.translate("MessageBubble", "seen")
            if entry.seen
            else QCoreApplication.translate("MessageBubble", "sent")
        )

    def _geometry_for(self, option: QStyleOptionViewItem, index: Index) -> BubbleGeometry | None:
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, Entry):
            return None
        preview = index.data(Qt.ItemDataRole.DecorationRole)
        rect = QRectF(option.rect.x(), option.rect.y(), available_width(option), 0)
        return self.geometry(
            entry, preview if isinstance(preview, QPixmap) else None, rect, option.font
        )

    # ------------------------------------------------------------ the delegate

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
        self._paint(painter, option, entry, geometry, index.data(Qt.ItemDataRole.DecorationRole))
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

    def _paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        entry: Entry,
        geometry: BubbleGeometry,
        preview: object,
    ) -> None:
        palette = option.palette
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        alert = alert_colour(palette)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)

        if entry.author is AuthorKind.SYSTEM:
            if geometry.body is not None:
                geometry.body.draw(painter, muted_colour(palette))
            return

        accent = geometry.agent_side and not entry.withdrawn
        if accent:
            fill, ink = ACCENT, ON_ACCENT
            soft = mix(ON_ACCENT, ACCENT, 0.22)
        else:
            fill = mix(base, text, 0.14 if is_dark(palette) else 0.07)
            ink = text
            soft = muted_colour(palette, fill)
        tail = "bottom-right" if geometry.agent_side else "bottom-left"
        path = rounded_path(
            geometry.bubble, QFontMetricsF(option.font).height() * 0.9, small_corner=tail
        )

        if selected:
            # Outside the bubble, in the palette's highlight: visible on the accent too.
            outline = rounded_path(
                geometry.bubble.adjusted(-3, -3, 3, 3),
                QFontMetricsF(option.font).height() * 0.9 + 3,
                small_corner=tail,
            )
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(outline)

        if entry.delivery is Delivery.SENDING:
            painter.setOpacity(0.72)  # not stored yet: a little faded until the relay has it
        if entry.withdrawn:
            painter.setPen(QPen(muted_colour(palette), 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        elif entry.delivery is Delivery.FAILED:
            painter.setPen(QPen(alert, 2))
            painter.setBrush(fill)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
        painter.drawPath(path)

        if geometry.name is not None:
            name_colour = ink if accent else accent_text_colour(palette)
            geometry.name.draw(painter, name_colour)
        if geometry.time is not None:
            geometry.time.draw(painter, soft)

        if geometry.quote_box is not None and geometry.quote is not None:
            box = geometry.quote_box
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(mix(fill, ink, 0.12))
            painter.drawRoundedRect(box, 4, 4)
            painter.setBrush(ink if accent else ACCENT)
            bar = QRectF(box.x(), box.y(), max(3.0, box.height() * 0.1), box.height())
            painter.drawRoundedRect(bar, 1.5, 1.5)
            geometry.quote.draw(painter, mix(ink, fill, 0.18))

        if geometry.body is not None:
            geometry.body.draw(painter, muted_colour(palette) if entry.withdrawn else ink)

        if geometry.chip is not None and geometry.chip_text is not None:
            chip = geometry.chip
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(mix(fill, ink, 0.12))
            painter.drawRoundedRect(chip, 6, 6)
            self._paint_file_icon(painter, chip, ink)
            geometry.chip_text.draw(painter, ink)
        if geometry.image is not None and isinstance(preview, QPixmap):
            clip = QPainterPath()
            clip.addRoundedRect(geometry.image, 6, 6)
            painter.save()
            painter.setClipPath(clip, Qt.ClipOperation.IntersectClip)
            painter.drawPixmap(geometry.image.toRect(), preview)
            painter.restore()

        painter.setOpacity(1.0)
        if geometry.delivery is not None:
            failed = entry.delivery is Delivery.FAILED
            geometry.delivery.draw(painter, alert if failed else muted_colour(palette))

    @staticmethod
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
