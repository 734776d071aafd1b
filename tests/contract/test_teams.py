"""Every back end keeps what teams route by (schema step 14): departments' settings and
order, the supervisor role, a visitor's own agent (set by hand, or the owner of their last
conversation when it closed, in the closing's transaction), and what the assigner reads in
one query each: the conversations nobody holds in the order they entered their department,
with who declined them, and when each agent last took one. A schema 13 database is
brought along."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from relay.store.base import Store
from relay.store.errors import DuplicateName, StoreBug
from relay.store.postgres import PostgresStore
from relay.store.postgres import migrations as postgres_migrations
from relay.store.postgres.schema import STEPS
from relay.store.records import Conversation
from relay.store.sqlite import SqliteStore
from relay.store.sqlite import migrations as sqlite_migrations
from relay.store.sqlite.conversations import _SELECT_UNTAKEN, _TAKEN_KINDS
from shared_protocol.lifecycle import SYSTEM, Actor, ConversationStatus, conversation
from shared_protocol.lifecycle.conversation import ToDepartment
from tests.contract.backends import BACKENDS
from tests.contract.conftest import NOW, World
from tests.helpers.postgres import PostgresServer

SETTINGS = '{"mode":"hybrid","offer_seconds":20}'


async def _site_id(world: World) -> int:
    await world.conversation()  # makes the site
    assert world.site is not None
    return world.site.id


async def _move(
    store: Store, chat: Conversation, step: conversation.ConversationInput, at: float, **extra: Any
) -> Conversation:
    """`step` applied to the conversation as stored, by compare-and-set; the result."""
    new, entries = conversation.apply(chat.state(), step, at)
    assert await store.transition_conversation(chat.id, chat.state(), new, entries, **extra)
    moved = await store.get_conversation(chat.id)
    assert moved is not None and moved.state() == new
    return moved


async def _in_department(world: World, department_id: int, at: float) -> Conversation:
    visitor, _ = await world._visitor()
    return await world.store.open_conversation(
        visitor.site_id, visitor.id, at, department_id=department_id
    )


# ---------------------------------------------------------------- departments


async def test_departments_are_saved_with_their_settings_and_listed_in_their_order(
    store: Store, world: World
) -> None:
    site_id = await _site_id(world)
    sales = await store.add_department(site_id, "Sales", NOW)
    assert (sales.settings_json, sales.position) == ("{}", 1)  # the defaults
    billing = await store.save_department(site_id, None, "Billing", SETTINGS, NOW + 1)
    assert billing is not None
    assert (billing.name, billing.settings_json, billing.position, billing.created_at) == (
        "Billing",
        SETTINGS,
        2,  # new ones last, whatever their name
        NOW + 1,
    )
    assert await store.department(billing.id) == billing
    assert await store.departments(site_id) == [sales, billing]

    renamed = await store.save_department(site_id, sales.id, "Sales & offers", SETTINGS, NOW + 9)
    assert renamed is not None
    assert (renamed.name, renamed.settings_json) == ("Sales & offers", SETTINGS)
    assert (renamed.position, renamed.created_at) == (1, NOW)  # its place and birth stay
    assert await store.departments(site_id) == [renamed, billing]
    assert await store.department(billing.id + 100) is None


async def test_a_second_department_of_a_name_is_refused_changing_nothing(
    store: Store, world: World
) -> None:
    site_id = await _site_id(world)
    sales = await store.add_department(site_id, "Sales", NOW)
    billing = await store.save_department(site_id, None, "Billing", SETTINGS, NOW)
    assert billing is not None
    with pytest.raises(DuplicateName):
        await store.save_department(site_id, None, "Sales", SETTINGS, NOW)
    with pytest.raises(DuplicateName):
        await store.add_department(site_id, "Billing", NOW)
    with pytest.raises(DuplicateName):  # renamed onto another's name
        await store.save_department(site_id, billing.id, "Sales", "{}", NOW)
    assert await store.departments(site_id) == [sales, billing]
    # Saving one under its own name is no clash; another site may use the name.
    assert await store.save_department(site_id, sales.id, "Sales", "{}", NOW) == sales
    other = await store.add_site("other", "Other", [], NOW)
    theirs = await store.add_department(other.id, "Sales", NOW)
    assert theirs.position == 1 and await store.departments(other.id) == [theirs]


async def test_saving_a_department_the_site_does_not_have_stores_nothing(
    store: Store, world: World
) -> None:
    site_id = await _site_id(world)
    sales = await store.add_department(site_id, "Sales", NOW)
    other = await store.add_site("other", "Other", [], NOW)
    assert await store.save_department(site_id, sales.id + 100, "Ghost", "{}", NOW) is None
    assert await store.save_department(other.id, sales.id, "Taken over", "{}", NOW) is None
    assert await store.departments(site_id) == [sales]
    assert await store.departments(other.id) == []


# ---------------------------------------------------------------- roles


async def test_an_agent_is_made_supervisor_and_back_keeping_the_rest(
    store: Store, world: World
) -> None:
    alice = await world.agent("alice")
    assert await store.set_agent_routing("alice", role="supervisor", level=3)
    read = await store.get_agent("alice")
    assert read is not None and (read.role, read.level, read.max_chats) == ("supervisor", 3, 5)
    assert await store.set_agent_routing("alice", max_chats=2)  # the role stays
    assert await store.agent_by_id(alice.id) == dataclasses.replace(read, max_chats=2)
    assert await store.set_agent_routing("alice", role="agent")
    back = await store.get_agent("alice")
    assert back is not None and back.role == "agent"
    carol = await store.add_agent("carol", "Carol", "supervisor", "hash", NOW)
    assert carol.role == "supervisor"
    assert not await store.set_agent_routing("nobody", role="admin")


# ---------------------------------------------------------------- the visitor's own agent


async def test_a_visitors_own_agent_is_set_and_cleared(store: Store, world: World) -> None:
    chat = await world.conversation()
    alice = await world.agent("alice")
    visitor = await store.get_visitor(chat.visitor_id)
    assert visitor is not None
    assert (visitor.owner_agent_id, visitor.owner_set_by_hand) == (None, False)

    assert await store.set_visitor_owner(visitor.id, alice.id, by_hand=True)
    read = await store.get_visitor(visitor.id)
    assert read is not None and (read.owner_agent_id, read.owner_set_by_hand) == (alice.id, True)
    assert read.conversations == 1
    assert await store.visitor_by_token(visitor.site_id, "token-0") == read

    # Cleared: nobody, and the next one to serve them becomes it.
    assert await store.set_visitor_owner(visitor.id, None, by_hand=True)
    cleared = await store.get_visitor(visitor.id)
    assert cleared is not None
    assert (cleared.owner_agent_id, cleared.owner_set_by_hand) == (None, False)
    assert not await store.set_visitor_owner(visitor.id + 100, alice.id, by_hand=True)
    assert await store.get_visitor(visitor.id + 100) is None
    with pytest.raises(StoreBug):
        await store.set_visitor_owner(visitor.id, alice.id + 100, by_hand=False)


async def _close_with_method(store: Store, chat: Conversation, at: float) -> None:
    assert await store.close_conversation(chat.id, at, by=Actor.agent(chat.agent_id or 0))


async def _close_with_lifecycle(store: Store, chat: Conversation, at: float) -> None:
    await _move(store, chat, conversation.Close(by=Actor.visitor(chat.visitor_id)), at)


CLOSINGS = {"close_conversation": _close_with_method, "transition": _close_with_lifecycle}
Closing = Callable[[Store, Conversation, float], Awaitable[None]]


@pytest.mark.parametrize("close", CLOSINGS.values(), ids=CLOSINGS.keys())
async def test_whoever_held_a_conversation_when_it_closed_becomes_the_visitors_agent(
    store: Store, world: World, close: Closing
) -> None:
    chat = await world.conversation()
    alice, bob = await world.agent("alice"), await world.agent("bob")
    taken = await _move(store, chat, conversation.Accept(agent=alice.id), NOW + 1)
    await close(store, taken, NOW + 2)
    visitor = await store.get_visitor(chat.visitor_id)
    assert visitor is not None
    assert (visitor.owner_agent_id, visitor.owner_set_by_hand) == (alice.id, False)

    # The next conversation's holder replaces them.
    again = await store.open_conversation(chat.site_id, chat.visitor_id, NOW + 3)
    taken = await _move(store, again, conversation.Accept(agent=bob.id), NOW + 4)
    await close(store, taken, NOW + 5)
    visitor = await store.get_visitor(chat.visitor_id)
    assert visitor is not None and visitor.owner_agent_id == bob.id

    # One nobody took changes nothing.
    untaken = await store.open_conversation(chat.site_id, chat.visitor_id, NOW + 6)
    await close(store, untaken, NOW + 7)
    visitor = await store.get_visitor(chat.visitor_id)
    assert visitor is not None and visitor.owner_agent_id == bob.id


@pytest.mark.parametrize("close", CLOSINGS.values(), ids=CLOSINGS.keys())
async def test_an_agent_chosen_by_hand_stays_the_visitors_agent_when_a_chat_closes(
    store: Store, world: World, close: Closing
) -> None:
    chat = await world.conversation()
    alice, bob = await world.agent("alice"), await world.agent("bob")
    other = await world.conversation()  # another visitor: never touched
    assert await store.set_visitor_owner(chat.visitor_id, alice.id, by_hand=True)
    taken = await _move(store, chat, conversation.Accept(agent=bob.id), NOW + 1)
    await close(store, taken, NOW + 2)
    visitor = await store.get_visitor(chat.visitor_id)
    assert visitor is not None
    assert (visitor.owner_agent_id, visitor.owner_set_by_hand) == (alice.id, True)
    untouched = await store.get_visitor(other.visitor_id)
    assert untouched is not None and untouched.owner_agent_id is None


# ---------------------------------------------------------------- what the assigner reads


async def test_untaken_conversations_come_in_the_order_they_entered_with_who_declined(
    store: Store, world: World
) -> None:
    site_id = await _site_id(world)
    sales = await store.add_department(site_id, "Sales", NOW)
    billing = await store.add_department(site_id, "Billing", NOW)
    alice, bob, carol = [await world.agent(name) for name in ("alice", "bob", "carol")]

    first = await _in_department(world, sales.id, NOW + 10)
    second = await _in_department(world, billing.id, NOW + 11)
    third = await _in_department(world, sales.id, NOW + 12)
    taken = await _in_department(world, sales.id, NOW + 13)
    ended = await _in_department(world, sales.id, NOW + 14)
    elsewhere = await world.conversation()  # no department
    await _move(store, taken, conversation.Accept(agent=alice.id), NOW + 20)
    assert await store.close_conversation(ended.id, NOW + 20)

    # The first: offered to alice, who declines; then to bob, who lets it expire.
    first = await _move(
        store, first, conversation.Offer(agent=alice.id, deadline=NOW + 50), NOW + 21
    )
    first = await _move(store, first, conversation.Decline(agent=alice.id), NOW + 22)
    first = await _move(store, first, conversation.Offer(agent=bob.id, deadline=NOW + 30), NOW + 23)
    first = await _move(store, first, conversation.OfferExpired(), NOW + 30)
    first = await _move(
        store, first, conversation.Offer(agent=alice.id, deadline=NOW + 60), NOW + 31
    )
    first = await _move(store, first, conversation.Decline(agent=alice.id), NOW + 32)
    # The third: offered to carol now; its visitor's own agent is bob; escalated to level 2.
    third = await _move(
        store, third, conversation.Offer(agent=carol.id, deadline=NOW + 70), NOW + 40, min_level=2
    )
    assert await store.set_visitor_owner(third.visitor_id, bob.id, by_hand=True)

    found = await store.untaken_conversations([sales.id, billing.id])
    assert [c.id for c in found] == [first.id, second.id, third.id]
    one, two, three = found
    assert (one.status, one.declined_by, one.offered_to) == (
        ConversationStatus.QUEUED,
        (alice.id, bob.id),  # in the order they did, each once
        None,
    )
    assert (one.department_id, one.opened_at, one.entered_department_at) == (
        sales.id,
        NOW + 10,
        NOW + 10,
    )
    assert (two.status, two.declined_by, two.owner_agent_id, two.min_level) == (
        ConversationStatus.WAITING,
        (),
        None,
        1,
    )
    assert (three.status, three.offered_to, three.offer_deadline) == (
        ConversationStatus.OFFERED,
        carol.id,
        NOW + 70,
    )
    assert (three.owner_agent_id, three.min_level, three.site_id, three.visitor_id) == (
        bob.id,
        2,
        site_id,
        third.visitor_id,
    )
    # Each one's state is what a compare-and-set expects.
    for listed, stored in zip(found, (first, second, third), strict=True):
        assert listed.state() == stored.state()
    assert await store.untaken_conversations([billing.id]) == [two]
    assert await store.untaken_conversations([]) == []
    assert elsewhere.id not in {c.id for c in await store.untaken_conversations([sales.id])}

    # The minimum level stays through moves that do not set it.
    back = await _move(store, third, conversation.Decline(agent=carol.id), NOW + 41)
    assert back.min_level == 2
    [_, _, again] = await store.untaken_conversations([sales.id, billing.id])
    assert (again.min_level, again.declined_by, again.status) == (
        2,
        (carol.id,),
        ConversationStatus.QUEUED,
    )


async def test_a_message_left_with_the_offline_form_is_not_among_the_untaken(
    store: Store, world: World
) -> None:
    site_id = await _site_id(world)
    sales = await store.add_department(site_id, "Sales", NOW)
    live = await _in_department(world, sales.id, NOW + 10)
    visitor, _ = await world._visitor()
    left = await store.open_conversation(
        visitor.site_id, visitor.id, NOW + 5, offline=True, department_id=sales.id
    )
    assert left.offline and left.department_id == sales.id
    assert [c.id for c in await store.untaken_conversations([sales.id])] == [live.id]


async def test_a_reclaimed_chat_waits_again_in_its_place_without_its_owner(
    store: Store, world: World
) -> None:
    site_id = await _site_id(world)
    sales = await store.add_department(site_id, "Sales", NOW)
    alice, bob = await world.agent("alice"), await world.agent("bob")
    chat = await _in_department(world, sales.id, NOW + 10)
    later = await _in_department(world, sales.id, NOW + 20)
    offer = conversation.Offer(agent=bob.id, deadline=NOW + 60)
    chat = await _move(store, chat, offer, NOW + 25)
    chat = await _move(store, chat, conversation.Decline(agent=bob.id), NOW + 26)
    [declined, _] = await store.untaken_conversations([sales.id])
    assert declined.declined_by == (bob.id,)
    chat = await _move(store, chat, conversation.Accept(agent=alice.id), NOW + 30)
    assert [c.id for c in await store.untaken_conversations([sales.id])] == [later.id]
    back = conversation.Reclaim(agent=alice.id, why="logged_out")
    chat = await _move(store, chat, back, NOW + 40)
    assert chat.agent_id is None
    assert [(p.agent_id, p.role.value, p.left_at) for p in chat.participants] == [
        (alice.id, "owner", NOW + 40)  # she left it
    ]
    first, second = await store.untaken_conversations([sales.id])
    assert (first.id, first.entered_department_at, first.returned_at) == (
        chat.id,
        NOW + 10,  # first come keeps its place
        NOW + 40,  # and waits from its return
    )
    assert (second.id, second.returned_at) == (later.id, None)
    assert first.declined_by == ()  # its agent left: whoever declined it before may take it
    events = await store.conversation_events(chat.id)
    assert (events[-1].kind, events[-1].actor) == ("reclaimed", SYSTEM)
    # Taken again: bob is its owner, alice stays gone.
    chat = await _move(store, chat, conversation.Accept(agent=bob.id), NOW + 50)
    assert [(p.agent_id, p.left_at) for p in chat.participants] == [
        (alice.id, NOW + 40),
        (bob.id, None),
    ]


async def test_a_transfer_accepted_into_another_department_enters_it_then(
    store: Store, world: World
) -> None:
    site_id = await _site_id(world)
    sales = await store.add_department(site_id, "Sales", NOW)
    billing = await store.add_department(site_id, "Billing", NOW)
    alice, bob = await world.agent("alice"), await world.agent("bob")
    chat = await _in_department(world, sales.id, NOW + 10)
    assert chat.entered_department_at == NOW + 10 and chat.min_level == 1
    chat = await _move(store, chat, conversation.Accept(agent=alice.id), NOW + 11)
    to_sales = conversation.Transfer(
        to=ToDepartment(sales.id), by=Actor.agent(alice.id), deadline=NOW + 99
    )
    # An escalation: the same department, for level 2 and up; it keeps its place.
    chat = await _move(store, chat, to_sales, NOW + 12, min_level=2)
    chat = await _move(store, chat, conversation.TransferAccepted(agent=bob.id), NOW + 13)
    assert (chat.department_id, chat.entered_department_at, chat.min_level) == (
        sales.id,
        NOW + 10,
        2,
    )
    to_billing = conversation.Transfer(
        to=ToDepartment(billing.id), by=Actor.agent(bob.id), deadline=NOW + 99
    )
    chat = await _move(store, chat, to_billing, NOW + 14, min_level=1)
    chat = await _move(store, chat, conversation.TransferAccepted(agent=alice.id), NOW + 15)
    assert (chat.department_id, chat.entered_department_at, chat.min_level) == (
        billing.id,
        NOW + 15,
        1,
    )


async def test_last_accepts_are_when_each_agent_last_took_a_conversation(
    store: Store, world: World
) -> None:
    site_id = await _site_id(world)
    billing = await store.add_department(site_id, "Billing", NOW)
    alice, bob, carol, dave = [await world.agent(n) for n in ("alice", "bob", "carol", "dave")]
    one, two = await world.conversation(), await world.conversation()
    await _move(store, one, conversation.Accept(agent=alice.id), NOW + 5)
    await store.assign_conversation(two.id, alice.id, NOW + 7)  # the older method logs too
    offered = await _move(store, await world.conversation(), conversation.Queue(), NOW + 8)
    await _move(store, offered, conversation.Offer(agent=carol.id, deadline=NOW + 60), NOW + 9)
    held = await store.get_conversation(one.id)
    assert held is not None
    by = Actor.agent(alice.id)
    transfer = conversation.Transfer(to=ToDepartment(billing.id), by=by, deadline=NOW + 99)
    held = await _move(store, held, transfer, NOW + 10)
    await _move(store, held, conversation.TransferAccepted(agent=bob.id), NOW + 11)
    supervisor = conversation.Assign(agent=dave.id, by=Actor.agent(alice.id))
    assert await store.assign_conversation(two.id, bob.id, NOW + 12) is not None
    latest = await store.get_conversation(two.id)
    assert latest is not None
    await _move(store, latest, supervisor, NOW + 13)  # assigned by someone else: dave's

    assert await store.last_accepts([alice.id, bob.id, carol.id, dave.id, 999]) == {
        alice.id: NOW + 7,
        bob.id: NOW + 12,
        dave.id: NOW + 13,
    }  # carol was only offered one
    assert await store.last_accepts([]) == {}


# ---------------------------------------------------------------- the query plans (SQLite)


async def test_the_assigners_reads_use_their_indexes_on_sqlite(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "parley.db")
    await store.open()  # the schema made
    await store.close()
    with contextlib.closing(sqlite3.connect(tmp_path / "parley.db")) as db:

        def plan(query: str) -> str:
            return " ".join(row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {query}", (1, 2)))

        assert "untaken_by_department" in plan(f"{_SELECT_UNTAKEN}(?, ?)")
        taken = plan(
            "SELECT json_extract(details, '$.agent'), MAX(at) FROM conversation_events "
            f"WHERE kind IN {_TAKEN_KINDS} AND json_extract(details, '$.agent') IN (?, ?) "
            "GROUP BY 1"
        )
        assert "conversation_events_taken_by" in taken


# ---------------------------------------------------------------- the schema's step 14


@contextlib.asynccontextmanager
async def _database_at_13(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[tuple[Store, Store, Callable[[str], Awaitable[None]]]]:
    """Two stores on one new database, the first for a relay of schema 13 (neither open
    yet), and a way to run SQL on it from outside (SQLite's `?` marks)."""
    if backend == "sqlite":
        path = tmp_path / "parley.db"

        async def run_sqlite(statement: str) -> None:
            with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as db:
                db.execute(statement)

        yield SqliteStore(path), SqliteStore(path), run_sqlite
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = await server.fresh_database(migrated=False)

    async def run_postgres(statement: str) -> None:
        connection = await asyncpg.connect(url)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    try:
        yield PostgresStore(url), PostgresStore(url), run_postgres
    finally:
        await server.drop_database(url)


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_schema_13_database_gains_teams_keeping_its_rows(
    backend: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with _database_at_13(backend, tmp_path, request) as (old, new, sql):
        with monkeypatch.context() as as_of_13:
            as_of_13.setattr(sqlite_migrations, "MIGRATIONS", sqlite_migrations.MIGRATIONS[:13])
            as_of_13.setattr(postgres_migrations, "STEPS", STEPS[:2])
            as_of_13.setattr(postgres_migrations, "LATEST", 13)
            await old.open()
            try:  # what schema 13's tables had, through methods that wrote no more then
                site = await old.add_site("school", "School", [], NOW)
                alice = await old.add_agent("alice", "Alice", "admin", "hash", NOW)
                bob = await old.add_agent("bob", "Bob", "agent", "hash", NOW)
                await old.create_session(bob.id, "session-b", NOW + 10_000, NOW)
                served = await old.create_visitor(site.id, "served", NOW)
                waiting = await old.create_visitor(site.id, "waiting", NOW)
                new_one = await old.create_visitor(site.id, "new", NOW)
            finally:
                await old.close()
        department = "(SELECT id FROM departments WHERE name = '{}')".format
        for statement in (
            "INSERT INTO departments (site_id, name, created_at) VALUES "
            f"({site.id}, 'Sales', 1), ({site.id}, 'Billing', 2)",
            "INSERT INTO agent_departments (agent_id, department_id) "
            f"VALUES ({bob.id}, {department('Sales')})",
            # The served visitor: alice's chat closed, then bob's, then one nobody took.
            "INSERT INTO conversations (id, site_id, visitor_id, status, agent_id, created_at, "
            "closed_at) VALUES "
            f"(1, {site.id}, {served.id}, 'closed', {alice.id}, 10, 20), "
            f"(2, {site.id}, {served.id}, 'closed', {bob.id}, 30, 40), "
            f"(3, {site.id}, {served.id}, 'closed', NULL, 50, 60)",
            "INSERT INTO conversations (id, site_id, visitor_id, status, created_at, "
            f"department_id) VALUES (4, {site.id}, {waiting.id}, 'queued', 70, "
            f"{department('Billing')})",
        ):
            await sql(statement)
        with caplog.at_level(logging.WARNING, logger="parley.store"):
            await new.open()
        try:
            assert "event=schema_upgraded from=13 to=14" in caplog.text
            # Agents kept their ids, roles and what refers to them; supervisors may be.
            billing, sales = await new.departments(site.id)
            found = await new.session_agent("session-b", NOW)
            assert found is not None and found[0].departments == (sales.id,)
            assert await new.agent_by_id(alice.id) == alice
            assert await new.set_agent_routing("bob", role="supervisor")
            # Departments: the order they were listed in (by name), default settings.
            listed = [(d.name, d.position, d.settings_json) for d in await new.departments(site.id)]
            assert listed == [("Billing", 1, "{}"), ("Sales", 2, "{}")]
            assert (await new.add_department(site.id, "Support", NOW)).position == 3
            # The owner of the last conversation that closed with one.
            owners = [await new.get_visitor(v.id) for v in (served, waiting, new_one)]
            assert [(v.owner_agent_id, v.owner_set_by_hand) for v in owners if v] == [
                (bob.id, False),
                (None, False),
                (None, False),
            ]
            # Conversations entered their department when they opened.
            [queued] = await new.untaken_conversations([sales.id, billing.id])
            assert (queued.id, queued.entered_department_at, queued.min_level) == (4, 70, 1)
            assert queued.status is ConversationStatus.QUEUED and queued.declined_by == ()
            closed = await new.get_conversation(1)
            assert closed is not None and closed.entered_department_at == 10
        finally:
            await new.close()
