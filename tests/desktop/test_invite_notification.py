"""Inviting from an arrival's desktop notification: the agent app logged in to a real
relay shows the arrival through the freedesktop notifier on a private D-Bus session bus,
where a small notification server stands in for the desktop's. Its "Invite to chat"
action opens the invite dialog for that visitor, whose invitation then reaches the page."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pytestqt.qtbot import QtBot

from agent_app.notify import FreedesktopNotifier, NotifierChain
from shared_protocol import frames
from tests.helpers.clients import VisitorClient
from tests.helpers.desk import online_desk, plain, stop_desk, until
from tests.helpers.notifications import NotificationServer, needs_dbus
from tests.helpers.relay_fixtures import RunningRelay

pytestmark = needs_dbus


async def test_an_arrivals_invite_action_opens_the_dialog_and_the_visitor_is_invited(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay, session_bus: str
) -> None:
    server = NotificationServer(["body", "actions"])
    server.start()
    notifier = FreedesktopNotifier()
    assert notifier.carries_actions
    running = await online_desk(qtbot, tmp_path, relay, NotifierChain([lambda: notifier]))
    desk = running.desk
    visitor = await VisitorClient.connect(
        relay.url,
        page=frames.PageInfo(
            url="https://school.example/prices",
            title="Prices",
            referrer="https://www.baidu.com/s?wd=ielts",
        ),
    )
    try:
        welcome = await visitor.expect(frames.Welcome)
        await until(lambda: bool(server.shown))
        number, title, body, actions = server.shown[-1]
        assert plain(title) == f"Visitor #{welcome.visitor}" and "Baidu" in body
        assert actions == ["default", "Open", "invite", "Invite to chat"]

        server.invoke(number, "invite")
        await until(lambda: desk.invitations.dialog is not None)
        dialog = desk.invitations.dialog
        assert dialog is not None and dialog.isVisible()
        assert [i.visitor for i in dialog.invitees] == [welcome.visitor]
        assert plain(dialog.who.item(0).text()).startswith(f"Visitor #{welcome.visitor}")
        dialog.send_button.click()
        invitation = await visitor.expect(frames.Invitation)
        assert invitation.agent is not None and invitation.agent.name == "Alice"
        await until(lambda: desk.visitors.invitation(welcome.visitor) is not None)

        # The pop-up acted on is spent: a second click on it does nothing.
        server.invoke(number, "invite")
        await asyncio.sleep(0.2)
        assert desk.invitations.dialog is None
    finally:
        await visitor.close()
        await stop_desk(running)
        notifier.close()
        server.close()


async def test_a_plain_click_on_the_arrival_opens_the_visitor(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay, session_bus: str
) -> None:
    server = NotificationServer(["body", "actions"])
    server.start()
    notifier = FreedesktopNotifier()
    running = await online_desk(qtbot, tmp_path, relay, NotifierChain([lambda: notifier]))
    desk = running.desk
    visitor = await VisitorClient.connect(
        relay.url, page=frames.PageInfo(url="https://school.example/", title="Home")
    )
    try:
        welcome = await visitor.expect(frames.Welcome)
        await until(lambda: bool(server.shown))
        server.invoke(server.shown[-1][0], "default")
        await until(lambda: desk.selection.visitor == welcome.visitor)
        assert desk.invitations.dialog is None  # a click opens; only "Invite" invites
        assert desk.window.visitor_details.invite_button.isEnabled()
    finally:
        await visitor.close()
        await stop_desk(running)
        notifier.close()
        server.close()
