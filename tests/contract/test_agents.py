"""Every back end keeps what routing will weigh of an agent: departments of a site,
skills, a level and how many chats at once."""

from __future__ import annotations

from relay.store.base import Store
from tests.contract.conftest import NOW, World


async def test_routing_fields_are_stored_and_default_sensibly(store: Store, world: World) -> None:
    await world.conversation()  # makes the site
    site = world.site
    assert site is not None
    alice = await world.agent("alice")
    assert (alice.departments, alice.skills, alice.level, alice.max_chats) == ((), (), 1, 5)
    sales = await store.add_department(site.id, "Sales", NOW)
    billing = await store.add_department(site.id, "Billing", NOW)
    assert [d.name for d in await store.departments(site.id)] == ["Sales", "Billing"]  # as added
    assert await store.set_agent_departments("alice", [sales.id, billing.id])
    assert await store.set_agent_routing("alice", skills=["fr", "de", "fr"], max_chats=3)
    assert await store.set_agent_routing("alice", level=2)  # the rest stays
    read = await store.get_agent("alice")
    assert read is not None
    assert (read.departments, read.skills, read.level, read.max_chats) == (
        tuple(sorted((sales.id, billing.id))),
        ("de", "fr"),
        2,
        3,
    )
    assert await store.agent_by_id(alice.id) == read
    assert await store.department_members(sales.id) == [alice.id]
    assert await store.set_agent_departments("alice", [billing.id])
    assert await store.department_members(sales.id) == []
    assert not await store.set_agent_routing("nobody", level=3)
    assert not await store.set_agent_departments("nobody", [])
