"""A private D-Bus session bus and a small freedesktop notification server on it, written
with jeepney, standing in for the desktop's: what the notifier shows is recorded, and
clicks on a pop-up or its buttons are sent back as a person's would be."""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterator

import pytest
from jeepney import DBusAddress, MessageType, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

needs_dbus = pytest.mark.skipif(
    shutil.which("dbus-daemon") is None, reason="needs dbus-daemon (Debian package dbus)"
)
NOTIFICATIONS = DBusAddress(
    "/org/freedesktop/Notifications",
    bus_name="org.freedesktop.Notifications",
    interface="org.freedesktop.Notifications",
)


def private_session_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A session bus of the test's own, made the process's (the `session_bus` fixture)."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield address
    daemon.terminate()
    daemon.wait(5)


class NotificationServer(threading.Thread):
    """Answers GetCapabilities and Notify as a desktop with these capabilities would."""

    def __init__(self, capabilities: list[str]) -> None:
        super().__init__(daemon=True)
        self.capabilities = capabilities
        self.shown: list[tuple[int, str, str, list[str]]] = []  # id, title, body, actions
        self.connection = open_dbus_connection(bus="SESSION")
        self.connection.send_and_get_reply(
            message_bus.RequestName("org.freedesktop.Notifications"), timeout=2
        )
        self.ready = threading.Event()

    def run(self) -> None:
        self.ready.set()
        while True:
            try:
                message = self.connection.receive()
            except OSError:
                return
            if message.header.message_type is not MessageType.method_call:
                continue
            member = message.header.fields.get(3)  # HeaderFields.member
            if member == "GetCapabilities":
                reply = new_method_return(message, "as", (self.capabilities,))
            elif member == "Notify":
                _app, replaces, _icon, title, body, actions, _hints, _timeout = message.body
                number = replaces or len(self.shown) + 1
                self.shown.append((number, title, body, list(actions)))
                reply = new_method_return(message, "u", (number,))
            else:
                continue
            self.connection.send(reply)

    def invoke(self, notification: int, action: str = "default") -> None:
        """A click on the pop-up ("default") or on one of its buttons."""
        self.connection.send(
            new_signal(NOTIFICATIONS, "ActionInvoked", "us", (notification, action))
        )

    def close(self) -> None:
        self.connection.close()
