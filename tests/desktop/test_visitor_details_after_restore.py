"""The visitor panel's chats stay true: after the relay's database was restored (a new
epoch: the app drops what it held and fetches afresh) the panel shows the relay's present
record, not what it had fetched of the old history, and a chat it lists counts the
messages the app holds as they arrive.

A user's report: right after a restore, with no chat selected, the panel listed the open
chat #1 under "Earlier" as "1 message" when it had 3."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from agent_app import i18n
from agent_app.app import AgentApp
from agent_app.net.client import ConnectionState, Login
from agent_app.settings import Preferences
from relay.app import Relay, database_path
from shared_protocol import frames
from tests.helpers.backups import put_back, vacuum_into
from tests.helpers.clients import VisitorClient
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay, start_relay


async def until(check: Callable[[], object], within: float = 15) -> None:
    async with asyncio.timeout(within):
        while not check():  # noqa: ASYNC110
            await asyncio.sleep(0.02)


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    """As the app starts in English: its plural forms ("1 message") installed."""
    assert i18n.install_translator(qapp, i18n.ENGLISH) is not None
    yield
    i18n.remove_translators(qapp)


@pytest.fixture
async def relay(tmp_path: Path) -> AsyncIterator[RunningRelay]:
    running = await start_relay(tmp_path / "data")
    try:
        yield running
    finally:
        await running.relay.stop()


async def restore(relay: RunningRelay, backup: Path) -> None:
    """IT staff stop the relay, put the backup back and start it again (same port)."""
    config, port = relay.relay.config, relay.relay.port
    await relay.relay.stop()
    put_back(backup, database_path(config))
    relay.relay = Relay(msgspec.structs.replace(config, port=port))
    await relay.relay.start()


async def test_after_a_restore_the_panel_counts_the_open_chat_as_it_grows(
    tmp_path: Path, memory_keyring: object, relay: RunningRelay
) -> None:
    preferences = Preferences(relay_url=relay.http, user=AGENT_NAME, popup_arrivals=False)
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    agent = AgentApp(preferences, store, tmp_path / "app")
    session = asyncio.create_task(agent.session(Login(AGENT_NAME, AGENT_PASSWORD), False))
    await until(lambda: agent.desk is not None and agent.desk.state is ConnectionState.ONLINE)
    desk = agent.desk
    assert desk is not None and desk.client is not None
    window = desk.window

    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    chat = (await visitor.say("Is the weekend class full?")).conversation
    await until(lambda: desk.conversations.row(chat) is not None)
    desk.open_conversation(chat)  # its visitor's details come up beside it
    await until(lambda: desk.visitor_feature.shown_details is not None)
    db = database_path(relay.relay.config)
    vacuum_into(db, db.with_name("backup.db"))  # the chat has 1 message
    await visitor.say("Hello?")
    await visitor.close()

    await restore(relay, db.with_name("backup.db"))
    desk.client.reconnect_now()
    await until(lambda: desk.session.history_replaced and desk.state is ConnectionState.ONLINE)
    assert desk.selection.conversation is None  # nothing of the old history stays in view
    assert desk.selection.visitor == welcome.visitor  # the visitor's panel does
    fetched = desk.visitor_feature.shown_details
    back = await VisitorClient.connect(relay.url, token=welcome.token)
    assert (await back.expect(frames.Welcome)).conversation.id == chat  # type: ignore[union-attr]
    # The visitor's return is news to the app, which asks for their details again …
    await until(lambda: desk.visitor_feature.shown_details is not fetched)
    assert window.detail_labels["Earlier"].text().endswith(", 1 message")
    await back.say("Are you there?")
    await back.say("Anyone?")  # the restored chat now has 3 messages
    await until(lambda: (row := desk.conversations.row(chat)) is not None and row.last_seq == 3)

    # … but not for each message: the panel counts what the app holds.
    earlier = window.detail_labels["Earlier"]
    await until(lambda: earlier.text().endswith(", 3 messages"), within=5)
    assert earlier.text().startswith(f"chat #{chat}, ")
    await back.close()
    agent.done.set()
    assert await asyncio.wait_for(session, 15) is True


async def test_a_new_login_asks_again_for_the_details_of_the_visitor_in_view(
    tmp_path: Path, memory_keyring: object, relay: RunningRelay
) -> None:
    """What was fetched before a reconnect may be of a history since replaced: asked again."""
    preferences = Preferences(relay_url=relay.http, user=AGENT_NAME, popup_arrivals=False)
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    agent = AgentApp(preferences, store, tmp_path / "app")
    session = asyncio.create_task(agent.session(Login(AGENT_NAME, AGENT_PASSWORD), False))
    await until(lambda: agent.desk is not None and agent.desk.state is ConnectionState.ONLINE)
    desk = agent.desk
    assert desk is not None and desk.client is not None
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    await until(lambda: desk.visitors.get(welcome.visitor) is not None)
    desk.open_visitor(welcome.visitor)  # watching: no chat yet
    await until(lambda: desk.visitor_feature.shown_details is not None)
    before = desk.visitor_feature.shown_details

    asked: list[frames.Frame] = []
    send = desk.client.send

    def sending(frame: frames.Frame) -> bool:
        asked.append(frame)
        return send(frame)

    desk.client.send = sending  # type: ignore[method-assign]
    await restore(relay, _backup_now(relay))
    desk.client.reconnect_now()
    await until(lambda: desk.session.history_replaced and desk.state is ConnectionState.ONLINE)
    assert frames.DetailsRequest(visitor=welcome.visitor) in asked
    await until(lambda: desk.visitor_feature.shown_details is not before)
    await visitor.close()
    agent.done.set()
    assert await asyncio.wait_for(session, 15) is True


def _backup_now(relay: RunningRelay) -> Path:
    db = database_path(relay.relay.config)
    backup = db.with_name(f"backup-{time.monotonic_ns()}.db")
    vacuum_into(db, backup)
    return backup
