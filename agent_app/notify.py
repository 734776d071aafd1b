"""Desktop pop-ups behind one small interface, with a fallback chain.

Each notifier refuses to be built when it cannot work on this desktop (NotifierUnavailable);
the chain then uses the next: the freedesktop service over D-Bus on Linux (jeepney),
plyer on Windows and macOS, Qt's tray balloon everywhere as the last resort.
Pop-up text can come from visitors: it is always passed as plain text.

A pop-up may offer actions besides the click ("Invite" on an arrival). Only a notifier
whose `carries_actions` is true is given them; for the others the chain passes the
caller's `plain_click` instead, which does what an agent most likely wants in one click.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

log = logging.getLogger("parley.agent.notify")

OnClick = Callable[[], None]


@dataclass(frozen=True)
class Action:
    """A button on a pop-up: `key` is what the server reports back, `label` what it shows."""

    key: str
    label: str
    run: OnClick


class NotifierUnavailable(Exception):
    """This way of showing pop-ups does not work here; the reason says why."""


class Notifier(Protocol):
    """Shows pop-ups. One that sets `carries_actions = True` also takes `actions=`."""

    name: str

    def notify(
        self, title: str, body: str, on_click: OnClick | None = None, *, key: str = ""
    ) -> None: ...


class FreedesktopNotifier:
    """org.freedesktop.Notifications on the session bus (Linux desktops), with clicks and
    actions: a thread listens for ActionInvoked and hands the click (the "default" action)
    or the action chosen to the event loop."""

    name = "freedesktop"
    carries_actions = False  # until the server says it shows actions

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
        self.carries_actions = self._clickable
        # notification id → the loop to run on, and what each action key runs
        self._clicks: dict[int, tuple[asyncio.AbstractEventLoop, dict[str, OnClick]]] = {}
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
        self,
        title: str,
        body: str,
        on_click: OnClick | None = None,
        *,
        key: str = "",
        actions: Sequence[Action] = (),
    ) -> None:
        text = html.escape(body, quote=False) if self._escape else body
        runs: dict[str, OnClick] = {}
        if self._clickable:
            if on_click is not None:
                runs["default"] = on_click
            runs.update((action.key, action.run) for action in actions)
        pairs: list[str] = []
        if "default" in runs:
            pairs += ["default", "Open"]
        for action in actions:
            if action.key in runs and action.key != "default":
                pairs += [action.key, action.label]
        replaces = self._shown.get(key, 0) if key else 0  # same key: update it in place
        call = self._new_call(
            self._address,
            "Notify",
            "susssasa{sv}i",
            ("Parley", replaces, "", title, text, pairs, {}, -1),
        )
        reply = self._unwrap(self._calls.send_and_get_reply(call, timeout=2))
        if reply and key:
            self._shown[key] = int(reply[0])
        if reply:
            # A click arrives on the listener thread; it runs on the caller's loop. An
            # update in place without actions leaves none to run for the old ones.
            notification = int(reply[0])
            if runs:
                self._clicks[notification] = (asyncio.get_running_loop(), runs)
            else:
                self._clicks.pop(notification, None)

    def _listen(self, rule: Any) -> None:
        try:
            with self._signals.filter(rule) as queue:
                while True:
                    signal = self._signals.recv_until_filtered(queue)
                    notification, action = signal.body
                    waiting = self._clicks.get(int(notification))
                    run = waiting[1].get(str(action)) if waiting is not None else None
                    if waiting is not None and run is not None:
                        # Servers close a pop-up once it is acted on: one action each.
                        self._clicks.pop(int(notification), None)
                        waiting[0].call_soon_threadsafe(run)
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

    @property
    def carries_actions(self) -> bool:
        """Whether the notifier in use shows actions (the next pop-up's, if it lasts)."""
        return bool(self.notifiers) and bool(getattr(self.notifiers[0], "carries_actions", False))

    def notify(
        self,
        title: str,
        body: str,
        on_click: OnClick | None = None,
        *,
        key: str = "",
        actions: Sequence[Action] = (),
        plain_click: OnClick | None = None,
    ) -> bool:
        """Show a pop-up with the first notifier that works. `actions` go to a notifier
        that carries them; one that does not is given `plain_click` (when there is one)
        as the click instead, so the pop-up still leads to what its actions offered."""
        while self.notifiers:
            notifier = self.notifiers[0]
            try:
                if actions and getattr(notifier, "carries_actions", False):
                    notifier.notify(title, body, on_click, key=key, actions=actions)  # type: ignore[call-arg]
                elif actions and plain_click is not None:
                    notifier.notify(title, body, plain_click, key=key)
                else:
                    notifier.notify(title, body, on_click, key=key)
                return True
            except Exception as error:  # a service that went away: use the next one
                log.warning("event=notifier_failed notifier=%s error=%r", notifier.name, error)
                self.notifiers.pop(0)
        return False
