"""Routing across relays (issue 15): one queue and one decision per chat in the cluster.
Ann is on relay A, Bob on relay B, visitors on both; only the lead relay plans, offers
reach agents wherever they are connected, and every chat is offered to one agent at a
time and taken exactly once."""

from __future__ import annotations

import time

import msgspec

from relay.core.credentials import hash_password
from shared_protocol import frames
from tests.helpers.clients import AgentClient
from tests.helpers.cluster import PASSWORD, SITE, Cluster, agent_at, linked, until, visitor_at


async def _sales(cluster: Cluster) -> int:
    store = cluster.open_store()  # the site, and Alice and Bob, are there (prepare)
    await store.open()
    try:
        site = await store.get_site(SITE)
        assert site is not None
        settings = frames.RoutingSettings(offer_seconds=60, owner_first_seconds=0)
        json = msgspec.json.encode(settings).decode()
        sales = await store.save_department(site.id, None, "Sales", json, time.time())
        assert sales is not None
        await store.add_agent("ann", "Ann", "agent", hash_password(PASSWORD), time.time())
        for name in ("ann", "bob"):
            await store.set_agent_departments(name, [sales.id])
            await store.set_agent_routing(name, max_chats=2, role="agent")
        return sales.id
    finally:
        await store.close()


async def _take_offers(agent: AgentClient, me: int, count: int) -> list[int]:
    """Accept the next `count` chats offered to this agent."""
    taken: list[int] = []
    while len(taken) < count:
        update = await agent.expect(frames.ConversationUpdated, within=20)
        info = update.conversation
        if info.status == "offered" and info.offered_to == me and info.id not in taken:
            await agent.send(frames.Accept(conversation=info.id))
            taken.append(info.id)
    return taken


async def test_six_visitors_on_two_relays_each_chat_offered_once_at_a_time_and_taken_once(
    cluster: Cluster,
) -> None:
    sales = await _sales(cluster)
    a, b = await cluster.start_relay(), await cluster.start_relay()
    ann, bob = await agent_at(a, "ann"), await agent_at(b, "bob")
    ann_id = (await ann.expect(frames.LoginOk)).agent.id
    bob_id = (await bob.expect(frames.LoginOk)).agent.id
    await until(lambda: linked(cluster))

    chats: list[int] = []
    visitors = []
    for n in range(6):
        visitor = await visitor_at(a if n % 2 == 0 else b)
        await visitor.expect(frames.Welcome)
        await visitor.send(frames.Profile(name=f"Visitor {n}", department=sales))
        chats.append((await visitor.say(f"Hello {n}")).conversation)
        visitors.append(visitor)

    taken_by_ann = await _take_offers(ann, ann_id, 2)
    taken_by_bob = await _take_offers(bob, bob_id, 2)
    assert not set(taken_by_ann) & set(taken_by_bob)
    assert sorted(taken_by_ann + taken_by_bob) == sorted(chats[:4])  # first come, first served
    # The last two wait in line, whichever relay their visitor is on.
    for visitor, position in ((visitors[4], 1), (visitors[5], 2)):
        place = await visitor.expect(frames.QueuePlace, within=20)
        while place.position != position:
            place = await visitor.expect(frames.QueuePlace, within=20)

    store = cluster.open_store()
    await store.open()
    try:
        for chat in chats[:4]:
            kinds = [str(e.kind) for e in await store.conversation_events(chat)]
            assert kinds.count("accepted") == 1, (chat, kinds)
            assert kinds.count("offered") == 1, (chat, kinds)  # nobody declined or missed
        for chat in chats[4:]:
            kinds = [str(e.kind) for e in await store.conversation_events(chat)]
            assert "accepted" not in kinds and kinds[-1] == "queued", (chat, kinds)
    finally:
        await store.close()
    for client in (ann, bob, *visitors):
        await client.close()
