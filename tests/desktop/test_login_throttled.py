"""A login the relay refuses for now (`rate_limited`: a locked-out account, one of the
growing waits after failed logins, a relay busy checking passwords, a shut-out) is a wait,
said as one: in the login box, which stays open with what was typed and counts its Log in
button down, and on the connection line of an app that reconnects by itself. Never "no
relay answers", which sends staff looking for a dead server. A wrong password and an
address where nothing answers keep their own words."""

from __future__ import annotations

import asyncio
import re
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from websockets.asyncio.client import connect

from agent_app import i18n
from agent_app.app import AgentApp, keep_logged_in
from agent_app.desk import Desk
from agent_app.net.client import ConnectionState, Login
from agent_app.settings import Preferences
from agent_app.views.login import LoginDialog
from relay.core import credentials as relay_credentials
from relay.core.credentials import hash_password
from shared_protocol import PROTOCOL_VERSION, codec, frames, limits
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay, start_relay

NURSE, NURSE_PASSWORD = "nurse", "night shift 2"
# 1 free failure, then a wait of 2 s, and the 3rd failure locks the account for 6 minutes.
LOCKOUT = {
    "login_free_failures": 1,
    "login_first_delay_seconds": 2.0,
    "login_lockout_failures": 3,
    "login_lockout_minutes": 6.0,
}


async def until(check: Callable[[], object], within: float = 15) -> None:
    async with asyncio.timeout(within):
        while not check():  # noqa: ASYNC110
            await asyncio.sleep(0.02)


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    """As the app starts in English: its plural forms ("1 second") installed."""
    assert i18n.install_translator(qapp, i18n.ENGLISH) is not None
    yield
    i18n.remove_translators(qapp)


@pytest.fixture
async def relay(tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[RunningRelay]:
    """A relay with the login settings the test names (`settings` parameter), and nurse."""
    settings = getattr(request, "param", LOCKOUT)
    running = await start_relay(tmp_path / "data", **settings)
    await running.relay.store.add_agent(
        NURSE, "Nurse", "agent", hash_password(NURSE_PASSWORD), time.time()
    )
    try:
        yield running
    finally:
        await running.relay.stop()


async def password_login(relay: RunningRelay, user: str, password: str) -> frames.Frame:
    """One password login on its own connection: the relay's first answer."""
    async with connect(
        f"{relay.url}/ws/agent", compression=None, max_size=limits.MAX_RELAY_FRAME_BYTES
    ) as ws:
        login = frames.Login(v=PROTOCOL_VERSION, user=user, password=password)
        await ws.send(codec.agent_relay_side.encode(login))
        answer: frames.Frame = codec.agent_client_side.decode(await ws.recv(decode=False))
        return answer


async def lock_out(relay: RunningRelay, user: str = NURSE) -> None:
    """Wrong passwords until the account is locked, waiting between them as told."""
    while True:
        answer = await password_login(relay, user, "wrong guess")
        assert isinstance(answer, frames.Error), answer
        if answer.code == "rate_limited":
            assert answer.retry_after is not None
            if answer.retry_after > 60:
                return  # locked
            await asyncio.sleep(answer.retry_after)
        else:
            assert answer.code == "auth_failed"


def app_for(relay_url: str, tmp_path: Path, user: str = NURSE) -> AgentApp:
    preferences = Preferences(relay_url=relay_url, user=user, popup_arrivals=False)
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AgentApp(preferences, store, tmp_path / "app")


def open_login_box() -> LoginDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, LoginDialog) and widget.isVisible():
            return widget
    return None


async def type_login(password: str) -> LoginDialog:
    """The agent types the password into the open login box and presses Log in."""
    await until(lambda: open_login_box() is not None and open_login_box().log_in.isEnabled())  # type: ignore[union-attr]
    box = open_login_box()
    assert box is not None
    box.password.setText(password)
    box.log_in.click()
    return box


async def quit_app(agent: AgentApp, running: asyncio.Task[int]) -> None:
    agent.quit_now()
    assert await asyncio.wait_for(running, 15) == 0


# ------------------------------------------------------------------ in the login box


async def test_a_throttled_typed_login_is_a_wait_not_an_unreachable_relay(
    tmp_path: Path, memory_keyring: object, relay: RunningRelay
) -> None:
    """The user's report: before, the refusal was taken for "no relay answers"."""
    await lock_out(relay)
    agent = app_for(relay.http, tmp_path)
    async with asyncio.timeout(20):
        finished = await agent.session(Login(NURSE, NURSE_PASSWORD), False)
    assert finished is False  # back to the login box …
    assert not agent.unreachable  # … not to say that the relay is down
    assert agent.waiting is not None and 300 < agent.waiting.seconds <= 360


async def test_a_locked_out_agent_is_told_to_wait_and_the_log_in_button_counts_down(
    tmp_path: Path, memory_keyring: object, relay: RunningRelay
) -> None:
    await lock_out(relay)
    agent = app_for(relay.http, tmp_path)
    shown: list[object] = []  # main windows shown
    show_window = agent.show_window

    def showing(desk: Desk) -> None:
        shown.append(desk)
        show_window(desk)

    agent.show_window = showing  # type: ignore[method-assign]
    running = asyncio.create_task(keep_logged_in(agent))
    box = await type_login(NURSE_PASSWORD)
    assert box.log_in.text() == "Logging in…" and box.user.isReadOnly()
    QTest.keyClick(box.password, Qt.Key.Key_Return)  # pressed twice: nothing more happens
    await until(lambda: box.error.isVisible())

    assert box.error.text() == "Too many failed logins. Try again in 6 minutes."
    assert open_login_box() is box  # the same box stayed open …
    assert box.user.text() == NURSE and box.password.text() == NURSE_PASSWORD  # … as typed
    assert shown == []  # the main window never came up between
    assert not box.log_in.isEnabled()
    first = box.log_in.text()
    assert re.fullmatch(r"Log in \((6:00|5:5\d)\)", first), first
    await until(lambda: box.log_in.text() != first, within=3)  # counting down
    # Enter out of habit does not log in, nor press Cancel (which quits the app).
    assert box.focusWidget() is box.password
    QTest.keyClick(box.password, Qt.Key.Key_Return)
    await asyncio.sleep(0.1)
    assert open_login_box() is box and not running.done()
    assert re.fullmatch(r"Log in \(5:5\d\)", box.log_in.text())

    # A colleague at the same desk is not held up by nurse's lockout.
    box.user.setText(AGENT_NAME)
    assert box.log_in.isEnabled() and box.log_in.text() == "Log in"
    assert not box.error.isVisible()
    box.user.setText(NURSE)
    assert not box.log_in.isEnabled() and box.error.text().startswith("Too many failed")
    await quit_app(agent, running)


@pytest.mark.parametrize(
    "relay",
    [{**LOCKOUT, "login_first_delay_seconds": 3.0, "login_lockout_failures": 10}],
    indirect=True,
    ids=["short_wait"],
)
async def test_a_short_wait_counts_down_and_then_the_same_login_goes_through(
    tmp_path: Path, memory_keyring: object, relay: RunningRelay
) -> None:
    while True:
        answer = await password_login(relay, NURSE, "wrong guess")
        assert isinstance(answer, frames.Error), answer
        if answer.code == "rate_limited":
            break
        assert answer.code == "auth_failed"
    agent = app_for(relay.http, tmp_path)  # told to wait 3 s: nurse logs in at once
    running = asyncio.create_task(keep_logged_in(agent))
    box = await type_login(NURSE_PASSWORD)
    await until(lambda: box.error.isVisible())
    said = box.error.text()
    assert re.fullmatch(
        r"The relay asks to wait before the next login\. Try again in [23] seconds\.", said
    ), said
    assert re.fullmatch(r"Log in \(0:0[23]\)", box.log_in.text()) and not box.log_in.isEnabled()

    await until(lambda: box.log_in.isEnabled(), within=5)  # no login sent meanwhile
    assert box.log_in.text() == "Log in"
    assert box.error.text() == "The wait is over: you may log in again."
    assert agent.desk is not None and agent.desk.state is not ConnectionState.ONLINE
    box.log_in.click()  # the password kept in the box
    await until(lambda: agent.desk is not None and agent.desk.state is ConnectionState.ONLINE)
    assert open_login_box() is None and agent.desk.window.isVisible()
    await quit_app(agent, running)


@pytest.mark.parametrize(
    "relay", [{"password_check_threads": 1, "password_check_queue": 0}], indirect=True
)
async def test_a_relay_busy_checking_passwords_asks_for_a_moment(
    tmp_path: Path,
    memory_keyring: object,
    relay: RunningRelay,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release, started = threading.Event(), threading.Event()
    real = relay_credentials.password_matches

    def held_check(password_hash: str, password: str) -> bool:
        if password == "someone else's":
            started.set()
            release.wait(10)
        return real(password_hash, password)

    monkeypatch.setattr(relay_credentials, "password_matches", held_check)
    other = asyncio.create_task(password_login(relay, AGENT_NAME, "someone else's"))
    await until(started.is_set)  # the relay's one password check is taken
    agent = app_for(relay.http, tmp_path)
    running = asyncio.create_task(keep_logged_in(agent))
    box = await type_login(NURSE_PASSWORD)
    await until(lambda: box.error.isVisible())
    release.set()
    await other
    said = box.error.text()
    assert said == "The relay asks to wait before the next login. Try again in 1 second.", said
    assert "Too many failed" not in box.error.text()  # it was no failure of nurse's
    await quit_app(agent, running)


async def test_a_wrong_password_and_a_dead_address_keep_their_own_words(
    tmp_path: Path, memory_keyring: object, relay: RunningRelay
) -> None:
    agent = app_for(relay.http, tmp_path)
    running = asyncio.create_task(keep_logged_in(agent))
    box = await type_login("not my password")
    await until(lambda: box.error.isVisible())
    assert box.error.text() == (
        "The relay did not accept this login. Check the user name and password."
    )
    assert box.password.text() == "" and box.log_in.isEnabled()
    await quit_app(agent, running)

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        nowhere = f"http://127.0.0.1:{probe.getsockname()[1]}"
    agent = app_for(nowhere, tmp_path / "elsewhere")
    running = asyncio.create_task(keep_logged_in(agent))
    box = await type_login(NURSE_PASSWORD)
    await until(lambda: box.error.isVisible(), within=20)
    assert box.error.text() == (
        f"No Parley relay answers at {nowhere}. Check the address and that the relay runs."
    )
    assert box.password.text() == NURSE_PASSWORD and box.log_in.isEnabled()
    await quit_app(agent, running)


# ------------------------------------------------------------------ reconnecting by itself

# An agent that kept sending while told to wait is shut out: its connection is closed
# (1013) and its token logins are refused with rate_limited until the shut-out is over.
SHUT_OUT = {"agent_frame_burst": 5, "agent_frames_per_second": 1, "shut_out_bursts": 1}


@pytest.mark.parametrize(
    ("relay", "line"),
    [
        (
            {**SHUT_OUT, "shut_out_seconds": 370},
            r"Offline: the relay asks to wait, trying again in 6 minutes",
        ),
        (
            {**SHUT_OUT, "shut_out_seconds": 40},
            r"Offline: the relay asks to wait, trying again in (40|39|38) seconds",
        ),
    ],
    indirect=["relay"],
    ids=["long", "short"],
)
async def test_a_reconnect_whose_token_login_is_throttled_says_it_waits_and_how_long(
    tmp_path: Path, memory_keyring: object, relay: RunningRelay, line: str
) -> None:
    agent = app_for(relay.http, tmp_path, AGENT_NAME)
    session = asyncio.create_task(agent.session(Login(AGENT_NAME, AGENT_PASSWORD), True))
    await until(lambda: agent.desk is not None and agent.desk.state is ConnectionState.ONLINE)
    desk = agent.desk
    assert desk is not None and desk.client is not None
    lines: list[str] = []  # every connection line shown from here on
    show_connection = desk.window.show_connection

    def showing(text: str) -> None:
        lines.append(text)
        show_connection(text)

    desk.window.show_connection = showing  # type: ignore[method-assign]
    for _ in range(30):  # far over the agent's frame rate: shut out, disconnected
        desk.client.send(frames.SetStatus(status=frames.AgentStatus.ONLINE))
    await until(lambda: desk.state is ConnectionState.WAITING, within=20)

    shown = desk.window.connection.text()
    assert re.fullmatch(line, shown), shown
    assert not [text for text in lines if "no answer" in text], lines  # not even between
    if shown.endswith("seconds"):  # the line counts down
        await until(lambda: desk.window.connection.text() != shown, within=3)
    desk.client.reconnect_now()  # the network "came back": the relay's wait still holds
    await asyncio.sleep(0.5)
    assert desk.state is ConnectionState.WAITING
    assert desk.window.status_button.text() == "Offline"
    agent.done.set()
    assert await asyncio.wait_for(session, 15) is True


# ------------------------------------------------------------------ in every language


@pytest.mark.parametrize("code", [i18n.CHINESE, i18n.MONGOLIAN])
@pytest.mark.parametrize(("seconds", "left"), [(370, 365), (370, 42), (1, 1)])
def test_the_waits_are_said_in_the_agents_language(
    qapp: QApplication, code: str, seconds: float, left: float
) -> None:
    """The login box while it waits, and the connection line: no English left."""
    from agent_app.desk import connection_text
    from agent_app.net.client import LoginWait
    from tests.desktop.test_i18n import assert_no_english, shown_texts

    assert i18n.install_translator(qapp, code) is not None
    wait = LoginWait(seconds, time.monotonic() + left)
    box = LoginDialog("https://chat.example.com", NURSE, can_remember=False)
    box.hold_back(wait)
    texts = shown_texts(box)
    assert ("QLabel", box.error.text()) in texts and box.error.text().count(str(left)) == (
        1 if left < 120 else 0
    )
    line = connection_text(ConnectionState.WAITING, "", "http://127.0.0.1:8080", wait)
    texts.append(("connection line", line))
    assert_no_english(texts)
    box.set_busy(True)
    assert_no_english([("busy button", box.log_in.text())])
    box.deleteLater()
