"""A visitor's own agent (docs/routing.md, "The owner"; protocol §6.8): set by hand with
`set_owner` by an agent who may see the visitor, or else the agent who served their last
chat once it closed. Agents see it on the visitor's row (VisitorInfo.owner), from the
visitor's next hello on too."""

from __future__ import annotations

import time

from relay.core.credentials import hash_password
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from tests.helpers.clients import VisitorClient
from tests.helpers.relay_fixtures import RunningRelay, log_in

PASSWORD = "a long enough password"


async def _teams(relay: RunningRelay) -> tuple[int, int, int, int]:
    """Sales (Sam) and Student services (Stu); returns their ids and Sam's and Stu's."""
    store, now = relay.relay.store, time.time()
    site = await store.get_site("demo")
    assert site is not None
    sales = await store.add_department(site.id, "Sales", now)
    services = await store.add_department(site.id, "Student services", now)
    agents = []
    for name, department in (("sam", sales.id), ("stu", services.id)):
        agent = await store.add_agent(name, name.title(), "agent", hash_password(PASSWORD), now)
        await store.set_agent_departments(name, [department])
        agents.append(agent.id)
    return sales.id, services.id, agents[0], agents[1]


async def test_an_owner_set_by_hand_shows_on_the_row_and_at_the_next_hello(
    relay: RunningRelay,
) -> None:
    sales, _, sam_id, _ = await _teams(relay)
    admin, _ = await log_in(relay)
    sam, _ = await log_in(relay, "sam", PASSWORD)
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    me = welcome.visitor
    await visitor.send(frames.Profile(name="Bat", department=sales))
    assert (await sam.expect_visitor(lambda v: v.name == "Bat")).owner is None

    await admin.send(frames.SetOwner(visitor=me, agent=sam_id))
    assert (await sam.expect_visitor(lambda v: v.id == me and v.owner is not None)).owner == sam_id
    await admin.expect_visitor(lambda v: v.id == me and v.owner == sam_id)
    stored = await relay.relay.store.get_visitor(me)
    assert stored is not None and (stored.owner_agent_id, stored.owner_set_by_hand) == (
        sam_id,
        True,
    )

    # The next page load reads it from the store.
    await visitor.close()
    await sam.expect_gone(me)
    again = await VisitorClient.connect(relay.url, token=welcome.token)
    await again.expect(frames.Welcome)
    assert (await sam.expect_visitor(lambda v: v.id == me)).owner == sam_id

    # Sam clears it: nobody, and no longer by hand.
    await sam.send(frames.SetOwner(visitor=me, agent=None))
    assert (await admin.expect_visitor(lambda v: v.id == me and v.owner is None)).name == "Bat"
    stored = await relay.relay.store.get_visitor(me)
    assert stored is not None and (stored.owner_agent_id, stored.owner_set_by_hand) == (
        None,
        False,
    )
    for client in (admin, sam, again):
        await client.close()


async def test_an_unknown_agent_or_visitor_is_not_found_and_another_departments_forbidden(
    relay: RunningRelay,
) -> None:
    sales, _, sam_id, stu_id = await _teams(relay)
    admin, _ = await log_in(relay)
    stu, _ = await log_in(relay, "stu", PASSWORD)
    visitor = await VisitorClient.connect(relay.url)
    me = (await visitor.expect(frames.Welcome)).visitor
    await visitor.send(frames.Profile(name="Bat", department=sales))
    await admin.expect_visitor(lambda v: v.name == "Bat")

    for frame, code in (
        (frames.SetOwner(visitor=me, agent=999), ErrorCode.NOT_FOUND),
        (frames.SetOwner(visitor=999, agent=sam_id), ErrorCode.NOT_FOUND),
    ):
        await admin.send(frame)
        assert (await admin.expect(frames.Error)).code is code, frame
    # Stu, of Student services, may not touch a Sales visitor, not even to claim them.
    await stu.send(frames.SetOwner(visitor=me, agent=stu_id))
    assert (await stu.expect(frames.Error)).code is ErrorCode.FORBIDDEN
    stored = await relay.relay.store.get_visitor(me)
    assert stored is not None and stored.owner_agent_id is None
    for client in (admin, stu, visitor):
        await client.close()


async def test_the_agent_who_served_the_last_chat_becomes_the_owner_when_it_closes(
    relay: RunningRelay,
) -> None:
    sales, _, sam_id, _ = await _teams(relay)
    admin, _ = await log_in(relay)
    sam, _ = await log_in(relay, "sam", PASSWORD)
    visitor = await VisitorClient.connect(relay.url)
    me = (await visitor.expect(frames.Welcome)).visitor
    await visitor.send(frames.Profile(name="Bat", department=sales))
    ack = await visitor.say("Do you have evening classes?")
    await sam.say(ack.conversation, "Yes, on Tuesdays.")
    await sam.send(frames.Close(conversation=ack.conversation))
    await sam.expect(frames.ConversationClosed)
    shown = await admin.expect_visitor(lambda v: v.id == me and v.owner is not None)
    assert (shown.owner, shown.conversation) == (sam_id, None)
    await sam.expect_visitor(lambda v: v.id == me and v.owner == sam_id)

    # An owner set by hand stays whoever serves the next chat.
    alice = await relay.relay.store.get_agent("alice")
    assert alice is not None
    await admin.send(frames.SetOwner(visitor=me, agent=alice.id))
    await sam.expect_visitor(lambda v: v.id == me and v.owner == alice.id)
    ack = await visitor.say("And on Saturdays?")
    await sam.say(ack.conversation, "No, sorry.")
    await sam.send(frames.Close(conversation=ack.conversation))
    await sam.expect(frames.ConversationClosed)
    shown = await sam.expect_visitor(lambda v: v.id == me and v.conversation is None)
    assert shown.owner == alice.id
    stored = await relay.relay.store.get_visitor(me)
    assert stored is not None and stored.owner_agent_id == alice.id
    for client in (admin, sam, visitor):
        await client.close()
