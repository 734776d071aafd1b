"""Files in the agent app against a real relay: a visitor's image previews, a dropped file
reaches the visitor, a download lands in Downloads, a file phrase sends its file."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest
from PySide6.QtCore import QMimeData, QPointF, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from shared_protocol import frames
from shared_protocol.frames import PhraseDraft, PhraseKind
from tests.helpers.clients import VisitorClient, new_id
from tests.helpers.desk import online_desk, plain, stop_desk, until
from tests.helpers.images import png
from tests.helpers.relay_fixtures import RunningRelay


async def test_files_go_both_ways_in_the_app(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay, monkeypatch: pytest.MonkeyPatch
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    auth = {"Authorization": f"Visitor {welcome.token}", "X-Parley-Site": "demo"}
    async with aiohttp.ClientSession() as http:
        async with http.post(
            welcome.files_url, data=png(480, 320), headers={**auth, "X-File-Name": "map.png"}
        ) as response:
            image = frames.Attachment(**(await response.json())["file"])
        await visitor.send(frames.VisitorSend(id=new_id(), text="map.png", file=image.id))
        ack = await visitor.expect(frames.Ack)
        await until(lambda: desk.conversations.row(ack.conversation) is not None)
        desk.open_conversation(ack.conversation)
        await until(lambda: desk.messages.rowCount() == 1)
        assert "File: map.png" in plain(desk.messages.index(0).data(Qt.ItemDataRole.DisplayRole))
        await until(lambda: desk.messages.index(0).data(Qt.ItemDataRole.DecorationRole) is not None)
        preview = desk.messages.index(0).data(Qt.ItemDataRole.DecorationRole)
        assert (preview.width(), preview.height()) == (240, 160)  # 480×320, shrunk to fit

        # Double-click saves it into Downloads, next to a file of the same name.
        downloads = tmp_path / "Downloads"
        downloads.mkdir()
        (downloads / "map.png").write_bytes(b"older")
        monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _: str(downloads))
        saved = await desk.files.save(image)
        assert saved == downloads / "map (2).png" and saved.read_bytes() == png(480, 320)

        # The agent drops a price list on the chat: it reaches the visitor as a file.
        prices = tmp_path / "价格表.pdf"
        prices.write_bytes(b"%PDF-1.7 prices")
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(prices))])
        drop = QDropEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        desk.window.chat.dropEvent(drop)
        sent = (await visitor.expect(frames.Message)).message
        assert sent.file is not None and (sent.file.name, sent.file.size) == ("价格表.pdf", 15)
        async with http.get(f"{welcome.files_url}/{sent.file.id}", headers=auth) as response:
            assert await response.read() == b"%PDF-1.7 prices"
        await until(lambda: desk.messages.rowCount() == 2 and desk.messages.entries[1].seq == 2)
        shown = plain(desk.messages.index(1).data(Qt.ItemDataRole.DisplayRole))
        assert "File: 价格表.pdf" in shown

    # A file phrase: saved with its file, then one click sends the file.
    await desk.phrases.save(
        None, PhraseDraft(title="Price list", kind=PhraseKind.FILE, shared=True), prices
    )
    await until(lambda: len(desk.phrases.held) == 1)
    [phrase] = desk.phrases.held.values()
    assert phrase.file is not None and phrase.file.name == "价格表.pdf"
    desk.phrases.use(phrase, False)  # a file cannot wait in the reply box: it is sent
    again = (await visitor.expect(frames.Message)).message
    assert again.file == phrase.file
    await visitor.close()
    await stop_desk(running)
