"""The visitor's path and visit survive reconnects: a relay restart (graceful or a crash)
or a dropped connection makes the widget say hello again from the page it is on, and that
must neither repeat the page in the path nor start a new visit."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from relay.app import open_store
from relay.config import RelayConfig
from relay.core.credentials import hash_password
from shared_protocol import frames
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay, restart_relay
from tests.helpers.relay_process import start_relay_process

PRICES = frames.PageInfo(url="https://school.example/prices", title="Prices")
CONTACT = frames.PageInfo(url="https://school.example/contact", title="Contact")


async def details(url: str, visitor: int) -> frames.VisitorDetails:
    """What an agent who logs in now is told about the visitor's path and visits."""
    agent = await AgentClient.connect(url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await agent.expect(frames.LoginOk)
    await agent.send(frames.DetailsRequest(visitor=visitor))
    found = await agent.expect(frames.VisitorDetails)
    await agent.close()
    return found


def path_of(found: frames.VisitorDetails) -> list[tuple[str, bool]]:
    """(url, still open) for every page of the newest visit."""
    return [(page.url, page.left_at is None) for page in found.path]


async def test_reconnects_after_relay_restarts_continue_the_page_view_and_the_visit(
    relay: RunningRelay,
) -> None:
    visitor = await VisitorClient.connect(relay.url, page=PRICES)
    welcome = await visitor.expect(frames.Welcome)
    for _ in range(2):
        await restart_relay(relay)
        await visitor.close()  # the relay closed it (1001); the widget reconnects
        visitor = await VisitorClient.connect(relay.url, token=welcome.token, page=PRICES)
        assert (await visitor.expect(frames.Welcome)).visitor == welcome.visitor

    found = await details(relay.url, welcome.visitor)
    assert path_of(found) == [(PRICES.url, True)]  # one entry, and the visitor is on it
    assert [(visit.number, visit.pages) for visit in found.visits] == [(1, 1)]

    # A real navigation still adds to the path.
    await visitor.send(frames.PageView(page=CONTACT))
    await visitor.say("Where are you?")  # answered after the page view was stored
    found = await details(relay.url, welcome.visitor)
    assert path_of(found) == [(PRICES.url, False), (CONTACT.url, True)]
    assert [(visit.number, visit.pages) for visit in found.visits] == [(1, 2)]
    await visitor.close()


async def test_coming_back_to_the_same_page_long_after_is_a_new_view(
    relay: RunningRelay,
) -> None:
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await agent.expect(frames.LoginOk)
    visitor = await VisitorClient.connect(relay.url, page=PRICES)
    welcome = await visitor.expect(frames.Welcome)
    await visitor.close()
    await agent.expect_gone(welcome.visitor)  # the relay has closed the view
    # The relay is the clock: a minute later, well within the visit, not a reconnect.
    relay.relay.ctx.clock = lambda: time.time() + 60
    later = await VisitorClient.connect(relay.url, token=welcome.token, page=PRICES)
    await later.expect(frames.Welcome)
    found = await details(relay.url, welcome.visitor)
    assert path_of(found) == [(PRICES.url, False), (PRICES.url, True)]
    assert [visit.number for visit in found.visits] == [1]
    await later.close()
    await agent.close()


async def test_the_late_close_of_a_dropped_connection_does_not_end_the_reconnects_view(
    relay: RunningRelay,
) -> None:
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await agent.expect(frames.LoginOk)
    # The network went away without a close: the widget is back on a new connection
    # before the relay notices (by its pings) that the old one is dead.
    dropped = await VisitorClient.connect(relay.url, page=PRICES)
    welcome = await dropped.expect(frames.Welcome)
    back = await VisitorClient.connect(relay.url, token=welcome.token, page=PRICES)
    await back.expect(frames.Welcome)
    await dropped.close()
    presence = relay.relay.ctx.presence
    for _ in range(500):  # until the relay has dropped the old connection
        if len(list(presence.visitor_links(welcome.visitor))) == 1:
            break
        await asyncio.sleep(0.01)
    assert len(list(presence.visitor_links(welcome.visitor))) == 1
    await back.say("still here")  # committed after whatever that connection's end wrote
    found = await details(relay.url, welcome.visitor)
    assert path_of(found) == [(PRICES.url, True)]
    # The last connection on the page ends the view.
    await back.close()
    await agent.expect_gone(welcome.visitor)
    found = await details(relay.url, welcome.visitor)
    assert path_of(found) == [(PRICES.url, False)]
    await agent.close()


async def test_a_visitor_reading_one_page_past_the_visit_gap_keeps_the_visit_over_a_crash(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    store = open_store(RelayConfig(data_dir=str(data)))
    await store.open()
    await store.add_agent(AGENT_NAME, "Alice", "admin", hash_password(AGENT_PASSWORD), 0.0)
    await store.close()
    # A visit gap of 7.5 s stands for the 30 minutes (presence is noted every 1.9 s, which
    # leaves over 5 s for the restart); the file port is any free one, so that the restart
    # on the same port cannot collide with it.
    env = {"PARLEY_VISIT_GAP_MINUTES": "0.125", "PARLEY_FILES_PORT": "0"}
    process = await start_relay_process(data, env=env)
    try:
        visitor = await VisitorClient.connect(process.url, page=PRICES)
        welcome = await visitor.expect(frames.Welcome)
        await asyncio.sleep(8.5)  # connected and reading, longer than the gap
        await process.kill()  # no shutdown: no disconnect is recorded
        await visitor.close()
        process = await start_relay_process(data, port=process.port, env=env)
        again = await VisitorClient.connect(process.url, token=welcome.token, page=PRICES)
        await again.expect(frames.Welcome)
        found = await details(process.url, welcome.visitor)
        assert [visit.number for visit in found.visits] == [1]
        assert path_of(found) == [(PRICES.url, True)]
        await again.close()
    finally:
        await process.terminate()
