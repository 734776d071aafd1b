"""Where a visitor belongs (docs/routing.md; protocol §6.8): the first department whose
`pages` match the page they are on, as they walk through the site; their pick in the
pre-chat form wins for the rest of the visit; an open conversation keeps them in its
department. The old department's agents see them leave, the new one's arrive."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import msgspec

from relay.core.credentials import hash_password
from relay.store.records import PrechatField, SiteSettings
from shared_protocol import frames
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.relay_fixtures import RunningRelay, log_in

PASSWORD = "a long enough password"
SITE = "http://school.example"
PRICES = frames.PageInfo(url=f"{SITE}/courses/ielts/prices", title="Prices")
ADMISSIONS = frames.PageInfo(url=f"{SITE}/admissions/apply", title="Apply")
ABOUT = frames.PageInfo(url=f"{SITE}/about", title="About us")


async def _teams(relay: RunningRelay, sales_hours: str = "") -> tuple[int, int]:
    """Sales (Sam) takes the price pages, Student services (Stu) admissions; the pre-chat
    form asks for a department. Alice is the admin."""
    store, now = relay.relay.store, time.time()
    site = await store.get_site("demo")
    assert site is not None
    await store.set_site_settings("demo", SiteSettings(prechat=(PrechatField(field="department"),)))
    ids = []
    for name, pages, hours in (
        ("Sales", ["*/prices*"], sales_hours),
        ("Student services", ["*/admissions/*"], ""),
    ):
        settings = frames.RoutingSettings(pages=pages, hours=hours)
        saved = await store.save_department(
            site.id, None, name, msgspec.json.encode(settings).decode(), now
        )
        assert saved is not None
        ids.append(saved.id)
    for name, department in (("sam", ids[0]), ("stu", ids[1])):
        await store.add_agent(name, name.title(), "agent", hash_password(PASSWORD), now)
        await store.set_agent_departments(name, [department])
    return ids[0], ids[1]


async def _agents(relay: RunningRelay) -> tuple[AgentClient, AgentClient, AgentClient]:
    admin, _ = await log_in(relay)
    sam, _ = await log_in(relay, "sam", PASSWORD)
    stu, _ = await log_in(relay, "stu", PASSWORD)
    return admin, sam, stu


async def test_a_visitor_is_placed_by_the_page_they_are_on_and_moves_with_it(
    relay: RunningRelay,
) -> None:
    sales, services = await _teams(relay)
    admin, sam, stu = await _agents(relay)
    visitor = await VisitorClient.connect(relay.url, page=PRICES)
    me = (await visitor.expect(frames.Welcome)).visitor
    assert (await sam.expect_visitor(lambda v: v.id == me)).department == sales
    assert (await admin.expect_visitor(lambda v: v.id == me)).department == sales

    await visitor.send(frames.PageView(page=ADMISSIONS))
    await sam.expect_gone(me)
    shown = await stu.expect_visitor(lambda v: v.id == me)
    assert (shown.department, shown.page) == (services, ADMISSIONS)  # the first Stu heard
    arrived = await admin.expect_visitor(lambda v: v.id == me and v.department == services)
    assert arrived.page == ADMISSIONS

    # No department's pages match: every agent sees them again.
    await visitor.send(frames.PageView(page=ABOUT))
    for agent in (sam, stu, admin):
        shown = await agent.expect_visitor(lambda v: v.id == me and v.page == ABOUT)
        assert shown.department is None
    for client in (admin, sam, stu, visitor):
        await client.close()


async def test_a_pick_wins_over_pages_for_the_rest_of_the_visit(relay: RunningRelay) -> None:
    sales, services = await _teams(relay)
    admin, sam, stu = await _agents(relay)
    visitor = await VisitorClient.connect(relay.url, page=PRICES)
    welcome = await visitor.expect(frames.Welcome)
    me = welcome.visitor
    assert (await sam.expect_visitor(lambda v: v.id == me)).department == sales

    await visitor.send(frames.Profile(name="Bea", department=services))
    await sam.expect_gone(me)
    assert (await stu.expect_visitor(lambda v: v.id == me)).department == services
    # Back on the prices: still Student services'.
    await visitor.send(frames.PageView(page=PRICES))
    shown = await stu.expect_visitor(lambda v: v.id == me and v.page == PRICES)
    assert shown.department == services
    # The next page load (a new connection, the same visit) too.
    await visitor.close()
    await stu.expect_gone(me)
    again = await VisitorClient.connect(relay.url, token=welcome.token, page=PRICES)
    await again.expect(frames.Welcome)
    shown = await stu.expect_visitor(lambda v: v.id == me)
    assert (shown.department, shown.page) == (services, PRICES)
    assert not any(
        isinstance(f, frames.VisitorsChanged) and any(v.id == me for v in f.updated)
        for f in sam.received
    )
    assert (await admin.expect_visitor(lambda v: v.id == me and v.name == "Bea")).department == (
        services
    )
    for client in (admin, sam, stu, again):
        await client.close()


async def test_an_open_conversation_keeps_its_visitor_in_its_department(
    relay: RunningRelay,
) -> None:
    sales, _ = await _teams(relay)
    admin, sam, stu = await _agents(relay)
    visitor = await VisitorClient.connect(relay.url, page=PRICES)
    me = (await visitor.expect(frames.Welcome)).visitor
    ack = await visitor.say("Is the weekend course full?")
    opened = await sam.expect(frames.ConversationOpened)
    assert (opened.conversation.id, opened.conversation.department) == (ack.conversation, sales)

    await visitor.send(frames.PageView(page=ADMISSIONS))
    shown = await sam.expect_visitor(lambda v: v.id == me and v.page == ADMISSIONS)
    assert (shown.department, shown.conversation) == (sales, ack.conversation)
    stored = await relay.relay.store.get_conversation(ack.conversation)
    assert stored is not None and stored.department_id == sales
    assert not any(
        isinstance(f, frames.VisitorsChanged) and any(v.id == me for v in f.updated)
        for f in stu.received
    )
    for client in (admin, sam, stu, visitor):
        await client.close()


async def test_the_pre_chat_choices_say_which_departments_are_open_now(
    relay: RunningRelay,
) -> None:
    # The relay's clock runs from a Saturday noon (UTC); Sales works on weekdays.
    offset = datetime(2026, 3, 14, 12, 0, tzinfo=UTC).timestamp() - time.time()
    relay.relay.ctx.clock = lambda: time.time() + offset
    sales, services = await _teams(relay, sales_hours="mon-fri 09:00-18:00")
    visitor = await VisitorClient.connect(relay.url, page=ABOUT)
    welcome = await visitor.expect(frames.Welcome)
    assert [(d.id, d.name, d.open_now) for d in welcome.site.departments] == [
        (sales, "Sales", False),
        (services, "Student services", True),
    ]
    await visitor.close()
