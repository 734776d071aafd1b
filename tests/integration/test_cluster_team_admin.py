"""An admin's change to an agent reaches the agent's app wherever in the cluster it is
connected: Alice (admin) on relay A moves Bob, connected to relay B, to Sales as a
supervisor; relay B follows it at its next look at its agents (the session sweep) and
Bob's app is told (his own presence), and gets Sales' visitors."""

from __future__ import annotations

import time

from relay.store.base import Store
from shared_protocol import frames
from tests.helpers.cluster import SITE, Cluster, agent_at, linked, until, visitor_at


async def _sales(store: Store) -> int:
    site = await store.get_site(SITE)
    assert site is not None
    sales = await store.add_department(site.id, "Sales", time.time())
    await store.set_agent_routing("bob", role="agent")
    return sales.id


async def test_an_admins_change_on_one_relay_reaches_the_agent_on_another(
    cluster: Cluster,
) -> None:
    store = cluster.open_store()
    await store.open()
    try:
        sales = await _sales(store)
        bob_record = await store.get_agent("bob")
        assert bob_record is not None
    finally:
        await store.close()
    a, b = await cluster.start_relay(), await cluster.start_relay()
    alice, bob = await agent_at(a, "alice"), await agent_at(b, "bob")
    await alice.expect(frames.LoginOk)
    welcome = await bob.expect(frames.LoginOk)
    assert (welcome.agent.role, welcome.agent.departments) == ("agent", [])
    await until(lambda: linked(cluster))
    bat = await visitor_at(a)
    bat_id = (await bat.expect(frames.Welcome)).visitor
    await bat.send(frames.Profile(name="Bat", department=sales))

    await alice.send(
        frames.AgentRoutingSave(
            agent=bob_record.id, role="supervisor", departments=[sales], level=2
        )
    )
    await alice.expect(frames.Team)

    async def told() -> bool:
        return any(
            p.agent.agent == bob_record.id and p.agent.departments == [sales]
            for p in bob.take_all(frames.AgentPresence)
        )

    await until(told)
    await bob.expect_visitor(lambda v: v.id == bat_id and v.department == sales, within=20)
    await bob.send(frames.DetailsRequest(visitor=bat_id))
    assert (await bob.expect(frames.VisitorDetails)).visitor == bat_id
    for client in (alice, bob, bat):
        await client.close()
