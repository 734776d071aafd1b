"""The SQLite store on a real file: group commit, deduplication, sequence numbers, migrations."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from relay.core.visits import NewestPageView
from relay.store.errors import DuplicateName, MessageIdTaken, StoreBug, StoreUnavailable
from relay.store.records import Conversation, NewMessage, Page
from relay.store.sqlite import SqliteStore
from relay.store.sqlite.errors import classify, is_environment
from relay.store.sqlite.migrations import MIGRATIONS
from shared_protocol.frames import AuthorKind, ConversationStatus


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    opened = SqliteStore(tmp_path / "parley.db")
    await opened.open()
    yield opened
    await opened.close()


async def _conversation(store: SqliteStore, token: str = "t") -> Conversation:
    site = await store.get_site("s") or await store.add_site("s", "S", ["https://s.example"], 0)
    visitor = await store.create_visitor(site.id, token, 1.0)
    return await store.open_conversation(site.id, visitor.id, 2.0)


def _message(conversation: Conversation, client_id: str, text: str = "hi") -> NewMessage:
    return NewMessage(
        conversation.id, client_id, AuthorKind.VISITOR, conversation.visitor_id, "", text, 3.0
    )


async def test_concurrent_appends_get_gapless_sequence_numbers(store: SqliteStore) -> None:
    conversation = await _conversation(store)
    results = await asyncio.gather(
        *(store.append_message(_message(conversation, f"m{n}")) for n in range(500))
    )
    assert sorted(r.message.seq for r in results) == list(range(1, 501))
    # Queued in order, numbered in order.
    assert [r.message.seq for r in results] == list(range(1, 501))
    stored = await store.messages_after(conversation.id, 0, 1000)
    assert [m.seq for m in stored] == list(range(1, 501))


async def test_the_same_id_twice_in_one_batch_is_stored_once(store: SqliteStore) -> None:
    conversation = await _conversation(store)
    first, second = await asyncio.gather(
        store.append_message(_message(conversation, "same")),
        store.append_message(_message(conversation, "same")),
    )
    assert (first.duplicate, second.duplicate) == (False, True)
    assert first.message == second.message
    assert len(await store.messages_after(conversation.id, 0, 10)) == 1


async def test_a_reused_id_with_other_text_is_a_conflict(store: SqliteStore) -> None:
    conversation = await _conversation(store)
    await store.append_message(_message(conversation, "x", "one"))
    with pytest.raises(MessageIdTaken):
        await store.append_message(_message(conversation, "x", "two"))
    after = await store.append_message(_message(conversation, "y", "three"))
    assert after.message.seq == 2  # the conflict took no sequence number


async def test_a_withdrawn_message_sent_again_is_a_duplicate_judged_by_its_text_as_sent(
    store: SqliteStore,
) -> None:
    conversation = await _conversation(store)
    agent = await store.add_agent("bob", "Bob", "agent", "h", 0)

    def reply(text: str) -> NewMessage:
        return NewMessage(conversation.id, "r", AuthorKind.AGENT, agent.id, "Bob", text, 4.0)

    sent = await store.append_message(reply("oops"))
    await store.withdraw_message(conversation.id, sent.message.seq, agent, 5.0)
    again = await store.append_message(reply("oops"))
    assert again.duplicate and again.message.seq == sent.message.seq
    assert again.message.withdrawn and again.message.text == ""  # still withdrawn
    with pytest.raises(MessageIdTaken):
        await store.append_message(reply(""))  # the text it shows now is not what was sent
    known = await store.find_message(AuthorKind.AGENT, agent.id, "r")
    assert known is not None and (known.sent_text, known.message.text) == ("oops", "")


async def test_ids_are_scoped_to_their_author(store: SqliteStore) -> None:
    mine = await _conversation(store, "a")
    theirs = await _conversation(store, "b")
    one = await store.append_message(_message(mine, "1"))
    two = await store.append_message(_message(theirs, "1"))
    assert not one.duplicate and not two.duplicate


async def test_a_visitor_has_one_open_conversation_until_it_is_closed(store: SqliteStore) -> None:
    conversation = await _conversation(store)
    again = await store.open_conversation(conversation.site_id, conversation.visitor_id, 5.0)
    assert again.id == conversation.id
    closed = await store.close_conversation(conversation.id, 6.0)
    assert closed is not None and closed.status is ConversationStatus.CLOSED
    assert await store.close_conversation(conversation.id, 7.0) is None
    fresh = await store.open_conversation(conversation.site_id, conversation.visitor_id, 8.0)
    assert fresh.id != conversation.id


async def test_sequence_numbers_continue_after_reopening_the_store(tmp_path: Path) -> None:
    first = SqliteStore(tmp_path / "p.db")
    await first.open()
    conversation = await _conversation(first)
    for n in range(3):
        await first.append_message(_message(conversation, f"a{n}"))
    await first.close()
    second = SqliteStore(tmp_path / "p.db")
    await second.open()
    appended = await second.append_message(_message(conversation, "b"))
    assert appended.message.seq == 4
    await second.close()


async def test_read_marks_only_move_forward_and_stop_at_the_last_message(
    store: SqliteStore,
) -> None:
    conversation = await _conversation(store)
    for n in range(3):
        await store.append_message(_message(conversation, f"m{n}"))
    visitor, agent = AuthorKind.VISITOR, AuthorKind.AGENT
    owner = conversation.visitor_id

    async def read(reader: AuthorKind, seq: int, visitor_id: int | None = None) -> object:
        mark = await store.mark_read(conversation.id, reader, seq, visitor_id=visitor_id)
        return None if mark is None else (mark.seq, mark.advanced)

    assert await read(visitor, 2, owner) == (2, True)
    assert await read(visitor, 1, owner) == (2, False)  # lower: ignored
    assert await read(visitor, 2, owner) == (2, False)
    assert await read(visitor, 50, owner) == (3, True)  # beyond the last message: clamped
    assert await read(visitor, 50, owner) == (3, False)
    assert await read(visitor, 3, owner + 1) is None  # not that visitor's
    assert await read(agent, 1) == (1, True)  # the agents' mark is a mark of its own
    missing = await store.mark_read(conversation.id + 1, agent, 1, visitor_id=None)
    assert missing is None
    stored = await store.get_conversation(conversation.id)
    assert stored is not None
    assert (stored.visitor_read_seq, stored.agent_read_seq) == (3, 1)


async def test_duplicate_names_are_refused_and_the_batch_goes_on(store: SqliteStore) -> None:
    await store.add_agent("bob", "Bob", "agent", "h", 0)
    results = await asyncio.gather(
        store.add_agent("bob", "Bob", "agent", "h", 0),
        store.add_agent("carol", "Carol", "agent", "h", 0),
        return_exceptions=True,
    )
    assert isinstance(results[0], DuplicateName)
    assert [a.name for a in await store.list_agents()] == ["bob", "carol"]


async def test_visits_start_anew_after_the_gap(store: SqliteStore) -> None:
    site = await store.add_site("k", "K", [], 0)
    visitor = await store.create_visitor(site.id, "tok", 0)
    first = await store.begin_visit(visitor.id, 100.0, 1800, "127.0.0.1", "ua")
    same = await store.begin_visit(visitor.id, 200.0, 1800, "127.0.0.1", "ua")
    later = await store.begin_visit(visitor.id, 200.0 + 1801, 1800, "127.0.0.1", "ua")
    assert (first.number, same.number, later.number) == (1, 1, 2)
    assert same.id == first.id and later.id != first.id


async def test_a_page_view_is_reopened_only_while_it_is_as_it_was_read(
    store: SqliteStore,
) -> None:
    site = await store.add_site("k", "K", [], 0)
    visitor = await store.create_visitor(site.id, "tok", 0)
    visit = await store.begin_visit(visitor.id, 100.0, 1800, "127.0.0.1", "ua")
    prices = Page(url="https://k.example/prices", title="Prices")
    first = await store.record_page_view(visit.id, prices, 100.0)
    await store.end_page_view(visit.id, first, 110.0)
    seen = await store.newest_page_view(visit.id)
    assert seen == NewestPageView(first, prices.url, 110.0)
    # Read when it was left at another time: refused, nothing changes.
    stale = NewestPageView(first, prices.url, 105.0)
    assert not await store.reopen_page_view(visit.id, stale, 111.0)
    assert await store.newest_page_view(visit.id) == seen
    assert await store.reopen_page_view(visit.id, seen, 111.0)
    assert await store.newest_page_view(visit.id) == NewestPageView(first, prices.url, None)
    assert not await store.reopen_page_view(visit.id, seen, 111.0)  # open now, not left at 110
    await store.end_page_view(visit.id, first, 112.0)
    # A newer view was recorded since: refused, and the newer view stays the open one.
    second = await store.record_page_view(visit.id, prices, 200.0)
    assert not await store.reopen_page_view(
        visit.id, NewestPageView(first, prices.url, 112.0), 201.0
    )
    path, _, _ = await store.visitor_history(visitor.id)
    assert [(p.entered_at, p.left_at) for p in path] == [(100.0, 112.0), (200.0, None)]
    assert await store.newest_page_view(visit.id) == NewestPageView(second, prices.url, None)


async def test_ending_a_page_view_ends_only_that_one_and_notes_activity(
    store: SqliteStore,
) -> None:
    site = await store.add_site("k", "K", [], 0)
    visitor = await store.create_visitor(site.id, "tok", 0)
    visit = await store.begin_visit(visitor.id, 100.0, 1800, "127.0.0.1", "ua")
    old = await store.record_page_view(visit.id, Page(url="https://k.example/"), 100.0)
    new = await store.record_page_view(visit.id, Page(url="https://k.example/p"), 150.0)
    await store.end_page_view(visit.id, old, 160.0)  # left before: stays as it was
    assert await store.newest_page_view(visit.id) == NewestPageView(
        new, "https://k.example/p", None
    )
    await store.end_page_view(visit.id, None, 1800.0 + 150.0)  # no view, but activity
    assert (await store.begin_visit(visitor.id, 1800.0 + 200.0, 1800, "", "")).id == visit.id


async def test_touching_visits_keeps_them_going_and_never_moves_them_back(
    store: SqliteStore,
) -> None:
    site = await store.add_site("k", "K", [], 0)
    here = await store.create_visitor(site.id, "here", 0)
    gone = await store.create_visitor(site.id, "gone", 0)
    visits = [await store.begin_visit(v.id, 100.0, 1800, "", "") for v in (here, gone)]
    await store.touch_visits([visits[0].id], 1000.0)
    await store.touch_visits([visits[0].id], 500.0)  # late: ignored
    await store.touch_visits([], 2000.0)
    assert (await store.begin_visit(here.id, 2799.0, 1800, "", "")).id == visits[0].id
    assert (await store.begin_visit(gone.id, 2799.0, 1800, "", "")).number == 2


async def test_migrations_record_their_version_and_run_once(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    for _ in range(2):
        store = SqliteStore(path)
        await store.open()
        await store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_a_batch_failed_by_the_environment_stores_nothing_and_says_unavailable(
    store: SqliteStore, tmp_path: Path
) -> None:
    conversation = await _conversation(store)
    # Another process holds the write lock (a backup tool, an admin command), and the
    # writer does not wait for it: SQLITE_BUSY, the environment's doing.
    assert store._db.writer is not None
    store._db.writer.execute("PRAGMA busy_timeout=0")
    with contextlib.closing(sqlite3.connect(tmp_path / "parley.db")) as other:
        other.execute("BEGIN IMMEDIATE")
        lost, added = await asyncio.gather(
            store.append_message(_message(conversation, "lost")),
            store.add_agent("bob", "Bob", "agent", "h", 0),
            return_exceptions=True,
        )
        other.execute("ROLLBACK")
    assert isinstance(lost, StoreUnavailable) and isinstance(added, StoreUnavailable)
    assert "SQLITE_BUSY" in str(lost)
    assert await store.get_agent("bob") is None  # nothing of the batch was stored
    appended = await store.append_message(_message(conversation, "kept"))
    assert appended.message.seq == 1  # the failed attempt used no number


async def test_a_bug_in_the_message_writer_is_a_bug_and_the_rest_of_the_batch_stands(
    store: SqliteStore,
) -> None:
    conversation = await _conversation(store)
    # A trigger stands in for a broken invariant: every insert into messages is refused.
    await store._db.write(
        lambda db: db.execute(
            "CREATE TRIGGER fail BEFORE INSERT ON messages "
            "BEGIN SELECT RAISE(ABORT, 'broken invariant'); END"
        )
    )
    lost, added = await asyncio.gather(
        store.append_message(_message(conversation, "lost")),
        store.add_agent("bob", "Bob", "agent", "h", 0),
        return_exceptions=True,
    )
    assert isinstance(lost, StoreBug) and not isinstance(lost, StoreUnavailable)
    assert isinstance(lost.__cause__, sqlite3.IntegrityError)
    assert not isinstance(added, BaseException) and await store.get_agent("bob") == added
    await store._db.write(lambda db: db.execute("DROP TRIGGER fail"))
    stored = await store.get_conversation(conversation.id)
    assert stored is not None and stored.last_seq == 0  # the counter was rolled back too
    appended = await store.append_message(_message(conversation, "kept"))
    assert appended.message.seq == 1


async def test_a_bug_in_one_operation_fails_that_operation_and_the_writer_goes_on(
    store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(db: sqlite3.Connection) -> None:
        db.execute("INSERT INTO sites (key, name, origins, created_at) VALUES ('x', 'X', '[]', 0)")
        raise RuntimeError("a bug")

    with pytest.raises(StoreBug) as failed:
        await store._db.write(broken)
    assert isinstance(failed.value.__cause__, RuntimeError)
    assert "event=store_bug" in caplog.text and "RuntimeError: a bug" in caplog.text  # a trace
    assert await store.get_site("x") is None  # undone with its operation
    conversation = await _conversation(store)
    assert (await store.append_message(_message(conversation, "after"))).message.seq == 1


def test_sqlite_errors_are_sorted_by_their_code_not_their_wording(tmp_path: Path) -> None:
    def error_of(run: Callable[[sqlite3.Connection], object]) -> sqlite3.Error:
        with contextlib.closing(sqlite3.connect(tmp_path / "e.db")) as db:
            try:
                run(db)
            except sqlite3.Error as error:
                return error
        raise AssertionError("no error")

    def full(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE t (x BLOB)")
        db.execute("PRAGMA max_page_count = 2")
        db.execute("INSERT INTO t VALUES (zeroblob(100000))")

    def unique_twice(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE u (x UNIQUE)")
        db.executemany("INSERT INTO u VALUES (?)", [("disk is full",), ("disk is full",)])

    disk_full = error_of(full)
    assert is_environment(disk_full) and isinstance(classify(disk_full, "t"), StoreUnavailable)
    for bug in (
        error_of(lambda db: db.execute("SELECT nothing FROM nowhere")),  # SQLITE_ERROR
        error_of(lambda db: db.execute("SELECT ?", (1, 2))),  # ProgrammingError, no code
        error_of(unique_twice),  # SQLITE_CONSTRAINT, whatever its message says
    ):
        assert not is_environment(bug) and isinstance(classify(bug, "t"), StoreBug), bug


async def test_last_messages_are_each_conversations_newest_in_one_call(
    store: SqliteStore,
) -> None:
    talked = await _conversation(store, "a")
    withdrawn = await _conversation(store, "b")
    silent = await _conversation(store, "c")
    for n in range(3):
        await store.append_message(_message(talked, f"t{n}", f"text {n}"))
    await store.append_message(_message(withdrawn, "w0", "kept"))
    agent = await store.add_agent("bob", "Bob", "agent", "h", 0)
    mistake = await store.append_message(
        NewMessage(withdrawn.id, "w1", AuthorKind.AGENT, agent.id, "Bob", "oops", 4.0)
    )
    await store.withdraw_message(withdrawn.id, mistake.message.seq, agent, 5.0)

    newest = await store.last_messages([talked.id, withdrawn.id, silent.id, 999])
    assert set(newest) == {talked.id, withdrawn.id}  # no message, no entry
    assert (newest[talked.id].seq, newest[talked.id].text) == (3, "text 2")
    assert newest[withdrawn.id] == await store.get_message(withdrawn.id, 2)
    assert newest[withdrawn.id].withdrawn and newest[withdrawn.id].text == ""
    assert await store.last_messages([]) == {}


def _version_8_database(path: Path) -> None:
    """A database as the relay before issue 12 left it: schema 8, with a waiting
    conversation, an active one with an agent's replies, and a closed one."""
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as db:
        for step in MIGRATIONS[:8]:
            db.execute("BEGIN")
            step(db)
            db.execute("COMMIT")
        db.execute("PRAGMA user_version = 8")
        db.executescript(
            """
            PRAGMA foreign_keys = ON;
            INSERT INTO sites (id, key, name, origins, created_at) VALUES (1, 's', 'S', '[]', 0);
            INSERT INTO agents (id, name, display_name, role, password_hash, created_at)
                VALUES (7, 'bob', 'Bob', 'agent', 'h', 0);
            INSERT INTO visitors (id, site_id, token_hash, first_seen, last_seen)
                VALUES (1, 1, 'a', 0, 0), (2, 1, 'b', 0, 0), (3, 1, 'c', 0, 0);
            INSERT INTO conversations (id, site_id, visitor_id, status, agent_id, created_at,
                closed_at) VALUES (10, 1, 1, 'waiting', NULL, 100, NULL),
                (11, 1, 2, 'active', 7, 200, NULL), (12, 1, 3, 'closed', 7, 300, 390);
            INSERT INTO messages (conversation_id, seq, client_id, author, author_id,
                author_name, text, created_at) VALUES
                (10, 1, 'w1', 'visitor', 1, '', 'anyone?', 101),
                (11, 1, 'x1', 'visitor', 2, '', 'hello', 201),
                (11, 2, 'x2', 'agent', 7, 'Bob', 'hi', 205),
                (11, 3, 'x3', 'agent', 7, 'Bob', 'how can I help?', 206),
                (12, 1, 'y1', 'visitor', 3, '', 'bye', 301),
                (12, 2, 'y2', 'agent', 7, 'Bob', 'bye', 310);
            """
        )


async def test_a_version_8_database_is_migrated_with_its_data(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "parley.db"
    _version_8_database(path)
    path.chmod(0o644)  # as an older relay left it
    store = SqliteStore(path)
    with caplog.at_level(logging.WARNING, logger="parley.store"):
        await store.open()
    try:
        # The upgrade is told, and the file becomes its owner's alone.
        upgraded = [r.getMessage() for r in caplog.records if "schema_upgraded" in r.getMessage()]
        assert upgraded == [f"event=schema_upgraded from=8 to={len(MIGRATIONS)}"]
        assert path.stat().st_mode & 0o777 == 0o600
        waiting, active, closed = [await store.get_conversation(i) for i in (10, 11, 12)]
        assert waiting and active and closed
        # Counters counted from the messages, and numbering goes on from them.
        assert (waiting.last_seq, active.last_seq, closed.last_seq) == (1, 3, 2)
        reply = NewMessage(11, "x4", AuthorKind.AGENT, 7, "Bob", "done", 400.0)
        assert (await store.append_message(reply)).message.seq == 4
        # Statuses read as before; the lifecycle's columns are empty.
        assert [c.status for c in (waiting, active, closed)] == [
            ConversationStatus.WAITING,
            ConversationStatus.ACTIVE,
            ConversationStatus.CLOSED,
        ]
        assert active.state().owner == 7 and active.offered_to is None and active.rated is None
        # What the old rows tell: created, the first agent reply, the closing; no more.
        logged = {
            c: [
                (e.kind, e.at, e.actor.kind.value, e.migrated)
                for e in await store.conversation_events(c)
            ]
            for c in (10, 11, 12)
        }
        assert logged == {
            10: [("created", 100, "visitor", True)],
            11: [("created", 200, "visitor", True), ("first_agent_reply", 205, "agent", True)],
            12: [
                ("created", 300, "visitor", True),
                ("first_agent_reply", 310, "agent", True),
                ("closed", 390, "system", True),
            ],
        }
        # The agent holding a conversation is its owner, from their first message on.
        assert [(p.agent_id, p.joined_at, p.left_at) for p in active.participants] == [
            (7, 205, None)
        ]
        assert [(p.agent_id, p.joined_at, p.left_at) for p in closed.participants] == [
            (7, 310, 390)
        ]
        assert [m.visibility for m in await store.messages_after(11, 0, 10)] == ["public"] * 4
        bob = await store.get_agent("bob")
        assert bob is not None and (bob.level, bob.max_chats, bob.skills) == (1, 5, ())
        # The rules kept through the rebuild: one open conversation per visitor, foreign keys.
        assert (await store.open_conversation(1, 1, 500.0)).id == 10
        assert store._db.writer is not None
        assert store._db.writer.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        await store.close()
    with contextlib.closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        with pytest.raises(sqlite3.IntegrityError):  # the log stays as written
            db.execute("DELETE FROM conversation_events")


async def test_a_stored_status_of_the_lifecycle_reads_as_the_wire_knows_it(
    store: SqliteStore,
) -> None:
    conversation = await _conversation(store)
    await store._db.write(
        lambda db: db.execute("UPDATE conversations SET status = 'queued' WHERE id = ?", (1,))
    )
    queued = await store.get_conversation(conversation.id)
    assert queued is not None and queued.status is ConversationStatus.WAITING
    assert queued.lifecycle == "queued" and queued.state().status == "queued"
