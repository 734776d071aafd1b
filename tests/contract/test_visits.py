"""A visit's pages as the invitation rules count them (issue 14: `pages_viewed`)."""

from __future__ import annotations

from relay.store.base import Store
from relay.store.records import Page
from tests.contract.conftest import NOW, World


async def test_a_visit_counts_its_page_views_and_only_its_own(store: Store, world: World) -> None:
    visit, other = await world.visit(), await world.visit()
    assert await store.pages_viewed(visit.id) == 0
    for n in range(3):
        await store.record_page_view(visit.id, Page(url=f"https://site.example/{n}"), NOW + n)
    await store.record_page_view(other.id, Page(url="https://site.example/"), NOW)
    assert await store.pages_viewed(visit.id) == 3
    assert await store.pages_viewed(other.id) == 1
    assert await store.pages_viewed(999_999) == 0
