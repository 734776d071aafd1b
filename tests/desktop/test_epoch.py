"""The app after the relay's database was restored from a backup (protocol §5.4): the
welcome's new epoch makes it drop what it held and cached of the old history and fetch
afresh, whether it stayed open through the restore or was started again on its cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from agent_app.net.client import ConnectionState, Login
from relay.app import database_path
from shared_protocol import frames
from tests.helpers.backups import put_back, store_agent_message, vacuum_into
from tests.helpers.clients import VisitorClient
from tests.helpers.desk import Running, plain, start_desk, stop_desk, until
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay, relay_stopped

QUESTION = "Is the weekend IELTS class full?"
LOST = "Two places left on Saturday."  # acknowledged, then lost with the restore
RESTORED = "Sorry, the class is full."  # the restored relay's seq 2


def _texts(running: Running, conversation: int) -> list[str]:
    return [m.text for _, m in sorted(running.desk.transcripts.get(conversation, {}).items())]


@pytest.mark.parametrize("app", ["stays_open", "started_again"])
async def test_after_a_restore_the_app_drops_the_old_history_and_fetches_the_new(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay, app: str
) -> None:
    running = await start_desk(tmp_path, relay.http, Login(AGENT_NAME, AGENT_PASSWORD))
    qtbot.addWidget(running.desk.window)
    await until(lambda: running.desk.state is ConnectionState.ONLINE)
    old_epoch = running.desk.session.epoch
    assert old_epoch != ""
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    conversation = (await visitor.say(QUESTION)).conversation
    await until(lambda: _texts(running, conversation) == [QUESTION])
    db = database_path(relay.relay.config)
    vacuum_into(db, db.with_name("backup.db"))  # the README's backup, while the relay runs
    running.desk.open_conversation(conversation)
    running.desk.chat.reply(conversation, LOST)
    await until(lambda: _texts(running, conversation) == [QUESTION, LOST])
    await visitor.close()
    if app == "started_again":
        await stop_desk(running)  # its cache keeps the old history and the old epoch

    async with relay_stopped(relay):
        put_back(db.with_name("backup.db"), db)
        assert await store_agent_message(db, conversation, RESTORED) == 2
    if app == "started_again":
        running = await start_desk(tmp_path, relay.http, Login(AGENT_NAME, AGENT_PASSWORD))
        qtbot.addWidget(running.desk.window)
    else:
        running.client.reconnect_now()
    desk = running.desk

    await until(lambda: _texts(running, conversation) == [QUESTION, RESTORED], within=20)
    assert desk.session.epoch not in ("", old_epoch)
    row = desk.conversations.row(conversation)
    assert row is not None and plain(row.last_text) == RESTORED
    desk.open_conversation(conversation)
    shown = [plain(desk.messages.index(n).data(Qt.ItemDataRole.DisplayRole)) for n in (0, 1)]
    assert shown[0].endswith(QUESTION) and shown[1].endswith(RESTORED)
    assert desk.messages.rowCount() == 2
    await desk.settle()
    cache = desk.cache
    assert await cache.epoch() == desk.session.epoch
    assert [m.text for m in await cache.messages(conversation)] == [QUESTION, RESTORED]
    assert await cache.search("places left") == []  # nothing of the old history is found
    await stop_desk(running)
