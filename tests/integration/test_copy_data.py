"""`parley-relay copy-data --to postgresql://…` as an operator runs it: a SQLite
installation copied into PostgreSQL reads the same through the store, record by record,
ids, sequence numbers and epoch kept; new rows go on after the copied ones; a second
copy is refused; a relay still writing the SQLite file is copied as of one moment."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from relay.core.referrer import Arrival, Source
from relay.store.base import Store
from relay.store.postgres import PostgresStore
from relay.store.records import (
    Attachment,
    NewInvitation,
    NewMessage,
    Page,
    ParticipantRole,
    PhraseDraft,
    PrechatField,
    Quote,
    SiteSettings,
    StoredFile,
    Visibility,
    Visit,
)
from relay.store.sqlite import SqliteStore
from shared_protocol.frames import AuthorKind, PhraseKind
from shared_protocol.lifecycle import SYSTEM, Actor, conversation, invitation
from tests.helpers.cli import cli
from tests.helpers.postgres import PostgresServer

T = 1_700_000_000.0


@contextlib.asynccontextmanager
async def opened(store: Store) -> AsyncIterator[Store]:
    await store.open()
    try:
        yield store
    finally:
        await store.close()


@pytest.fixture
async def target(postgres_server: PostgresServer) -> AsyncIterator[str]:
    url = await postgres_server.fresh_database(migrated=False)
    yield url
    await postgres_server.drop_database(url)


def _message(
    chat_id: int,
    client_id: str,
    author: AuthorKind,
    author_id: int,
    text: str,
    at: float,
    *,
    reply_to: Quote | None = None,
    file: Attachment | None = None,
    visibility: Visibility = Visibility.PUBLIC,
) -> NewMessage:
    return NewMessage(
        chat_id, client_id, author, author_id, "", text, at, reply_to, file, visibility
    )


async def populate(store: Store) -> None:
    """A small installation with a bit of everything the store keeps."""
    site = await store.add_site("school", "School", ["https://school.example"], T)
    settings = SiteSettings(name="School", prechat=(PrechatField("email", True),), reply_hours=6)
    await store.set_site_settings("school", settings)
    await store.add_site("shop", "Shop", ["https://shop.example", "https://b.example"], T + 0.5)
    alice = await store.add_agent("alice", "Alice", "admin", "hash-a", T)
    bob = await store.add_agent("bob", "Bob", "agent", "hash-b", T + 1)
    await store.add_agent("carol", "Carol", "agent", "hash-c", T + 2)
    await store.set_agent_disabled("carol", True)
    await store.set_agent_profile("bob", display_name="Bobby", avatar_url="https://x/b.png")
    front = await store.add_department(site.id, "Front desk", T)
    await store.add_department(site.id, "Doctors", T)
    await store.set_agent_departments("bob", [front.id])
    await store.set_agent_routing("bob", skills=["fr", "de"], level=2, max_chats=3)
    await store.create_session(alice.id, "session-a", T + 10_000, T)
    await store.create_session(bob.id, "session-b", T - 1, T - 100)  # expired

    visitor = await store.create_visitor(site.id, "visitor-1", T)
    await store.set_visitor_profile(visitor.id, "Ann", "ann@example.com", "")
    came = Arrival(Source.SEARCH, "Google", "cheap lessons")
    landing = Page("https://school.example/", "Home", "https://google.com/")
    visit = await store.begin_visit(visitor.id, T, 1800, "10.0.0.1", "UA", landing, came)
    await store.record_page_view(visit.id, landing, T)
    await store.record_page_view(visit.id, Page("https://school.example/prices", "Prices"), T + 5)
    await store.begin_visit(visitor.id, T + 7200, 1800, "10.0.0.2", "UA")  # a second visit
    other = await store.create_visitor(site.id, "visitor-2", T + 3)
    other_visit = await store.begin_visit(other.id, T + 3, 1800, "10.0.0.3", "UA")

    chat = await store.open_conversation(site.id, visitor.id, T + 20, page=landing)
    await _invitations(store, site.id, visit, other_visit, chat.id, bob.id)

    accepted, entries = conversation.apply(chat.state(), conversation.Accept(agent=bob.id), T + 21)
    assert await store.transition_conversation(chat.id, chat.state(), accepted, entries)
    upload = StoredFile(
        "file-1", "price list.pdf", 1234, "application/pdf", AuthorKind.AGENT, bob.id, T + 22
    )
    await store.add_file(upload)
    await store.add_file(replace(upload, id="file-2", name="unsent.png", created_at=T + 23))
    agent = AuthorKind.AGENT
    await store.append_message(
        _message(chat.id, "v1", AuthorKind.VISITOR, visitor.id, "hi", T + 24)
    )
    await store.append_message(_message(chat.id, "a1", agent, bob.id, "hello", T + 25))
    await store.append_message(
        _message(chat.id, "n1", agent, bob.id, "vip", T + 26, visibility=Visibility.INTERNAL)
    )
    quote = Quote(1, AuthorKind.VISITOR, "Ann", "hi")
    await store.append_message(
        _message(
            chat.id, "a2", agent, bob.id, "see", T + 27, reply_to=quote, file=upload.attachment()
        )
    )
    await store.append_message(_message(chat.id, "a3", agent, bob.id, "oops", T + 28))
    bob_now = await store.get_agent("bob")
    assert bob_now is not None
    await store.withdraw_message(chat.id, 5, bob_now, T + 29)
    await store.add_participant(chat.id, alice.id, ParticipantRole.SUPERVISOR, T + 30)
    await store.mark_read(chat.id, AuthorKind.VISITOR, 4, visitor_id=visitor.id)
    await store.mark_read(chat.id, AuthorKind.AGENT, 1, visitor_id=None)
    state = (await store.get_conversation(chat.id)).state()  # type: ignore[union-attr]
    rated, entries = conversation.apply(
        state, conversation.Rate(score=5, by=Actor.visitor(visitor.id)), T + 31
    )
    assert await store.transition_conversation(chat.id, state, rated, entries)
    await store.close_conversation(chat.id, T + 32, by=Actor.agent(bob.id))

    waiting = await store.open_conversation(
        site.id, other.id, T + 40, offline=True, department_id=front.id
    )
    await store.append_message(
        _message(waiting.id, "w1", AuthorKind.VISITOR, other.id, "?", T + 41)
    )

    await store.save_phrase(
        None, PhraseDraft("Hello", "Hi {visitor.name}", "Greetings", "hi"), None, T
    )
    await store.save_phrase(
        None,
        PhraseDraft("Prices", kind=PhraseKind.FILE, file="file-1", shortcut="p"),
        bob.id,
        T + 1,
    )


async def _invitations(
    store: Store, site_id: int, ann: Visit, other: Visit, chat_id: int, bob_id: int
) -> None:
    """Ann accepts a rule's invitation into her chat; the other visitor has one by Bob,
    shown and still open; the site's setup saved once."""
    sent, entries = invitation.send_invitation(ann.visitor_id, SYSTEM, T + 19, auto_reply="Later")
    new = NewInvitation(site_id, ann.id, sent, "Help?", "card", rule_id="r1", variant=1)
    invited = await store.add_invitation(new, entries)
    assert invited is not None
    accepted, entries = invitation.apply(sent, invitation.Accept(), T + 20)
    assert await store.transition_invitation(
        invited.id, sent, accepted, entries, conversation_id=chat_id
    )
    sent, entries = invitation.send_invitation(other.visitor_id, Actor.agent(bob_id), T + 39)
    new = NewInvitation(site_id, other.id, sent, "Hi!", "bubble", agent_id=bob_id)
    pending = await store.add_invitation(new, entries)
    assert pending is not None
    shown, entries = invitation.apply(sent, invitation.Show(), T + 40)
    assert await store.transition_invitation(pending.id, sent, shown, entries)
    assert await store.save_invitation_setup(site_id, '{"rules": ["r1"]}', 0)


async def snapshot(store: Store) -> dict[str, object]:
    """Everything the store answers about the installation, to compare back ends."""
    sites = await store.list_sites()
    agents = await store.list_agents()
    visitors = [await store.visitor_by_token(sites[0].id, f"visitor-{n}") for n in (1, 2)]
    ids = [v.id for v in visitors if v is not None]
    histories = [await store.visitor_history(i) for i in ids]
    chats = [c for _, _, listed in histories for c in listed]
    return {
        "epoch": store.epoch,
        "sites": sites,
        "site": await store.get_site("school"),
        "agents": agents,
        "by_id": [await store.agent_by_id(a.id) for a in agents],
        "departments": [await store.departments(s.id) for s in sites],
        "members": [
            await store.department_members(d.id) for d in await store.departments(sites[0].id)
        ],
        "sessions": [await store.session_agent(t, T) for t in ("session-a", "session-b")],
        "live": await store.live_sessions(["session-a", "session-b"], T),
        "visitors": visitors,
        "contacts": [await store.visitor_contact(i) for i in ids],
        "histories": histories,
        "conversations": [await store.get_conversation(c.id) for c in chats],
        "unclosed": await store.unclosed_conversations(),
        "participants": [await store.participants(c.id) for c in chats],
        "events": [await store.conversation_events(c.id) for c in chats],
        "report": await store.events_between(0, T * 2),
        "messages": [
            await store.messages_after(c.id, 0, 100, include_internal=True) for c in chats
        ],
        "public": [await store.messages_after(c.id, 0, 100) for c in chats],
        "last": await store.last_messages([c.id for c in chats]),
        "known": await store.find_message(AuthorKind.AGENT, agents[1].id, "a3"),
        "withdrawals": await store.withdrawals(),
        "phrases": [await store.phrases_for(a.id) for a in agents],
        "files": [await store.get_file(f) for f in ("file-1", "file-2")],
        "file_visitors": await store.file_visitors("file-1"),
        "invitations": [await store.invitation_history(i) for i in ids],
        "invitation_events": [
            await store.invitation_events(i.id) for i in await store.recent_invitations(0)
        ],
        "open_invitations": [await store.open_invitation(i) for i in ids],
        "invitation_counts": await store.invitation_counts(sites[0].id, "r1", 0),
        "invitation_setup": await store.invitation_setup(sites[0].id),
        "last_chat_closed": [await store.last_chat_closed_at(i) for i in ids],
    }


async def test_a_copy_reads_the_same_as_the_sqlite_installation_and_goes_on_from_it(
    tmp_path: Path, target: str
) -> None:
    async with opened(SqliteStore(tmp_path / "parley.db")) as sqlite:
        await populate(sqlite)
        before = await snapshot(sqlite)

    copied = await asyncio.to_thread(cli, tmp_path, "copy-data", "--to", target)
    assert copied.returncode == 0, copied.stderr
    assert "password" not in copied.stdout
    for count, kind in [
        ("2", "sites"),
        ("3", "agents"),
        ("2", "conversations"),
        ("6", "messages"),
        ("1", "withdrawals"),
        ("2", "phrases"),
        ("3", "visits"),
        ("2", "page views"),
        ("2", "files"),
        ("2", "invitations"),
    ]:
        assert f" {count} {kind}\n" in copied.stdout, (kind, copied.stdout)
    assert "counts of both databases agree" in copied.stdout

    async with opened(PostgresStore(target)) as postgres:
        after = await snapshot(postgres)
        for key, value in before.items():
            assert after[key] == value, key
        # New rows go on after the copied ones: ids and numbers are not given twice.
        waiting = next(c for c in await postgres.unclosed_conversations())
        agent = await postgres.add_agent("dave", "Dave", "agent", "hash-d", T + 50)
        assert agent.id == max(a.id for a in after["agents"]) + 1  # type: ignore[attr-defined]
        sent = await postgres.append_message(
            _message(waiting.id, "w2", AuthorKind.VISITOR, waiting.visitor_id, "!", T + 51)
        )
        assert sent.message.seq == waiting.last_seq + 1 == 2
        site = await postgres.get_site("school")
        assert site is not None
        newcomer = await postgres.create_visitor(site.id, "visitor-3", T + 52)
        chat = await postgres.open_conversation(site.id, newcomer.id, T + 53)
        assert chat.id == max(c.id for c in after["unclosed"]) + 1  # type: ignore[attr-defined]
        visit = await postgres.begin_visit(newcomer.id, T + 54, 1800, "", "")
        state, log = invitation.send_invitation(newcomer.id, SYSTEM, T + 54)
        invited = await postgres.add_invitation(
            NewInvitation(site.id, visit.id, state, "Hi", "card"), log
        )
        assert invited is not None and invited.id == 3
        assert [e.id for e in await postgres.invitation_events(invited.id)] == [5]


async def test_copying_twice_is_refused_and_changes_nothing(tmp_path: Path, target: str) -> None:
    async with opened(SqliteStore(tmp_path / "parley.db")) as sqlite:
        await sqlite.add_site("school", "School", ["https://school.example"], T)
    # The configuration's database_url is where it goes when --to is not given (no
    # password on the command line).
    first = cli(tmp_path, "copy-data", env={"PARLEY_DATABASE_URL": target})
    assert first.returncode == 0, first.stderr
    again = cli(tmp_path, "copy-data", "--to", target)
    assert again.returncode == 2
    assert "holds data already" in again.stderr and "nothing" not in again.stdout
    async with opened(PostgresStore(target)) as postgres:
        assert [s.key for s in await postgres.list_sites()] == ["school"]


async def test_a_relay_still_writing_is_copied_as_of_one_moment(
    tmp_path: Path, target: str
) -> None:
    async with opened(SqliteStore(tmp_path / "parley.db")) as sqlite:
        site = await sqlite.add_site("school", "School", ["https://school.example"], T)
        chats = []
        for n in range(5):
            visitor = await sqlite.create_visitor(site.id, f"visitor-{n}", T)
            chats.append(await sqlite.open_conversation(site.id, visitor.id, T))
        copying = asyncio.create_task(asyncio.to_thread(cli, tmp_path, "copy-data", "--to", target))
        sent = 0
        while not copying.done():  # the relay goes on storing messages meanwhile
            chat = chats[sent % len(chats)]
            await sqlite.append_message(
                _message(chat.id, f"m{sent}", AuthorKind.VISITOR, chat.visitor_id, "x", T)
            )
            sent += 1
        copied = await copying
    assert copied.returncode == 0, copied.stderr
    async with opened(PostgresStore(target)) as postgres:
        for chat in chats:
            read = await postgres.get_conversation(chat.id)
            assert read is not None
            stored = await postgres.messages_after(chat.id, 0, 10_000)
            # The counter and the rows are of the same moment: no gap, nothing beyond.
            assert [m.seq for m in stored] == list(range(1, read.last_seq + 1))


def test_a_copy_needs_a_sqlite_database_and_a_postgresql_url(tmp_path: Path) -> None:
    missing = cli(tmp_path, "copy-data", "--to", "postgresql://u:secret@127.0.0.1:1/x")
    assert missing.returncode == 2 and "no SQLite database" in missing.stderr
    (tmp_path / "parley.db").touch()
    wrong = cli(tmp_path, "copy-data", "--to", "mysql://u:secret@127.0.0.1/x")
    assert wrong.returncode == 2 and "postgresql://" in wrong.stderr
    assert "secret" not in wrong.stderr
