"""Whether a visitor of a department can chat (docs/routing.md): someone of that department
Online, within its hours; otherwise the widget offers the offline form. Visitors of no
department go on hearing whether any agent is Online. A department's visitors hear it when
the department opens or closes by its hours, too."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import msgspec

from relay.core.credentials import hash_password
from relay.features import departments
from relay.store.records import PrechatField, SiteSettings
from shared_protocol import frames
from tests.helpers.clients import VisitorClient
from tests.helpers.fake_clock import advance, freeze
from tests.helpers.relay_fixtures import RunningRelay, log_in

PASSWORD = "a long enough password"


async def _teams(relay: RunningRelay, **sales_settings: object) -> tuple[int, int]:
    store, now = relay.relay.store, time.time()
    site = await store.get_site("demo")
    assert site is not None
    await store.set_site_settings("demo", SiteSettings(prechat=(PrechatField(field="department"),)))
    settings = msgspec.convert(sales_settings, frames.RoutingSettings)
    sales = await store.save_department(
        site.id, None, "Sales", msgspec.json.encode(settings).decode(), now
    )
    services = await store.save_department(site.id, None, "Student services", "{}", now)
    assert sales is not None and services is not None
    departments.forget(relay.relay.ctx, site.id)  # saved past the relay: read again
    for name, department in (("ann", sales.id), ("stu", services.id)):
        await store.add_agent(name, name.title(), "agent", hash_password(PASSWORD), now)
        await store.set_agent_departments(name, [department])
    return sales.id, services.id


async def test_a_sales_visitor_can_chat_only_while_someone_of_sales_is_online(
    relay: RunningRelay,
) -> None:
    sales, _ = await _teams(relay)
    stu, _ = await log_in(relay, "stu", PASSWORD)  # of Student services
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    assert welcome.agents_online  # no department yet: Stu counts
    await visitor.send(frames.Profile(department=sales))
    assert (await visitor.expect(frames.Presence)).agents_online is False  # nobody of Sales

    ann, _ = await log_in(relay, "ann", PASSWORD)
    assert (await visitor.expect(frames.Presence)).agents_online is True
    await ann.send(frames.SetStatus(status=frames.AgentStatus.AWAY))
    assert (await visitor.expect(frames.Presence)).agents_online is False
    # A message now is left for later: it opens an offline conversation.
    ack = await visitor.say("Please call me back")
    stored = await relay.relay.store.get_conversation(ack.conversation)
    assert stored is not None and stored.offline and stored.department_id == sales
    for client in (stu, ann, visitor):
        await client.close()


async def test_outside_its_hours_a_department_offers_the_offline_form_at_once(
    relay: RunningRelay,
) -> None:
    today = datetime.now(UTC).date().isoformat()
    sales, _ = await _teams(
        relay,
        pages=["*/prices*"],
        hours="mon-sun 00:00-24:00",
        exceptions=f"{today} closed",  # closed today, whatever the time
    )
    ann, _ = await log_in(relay, "ann", PASSWORD)
    page = frames.PageInfo(url="https://demo.example/prices.html")
    visitor = await VisitorClient.connect(relay.url, page=page)
    welcome = await visitor.expect(frames.Welcome)
    assert welcome.agents_online is False
    placed = await ann.expect_visitor(lambda v: v.id == welcome.visitor)
    assert placed.department == sales
    for client in (ann, visitor):
        await client.close()


async def test_a_department_opening_and_closing_by_its_hours_is_told_to_its_visitors(
    relay: RunningRelay,
) -> None:
    # A Monday, 10 s before Sales opens at 09:00 (UTC); the relay's clock (and its timers)
    # moves only when the test moves it.
    clock = freeze(relay.relay)
    clock.now = datetime(2027, 3, 15, 8, 59, 50, tzinfo=UTC).timestamp()
    await _teams(relay, pages=["*/prices*"], hours="mon-fri 09:00-18:00")
    ann, _ = await log_in(relay, "ann", PASSWORD)
    page = frames.PageInfo(url="https://demo.example/prices.html")
    visitor = await VisitorClient.connect(relay.url, page=page)
    assert (await visitor.expect(frames.Welcome)).agents_online is False  # closed
    await advance(relay.relay, clock, 5)  # the relay looks at its departments: closed
    await advance(relay.relay, clock, 5)  # 09:00:00
    assert (await visitor.expect(frames.Presence)).agents_online is True
    await advance(relay.relay, clock, 5)  # nothing changed: quiet
    await advance(relay.relay, clock, 9 * 3600)  # 18:00:05: closed
    assert (await visitor.expect(frames.Presence)).agents_online is False
    assert not [f for f in visitor.received if isinstance(f, frames.Presence)]
    for client in (ann, visitor):
        await client.close()


async def test_a_visitor_whose_chat_was_taken_into_another_department_hears_about_it(
    relay: RunningRelay,
) -> None:
    sales, services = await _teams(relay)
    ann, _ = await log_in(relay, "ann", PASSWORD)
    stu, stu_in = await log_in(relay, "stu", PASSWORD)
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    await visitor.send(frames.Profile(department=sales))
    conversation = (await visitor.say("I have a question about my visa")).conversation
    await ann.send(frames.Accept(conversation=conversation))
    await visitor.expect(frames.AgentJoined)
    await ann.send(frames.TransferRequest(conversation=conversation, department=services))
    while (await stu.expect(frames.ConversationUpdated)).conversation.status != "transferring":
        pass
    await stu.send(frames.Accept(conversation=conversation))
    assert (await visitor.expect(frames.AgentJoined)).agent.name == "Stu"
    # The visitor belongs to Student services now, and hears whether they can chat there.
    assert (await visitor.expect(frames.Presence)).agents_online is True
    shown = relay.relay.ctx.presence.visitor_info(welcome.visitor)
    assert shown is not None and shown.department == services
    assert stu_in.agent.departments == [services]
    for client in (ann, stu, visitor):
        await client.close()


async def test_someone_who_takes_no_chats_does_not_make_the_department_online(
    relay: RunningRelay,
) -> None:
    sales, _ = await _teams(relay)
    store = relay.relay.store
    await store.add_agent("mei", "Mei", "supervisor", hash_password(PASSWORD), time.time())
    await store.set_agent_departments("mei", [sales])
    await store.set_agent_routing("mei", max_chats=0)  # watches, takes none
    mei, mei_in = await log_in(relay, "mei", PASSWORD)
    assert [a.takes_chats for a in mei_in.agents if a.agent == mei_in.agent.id] == [False]
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    await visitor.send(frames.Profile(department=sales))
    assert (await visitor.expect(frames.Presence)).agents_online is False  # Mei alone
    ann, _ = await log_in(relay, "ann", PASSWORD)
    assert (await visitor.expect(frames.Presence)).agents_online is True
    for client in (mei, ann, visitor):
        await client.close()
