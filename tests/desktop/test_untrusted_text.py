"""A hostile visitor against every place the app shows their words (issue 10, items 6, 7,
9, 10): markup stays text, a right-to-left override stays inside its isolate, long values
are cut instead of pushing panes off the window, and pop-ups do not pile up."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from agent_app.popups import Happening, PopUpBook
from agent_app.text import FSI, PDI
from shared_protocol import frames
from tests.helpers.clients import VisitorClient
from tests.helpers.desk import Running, online_desk, stop_desk, until
from tests.helpers.relay_fixtures import RunningRelay

RLO = "\u202e"
MARKUP = ("<img", "<font", "<a href", "<b>")
NAME = f'<font color="red">李华</font>{RLO}evil'
TITLE = f'<img src="file:///etc/passwd">Prices{RLO}secirP'
REFERRER = "https://www.baidu.com/s?wd=%3Cb%3E%E9%9B%85%E6%80%9D%3C%2Fb%3E%E2%80%AE"
LONG = "x" * 3900  # with the rest, about the longest message the relay takes (4,000)
MESSAGE = f'<a href="https://evil.example">click</a> {{{{visitor.name}}}} {RLO}tpircs {LONG}'


def model_texts(
    model: QAbstractItemModel, where: str, columns: int = 1
) -> Iterator[tuple[str, str, bool]]:
    for row in range(model.rowCount()):
        for column in range(columns):
            index = model.index(row, column, QModelIndex())
            shown = index.data(Qt.ItemDataRole.DisplayRole)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(shown, str):
                yield f"{where}[{row},{column}]", shown, False
            if isinstance(tip, str):
                yield f"{where}[{row},{column}] tooltip", tip, True


def sinks(running: Running) -> Iterator[tuple[str, str, bool]]:
    """Every piece of text on screen: (where, text, whether Qt may read it as rich text)."""
    desk = running.desk
    widgets: list[QWidget] = [desk.window, *desk.window.findChildren(QWidget)]
    for widget in widgets:
        name = f"{type(widget).__name__} {widget.objectName()}"
        yield f"{name} tooltip", widget.toolTip(), True
        if widget.isWindow():
            yield f"{name} title", widget.windowTitle(), False
        if isinstance(widget, QLabel):
            rich = widget.textFormat() is not Qt.TextFormat.PlainText
            yield f"{name} text", widget.text(), rich
        if isinstance(widget, QAbstractButton):
            yield f"{name} button", widget.text(), False
        if isinstance(widget, QListWidget):
            for row in range(widget.count()):
                item = widget.item(row)
                yield f"{name} item {row}", item.text(), False
                yield f"{name} item {row} tooltip", item.toolTip(), True
    for action in desk.window.findChildren(QWidget):
        for act in action.actions():
            yield f"action {act.text()!r}", act.text(), False
    for act in desk.tray.menu.actions():
        yield "tray menu", act.text(), False
    yield "tray tooltip", desk.tray.icon.toolTip(), True
    yield from model_texts(desk.visitors, "visitors", desk.visitors.columnCount())
    yield from model_texts(desk.conversations, "conversations")
    yield from model_texts(desk.messages, "transcript")
    for title, body in running.notifier.shown:
        yield "pop-up title", title, False
        # Servers that read markup get it escaped by the freedesktop adapter itself
        # (tests/integration/test_freedesktop_notifier.py); here it must be isolated.
        yield "pop-up body", body, False


def check(where: str, text: str, rich: bool) -> None:
    if rich and GuiQt.mightBeRichText(text):
        for markup in MARKUP:
            assert markup not in text, f"{where}: markup would render: {text[:200]!r}"
    position = text.find(RLO)
    while position >= 0:
        before = text[:position]
        assert before.count(FSI) > before.count(PDI), f"{where}: not isolated: {text[:200]!r}"
        position = text.find(RLO, position + 1)


async def test_every_place_shows_a_hostile_visitors_words_as_isolated_plain_text(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    page = frames.PageInfo(url="https://school.example/价格?a=1", title=TITLE, referrer=REFERRER)
    visitor = await VisitorClient.connect(relay.url, page=page)
    welcome = await visitor.expect(frames.Welcome)
    await visitor.send(frames.Profile(name=NAME, email="li.hua@example.com"))
    conversation = (await visitor.say(MESSAGE)).conversation
    await until(lambda: len(desk.transcripts.get(conversation, {})) == 1)
    await until(lambda: (info := desk.visitors.get(welcome.visitor)) is not None and info.name)
    desk.open_conversation(conversation)
    await until(lambda: "Prices" in desk.window.detail_labels["Path"].text())
    await desk.chat.search("tpircs")
    await visitor.send(frames.VisitorTyping(text=f"{LONG[:3000]} {RLO}<b>still typing</b>"))
    await until(lambda: "still typing" in desk.window.preview.text())
    desk.window.show()

    seen = 0
    for where, text, rich in sinks(running):
        check(where, text, rich)
        seen += RLO in text or any(m in text for m in MARKUP)
    assert seen >= 10  # the hostile text did reach the screen, in many places

    # The referrer reads as the visitor's search words, decoded, not %E9%9B%85…
    assert "雅思" in desk.window.detail_labels["Landing page"].toolTip()
    # Long values are cut where they show, never widening a pane past the screen.
    assert desk.window.side.minimumSizeHint().width() < 500
    assert desk.window.minimumSizeHint().width() < 1400
    assert len(desk.window.preview.text()) < 400

    await visitor.close()
    await stop_desk(running)


async def test_one_visitor_is_one_pop_up_updated_in_place_and_many_share_a_summary(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    notifier = running.notifier
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    await visitor.say("Hello")
    await visitor.say("Is anyone there?")
    await visitor.say(LONG)
    await until(lambda: len(notifier.shown) >= 4)  # arrival, chat, three messages
    assert len(set(notifier.keys)) == 1  # all one pop-up, replaced in place
    title, body = notifier.shown[-1]
    assert body.startswith("3 new messages: ") and len(body) < 200
    assert all(shown_title == title for shown_title, _ in notifier.shown)  # one name

    others = [await VisitorClient.connect(relay.url) for _ in range(8)]
    for other in others:
        await other.expect(frames.Welcome)
    await until(lambda: desk.visitors.rowCount() == 9)
    assert len(set(notifier.keys)) <= 4  # three visitors of their own, then one summary
    assert notifier.shown[-1][0] == "9 visitors need you"
    for client in [visitor, *others]:
        await client.close()
    await stop_desk(running)


def test_a_burst_ends_after_a_quiet_minute_and_the_next_event_pops_up_afresh() -> None:
    book = PopUpBook(burst_seconds=60, max_shown=3)
    first = book.event(1, "Li", Happening.WROTE, "hi", now=0)
    again = book.event(1, "Li", Happening.WROTE, "there?", now=30)
    assert again.key == first.key and again.body.startswith("2 new messages")
    later = book.event(1, "Li", Happening.WROTE, "hello?", now=200)
    assert later.key == first.key and later.body.startswith("New message")  # a new burst


def test_a_long_url_in_the_details_wraps_inside_the_pane_and_stays_whole_in_the_tooltip(
    qtbot: QtBot,
) -> None:
    from agent_app.models.conversations import ConversationsModel
    from agent_app.models.messages import MessagesModel
    from agent_app.models.visitors import VisitorsModel
    from agent_app.text import ZWSP
    from agent_app.views.main_window import MainWindow

    window = MainWindow(VisitorsModel(), ConversationsModel(), MessagesModel())
    qtbot.addWidget(window)
    url = "https://school.example/prices?gclid=" + "Cj0KCQiA" * 12 + "&utm_term=ielts+course"
    landing = frames.PageInfo(url=url, title="Prices", referrer="https://www.google.co.uk/")
    window.show_visitor(
        frames.VisitorInfo(id=1, site="demo", first_seen=0, last_seen=0, landing=landing)
    )
    label = window.detail_labels["Landing page"]
    line = label.fontMetrics().lineSpacing()
    # Title, URL and referrer, the latter two wrapped: the URL (about 900 px) to 5 lines.
    assert label.heightForWidth(200) > 7 * line
    tip = label.toolTip().replace(ZWSP, "")  # the tooltip may break it too, where it must
    assert url.replace("&", "&amp;") in tip  # whole (escaped), not cut


def test_break_marks_go_after_separators_and_inside_long_tokens_never_before_a_mark() -> None:
    from agent_app.text import URL_RUN, ZWSP, wrappable_url

    url = "https://a.example/x?q=" + "k" * 20 + "&e=cafe\u0301s"
    marked = wrappable_url(url)
    assert marked.replace(ZWSP, "") == url
    assert all(len(piece) <= URL_RUN + 1 for piece in marked.split(ZWSP))
    assert ZWSP + "\u0301" not in marked  # a combining accent stays on its letter


def test_a_long_unbroken_message_wraps_in_its_tooltip_and_its_pop_up(qtbot: QtBot) -> None:
    from agent_app.text import TEXT_RUN, ZWSP, tooltip

    flood = "B" * 4000
    tip = tooltip(flood)
    assert ZWSP in tip and all(len(run) <= TEXT_RUN + 2 for run in tip.split(ZWSP)[1:-1])
    label = QLabel(tip)  # as Qt lays out a tooltip: wrapped within a screen's width
    label.setWordWrap(True)
    assert label.heightForWidth(600) > 10 * label.fontMetrics().lineSpacing()

    book = PopUpBook()
    body = book.event(7, "Bob", Happening.WROTE, flood, 1000.0).body
    assert ZWSP in body and "B" * (TEXT_RUN + 1) not in body


def test_the_connection_line_shows_an_agents_display_name_as_text(qtbot: QtBot) -> None:
    from agent_app.desk import connection_text
    from agent_app.models.conversations import ConversationsModel
    from agent_app.models.messages import MessagesModel
    from agent_app.models.visitors import VisitorsModel
    from agent_app.net.client import ConnectionState
    from agent_app.views.main_window import MainWindow

    window = MainWindow(VisitorsModel(), ConversationsModel(), MessagesModel())
    qtbot.addWidget(window)
    hostile = "<b>Carol</b><img src='http://127.0.0.1:9/x.png'>"
    window.show_connection(connection_text(ConnectionState.ONLINE, hostile))
    assert window.connection.textFormat() is Qt.TextFormat.PlainText
    assert "<b>Carol</b>" in window.connection.text()
