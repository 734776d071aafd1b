"""Text laid out for painting: fonts scaled from the view's, QTextLayout boxes (wrapped or
cut to one line) with their real heights, and a box placed where it is painted.

Heights come from QTextLayout over the exact text that is painted, at the exact width it is
painted with: the line heights include fallback fonts (a CJK name or an emoji is taller than
the Latin default font), which the view's default delegate did not account for.
"""

from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTextLayout, QTextOption

from agent_app.text import ELLIPSIS, PDI


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
    layout.setTextOption(_text_option(wrap=wrap, rtl=rtl))
    formats = _formats(text, bold_prefix=bold_prefix, links=links)
    if formats:
        layout.setFormats(formats)
    layout.setCacheEnabled(True)
    natural, height, lines = _break_lines(layout, width)
    box = TextBox(text, layout, min(natural, max(1.0, width)), height, lines)
    _LAYOUTS[key] = box
    if len(_LAYOUTS) > _LAYOUT_CACHE_SIZE:
        _LAYOUTS.popitem(last=False)
    return box


def _text_option(*, wrap: bool, rtl: bool) -> QTextOption:
    """How the lines wrap, which way they run, and on which side they sit."""
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
    return option


def _formats(text: str, *, bold_prefix: int, links: bool) -> list[QTextLayout.FormatRange]:
    """The bold prefix and the underlined web links, as QTextLayout's format ranges."""
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
    return formats


def _break_lines(layout: QTextLayout, width: float) -> tuple[float, float, int]:
    """Breaks the layout's text into lines of `width`, one under the other: the widest
    line's natural width, the lines' total height, and how many there are."""
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
    return natural, y, count


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
