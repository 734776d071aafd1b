"""The agent app's desk against a real relay and a raw visitor, Qt offscreen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from agent_app.models.conversations import UNANSWERED_ROLE
from agent_app.net.client import ConnectionState
from shared_protocol import frames
from tests.helpers.clients import VisitorClient
from tests.helpers.desk import online_desk, plain, stop_desk, until
from tests.helpers.desk import start_desk as start_desk  # bench/agent_app_bench.py takes it here
from tests.helpers.relay_fixtures import RunningRelay, relay_stopped


async def test_arrival_pops_up_and_the_chat_goes_both_ways(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    assert desk.window.connection.text() == "Connected as \u2068Alice\u2069"
    assert plain(desk.window.windowTitle()) == "Parley \u2014 Alice"  # told apart by name
    assert desk.tray.available is False  # offscreen: no tray, and the app says so

    visitor = await VisitorClient.connect(
        relay.url,
        page=frames.PageInfo(
            url="https://school.example/prices",
            title="<b>Prices</b>",
            referrer="https://www.baidu.com/s?wd=ielts",
        ),
    )
    welcome = await visitor.expect(frames.Welcome)
    await until(lambda: desk.visitors.rowCount() == 1)
    assert desk.window.visitor_count.text() == "1 on the site now: search 1"
    title, body = running.notifier.shown[-1]
    assert title == f"\u2068Visitor #{welcome.visitor}\u2069"  # 127.0.0.1: no place to name
    assert (
        body == "\u2068Baidu “ielts”\u2069 · landed on \u2068<b>Prices</b>\u2069 · first visit"
    )  # text, unescaped

    ack = await visitor.say("<script>alert(1)</script> Is there a weekend class?")
    await until(lambda: desk.conversations.row(ack.conversation) is not None)
    await until(lambda: desk.conversations.row(ack.conversation).last_text != "")  # type: ignore[union-attr]
    proxy = desk.window.conversation_proxy
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data(UNANSWERED_ROLE) is True  # shown in red
    assert desk.conversations.unread_total() == 1
    assert desk.chime.played >= 1

    desk.open_conversation(ack.conversation)
    assert desk.window.chat_title.text().endswith(" · started on \u2068<b>Prices</b>\u2069")
    assert desk.messages.rowCount() == 1
    shown = plain(desk.messages.index(0).data(Qt.ItemDataRole.DisplayRole))
    assert shown.endswith("\n<script>alert(1)</script> Is there a weekend class?")
    assert desk.window.detail_labels["Page"].textFormat() is Qt.TextFormat.PlainText
    assert desk.window.detail_labels["Page"].text().startswith("\u2068<b>Prices</b>\u2069")
    path = desk.window.detail_labels["Path"]
    await until(lambda: "<b>Prices</b>" in path.text())  # the visit's path, asked of the relay
    assert path.text().endswith(", here now)")
    assert desk.window.detail_labels["Earlier"].text() == "nothing before"

    # The visitor's draft shows under the transcript as it is typed, and goes when sent.
    await visitor.send(frames.VisitorTyping(text="And the price for two"))
    await until(lambda: desk.window.preview.text() == "Typing: \u2068And the price for two\u2069")
    await visitor.say("And the price for two people?")
    await until(lambda: desk.window.preview.text() == "")
    QTest.keyClicks(desk.window.reply, "Yes, Saturdays at 9.")
    QTest.keyClick(desk.window.reply, Qt.Key.Key_Return)
    reply = await visitor.expect(frames.Message)
    assert reply.message.text == "Yes, Saturdays at 9."
    await until(lambda: desk.messages.rowCount() == 3 and desk.messages.entries[2].seq == 3)
    assert "sent" in desk.messages.index(2).data(Qt.ItemDataRole.DisplayRole)
    assert proxy.index(0, 0).data(UNANSWERED_ROLE) is False
    await visitor.close()
    await stop_desk(running)


async def test_offline_the_cache_shows_and_searches_and_a_reply_waits_for_the_relay(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("周末雅思班还有名额吗？")).conversation
    await until(lambda: conversation in desk.transcripts and desk.transcripts[conversation])
    await visitor.close()

    async with relay_stopped(relay):
        await until(lambda: desk.state is ConnectionState.OFFLINE)
        host = relay.http.removeprefix("http://")
        assert desk.window.connection.text() == f"Offline: no answer from {host}, trying again"
        await desk.chat.search("雅思班")
        assert desk.window.search_results.item(0).text().endswith("周末雅思班还有名额吗？\u2069")
        desk.open_conversation(conversation)
        desk.chat.reply(conversation, "还有两个名额。")
        assert desk.messages.entries[-1].seq is None  # waiting in the outbox

    running.client.reconnect_now()
    await until(lambda: not desk.session.unacknowledged(), within=20)
    stored = await relay.relay.store.messages_after(conversation, 0, 10)
    assert [m.text for m in stored] == ["周末雅思班还有名额吗？", "还有两个名额。"]
    assert desk.messages.entries[-1].seq == 2
    await stop_desk(running)


async def test_an_earlier_chat_of_the_visitor_opens_from_the_details_pane(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    first = (await visitor.say("first chat")).conversation
    await until(lambda: desk.conversations.row(first) is not None)
    desk.confirm = lambda title, question: True  # the question is unanswered: yes, close it
    desk.window.close_requested.emit(first)
    await visitor.expect(frames.ConversationClosed)
    second = (await visitor.say("second chat")).conversation
    await until(lambda: desk.conversations.row(second) is not None)
    desk.transcripts.pop(first, None)  # as on another computer: not cached here

    desk.open_conversation(second)
    earlier = desk.window.earlier_chats
    await until(lambda: earlier.count() == 1)
    assert earlier.item(0).text().startswith(f"Open chat #{first} of ")
    earlier.itemClicked.emit(earlier.item(0))
    await until(lambda: desk.selection.conversation == first and desk.messages.rowCount() == 1)
    assert desk.messages.entries[0].text == "first chat"
    await visitor.close()
    await stop_desk(running)


async def test_an_agent_watching_a_visitor_sees_the_question_before_any_chat_exists(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    await until(lambda: desk.visitors.get(welcome.visitor) is not None)
    desk.open_visitor(welcome.visitor)  # a click on the visitor in the list
    assert desk.selection.conversation is None
    assert desk.window.chat_title.text().endswith("no chat yet; what they type shows below")
    await visitor.send(frames.VisitorTyping(text="Do you teach Mongolian"))
    await until(lambda: desk.window.preview.text() == "Typing: \u2068Do you teach Mongolian\u2069")
    assert desk.conversations.rowCount() == 0  # nothing was sent, nothing was opened
    await visitor.close()
    await stop_desk(running)
