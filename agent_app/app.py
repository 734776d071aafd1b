"""`parley-agent`: the composition root. Starts the parts in order: preferences, login,
cache (shown at once), tray and pop-ups, then the connection to the relay.

A login typed in the login box keeps the box open until the relay welcomes it; a refusal
is said there (wrong password, no relay at the address, a wait the relay asked for), with
what was typed still in it. A remembered login shows the cache at once and waits for the
relay in the main window."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QDialog

from agent_app import credentials
from agent_app.cache import TranscriptCache, cache_path
from agent_app.desk import Desk
from agent_app.i18n import fill, install_translator
from agent_app.net.client import ConnectionState, Login, LoginWait, RelayClient
from agent_app.notify import FreedesktopNotifier, Notifier, NotifierChain, PlyerNotifier
from agent_app.runtime import QuitOnSignals, run
from agent_app.settings import Preferences
from agent_app.sound import Chime
from agent_app.theme import install_theme
from agent_app.tray import Tray, TrayNotifier
from agent_app.views.login import LoginDialog
from agent_app.views.settings import SettingsDialog
from shared_protocol import frames

log = logging.getLogger("parley.agent")


def data_dir() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location or Path.home() / ".parley-agent")


def relay_argument(arguments: list[str]) -> str:
    """`parley-agent --relay URL`: the relay to log in to (Qt's own options pass by)."""
    parser = argparse.ArgumentParser(prog="parley-agent")
    parser.add_argument("--relay", default="", help="the relay's address, e.g. http://host:8080")
    return str(parser.parse_known_args(arguments)[0].relay)


def no_relay_text(relay_url: str) -> str:
    return fill(
        QCoreApplication.translate(
            "AgentApp", "No Parley relay answers at %1. Check the address and that the relay runs."
        ),
        relay_url,
    )


def not_accepted_text() -> str:
    return QCoreApplication.translate(
        "AgentApp", "The relay did not accept this login. Check the user name and password."
    )


def login_box(preferences: Preferences) -> LoginDialog:
    box = LoginDialog(
        preferences.relay_url, preferences.user, can_remember=credentials.keyring_available()
    )
    box.setModal(True)  # Ctrl+C and SIGTERM close it as the active modal window
    return box


async def ask_login(
    box: LoginDialog, preferences: Preferences, quitting: asyncio.Event
) -> tuple[Login, bool] | None:
    """Show the login box until Log in is pressed (it stays open, busy, while the login is
    checked); None when the agent cancels or the app quits."""
    answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

    def pressed() -> None:
        if not answer.done():
            answer.set_result(True)

    def cancelled() -> None:
        if not answer.done():
            answer.set_result(False)

    box.submitted.connect(pressed)
    box.rejected.connect(cancelled)
    box.set_busy(False)
    box.show()
    box.raise_()
    box.activateWindow()
    quit_task: asyncio.Future[bool] = asyncio.ensure_future(quitting.wait())
    try:
        await asyncio.wait({answer, quit_task}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        quit_task.cancel()
        box.submitted.disconnect(pressed)
        box.rejected.disconnect(cancelled)
    if not answer.done() or not answer.result():
        return None
    preferences.relay_url = box.relay.text().strip()
    preferences.user = box.user.text().strip()
    return Login(user=preferences.user, password=box.password.text()), box.remember.isChecked()


class AgentApp:
    """One logged-in agent: the desk, the client and what keeps them running."""

    def __init__(self, preferences: Preferences, store: QSettings, folder: Path) -> None:
        self.preferences = preferences
        self.store = store
        self.folder = folder
        application = QApplication.instance()
        if isinstance(application, QApplication):
            application.setQuitOnLastWindowClosed(False)  # the app lives on in the tray
        self.tray = Tray()
        builders: list[Callable[[], Notifier]] = [
            FreedesktopNotifier,
            PlyerNotifier,
            lambda: TrayNotifier(self.tray),
        ]
        self.notifier = NotifierChain(builders)
        for refusal in self.notifier.refusals:
            log.info("event=notifier_unavailable reason=%s", refusal)
        self.chime = Chime(folder / "chime.wav", enabled=preferences.sound)
        self.done = asyncio.Event()
        self.desk: Desk | None = None
        self.logging_out = False
        self.unreachable = False  # a typed login found no relay at the address
        self.waiting: LoginWait | None = None  # a typed login the relay refused for now
        self.login_box: LoginDialog | None = None  # open while a typed login is checked
        self.tray.quit_requested.connect(self.done.set)
        self.tray.status_requested.connect(self.keep_status)

    def keep_status(self, status: frames.AgentStatus) -> None:
        """The status chosen is the one the next start begins with."""
        self.preferences.status = status.value
        self.preferences.save(self.store)

    def quit_now(self) -> None:
        """Ctrl+C or SIGTERM: as Quit, also from the login box."""
        self.done.set()
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modal.close()

    def edit_settings(self, desk: Desk) -> None:
        dialog = SettingsDialog(self.preferences)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            dialog.apply_to(self.preferences)
            self.preferences.save(self.store)
            self.chime.enabled = self.preferences.sound

    def log_out(self) -> None:
        """End the session on the relay, forget the remembered token, ask for a login."""
        self.logging_out = True
        self.done.set()

    def show_window(self, desk: Desk) -> None:
        if not self.preferences.start_minimised or not self.tray.available:
            desk.window.show()

    def welcomed(self, desk: Desk) -> None:
        """The relay took the login: the login box, if one waited for it, gives way to the
        main window."""
        box, self.login_box = self.login_box, None
        if box is not None:
            box.accept()
            box.deleteLater()
            self.show_window(desk)

    async def session(self, login: Login, remember: bool, box: LoginDialog | None = None) -> bool:
        """Run one login until quit (True) or until the relay refuses it (False). A typed
        login's `box` stays open until the relay welcomes it (then it is closed and
        `login_box` is None again); a refusal leaves it open for keep_logged_in to say why.
        Its Cancel quits, as it does before a login is sent."""
        self.login_box = box

        def cancelled() -> None:
            self.done.set()

        if box is not None:
            box.rejected.connect(cancelled)
        cache = TranscriptCache(cache_path(self.folder, self.preferences.relay_url, login.user))
        await cache.open()
        desk = Desk(
            cache=cache,
            preferences=self.preferences,
            notifier=self.notifier,
            chime=self.chime,
            tray=self.tray,
            status=self.preferences.agent_status(),
        )
        self.desk = desk
        await desk.show_cache()
        if box is None:
            self.show_window(desk)  # the cache at once, before the relay answers
        client = RelayClient(
            self.preferences.relay_url,
            _Remembering(desk, self, remember, typed=bool(login.password)),
            session=desk.session,
            status=desk.status,
        )
        desk.client = client
        desk.window.quit_requested.connect(self.done.set)
        desk.window.settings_requested.connect(lambda: self.edit_settings(desk))
        desk.window.logout_requested.connect(self.log_out)
        desk.window.status_button.status_requested.connect(self.keep_status)
        running = asyncio.create_task(client.run(login))
        quitting = asyncio.create_task(self.done.wait())
        await asyncio.wait({running, quitting}, return_when=asyncio.FIRST_COMPLETED)
        if self.login_box is not None:  # not welcomed: the box stays for what comes next
            self.login_box.rejected.disconnect(cancelled)
        refused = (
            desk.state is ConnectionState.AUTH_FAILED
            or self.logging_out
            or self.unreachable
            or self.waiting is not None
        )
        if self.logging_out:
            credentials.forget(self.preferences.relay_url, login.user)
            await client.logout()
        await client.stop()
        await running
        quitting.cancel()
        await desk.settle()
        await cache.close()
        desk.window.keep_in_tray = False
        desk.window.close()
        desk.window.deleteLater()
        return not refused


class _Remembering:
    """Passes everything to the desk, and keeps the session token once logged in."""

    def __init__(self, desk: Desk, app: AgentApp, remember: bool, *, typed: bool) -> None:
        self.desk, self.app, self.remember = desk, app, remember
        self.typed = typed  # a password from the login box, not a remembered token
        self.welcomed = False

    def connection_changed(self, state: ConnectionState, detail: str) -> None:
        if state is ConnectionState.AUTH_FAILED:
            credentials.forget(self.app.preferences.relay_url, self.app.preferences.user)
        if state is ConnectionState.OFFLINE and self.typed and not self.welcomed:
            # Nobody answers at the address just typed: back to the login box, which says
            # so. (A remembered login stays, offline, on its cache until the relay returns.)
            self.app.unreachable = True
            self.app.done.set()
        client = self.desk.client
        if state is ConnectionState.WAITING and self.typed and not self.welcomed and client:
            # The relay answers but takes no login for now (failed logins, busy): the
            # login box says so and counts down; the agent logs in again from there.
            self.app.waiting = client.wait
            self.app.done.set()
        self.desk.connection_changed(state, detail)

    def frame_received(self, frame: frames.Frame) -> None:
        if isinstance(frame, frames.LoginOk):
            self.welcomed = True
            self.app.welcomed(self.desk)
        if isinstance(frame, frames.LoginOk) and self.remember:
            credentials.remember(
                self.app.preferences.relay_url, self.app.preferences.user, frame.token
            )
        self.desk.frame_received(frame)


async def main_async(app: QApplication, relay: str) -> int:
    app.setApplicationName("Parley Agent")
    app.setOrganizationName("Parley")
    store = QSettings()
    preferences = Preferences.load(store)
    install_translator(app, preferences.language)  # before any window or the tray exists
    install_theme(app, preferences.theme)
    if relay and relay != preferences.relay_url:
        preferences.relay_url = relay  # ./dev run points the app at the relay it started
    folder = data_dir()
    agent = AgentApp(preferences, store, folder)
    watch = QuitOnSignals(agent.quit_now)  # noqa: F841  # lives as long as the app
    return await keep_logged_in(agent)


async def keep_logged_in(agent: AgentApp) -> int:
    """Log in (remembered, or typed in the login box) and work until Quit; after a refusal
    or a log-out, the login box again."""
    preferences, store = agent.preferences, agent.store
    box: LoginDialog | None = None  # the login box, open from a refusal until the next try
    while True:
        token = (
            credentials.remembered(preferences.relay_url, preferences.user)
            if preferences.user
            else None
        )
        if token and box is None:
            login, remember = Login(user=preferences.user, token=token), True
        else:
            box = box or login_box(preferences)
            asked = await ask_login(box, preferences, agent.done)
            if asked is None:
                box.close()
                return 0
            login, remember = asked
        preferences.save(store)
        if await agent.session(login, remember, box):
            if agent.login_box is not None:  # quit while the login was checked
                agent.login_box.close()
            return 0
        box = agent.login_box  # None once the relay had welcomed the login
        agent.login_box = None
        if agent.logging_out:
            agent.logging_out = False
            agent.done.clear()
            continue
        box = box or login_box(preferences)  # a remembered login the relay refused
        box.set_busy(False)
        if agent.waiting is not None:
            box.hold_back(agent.waiting)
        elif agent.unreachable:
            box.show_error(no_relay_text(preferences.relay_url))
        else:
            box.show_error(not_accepted_text())
            box.password.clear()
            box.password.setFocus()
        agent.unreachable, agent.waiting = False, None
        agent.done.clear()


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="ts=%(asctime)s level=%(levelname)s %(message)s")
    relay = relay_argument(sys.argv[1:])  # `--help` answered here, before Qt needs a display
    return run(lambda app: main_async(app, relay))


if __name__ == "__main__":
    sys.exit(main())
