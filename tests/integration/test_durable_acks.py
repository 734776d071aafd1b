"""Over a real socket: an ack reaches the visitor only after SQLite synced the message's
commit to the disk (durability full, the default); in fast mode no sync comes first."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.asyncio.client import connect

from relay.store import sqlite as sqlite_store
from relay.store.base import Durability
from shared_protocol import PROTOCOL_VERSION, codec, frames
from tests.helpers.disk_syncs import Event, SyncRecordingUnavailable, recording_syncs
from tests.helpers.relay_fixtures import start_relay

MESSAGES = 20  # within the visitor's burst: none is refused for its rate
WAL_SYNC = ("sync", "parley.db-wal")


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Event]]:
    monkeypatch.setattr(sqlite_store, "CHECKPOINT_SECONDS", 3600.0)  # only commits sync
    recorded: list[Event] = []
    try:
        with recording_syncs(recorded):
            yield recorded
    except SyncRecordingUnavailable as error:
        pytest.skip(f"SQLite's syncs cannot be recorded here: {error}")


async def _synced_between_send_and_ack(
    tmp_path: Path, events: list[Event], **settings: object
) -> dict[str, bool]:
    """Send MESSAGES pipelined; for each id, whether the log was synced after it left the
    visitor and before its ack arrived."""
    running = await start_relay(tmp_path / "data", **settings)
    try:
        async with connect(
            f"{running.url}/ws/visitor",
            origin=running.http,  # type: ignore[arg-type]
            compression=None,
        ) as ws:
            await ws.send(
                codec.visitor_relay_side.encode(
                    frames.Hello(v=PROTOCOL_VERSION, site="demo")
                ).decode()
            )
            assert isinstance(
                codec.visitor_client_side.decode(await ws.recv(decode=False)), frames.Welcome
            )
            events.clear()
            for n in range(MESSAGES):
                events.append(("sent", f"m{n}"))
                await ws.send(
                    codec.visitor_relay_side.encode(
                        frames.VisitorSend(id=f"m{n}", text="hello")
                    ).decode()
                )
            acked = 0
            async with asyncio.timeout(10):  # a guard against hanging, not a measurement
                while acked < MESSAGES:
                    frame = codec.visitor_client_side.decode(await ws.recv(decode=False))
                    if isinstance(frame, frames.Ack):
                        events.append(("ack", frame.id))
                        acked += 1
    finally:
        await running.relay.stop()
    synced: dict[str, bool] = {}
    for n in range(MESSAGES):
        sent, ack = events.index(("sent", f"m{n}")), events.index(("ack", f"m{n}"))
        synced[f"m{n}"] = WAL_SYNC in events[sent:ack]
    return synced


async def test_every_ack_arrives_after_its_message_was_synced_to_disk(
    tmp_path: Path, events: list[Event]
) -> None:
    synced = await _synced_between_send_and_ack(tmp_path, events)
    assert synced == dict.fromkeys(synced, True)


async def test_in_fast_mode_acks_arrive_before_any_sync(
    tmp_path: Path, events: list[Event]
) -> None:
    synced = await _synced_between_send_and_ack(tmp_path, events, durability=Durability.FAST)
    assert synced == dict.fromkeys(synced, False)
