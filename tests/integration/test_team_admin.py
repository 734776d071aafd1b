"""Admins set up departments and agents from the app (team_request, department_save,
agent_routing_save): settings checked whole with the field named, names unique per site,
everyone told of a department's change, and an agent's new departments followed at once
on their open connections: Stu, moved to Sales, starts receiving Sales' visitors without
logging in again."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import msgspec
import pytest

from relay.core.credentials import hash_password
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.fake_clock import FakeClock, advance, freeze
from tests.helpers.relay_fixtures import AGENT_NAME, RunningRelay, log_in

PASSWORD = "a long enough password"
# A Saturday noon in UTC, far from any hour's edge: the relay's clock is put here.
SATURDAY_NOON = datetime(2026, 3, 14, 12, 0, tzinfo=UTC).timestamp()
WEEKDAYS = frames.RoutingSettings(hours="mon-fri 09:00-18:00", time_zone="UTC")


def _saturday_noon(relay: RunningRelay) -> None:
    """The relay's clock runs from Saturday noon (UTC), so that hours say open or closed."""
    offset = SATURDAY_NOON - time.time()
    relay.relay.ctx.clock = lambda: time.time() + offset


async def _teams(relay: RunningRelay) -> tuple[int, int]:
    """Sales (Sam, and open on weekdays only) and Student services (Stu) on the demo
    site; Alice is the admin."""
    store, now = relay.relay.store, time.time()
    site = await store.get_site("demo")
    assert site is not None
    sales = await store.save_department(
        site.id, None, "Sales", msgspec.json.encode(WEEKDAYS).decode(), now
    )
    services = await store.add_department(site.id, "Student services", now)
    assert sales is not None
    for name, department in (("sam", sales.id), ("stu", services.id)):
        await store.add_agent(name, name.title(), "agent", hash_password(PASSWORD), now)
        await store.set_agent_departments(name, [department])
    return sales.id, services.id


async def _agent_id(relay: RunningRelay, name: str) -> int:
    agent = await relay.relay.store.get_agent(name)
    assert agent is not None
    return agent.id


async def _refused(agent: AgentClient, frame: frames.Frame) -> frames.Error:
    await agent.send(frame)
    return await agent.expect(frames.Error)


async def test_an_admin_gets_every_department_with_its_settings_and_every_agent(
    relay: RunningRelay,
) -> None:
    _saturday_noon(relay)
    sales, services = await _teams(relay)
    admin, welcome = await log_in(relay)
    # The login already carries the settings, and whether each department is open now.
    shown = {d.id: d for d in welcome.departments}
    assert (shown[sales].settings, shown[sales].open_now) == (WEEKDAYS, False)
    assert (shown[services].settings, shown[services].open_now) == (
        frames.RoutingSettings(),
        True,
    )

    await admin.send(frames.TeamRequest())
    team = await admin.expect(frames.Team)
    assert [(d.id, d.site, d.name, d.open_now) for d in team.departments] == [
        (sales, "demo", "Sales", False),
        (services, "demo", "Student services", True),
    ]
    assert team.departments[0].settings == WEEKDAYS
    agents = {a.name: a for a in team.agents}
    assert set(agents) == {AGENT_NAME, "sam", "stu"}
    assert (agents[AGENT_NAME].role, agents["sam"].role) == ("admin", "agent")
    assert (agents["sam"].departments, agents["stu"].departments) == ([sales], [services])
    await admin.close()


async def test_only_admins_manage_the_team_and_a_refusal_stores_nothing(
    relay: RunningRelay,
) -> None:
    sales, services = await _teams(relay)
    store = relay.relay.store
    await store.set_agent_routing("sam", role="supervisor")
    site = await store.get_site("demo")
    assert site is not None
    for name, role in (("sam", "supervisor"), ("stu", "agent")):
        agent, _ = await log_in(relay, name, PASSWORD)
        for frame in (
            frames.TeamRequest(),
            frames.DepartmentSave(site="demo", name="Mine"),
            frames.DepartmentSave(site="demo", name="Renamed", id=sales),
            frames.AgentRoutingSave(
                agent=await _agent_id(relay, name), role="admin", departments=[services]
            ),
        ):
            refused = await _refused(agent, frame)
            assert refused.code is ErrorCode.FORBIDDEN, frame
        assert not agent.take_all(frames.Team)
        assert [d.name for d in await store.departments(site.id)] == ["Sales", "Student services"]
        stored = await store.get_agent(name)
        assert stored is not None and stored.role == role
        await agent.close()


async def test_a_saved_department_is_told_to_every_agent_and_the_admin_gets_the_team(
    relay: RunningRelay,
) -> None:
    _saturday_noon(relay)
    sales, _ = await _teams(relay)
    admin, _ = await log_in(relay)
    sam, _ = await log_in(relay, "sam", PASSWORD)
    weekend = frames.RoutingSettings(
        mode=frames.RoutingMode.BROADCAST,
        tiers=[frames.Tier(level=2), frames.Tier(level=1, after_seconds=30)],
        pages=["*/visa*"],
        hours="sat-sun 10:00-16:00",
        time_zone="Asia/Shanghai",  # Saturday 20:00 there: closed
    )
    await admin.send(frames.DepartmentSave(site="demo", name="Visas", settings=weekend))
    team = await admin.expect(frames.Team)
    added = next(d for d in team.departments if d.name == "Visas")
    assert (added.settings, added.open_now) == (weekend, False)
    told = await sam.expect(frames.DepartmentsChanged)
    assert told.departments == [added]

    # Changed: a new name and settings, the same id; stored as the relay decoded it.
    renamed = frames.DepartmentSave(
        site="demo", name="Sales and visas", settings=frames.RoutingSettings(), id=sales
    )
    await admin.send(renamed)
    team = await admin.expect(frames.Team)
    assert [(d.id, d.name, d.open_now) for d in team.departments if d.id == sales] == [
        (sales, "Sales and visas", True)
    ]
    assert (await sam.expect(frames.DepartmentsChanged)).departments[0].name == "Sales and visas"
    stored = await relay.relay.store.department(sales)
    assert stored is not None and stored.name == "Sales and visas"
    assert msgspec.json.decode(stored.settings_json, type=frames.RoutingSettings) == (
        frames.RoutingSettings()
    )
    # A login afterwards sees the new settings (the relay's copy was renewed at once).
    _, welcome = await log_in(relay, "stu", PASSWORD)
    assert {d.name: d.settings for d in welcome.departments}["Visas"] == weekend
    await admin.close()
    await sam.close()


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        (
            frames.RoutingSettings(
                tiers=[frames.Tier(level=1), frames.Tier(level=2, after_seconds=30)]
            ),
            "tiers[1].level",
        ),
        (frames.RoutingSettings(tiers=[frames.Tier(level=2, after_seconds=10)]), "tiers[0]"),
        (frames.RoutingSettings(pages=["*/ok*", ""]), "pages[1]"),
        (frames.RoutingSettings(hours="someday 09:00-18:00"), "hours"),
        (frames.RoutingSettings(time_zone="Mars/Olympus"), "time_zone"),
        (
            frames.RoutingSettings(exceptions="2026-12-25 closed; 2026-12-25 09:00-12:00"),
            "exceptions",
        ),
    ],
)
async def test_settings_that_cannot_work_are_refused_naming_the_field_and_nothing_is_stored(
    relay: RunningRelay, settings: frames.RoutingSettings, field: str
) -> None:
    sales, _ = await _teams(relay)
    admin, _ = await log_in(relay)
    for save in (
        frames.DepartmentSave(site="demo", name="New", settings=settings),
        frames.DepartmentSave(site="demo", name="Sales", settings=settings, id=sales),
    ):
        refused = await _refused(admin, save)
        assert refused.code is ErrorCode.BAD_FRAME
        assert refused.detail.startswith(field), refused.detail
    site = await relay.relay.store.get_site("demo")
    assert site is not None
    stored = await relay.relay.store.departments(site.id)
    assert [d.name for d in stored] == ["Sales", "Student services"]
    assert msgspec.json.decode(stored[0].settings_json, type=frames.RoutingSettings) == WEEKDAYS
    assert not admin.take_all(frames.Team)
    await admin.close()


async def test_a_taken_name_conflicts_and_an_unknown_department_or_site_is_not_found(
    relay: RunningRelay,
) -> None:
    sales, services = await _teams(relay)
    store = relay.relay.store
    other = await store.add_site("other", "Other site", ["https://other.example"], time.time())
    elsewhere = await store.add_department(other.id, "Elsewhere", time.time())
    admin, _ = await log_in(relay)
    cases = [
        (frames.DepartmentSave(site="demo", name="Sales"), ErrorCode.CONFLICT),
        (frames.DepartmentSave(site="demo", name="Sales", id=services), ErrorCode.CONFLICT),
        (frames.DepartmentSave(site="demo", name="Ghosts", id=999), ErrorCode.NOT_FOUND),
        (frames.DepartmentSave(site="demo", name="Sales", id=999), ErrorCode.NOT_FOUND),
        # A department of another site is not one of this site's.
        (frames.DepartmentSave(site="demo", name="Moved", id=elsewhere.id), ErrorCode.NOT_FOUND),
        (frames.DepartmentSave(site="nowhere", name="Sales"), ErrorCode.NOT_FOUND),
    ]
    for frame, code in cases:
        assert (await _refused(admin, frame)).code is code, frame
    assert [d.name for d in await store.departments(other.id)] == ["Elsewhere"]
    site = await store.get_site("demo")
    assert site is not None
    assert [(d.id, d.name) for d in await store.departments(site.id)] == [
        (sales, "Sales"),
        (services, "Student services"),
    ]
    # The same name on another site is no conflict.
    await admin.send(frames.DepartmentSave(site="other", name="Sales"))
    team = await admin.expect(frames.Team)
    assert sorted(d.name for d in team.departments if d.site == "other") == ["Elsewhere", "Sales"]
    await admin.close()


async def test_an_agents_routing_is_saved_whole_and_an_unknown_department_is_named(
    relay: RunningRelay,
) -> None:
    sales, services = await _teams(relay)
    store = relay.relay.store
    stu = await store.get_agent("stu")
    assert stu is not None
    admin, _ = await log_in(relay)
    unknown = frames.AgentRoutingSave(agent=stu.id, role="supervisor", departments=[sales, 999])
    refused = await _refused(admin, unknown)
    assert refused.code is ErrorCode.BAD_FRAME
    assert refused.detail.startswith("departments[1]:") and "999" in refused.detail
    refused = await _refused(admin, msgspec.structs.replace(unknown, agent=999, departments=[]))
    assert refused.code is ErrorCode.NOT_FOUND
    unchanged = await store.get_agent("stu")
    assert unchanged == stu

    await admin.send(
        frames.AgentRoutingSave(
            agent=stu.id,
            role="supervisor",
            departments=[services, sales],
            skills=["ielts", "visas"],
            level=3,
            max_chats=2,
        )
    )
    team = await admin.expect(frames.Team)
    shown = next(a for a in team.agents if a.id == stu.id)
    assert (shown.role, sorted(shown.departments), shown.skills, shown.level, shown.max_chats) == (
        "supervisor",
        sorted([sales, services]),
        ["ielts", "visas"],
        3,
        2,
    )
    changed = await store.get_agent("stu")
    assert changed is not None
    assert (changed.role, sorted(changed.departments), changed.level, changed.max_chats) == (
        "supervisor",
        sorted([sales, services]),
        3,
        2,
    )
    await admin.close()


async def test_stu_moved_to_sales_receives_sales_visitors_at_once_without_logging_in_again(
    relay: RunningRelay,
) -> None:
    sales, services = await _teams(relay)
    admin, _ = await log_in(relay)
    sam, _ = await log_in(relay, "sam", PASSWORD)
    stu, _ = await log_in(relay, "stu", PASSWORD)
    stu_id = await _agent_id(relay, "stu")

    # Bea asks Student services, Bat Sales: Stu sees Bea only.
    bea = await VisitorClient.connect(relay.url)
    await bea.expect(frames.Welcome)
    await bea.send(frames.Profile(name="Bea", department=services))
    bea_row = await stu.expect_visitor(lambda v: v.name == "Bea")
    bat = await VisitorClient.connect(relay.url)
    bat_id = (await bat.expect(frames.Welcome)).visitor
    await bat.send(frames.Profile(name="Bat", department=sales))
    await sam.expect_visitor(lambda v: v.name == "Bat")
    await stu.send(frames.DetailsRequest(visitor=bat_id))
    assert (await stu.expect(frames.Error)).code is ErrorCode.FORBIDDEN

    await admin.send(frames.AgentRoutingSave(agent=stu_id, role="agent", departments=[sales]))
    await admin.expect(frames.Team)
    # Colleagues see where Stu works now; Stu gets Bat, and Bea leaves his list.
    presence = await sam.expect(frames.AgentPresence)  # Stu's login first
    assert (presence.agent.agent, presence.agent.departments) == (stu_id, [services])
    presence = await sam.expect(frames.AgentPresence)
    assert (presence.agent.agent, presence.agent.departments) == (stu_id, [sales])
    await stu.expect_visitor(lambda v: v.id == bat_id and v.department == sales)
    await stu.expect_gone(bea_row.id)
    await stu.send(frames.DetailsRequest(visitor=bat_id))
    assert (await stu.expect(frames.VisitorDetails)).visitor == bat_id

    # A new Sales visitor and Bat's chat reach Stu like any Sales agent; Bea's no longer.
    bo = await VisitorClient.connect(relay.url)
    await bo.expect(frames.Welcome)
    await bo.send(frames.Profile(name="Bo", department=sales))
    await stu.expect_visitor(lambda v: v.name == "Bo")
    ack = await bat.say("Is there a discount for two?")
    opened = await stu.expect(frames.ConversationOpened)
    assert opened.conversation.id == ack.conversation
    await bea.say("When are the exams?")
    await admin.expect(frames.ConversationOpened)
    await admin.expect(frames.ConversationOpened)
    # Stu's answer comes after anything the relay sent him about Bea's chat.
    assert (await _refused(stu, frames.TeamRequest())).code is ErrorCode.FORBIDDEN
    assert not any(
        isinstance(f, frames.ConversationOpened) and f.conversation.department == services
        for f in stu.received
    )
    for client in (admin, sam, stu, bea, bat, bo):
        await client.close()


async def test_a_department_name_with_control_or_direction_characters_is_refused(
    relay: RunningRelay,
) -> None:
    await _teams(relay)
    admin, _ = await log_in(relay)
    for name in ("Spare \u202eabc", "two\nlines", "   "):
        refused = await _refused(admin, frames.DepartmentSave(site="demo", name=name))
        assert refused.code is ErrorCode.BAD_FRAME and refused.detail.startswith("name:")
    site = await relay.relay.store.get_site("demo")
    assert site is not None
    assert [d.name for d in await relay.relay.store.departments(site.id)] == [
        "Sales",
        "Student services",
    ]


async def test_department_names_are_unique_whatever_their_case(relay: RunningRelay) -> None:
    sales, services = await _teams(relay)
    admin, _ = await log_in(relay)
    for frame in (
        frames.DepartmentSave(site="demo", name="sales"),
        frames.DepartmentSave(site="demo", name="  SALES "),
        frames.DepartmentSave(site="demo", name="STUDENT SERVICES", id=sales),
    ):
        refused = await _refused(admin, frame)
        assert refused.code is ErrorCode.CONFLICT, frame
        assert "'Sales'" in refused.detail or "'Student services'" in refused.detail
    # A department may change the case of its own name.
    await admin.send(frames.DepartmentSave(site="demo", name="SALES", id=sales))
    team = await admin.expect(frames.Team)
    assert [(d.id, d.name) for d in team.departments if d.site == "demo"] == [
        (sales, "SALES"),
        (services, "Student services"),
    ]
    await admin.close()


async def test_a_change_from_the_cli_reaches_the_agents_open_app_at_the_next_sweep(
    relay: RunningRelay,
) -> None:
    """The CLI changes the store from another process: the relay re-reads the agents
    connected to it with its session sweep, and follows a change as after an admin's save:
    the agent's own app is told (its presence), and what it is sent follows."""
    sales, services = await _teams(relay)
    clock = freeze(relay.relay)
    stu, _ = await log_in(relay, "stu", PASSWORD)
    stu_id = await _agent_id(relay, "stu")
    bat = await VisitorClient.connect(relay.url)
    bat_id = (await bat.expect(frames.Welcome)).visitor
    await bat.send(frames.Profile(name="Bat", department=sales))

    # As `parley-relay agent set stu --role supervisor --departments Sales --level 2` does.
    store = relay.relay.store
    await store.set_agent_routing("stu", level=2, role="supervisor")
    await store.set_agent_departments("stu", [sales])
    assert not stu.take_all(frames.AgentPresence)  # nothing until the relay looks
    await advance(relay.relay, clock, relay.relay.config.revocation_check_seconds)
    own = await stu.expect(frames.AgentPresence)
    assert (own.agent.agent, own.agent.role, own.agent.departments, own.agent.level) == (
        stu_id,
        "supervisor",
        [sales],
        2,
    )
    await stu.expect_visitor(lambda v: v.id == bat_id and v.department == sales)
    await stu.send(frames.DetailsRequest(visitor=bat_id))
    assert (await stu.expect(frames.VisitorDetails)).visitor == bat_id
    # Followed once: the next sweep finds nothing new.
    await advance(relay.relay, clock, relay.relay.config.revocation_check_seconds)
    await stu.send(frames.DetailsRequest(visitor=bat_id))
    await stu.expect(frames.VisitorDetails)
    assert not stu.take_all(frames.AgentPresence)
    del services
    for client in (stu, bat):
        await client.close()


async def test_a_department_closed_by_an_admins_save_is_told_to_its_visitors_at_once(
    relay: RunningRelay,
) -> None:
    sales, _ = await _teams(relay)  # Student services: always open, Stu in it
    # Saturday noon, standing still: no timer of the relay runs (its look at the
    # departments every 5 s included), so only the save itself can tell the visitor.
    relay.relay.ctx.clock = FakeClock(SATURDAY_NOON)
    site = await relay.relay.store.get_site("demo")
    assert site is not None
    services = next(d for d in await relay.relay.store.departments(site.id) if d.id != sales)
    admin, _ = await log_in(relay)
    stu, _ = await log_in(relay, "stu", PASSWORD)
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    await visitor.send(frames.Profile(department=services.id))
    assert (await visitor.expect(frames.Presence)).agents_online is True
    weekdays = frames.RoutingSettings(hours="mon-fri 09:00-17:00")  # closed on Saturdays
    await admin.send(
        frames.DepartmentSave(site="demo", name=services.name, id=services.id, settings=weekdays)
    )
    await admin.expect(frames.Team)
    assert (await visitor.expect(frames.Presence)).agents_online is False
    for client in (admin, stu, visitor):
        await client.close()
