"""`kill -9` of the relay under load loses no acknowledged message and leaves no gaps."""

from __future__ import annotations

import asyncio
import random
import sqlite3
from asyncio import FIRST_COMPLETED
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.exceptions import WebSocketException

from shared_protocol import frames
from tests.helpers.clients import ConnectionLost, VisitorClient, new_id
from tests.helpers.relay_process import start_relay_process

VISITORS = 12
ROUNDS = 5
# Each round the relay is killed once this many messages more were acknowledged (drawn
# anew per round, so that the kill lands at different points of the chatting): the load
# is counted in messages, never in seconds.
ACKS_PER_ROUND = (40, 120)
# Twelve visitors on one address, sending as fast as acks come: no allowance may hold any
# back (a visitor refused for its rate would wait for an ack that never comes).
UNLIMITED = {
    "PARLEY_VISITOR_FRAMES_PER_SECOND": "1000000",
    "PARLEY_VISITOR_FRAME_BURST": "1000000",
    "PARLEY_ADDRESS_FRAMES_PER_SECOND": "1000000",
    "PARLEY_ADDRESS_FRAME_BURST": "1000000",
}


@dataclass
class VisitorState:
    """What a well-behaved client remembers across crashes: its token and unacked message."""

    token: str | None = None
    pending: tuple[str, str] | None = None  # (id, text) sent but not acknowledged
    acked: dict[str, tuple[int, int]] = field(default_factory=dict)  # id → (conversation, seq)
    sent: set[str] = field(default_factory=set)
    resent: set[str] = field(default_factory=set)  # sent again after a crash


@dataclass
class Round:
    """Counts the acknowledgements of one round; `enough` is set once there are `target`."""

    target: int
    acks: int = 0
    enough: asyncio.Event = field(default_factory=asyncio.Event)

    def acknowledged(self) -> None:
        self.acks += 1
        if self.acks >= self.target:
            self.enough.set()


async def _chat_until_the_relay_dies(state: VisitorState, url: str, round_: Round) -> None:
    try:
        client = await VisitorClient.connect(url, token=state.token)
        state.token = (await client.expect(frames.Welcome)).token
        while True:
            if state.pending is None:
                message_id = new_id()
                state.pending = (message_id, f"message {message_id}")
            message_id, text = state.pending
            if message_id in state.sent:
                state.resent.add(message_id)
            state.sent.add(message_id)
            await client.send(frames.VisitorSend(id=message_id, text=text))
            ack = await client.expect(frames.Ack)
            assert ack.id == message_id
            state.acked[message_id] = (ack.conversation, ack.seq)
            state.pending = None
            round_.acknowledged()
    except (ConnectionLost, OSError, TimeoutError, WebSocketException):
        return  # the relay died mid-conversation; the next round reconnects and resends


async def test_kill_9_under_load_loses_no_acknowledged_message(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    states = [VisitorState() for _ in range(VISITORS)]
    rng = random.Random(20261123)
    targets = [rng.randint(*ACKS_PER_ROUND) for _ in range(ROUNDS)]
    for target in targets:
        relay = await start_relay_process(data_dir, env=UNLIMITED)
        round_ = Round(target)
        chatting = [
            asyncio.create_task(_chat_until_the_relay_dies(s, relay.url, round_)) for s in states
        ]
        everyone: asyncio.Future[Any] = asyncio.gather(*chatting)
        enough: asyncio.Future[Any] = asyncio.ensure_future(round_.enough.wait())
        # The timeout guards against a relay that stopped acknowledging: not a measure.
        await asyncio.wait([enough, everyone], timeout=60, return_when=FIRST_COMPLETED)
        enough.cancel()
        assert round_.enough.is_set(), f"{round_.acks} of {target} messages acknowledged"
        await relay.kill()
        await asyncio.wait_for(everyone, 30)

    # A last, clean round: every client resends what it still holds, as after a crash.
    relay = await start_relay_process(data_dir, env=UNLIMITED)
    for state in states:
        if state.pending is not None:
            client = await VisitorClient.connect(relay.url, token=state.token)
            await client.expect(frames.Welcome)
            state.resent.add(state.pending[0])
            ack = await client.say(state.pending[1], state.pending[0])
            state.acked[state.pending[0]] = (ack.conversation, ack.seq)
            await client.close()
    assert await relay.terminate() == 0

    acked = {k: v for s in states for k, v in s.acked.items()}
    assert len(acked) >= sum(targets)
    # The kills came while messages were on their way: their senders sent them again.
    resent = set().union(*(s.resent for s in states))
    assert resent, "no kill caught a message unacknowledged: nothing was tested"
    assert resent <= set(acked)  # every one of them was acknowledged in the end
    with sqlite3.connect(data_dir / "parley.db") as db:
        rows = db.execute("SELECT client_id, conversation_id, seq FROM messages").fetchall()
    stored: dict[str, list[tuple[int, int]]] = {}
    for client_id, conversation, seq in rows:
        stored.setdefault(client_id, []).append((conversation, seq))
    for message_id, place in acked.items():  # stored once, where its ack said
        assert stored.get(message_id) == [place], (
            f"{message_id}: acked {place}, stored {stored.get(message_id)}"
        )
    sent = set().union(*(s.sent for s in states))
    assert set(stored) <= sent
    by_conversation: dict[int, list[int]] = {}
    for _, conversation, seq in rows:
        by_conversation.setdefault(conversation, []).append(seq)
    for conversation, seqs in by_conversation.items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), f"gap in {conversation}"
