"""Agents hear when a department opens or closes (docs/protocol.md §6.8, `departments`): at
the moment its hours say, and when its settings are changed outside this relay (the CLI
writes the store), and its visitors hear whether they can chat now. The relay's clock is
frozen at Friday 2027-01-15 08:00 UTC and moved by the test."""

from __future__ import annotations

import time

import msgspec

from shared_protocol import frames
from tests.helpers.clients import AgentClient
from tests.helpers.fake_clock import advance
from tests.helpers.relay_fixtures import RunningRelay, log_in
from tests.integration.test_routing import PASSWORD, _sales, _visitor

HOURS = "mon-fri 09:00-17:00"  # UTC


async def _told(agent: AgentClient, department: int) -> frames.DepartmentInfo:
    """The department as the next `departments` frame naming it tells it."""
    while True:
        notice = await agent.expect(frames.DepartmentsChanged)
        for info in notice.departments:
            if info.id == department:
                return info


async def test_agents_and_visitors_hear_when_a_department_opens_and_closes_by_its_hours(
    relay: RunningRelay,
) -> None:
    sales, clock = await _sales(relay, {"ann": 2}, hours=HOURS)
    await advance(relay.relay, clock, 0)
    ann, ann_in = await log_in(relay, "ann", PASSWORD)
    [listed] = [d for d in ann_in.departments if d.id == sales]
    assert not listed.open_now  # 08:00: closed
    visitor, _ = await _visitor(relay, sales, "Bat")
    await advance(relay.relay, clock, 5)  # (a look on the relay's timers: nothing changed)
    await advance(relay.relay, clock, 3600 - 5 - 1)  # 08:59:59: still closed
    assert not any(isinstance(f, frames.DepartmentsChanged) for f in ann.received)

    await advance(relay.relay, clock, 1)  # 09:00
    opened = await _told(ann, sales)
    assert opened.open_now and opened.settings.hours == HOURS
    presence = await visitor.expect(frames.Presence)
    while not presence.agents_online:
        presence = await visitor.expect(frames.Presence)

    await advance(relay.relay, clock, 8 * 3600 - 1)  # 16:59:59: still open
    await advance(relay.relay, clock, 1)  # 17:00
    closed = await _told(ann, sales)
    assert not closed.open_now
    presence = await visitor.expect(frames.Presence)
    assert not presence.agents_online
    for client in (ann, visitor):
        await client.close()


async def test_agents_hear_of_a_department_changed_outside_this_relay(
    relay: RunningRelay,
) -> None:
    sales, clock = await _sales(relay, {"ann": 2})
    await advance(relay.relay, clock, 0)
    ann, _ = await log_in(relay, "ann", PASSWORD)
    await advance(relay.relay, clock, 5)
    store = relay.relay.store
    site = await store.get_site("demo")
    assert site is not None
    # As the CLI does, from another process: straight into the store.
    weekends = frames.RoutingSettings(hours="sat-sun 10:00-12:00")  # closed on Fridays
    settings = msgspec.json.encode(weekends).decode()
    assert await store.save_department(site.id, sales, "Sales <b>{{x}}</b>", settings, time.time())
    await advance(relay.relay, clock, 5)  # this relay's copy is read again
    changed = await _told(ann, sales)
    assert (changed.name, changed.open_now) == ("Sales <b>{{x}}</b>", False)
    assert changed.settings.hours == "sat-sun 10:00-12:00"
    await ann.close()
