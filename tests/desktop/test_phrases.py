"""Canned phrases in the agent app: an admin's edit reaches a second agent's app live, and
a /shortcut with variables answers a real visitor."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from agent_app.net.client import ConnectionState, Login
from agent_app.views.phrases_panel import PHRASE_ROLE, PhraseDialog
from relay.core.credentials import hash_password
from shared_protocol import frames
from tests.helpers.clients import VisitorClient
from tests.helpers.desk import online_desk, start_desk, stop_desk, until
from tests.helpers.relay_fixtures import RunningRelay


async def test_an_admins_phrase_reaches_a_second_agent_who_answers_with_its_shortcut(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    await relay.relay.store.add_agent(
        "bob", "Bob", "agent", hash_password("bob's pass"), time.time()
    )
    alice = await online_desk(qtbot, tmp_path / "alice", relay)
    bob = await start_desk(tmp_path / "bob", relay.http, Login("bob", "bob's pass"))
    qtbot.addWidget(bob.desk.window)
    await until(lambda: bob.desk.state is ConnectionState.ONLINE)

    # A shortcut with a space is refused in the dialog, which stays open to mend it.
    careless = PhraseDialog(None, may_share=True)
    careless.title.setText("Price")
    careless.text.setPlainText("¥3,200")
    careless.shortcut.setText("weekend price")
    careless._check_and_accept()
    assert careless.result() == 0 and careless.problem.isVisibleTo(careless)
    assert careless.problem.text().startswith("A shortcut is letters, digits")

    # Alice writes a shared phrase in the dialog her panel opens.
    dialog = PhraseDialog(None, may_share=True)
    dialog.title.setText("Weekend price")
    dialog.category.setText("Prices/IELTS")
    dialog.shortcut.setText("/price")
    dialog.text.setPlainText(
        "Hello {visitor.name|there}, the {site.name} weekend course is ¥3,200."
    )
    dialog.shared.setChecked(True)
    alice.desk.window.phrases.save_requested.emit(None, dialog.draft(), None)

    tree = bob.desk.window.phrases.tree
    await until(lambda: tree.topLevelItemCount() == 1)  # live, without a restart
    prices = tree.topLevelItem(0)
    assert prices is not None and prices.text(0) == "Prices"
    ielts = prices.child(0)
    phrase_item = ielts.child(0) if ielts else None
    assert ielts is not None and ielts.text(0) == "IELTS"
    assert phrase_item is not None and phrase_item.text(0) == "Weekend price   /price"
    assert bob.desk.window.phrases.may_share is False

    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    await visitor.send(frames.Profile(name="Wang Li"))
    ack = await visitor.say("How much is the weekend class?")
    desk = bob.desk
    await until(lambda: desk.conversations.row(ack.conversation) is not None)
    await until(lambda: desk.conversations.row(ack.conversation).visitor_name == "Wang Li")  # type: ignore[union-attr]
    desk.open_conversation(ack.conversation)

    # Keyboard only: /price, Space expands it with the variables filled, Enter sends.
    reply = desk.window.reply
    QTest.keyClicks(reply, "/price")
    QTest.keyClick(reply, Qt.Key.Key_Space)
    expected = "Hello Wang Li, the Northwind Language School weekend course is ¥3,200."
    assert reply.toPlainText() == expected
    QTest.keyClick(reply, Qt.Key.Key_Return)
    assert (await visitor.expect(frames.Message)).message.text == expected

    # Search as you type in the panel; Enter inserts the first phrase found, to edit.
    panel = desk.window.phrases
    desk.window.show_phrases()
    QTest.keyClicks(panel.search, "weekend ielts")
    assert [item.data(0, PHRASE_ROLE).title for item in panel._phrase_items()] == ["Weekend price"]
    QTest.keyClick(panel.search, Qt.Key.Key_Return)
    assert reply.toPlainText() == expected

    # Alice changes it: Bob's panel and shortcut follow at once.
    [phrase] = alice.desk.phrases.held.values()
    dialog = PhraseDialog(phrase, may_share=True)
    dialog.text.setPlainText("From May: ¥3,400.")
    alice.desk.window.phrases.save_requested.emit(phrase.id, dialog.draft(), None)
    await until(lambda: desk.phrases.expand("price") == "From May: ¥3,400.")

    # CSV: Bob exports what he sees and imports it back as his own phrases.
    exported = tmp_path / "phrases.csv"
    desk.phrases.export_csv(exported)
    csv_text = exported.read_text("utf-8-sig").replace(",yes\n", ",no\n").replace(",price,", ",p2,")
    assert await desk.phrases.import_csv(csv_text) == 1
    await until(lambda: len(desk.phrases.held) == 2)
    mine = [p for p in desk.phrases.held.values() if not p.shared]
    assert [(p.title, p.shortcut, p.category) for p in mine] == [
        ("Weekend price", "p2", "Prices/IELTS")
    ]
    assert len(alice.desk.phrases.held) == 1  # Bob's own stay his
    await visitor.close()
    await stop_desk(bob)
    await stop_desk(alice)
