"""One relay's link to the cluster's Redis: the shared channel, the heartbeat, the presence
keys, and whether it is connected at all.

Keys (all expire unless refreshed, so that a relay that dies leaves nothing for long):
    parley:relay:<id>      this relay is alive (refreshed every heartbeat)
    parley:agents:<id>     hash: agent id → AgentPresenceInfo of those connected to it
    parley:visitors:<id>   hash: visitor id → VisitorInfo of those connected to it
Channel `parley:cluster`: batches of envelopes (relay/cluster/envelopes.py).

The link never reconnects behind its owner's back: redis-py's own retries are switched off,
since a subscription silently renewed after a drop would hide the messages lost in between
(the failure Chatwoot's users reported most). A failure of any call ends the connection;
the owner hears `lost`, then `connected` once a new one is subscribed, and resynchronises
from the store in between.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import msgspec
import redis.asyncio as redis
from redis.asyncio.client import PubSub
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from relay.cluster import envelopes
from relay.cluster.envelopes import Envelope, PresenceChanged
from relay.core.urls import without_password
from relay.live.presence import Elsewhere
from shared_protocol import frames

log = logging.getLogger("parley.cluster")

CHANNEL = "parley:cluster"
CONNECT_TIMEOUT_SECONDS = 2.0
COMMAND_TIMEOUT_SECONDS = 5.0
RETRY_SECONDS = (0.2, 0.5, 1.0, 2.0)  # waits before reconnecting, the last one repeated
_presence_decoder = msgspec.msgpack.Decoder(frames.AgentPresenceInfo)
_visitor_decoder = msgspec.msgpack.Decoder(frames.VisitorInfo)


def relay_key(relay: str) -> str:
    return f"parley:relay:{relay}"


def agents_key(relay: str) -> str:
    return f"parley:agents:{relay}"


def visitors_key(relay: str) -> str:
    return f"parley:visitors:{relay}"


@dataclass
class LinkEvents:
    """What the link tells its owner (relay/cluster/broker.py)."""

    batch: Callable[[envelopes.Batch], None]  # another relay's batch, in order
    connected: Callable[[], Awaitable[None]]  # subscribed (again): resynchronise
    lost: Callable[[], None]  # the connection failed: nothing arrives until `connected`
    relays_alive: Callable[[set[str]], None] = field(default=lambda alive: None)


class RedisLink:
    def __init__(
        self, url: str, relay: str, events: LinkEvents, *, heartbeat_seconds: float
    ) -> None:
        self.url = url
        self.relay = relay
        self.connected = False
        self.heartbeat_seconds = heartbeat_seconds
        # How long the keys of a relay outlive its last heartbeat: two beats, so that one
        # late beat does not make it look gone.
        self.expiry_seconds = max(1, round(heartbeat_seconds * 2))
        self._events = events
        self._client: redis.Redis | None = None
        self._pending: list[Envelope] = []
        self._outgoing: asyncio.Queue[list[Envelope]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    # ------------------------------------------------------------ life cycle

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="cluster-link")

    async def stop(self, farewell: Envelope) -> None:
        """Say `farewell` and remove this relay's keys (when connected), then disconnect."""
        client = self._client
        if client is not None and self.connected:
            with contextlib.suppress(RedisError, OSError, TimeoutError):
                async with asyncio.timeout(COMMAND_TIMEOUT_SECONDS):
                    async with client.pipeline(transaction=False) as pipe:
                        pipe.delete(
                            relay_key(self.relay), agents_key(self.relay), visitors_key(self.relay)
                        )
                        pipe.publish(CHANNEL, envelopes.encode(self.relay, [farewell]))
                        await pipe.execute()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                # Bounded: a relay that is stopping must stop, whatever redis-py does.
                await asyncio.wait_for(asyncio.shield(self._task), COMMAND_TIMEOUT_SECONDS)
            self._task = None

    # ------------------------------------------------------------ sending

    def send(self, envelope: Envelope) -> None:
        """Publish at the end of this turn of the event loop, with whatever else was sent
        in it, in order. Dropped while disconnected (the others resynchronise)."""
        if not self.connected:
            return
        if not self._pending:
            asyncio.get_running_loop().call_soon(self._flush)
        self._pending.append(envelope)

    def _flush(self) -> None:
        if self._pending:
            self._outgoing.put_nowait(self._pending)
            self._pending = []

    # ------------------------------------------------------------ reading others' keys

    async def alive(self) -> set[str]:
        """The relays whose heartbeat has not expired, this one included."""
        client = self._connected_client()
        prefix = relay_key("")
        return {
            key.decode().removeprefix(prefix)
            async for key in client.scan_iter(match=prefix + "*", count=1000)
        }

    async def presence_of(self, relay: str) -> Elsewhere:
        """Who another relay has connected, from its keys."""
        client = self._connected_client()
        async with client.pipeline(transaction=False) as pipe:
            pipe.hgetall(agents_key(relay))
            pipe.hgetall(visitors_key(relay))
            agents, visitors = await pipe.execute()
        return Elsewhere(
            agents={int(k): _presence_decoder.decode(v) for k, v in agents.items()},
            visitors={int(k): _visitor_decoder.decode(v) for k, v in visitors.items()},
        )

    def _connected_client(self) -> redis.Redis:
        if self._client is None or not self.connected:
            raise ConnectionError("not connected to the broker")
        return self._client

    # ------------------------------------------------------------ the connection

    async def _run(self) -> None:
        attempt = 0
        while True:
            client = redis.Redis.from_url(
                self.url,
                socket_connect_timeout=CONNECT_TIMEOUT_SECONDS,
                socket_timeout=COMMAND_TIMEOUT_SECONDS,
                retry=Retry(NoBackoff(), 0),
            )
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(CHANNEL)
                self._client = client
                await self._beat(client)
                self.connected = True
                attempt = 0
                log.info("event=broker_connected relay=%s", self.relay)
                await self._events.connected()
                async with asyncio.TaskGroup() as running:
                    running.create_task(self._read(pubsub))
                    running.create_task(self._write(client))
                    running.create_task(self._heartbeats(client))
            except* (RedisError, OSError, TimeoutError) as failure:
                was_connected, self.connected = self.connected, False
                self._pending.clear()
                while not self._outgoing.empty():
                    self._outgoing.get_nowait()
                if was_connected:
                    log.warning(
                        "event=broker_lost relay=%s error=%r", self.relay, failure.exceptions[0]
                    )
                    self._events.lost()
                elif attempt == 0:
                    log.warning(
                        "event=broker_unreachable url=%s error=%r",
                        without_password(self.url),
                        failure.exceptions[0],
                    )
            finally:
                self.connected = False
                self._client = None
                with contextlib.suppress(RedisError, OSError):
                    await pubsub.aclose()
                await client.aclose()
            await asyncio.sleep(RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)])
            attempt += 1

    async def _read(self, pubsub: PubSub) -> None:
        while _not_cancelled():
            message = await pubsub.get_message(timeout=self.heartbeat_seconds)
            if message is None or message.get("type") != "message":
                continue
            data = message["data"]
            if envelopes.origin_of(data) == self.relay:
                continue  # its own, back from Redis
            try:
                batch = envelopes.decode(data)
            except msgspec.DecodeError:
                log.warning("event=broker_message_unreadable bytes=%d", len(data))
                continue
            self._events.batch(batch)

    async def _write(self, client: redis.Redis) -> None:
        while _not_cancelled():
            batches = [await self._outgoing.get()]
            while not self._outgoing.empty():
                batches.append(self._outgoing.get_nowait())
            async with client.pipeline(transaction=False) as pipe:
                for batch in batches:
                    for envelope in batch:
                        if isinstance(envelope, PresenceChanged):
                            self._store_presence(pipe, envelope)
                    pipe.publish(CHANNEL, envelopes.encode(self.relay, batch))
                await pipe.execute()

    def _store_presence(self, pipe: redis.client.Pipeline, change: PresenceChanged) -> None:
        """Keep this relay's keys as its PresenceChanged says, for relays that start later
        or resynchronise."""
        for key, changed in (
            (agents_key(self.relay), change.agents),
            (visitors_key(self.relay), change.visitors),
        ):
            if change.whole:
                pipe.delete(key)
            present = {str(k): msgspec.msgpack.encode(v) for k, v in changed.items() if v}
            gone = [str(k) for k, v in changed.items() if v is None]
            if present:
                pipe.hset(key, mapping=present)  # type: ignore[arg-type]
            if gone:
                pipe.hdel(key, *gone)
            pipe.expire(key, self.expiry_seconds)

    async def _heartbeats(self, client: redis.Redis) -> None:
        while _not_cancelled():
            await asyncio.sleep(self.heartbeat_seconds)
            await self._beat(client)
            self._events.relays_alive(await self.alive())

    async def _beat(self, client: redis.Redis) -> None:
        async with client.pipeline(transaction=False) as pipe:
            pipe.set(relay_key(self.relay), "1", ex=self.expiry_seconds)
            pipe.expire(agents_key(self.relay), self.expiry_seconds)
            pipe.expire(visitors_key(self.relay), self.expiry_seconds)
            await pipe.execute()


def _not_cancelled() -> bool:
    """True, or CancelledError when this task was asked to stop. redis-py swallows a
    cancellation that comes while it tears a connection down (it waits for the teardown
    instead, then returns), and a loop that went on would keep its TaskGroup, and the
    relay's shutdown, waiting for ever: seen as relays that never exited after SIGTERM."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError
    return True
