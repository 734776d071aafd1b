"""Desktop pop-ups behind one small interface, with a fallback chain.

Each notifier refuses to be built when it cannot work on this desktop (NotifierUnavailable);
the chain then uses the next: the freedesktop service over D-Bus on Linux (jeepney),
plyer on Windows and macOS, Qt's tray balloon everywhere as the last resort.
Pop-up text can come from visitors: it is always passed as plain text.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol

log = logging.getLogger("parley.agent.notify")

OnClick = Callable[[], None]


class NotifierUnavailable(Exception):
    """This way of showing pop-ups does not work here; the reason says why."""


class Notifier(Protocol):
    name: str

    def notify(
        self, title: str, body: str, on_click: OnClick | None = None, *, key: str = ""
    ) -> None: ...


class FreedesktopNotifier:
    """org.freedesktop.Notifications on the session bus (Linux desktops), with clicks:
    a thread listens for ActionInvoked and hands the click to the event loop."""

    name = "freedesktop"

    def __init__(self) -> None:
        if not sys.platform.startswith("linux"):
            raise NotifierUnavailable("not a Linux desktop")
        try:
            from jeepney import DBusAddress, MatchRule, new_method_call
            from jeepney.bus_messages import message_bus
            from jeepney.io.blocking import open_dbus_connection
            from jeepney.wrappers import unwrap_msg

            self._calls = open_dbus_connection(bus="SESSION")
            self._signals = open_dbus_connection(bus="SESSION")
        except Exception as error:  # no session bus, no jeepney: this notifier cannot work
            raise NotifierUnavailable(f"no D-Bus session bus ({error})") from None
        self._address = DBusAddress(
            "/org/freedesktop/Notifications",
            bus_name="org.freedesktop.Notifications",
            interface="org.freedesktop.Notifications",
        )
        self._new_call = new_method_call
        self._unwrap = unwrap_msg
        try:
            reply = self._calls.send_and_get_reply(
                new_method_call(self._address, "GetCapabilities"), timeout=2
            )
            capabilities = set(unwrap_msg(reply)[0])  # raises when no service answers
        except Exception as error:
            self.close()
            raise NotifierUnavailable(f"no notification service ({error})") from None
        # Servers with body markup would read a visitor's "<b>" as markup: escape then.
        self._escape = "body-markup" in capabilities
        self._clickable = "actions" in capabilities
        self._clicks: dict[int, tuple[asyncio.AbstractEventLoop, OnClick]] = {}
        self._shown: dict[str, int] = {}  # pop-up key → the server's notification id
        clicked = MatchRule(
            type="signal",
            interface="org.freedesktop.Notifications",
            member="ActionInvoked",
            path="/org/freedesktop/Notifications",
        )
        self._signals.send_and_get_reply(message_bus.AddMatch(clicked), timeout=2)
        self._listener = threading.Thread(
            target=self._listen, args=(clicked,), name="parley-notification-clicks", daemon=True
        )
        self._listener.start()

    def notify(
        self, title: str, body: str, on_click: OnClick | None = None, *, key: str = ""
    ) -> None:
        text = html.escape(body, quote=False) if self._escape else body
        actions = ["default", "Open"] if on_click is not None and self._clickable else []
        replaces = self._shown.get(key, 0) if key else 0  # same key: update it in place
        call = self._new_call(
            self._address,
            "Notify",
            "susssasa{sv}i",
            ("Parley", replaces, "", title, text, actions, {}, -1),
        )
        reply = self._unwrap(self._calls.send_and_get_reply(call, timeout=2))
        if reply and key:
            self._shown[key] = int(reply[0])
        if on_click is not None and reply:
            # The click arrives on the listener thread; it runs on the caller's loop.
            self._clicks[int(reply[0])] = (asyncio.get_running_loop(), on_click)

    def _listen(self, rule: Any) -> None:
        try:
            with self._signals.filter(rule) as queue:
                while True:
                    signal = self._signals.recv_until_filtered(queue)
                    notification, _action = signal.body
                    waiting = self._clicks.pop(int(notification), None)
                    if waiting is not None:
                        loop, on_click = waiting
                        loop.call_soon_threadsafe(on_click)
        except Exception as error:  # the bus went away: clicks are simply no longer heard
            log.info("event=notification_clicks_stopped error=%r", error)

    def close(self) -> None:
        for connection in (self._calls, self._signals):
            with contextlib.suppress(Exception):
                connection.close()


class PlyerNotifier:
    """Native notifications on Windows and macOS through plyer."""

    name = "plyer"

    def __init__(self) -> None:
        if sys.platform not in ("win32", "darwin"):
            raise NotifierUnavailable("plyer is used only on Windows and macOS")
        try:
            from plyer import notification
        except ImportError as error:
            raise NotifierUnavailable(f"plyer is not installed ({error})") from None
        self._notification: Any = notification

    def notify(
        self, title: str, body: str, on_click: OnClick | None = None, *, key: str = ""
    ) -> None:
        # plyer cannot replace a shown notification: each update is a new one.
        self._notification.notify(title=title, message=body, app_name="Parley", timeout=8)


class NotifierChain:
    """Uses the first notifier that could be built; falls back when one fails later."""

    def __init__(self, builders: Sequence[Callable[[], Notifier]]) -> None:
        self.notifiers: list[Notifier] = []
        self.refusals: list[str] = []
        for build in builders:
            try:
                self.notifiers.append(build())
            except NotifierUnavailable as reason:
                self.refusals.append(f"{getattr(build, '__name__', build)}: {reason}")

    @property
    def available(self) -> bool:
        return bool(self.notifiers)

    def notify(
        self, title: str, body: str, on_click: OnClick | None = None, *, key: str = ""
    ) -> bool:
        while self.notifiers:
            notifier = self.notifiers[0]
            try:
                notifier.notify(title, body, on_click, key=key)
                return True
            except Exception as error:  # a service that went away: use the next one
                log.warning("event=notifier_failed notifier=%s error=%r", notifier.name, error)
                self.notifiers.pop(0)
        return False
