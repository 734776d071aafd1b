"""Notes and replies longer than their limit are never cut unseen: a transfer's or an
escalation's note (500 characters) and the reply/note box (4,000) count near the limit,
say how much to cut past it, and are not sent until they fit; what fits is sent whole."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from agent_app.models.messages import MessagesModel
from agent_app.models.team import Team
from agent_app.views.chat_pane import ChatPane
from agent_app.views.transfer_dialog import EscalateDialog, TransferDialog
from shared_protocol import frames, limits
from shared_protocol.frames import AgentStatus, ConversationStatus

NOTE = limits.MAX_INVITATION_CHARS


def _team() -> Team:
    team = Team()
    team.me = frames.AgentInfo(id=1, name="ann", display_name="Ann", role="agent")
    team.colleagues[2] = frames.AgentPresenceInfo(
        agent=2, display_name="Bob", status=AgentStatus.ONLINE, level=2
    )
    return team


CHAT = frames.ConversationInfo(
    id=5, visitor=9, status=ConversationStatus.ACTIVE, created_at=0.0, agent=1
)


def test_a_transfer_note_past_its_limit_is_counted_and_not_sent_until_it_fits(
    qtbot: QtBot,
) -> None:
    dialog = TransferDialog(_team(), CHAT)
    qtbot.addWidget(dialog)
    dialog.show()
    sent: list[tuple[int, object, object, str]] = []
    dialog.transfer_requested.connect(lambda *args: sent.append(args))
    dialog.agents.setCurrentRow(0)
    counter = dialog.note_counter

    dialog.note.setPlainText("short note")
    assert not counter.isVisible() and dialog.transfer_button.isEnabled()
    dialog.note.setPlainText("x" * (NOTE - 50))  # near the limit: counted
    assert counter.isVisible() and counter.text() == f"{NOTE - 50} / {NOTE} characters"
    assert dialog.transfer_button.isEnabled()

    hostile = "<b>{{agent.name}}</b>\u202e" + "学" * 10_000
    dialog.note.setPlainText(hostile)  # pasted: far past the limit
    over = len(hostile) - NOTE
    assert counter.text() == f"{len(hostile)} / {NOTE} characters: cut {over} to send it"
    assert counter.textFormat() is not Qt.TextFormat.RichText or "<b>" not in counter.text()
    assert not dialog.transfer_button.isEnabled()
    if folder := os.environ.get("PARLEY_SCREENSHOTS"):
        dialog.grab().save(str(Path(folder) / "app-team-note-too-long.png"))
    dialog._transfer()  # Enter in the dialog, say: nothing goes
    assert sent == [] and dialog.note.toPlainText() == hostile  # nothing dropped

    fitting = "学" * NOTE
    dialog.note.setPlainText(fitting + "  \n")  # the ends are trimmed before counting
    assert dialog.transfer_button.isEnabled()
    dialog.transfer_button.click()
    assert sent == [(CHAT.id, 2, None, fitting)]


def test_an_escalation_note_past_its_limit_waits(qtbot: QtBot) -> None:
    dialog = EscalateDialog(_team(), CHAT)
    qtbot.addWidget(dialog)
    dialog.show()
    sent: list[tuple[int, str]] = []
    dialog.escalate_requested.connect(lambda *args: sent.append(args))
    dialog.note.setPlainText("y" * (NOTE + 1))
    assert dialog.note_counter.isVisible() and not dialog.escalate_button.isEnabled()
    assert "cut 1 to send it" in dialog.note_counter.text()
    dialog._escalate()
    assert sent == []
    dialog.note.setPlainText("y" * NOTE)
    assert dialog.escalate_button.isEnabled()
    dialog.escalate_button.click()
    assert sent == [(CHAT.id, "y" * NOTE)]


def test_a_reply_or_note_past_the_message_limit_stays_in_the_box(qtbot: QtBot) -> None:
    pane = ChatPane(MessagesModel(my_agent_id=1))
    qtbot.addWidget(pane)
    pane.show()
    pane.show_conversation(CHAT, "Bat")
    replies: list[tuple[str, int]] = []
    notes: list[tuple[str, int]] = []
    pane.reply_requested.connect(lambda text, seq: replies.append((text, seq)))
    pane.note_requested.connect(lambda text, seq: notes.append((text, seq)))
    too_long = "z" * (limits.MAX_TEXT_CHARS + 10)
    for noting in (False, True):
        pane.set_noting(noting)
        pane.reply.setPlainText(too_long)
        assert pane.reply_counter.isVisible()
        assert "cut 10 to send it" in pane.reply_counter.text()
        QTest.keyClick(pane.reply, Qt.Key.Key_Return)
        assert pane.reply.toPlainText() == too_long  # kept, not sent, not cut
    assert replies == [] and notes == []
    pane.reply.setPlainText("z" * limits.MAX_TEXT_CHARS)
    QTest.keyClick(pane.reply, Qt.Key.Key_Return)
    assert notes == [("z" * limits.MAX_TEXT_CHARS, 0)] and pane.reply.toPlainText() == ""
    assert not pane.reply_counter.isVisible()


def test_a_colleague_who_takes_no_chats_is_not_offered_as_a_transfer_target(
    qtbot: QtBot,
) -> None:
    team = _team()
    team.colleagues[3] = frames.AgentPresenceInfo(
        agent=3, display_name="Mei", status=AgentStatus.ONLINE, role="supervisor", takes_chats=False
    )
    dialog = TransferDialog(team, CHAT)
    qtbot.addWidget(dialog)
    listed = [dialog.agents.item(i).text() for i in range(dialog.agents.count())]
    assert len(listed) == 1 and "Bob" in listed[0]
