"""The writer answers a batch only once SQLite has synced it (durability full), and not
so in fast mode: SQLite's own syncs are recorded beside the answers that become acks."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from relay.config import ConfigError, load_config
from relay.store import sqlite as sqlite_store
from relay.store.base import Durability
from relay.store.records import Appended, Conversation, NewMessage
from relay.store.sqlite import SqliteStore
from shared_protocol.frames import AuthorKind
from tests.helpers.disk_syncs import Event, SyncRecordingUnavailable, recording_syncs

BATCH = 200
WAL_SYNC = ("sync", "parley.db-wal")


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Event]]:
    # Only commits may sync the log while a test runs, not a checkpoint's timer.
    monkeypatch.setattr(sqlite_store, "CHECKPOINT_SECONDS", 3600.0)
    recorded: list[Event] = []
    try:
        with recording_syncs(recorded):
            yield recorded
    except SyncRecordingUnavailable as error:
        pytest.skip(f"SQLite's syncs cannot be recorded here: {error}")


@contextlib.asynccontextmanager
async def _opened(path: Path, durability: Durability | None) -> AsyncIterator[SqliteStore]:
    store = SqliteStore(path) if durability is None else SqliteStore(path, durability=durability)
    await store.open()
    try:
        yield store
    finally:
        await store.close()


async def _one_batch(store: SqliteStore, events: list[Event]) -> list[Event]:
    """Queue BATCH messages at once (one group commit) and return what was recorded from
    then until the last was answered: the syncs, and ("ack", id) where the relay's
    endpoint would send each ack, in the answer's done-callback."""
    site = await store.add_site("s", "S", ["https://s.example"], 0)
    visitor = await store.create_visitor(site.id, "t", 1.0)
    conversation: Conversation = await store.open_conversation(site.id, visitor.id, 2.0)
    events.clear()  # earlier commits, the log's header among them, are not the batch

    def acknowledge(answer: asyncio.Future[Appended]) -> None:
        events.append(("ack", answer.result().message.client_id))

    answers = []
    for n in range(BATCH):
        new = NewMessage(conversation.id, f"m{n}", AuthorKind.VISITOR, visitor.id, "", "hello", 3.0)
        answer = store.queue_message(new)
        answer.add_done_callback(acknowledge)
        answers.append(answer)
    await asyncio.gather(*answers)
    return list(events)


async def test_a_batch_is_synced_once_and_before_any_of_its_acks_by_default(
    tmp_path: Path, events: list[Event]
) -> None:
    async with _opened(tmp_path / "parley.db", None) as store:
        recorded = await _one_batch(store, events)
    acks = [("ack", f"m{n}") for n in range(BATCH)]
    # One sync of the log for the whole group commit, and every ack after it.
    assert recorded == [WAL_SYNC, *acks]


async def test_fast_durability_acknowledges_without_syncing(
    tmp_path: Path, events: list[Event]
) -> None:
    async with _opened(tmp_path / "parley.db", Durability.FAST) as store:
        recorded = await _one_batch(store, events)
    # The acks leave with nothing synced: the log reaches the disk at a later checkpoint.
    assert recorded == [("ack", f"m{n}") for n in range(BATCH)]


def test_durability_is_full_unless_the_operator_opts_out() -> None:
    assert load_config(environ={}).durability == Durability.FULL
    assert load_config(environ={"PARLEY_DURABILITY": "fast"}).durability == Durability.FAST
    with pytest.raises(ConfigError, match="durability"):
        load_config(environ={"PARLEY_DURABILITY": "sometimes"})


def file_modes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mode & 0o777 for p in folder.glob("parley.db*")}


async def test_the_database_is_its_owners_alone(tmp_path: Path) -> None:
    store = sqlite_store.SqliteStore(tmp_path / "parley.db")
    await store.open()
    await store.add_site("s", "Site", [], 1.0)
    modes = file_modes(tmp_path)
    await store.close()
    assert modes["parley.db"] == 0o600
    assert all(mode == 0o600 for name, mode in modes.items() if name.endswith(("-wal", "-shm")))
