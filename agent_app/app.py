"""`parley-agent`: the composition root. Starts the parts in order: preferences, login,
cache (shown at once), tray and pop-ups, then the connection to the relay."""

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
from agent_app.net.client import ConnectionState, Login, RelayClient
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


def ask_login(preferences: Preferences, error: str = "") -> tuple[Login, bool] | None:
    """The login dialog; None when the agent cancels."""
    dialog = LoginDialog(
        preferences.relay_url, preferences.user, can_remember=credentials.keyring_available()
    )
    dialog.show_error(error)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    preferences.relay_url = dialog.relay.text().strip()
    preferences.user = dialog.user.text().strip()
    return Login(
        user=preferences.user, password=dialog.password.text()
    ), dialog.remember.isChecked()


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

    async def session(self, login: Login, remember: bool) -> bool:
        """Run one login until quit (True) or until the relay refuses it (False)."""
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
        if not self.preferences.start_minimised or not self.tray.available:
            desk.window.show()
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
        refused = desk.state is ConnectionState.AUTH_FAILED or self.logging_out or self.unreachable
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
        self.desk.connection_changed(state, detail)

    def frame_received(self, frame: frames.Frame) -> None:
        if isinstance(frame, frames.LoginOk):
            self.welcomed = True
        if isinstance(frame, frames.LoginOk) and self.remember:
            credentials.remember(
                self.app.preferences.relay_url, self.app.preferences.user, frame.token
            )
        self.desk.frame_received(frame)


async def main_async(app: QApplication) -> int:
    app.setApplicationName("Parley Agent")
    app.setOrganizationName("Parley")
    store = QSettings()
    preferences = Preferences.load(store)
    install_translator(app, preferences.language)  # before any window or the tray exists
    install_theme(app, preferences.theme)
    relay = relay_argument(sys.argv[1:])
    if relay and relay != preferences.relay_url:
        preferences.relay_url = relay  # ./dev run points the app at the relay it started
    folder = data_dir()
    agent = AgentApp(preferences, store, folder)
    watch = QuitOnSignals(agent.quit_now)  # noqa: F841  # lives as long as the app
    error = ""
    while True:
        token = (
            credentials.remembered(preferences.relay_url, preferences.user)
            if preferences.user
            else None
        )
        if token and not error:
            login, remember = Login(user=preferences.user, token=token), True
        else:
            asked = ask_login(preferences, error)
            if asked is None:
                return 0
            login, remember = asked
        preferences.save(store)
        if await agent.session(login, remember):
            return 0
        if agent.unreachable:
            agent.unreachable = False
            agent.done.clear()
            error = fill(
                QCoreApplication.translate(
                    "AgentApp",
                    "No Parley relay answers at %1. Check the address and that the relay runs.",
                ),
                preferences.relay_url,
            )
            continue
        if agent.logging_out:
            agent.logging_out, error = False, ""
            agent.done.clear()
            continue
        error = QCoreApplication.translate(
            "AgentApp", "The relay did not accept this login. Check the user name and password."
        )


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="ts=%(asctime)s level=%(levelname)s %(message)s")
    return run(main_async)


if __name__ == "__main__":
    sys.exit(main())
