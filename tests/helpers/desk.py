"""The agent app's desk as the desktop tests build it: its own parts, a recording
notifier, a silent chime; logged in to a test relay (relay_fixtures), Qt offscreen."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path

from pytestqt.qtbot import QtBot

from agent_app.cache import TranscriptCache
from agent_app.desk import Desk
from agent_app.net.client import ConnectionState, Login, RelayClient
from agent_app.notify import Action, NotifierChain
from agent_app.settings import Preferences
from agent_app.sound import Chime
from agent_app.text import FSI, PDI
from agent_app.tray import Tray
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay


class RecordingNotifier:
    """Pop-ups as the app would show them: (title, body), the key each replaces, what a
    click runs and the actions offered (a notifier that carries actions unless told)."""

    name = "recording"

    def __init__(self, *, carries_actions: bool = True) -> None:
        self.carries_actions = carries_actions
        self.shown: list[tuple[str, str]] = []
        self.keys: list[str] = []
        self.clicks: list[Callable[[], None] | None] = []
        self.actions: list[list[Action]] = []

    def notify(
        self,
        title: str,
        body: str,
        on_click: Callable[[], None] | None = None,
        *,
        key: str = "",
        actions: Sequence[Action] = (),
    ) -> None:
        self.shown.append((title, body))
        self.keys.append(key)
        self.clicks.append(on_click)
        self.actions.append(list(actions))


def plain(text: str) -> str:
    """Shown text without the bidi isolates that wrap every visitor's words."""
    return text.replace(FSI, "").replace(PDI, "")


async def until(check: Callable[[], object], within: float = 15) -> None:
    """Poll: the state lives in Qt models, which have no awaitable to wait on."""
    async with asyncio.timeout(within):
        while not check():  # noqa: ASYNC110
            await asyncio.sleep(0.02)


class Running:
    def __init__(
        self, desk: Desk, client: RelayClient, task: asyncio.Task[None], notifier: RecordingNotifier
    ) -> None:
        self.desk, self.client, self.task, self.notifier = desk, client, task, notifier


_started: list[Running] = []  # the desks of the test running now


def end_leftover_caches() -> None:
    """After a test that failed before `stop_desk`: end its caches' database threads.
    aiosqlite's thread is no daemon, and one left running keeps pytest from exiting."""
    for running in _started:
        database = running.desk.cache._db  # None once closed
        if database is not None:
            database.stop()
    _started.clear()


async def start_desk(
    tmp_path: Path, relay_http: str, login: Login, notifier: NotifierChain | None = None
) -> Running:
    """A desk logging in; its pop-ups recorded, or shown by `notifier` when given (then
    `Running.notifier` records nothing)."""
    cache = TranscriptCache(tmp_path / "cache.sqlite")
    await cache.open()
    recording = RecordingNotifier()
    chain = notifier or NotifierChain([lambda: recording])
    desk = Desk(
        cache=cache,
        preferences=Preferences(relay_url=relay_http, user=AGENT_NAME),
        notifier=chain,
        chime=Chime(tmp_path / "chime.wav", enabled=True),
        tray=Tray(),
    )
    desk.chime.play = lambda: setattr(desk.chime, "played", desk.chime.played + 1)  # type: ignore[method-assign]
    await desk.show_cache()
    client = RelayClient(relay_http, desk, session=desk.session)
    desk.client = client
    task = asyncio.create_task(client.run(login))
    running = Running(desk, client, task, recording)
    _started.append(running)
    return running


async def online_desk(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay, notifier: NotifierChain | None = None
) -> Running:
    """A desk logged in as Alice, its window watched by qtbot."""
    running = await start_desk(tmp_path, relay.http, Login(AGENT_NAME, AGENT_PASSWORD), notifier)
    qtbot.addWidget(running.desk.window)
    await until(lambda: running.desk.state is ConnectionState.ONLINE)
    return running


async def stop_desk(running: Running) -> None:
    running.desk.idle.stop()  # its filter off the application: later tests' events skip it
    await running.client.stop()
    await running.task
    await running.desk.settle()
    await running.desk.cache.close()
    running.desk.window.keep_in_tray = False
    running.desk.window.close()
