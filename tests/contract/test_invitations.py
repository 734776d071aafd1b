"""Every back end keeps proactive invitations as relay/store/repositories.py Invitations
promises: one open per visitor (the database refuses a second, whichever relay sends it),
moved by compare-and-set on the status with the log in the same transaction (so an
invitation expires once however many timers fire), read back by visitor, by deadline
and by time, counted per A/B variant, with each site's setup saved by version."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from msgspec.structs import replace

from relay.store.base import Store
from relay.store.errors import StoreBug, StoreUnavailable
from relay.store.postgres import PostgresStore
from relay.store.postgres import migrations as postgres_migrations
from relay.store.postgres.schema import STEPS
from relay.store.records import (
    InvitationCounts,
    InvitationRecord,
    InvitationSetupDocument,
    NewInvitation,
    Visibility,
    Visit,
)
from relay.store.sqlite import SqliteStore
from relay.store.sqlite import migrations as sqlite_migrations
from shared_protocol.lifecycle import SYSTEM, Actor, invitation
from shared_protocol.lifecycle.invitation import (
    InvitationEvent,
    InvitationEventKind,
    InvitationInput,
    InvitationState,
)
from tests.contract.backends import BACKENDS, Harness, PostgresHarness, SqliteHarness
from tests.contract.conftest import NOW, World, from_agent, from_visitor
from tests.helpers.postgres import PostgresServer

K = InvitationEventKind


def invite(
    visit: Visit,
    site_id: int,
    at: float = NOW,
    *,
    by: Actor = SYSTEM,
    timeout: float = 20.0,
    auto_reply: str = "",
    rule_id: str = "greet",
    variant: int | None = None,
    agent_id: int | None = None,
) -> tuple[NewInvitation, list[InvitationEvent]]:
    """An invitation to the visitor of `visit`, as the core sends it, with its log."""
    state, events = invitation.send_invitation(
        visit.visitor_id, by, at, timeout=timeout, auto_reply=auto_reply
    )
    new = NewInvitation(
        site_id,
        visit.id,
        state,
        "Need a hand?",
        "card",
        rule_id=rule_id,
        variant=variant,
        agent_id=agent_id,
    )
    return new, events


async def sent(store: Store, world: World, **how: Any) -> InvitationRecord:
    """A new visitor's invitation, stored."""
    visit = await world.visit()
    assert world.site is not None
    stored = await store.add_invitation(*invite(visit, world.site.id, **how))
    assert stored is not None
    return stored


async def move(
    store: Store,
    record: InvitationRecord,
    state: InvitationState,
    step: InvitationInput,
    at: float,
    conversation_id: int | None = None,
) -> InvitationState:
    """Apply `step` as the core does and store it; the new state."""
    new, events = invitation.apply(state, step, at)
    assert await store.transition_invitation(
        record.id, state, new, events, conversation_id=conversation_id
    )
    return new


async def kinds(store: Store, invitation_id: int) -> list[InvitationEventKind]:
    return [e.kind for e in await store.invitation_events(invitation_id)]


async def test_an_invitation_is_stored_as_sent_with_its_log(store: Store, world: World) -> None:
    visit = await world.visit()
    alice = await world.agent("alice")
    assert world.site is not None
    new, events = invite(
        visit, world.site.id, by=Actor.agent(alice.id), rule_id="", agent_id=alice.id, timeout=30
    )
    stored = await store.add_invitation(new, events)
    assert stored == InvitationRecord(
        id=stored.id if stored else 0,
        site_id=world.site.id,
        visit_id=visit.id,
        state=new.state,
        text="Need a hand?",
        style="card",
        kind="chat",
        rule_id="",
        variant=None,
        agent_id=alice.id,
        conversation_id=None,
    )
    assert stored is not None
    assert await store.get_invitation(stored.id) == stored
    assert await store.open_invitation(visit.visitor_id) == stored
    assert await store.invitation_history(visit.visitor_id) == [stored]
    logged = await store.invitation_events(stored.id)
    assert [(e.invitation_id, e.kind, e.at, e.actor, e.text) for e in logged] == [
        (stored.id, K.SENT, NOW, Actor.agent(alice.id), "")
    ]
    assert await store.get_invitation(stored.id + 999) is None
    assert await store.open_invitation(visit.visitor_id + 999) is None


async def test_a_visitor_has_one_open_invitation_and_may_have_another_once_it_ended(
    store: Store, world: World
) -> None:
    visit = await world.visit()
    assert world.site is not None
    first = await store.add_invitation(*invite(visit, world.site.id))
    assert first is not None
    assert await store.add_invitation(*invite(visit, world.site.id, NOW + 1)) is None
    assert await store.invitation_history(visit.visitor_id) == [first]
    assert await kinds(store, first.id) == [K.SENT]  # nothing logged for the refused one
    shown = await move(store, first, first.state, invitation.Show(), NOW + 2)
    assert await store.add_invitation(*invite(visit, world.site.id, NOW + 3)) is None  # shown
    await move(store, first, shown, invitation.Decline(), NOW + 4)
    assert await store.open_invitation(visit.visitor_id) is None
    second = await store.add_invitation(*invite(visit, world.site.id, NOW + 5))
    assert second is not None and second.id != first.id
    assert await store.open_invitation(visit.visitor_id) == second
    assert [i.id for i in await store.invitation_history(visit.visitor_id)] == [second.id, first.id]


async def test_of_two_invitations_sent_at_once_exactly_one_is_stored(
    store: Store, world: World
) -> None:
    visit = await world.visit()
    assert world.site is not None
    tries = [invite(visit, world.site.id, NOW, rule_id=rule) for rule in ("a", "b")]
    results = await asyncio.gather(*(store.add_invitation(*t) for t in tries))
    stored = [r for r in results if r is not None]
    assert len(stored) == 1
    assert await store.invitation_history(visit.visitor_id) == stored


async def test_of_two_expiries_at_once_exactly_one_wins_and_is_logged_once(
    store: Store, world: World
) -> None:
    record = await sent(store, world, auto_reply="We will write back")
    state = record.state
    expired, entries = invitation.apply(state, invitation.Expire(), state.expires_at)
    won = await asyncio.gather(
        *(store.transition_invitation(record.id, state, expired, entries) for _ in range(2))
    )
    assert sorted(won) == [False, True]
    logged = await store.invitation_events(record.id)
    assert [(e.kind, e.at, e.actor, e.text) for e in logged] == [
        (K.SENT, NOW, SYSTEM, ""),
        (K.EXPIRED, NOW + 20, SYSTEM, ""),
        (K.AUTO_REPLIED, NOW + 20, SYSTEM, "We will write back"),
    ]
    stored = await store.get_invitation(record.id)
    assert stored is not None and stored.state == expired


async def test_a_transition_from_a_status_that_moved_changes_and_logs_nothing(
    store: Store, world: World
) -> None:
    record = await sent(store, world)
    read = record.state
    shown = await move(store, record, read, invitation.Show(), NOW + 1)
    accepted, entries = invitation.apply(read, invitation.Accept(), NOW + 2)  # from sent
    assert not await store.transition_invitation(record.id, read, accepted, entries)
    assert not await store.transition_invitation(record.id + 999, read, accepted, entries)
    assert await kinds(store, record.id) == [K.SENT, K.SHOWN]
    stored = await store.get_invitation(record.id)
    assert stored is not None and stored.state == shown


async def test_every_field_of_each_state_and_the_conversation_are_stored_with_the_log_in_order(
    store: Store, world: World
) -> None:
    record = await sent(store, world, timeout=45.0, variant=2)
    visitor = record.state.visitor
    shown = await move(store, record, record.state, invitation.Show(), NOW + 1)
    stored = await store.get_invitation(record.id)
    assert stored is not None and stored.state == shown and stored.state.shown_at == NOW + 1
    chat = await store.open_conversation(record.site_id, visitor, NOW + 2)
    accepted = await move(store, record, shown, invitation.Accept(), NOW + 2, chat.id)
    stored = await store.get_invitation(record.id)
    assert stored is not None
    assert (stored.state, stored.conversation_id, stored.variant) == (accepted, chat.id, 2)
    assert (stored.state.shown_at, stored.state.ended_at) == (NOW + 1, NOW + 2)
    assert await store.open_invitation(visitor) is None
    logged = await store.invitation_events(record.id)
    assert [(e.kind, e.at, e.actor) for e in logged] == [
        (K.SENT, NOW, SYSTEM),
        (K.SHOWN, NOW + 1, Actor.visitor(visitor)),
        (K.ACCEPTED, NOW + 2, Actor.visitor(visitor)),
    ]
    assert [e.id for e in logged] == sorted(e.id for e in logged)

    alice = await world.agent("alice")
    other = await sent(store, world, by=Actor.agent(alice.id), agent_id=alice.id)
    withdrawal = invitation.Withdraw(by=Actor.agent(alice.id))
    withdrawn = await move(store, other, other.state, withdrawal, NOW + 3)
    stored = await store.get_invitation(other.id)
    assert stored is not None and stored.state == withdrawn and stored.conversation_id is None
    assert stored.state.sent_by == Actor.agent(alice.id)
    assert [(e.kind, e.actor) for e in await store.invitation_events(other.id)][1:] == [
        (K.WITHDRAWN, Actor.agent(alice.id))
    ]


async def test_a_change_the_lifecycle_cannot_make_is_refused_as_a_bug(
    store: Store, world: World
) -> None:
    record = await sent(store, world)
    shown, entries = invitation.apply(record.state, invitation.Show(), NOW + 1)
    with pytest.raises(StoreBug):  # a change without the entries that say why
        await store.transition_invitation(record.id, record.state, shown, [])
    longer = replace(shown, timeout=99.0)
    with pytest.raises(StoreBug):  # the lifecycle never changes the timeout
        await store.transition_invitation(record.id, record.state, longer, entries)
    assert await store.get_invitation(record.id) == record
    assert await kinds(store, record.id) == [K.SENT]


async def test_history_lists_the_visitors_invitations_across_visits_newest_first(
    store: Store, world: World
) -> None:
    first_visit = await world.visit()
    assert world.site is not None
    later_visit = await store.begin_visit(first_visit.visitor_id, NOW + 5000, 1800, "", "")
    assert later_visit.id != first_visit.id
    records = []
    for n, visit in enumerate((first_visit, first_visit, later_visit)):
        record = await store.add_invitation(*invite(visit, world.site.id, NOW + 1000 * n))
        assert record is not None
        records.append(record)
        await move(store, record, record.state, invitation.Decline(), NOW + 1000 * n + 1)
    await sent(store, world)  # another visitor's
    history = await store.invitation_history(first_visit.visitor_id)
    assert [(i.id, i.visit_id) for i in history] == [
        (records[2].id, later_visit.id),
        (records[1].id, first_visit.id),
        (records[0].id, first_visit.id),
    ]
    assert [i.id for i in await store.invitation_history(first_visit.visitor_id, 2)] == [
        records[2].id,
        records[1].id,
    ]


async def test_overdue_are_the_open_ones_whose_time_ran_out_the_first_to_run_out_first(
    store: Store, world: World
) -> None:
    early = await sent(store, world, timeout=20)  # runs out at NOW + 20
    short = await sent(store, world, at=NOW + 5, timeout=10)  # at NOW + 15
    answered = await sent(store, world, at=NOW + 1, timeout=5)  # at NOW + 6, declined
    await move(store, answered, answered.state, invitation.Decline(), NOW + 2)
    await sent(store, world, at=NOW + 2, timeout=100)  # at NOW + 102
    shown = await sent(store, world, at=NOW + 3, timeout=10)  # at NOW + 13, shown
    shown_state = await move(store, shown, shown.state, invitation.Show(), NOW + 4)
    overdue = await store.overdue_invitations(NOW + 20)
    assert [i.id for i in overdue] == [shown.id, short.id, early.id]
    assert overdue[0].state == shown_state
    assert [i.id for i in await store.overdue_invitations(NOW + 19.5)] == [shown.id, short.id]
    assert [i.id for i in await store.overdue_invitations(NOW + 20, limit=1)] == [shown.id]
    assert await store.overdue_invitations(NOW + 12) == []


async def test_recent_are_those_sent_or_ended_since_the_moment_newest_first(
    store: Store, world: World
) -> None:
    ended_late = await sent(store, world, timeout=100)
    await move(store, ended_late, ended_late.state, invitation.Decline(), NOW + 50)
    await sent(store, world, at=NOW + 10)  # sent before, still open: not recent
    late = await sent(store, world, at=NOW + 30)
    exactly = await sent(store, world, at=NOW + 20)
    recent = await store.recent_invitations(NOW + 20)
    assert [i.id for i in recent] == [late.id, exactly.id, ended_late.id]
    assert recent[2].state.ended_at == NOW + 50
    assert [i.id for i in await store.recent_invitations(NOW + 20, limit=1)] == [late.id]
    assert await store.recent_invitations(NOW + 51) == []


async def test_counts_are_per_variant_with_chats_and_replies(store: Store, world: World) -> None:
    alice = await world.agent("alice")

    async def accepted(record: InvitationRecord, *messages: str) -> None:
        """Accepted into a new conversation in which `messages` were written."""
        chat = await store.open_conversation(record.site_id, record.state.visitor, NOW + 1)
        await move(store, record, record.state, invitation.Accept(), NOW + 1, chat.id)
        for n, who in enumerate(messages):
            if who == "visitor":
                await store.append_message(from_visitor(chat, f"v{n}"))
            else:
                private = Visibility.INTERNAL if who == "note" else Visibility.PUBLIC
                message = from_agent(chat, alice, f"a{chat.id}-{n}", visibility=private)
                await store.append_message(message)

    # Variant 0: a chat with a reply (shown first), a decline after showing, one open.
    talked = await sent(store, world, variant=0)
    shown = await move(store, talked, talked.state, invitation.Show(), NOW + 0.5)
    await accepted(dataclasses.replace(talked, state=shown), "visitor", "agent")
    declined = await sent(store, world, variant=0)
    state = await move(store, declined, declined.state, invitation.Show(), NOW + 1)
    await move(store, declined, state, invitation.Decline(), NOW + 2)
    await sent(store, world, variant=0)
    # Variant 1: the visitor wrote and an agent wrote only a note; an agent wrote first
    # and the visitor never did; one expired after it was shown.
    await accepted(await sent(store, world, variant=1), "visitor", "note")
    await accepted(await sent(store, world, variant=1), "agent")
    lapsed = await sent(store, world, variant=1)
    state = await move(store, lapsed, lapsed.state, invitation.Show(), NOW + 1)
    await move(store, lapsed, state, invitation.Expire(), NOW + 20)
    # Sent by hand: no rule, no test.
    await accepted(await sent(store, world, rule_id=""))
    # Not counted: another rule, before the moment, another site.
    await sent(store, world, rule_id="other", variant=0)
    await sent(store, world, at=NOW - 1, variant=0)
    assert world.site is not None
    other_site = await store.add_site("other", "Other", [], NOW)
    stranger = await store.create_visitor(other_site.id, "stranger", NOW)
    far_visit = await store.begin_visit(stranger.id, NOW, 1800, "", "")
    assert await store.add_invitation(*invite(far_visit, other_site.id, variant=0))

    assert await store.invitation_counts(world.site.id, "greet", NOW) == {
        0: InvitationCounts(sent=3, shown=2, accepted=1, declined=1, chats=1, replied=1),
        1: InvitationCounts(sent=3, shown=1, accepted=2, declined=0, chats=1, replied=1),
    }
    assert await store.invitation_counts(world.site.id, "", NOW) == {
        None: InvitationCounts(sent=1, accepted=1)
    }
    assert await store.invitation_counts(world.site.id, "greet", NOW + 1) == {}
    assert await store.invitation_counts(other_site.id, "greet", NOW) == {
        0: InvitationCounts(sent=1)
    }


async def test_last_chat_closed_at_is_when_the_visitors_latest_conversation_closed(
    store: Store, world: World
) -> None:
    chat = await world.conversation()
    visitor = chat.visitor_id
    assert await store.last_chat_closed_at(visitor) is None  # none closed yet
    await store.close_conversation(chat.id, NOW + 10)
    later = await store.open_conversation(chat.site_id, visitor, NOW + 20)
    await store.close_conversation(later.id, NOW + 30)
    await store.open_conversation(chat.site_id, visitor, NOW + 40)  # open: does not count
    another = await world.conversation()
    await store.close_conversation(another.id, NOW + 99)  # another visitor's
    assert await store.last_chat_closed_at(visitor) == NOW + 30
    assert await store.last_chat_closed_at(visitor + 999) is None


async def test_the_setup_is_saved_by_compare_and_set_on_its_version(
    store: Store, world: World
) -> None:
    await world.visit()
    assert world.site is not None
    site = world.site.id
    assert await store.invitation_setup(site) == InvitationSetupDocument(site, "", 0)
    assert await store.save_invitation_setup(site, '{"rules": [1]}', 0)
    assert not await store.save_invitation_setup(site, '{"rules": []}', 0)  # saved meanwhile
    assert await store.invitation_setup(site) == InvitationSetupDocument(site, '{"rules": [1]}', 1)
    assert await store.save_invitation_setup(site, '{"rules": [2]}', 1)
    assert not await store.save_invitation_setup(site, '{"rules": [3]}', 1)  # stale
    assert not await store.save_invitation_setup(site, '{"rules": [3]}', 7)  # never was
    assert await store.invitation_setup(site) == InvitationSetupDocument(site, '{"rules": [2]}', 2)
    both = await asyncio.gather(
        *(store.save_invitation_setup(site, f'{{"by": {n}}}', 2) for n in range(2))
    )
    assert sorted(both) == [False, True]
    assert await store.invitation_setup(site) == InvitationSetupDocument(
        site, f'{{"by": {both.index(True)}}}', 3
    )
    other = await store.add_site("other", "Other", [], NOW)
    assert await store.invitation_setup(other.id) == InvitationSetupDocument(other.id, "", 0)
    assert not await store.save_invitation_setup(other.id, "{}", 1)  # no row to update
    assert await store.invitation_setup(other.id) == InvitationSetupDocument(other.id, "", 0)


async def test_an_environment_failure_stores_no_invitation_and_a_retry_succeeds(
    harness: Harness, world: World
) -> None:
    store = harness.store
    visit = await world.visit()
    assert world.site is not None
    new, events = invite(visit, world.site.id)
    async with harness.environment_fails():
        with pytest.raises(StoreUnavailable):
            await store.add_invitation(new, events)
    assert await store.open_invitation(visit.visitor_id) is None
    stored = await store.add_invitation(new, events)  # the caller tries again
    assert stored is not None and await store.open_invitation(visit.visitor_id) == stored


async def test_the_invitation_log_cannot_be_changed(harness: Harness, world: World) -> None:
    record = await sent(harness.store, world)
    before = await harness.store.invitation_events(record.id)
    for change in ("UPDATE invitation_events SET at = 0", "DELETE FROM invitation_events"):
        if isinstance(harness, SqliteHarness):
            with (
                contextlib.closing(sqlite3.connect(harness.path)) as db,
                pytest.raises(sqlite3.IntegrityError, match="append-only"),
            ):
                db.execute(change)
        else:
            assert isinstance(harness, PostgresHarness)
            connection = await asyncpg.connect(harness.url)
            try:
                with pytest.raises(asyncpg.RaiseError, match="append-only"):
                    await connection.execute(change)
            finally:
                await connection.close()
    assert await harness.store.invitation_events(record.id) == before


# ---------------------------------------------------------------- several relays


async def test_of_two_relays_inviting_and_expiring_at_once_exactly_one_wins(
    shared: Harness,
) -> None:
    world = World(shared)
    second = await shared.second_store()
    for round_ in range(5):
        visit = await world.visit()
        assert world.site is not None
        tries = [invite(visit, world.site.id, NOW + round_, rule_id=r) for r in ("a", "b")]
        results = await asyncio.gather(
            *(s.add_invitation(*t) for s, t in zip((shared.store, second), tries, strict=True))
        )
        stored = [r for r in results if r is not None]
        assert len(stored) == 1
        record = stored[0]
        expired, entries = invitation.apply(record.state, invitation.Expire(), NOW + 100)
        won = await asyncio.gather(
            *(
                s.transition_invitation(record.id, record.state, expired, entries)
                for s in (shared.store, second)
            )
        )
        assert sorted(won) == [False, True]
        assert await kinds(second, record.id) == [K.SENT, K.EXPIRED]


# ---------------------------------------------------------------- the schema's step 13


@contextlib.asynccontextmanager
async def _store_at(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[tuple[Store, Store]]:
    """Two stores on one new database: the first as a relay of schema 12 leaves it, the
    second as this relay finds it (neither open yet)."""
    if backend == "sqlite":
        path = tmp_path / "parley.db"
        yield SqliteStore(path), SqliteStore(path)
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = await server.fresh_database(migrated=False)
    try:
        yield PostgresStore(url), PostgresStore(url)
    finally:
        await server.drop_database(url)


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_schema_12_database_gains_invitations_keeping_its_rows(
    backend: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with _store_at(backend, tmp_path, request) as (old, new):
        with monkeypatch.context() as as_of_12:
            as_of_12.setattr(sqlite_migrations, "MIGRATIONS", sqlite_migrations.MIGRATIONS[:12])
            as_of_12.setattr(postgres_migrations, "STEPS", STEPS[:1])
            as_of_12.setattr(postgres_migrations, "LATEST", 12)
            await old.open()
            try:
                # Today's store writes conversations with later columns (step 14), so the
                # old rows are a site, a visitor and a visit; tests/contract/test_teams.py
                # brings conversations from step 13 to 14.
                site = await old.add_site("school", "School", [], NOW)
                visitor = await old.create_visitor(site.id, "v", NOW)
                visit = await old.begin_visit(visitor.id, NOW, 1800, "", "")
            finally:
                await old.close()
        with caplog.at_level(logging.WARNING, logger="parley.store"):
            await new.open()
        try:
            assert "event=schema_upgraded from=12 to=14" in caplog.text
            kept = await new.visitor_by_token(site.id, "v")
            assert kept is not None and (kept.id, kept.visits) == (visitor.id, 1)
            assert await new.invitation_history(visitor.id) == []
            stored = await new.add_invitation(*invite(visit, site.id, NOW + 10))
            assert stored is not None and await new.open_invitation(visitor.id) == stored
        finally:
            await new.close()
