"""What a new user hit in the agent app (issue 10): each test failed before its fix."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from agent_app.models.conversations import CONVERSATION_ID_ROLE
from agent_app.net.client import ConnectionState, Login
from relay.core.credentials import hash_password
from shared_protocol import frames
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.desk import online_desk, start_desk, stop_desk, until
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay


async def test_a_fresh_profile_shows_every_open_conversation_with_its_whole_transcript(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    # Before this agent's first login: a message left while nobody was online, and a chat
    # that a colleague is already answering.
    left = await VisitorClient.connect(relay.url)
    await left.expect(frames.Welcome)
    offline = (await left.say("Please call me back about the IELTS course")).conversation
    await left.close()
    await relay.relay.store.add_agent("bob", "Bob", "agent", hash_password("pw pw pw"), time.time())
    bob = await AgentClient.connect(relay.url, user="bob", password="pw pw pw")
    await bob.expect(frames.LoginOk)
    chatting = await VisitorClient.connect(relay.url)
    await chatting.expect(frames.Welcome)
    running_chat = (await chatting.say("Is the weekend class full?")).conversation
    await bob.say(running_chat, "Two places left.")
    await chatting.say("Great, thanks")

    running = await online_desk(qtbot, tmp_path / "fresh", relay)  # an empty profile
    desk = running.desk
    await until(lambda: len(desk.transcripts.get(running_chat, {})) == 3)
    await until(lambda: len(desk.transcripts.get(offline, {})) == 1)
    row = desk.conversations.row(running_chat)
    assert row is not None and row.last_text == "Great, thanks"
    offline_row = desk.conversations.row(offline)
    assert offline_row is not None
    assert offline_row.last_text == "Please call me back about the IELTS course"
    desk.open_conversation(running_chat)
    assert [e.text for e in desk.messages.entries] == [
        "Is the weekend class full?",
        "Two places left.",
        "Great, thanks",
    ]
    await chatting.close()
    await bob.close()
    await stop_desk(running)


async def test_an_answered_conversation_is_not_waiting_after_logging_in_again(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("Hello?")).conversation
    await until(lambda: desk.conversations.row(conversation) is not None)
    desk.open_conversation(conversation)
    desk.chat.reply(conversation, "Hello, how can I help?")
    await until(lambda: not desk.session.unacknowledged())
    row = desk.conversations.row(conversation)
    assert row is not None and not row.unanswered()
    await stop_desk(running)

    for profile in (tmp_path, tmp_path / "another-pc"):  # the same cache, and an empty one
        again = await online_desk(qtbot, profile, relay)
        await until(lambda: len(again.desk.transcripts.get(conversation, {})) == 2)  # noqa: B023
        row = again.desk.conversations.row(conversation)
        assert row is not None and row.last_text == "Hello, how can I help?"
        assert not row.unanswered(), profile
        await stop_desk(again)
    await visitor.close()


async def test_waiting_times_tick_and_left_visitors_are_not_here_now(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    visitor = await VisitorClient.connect(
        relay.url, page=frames.PageInfo(url="https://school.example/", title="Home")
    )
    welcome = await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("Anyone there?")).conversation
    await until(lambda: desk.conversations.row(conversation) is not None)
    desk.open_conversation(conversation)
    path = desk.window.detail_labels["Path"]
    await until(lambda: "here now" in path.text())

    desk.ticker.setInterval(20)  # the clock moves; the list repaints without any new frame
    with qtbot.waitSignal(desk.conversations.dataChanged, timeout=2000):
        pass
    with qtbot.waitSignal(desk.visitors.dataChanged, timeout=2000):
        pass

    await visitor.close()
    await until(lambda: desk.visitors.get(welcome.visitor) is None)
    await until(lambda: "Home" in path.text() and "here now" not in path.text())
    row = desk.conversations.row(conversation)
    assert row is not None and not row.visitor_online
    await stop_desk(running)


async def test_the_chat_follows_a_watched_visitor_and_closing_keeps_the_selection(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    other = await VisitorClient.connect(relay.url)
    await other.expect(frames.Welcome)
    first = (await other.say("I was first")).conversation
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    await until(lambda: desk.visitors.get(welcome.visitor) is not None)
    desk.open_visitor(welcome.visitor)  # watching, no chat yet
    second = (await visitor.say("Now I ask")).conversation
    await until(lambda: desk.selection.conversation == second)
    assert [e.text for e in desk.messages.entries] == ["Now I ask"]

    listed = desk.window.conversation_list
    assert listed.currentIndex().data(CONVERSATION_ID_ROLE) == second
    asked: list[str] = []

    def answer_no(title: str, question: str) -> bool:
        asked.append(question)
        return False

    desk.confirm = answer_no
    desk.window.close_requested.emit(second)
    assert "is still waiting for an answer" in asked[0]  # an unanswered question: asked first
    desk.confirm = lambda title, question: True  # "Yes"
    desk.window.close_requested.emit(second)
    await until(lambda: desk.conversations.row(second).info.status.value == "closed")  # type: ignore[union-attr]
    assert desk.selection.conversation == second  # the closed chat stays in view …
    assert not listed.selectionModel().hasSelection()  # … and no other row looks chosen
    assert desk.conversations.row(first) is not None
    await other.close()
    await visitor.close()
    await stop_desk(running)


async def test_a_fresh_login_lists_every_conversation_with_its_last_message_at_once(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("Do you have evening classes?")).conversation
    running = await start_desk(tmp_path, relay.http, Login(AGENT_NAME, AGENT_PASSWORD))
    desk = running.desk
    qtbot.addWidget(desk.window)
    # Before any transcript is fetched: the welcome itself names the last message.
    desk.session.welcomed = lambda welcome: []  # type: ignore[method-assign]
    await until(lambda: desk.conversations.row(conversation) is not None)
    row = desk.conversations.row(conversation)
    assert row is not None and row.last_text == "Do you have evening classes?"
    assert row.unanswered()
    await visitor.close()
    await stop_desk(running)


async def test_the_agent_goes_away_from_the_main_window_and_visitors_see_it(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    button = desk.window.status_button
    assert desk.tray.available is False  # offscreen: without a tray, only the window offers it
    assert button.text() == "Online"
    visitor = await VisitorClient.connect(relay.url)
    assert (await visitor.expect(frames.Welcome)).agents_online

    button.actions_by_status[frames.AgentStatus.AWAY].trigger()
    assert not (await visitor.expect(frames.Presence)).agents_online
    assert button.text() == "Away" and desk.status is frames.AgentStatus.AWAY
    button.actions_by_status[frames.AgentStatus.ONLINE].trigger()
    assert (await visitor.expect(frames.Presence)).agents_online

    desk.connection_changed(ConnectionState.OFFLINE, "")  # the link dropped: not reachable
    assert button.text() == "Offline"
    assert button.actions_by_status[frames.AgentStatus.ONLINE].isChecked()  # still the choice
    await visitor.close()
    await stop_desk(running)


async def test_a_message_is_copied_as_plain_text_from_the_menu_or_with_ctrl_c(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk, pane = running.desk, running.desk.window.chat
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    said = "<b>Order 4711</b>: where is it?"
    conversation = (await visitor.say(said)).conversation
    await until(lambda: desk.conversations.row(conversation) is not None)
    desk.open_conversation(conversation)
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    pane.transcript.setFocus()
    pane.transcript.setCurrentIndex(desk.messages.index(0))
    QTest.keySequence(pane.transcript, QKeySequence.StandardKey.Copy)
    assert clipboard.text() == said
    assert clipboard.mimeData().hasHtml() is False  # text only, as the visitor wrote it

    clipboard.clear()
    menu = pane.message_menu(desk.messages.entries[0])
    assert menu is not None
    copy = next(a for a in menu.actions() if a.text() == "Copy")
    copy.trigger()
    assert clipboard.text() == said
    await visitor.close()
    await stop_desk(running)
