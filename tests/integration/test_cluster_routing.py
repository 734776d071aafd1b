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
from tests.helpers.cluster import (
    PASSWORD,
    SITE,
    Cluster,
    agent_at,
    healths,
    linked,
    until,
    visitor_at,
)
from tests.helpers.relay_process import RelayProcess


async def _sales(cluster: Cluster, **chosen: object) -> int:
    store = cluster.open_store()  # the site, and Alice and Bob, are there (prepare)
    await store.open()
    try:
        site = await store.get_site(SITE)
        assert site is not None
        wanted = {"offer_seconds": 60, "owner_first_seconds": 0} | chosen
        settings = msgspec.convert(wanted, frames.RoutingSettings)
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


async def _lead_and_other(cluster: Cluster) -> tuple[RelayProcess, RelayProcess]:
    """The relay that leads (plans, and judges who is gone) and the other one."""
    await until(lambda: linked(cluster))

    async def one_leads() -> bool:
        return sum(bool(h.get("leads")) for h in await healths(cluster)) == 1

    await until(one_leads)
    states = await healths(cluster)
    lead = 0 if states[0].get("leads") else 1
    return cluster.relays[lead], cluster.relays[1 - lead]


async def _events(cluster: Cluster, conversation: int) -> list[str]:
    store = cluster.open_store()
    await store.open()
    try:
        return [str(e.kind) for e in await store.conversation_events(conversation)]
    finally:
        await store.close()


async def test_a_chat_of_an_agent_gone_from_the_other_relay_goes_back_after_the_grace(
    cluster: Cluster,
) -> None:
    sales = await _sales(cluster, reclaim_after_seconds=15)  # the shortest grace
    await cluster.start_relay()
    await cluster.start_relay()
    lead, other = await _lead_and_other(cluster)
    # Both agents on the relay that does not lead: it knows them through the cluster only.
    ann, bob = await agent_at(other, "ann"), await agent_at(other, "bob")
    ann_id = (await ann.expect(frames.LoginOk)).agent.id
    bob_id = (await bob.expect(frames.LoginOk)).agent.id
    visitors, chats = [], []
    for n in range(2):
        visitor = await visitor_at(lead)
        await visitor.expect(frames.Welcome)
        await visitor.send(frames.Profile(name=f"Visitor {n}", department=sales))
        chats.append((await visitor.say(f"Hello {n}")).conversation)
        visitors.append(visitor)
    [anns] = await _take_offers(ann, ann_id, 1)
    [bobs] = await _take_offers(bob, bob_id, 1)
    anns_visitor = visitors[chats.index(anns)]
    await anns_visitor.expect(frames.AgentJoined, within=20)

    await ann.close()  # her app is gone, without logging out
    assert await _take_offers(bob, bob_id, 1) == [anns]  # back in line after the grace
    assert (await anns_visitor.expect(frames.AgentJoined, within=20)).agent.name == "Bob"
    assert (await _events(cluster, anns))[-3:] == ["reclaimed", "offered", "accepted"]
    # Bob was connected all along, through the relay that does not lead: his chat stayed.
    assert "reclaimed" not in await _events(cluster, bobs)
    for client in (bob, *visitors):
        await client.close()


async def test_a_transfer_note_reaches_a_new_agent_on_the_other_relay_and_their_next_login(
    cluster: Cluster,
) -> None:
    sales = await _sales(cluster)
    await cluster.start_relay()
    await cluster.start_relay()
    lead, other = await _lead_and_other(cluster)
    store = cluster.open_store()  # an agent added while the relays run
    await store.open()
    try:
        await store.add_agent("cat", "Cat", "agent", hash_password(PASSWORD), time.time())
        await store.set_agent_departments("cat", [sales])
    finally:
        await store.close()
    ann = await agent_at(lead, "ann")
    ann_id = (await ann.expect(frames.LoginOk)).agent.id
    visitor = await visitor_at(other)
    await visitor.expect(frames.Welcome)
    await visitor.send(frames.Profile(name="Bat", department=sales))
    chat = (await visitor.say("Hello")).conversation
    assert await _take_offers(ann, ann_id, 1) == [chat]
    cat = await agent_at(other, "cat")
    cat_id = (await cat.expect(frames.LoginOk)).agent.id
    await until(lambda: linked(cluster))

    note = "Asks about her visa: yours"
    await ann.send(frames.TransferRequest(conversation=chat, agent=cat_id, note=note))
    while True:
        update = await cat.expect(frames.ConversationUpdated, within=20)
        if update.conversation.status == "transferring":
            break
    assert update.conversation.transfer_note == note
    written = await cat.expect(frames.Message, within=20)
    while written.message.visibility is not frames.Visibility.INTERNAL:
        written = await cat.expect(frames.Message, within=20)
    assert note in written.message.text
    # Her second app, on the relay that did not take the transfer, shows the note too.
    again = await agent_at(other, "cat")
    [listed] = [c for c in (await again.expect(frames.LoginOk)).conversations if c.id == chat]
    assert (listed.status, listed.transfer_note) == ("transferring", note)
    await cat.send(frames.Accept(conversation=chat))
    joined = await visitor.expect(frames.AgentJoined, within=20)
    while joined.agent.name != "Cat":
        joined = await visitor.expect(frames.AgentJoined, within=20)
    for client in (ann, cat, again, visitor):
        await client.close()
