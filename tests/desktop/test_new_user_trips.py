"""Four things a new user tripped over in the agent app, each against the real relay where
the relay is part of it: the status button cut "Away (idle)" to "Awa…le)"; the relay set
the agent Away after missed offers and nothing said why; after a supervisor's Take over the
note tab still spoke of whispers; the header kept "Lin joined" after Lin had left.
With PARLEY_SCREENSHOTS=dir, the status button's grabs in the three languages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionToolButton
from pytestqt.qtbot import QtBot

from agent_app import i18n
from agent_app.models.conversations import ConversationsModel
from agent_app.models.messages import MessagesModel
from agent_app.models.visitors import VisitorsModel
from agent_app.selection import Selection
from agent_app.views.main_window import MainWindow
from relay.features.agents import set_status_of
from shared_protocol import frames
from shared_protocol.frames import AgentStatus, JoinAskOutcome
from tests.desktop.test_i18n import language, use
from tests.helpers.desk import online_desk, plain, stop_desk, until
from tests.helpers.relay_fixtures import RunningRelay
from tests.helpers.teams import colleague, desk_as, set_up_teams, visitor_in

__all__ = ["language"]  # the fixture, from test_i18n


@pytest.mark.parametrize("code", [i18n.ENGLISH, i18n.CHINESE, i18n.MONGOLIAN])
def test_the_status_button_shows_away_idle_whole_at_the_default_width(
    qtbot: QtBot, language: str, code: str, tmp_path: Path
) -> None:
    use(code)
    window = MainWindow(VisitorsModel(), ConversationsModel(), MessagesModel(), Selection())
    qtbot.addWidget(window)
    window.show()  # at its default size
    QApplication.processEvents()
    button = window.status_button
    # What the desk shows once idle time set the agent Away (Desk._show_tray).
    button.show_status(AgentStatus.AWAY, AgentStatus.AWAY, idle=True)
    QApplication.processEvents()
    words = button.text()
    assert words == QApplication.translate("StatusButton", "Away (idle)") != "Away"
    # QToolButton elides its text to the room it is given: the whole text needs the hint.
    assert button.width() >= button.sizeHint().width()
    option = QStyleOptionToolButton()
    button.initStyleOption(option)
    inner = button.style().subControlRect(
        QStyle.ComplexControl.CC_ToolButton, option, QStyle.SubControl.SC_ToolButton, button
    )
    assert inner.width() >= button.fontMetrics().horizontalAdvance(words)
    assert button.isVisible() and button.geometry().right() <= window.width()
    # Online again: the button keeps its width, so the menu bar does not shift.
    width = button.width()
    button.show_status(AgentStatus.ONLINE, AgentStatus.ONLINE)
    QApplication.processEvents()
    assert button.width() == width
    button.show_status(AgentStatus.AWAY, AgentStatus.AWAY, idle=True)
    QApplication.processEvents()
    image = button.grab()
    assert not image.isNull() and image.width() == button.width()
    folder = Path(os.environ.get("PARLEY_SCREENSHOTS", tmp_path))
    assert image.save(str(folder / f"app-status-away-idle-{code}.png"))


async def test_away_set_by_the_relay_says_why_and_away_chosen_says_nothing(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    bar = desk.window.statusBar()
    button = desk.window.status_button
    me = desk.team.my_id
    assert me is not None
    presence = relay.relay.ctx.presence
    try:
        # The agent's own Away: nothing to explain.
        bar.clearMessage()
        button.actions_by_status[AgentStatus.AWAY].trigger()
        await until(lambda: presence.status_of(me) is AgentStatus.AWAY)
        button.actions_by_status[AgentStatus.ONLINE].trigger()
        await until(lambda: presence.status_of(me) is AgentStatus.ONLINE)
        assert "Away" not in bar.currentMessage()
        # What relay.features.routing does after `away_after_missed` offers expired.
        set_status_of(relay.relay.ctx, me, AgentStatus.AWAY)
        await until(lambda: desk.status is AgentStatus.AWAY)
        said = bar.currentMessage()
        assert "You were set Away" in said and "unanswered" in said
        assert "Set yourself Online" in said
        # Online again: the explanation has done its work and goes.
        button.actions_by_status[AgentStatus.ONLINE].trigger()
        assert bar.currentMessage() == ""
    finally:
        await stop_desk(running)


async def test_after_take_over_the_note_tab_is_an_internal_note_again(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    bob, _ = await colleague(relay, "bob")
    running = await desk_as(qtbot, tmp_path, relay, "sue")
    desk, chat = running.desk, running.desk.window.chat
    visitor, _welcome, ack = await visitor_in(relay, teams.sales, "Bat", "Hello")
    try:
        await bob.send(frames.Accept(conversation=ack.conversation))
        await until(
            lambda: (
                (r := desk.conversations.row(ack.conversation)) is not None
                and r.info.agent == teams.bob
            )
        )
        view = desk.routing.open_supervision()
        assert view is not None
        await until(lambda: any(c.conversation == ack.conversation for c in view.chats))
        view.choose(ack.conversation)
        view.join_button.click()
        await until(lambda: "Supervising: Sue" in plain(chat.routing_line.text()))
        assert chat.noting and chat.whispering
        assert chat.compose_mode.tabText(1) == "Whisper to agents"
        assert chat.reply.placeholderText().startswith("Whisper:")
        view.take_button.click()
        await until(
            lambda: (
                (r := desk.conversations.row(ack.conversation)) is not None
                and r.info.agent == teams.sue
            )
        )
        await until(lambda: not chat.whispering)
        # Sue answers the chat now: the note tab, its box and its button say "note".
        assert chat.noting
        assert chat.compose_mode.tabText(1) == "Internal note"
        assert chat.reply.placeholderText().startswith("Internal note:")
        assert chat.send_button.text() == "Add note"
        chat.set_noting(False)
        assert chat.reply.placeholderText().startswith("Write a reply")
        assert chat.send_button.text() == "Send"
    finally:
        await visitor.close()
        await bob.close()
        await stop_desk(running)


async def test_a_colleague_who_joined_and_left_reads_as_left(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    bob, _ = await colleague(relay, "bob")
    running = await online_desk(qtbot, tmp_path, relay)  # Alice, in Sales
    desk, chat = running.desk, running.desk.window.chat
    visitor, _welcome, ack = await visitor_in(relay, teams.sales, "李华", "学费怎么付？")
    try:
        await until(lambda: desk.conversations.row(ack.conversation) is not None)
        desk.open_conversation(ack.conversation)
        chat.accept_button.click()
        await until(lambda: chat.ask_button.isVisibleTo(chat))
        desk.colleagues.ask(ack.conversation, teams.bob, "")
        await bob.expect(frames.JoinAsked)
        await bob.send(frames.Join(conversation=ack.conversation))
        await until(lambda: plain(chat.ask_line.text()) == "Bob joined")
        ended = desk.colleagues.asked[ack.conversation][teams.bob]
        assert ended.outcome is JoinAskOutcome.JOINED
        await bob.send(frames.Leave(conversation=ack.conversation))
        await until(lambda: plain(chat.ask_line.text()) == "Bob left")
        assert "Helping: Bob" not in plain(chat.routing_line.text())
        # Asked again and back in: joined once more.
        desk.colleagues.ask(ack.conversation, teams.bob, "")
        await bob.expect(frames.JoinAsked)
        await bob.send(frames.Join(conversation=ack.conversation))
        await until(lambda: plain(chat.ask_line.text()) == "Bob joined")
    finally:
        await visitor.close()
        await bob.close()
        await stop_desk(running)
