"""Composition root: opens the store, builds the live layer, starts the server, stops in order."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import signal
import socket
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path

from websockets.asyncio.server import Server

from relay import failures as failure_logs
from relay.cluster.broker import ClusterBroker
from relay.cluster.leader import AdvisoryLock, claim_database
from relay.config import ANY_ADDRESS, RelayConfig
from relay.context import RelayContext
from relay.core import device
from relay.core.origins import normalize_origin
from relay.core.urls import without_password
from relay.core.visits import presence_interval
from relay.features import handover_notes, invitations, routing, team_admin
from relay.features.agent_session import log_throttled_logins
from relay.features.agents import sweep_revoked_sessions, tell_visitors_agents_online
from relay.features.conversations import show_closed
from relay.features.department_watch import DepartmentWatch
from relay.files import FileServer
from relay.geodata import open_locator
from relay.guards import Guards
from relay.server import start_server
from relay.store import DuplicateName, Store, StoreUnavailable, build_store
from relay.store.base import Durability
from relay.store.records import Conversation, PrechatField, SiteSettings
from relay.wire import chat_message
from shared_protocol.frames import ConversationStatus

log = logging.getLogger("parley.relay")

DEMO_SITE_KEY = "demo"
DEMO_ORIGIN_ATTEMPTS = 10
FILE_SWEEP_SECONDS = 3600
# How often the counts of throttled log lines (failures, refused logins) are written.
SUMMARY_SECONDS = 60.0
# How often the relay looks whether its database answers (for /healthz).
DATABASE_CHECK_SECONDS = 5.0
DEMO_SETTINGS = SiteSettings(
    name="Northwind Language School",
    prechat=(PrechatField(field="name"), PrechatField(field="email")),
    reply_hours=12,
)


def database_path(config: RelayConfig) -> Path:
    return config.data_path() / "parley.db"


def open_store(config: RelayConfig, *, serving: bool = False) -> Store:
    """The relay's store; `serving` for the relay that serves clients, which alone keeps
    the database's epoch (admin commands may run beside it)."""
    return build_store(config, serving=serving)


def _own_origins(host: str, port: int) -> list[str]:
    """The origins under which this relay's own /demo pages are reached."""
    hosts = {"127.0.0.1", "localhost"}
    if host in ANY_ADDRESS:
        hosts.add(socket.gethostname())
    else:
        hosts.add(host)
    origins = (normalize_origin(f"http://{h}:{port}") for h in sorted(hosts))
    return [o for o in origins if o]


async def _ensure_demo_site(store: Store, config: RelayConfig, port: int) -> None:
    origins = _own_origins(config.host, port)
    if config.public_url and (public := normalize_origin(config.public_url)):
        origins.append(public)
    site = await store.get_site(DEMO_SITE_KEY)
    if site is None:
        try:
            await store.add_site(DEMO_SITE_KEY, "Demo site", origins, time.time())
            await store.set_site_settings(DEMO_SITE_KEY, DEMO_SETTINGS)
            return
        except DuplicateName:  # another relay of the cluster made it a moment ago
            site = await store.get_site(DEMO_SITE_KEY)
    if not config.clustered():  # alone: its origins (its port may have changed)
        await store.set_site_origins(DEMO_SITE_KEY, origins)
        return
    # Relays of a cluster each serve the demo page on their own port, and add theirs to
    # the others'. Relays starting at once may each write over another's addition: each
    # looks again, and adds its own again until they are there.
    for _ in range(DEMO_ORIGIN_ATTEMPTS):
        known = list(site.origins) if site else []
        if all(o in known for o in origins):
            return
        await store.set_site_origins(DEMO_SITE_KEY, known + [o for o in origins if o not in known])
        await asyncio.sleep(random.uniform(0.02, 0.2))  # not in step with the others
        site = await store.get_site(DEMO_SITE_KEY)


def _schedule_sweeps(ctx: RelayContext, files: FileServer) -> None:
    """The relay's recurring work, on its timers."""

    async def tell_visitor_changes() -> None:
        ctx.visitor_changes.flush()
        if isinstance(ctx.broker, ClusterBroker):
            ctx.broker.share_presence()

    async def note_visitors_present() -> None:
        # Connected visitors are active on their visits. Without this note a visitor
        # reading one page for longer than the visit gap would, after a relay crash (no
        # disconnect recorded), come back as a new visit; so would their second tab.
        try:
            await ctx.store.touch_visits(ctx.presence.visits_online(), ctx.clock())
        except StoreUnavailable:
            log.warning("event=visitor_presence_not_stored")

    async def sweep_files() -> None:
        if not ctx.leadership.leads:  # one relay of a cluster sweeps the files they share
            return
        if deleted := await files.sweep():
            log.info("event=unsent_files_deleted count=%d", deleted)

    async def sweep_sessions() -> None:
        if closed := await sweep_revoked_sessions(ctx):
            log.info("event=revoked_sessions_closed count=%d", closed)
        if followed := await team_admin.follow_changes(ctx):  # the CLI, other relays
            log.info("event=agent_changes_followed count=%d", followed)

    async def check_database() -> None:
        try:
            await ctx.store.ping()
            reachable = True
        except StoreUnavailable:
            reachable = False
        if reachable != ctx.database_reachable:
            ctx.database_reachable = reachable
            if reachable:
                log.info("event=database_reachable")
            else:
                log.warning("event=database_unreachable")

    async def log_summaries() -> None:
        now = ctx.clock()
        failure_logs.failures.flush(now)
        log_throttled_logins(now)

    config, timers = ctx.config, ctx.timers
    timers.every(SUMMARY_SECONDS, "log-summaries", log_summaries)
    timers.every(DATABASE_CHECK_SECONDS, "database-check", check_database)
    timers.every(config.visitor_batch_seconds, "visitor-changes", tell_visitor_changes)
    presence_seconds = presence_interval(config.visit_gap_minutes * 60)
    timers.every(presence_seconds, "visitor-presence", note_visitors_present)
    # (Until a relay of a cluster leads, a few seconds after it starts, the first sweep
    # does nothing; the next is an hour later, like everyone's.)
    timers.every(FILE_SWEEP_SECONDS, "file-sweeper", sweep_files, first_in=0)
    timers.every(config.revocation_check_seconds, "session-sweeper", sweep_sessions)
    # Invitations whose relay stopped before their expiry (the lead relay's work).
    sweep = partial(invitations.expire_overdue, ctx)
    timers.every(invitations.OVERDUE_SWEEP_SECONDS, "invitation-sweeper", sweep)
    # Chats nobody holds, changed through other relays (the lead relay's work).
    ctx.routing = assigner = routing.Assigner(ctx)
    timers.every(routing.ROUTING_SWEEP_SECONDS, "routing-sweeper", assigner.sweep)
    # Departments opening or closing by their hours, or changed elsewhere: agents here hear.
    DepartmentWatch(ctx).start()


class Relay:
    """One relay: start() brings up the store, live layer and server in this order; stop()
    reverses it."""

    def __init__(self, config: RelayConfig) -> None:
        self.config = config
        self.store = open_store(config, serving=True)
        self.ctx = RelayContext(
            config=config,
            store=self.store,
            clock=time.time,
            guards=Guards.from_config(config),
            locator=open_locator(config.geo_path()),
        )
        self.port = 0
        self.files = FileServer(self.ctx)
        self._server: Server | None = None
        self._background: list[asyncio.Task[None]] = []
        # Closing it gives up this relay's claim on a PostgreSQL database (leader.py).
        self._database_claim: Callable[[], Awaitable[None]] | None = None

    async def start(self) -> int:
        """Start everything, or nothing: when a step fails (a port taken, the database
        unreadable), what the earlier steps started is stopped again before the error
        reaches the caller, so that no store thread keeps the process alive."""
        async with contextlib.AsyncExitStack() as started:
            device.prepare()
            await self.store.open()
            started.push_async_callback(self.store.close)
            unclosed = await self.store.unclosed_conversations()
            for conversation in unclosed:
                self.ctx.conversations.track(conversation)
            # One query for every open conversation's newest message, kept up to date by
            # the live copy from then on: login snapshots cost no query per conversation.
            open_ids = [c.id for c in unclosed]
            newest = await self.store.last_messages(open_ids, include_internal=True)
            for message in newest.values():
                self.ctx.conversations.note_message(chat_message(message))
            if self.config.database_url:
                clustered = isinstance(self.ctx.broker, ClusterBroker)
                claim = await claim_database(self.config.database_url, with_broker=clustered)
                self._database_claim = claim.close
                started.push_async_callback(claim.close)
            if isinstance(self.ctx.broker, ClusterBroker):
                await self._join_cluster(self.ctx.broker, unclosed)
                started.push_async_callback(self._leave_cluster)
            self.ctx.files_port = await self.files.start()
            started.push_async_callback(self.files.stop)
            self._server = await start_server(self.ctx)
            started.push_async_callback(self._close_server)
            self.port = next(iter(self._server.sockets)).getsockname()[1]
            if self.config.demo:
                await _ensure_demo_site(self.store, self.config, self.port)
            _schedule_sweeps(self.ctx, self.files)
            self._background = [asyncio.create_task(self.ctx.timers.run(), name="timers")]
            started.pop_all()  # all up: from now on stop() takes it down
        config = self.config
        log.info(
            "event=listening host=%s port=%d data=%s database=%s broker=%s durability=%s "
            "epoch=%s relay=%s",
            config.host,
            self.port,
            config.data_path(),
            without_password(config.database_url) if config.database_url else "sqlite",
            without_password(config.broker_url) if config.broker_url else "none",
            config.durability,
            self.store.epoch,
            self.ctx.relay_id,
        )
        return self.port

    async def _join_cluster(self, broker: ClusterBroker, unclosed: list[Conversation]) -> None:
        ctx = self.ctx

        def conversation_changed(conversation: Conversation) -> None:
            if conversation.status is ConversationStatus.CLOSED:
                show_closed(ctx, conversation)
            handover_notes.recall_soon(ctx, conversation)  # a transfer another relay took

        broker.hooks.agents_online_changed = partial(tell_visitors_agents_online, ctx)
        broker.hooks.conversation_changed = conversation_changed
        broker.start({c.id: c.last_seq for c in unclosed})
        # (A broker needs PostgreSQL: relay.config refuses broker_url without it.)
        lock = AdvisoryLock(
            self.config.database_url,
            ctx.relay_id,
            check_seconds=self.config.cluster_heartbeat_seconds,
        )
        lock.start()
        ctx.leadership = lock

    async def _leave_cluster(self) -> None:
        if isinstance(self.ctx.leadership, AdvisoryLock):
            await self.ctx.leadership.stop()
        if isinstance(self.ctx.broker, ClusterBroker):
            await self.ctx.broker.stop()

    async def _close_server(self) -> None:
        if self._server is not None:
            self._server.close()  # closes every connection with 1001 (going away)
            await self._server.wait_closed()
            self._server = None

    async def stop(self) -> None:
        log.info("event=shutting_down")
        for task in self._background:
            task.cancel()
        await self._close_server()
        await self._leave_cluster()
        if self._database_claim is not None:
            await self._database_claim()
        await self.files.stop()
        if self.ctx.routing is not None:
            await self.ctx.routing.stop()  # no plan may start on a closing store
        await self.store.close()  # the writer commits what was queued before it stops
        self.ctx.guards.passwords.close()
        log.info("event=stopped")


def _say(line: str) -> None:
    print(line, flush=True)  # flushed: supervisors and tests read it from a pipe


async def run_relay(config: RelayConfig, *, announce: Callable[[str], None] = _say) -> None:
    """Run until SIGTERM/SIGINT, then shut down gracefully."""
    relay = Relay(config)
    port = await relay.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)

    shown_host = "127.0.0.1" if config.host in ANY_ADDRESS else config.host
    base = f"http://{shown_host}:{port}"
    announce(f"Parley relay listening on {base}")
    if config.demo:
        announce(f"  demo site:  {base}/demo/")
    announce(f"  agents connect to {base.replace('http', 'ws', 1)}/ws/agent")
    announce(f"  files: http://{shown_host}:{relay.ctx.files_port}/files")
    if config.durability == Durability.FAST:
        announce("  durability: fast (a power cut may lose the last second of messages)")
    if not await relay.store.list_agents():
        # (The database URL may hold a password: not printed, only where it comes from.)
        where = (
            "and this relay's --config (or PARLEY_DATABASE_URL)"
            if config.database_url
            else f"--data-dir {config.data_dir}"
        )
        announce(
            "  no agents yet: create the first one with\n"
            f"    parley-relay agent add admin --role admin {where}"
        )
    await stop.wait()
    await relay.stop()
