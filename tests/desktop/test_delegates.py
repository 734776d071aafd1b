"""The chat bubbles and conversation cards, painted in real list views (offscreen): row
heights that hold every line, wrapping, isolation of visitors' names, timers, colours."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTranslator
from PySide6.QtGui import (
    QColor,
    QImage,
    QLinearGradient,
    QPainter,
    QPalette,
    QPixmap,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QListView, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from agent_app.models.conversations import (
    ROW_ROLE,
    ConversationFilter,
    ConversationRow,
    ConversationsModel,
)
from agent_app.models.messages import ENTRY_ROLE, Delivery, Entry, MessagesModel
from agent_app.text import FSI, PDI
from agent_app.views.bubble_geometry import BubbleGeometry
from agent_app.views.bubbles import MessageBubbleDelegate
from agent_app.views.card_geometry import CardGeometry
from agent_app.views.card_words import initials
from agent_app.views.cards import ConversationCardDelegate
from agent_app.views.chat_pane import ChatPane
from agent_app.views.colours import ACCENT, AVATAR_COLOURS, NOTE_LIGHT
from shared_protocol import frames
from shared_protocol.frames import AuthorKind, ConversationStatus

NOW = time.mktime((2025, 3, 14, 15, 30, 0, 0, 0, -1))
CHINESE = (
    "你好，我的订单付款失败了，能帮我看一下吗？订单号是 2024031400178。"
    "我已经试了三次，每次都显示银行拒绝交易，但是我的卡里有足够的余额。"
)


# ------------------------------------------------------------------ building blocks


def chat(
    seq: int,
    author: AuthorKind,
    text: str,
    name: str = "",
    *,
    author_id: int = 1,
    ts: float = NOW - 600,
    **extra: object,
) -> frames.ChatMessage:
    return frames.ChatMessage(
        conversation=1,
        seq=seq,
        id=f"m{seq}",
        author=author,
        author_id=author_id,
        text=text,
        ts=ts + seq * 30,
        author_name=name,
        **extra,  # type: ignore[arg-type]
    )


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.Base, "#1b1b1d"),
        (QPalette.ColorRole.AlternateBase, "#26262a"),
        (QPalette.ColorRole.Text, "#e8e8e8"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
        (QPalette.ColorRole.Highlight, "#3b82f6"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def picture() -> QPixmap:
    """A stand-in for a visitor's screenshot: a dialog with a red error dot."""
    pixmap = QPixmap(240, 150)
    painter = QPainter(pixmap)
    gradient = QLinearGradient(0, 0, 240, 150)
    gradient.setColorAt(0, QColor("#93c5fd"))
    gradient.setColorAt(1, QColor("#1e3a8a"))
    painter.fillRect(pixmap.rect(), gradient)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    painter.drawRoundedRect(QRectF(30, 30, 180, 90), 8, 8)
    painter.setBrush(QColor("#ef4444"))
    painter.drawEllipse(45, 50, 20, 20)
    painter.setBrush(QColor("#d1d5db"))
    for y, width in ((52, 120), (64, 90), (90, 150)):
        painter.drawRect(75 if y < 90 else 45, y, width, 6)
    painter.end()
    return pixmap


def transcript_view(
    qtbot: QtBot,
    model: MessagesModel,
    *,
    width: int = 430,
    height: int = 900,
    palette: QPalette | None = None,
) -> tuple[QListView, MessageBubbleDelegate]:
    """The transcript as ChatPane sets it up, with the bubble delegate installed."""
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setWordWrap(True)
    view.setSpacing(4)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if palette is not None:
        view.setPalette(palette)
    delegate = MessageBubbleDelegate(view, clock=lambda: NOW)
    view.setItemDelegate(delegate)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    settle(view)
    return view, delegate


def settle(view: QListView) -> None:
    view.doItemsLayout()
    for _ in range(3):
        QCoreApplication.processEvents()


def bubble_at(view: QListView, delegate: MessageBubbleDelegate, row: int) -> BubbleGeometry:
    """The delegate's layout of a row, where the view put that row."""
    index = view.model().index(row, 0)
    rect = view.visualRect(index)
    entry = index.data(ENTRY_ROLE)
    assert isinstance(entry, Entry)
    preview = index.data(Qt.ItemDataRole.DecorationRole)
    width = view.viewport().width() - 2 * view.spacing()
    return delegate.geometry(
        entry,
        preview if isinstance(preview, QPixmap) else None,
        QRectF(rect.x(), rect.y(), width, 0),
        view.font(),
    )


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def pixels(image: QImage, area: QRectF) -> list[QColor]:
    rect = area.toAlignedRect().intersected(image.rect())
    return [
        image.pixelColor(x, y)
        for y in range(rect.top(), rect.bottom() + 1)
        for x in range(rect.left(), rect.right() + 1)
    ]


def most_common(colours: list[QColor]) -> QColor:
    counts: dict[int, int] = {}
    for colour in colours:
        counts[colour.rgb()] = counts.get(colour.rgb(), 0) + 1
    return QColor.fromRgb(max(counts, key=lambda rgb: counts[rgb]))


def ink_contrast(image: QImage, area: QRectF) -> float:
    """The contrast between the text drawn in `area` and its background: the background
    is the most common colour, the ink the pixel that differs from it the most."""
    found = pixels(image, area)
    background = most_common(found)
    return max(contrast(colour, background) for colour in found)


def inked(image: QImage, area: QRectF, background: QColor) -> int:
    """How many pixels in `area` are clearly not the background (text was drawn)."""
    return sum(1 for colour in pixels(image, area) if contrast(colour, background) > 2.0)


def cjk_conversation() -> MessagesModel:
    """李华 asks, an agent answers quoting her, and the chat goes on in both languages."""
    model = MessagesModel(my_agent_id=7)
    quote = frames.Quote(seq=1, author=AuthorKind.VISITOR, author_name="李华", text=CHINESE)
    model.show(
        [
            chat(1, AuthorKind.VISITOR, CHINESE, "李华"),
            chat(
                2,
                AuthorKind.AGENT,
                "Hi 李华! Sorry about that. The bank declined the card, so please try "
                "another card or pay by Alipay; the order stays reserved for 24 hours.",
                "Tom",
                author_id=7,
                reply_to=quote,
            ),
            chat(3, AuthorKind.VISITOR, "好的，我换一张卡试试。谢谢！🙏", "李华"),
            chat(4, AuthorKind.VISITOR, CHINESE[:30] + "\n" + CHINESE[30:], "李华"),
            chat(5, AuthorKind.AGENT, "Great, it went through 👍", "Maria Lopez", author_id=3),
        ],
        [],
    )
    return model


def realistic_transcript() -> MessagesModel:
    """Everything a transcript shows: a system line, Chinese and English names, a quote,
    a file with its preview, a withdrawn message, and sending/sent/seen/failed."""
    model = MessagesModel(my_agent_id=7)
    screenshot = frames.Attachment(id="f1", name="支付失败截图.png", size=248_000, type="image/png")
    model.show(
        [
            chat(1, AuthorKind.SYSTEM, "李华 started a chat from /pricing"),
            chat(2, AuthorKind.VISITOR, CHINESE[:36], "李华"),
            chat(
                3,
                AuthorKind.AGENT,
                "Hi 李华! Sorry about that. Could you send me a screenshot of the error?",
                "Maria Lopez",
                author_id=3,
            ),
            chat(4, AuthorKind.VISITOR, "支付失败截图.png", "李华", file=screenshot),
            chat(
                5,
                AuthorKind.AGENT,
                "Thanks, I can see it: the card was declined by the bank. 🙏",
                "Tom",
                author_id=7,
                reply_to=frames.Quote(
                    seq=4, author=AuthorKind.VISITOR, author_name="李华", text="支付失败截图.png"
                ),
            ),
            chat(6, AuthorKind.VISITOR, "", "李华", withdrawn=True),
            chat(
                7,
                AuthorKind.VISITOR,
                "好的，我换一张卡试试。See https://shop.example.com/checkout/orders/"
                "2024031400178/payment?retry=true&method=card&session=abcdefghijklmnopqrstuvwxyz",
                "李华",
                reply_to=frames.Quote(
                    seq=5,
                    author=AuthorKind.AGENT,
                    author_name="Tom",
                    text="Thanks, I can see it: the card was declined by the bank.",
                ),
            ),
        ],
        [
            own("p1", "Great, let me know if it works.", Delivery.SENT, NOW - 30, seen=True),
            own("p2", "Here is our payment help page.", Delivery.SENT, NOW - 20),
            own("p3", "Still there?", Delivery.SENDING, NOW - 10),
            own("p4", "I'll stay online for 10 more minutes.", Delivery.FAILED, NOW),
        ],
    )
    model.set_preview("f1", picture())
    return model


def own(message_id: str, text: str, delivery: Delivery, ts: float, *, seen: bool = False) -> Entry:
    return Entry(
        id=message_id,
        author=AuthorKind.AGENT,
        author_name="Tom",
        text=text,
        ts=ts,
        seq=None,
        delivery=delivery,
        seen=seen,
    )


# ------------------------------------------------------------------ bubbles


def test_cjk_visitor_quoted_reply_and_following_messages_get_rows_holding_every_line(
    qtbot: QtBot,
) -> None:
    model = cjk_conversation()
    view, delegate = transcript_view(qtbot, model, height=1200)
    image = view.viewport().grab().toImage()
    for row in range(model.rowCount()):
        geometry = bubble_at(view, delegate, row)
        rect = QRectF(view.visualRect(model.index(row, 0)))
        # The view gave the row the height the delegate asked for, and it holds the bubble.
        assert rect.height() == geometry.height
        assert rect.contains(geometry.bubble)
        body = geometry.body
        assert body is not None
        assert geometry.bubble.contains(body.rect())
        # The wrapped height is that of the real text: Qt's document layout, an
        # independent path, wraps the same text into as many lines.
        lines = body.box.lines
        assert lines >= (2 if row in (0, 1, 3) else 1)
        assert body.box.height >= lines * view.fontMetrics().height()
        # The last line is painted inside the row: the band just above its baseline,
        # where every Latin and CJK glyph has ink, is not blank.
        last_line = body.box.layout.lineAt(lines - 1)
        baseline = body.at.y() + last_line.y() + last_line.ascent()
        area = QRectF(
            body.at.x(),
            baseline - last_line.ascent() * 0.45,
            body.box.width,
            last_line.ascent() * 0.45,
        )
        assert rect.contains(area)
        fill = most_common(pixels(image, geometry.bubble.adjusted(2, 2, -2, -2)))
        assert inked(image, area, fill) > 10, f"row {row}: its last line is blank"
        # …and the bubble goes on below it: its bottom padding is painted, not cut off.
        bubble = geometry.bubble
        padding = QRectF(bubble.left() + 14, bubble.bottom() - 2.5, bubble.width() - 28, 1)
        assert all(colour == fill for colour in pixels(image, padding)), f"row {row} is cut"
    quoted = bubble_at(view, delegate, 1)
    assert quoted.quote is not None and quoted.quote_box is not None
    assert quoted.quote.text.startswith(f"{FSI}李华{PDI}: ")
    assert inked(image, quoted.quote.rect(), ACCENT) > 10


def test_wrapped_height_matches_an_independent_text_layout(qtbot: QtBot) -> None:
    model = cjk_conversation()
    view, delegate = transcript_view(qtbot, model)
    for row in range(model.rowCount()):
        body = bubble_at(view, delegate, row).body
        assert body is not None
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(view.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        document.setPlainText(body.text)
        document.setTextWidth(body.box.layout.lineAt(0).width())
        height = document.size().height()  # lays the document out
        line_count = sum(
            document.findBlockByNumber(n).layout().lineCount() for n in range(document.blockCount())
        )
        assert line_count == body.box.lines
        assert height == pytest.approx(body.box.height, abs=0.5)


def test_ten_thousand_character_message_wraps_within_the_view(qtbot: QtBot) -> None:
    words = ("Lorem ipsum dolor sit amet, 你好世界 😀 " * 300)[:7000]
    unbroken = "https://example.com/" + "a1b2c3" * 500  # no place to break but anywhere
    text = (words + unbroken)[:10_000]
    model = MessagesModel()
    model.show([chat(1, AuthorKind.VISITOR, text, "Long"), chat(2, AuthorKind.VISITOR, "ok")], [])
    view, delegate = transcript_view(qtbot, model)
    index = model.index(0, 0)
    option = QStyleOptionViewItem()
    option.widget = view
    option.font = view.font()
    hint = delegate.sizeHint(option, index)
    geometry = bubble_at(view, delegate, 0)
    viewport = view.viewport().width()
    rect = view.visualRect(index)
    assert hint.width() <= viewport and hint.height() == geometry.height
    assert rect.width() <= viewport
    assert geometry.bubble.right() <= viewport
    assert geometry.bubble.width() <= viewport * 0.75 + 1
    body = geometry.body
    assert body is not None
    for number in range(body.box.lines):
        line = body.box.layout.lineAt(number)
        assert line.naturalTextWidth() <= line.width() + 0.5
    assert body.box.lines > 150  # 10,000 characters at ~300 px are many lines
    assert rect.height() == geometry.height > body.box.height
    # The next message starts below this one's last line.
    assert view.visualRect(model.index(1, 0)).top() > geometry.bubble.bottom()


def test_long_unbroken_url_breaks_anywhere_instead_of_overflowing(qtbot: QtBot) -> None:
    url = "https://shop.example.com/checkout?session=" + "x9" * 200
    model = MessagesModel()
    model.show([chat(1, AuthorKind.VISITOR, url, "Emma")], [])
    view, delegate = transcript_view(qtbot, model)
    body = bubble_at(view, delegate, 0).body
    assert body is not None
    assert body.box.lines >= 4
    assert body.rect().right() <= view.viewport().width()


def test_right_to_left_override_in_a_name_does_not_move_the_time(qtbot: QtBot) -> None:
    model = MessagesModel()
    model.show(
        [
            chat(1, AuthorKind.VISITOR, "Hello", "Alice", ts=NOW),
            chat(2, AuthorKind.VISITOR, "Hello", "\u202eAlice and a long tail here", ts=NOW - 30),
        ],
        [],
    )
    view, delegate = transcript_view(qtbot, model)
    image = view.viewport().grab().toImage()
    plain, evil = bubble_at(view, delegate, 0), bubble_at(view, delegate, 1)
    for geometry in (plain, evil):
        assert geometry.time is not None and geometry.name is not None
        assert geometry.time.text == "15:30"
        assert geometry.time.rect().right() == pytest.approx(geometry.header.right())
        assert geometry.name.rect().right() < geometry.time.rect().left()
        assert geometry.name.text.startswith(FSI) and geometry.name.text.endswith(PDI)
    # Pixel for pixel, the time looks the same in both headers: the override reversed at
    # most the name, never the time.
    assert plain.time is not None and evil.time is not None
    same = plain.time.rect().toAlignedRect()
    moved = evil.time.rect().toAlignedRect()
    assert image.copy(same) == image.copy(moved)
    fill = most_common(pixels(image, plain.bubble.adjusted(2, 2, -2, -2)))
    assert inked(image, plain.time.rect(), fill) > 5


def test_right_to_left_text_is_laid_out_right_to_left(qtbot: QtBot) -> None:
    arabic = "مرحبا، لدي مشكلة في الدفع. " * 6
    model = MessagesModel()
    model.show([chat(1, AuthorKind.VISITOR, arabic, "سارة")], [])
    view, delegate = transcript_view(qtbot, model)
    body = bubble_at(view, delegate, 0).body
    assert body is not None and body.box.lines >= 2
    layout = body.box.layout
    assert layout.textOption().textDirection() is Qt.LayoutDirection.RightToLeft
    # A short last line sits at the right, as Arabic is read.
    last = layout.lineAt(body.box.lines - 1).naturalTextRect()
    assert last.right() == pytest.approx(body.box.layout.lineAt(0).width(), abs=1.5)


def test_own_messages_say_sending_sent_seen_and_failed_in_red(qtbot: QtBot) -> None:
    model = realistic_transcript()
    view, delegate = transcript_view(qtbot, model, height=1200)
    image = view.viewport().grab().toImage()
    rows = {entry.id: row for row, entry in enumerate(model.entries)}
    states = {
        key: bubble_at(view, delegate, rows[key]).delivery for key in ("p1", "p2", "p3", "p4")
    }
    texts = {key: placed.text if placed else "" for key, placed in states.items()}
    assert texts == {
        "p1": "15:29 · seen",
        "p2": "15:29 · sent",
        "p3": "15:29 · sending…",
        "p4": "15:30 · not sent: double-click to retry",
    }
    for key in ("p1", "p2", "p3", "p4"):  # short replies stay one line after re-layout
        body = bubble_at(view, delegate, rows[key]).body
        assert body is not None and body.box.lines == 1, key
    failed = states["p4"]
    assert failed is not None
    reds = [c for c in pixels(image, failed.rect()) if c.red() > c.green() + 80]
    assert len(reds) > 10
    # Own and colleagues' messages on the right in the accent; the visitor's on the left.
    colleague = bubble_at(view, delegate, rows["m3"])
    visitor = bubble_at(view, delegate, rows["m2"])
    assert colleague.name is not None and "Maria Lopez" in colleague.name.text
    assert colleague.bubble.right() > view.viewport().width() * 0.9
    assert visitor.bubble.left() < view.viewport().width() * 0.1
    centre = colleague.bubble.center().toPoint()
    assert image.pixelColor(centre.x(), int(colleague.bubble.bottom()) - 3) == ACCENT
    withdrawn = bubble_at(view, delegate, rows["m6"])
    assert withdrawn.body is not None
    assert withdrawn.body.text == "(message withdrawn)"
    assert withdrawn.body.box.layout.font().italic()
    file_row = bubble_at(view, delegate, rows["m4"])
    assert file_row.chip_text is not None and file_row.image is not None
    assert file_row.chip_text.text == f"{FSI}支付失败截图.png{PDI} · 242.2 KB"
    assert file_row.image.top() >= file_row.chip_text.rect().bottom()
    assert file_row.bubble.contains(file_row.image)


def test_a_selected_message_is_outlined(qtbot: QtBot) -> None:
    model = cjk_conversation()
    view, delegate = transcript_view(qtbot, model)
    highlight = view.palette().color(QPalette.ColorRole.Highlight)

    def outlined(row: int) -> int:
        image = view.viewport().grab().toImage()
        bubble = bubble_at(view, delegate, row).bubble
        ring = QRectF(bubble.left() + 20, bubble.top() - 4, bubble.width() - 40, 3)
        return sum(1 for c in pixels(image, ring) if contrast(c, highlight) < 1.5)

    assert outlined(2) == 0
    view.setCurrentIndex(model.index(2, 0))
    settle(view)
    assert outlined(2) > 20


def test_withdrawing_a_message_and_resizing_the_view_update_row_heights(
    qtbot: QtBot,
) -> None:
    model = cjk_conversation()
    view, delegate = transcript_view(qtbot, model)
    before = view.visualRect(model.index(0, 0)).height()
    model.withdrawn(1)  # the long Chinese message becomes one line
    qtbot.waitUntil(lambda: view.visualRect(model.index(0, 0)).height() < before)
    assert view.visualRect(model.index(0, 0)).height() == bubble_at(view, delegate, 0).height
    # The reply quoting it now says the quote was withdrawn.
    quote = bubble_at(view, delegate, 1).quote
    assert quote is not None and quote.text.endswith(": (withdrawn)")

    wide = view.visualRect(model.index(3, 0)).height()
    view.resize(260, 900)
    qtbot.waitUntil(lambda: view.visualRect(model.index(3, 0)).height() > wide)
    for row in range(model.rowCount()):
        assert (
            view.visualRect(model.index(row, 0)).height() == bubble_at(view, delegate, row).height
        )


def test_untrusted_text_is_cleaned_and_isolated_plain_text(qtbot: QtBot) -> None:
    model = MessagesModel()
    model.show(
        [chat(1, AuthorKind.VISITOR, "<img src=x>\x07 hi\u2069\u202e", "<b>Bo\u2069b</b>\x1b")],
        [],
    )
    view, delegate = transcript_view(qtbot, model)
    geometry = bubble_at(view, delegate, 0)
    assert geometry.name is not None and geometry.body is not None
    assert geometry.name.text == f"{FSI}<b>Bob</b>{PDI}"
    assert geometry.body.text == f"{FSI}<img src=x> hi\u202e{PDI}"


def test_dark_palette_keeps_bubble_text_readable(qtbot: QtBot) -> None:
    model = realistic_transcript()
    view, delegate = transcript_view(qtbot, model, height=1200, palette=dark_palette())
    image = view.viewport().grab().toImage()
    rows = {entry.id: row for row, entry in enumerate(model.entries)}
    for key in ("m2", "m3", "m7", "p2"):
        geometry = bubble_at(view, delegate, rows[key])
        assert geometry.body is not None
        assert ink_contrast(image, geometry.body.rect()) >= 4.5, key
    for key in ("p2", "p4"):
        delivery = bubble_at(view, delegate, rows[key]).delivery
        assert delivery is not None
        assert ink_contrast(image, delivery.rect()) >= 3.0, key


# ------------------------------------------------------------------ cards


class FakeClock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def conversation_model(clock: Callable[[], float]) -> ConversationsModel:
    model = ConversationsModel(clock=clock)

    def open_chat(
        number: int,
        name: str,
        *,
        status: ConversationStatus = ConversationStatus.ACTIVE,
        offline: bool = False,
    ) -> None:
        info = frames.ConversationInfo(
            id=number,
            visitor=100 + number,
            status=status,
            created_at=NOW - 7200,
            agent=None if status is ConversationStatus.WAITING else 7,
            offline=offline,
        )
        model.upsert(info, name)

    def say(
        number: int, seq: int, author: AuthorKind, text: str, ago: float, *, read: bool = False
    ) -> None:
        message = frames.ChatMessage(
            conversation=number,
            seq=seq,
            id=f"{number}-{seq}",
            author=author,
            author_id=1,
            text=text,
            ts=NOW - ago,
        )
        model.message(message, read=read)

    open_chat(1, "李华")
    say(1, 1, AuthorKind.VISITOR, "你好，我的订单付款失败了，能帮我看一下吗？", 200)
    say(1, 2, AuthorKind.VISITOR, "订单号是 2024031400178", 190)
    say(1, 3, AuthorKind.VISITOR, "谢谢", 185)
    open_chat(2, "Emma Thompson")
    say(2, 1, AuthorKind.VISITOR, "Do you ship to Norway?", 900, read=True)
    say(2, 2, AuthorKind.AGENT, "Yes, within 5 working days.", 800, read=True)
    open_chat(3, "", status=ConversationStatus.WAITING)
    say(3, 1, AuthorKind.VISITOR, "hello?? anyone there", 4000)
    open_chat(4, "Jean-Pierre Dubois-Martin de la Fontaine", offline=True)
    say(
        4,
        1,
        AuthorKind.VISITOR,
        "Please call me back tomorrow about the invoice",
        86400 * 2,
        read=True,
    )
    open_chat(5, "\u202eevil name")
    say(5, 1, AuthorKind.VISITOR, "hi", 60)
    model.withdrawn(5, 1)
    open_chat(6, "Carlos Ruiz")
    say(6, 1, AuthorKind.AGENT, "Thanks for chatting with us!", 300, read=True)
    for visitor, name in ((101, "李华"), (105, "\u202eevil name"), (106, "Carlos Ruiz")):
        model.set_visitor(
            frames.VisitorInfo(id=visitor, site="s", first_seen=NOW - 500, last_seen=NOW, name=name)
        )
    return model


def card_view(
    qtbot: QtBot, clock: Callable[[], float], *, palette: QPalette | None = None
) -> tuple[QListView, ConversationCardDelegate, ConversationsModel]:
    model = conversation_model(clock)
    proxy = ConversationFilter(model, clock=clock)
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSpacing(2)
    if palette is not None:
        view.setPalette(palette)
    delegate = ConversationCardDelegate(view, clock=clock)
    view.setItemDelegate(delegate)
    view.resize(260, 480)
    view.show()
    qtbot.waitExposed(view)
    settle(view)
    return view, delegate, model


def card_of(view: QListView, delegate: ConversationCardDelegate, name: str) -> CardGeometry:
    proxy = view.model()
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        conversation = index.data(ROW_ROLE)  # through the proxy, as the delegate reads it
        assert isinstance(conversation, ConversationRow)
        if name in conversation.display_name():
            rect = view.visualRect(index)
            width = view.viewport().width() - 2 * view.spacing()
            return delegate.geometry(
                conversation, QRectF(rect.x(), rect.y(), width, 0), view.font()
            )
    raise AssertionError(name)


def test_cards_have_one_fixed_height_that_holds_cjk_names(qtbot: QtBot) -> None:
    view, delegate, _ = card_view(qtbot, FakeClock(NOW))
    heights = {view.visualRect(view.model().index(r, 0)).height() for r in range(6)}
    assert len(heights) == 1
    (height,) = heights
    em = view.fontMetrics().height()  # about 64 px at the default 9 pt font
    assert 3 * em <= height <= 5 * em
    image = view.viewport().grab().toImage()
    card = card_of(view, delegate, "李华")
    assert card.card.contains(card.name.rect()) and card.card.contains(card.avatar)
    assert inked(image, card.name.rect(), view.palette().color(QPalette.ColorRole.Base)) > 20
    assert card.initials.text == f"{FSI}李{PDI}"


def test_waiting_timer_ticks_with_the_clock(qtbot: QtBot) -> None:
    clock = FakeClock(NOW)
    view, delegate, _ = card_view(qtbot, clock)
    timer = card_of(view, delegate, "李华").timer
    assert timer is not None and timer.text == "waiting 3 min"
    before = view.viewport().grab().toImage().copy(timer.rect().toAlignedRect())
    clock.now += 60
    view.viewport().update()  # what the caller's repaint timer does
    settle(view)
    timer = card_of(view, delegate, "李华").timer
    assert timer is not None and timer.text == "waiting 4 min"
    after = view.viewport().grab().toImage().copy(timer.rect().toAlignedRect())
    assert before != after
    assert card_of(view, delegate, "Visitor #103").timer is not None
    waited = card_of(view, delegate, "Visitor #103").timer
    assert waited is not None and waited.text == "waiting 1 h 07 min"
    left = card_of(view, delegate, "Jean-Pierre").timer
    assert left is not None and left.text == "waiting 2 d"


def test_unanswered_conversations_are_red_answered_ones_are_not(qtbot: QtBot) -> None:
    view, delegate, _ = card_view(qtbot, FakeClock(NOW))
    image = view.viewport().grab().toImage()
    waiting = card_of(view, delegate, "李华")
    assert waiting.edge is not None and waiting.timer is not None

    def red(area: QRectF) -> int:
        return sum(
            1 for c in pixels(image, area) if c.red() > c.green() + 90 and c.red() > c.blue() + 90
        )

    assert red(waiting.edge) >= waiting.edge.height() * 2
    assert red(waiting.timer.rect()) > 10
    answered = card_of(view, delegate, "Emma")
    assert answered.edge is None and answered.timer is None
    assert red(QRectF(answered.card.left(), answered.card.top(), 4, answered.card.height())) == 0


def test_unread_badge_shows_the_count(qtbot: QtBot) -> None:
    view, delegate, model = card_view(qtbot, FakeClock(NOW))
    image = view.viewport().grab().toImage()
    card = card_of(view, delegate, "李华")
    assert card.badge is not None and card.badge_text is not None
    assert card.badge_text.text == "3"
    assert card.bold_name and card.name.box.layout.font().bold()
    assert sum(1 for c in pixels(image, card.badge) if c == ACCENT) > 20
    assert inked(image, card.badge_text.rect(), ACCENT) > 3
    read = card_of(view, delegate, "Emma")
    assert read.badge is None and not read.bold_name
    row = model.row(1)
    assert row is not None
    row.unread = 250
    assert card_of(view, delegate, "李华").badge_text is not None
    badge = card_of(view, delegate, "李华").badge_text
    assert badge is not None and badge.text == "99+"


def test_cards_show_presence_tags_and_withdrawn_previews(qtbot: QtBot) -> None:
    view, delegate, _ = card_view(qtbot, FakeClock(NOW))
    image = view.viewport().grab().toImage()
    online = card_of(view, delegate, "Carlos")
    assert online.online and online.presence is not None
    assert online.presence.text == "on the site"
    dot = image.pixelColor(online.dot.center().toPoint())
    assert dot.green() > dot.red() + 60
    away = card_of(view, delegate, "Emma")
    assert not away.online
    grey = image.pixelColor(away.dot.center().toPoint())
    assert abs(grey.red() - grey.green()) < 20
    offline = card_of(view, delegate, "Jean-Pierre")
    assert [tag.label.text for tag in offline.tags] == ["left a message"]
    assert offline.name.text.endswith(f"…{PDI}")  # elided by the font, isolate closed
    withdrawn = card_of(view, delegate, "evil")
    assert withdrawn.preview is not None and withdrawn.preview_withdrawn
    assert withdrawn.preview.text == "(message withdrawn)"


def test_avatar_initials_and_colours() -> None:
    assert initials("李华") == "李"
    assert initials("김민준") == "김"
    assert initials("Emma Thompson") == "ET"
    assert initials("jean-pierre dubois de la fontaine") == "JF"
    assert initials("Visitor #103") == "V"
    assert initials("😀") == "#"
    assert initials("  ") == "#"
    for colour in AVATAR_COLOURS:
        assert contrast(colour, QColor("white")) >= 4.5, colour.name()


def test_dark_palette_keeps_card_text_readable(qtbot: QtBot) -> None:
    view, delegate, _ = card_view(qtbot, FakeClock(NOW), palette=dark_palette())
    image = view.viewport().grab().toImage()
    card = card_of(view, delegate, "李华")
    assert card.preview is not None and card.timer is not None and card.time is not None
    for placed in (card.name, card.preview, card.timer, card.time):
        assert ink_contrast(image, placed.rect()) >= 4.5, placed.text
    quiet = card_of(view, delegate, "Emma")
    assert quiet.preview is not None
    assert ink_contrast(image, quiet.preview.rect()) >= 4.5


# ------------------------------------------------------------------ both


class Marking(QTranslator):
    """Marks every string our delegates ask to translate."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if context in ("MessageBubble", "ConversationCard"):
            return f"[{source}]"
        return ""

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def marking_translator() -> Iterator[None]:
    translator = Marking()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.mark.usefixtures("marking_translator")
def test_visible_strings_go_through_qt_translation(qtbot: QtBot) -> None:
    model = realistic_transcript()
    view, delegate = transcript_view(qtbot, model, height=1200)
    rows = {entry.id: row for row, entry in enumerate(model.entries)}
    delivery = bubble_at(view, delegate, rows["p4"]).delivery
    assert delivery is not None and delivery.text == "[15:30 · [not sent: double-click to retry]]"
    withdrawn = bubble_at(view, delegate, rows["m6"]).body
    assert withdrawn is not None and withdrawn.text == "[(message withdrawn)]"
    cards, card_delegate, _ = card_view(qtbot, FakeClock(NOW))
    timer = card_of(cards, card_delegate, "李华").timer
    assert timer is not None and timer.text == "[waiting %n min]".replace("%n", "3")
    tags = card_of(cards, card_delegate, "Jean-Pierre").tags
    assert [tag.label.text for tag in tags] == ["[left a message]"]


def test_screenshots_of_both_delegates(qtbot: QtBot, tmp_path: Path) -> None:
    """Realistic content at the sizes agents use; set PARLEY_SCREENSHOTS=dir to keep them."""
    folder = Path(os.environ.get("PARLEY_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    for name, palette in (("light", None), ("dark", dark_palette())):
        model = realistic_transcript()
        view, _ = transcript_view(qtbot, model, width=430, height=1010, palette=palette)
        view.setCurrentIndex(model.index(2, 0))
        settle(view)
        assert view.grab().save(str(folder / f"delegates-chat-{name}.png"))
        cards, _, _ = card_view(qtbot, FakeClock(NOW), palette=palette)
        cards.setCurrentIndex(cards.model().index(2, 0))
        settle(cards)
        assert cards.grab().save(str(folder / f"delegates-list-{name}.png"))
    assert len(list(folder.glob("delegates-*.png"))) >= 4


def test_the_newest_message_stays_in_sight_when_an_image_above_it_loads(qtbot: QtBot) -> None:
    model = MessagesModel()
    pane = ChatPane(model)
    qtbot.addWidget(pane)
    pane.resize(430, 400)
    pane.show()
    qtbot.waitExposed(pane)
    image = frames.Attachment(id="f" * 16, name="level-test.png", size=1100, type="image/png")
    messages = [chat(seq, AuthorKind.VISITOR, f"Question {seq}") for seq in range(1, 12)]
    messages.append(chat(12, AuthorKind.VISITOR, image.name, file=image))
    messages.append(chat(13, AuthorKind.VISITOR, "Can I pay in two parts?"))
    model.show(messages, [])
    view = pane.transcript
    settle(view)
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()

    model.set_preview(image.id, picture())  # the picture arrives: its row grows by 150 px
    qtbot.waitUntil(lambda: view.visualRect(model.index(11, 0)).height() > 150)
    settle(view)
    assert bar.value() == bar.maximum()
    assert view.viewport().rect().contains(view.visualRect(model.index(12, 0)))

    bar.setValue(0)  # the agent scrolled up to read: a late picture does not move them
    model.set_preview(image.id, picture().scaled(240, 160))
    settle(view)
    assert bar.value() == 0


def test_left_a_message_stays_on_a_narrow_card_and_the_waiting_time_gives_way(
    qtbot: QtBot,
) -> None:
    clock = FakeClock(NOW + 3 * 3600)  # waiting 2 d 3 h: the longer text of the two
    view, delegate, _ = card_view(qtbot, clock)
    view.resize(150, 480)  # as narrow as Mongolian's longer words make it in effect
    settle(view)
    card = card_of(view, delegate, "Jean-Pierre")
    assert [tag.kind for tag in card.tags] == ["offline"]
    assert card.tags[0].rect.right() <= card.card.right()
    assert card.edge is not None  # still red: it waits for an answer
    assert card.timer is None or card.timer.rect().right() <= card.tags[0].rect.left()
    view.resize(200, 480)
    settle(view)
    card = card_of(view, delegate, "Jean-Pierre")
    assert [tag.kind for tag in card.tags] == ["offline"] and card.timer is not None
    assert card.timer.rect().right() <= card.tags[0].rect.left()


def test_a_note_among_agents_says_so_on_its_bubble(qtbot: QtBot) -> None:
    model = MessagesModel(my_agent_id=7)
    model.show(
        [
            chat(1, AuthorKind.VISITOR, "My knee hurts.", "王芳"),
            chat(
                2,
                AuthorKind.AGENT,
                "Ask about the MRI",
                "Maria <b>Lopez</b>",
                author_id=3,
                visibility=frames.Visibility.INTERNAL,
            ),
            chat(3, AuthorKind.AGENT, "Did you have a scan?", "Maria Lopez", author_id=3),
        ],
        [],
    )
    view, delegate = transcript_view(qtbot, model)
    note, reply = bubble_at(view, delegate, 1), bubble_at(view, delegate, 2)
    assert note.name is not None and reply.name is not None
    assert note.name.text == f"{FSI}Maria <b>Lopez</b>{PDI} · internal note"
    assert "note" not in reply.name.text
    # Amber, not the accent of what the visitor reads.
    image = view.viewport().grab().toImage()
    for bubble, colour in ((note, NOTE_LIGHT), (reply, ACCENT)):
        centre = bubble.bubble.center().toPoint()
        assert image.pixelColor(centre.x(), int(bubble.bubble.bottom()) - 3) == colour
    entry = model.index(1, 0).data(ENTRY_ROLE)
    assert isinstance(entry, Entry) and "internal note" in entry.shown_text()
