"""The PostgreSQL store outlives its server going away: while PostgreSQL is down every
call fails soon with StoreUnavailable (nothing hangs for minutes), and once it is back
the same store, never reopened, works again (the pool connects anew)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from relay.store.errors import StoreUnavailable
from relay.store.postgres import PostgresStore, Timeouts
from tests.contract.conftest import NOW, from_visitor
from tests.helpers.postgres import PostgresServer

# Far above the store's own limits (Timeouts below): a call still waiting after this hangs.
HANGING = 20.0


@pytest.fixture
async def store(postgres_server: PostgresServer) -> AsyncIterator[PostgresStore]:
    url = await postgres_server.fresh_database()
    opened = PostgresStore(url, timeouts=Timeouts(connect=2.0, command=5.0, lock=1.0))
    await opened.open()
    try:
        yield opened
    finally:
        await opened.close()
        await postgres_server.drop_database(url)


async def _fails_soon(call: Callable[[], Awaitable[Any]]) -> None:
    with pytest.raises(StoreUnavailable):
        await asyncio.wait_for(call(), HANGING)


async def test_calls_fail_while_postgres_is_down_and_succeed_once_it_is_back(
    postgres_server: PostgresServer, store: PostgresStore
) -> None:
    site = await store.add_site("site", "Site", ["https://site.example"], NOW)
    visitor = await store.create_visitor(site.id, "token", NOW)
    chat = await store.open_conversation(site.id, visitor.id, NOW)
    await store.append_message(from_visitor(chat, "m0"))
    await postgres_server.stop()
    try:
        await _fails_soon(lambda: store.append_message(from_visitor(chat, "m1")))
        await _fails_soon(lambda: store.get_conversation(chat.id))
        await _fails_soon(lambda: store.add_agent("alice", "Alice", "agent", "hash", NOW))
        await _fails_soon(lambda: store.close_conversation(chat.id, NOW + 1))
    finally:
        await postgres_server.start()
    # The same store: the client resends what failed, and everything else works again.
    again = await store.append_message(from_visitor(chat, "m1"))
    assert (again.duplicate, again.message.seq) == (False, 2)
    assert (await store.add_agent("alice", "Alice", "agent", "hash", NOW)).name == "alice"
    read = await store.get_conversation(chat.id)
    assert read is not None and read.last_seq == 2


async def test_a_restart_between_calls_goes_unnoticed_but_for_the_calls_during_it(
    postgres_server: PostgresServer, store: PostgresStore
) -> None:
    site = await store.add_site("site", "Site", ["https://site.example"], NOW)
    await postgres_server.restart()
    # Every pooled connection was closed by the restart; the pool replaces each.
    found = await asyncio.gather(*(store.get_site("site") for _ in range(12)))
    assert found == [site] * 12
