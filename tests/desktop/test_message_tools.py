"""Quote and withdraw from the agent app's chat pane, against a real relay and visitor."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from shared_protocol import frames
from tests.helpers.clients import VisitorClient
from tests.helpers.desk import online_desk, plain, stop_desk, until
from tests.helpers.relay_fixtures import RunningRelay


async def test_the_agent_quotes_a_question_and_withdraws_a_mistaken_reply(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay, monkeypatch: pytest.MonkeyPatch
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk, pane = running.desk, running.desk.window.chat
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    await visitor.say("Is there a weekend class?")
    ack = await visitor.say("And how much is it?")
    await until(lambda: len(desk.transcripts.get(ack.conversation, {})) == 2)
    row = desk.window.conversation_proxy.index(0, 0)
    await until(lambda: row.data(Qt.ItemDataRole.DisplayRole).endswith("\n● on the site now"))
    assert "2 new" in row.data(Qt.ItemDataRole.DisplayRole)
    assert row.data(Qt.ItemDataRole.FontRole).bold()  # unread: in bold
    desk.open_conversation(ack.conversation)
    assert row.data(Qt.ItemDataRole.FontRole) is None

    # Keyboard: select the first question, R quotes it, Enter sends.
    pane.transcript.setFocus()
    pane.transcript.setCurrentIndex(desk.messages.index(0))
    QTest.keyClick(pane.transcript, Qt.Key.Key_R)
    assert pane.quote_bar.isVisibleTo(pane)
    assert (
        pane.quote_text.text()
        == "Replying to \u2068Visitor\u2069: \u2068Is there a weekend class?\u2069"
    )
    QTest.keyClicks(pane.reply, "Yes: Saturdays, 9 to 12.")
    QTest.keyClick(pane.reply, Qt.Key.Key_Return)
    answer = await visitor.expect(frames.Message)
    assert answer.message.reply_to is not None
    assert (answer.message.reply_to.seq, answer.message.reply_to.text) == (
        1,
        "Is there a weekend class?",
    )
    assert not pane.quote_bar.isVisibleTo(pane)
    await until(lambda: desk.messages.rowCount() == 3 and desk.messages.entries[2].seq == 3)
    shown = plain(desk.messages.index(2).data(Qt.ItemDataRole.DisplayRole))
    assert "\n│ Visitor: Is there a weekend class?\nYes: Saturdays, 9 to 12." in shown

    # A wrong price goes out, and is withdrawn (the confirmation answered yes).
    QTest.keyClicks(pane.reply, "It costs ¥2,300")
    QTest.keyClick(pane.reply, Qt.Key.Key_Return)
    await visitor.expect(frames.Message)
    await until(lambda: desk.messages.rowCount() == 4 and desk.messages.entries[3].seq == 4)
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    pane.transcript.setCurrentIndex(desk.messages.index(3))
    QTest.keyClick(pane.transcript, Qt.Key.Key_Delete)
    withdrawn = await visitor.expect(frames.MessageWithdrawn)
    assert withdrawn.seq == 4
    await until(lambda: desk.messages.entries[3].withdrawn)
    shown = plain(desk.messages.index(3).data(Qt.ItemDataRole.DisplayRole))
    assert shown.endswith("\n(message withdrawn)") and "2,300" not in shown
    assert "2,300" not in row.data(Qt.ItemDataRole.DisplayRole)  # nor in the list's preview
    await desk.settle()
    cached = await desk.cache.messages(ack.conversation)
    assert cached[3].withdrawn and cached[3].text == ""
    assert await desk.cache.search("2,300") == []  # gone from the offline search too

    # Alice is an admin: the menu shows her the audit record.
    assert desk.window.withdrawals_action.isVisible()
    desk.window.withdrawals_action.trigger()
    await until(lambda: desk.audit.dialog is not None)
    assert desk.audit.dialog is not None
    table = desk.audit.dialog.table
    assert table.rowCount() == 1
    cells = [table.item(0, column) for column in (2, 4)]
    assert [cell.text() if cell else None for cell in cells] == ["Alice", "It costs ¥2,300"]
    desk.audit.dialog.close()
    await visitor.close()
    await until(lambda: "\nlast seen " in row.data(Qt.ItemDataRole.DisplayRole))
    await stop_desk(running)
