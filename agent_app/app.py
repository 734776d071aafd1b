"""`parley-agent`: the composition root. Starts the parts in order: preferences, login,
cache (shown at once), tray and pop-ups, then the connection to the relay."""

from __future__ import annotations

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
from agent_app.i18n import install_translator
from agent_app.net.client import ConnectionState, Login, RelayClient
from agent_app.notify import FreedesktopNotifier, Notifier, NotifierChain, PlyerNotifier
from agent_app.runtime import run
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
        self.tray.quit_requested.connect(self.done.set)

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
        )
        self.desk = desk
        await desk.show_cache()
        if not self.preferences.start_minimised or not self.tray.available:
            desk.window.show()
        client = RelayClient(
            self.preferences.relay_url, _Remembering(desk, self, remember), session=desk.session
        )
        desk.client = client
        desk.window.quit_requested.connect(self.done.set)
        desk.window.settings_requested.connect(lambda: self.edit_settings(desk))
        desk.window.logout_requested.connect(self.log_out)
        running = asyncio.create_task(client.run(login))
        quitting = asyncio.create_task(self.done.wait())
        await asyncio.wait({running, quitting}, return_when=asyncio.FIRST_COMPLETED)
        refused = desk.state is ConnectionState.AUTH_FAILED or self.logging_out
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

    def __init__(self, desk: Desk, app: AgentApp, remember: bool) -> None:
        self.desk, self.app, self.remember = desk, app, remember

    def connection_changed(self, state: ConnectionState, detail: str) -> None:
        if state is ConnectionState.AUTH_FAILED:
            credentials.forget(self.app.preferences.relay_url, self.app.preferences.user)
        self.desk.connection_changed(state, detail)

    def frame_received(self, frame: frames.Frame) -> None:
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
    folder = data_dir()
    agent = AgentApp(preferences, store, folder)
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
