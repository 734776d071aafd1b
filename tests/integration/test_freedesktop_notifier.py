"""The freedesktop notifier over a real (private) D-Bus session bus, against a small
notification server written with jeepney: text stays text, and clicks come back."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import threading
from collections.abc import Iterator

import pytest
from jeepney import DBusAddress, MessageType, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

from agent_app.notify import FreedesktopNotifier, NotifierUnavailable

pytestmark = pytest.mark.skipif(
    shutil.which("dbus-daemon") is None, reason="needs dbus-daemon (Debian package dbus)"
)
NOTIFICATIONS = DBusAddress(
    "/org/freedesktop/Notifications",
    bus_name="org.freedesktop.Notifications",
    interface="org.freedesktop.Notifications",
)


@pytest.fixture
def session_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
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
    """Answers GetCapabilities and Notify like a desktop would, and clicks when told to."""

    def __init__(self, capabilities: list[str]) -> None:
        super().__init__(daemon=True)
        self.capabilities = capabilities
        self.shown: list[tuple[str, str, list[str]]] = []
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
                _app, _replaces, _icon, title, body, actions, _hints, _timeout = message.body
                self.shown.append((title, body, list(actions)))
                reply = new_method_return(message, "u", (len(self.shown),))
            else:
                continue
            self.connection.send(reply)

    def click(self, notification: int) -> None:
        self.connection.send(
            new_signal(NOTIFICATIONS, "ActionInvoked", "us", (notification, "default"))
        )


async def test_pop_up_text_is_escaped_for_markup_servers_and_clicks_come_back(
    session_bus: str,
) -> None:
    server = NotificationServer(["body", "body-markup", "actions"])
    server.start()
    server.ready.wait(5)
    notifier = FreedesktopNotifier()
    clicked = asyncio.Event()
    notifier.notify("Ana <a@b.c>", "<b>bold</b> & <script>", on_click=clicked.set)
    await asyncio.wait_for(asyncio.to_thread(lambda: _wait(lambda: server.shown)), 5)
    title, body, actions = server.shown[0]
    assert title == "Ana <a@b.c>"  # the summary is never markup
    assert body == "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;"
    assert actions == ["default", "Open"]
    server.click(1)
    await asyncio.wait_for(clicked.wait(), 5)
    notifier.close()


async def test_without_markup_the_body_goes_as_it_is(session_bus: str) -> None:
    server = NotificationServer(["body"])
    server.start()
    server.ready.wait(5)
    notifier = FreedesktopNotifier()
    notifier.notify("New message", "<b>hi</b>", on_click=None)
    await asyncio.wait_for(asyncio.to_thread(lambda: _wait(lambda: server.shown)), 5)
    assert server.shown[0][1:] == ("<b>hi</b>", [])
    notifier.close()


def test_no_notification_service_means_the_notifier_refuses(session_bus: str) -> None:
    with pytest.raises(NotifierUnavailable, match="no notification service"):
        FreedesktopNotifier()


def _wait(check: object) -> None:
    import time

    deadline = time.monotonic() + 5
    while not check() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.02)
