"""Agents see the visitors and conversations of their departments only (docs/routing.md,
Roles): a visitor who picked "Sales" in the pre-chat form reaches Sales' agents and the
admin, never Student services'; every frame naming that chat from outside is forbidden."""

from __future__ import annotations

import time

import msgspec

from relay.core.credentials import hash_password
from relay.store.records import PrechatField, SiteSettings
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay, log_in

PASSWORD = "a long enough password"


async def _teams(relay: RunningRelay) -> tuple[int, int]:
    """Sales (Sam) and Student services (Stu) on the demo site; Alice is the admin."""
    store, now = relay.relay.store, time.time()
    site = await store.get_site("demo")
    assert site is not None
    await store.set_site_settings(
        "demo", SiteSettings(prechat=(PrechatField(field="department", required=True),))
    )
    sales = await store.add_department(site.id, "Sales", now)
    services = await store.add_department(site.id, "Student services", now)
    for name, department in (("sam", sales.id), ("stu", services.id)):
        await store.add_agent(name, name.title(), "agent", hash_password(PASSWORD), now)
        await store.set_agent_departments(name, [department])
    return sales.id, services.id


async def test_a_sales_chat_reaches_sales_and_the_admin_and_nobody_else_may_touch_it(
    relay: RunningRelay,
) -> None:
    sales, services = await _teams(relay)
    admin, _ = await log_in(relay, AGENT_NAME, AGENT_PASSWORD)
    sam, _ = await log_in(relay, "sam", PASSWORD)
    stu, _ = await log_in(relay, "stu", PASSWORD)

    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    assert [(d.id, d.name) for d in welcome.site.departments] == [
        (sales, "Sales"),
        (services, "Student services"),
    ]
    await visitor.send(frames.Profile(name="Bat", department=sales))
    placed = await sam.expect_visitor(lambda v: v.name == "Bat")
    assert placed.department == sales
    await admin.expect_visitor(lambda v: v.name == "Bat")
    ack = await visitor.say("How much is the IELTS weekend course?")

    opened = await sam.expect(frames.ConversationOpened)
    assert (opened.conversation.id, opened.conversation.department) == (ack.conversation, sales)
    assert (await admin.expect(frames.Message)).message.text.startswith("How much")
    assert (await sam.expect(frames.Message)).message.conversation == ack.conversation

    # Stu, of Student services, heard nothing of Bat, and may do nothing with the chat.
    named = [
        frames.Accept(conversation=ack.conversation),
        frames.AgentSend(id="s1", conversation=ack.conversation, text="Hi"),
        frames.Note(id="n1", conversation=ack.conversation, text="mine?"),
        frames.Join(conversation=ack.conversation),
        frames.AgentRead(conversation=ack.conversation, seq=1),
        frames.Resume(conversation=ack.conversation, after_seq=0),
        frames.Close(conversation=ack.conversation),
        frames.Withdraw(conversation=ack.conversation, seq=1),
        frames.AgentTypingSet(conversation=ack.conversation, active=True),
        frames.DetailsRequest(visitor=welcome.visitor),
        frames.Invite(visitors=[welcome.visitor]),
    ]
    for frame in named:
        await stu.send(frame)
        refused = await stu.expect(frames.Error)
        assert refused.code is ErrorCode.FORBIDDEN, frame
    assert not any(
        isinstance(f, frames.VisitorsChanged) and any(v.id == welcome.visitor for v in f.updated)
        for f in stu.received
    )
    assert not any(isinstance(f, frames.ConversationOpened | frames.Message) for f in stu.received)

    # Sam answers; Stu, logging in again, is still not shown the visitor or the chat.
    assert (await sam.say(ack.conversation, "It is 2,400 yuan.")).seq == 2
    assert (await visitor.expect(frames.Message)).message.text == "It is 2,400 yuan."
    await stu.close()
    stu, snapshot = await log_in(relay, "stu", PASSWORD)
    assert welcome.visitor not in {v.id for v in snapshot.visitors}
    assert ack.conversation not in {c.id for c in snapshot.conversations}
    # Naming the chat among a login's resume points reads none of it either.
    await stu.close()
    point = frames.ResumePoint(conversation=ack.conversation, after_seq=0)
    stu = await AgentClient.connect(relay.url, user="stu", password=PASSWORD, resume=[point])
    await stu.expect(frames.LoginOk)
    await stu.send(frames.Resume(conversation=ack.conversation, after_seq=0))
    assert (await stu.expect(frames.Error)).code is ErrorCode.FORBIDDEN  # after the resume
    assert not any(isinstance(f, frames.Message | frames.History) for f in stu.received)
    _, sams = await log_in(relay, "sam", PASSWORD)
    assert ack.conversation in {c.id for c in sams.conversations}
    for client in (admin, sam, stu, visitor):
        await client.close()


async def test_a_department_of_another_site_or_none_is_refused_and_nothing_is_stored(
    relay: RunningRelay,
) -> None:
    await _teams(relay)
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await agent.expect(frames.LoginOk)
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    profile = frames.Profile(name="Mallory", department=999)
    await visitor.send(profile)
    refused = await visitor.expect(frames.Error)
    assert refused.code is ErrorCode.BAD_FRAME and refused.detail.startswith("department:")
    await visitor.send(msgspec.structs.replace(profile, department=None))
    shown = await agent.expect_visitor(lambda v: v.name == "Mallory")
    assert shown.department is None
    await visitor.close()
    await agent.close()
