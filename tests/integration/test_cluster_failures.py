"""A cluster's failures, each bounded in count and time: a relay killed under load, Redis
restarted, PostgreSQL restarted, a relay's presence expiring, the lead moving (issue 13).

The promises: no acknowledged message lost, none shown twice, seqs gapless; deliveries
resume by themselves; /healthz says when a relay is cut off."""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from dataclasses import dataclass, field

import pytest
from websockets.exceptions import WebSocketException

from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from shared_protocol.frames import AgentStatus
from tests.helpers.clients import ConnectionLost, VisitorClient
from tests.helpers.cluster import Cluster, agent_at, health, healths, linked, until, visitor_at
from tests.helpers.postgres import PostgresServer
from tests.helpers.redis_server import RedisServer
from tests.helpers.relay_process import RelayProcess

pytestmark = pytest.mark.timeout(180)


@dataclass
class Talker:
    """A visitor who sends numbered messages and, as the widget does, reconnects (to
    whichever relay is up) and sends again what was not acknowledged."""

    cluster: Cluster
    name: str
    token: str | None = None
    conversation: int = 0
    acked: dict[str, int] = field(default_factory=dict)  # client id → seq
    refused: Counter[str] = field(default_factory=Counter)  # error codes met

    def relay(self) -> RelayProcess:
        alive = [r for r in self.cluster.relays if r.process.returncode is None]
        return alive[hash(self.name) % len(alive)]

    async def connect(self, relay: RelayProcess | None = None) -> VisitorClient:
        client = await visitor_at(relay or self.relay(), token=self.token)
        self.token = (await client.expect(frames.Welcome)).token
        return client

    async def talk(self, count: int, pause: float, first: RelayProcess | None = None) -> None:
        pending = [f"{self.name}-{n}" for n in range(count)]
        relay = first
        while pending:
            try:
                client = await self.connect(relay)
                while pending:
                    client_id = pending[0]
                    await client.send(frames.VisitorSend(id=client_id, text=f"say {client_id}"))
                    answer = await self._answer(client, client_id)
                    if isinstance(answer, frames.Ack):
                        self.acked[client_id] = answer.seq
                        self.conversation = answer.conversation
                        pending.pop(0)
                        await asyncio.sleep(pause)
                    else:
                        self.refused[answer.code] += 1
                        await asyncio.sleep(0.2)  # the widget waits, then sends it again
            except (ConnectionLost, WebSocketException, OSError, TimeoutError):
                relay = None  # the relay went away: any other will do
                await asyncio.sleep(0.1)

    async def _answer(self, client: VisitorClient, client_id: str) -> frames.Ack | frames.Error:
        async with asyncio.timeout(10):
            while True:
                for frame in client.take_all(frames.Ack):
                    if frame.id == client_id:
                        return frame
                for error in client.take_all(frames.Error):
                    if error.ref == client_id:
                        return error
                if client.closed.is_set():
                    raise ConnectionLost("closed")
                client._arrived.clear()
                await client._arrived.wait()


async def stored_seqs(cluster: Cluster, conversation: int) -> list[tuple[int, str]]:
    store = cluster.open_store()
    await store.open()
    try:
        messages = await store.messages_after(conversation, 0, 10_000, include_internal=True)
        return [(m.seq, m.client_id) for m in messages]
    finally:
        await store.close()


async def check_nothing_lost(cluster: Cluster, talkers: list[Talker]) -> None:
    for talker in talkers:
        stored = await stored_seqs(cluster, talker.conversation)
        seqs = [seq for seq, _ in stored]
        assert seqs == list(range(1, len(seqs) + 1)), f"{talker.name}: gaps in {seqs}"
        by_client_id = dict((client_id, seq) for seq, client_id in stored)
        assert len(by_client_id) == len(stored), f"{talker.name}: a message stored twice"
        for client_id, seq in talker.acked.items():
            assert by_client_id.get(client_id) == seq, f"{client_id} acked as {seq}, lost"


async def test_a_relay_killed_under_load_loses_no_acknowledged_message(
    cluster: Cluster,
) -> None:
    a, b = await cluster.start_relay(), await cluster.start_relay()
    watcher = await agent_at(b)
    await watcher.expect(frames.LoginOk)
    await until(lambda: linked(cluster))
    talkers = [Talker(cluster, f"visitor{n}") for n in range(6)]
    talking = [asyncio.create_task(t.talk(40, pause=0.02, first=a)) for t in talkers]
    await until(lambda: sum(len(t.acked) for t in talkers) >= 60)
    await a.kill()  # SIGKILL, mid-stream: batches half committed, bells unrung
    await asyncio.gather(*talking)

    await check_nothing_lost(cluster, talkers)
    # The agent on the surviving relay was shown every message once, in the end.
    conversations = {t.conversation: t for t in talkers}
    wanted = {(t.conversation, seq) for t in talkers for seq in t.acked.values()}

    def shown() -> Counter[tuple[int, int]]:
        return Counter(
            (f.message.conversation, f.message.seq)
            for f in watcher.received
            if isinstance(f, frames.Message) and f.message.conversation in conversations
        )

    await until(lambda: wanted <= shown().keys(), within=15)
    assert max(shown().values()) == 1, "a message was shown twice"


async def test_after_redis_restarts_relays_say_so_and_catch_up_without_a_restart(
    cluster: Cluster, redis_server: RedisServer
) -> None:
    a, b = await cluster.start_relay(), await cluster.start_relay()
    agent = await agent_at(b)
    await agent.expect(frames.LoginOk)
    await until(lambda: linked(cluster))
    visitor = await visitor_at(a)
    await visitor.expect(frames.Welcome)
    first = await visitor.say("before")
    assert (await agent.expect(frames.Message)).message.seq == first.seq

    with redis_server.stopped():
        await until(lambda: _all_degraded(cluster))
        during = await visitor.say("while Redis is down")  # stored, so acknowledged
        await asyncio.sleep(0.5)
        assert not [f for f in agent.received if isinstance(f, frames.Message)]
        # (Relay B fills the gap before the agent's own reply from the store.)
        reply = await agent.say(first.conversation, "also while it is down")
        await asyncio.sleep(0.5)
        assert not [f for f in visitor.received if isinstance(f, frames.Message)]
    # Back: both relays resynchronise from PostgreSQL by themselves.
    got = await agent.expect(frames.Message, within=20)
    assert (got.message.seq, got.message.text) == (during.seq, "while Redis is down")
    answer = await visitor.expect(frames.Message, within=20)
    assert (answer.message.seq, answer.message.text) == (reply.seq, "also while it is down")
    await until(lambda: linked(cluster))
    after = await visitor.say("after")
    assert (await agent.expect(frames.Message)).message.seq == after.seq


async def _all_degraded(cluster: Cluster) -> bool:
    return all(h.get("status") == "degraded" for h in await healths(cluster))


async def test_while_postgresql_restarts_relays_answer_unavailable_and_nothing_is_lost(
    cluster: Cluster, postgres_server: PostgresServer
) -> None:
    a, b = await cluster.start_relay(), await cluster.start_relay()
    agent = await agent_at(b)
    await agent.expect(frames.LoginOk)
    await until(lambda: linked(cluster))
    talker = Talker(cluster, "patient")
    talking = asyncio.create_task(talker.talk(30, pause=0.05, first=a))
    await until(lambda: len(talker.acked) >= 5)
    await postgres_server.restart()
    await talking
    assert talker.refused[ErrorCode.UNAVAILABLE] > 0, "the restart went unnoticed"
    await check_nothing_lost(cluster, [talker])
    for relay in (a, b):
        assert relay.process.returncode is None, "a relay died with the database"
    seqs = set(talker.acked.values())

    def shown() -> set[int]:
        return {f.message.seq for f in agent.received if isinstance(f, frames.Message)}

    await until(lambda: seqs <= shown(), within=15)


async def test_a_dead_relays_agents_and_visitors_stop_counting_within_seconds(
    cluster: Cluster,
) -> None:
    a, b = await cluster.start_relay(), await cluster.start_relay()
    on_a = await agent_at(a)
    await on_a.expect(frames.LoginOk)
    watcher = await agent_at(b, "bob")
    await watcher.expect(frames.LoginOk)
    await watcher.send(frames.SetStatus(status=AgentStatus.AWAY))  # Online: alice, on A
    await until(lambda: linked(cluster))
    leaving = await visitor_at(a)
    leaving_id = (await leaving.expect(frames.Welcome)).visitor
    await watcher.expect_visitor(lambda v: v.id == leaving_id)
    staying = await visitor_at(b)
    assert (await staying.expect(frames.Welcome)).agents_online is True

    await a.kill()
    # Three heartbeats of 0.5 s, and the next check: well inside the 30 s promised.
    assert (await staying.expect(frames.Presence, within=10)).agents_online is False
    await watcher.expect_gone(leaving_id, within=10)
    assert (await healths(cluster))[0]["relays"] == 1


async def test_the_run_once_work_has_one_leader_and_moves_when_it_dies(
    cluster: Cluster,
) -> None:
    for _ in range(3):
        await cluster.start_relay()
    await until(lambda: linked(cluster))

    async def leaders() -> list[RelayProcess]:
        alive = [r for r in cluster.relays if r.process.returncode is None]
        states = [await asyncio.to_thread(health, r) for r in alive]
        return [r for r, h in zip(alive, states, strict=True) if h.get("leads")]

    await until(lambda: _one(leaders))
    (leader,) = await leaders()
    await leader.kill()
    await until(lambda: _one(leaders))
    (successor,) = await leaders()
    assert successor is not leader
    for _ in itertools.repeat(None, 5):  # and it stays one
        assert len(await leaders()) == 1
        await asyncio.sleep(0.2)


async def _one(leaders: object) -> bool:
    return len(await leaders()) == 1  # type: ignore[operator]


async def test_healthz_says_when_the_database_does_not_answer(
    cluster: Cluster, postgres_server: PostgresServer
) -> None:
    relay = await cluster.start_relay()
    await until(lambda: linked(cluster))
    await postgres_server.stop()
    try:
        await until(lambda: health(relay).get("database") == "unreachable", within=20)
        assert health(relay)["status"] == "degraded"
    finally:
        await postgres_server.start()
    await until(lambda: health(relay)["status"] == "ok", within=20)
    assert relay.process.returncode is None
