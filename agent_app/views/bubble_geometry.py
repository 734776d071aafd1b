"""Where every part of a chat bubble goes (BubbleGeometry, from `bubble_geometry`), and the
words a bubble adds to the message: an author's default name, the delivery state."""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSizeF
from PySide6.QtGui import QFont, QFontMetricsF, QPixmap

from agent_app.i18n import fill
from agent_app.models.messages import Delivery, Entry, readable_size
from agent_app.text import shown
from agent_app.views.dates import when_text
from agent_app.views.text_layout import Placed, TextBox, fit_line, lay_out, line_height, scaled
from shared_protocol.frames import AuthorKind


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


@dataclass(frozen=True)
class Measures:
    """A bubble's distances and fonts, all from the view's font (`em`: its line height)."""

    font: QFont
    em: float
    margin_x: int
    margin_y: int
    pad_x: int
    pad_y: int
    gap: int
    name_font: QFont
    time_font: QFont
    quote_font: QFont
    small_font: QFont

    @classmethod
    def of(cls, font: QFont) -> Measures:
        em = QFontMetricsF(font).height()
        return cls(
            font=font,
            em=em,
            margin_x=round(em * 0.7),
            margin_y=round(em * 0.25),
            pad_x=round(em * 0.75),
            pad_y=round(em * 0.45),
            gap=round(em * 0.25),
            name_font=scaled(font, 0.9, bold=True),
            time_font=scaled(font, 0.85),
            quote_font=scaled(font, 0.9),
            small_font=scaled(font, 0.85),
        )

    @property
    def bar(self) -> float:
        """The width of the quote's bar."""
        return max(3.0, self.em * 0.2)

    @property
    def icon(self) -> float:
        """The size of the file chip's icon."""
        return self.em

    @property
    def header_gap(self) -> float:
        """The least room between the author's name and the time."""
        return self.em * 0.8


@dataclass(frozen=True)
class BubbleTexts:
    """What one message shows, as the texts painted; an empty text is a part not shown."""

    mine: bool  # the agent's own message: no header, the delivery state under the bubble
    agent_side: bool
    when: str
    name: str
    body: str
    body_font: QFont
    quote: str
    quote_bold: int  # the quote's first characters, its author's name, are bold
    chip: str
    image: QSizeF | None  # the file's preview, under its chip


def bubble_geometry(
    entry: Entry, preview: QPixmap | None, rect: QRectF, font: QFont, now: float
) -> BubbleGeometry:
    """The layout of `entry` in a row whose top-left is `rect`'s and whose usable width
    is `rect`'s width, its parts placed top to bottom; `now` says how its time reads."""
    m = Measures.of(font)
    if entry.author is AuthorKind.SYSTEM:
        return _system_line(entry, rect, m)
    texts = bubble_texts(entry, preview, font, now)
    left, top, width = rect.x(), rect.y(), rect.width()
    max_bubble = max(min(width - 2 * m.margin_x, m.em * 6), width * 0.75)
    inner_max = max(1.0, max_bubble - 2 * m.pad_x)
    time_box = lay_out(texts.when, m.time_font, 10_000, wrap=False)
    wanted = _wanted_width(texts, time_box, m, inner_max)
    # Whole pixels: the text is laid out again at this width, and a fraction less than
    # its natural width would wrap its widest line once more.
    inner = min(inner_max, max(ceil(wanted), m.em * 3))
    bubble_width = inner + 2 * m.pad_x
    if texts.agent_side:
        bubble_left = left + width - m.margin_x - bubble_width
    else:
        bubble_left = left + m.margin_x
    x = bubble_left + m.pad_x
    y = top + m.margin_y + m.pad_y

    geometry = BubbleGeometry(0, QRectF(), QRectF(), mine=texts.mine, agent_side=texts.agent_side)
    if not texts.mine:
        y = _place_header(geometry, texts.name, time_box, m, x, y, inner)
    if texts.quote:
        y = _place_quote(geometry, texts, m, x, y, inner)
    if texts.body:
        box = lay_out(texts.body, texts.body_font, inner, links=True)
        geometry.body = Placed(box, QPointF(x, y))
        y += box.height
    if texts.chip:
        y = _place_file(geometry, texts, m, x, y, inner)
    y += m.pad_y
    geometry.bubble = QRectF(bubble_left, top + m.margin_y, bubble_width, y - top - m.margin_y)
    if texts.mine:
        y = _place_delivery(geometry, entry, texts.when, m, y, max_bubble)
    geometry.height = ceil(y + m.margin_y - top)
    return geometry


def bubble_texts(entry: Entry, preview: QPixmap | None, font: QFont, now: float) -> BubbleTexts:
    """The texts of a message's bubble, untrusted parts passed through `shown`."""
    # Own messages carry no header: the time goes with the delivery state under the
    # bubble ("15:29 · seen"), as in chat apps; the name would only repeat the agent's.
    mine = entry.delivery is not None
    body, body_font = "", font
    if entry.withdrawn:
        body, body_font = (
            QCoreApplication.translate("MessageBubble", "(message withdrawn)"),
            scaled(font, 1.0, italic=True),
        )
    elif entry.file is None:
        body = shown(entry.text)
    quote, quote_bold = _quote_text(entry)
    chip = _chip_text(entry)
    image = None
    if preview is not None and not preview.isNull() and chip:
        ratio = preview.devicePixelRatio() or 1.0
        image = QSizeF(preview.width() / ratio, preview.height() / ratio)
    return BubbleTexts(
        mine=mine,
        agent_side=entry.author is AuthorKind.AGENT,
        when=when_text(entry.ts, now),
        name=_name_text(entry, mine),
        body=body,
        body_font=body_font,
        quote=quote,
        quote_bold=quote_bold,
        chip=chip,
        image=image,
    )


def _name_text(entry: Entry, mine: bool) -> str:
    """The header: the author's name (none on one's own messages); a note says it is one,
    so that nobody takes it for something the visitor read."""
    name = "" if mine else shown(author_name(entry), one_line=True, max_chars=80)
    if not entry.internal:
        return name
    if entry.whisper:  # a supervisor's: the agent must not take it for the visitor's
        if mine:
            return QCoreApplication.translate(
                "MessageBubble", "Whisper to the agents: the visitor does not see it"
            )
        return fill(QCoreApplication.translate("MessageBubble", "%1 · whisper"), name)
    if mine:
        return QCoreApplication.translate(
            "MessageBubble", "Internal note: the visitor does not see it"
        )
    return fill(QCoreApplication.translate("MessageBubble", "%1 · internal note"), name)


def _quote_text(entry: Entry) -> tuple[str, int]:
    """The quote as "author: text" on one line, and how many characters are the author's."""
    if entry.quote is None:
        return "", 0
    who = shown(
        entry.quote.author_name or default_name(entry.quote.author), one_line=True, max_chars=40
    )
    what = (
        QCoreApplication.translate("MessageBubble", "(withdrawn)")
        if entry.quote.withdrawn
        else shown(entry.quote.text, one_line=True, max_chars=120)
    )
    return f"{who}: {what}", len(who) + 1


def _chip_text(entry: Entry) -> str:
    """A file's name and size, or nothing for a message without (or no longer with) one."""
    if entry.file is None or entry.withdrawn:
        return ""
    name = shown(entry.file.name, one_line=True, max_chars=80)
    return f"{name} · {readable_size(entry.file.size)}"


def _wanted_width(texts: BubbleTexts, time_box: TextBox, m: Measures, inner_max: float) -> float:
    """The inner width the bubble's widest part asks for."""
    wanted = 0.0 if texts.mine else time_box.width
    if texts.name:
        wanted += m.header_gap + lay_out(texts.name, m.name_font, 10_000, wrap=False).width
    if texts.body:
        wanted = max(wanted, lay_out(texts.body, texts.body_font, inner_max, links=True).width)
    if texts.quote:
        natural = lay_out(
            texts.quote, m.quote_font, 10_000, wrap=False, bold_prefix=texts.quote_bold
        ).width
        wanted = max(wanted, natural + m.bar + 2 * m.gap + m.pad_x * 0.5)
    if texts.chip:
        natural = lay_out(texts.chip, m.font, 10_000, wrap=False).width
        wanted = max(wanted, natural + m.icon + 3 * m.gap + m.pad_x)
    if texts.image is not None:
        wanted = max(wanted, texts.image.width())
    return wanted


def _system_line(entry: Entry, rect: QRectF, m: Measures) -> BubbleGeometry:
    """A line of the relay's ("… started a chat"), centred, without a bubble."""
    left, top, width = rect.x(), rect.y(), rect.width()
    system_font = scaled(m.font, 0.9, italic=True)
    box = lay_out(shown(entry.text), system_font, max(1.0, width * 0.85))
    # Laid out again at its own (whole-pixel) width, so right-to-left lines align
    # inside the centered box rather than at the far right.
    box = lay_out(box.text, system_font, max(1.0, ceil(box.width)))
    at = QPointF(left + (width - box.width) / 2, top + m.margin_y + m.gap)
    height = ceil(box.height + 2 * (m.margin_y + m.gap))
    return BubbleGeometry(height, QRectF(), QRectF(), body=Placed(box, at))


def _place_header(
    geometry: BubbleGeometry,
    name_text: str,
    time_box: TextBox,
    m: Measures,
    x: float,
    y: float,
    inner: float,
) -> float:
    """The author's name and the time on one line at `y`; returns the y under it."""
    # The time is placed first, at the header's right edge, and the name gets what
    # is left, so nothing in a name (an override, a long string) can move the time.
    header_height = max(line_height(m.name_font), line_height(m.time_font))
    geometry.header = QRectF(x, y, inner, header_height)
    time_at = QPointF(x + inner - time_box.width, y + (header_height - time_box.height) / 2)
    geometry.time = Placed(time_box, time_at)
    if name_text:
        name_box = fit_line(name_text, m.name_font, inner - time_box.width - m.header_gap)
        name_at = QPointF(x, y + (header_height - name_box.height) / 2)
        geometry.name = Placed(name_box, name_at)
    y += header_height + m.gap
    return y


def _place_quote(
    geometry: BubbleGeometry, texts: BubbleTexts, m: Measures, x: float, y: float, inner: float
) -> float:
    """The quoted message in its box at `y`; returns the y under it."""
    quote_box = fit_line(
        texts.quote, m.quote_font, inner - m.bar - 2 * m.gap, bold_prefix=texts.quote_bold
    )
    box_height = quote_box.height + 2 * m.gap
    geometry.quote_box = QRectF(x, y, inner, box_height)
    geometry.quote = Placed(quote_box, QPointF(x + m.bar + m.gap * 1.5, y + m.gap))
    y += box_height + m.gap
    return y


def _place_file(
    geometry: BubbleGeometry, texts: BubbleTexts, m: Measures, x: float, y: float, inner: float
) -> float:
    """The file's chip at `y` and its preview under it; returns the y under them."""
    chip_box = fit_line(texts.chip, m.font, inner - m.icon - 3 * m.gap)
    chip_height = max(chip_box.height, m.icon) + 2 * m.gap
    chip_width = min(inner, chip_box.width + m.icon + 3 * m.gap)
    geometry.chip = QRectF(x, y, chip_width, chip_height)
    geometry.chip_text = Placed(
        chip_box, QPointF(x + m.icon + 2 * m.gap, y + (chip_height - chip_box.height) / 2)
    )
    y += chip_height
    image_size = texts.image
    if image_size is not None and not image_size.isEmpty():
        scale = min(1.0, inner / image_size.width())
        shown_size = QSizeF(image_size.width() * scale, image_size.height() * scale)
        geometry.image = QRectF(QPointF(x, y + m.gap), shown_size)
        y += m.gap + shown_size.height()
    return y


def _place_delivery(
    geometry: BubbleGeometry, entry: Entry, when: str, m: Measures, y: float, max_bubble: float
) -> float:
    """The time and delivery state of an own message ("15:29 · seen") under its bubble,
    at its right edge; returns the y under them."""
    state = delivery_text(entry)
    template = QCoreApplication.translate("MessageBubble", "%1 · %2")
    status = template.replace("%2", state).replace("%1", when) if state else when
    box = fit_line(status, m.small_font, max_bubble)
    at_x = geometry.bubble.x() + geometry.bubble.width() - box.width
    geometry.delivery = Placed(box, QPointF(at_x, y + m.gap * 0.5))
    y += m.gap * 0.5 + box.height
    return y


def default_name(author: AuthorKind) -> str:
    """What a message's author is called when they gave no name."""
    if author is AuthorKind.VISITOR:
        return QCoreApplication.translate("MessageBubble", "Visitor")
    if author is AuthorKind.AGENT:
        return QCoreApplication.translate("MessageBubble", "Agent")
    return "Parley"


def author_name(entry: Entry) -> str:
    return entry.author_name or default_name(entry.author)


def delivery_text(entry: Entry) -> str:
    """Where an own message is: sending, not sent, sent or seen ("" for others')."""
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
