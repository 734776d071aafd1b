"""Teams for the desktop tests: departments on the demo site, colleagues with roles and
levels, a visitor who picks a department and starts a chat, desks logged in as anyone,
and a record of the frames a desk sends."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from pytestqt.qtbot import QtBot

from agent_app.desk import Desk
from agent_app.net.client import ConnectionState, Login
from relay.core.credentials import hash_password
from relay.features import departments
from relay.store.records import PrechatField, SiteSettings
from shared_protocol import frames
from shared_protocol.frames import ConversationStatus
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.desk import Running, start_desk, until
from tests.helpers.relay_fixtures import AGENT_NAME, RunningRelay

PASSWORD = "a long enough password"


@dataclass
class Teams:
    sales: int
    support: int
    alice: int  # the admin, level 1, in Sales
    bob: int  # an agent of Sales, level 2
    sue: int  # a supervisor of Sales


async def set_up_teams(relay: RunningRelay) -> Teams:
    """Sales and Support on the demo site, a pre-chat form that asks for one; Alice (the
    admin, level 1) and Bob (agent, level 2) in Sales, Sue supervising Sales."""
    store, now = relay.relay.store, time.time()
    site = await store.get_site("demo")
    assert site is not None
    await store.set_site_settings(
        "demo", SiteSettings(prechat=(PrechatField(field="department", required=True),))
    )
    sales = await store.add_department(site.id, "Sales", now)
    support = await store.add_department(site.id, "Support", now)
    departments.forget(relay.relay.ctx, site.id)  # the relay's copy: read them again
    await store.set_agent_departments(AGENT_NAME, [sales.id])
    await store.add_agent("bob", "Bob", "agent", hash_password(PASSWORD), now)
    await store.set_agent_departments("bob", [sales.id])
    await store.set_agent_routing("bob", level=2)
    await store.add_agent("sue", "Sue", "supervisor", hash_password(PASSWORD), now)
    await store.set_agent_departments("sue", [sales.id])
    ids = {agent.name: agent.id for agent in await store.list_agents()}
    return Teams(sales.id, support.id, ids[AGENT_NAME], ids["bob"], ids["sue"])


async def colleague(
    relay: RunningRelay, name: str, password: str = PASSWORD
) -> tuple[AgentClient, frames.LoginOk]:
    agent = await AgentClient.connect(relay.url, user=name, password=password)
    return agent, await agent.expect(frames.LoginOk)


async def desk_as(qtbot: QtBot, tmp_path: Path, relay: RunningRelay, name: str) -> Running:
    """A desk logged in as `name` (one of set_up_teams' agents)."""
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    running = await start_desk(folder, relay.http, Login(name, PASSWORD))
    qtbot.addWidget(running.desk.window)
    await until(lambda: running.desk.state is ConnectionState.ONLINE)
    return running


async def visitor_in(
    relay: RunningRelay, department: int, name: str, says: str
) -> tuple[VisitorClient, frames.Welcome, frames.Ack]:
    """A visitor who picks `department` in the pre-chat form and asks something."""
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    await visitor.send(frames.Profile(name=name, department=department))
    ack = await visitor.say(says)
    return visitor, welcome, ack


def record_sent(running: Running) -> list[frames.Frame]:
    """Every frame the desk sends from now on (still sent to the relay)."""
    sent: list[frames.Frame] = []
    send = running.client.send

    def recording(frame: frames.Frame) -> bool:
        sent.append(frame)
        return send(frame)

    running.client.send = recording  # type: ignore[method-assign]
    return sent


def sent_of(sent: list[frames.Frame], kind: type[frames.Frame]) -> list[frames.Frame]:
    return [frame for frame in sent if isinstance(frame, kind)]


async def offered_to_me(
    desk: Desk, conversation: int, within: float = 10
) -> frames.ConversationInfo:
    """The chat once the relay's assigner offers it to this desk's agent."""
    me = desk.team.my_id

    def offered() -> bool:
        row = desk.conversations.row(conversation)
        return (
            row is not None
            and row.info.offered_to == me
            and (row.info.status is ConversationStatus.OFFERED)
        )

    await until(offered, within)
    row = desk.conversations.row(conversation)
    assert row is not None
    return row.info
