"""Asking a colleague to join, in the agent app against the real relay (docs/routing.md):
the owner asks from the chat header's dialog with a note and the header says "Bob
joined"; the colleague asked gets the chime, a pop-up and a banner with Join and
Decline, and Join joins the chat. With PARLEY_SCREENSHOTS=dir, the dialog and the banner
are saved there (app-invite-colleague*.png)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from agent_app.views.join_ask import AskColleagueDialog
from shared_protocol import frames
from shared_protocol.frames import ConversationStatus, JoinAskOutcome
from tests.helpers.clients import AgentClient
from tests.helpers.desk import online_desk, plain, stop_desk, until
from tests.helpers.relay_fixtures import AGENT_PASSWORD, RunningRelay
from tests.helpers.teams import colleague, desk_as, record_sent, sent_of, set_up_teams, visitor_in

HOSTILE_NOTE = "<b>{{visitor}}</b> \u202efees" + "x" * 300
FEES_NOTE = "Wants to pay the autumn fees in two parts: you know the rules for that."


def screenshot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("PARLEY_SCREENSHOTS")
    image = widget.grab()
    assert not image.isNull()
    if folder:
        assert image.save(str(Path(folder) / name))


async def _taken_by(client: AgentClient, conversation: int) -> None:
    await client.send(frames.Accept(conversation=conversation))
    while True:
        info = (await client.expect(frames.ConversationUpdated)).conversation
        if info.id == conversation and info.status is ConversationStatus.ACTIVE:
            return


async def test_the_owner_asks_from_the_header_and_sees_the_colleague_join(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    bob, _ = await colleague(relay, "bob")
    running = await online_desk(qtbot, tmp_path, relay)  # Alice, in Sales
    desk, chat = running.desk, running.desk.window.chat
    sent = record_sent(running)
    visitor, _welcome, ack = await visitor_in(relay, teams.sales, "李华", "学费怎么付？")
    try:
        await until(lambda: desk.conversations.row(ack.conversation) is not None)
        desk.open_conversation(ack.conversation)
        chat.accept_button.click()
        await until(lambda: chat.ask_button.isVisibleTo(chat))
        chat.ask_button.click()
        dialog = desk.colleagues.dialog
        assert isinstance(dialog, AskColleagueDialog) and dialog.isVisible()
        lines = [plain(dialog.colleagues.item(i).text()) for i in range(dialog.colleagues.count())]
        assert lines == ["Bob · online · Sales · level 2"]  # Sue is not connected
        dialog.note.setPlainText(FEES_NOTE)
        screenshot(dialog, "app-invite-colleague.png")
        dialog.note.setPlainText(HOSTILE_NOTE)
        dialog.ask_button.click()
        assert sent_of(sent, frames.JoinAsk) == [
            frames.JoinAsk(conversation=ack.conversation, agent=teams.bob, note=HOSTILE_NOTE)
        ]
        asked = await bob.expect(frames.JoinAsked)
        assert (asked.by_name, asked.note) == ("Alice", HOSTILE_NOTE)
        # The relay's answer shows the ask waiting, with the time left.
        await until(lambda: "Asked Bob to join" in plain(chat.ask_line.text()))
        assert plain(chat.ask_line.text()).endswith("left)")
        assert desk.colleagues.ticker.isActive()

        await bob.send(frames.Join(conversation=ack.conversation))
        await until(lambda: plain(chat.ask_line.text()) == "Bob joined")
        await until(lambda: "Helping: Bob" in plain(chat.routing_line.text()))
        assert not desk.colleagues.ticker.isActive()
        # The visitor heard nothing of it.
        assert "fees" not in repr(visitor.received)
    finally:
        await visitor.close()
        await bob.close()
        await stop_desk(running)


async def test_a_refusal_of_the_relay_is_said_and_nothing_waits(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    visitor, _welcome, ack = await visitor_in(relay, teams.sales, "Bat", "Hello")
    try:
        await until(lambda: desk.conversations.row(ack.conversation) is not None)
        desk.open_conversation(ack.conversation)
        desk.window.chat.accept_button.click()
        await until(lambda: desk.window.chat.ask_button.isVisibleTo(desk.window.chat))
        desk.colleagues.ask(ack.conversation, teams.sue, "")  # Sue is not connected
        status = desk.window.statusBar()
        await until(lambda: "Sue is offline" in status.currentMessage())
        assert plain(desk.window.chat.ask_line.text()) == ""
    finally:
        await visitor.close()
        await stop_desk(running)


async def test_the_colleague_asked_gets_a_pop_up_and_a_banner_and_join_joins(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    alice, _ = await colleague(relay, "alice", AGENT_PASSWORD)
    running = await desk_as(qtbot, tmp_path, relay, "bob")
    desk = running.desk
    sent = record_sent(running)
    visitor, _welcome, ack = await visitor_in(relay, teams.sales, "王芳", "退款怎么办？")
    try:
        await _taken_by(alice, ack.conversation)
        await until(lambda: desk.conversations.row(ack.conversation) is not None)
        chimes = desk.chime.played
        await alice.send(
            frames.JoinAsk(conversation=ack.conversation, agent=teams.bob, note=HOSTILE_NOTE)
        )
        banner = desk.window.join_asks
        await until(lambda: ack.conversation in banner.rows)
        assert banner.isVisibleTo(desk.window)
        row = banner.rows[ack.conversation]
        assert plain(row.headline.text()) == "Alice asks you to join a chat: 王芳 · Sales"
        assert plain(row.detail.text()).startswith("Note: <b>{{visitor}}</b>")
        assert row.detail.textFormat() is Qt.TextFormat.PlainText
        assert row.timer.text().endswith("left")
        assert desk.chime.played == chimes + 1
        title, body = running.notifier.shown[-1]
        assert plain(title) == "Alice asks you to join a chat"
        assert "王芳" in body and "Sales" in body
        assert [a.key for a in running.notifier.actions[-1]] == ["join", "decline"]

        row.yes_button.click()  # Join
        assert sent_of(sent, frames.Join) == [frames.Join(conversation=ack.conversation)]
        assert desk.selection.conversation == ack.conversation
        assert not banner.rows and not banner.isVisibleTo(desk.window)
        ended = await alice.expect(frames.JoinAskEnded)
        assert (ended.agent, ended.outcome) == (teams.bob, JoinAskOutcome.JOINED)
        # Bob is in the chat now and may write to the visitor.
        await until(
            lambda: (
                (r := desk.conversations.row(ack.conversation)) is not None
                and any(p.agent == teams.bob and p.left_at is None for p in r.info.participants)
            )
        )
        # Done helping: Leave takes Bob out, and the chat stays open with Alice.
        chat = desk.window.chat
        await until(lambda: chat.leave_button.isVisibleTo(chat))
        chat.leave_button.click()
        assert sent_of(sent, frames.Leave) == [frames.Leave(conversation=ack.conversation)]
        await until(lambda: not chat.leave_button.isVisibleTo(chat))
        info = desk.conversations.row(ack.conversation).info  # type: ignore[union-attr]
        assert info.status is ConversationStatus.ACTIVE and info.agent == teams.alice
        assert all(p.left_at is not None for p in info.participants if p.agent == teams.bob)
    finally:
        await visitor.close()
        await alice.close()
        await stop_desk(running)


async def test_decline_from_the_pop_up_tells_the_asker(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    alice, _ = await colleague(relay, "alice", AGENT_PASSWORD)
    running = await desk_as(qtbot, tmp_path, relay, "bob")
    desk = running.desk
    visitor, _welcome, ack = await visitor_in(relay, teams.sales, "Jean", "Hi")
    try:
        await _taken_by(alice, ack.conversation)
        await alice.send(
            frames.JoinAsk(conversation=ack.conversation, agent=teams.bob, note=FEES_NOTE)
        )
        await until(lambda: ack.conversation in desk.window.join_asks.rows)
        row = desk.window.join_asks.rows[ack.conversation]
        assert plain(row.detail.text()) == f"Note: {FEES_NOTE}"
        desk.window.resize(1000, 700)
        screenshot(desk.window.join_asks, "app-invite-colleague-banner.png")
        decline = next(a for a in running.notifier.actions[-1] if a.key == "decline")
        decline.run()
        assert not desk.window.join_asks.rows
        ended = await alice.expect(frames.JoinAskEnded)
        assert ended.outcome is JoinAskOutcome.DECLINED
    finally:
        await visitor.close()
        await alice.close()
        await stop_desk(running)
