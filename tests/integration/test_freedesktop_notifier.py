"""The freedesktop notifier over a real (private) D-Bus session bus, against a small
notification server written with jeepney: text stays text, and clicks come back."""

from __future__ import annotations

import asyncio

import pytest

from agent_app.notify import FreedesktopNotifier, NotifierUnavailable
from tests.helpers.notifications import NotificationServer, needs_dbus

pytestmark = needs_dbus


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
    _, title, body, actions = server.shown[0]
    assert title == "Ana <a@b.c>"  # the summary is never markup
    assert body == "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;"
    assert actions == ["default", "Open"]
    server.invoke(1)
    await asyncio.wait_for(clicked.wait(), 5)
    notifier.close()


async def test_without_markup_the_body_goes_as_it_is(session_bus: str) -> None:
    server = NotificationServer(["body"])
    server.start()
    server.ready.wait(5)
    notifier = FreedesktopNotifier()
    notifier.notify("New message", "<b>hi</b>", on_click=None)
    await asyncio.wait_for(asyncio.to_thread(lambda: _wait(lambda: server.shown)), 5)
    assert server.shown[0][2:] == ("<b>hi</b>", [])
    notifier.close()


def test_no_notification_service_means_the_notifier_refuses(session_bus: str) -> None:
    with pytest.raises(NotifierUnavailable, match="no notification service"):
        FreedesktopNotifier()


def _wait(check: object) -> None:
    import time

    deadline = time.monotonic() + 5
    while not check() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.02)
