"""The broker of a relay in a cluster: publishes to its own connections and, through Redis,
to every other relay's; keeps the cluster's presence and open conversations current here.

What crosses Redis (relay/cluster/envelopes.py):
- a frame for an audience, encoded once per kind of client (typing previews, presence,
  conversation updates, visitor lists): each relay delivers it to its own connections;
- for a chat message only a bell, {conversation, seq}: the message is committed in the
  store before it rings, and each relay reads from the store what its clients have not
  had, so Redis is never trusted with a message. Per conversation a relay remembers how
  far it has delivered without a gap (and what it delivered beyond, its own clients'
  messages among them), so a lost bell is made good by the next one or by a resync;
- that a conversation's record changed (read it again), who connected or left, and
  which sessions were revoked.

Envelopes are handled in the order they came (one task), so that a frame never overtakes
a message rung before it; bells that came in a row are read with one query. When the link
to Redis fails the relay keeps serving its own clients and /healthz says "degraded"; once
it is back, the relay says who it has, rereads who the others have, and resynchronises
every open conversation from the store: changed records, closed ones and missed
messages, told to its own clients.

A relay that dies stops counting: its heartbeat key expires, and the others forget its
agents and visitors (telling their own clients) once they have not heard of it for as
long as the key lives.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from relay.cluster.envelopes import (
    Batch,
    Bell,
    ConversationChanged,
    Delivery,
    Envelope,
    Leaving,
    PresenceChanged,
    Revoke,
)
from relay.cluster.redis_link import LinkEvents, RedisLink
from relay.live.audiences import Audience, ToAgents, ToParties, parties
from relay.live.batching import publish_visitor_changes
from relay.live.broker import LocalBroker, reaches
from relay.live.connections import Connection
from relay.live.open_conversations import OpenConversations
from relay.live.presence import Elsewhere, Presence
from relay.store import Store, StoreError
from relay.store.records import Conversation, Visibility
from relay.wire import chat_message
from shared_protocol import codec, frames
from shared_protocol.frames import AgentStatus

log = logging.getLogger("parley.cluster")
T = TypeVar("T")

# Messages read per conversation and store call when catching up.
CATCH_UP_PAGE = 200
# How soon what could not be read (the store was unavailable) is tried again.
RETRY_SECONDS = 1.0
# How long a closed conversation's delivered mark is kept: bells of messages stored just
# before the close may still come, and must not deliver the conversation from its start.
CLOSED_KEPT_SECONDS = 60.0


@dataclass(slots=True)
class _Delivered:
    """How far this relay's clients have a conversation's messages."""

    through: int  # every seq up to here was delivered (or never concerned them)
    beyond: set[int] = field(default_factory=set)  # and these above it

    def add(self, seq: int) -> None:
        if seq > self.through:
            self.beyond.add(seq)
            self._close_gaps()

    def has(self, seq: int) -> bool:
        return seq <= self.through or seq in self.beyond

    def skip_to(self, seq: int) -> None:
        """Everything up to `seq` is as delivered (read through it, or nobody here)."""
        if seq > self.through:
            self.through = seq
            self.beyond = {s for s in self.beyond if s > seq}
            self._close_gaps()

    def _close_gaps(self) -> None:
        while self.through + 1 in self.beyond:
            self.through += 1
            self.beyond.discard(self.through)


@dataclass
class ClusterHooks:
    """What the relay's features do when the cluster changes something here (set by the
    composition root, relay/app.py, so that this layer imports no feature)."""

    # Whether any agent is Online changed for this relay's visitors (argument: before).
    agents_online_changed: Callable[[bool], None] = field(default=lambda before: None)
    # A conversation's record changed on another relay and was read again here.
    conversation_changed: Callable[[Conversation], None] = field(default=lambda c: None)


class ClusterBroker:
    def __init__(
        self,
        url: str,
        relay: str,
        *,
        presence: Presence,
        conversations: OpenConversations,
        store: Store,
        heartbeat_seconds: float,
    ) -> None:
        self.relay = relay
        self.hooks = ClusterHooks()
        self._local = LocalBroker(presence)
        self._presence = presence
        self._conversations = conversations
        self._store = store
        self._delivered: dict[int, _Delivered] = {}
        self._inbox: asyncio.Queue[tuple[str, Envelope | _Resync]] = asyncio.Queue()
        # What failed for want of the store, to be handled again (each once).
        self._again: dict[Envelope | _Resync, str] = {}
        self._closed: dict[int, float] = {}  # conversation id → when it was seen closed
        self._heard: dict[str, float] = {}  # relay → when it was last heard of (monotonic)
        self._was_lost = False
        self._link = RedisLink(
            url,
            relay,
            LinkEvents(
                batch=self._received,
                connected=self._connected,
                lost=self._lost,
                relays_alive=self._relays_alive,
            ),
            heartbeat_seconds=heartbeat_seconds,
        )
        self._tasks: list[asyncio.Task[None]] = []
        presence.share_changes()
        presence.agent_changed = self._share_presence_soon
        conversations.changed = self._conversation_changed_here
        self._sharing_soon = False

    @property
    def connected(self) -> bool:
        return self._link.connected

    def relays(self) -> int:
        """How many relays this one knows of, itself included."""
        return 1 + len(self._presence.relays_elsewhere())

    def start(self, delivered: dict[int, int]) -> None:
        """Start linking; `delivered`: each open conversation's newest seq, which its
        clients here have (they fetch what they missed when they connect)."""
        for conversation_id, seq in delivered.items():
            self._delivered[conversation_id] = _Delivered(seq)
        self._link.start()
        self._tasks = [
            asyncio.create_task(self._consume(), name="cluster-inbox"),
            asyncio.create_task(self._retry(), name="cluster-retry"),
        ]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._link.stop(farewell=Leaving())

    # ------------------------------------------------------------ Broker

    def publish(
        self,
        audience: Audience,
        frame: frames.Frame,
        *,
        skip: Connection | None = None,
        here_only: bool = False,
    ) -> None:
        if here_only:
            self._local.publish(audience, frame, skip=skip)
            return
        if isinstance(frame, frames.Message) and isinstance(audience, ToParties):
            message = frame.message
            delivered = self._delivered_at(message.conversation)
            delivered.add(message.seq)
            self._local.publish(audience, frame, skip=skip)
            bell = Bell(message.conversation, message.seq, audience.visitor, audience.visitor_too)
            if delivered.through < message.seq:
                # Messages before it were stored through other relays whose bells have not
                # come (or never will: a relay killed between its commit and its bell).
                self._inbox.put_nowait((self.relay, bell))
            self._link.send(bell)
            return
        to_visitors, to_agents = reaches(audience)
        for_visitors = codec.visitor_relay_side.encode(frame) if to_visitors else None
        for_agents = codec.agent_relay_side.encode(frame) if to_agents else None
        self._local.deliver(audience, for_visitors, for_agents, skip=skip)
        self._link.send(Delivery(audience, for_visitors, for_agents))

    async def revoke(self, token_hashes: Collection[str]) -> int:
        self._link.send(Revoke(list(token_hashes)))
        return await self._local.revoke(token_hashes)

    def share_presence(self) -> None:
        """Tell the other relays who connected, changed or left here since the last call
        (on the relay's visitor-changes timer, and at once for agents)."""
        self._sharing_soon = False
        agents, visitors = self._presence.take_changes()
        if agents or visitors:
            self._link.send(PresenceChanged(agents, visitors))

    def _share_presence_soon(self) -> None:
        if not self._sharing_soon:
            self._sharing_soon = True
            asyncio.get_running_loop().call_soon(self.share_presence)

    # ------------------------------------------------------------ from the link

    def _received(self, batch: Batch) -> None:
        self._heard[batch.origin] = time.monotonic()
        for envelope in batch.envelopes:
            self._inbox.put_nowait((batch.origin, envelope))

    def _lost(self) -> None:
        self._was_lost = True

    async def _connected(self) -> None:
        """Subscribed (again): say who is here, learn who is elsewhere, and after a loss
        catch up on every open conversation."""
        self._presence.take_changes()  # the whole presence goes out instead
        here = self._presence.here()
        agents: dict[int, frames.AgentPresenceInfo | None] = dict(here.agents)
        visitors: dict[int, frames.VisitorInfo | None] = dict(here.visitors)
        self._link.send(PresenceChanged(agents, visitors, whole=True))
        before = self._presence.agents_online()
        for relay in await self._link.alive() - {self.relay}:
            self._heard[relay] = time.monotonic()
            self._replace_elsewhere(relay, await self._link.presence_of(relay))
        self._tell_agents_online(before)
        if self._was_lost:
            self._was_lost = False
            await self._inbox.put((self.relay, _RESYNC))

    def _relays_alive(self, alive: set[str]) -> None:
        """After each heartbeat: a relay whose key expired (no beat for two heartbeats)
        and that has said nothing for another one is gone. (The extra heartbeat spares
        relays whose keys vanished with a Redis restart and that have not beaten since.)"""
        now = time.monotonic()
        for relay in alive:
            self._heard[relay] = now
        quiet_for = self._link.heartbeat_seconds
        for relay in self._presence.relays_elsewhere():
            if relay not in alive and now - self._heard.get(relay, 0) > quiet_for:
                self._forget(relay, why="gone")

    # ------------------------------------------------------------ handling, in order

    async def _consume(self) -> None:
        """Whatever has come, in order; bells that came one after another are read
        together (one query for all their conversations)."""
        while True:
            arrived = [await self._inbox.get()]
            while not self._inbox.empty():
                arrived.append(self._inbox.get_nowait())
            for origin, envelopes in _runs(arrived):
                try:
                    if isinstance(envelopes[0], Bell):
                        await self._ring([e for e in envelopes if isinstance(e, Bell)])
                    elif isinstance(envelopes[0], ConversationChanged):
                        changed = [e for e in envelopes if isinstance(e, ConversationChanged)]
                        await self._reread(dict.fromkeys(e.conversation for e in changed))
                    else:
                        await self._handle(origin, envelopes[0])
                except StoreError:
                    # The store is unavailable: read it again in a moment (a bell that is
                    # not followed by another would leave its message undelivered).
                    for envelope in envelopes:
                        self._again.setdefault(envelope, origin)
                except Exception:
                    kind = type(envelopes[0]).__name__
                    log.exception("event=cluster_envelope_failed kind=%s", kind)

    async def _retry(self) -> None:
        """Every second: what failed for want of the store is queued again, and the
        delivered marks of conversations closed a while ago are forgotten."""
        while True:
            await asyncio.sleep(RETRY_SECONDS)
            again, self._again = self._again, {}
            for envelope, origin in again.items():
                self._inbox.put_nowait((origin, envelope))
            long_ago = time.monotonic() - CLOSED_KEPT_SECONDS
            for conversation_id, closed_at in list(self._closed.items()):
                if closed_at < long_ago:
                    del self._closed[conversation_id]
                    self._delivered.pop(conversation_id, None)

    async def _handle(self, origin: str, envelope: Envelope | _Resync) -> None:
        match envelope:
            case Delivery(audience, for_visitors, for_agents):
                self._local.deliver(audience, for_visitors, for_agents)
            case PresenceChanged(agents, visitors, whole):
                before = self._presence.agents_online()
                if whole and origin in self._presence.relays_elsewhere() and not self._was_lost:
                    # Known, and back without having said it was leaving: it restarted
                    # after a crash (or lost Redis for a moment).
                    log.warning("event=relay_rejoined relay=%s", origin)
                if whole:
                    self._replace_elsewhere(origin, Elsewhere(
                        agents={k: v for k, v in agents.items() if v},
                        visitors={k: v for k, v in visitors.items() if v},
                    ))  # fmt: skip
                else:
                    there = self._presence.elsewhere(origin)
                    _apply(there.agents, agents)
                    _apply(there.visitors, visitors)
                self._tell_agents_online(before)
            case Revoke(token_hashes):
                await self._local.revoke(token_hashes)
            case Leaving():
                self._forget(origin, why="left")
            case _Resync():
                await self._resync()

    async def _reread(self, conversation_ids: Iterable[int]) -> None:
        """Conversations changed through another relay (each once, however many changes
        came in a row: read marks come in bursts)."""
        for conversation_id in conversation_ids:
            fresh = await self._store.get_conversation(conversation_id)
            if fresh is not None:
                await self._refresh(fresh)

    async def _ring(self, bells: list[Bell]) -> None:
        """Messages were stored: the parties here get what they have not had of those
        conversations. None here (no agent, not the visitor): nothing is read, and they
        fetch what they need when they connect."""
        visitors: dict[int, int] = {}  # conversation → its visitor, for those to read
        for bell in bells:
            delivered = self._delivered_at(bell.conversation)
            if delivered.through >= bell.seq:
                continue
            if self._local.reaches_anyone(self._parties(bell.conversation, bell.visitor)):
                visitors[bell.conversation] = bell.visitor
            else:
                delivered.skip_to(bell.seq)
                self._conversations.note_stored(bell.conversation, bell.seq)
        await self._catch_up(visitors)

    async def _catch_up(self, visitors: dict[int, int]) -> None:
        """Deliver to the parties here what the store has of these conversations (id →
        its visitor) beyond what they had, in order, reading all of them at once."""
        while visitors:
            after = {c: self._delivered_at(c).through for c in visitors}
            pages = await self._store.messages_after_each(
                after, CATCH_UP_PAGE, include_internal=True
            )
            for conversation_id, page in pages.items():
                delivered = self._delivered_at(conversation_id)
                visitor = visitors[conversation_id]
                for stored in page:
                    if not delivered.has(stored.seq):
                        delivered.add(stored.seq)
                        message = chat_message(stored)
                        self._conversations.note_message(message)
                        public = stored.visibility is Visibility.PUBLIC
                        audience = self._parties(conversation_id, visitor, visitor_too=public)
                        self._local.publish(audience, frames.Message(message=message))
                delivered.skip_to(page[-1].seq)  # read through here: nothing is missing
            visitors = {c: visitors[c] for c, page in pages.items() if len(page) == CATCH_UP_PAGE}

    def _parties(
        self, conversation_id: int, visitor: int, *, visitor_too: bool = True
    ) -> ToParties:
        known = self._conversations.get(conversation_id)
        if known is None:
            return ToParties(visitor, visitor_too)
        return parties(known, visitor_too=visitor_too)

    async def _refresh(self, fresh: Conversation) -> None:
        """The conversation as the store has it now, kept here and told to the hooks."""
        newest = await self._store.last_messages([fresh.id], include_internal=True)
        last = newest.get(fresh.id)
        self._conversations.refresh(fresh, None if last is None else chat_message(last))
        if fresh.status is frames.ConversationStatus.CLOSED:
            self._closed.setdefault(fresh.id, time.monotonic())
        self.hooks.conversation_changed(fresh)

    async def _resync(self) -> None:
        """After the link was lost: every open conversation as the store has it, and the
        messages the clients here missed; agents here are told what changed."""
        unclosed = {c.id: c for c in await self._store.unclosed_conversations()}
        known = self._conversations.ids()
        for conversation_id in known - unclosed.keys():
            closed = await self._store.get_conversation(conversation_id)
            if closed is not None:
                await self._refresh(closed)
                self._tell_agents(closed)
        for conversation in unclosed.values():
            before = self._conversations.get(conversation.id)
            if before != conversation:
                await self._refresh(conversation)
                self._tell_agents(conversation)
        await self._catch_up({c.id: c.visitor_id for c in unclosed.values()})
        log.info("event=cluster_resynchronised conversations=%d", len(unclosed))

    def _tell_agents(self, conversation: Conversation) -> None:
        info = self._conversations.info(conversation)
        audience = parties(conversation, visitor_too=False)
        self._local.publish(audience, frames.ConversationUpdated(conversation=info))

    # ------------------------------------------------------------ presence elsewhere

    def _replace_elsewhere(self, relay: str, now_there: Elsewhere) -> None:
        """What a relay has now replaces what was kept of it; agents here hear the
        difference (which they missed while the link was down)."""
        before = self._presence.forget_relay(relay)
        there = self._presence.elsewhere(relay)
        there.agents.update(now_there.agents)
        there.visitors.update(now_there.visitors)
        self._tell_departures(before, now_there)
        arrived = [v for k, v in now_there.visitors.items() if k not in before.visitors]
        if arrived:
            publish_visitor_changes(self._local, arrived, [])
        for agent_id, info in now_there.agents.items():
            if before.agents.get(agent_id) != info:
                self._local.publish(ToAgents(), frames.AgentPresence(agent=info))

    def _forget(self, relay: str, *, why: str) -> None:
        """A relay shut down ("left") or went silent ("gone": it died, or lost Redis for
        longer than its keys live): its agents and visitors are gone (unless connected
        elsewhere too); the clients here are told."""
        before_online = self._presence.agents_online()
        gone = self._presence.forget_relay(relay)
        self._heard.pop(relay, None)
        log.log(
            logging.INFO if why == "left" else logging.WARNING,
            "event=relay_%s relay=%s agents=%d visitors=%d",
            why,
            relay,
            len(gone.agents),
            len(gone.visitors),
        )
        self._tell_departures(gone, Elsewhere())
        self._tell_agents_online(before_online)

    def _tell_departures(self, before: Elsewhere, after: Elsewhere) -> None:
        """Agents here hear of the visitors and agents of `before` missing from `after`
        and connected nowhere else (arrivals they heard of from the other relay)."""
        presence = self._presence
        left = [
            visitor_id
            for visitor_id in before.visitors.keys() - after.visitors.keys()
            if not presence.is_visitor_online(visitor_id)
        ]
        if left:
            publish_visitor_changes(self._local, [], left)
        for agent_id, info in before.agents.items():
            if agent_id not in after.agents and presence.status_of(agent_id) is AgentStatus.OFFLINE:
                offline = frames.AgentPresenceInfo(
                    agent=agent_id, display_name=info.display_name, status=AgentStatus.OFFLINE
                )
                self._local.publish(ToAgents(), frames.AgentPresence(agent=offline))

    def _tell_agents_online(self, before: bool) -> None:
        if self._presence.agents_online() != before:
            self.hooks.agents_online_changed(before)

    # ------------------------------------------------------------ conversations here

    def _conversation_changed_here(self, conversation_id: int) -> None:
        if self._conversations.get(conversation_id) is None:  # closed here
            self._closed.setdefault(conversation_id, time.monotonic())
        self._link.send(ConversationChanged(conversation_id))

    def _delivered_at(self, conversation_id: int) -> _Delivered:
        delivered = self._delivered.get(conversation_id)
        if delivered is None:
            delivered = self._delivered[conversation_id] = _Delivered(0)
        return delivered


class _Resync:
    """Queued behind what arrived before the loss, so that it runs after it (one object:
    a resync waiting to be tried again is not queued twice)."""


_RESYNC = _Resync()


def _runs(
    arrived: list[tuple[str, Envelope | _Resync]],
) -> list[tuple[str, list[Envelope | _Resync]]]:
    """What arrived, in order, as runs to handle: bells that follow one another make one
    run (whatever relay rang them), and so do conversation changes; anything else is a run
    of its own."""
    runs: list[tuple[str, list[Envelope | _Resync]]] = []
    for origin, envelope in arrived:
        grouped = isinstance(envelope, Bell | ConversationChanged)
        if grouped and runs and type(runs[-1][1][0]) is type(envelope):
            runs[-1][1].append(envelope)
        else:
            runs.append((origin, [envelope]))
    return runs


def _apply(kept: dict[int, T], changes: dict[int, T | None]) -> None:
    for key, value in changes.items():
        if value is None:
            kept.pop(key, None)
        else:
            kept[key] = value
