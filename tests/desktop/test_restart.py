"""Starting the app again: it logs in from the keyring and shows the cache at once."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

from PySide6.QtCore import QSettings

from agent_app import credentials
from agent_app.app import AgentApp, relay_argument
from agent_app.net.client import ConnectionState, Login
from agent_app.settings import Preferences
from shared_protocol import frames
from tests.helpers.clients import VisitorClient
from tests.helpers.desk import until
from tests.helpers.keyring import MemoryKeyring
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay, relay_stopped


async def test_restart_logs_in_from_the_keyring_and_shows_the_cache_before_the_relay(
    tmp_path: Path, memory_keyring: MemoryKeyring, relay: RunningRelay
) -> None:
    preferences = Preferences(relay_url=relay.http, user=AGENT_NAME, popup_arrivals=False)
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    first = AgentApp(preferences, store, tmp_path / "app")
    session = asyncio.create_task(first.session(Login(AGENT_NAME, AGENT_PASSWORD), True))
    await until(lambda: first.desk is not None and first.desk.state is ConnectionState.ONLINE)
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("Do you teach Mongolian speakers?")).conversation
    await until(lambda: first.desk is not None and first.desk.transcripts.get(conversation))
    await visitor.close()
    first.done.set()
    assert await session is True
    token = credentials.remembered(relay.http, AGENT_NAME)
    assert token is not None and token != AGENT_PASSWORD

    async with relay_stopped(relay):  # the second start shows the cached chat anyway
        second = AgentApp(preferences, store, tmp_path / "app")
        session = asyncio.create_task(second.session(Login(AGENT_NAME, token=token), True))
        await until(
            lambda: second.desk is not None and bool(second.desk.transcripts.get(conversation))
        )
        desk = second.desk
        assert desk is not None
        assert desk.state is not ConnectionState.ONLINE
        assert [m.text for m in desk.transcripts[conversation].values()] == [
            "Do you teach Mongolian speakers?"
        ]
    try:
        assert desk.client is not None
        desk.client.reconnect_now()
        await until(lambda: desk.state is ConnectionState.ONLINE, within=20)
        assert desk.me is not None and desk.me.name == AGENT_NAME  # by token, no password
    finally:
        second.done.set()
        assert await session is True


async def test_log_out_ends_the_session_on_the_relay_and_forgets_the_token(
    tmp_path: Path, memory_keyring: MemoryKeyring, relay: RunningRelay
) -> None:
    preferences = Preferences(relay_url=relay.http, user=AGENT_NAME)
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app = AgentApp(preferences, store, tmp_path / "app")
    session = asyncio.create_task(app.session(Login(AGENT_NAME, AGENT_PASSWORD), True))
    await until(lambda: credentials.remembered(relay.http, AGENT_NAME) is not None)
    token = credentials.remembered(relay.http, AGENT_NAME)
    assert app.desk is not None
    app.desk.window.logout_requested.emit()
    assert await session is False  # back to the login dialog
    assert credentials.remembered(relay.http, AGENT_NAME) is None
    from tests.helpers.clients import AgentClient

    refused = await AgentClient.connect(relay.url, token=token)
    assert (await refused.expect(frames.Error)).code == "auth_failed"


def test_settings_are_saved_and_loaded_back(tmp_path: Path) -> None:
    from agent_app.views.settings import SettingsDialog

    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    preferences = Preferences.load(store)
    dialog = SettingsDialog(preferences)
    dialog.sound.setChecked(False)
    dialog.arrivals.setChecked(False)
    dialog.relay.setText("https://chat.school.example")
    dialog.apply_to(preferences)
    preferences.save(store)
    loaded = Preferences.load(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert (loaded.sound, loaded.popup_arrivals, loaded.popup_messages) == (False, False, True)
    assert loaded.relay_url == "https://chat.school.example"


async def test_a_typed_login_that_finds_no_relay_goes_back_to_the_login_box(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        nowhere = f"http://127.0.0.1:{probe.getsockname()[1]}"
    preferences = Preferences(relay_url=nowhere, user=AGENT_NAME)
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app = AgentApp(preferences, store, tmp_path / "app")
    async with asyncio.timeout(20):
        finished = await app.session(Login(AGENT_NAME, AGENT_PASSWORD), False)
    assert finished is False and app.unreachable  # main_async asks again, naming the address
    assert app.tray.status is frames.AgentStatus.OFFLINE  # never shown online meanwhile


async def test_the_status_chosen_is_the_status_of_the_next_start(
    tmp_path: Path, memory_keyring: MemoryKeyring, relay: RunningRelay
) -> None:
    preferences = Preferences(relay_url=relay.http, user=AGENT_NAME, popup_arrivals=False)
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = AgentApp(preferences, store, tmp_path / "app")
    session = asyncio.create_task(first.session(Login(AGENT_NAME, AGENT_PASSWORD), True))
    await until(lambda: first.desk is not None and first.desk.state is ConnectionState.ONLINE)
    assert first.desk is not None
    first.desk.window.status_button.actions_by_status[frames.AgentStatus.AWAY].trigger()
    first.done.set()
    assert await session is True

    again = AgentApp(Preferences.load(store), store, tmp_path / "app")
    token = credentials.remembered(relay.http, AGENT_NAME)
    session = asyncio.create_task(again.session(Login(AGENT_NAME, token=token), True))
    await until(lambda: again.desk is not None and again.desk.state is ConnectionState.ONLINE)
    visitor = await VisitorClient.connect(relay.url)
    assert not (await visitor.expect(frames.Welcome)).agents_online  # Away from the start
    assert again.desk is not None and again.desk.window.status_button.text() == "Away"
    await visitor.close()
    again.done.set()
    assert await session is True


def test_the_relay_to_use_can_be_given_on_the_command_line() -> None:
    assert relay_argument(["--relay", "http://127.0.0.1:9000"]) == "http://127.0.0.1:9000"
    assert relay_argument(["-platform", "xcb"]) == ""  # Qt's own options pass by
