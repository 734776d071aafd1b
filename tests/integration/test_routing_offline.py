"""A message left for a department nobody staffs is not a live chat (docs/routing.md, "A
conversation's way through"): the assigner never offers it, its visitor is not told a place
in line, nobody is set Away for not answering it; the department's agents see it in their
list (and only they) and answer it from there, as before teams."""

from __future__ import annotations

import time

from relay.core.credentials import hash_password
from shared_protocol import frames
from shared_protocol.frames import AgentStatus
from tests.helpers.clients import VisitorClient
from tests.helpers.fake_clock import advance
from tests.helpers.relay_fixtures import RunningRelay, log_in
from tests.integration.test_routing import OFFER_SECONDS, PASSWORD, _sales


async def test_a_message_left_while_nobody_was_online_is_listed_not_offered_or_queued(
    relay: RunningRelay,
) -> None:
    sales, clock = await _sales(relay, {"ann": 2}, away_after_missed=1)
    store = relay.relay.store
    site = await store.get_site("demo")
    assert site is not None
    services = await store.save_department(site.id, None, "Student services", "{}", time.time())
    assert services is not None
    await store.add_agent("stu", "Stu", "agent", hash_password(PASSWORD), time.time())
    await store.set_agent_departments("stu", [services.id])

    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    await visitor.send(frames.Profile(name="Bat", department=sales))
    left = (await visitor.say("Nobody is there: please call me back")).conversation
    stored = await store.get_conversation(left)
    assert stored is not None and stored.offline and stored.department_id == sales

    ann, ann_in = await log_in(relay, "ann", PASSWORD)  # Sales comes online
    stu, stu_in = await log_in(relay, "stu", PASSWORD)
    listed = {c.id: c for c in ann_in.conversations}
    assert left in listed and listed[left].offline  # in Ann's list, as a left message
    assert left not in {c.id for c in stu_in.conversations}  # another department's

    assigner = relay.relay.ctx.routing
    assert assigner is not None
    for _ in range(3):  # whole offer times pass: nothing is offered, nothing expires
        await assigner.sweep()
        await advance(relay.relay, clock, OFFER_SECONDS)
    stored = await store.get_conversation(left)
    assert stored is not None and stored.lifecycle is not None
    assert (stored.lifecycle.value, stored.offered_to, stored.agent_id) == ("waiting", None, None)
    kinds = [e.kind for e in await store.conversation_events(left)]
    assert kinds == ["created"]
    assert not any(isinstance(f, frames.QueuePlace) for f in visitor.received)
    assert relay.relay.ctx.presence.status_of(ann_in.agent.id) is AgentStatus.ONLINE

    await ann.send(frames.Accept(conversation=left))  # answered from the list
    assert (await visitor.expect(frames.AgentJoined)).agent.name == "Ann"
    stored = await store.get_conversation(left)
    assert stored is not None and stored.agent_id == ann_in.agent.id
    assert not any(isinstance(f, frames.QueuePlace) for f in visitor.received)
    for client in (ann, stu, visitor):
        await client.close()
