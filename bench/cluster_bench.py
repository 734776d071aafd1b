"""Cluster benchmark: relays on PostgreSQL (and Redis) against one relay on SQLite, and two
relays against one, interleaved in the same run.

Every relay runs as its own process (`python -m relay serve`) on 127.0.0.1, with a
throwaway PostgreSQL (tests/helpers/postgres.py, but with fsync ON: the relay's
`durability = "full"` is then real on both back ends) and a throwaway Redis
(tests/helpers/redis_server.py); this process is the load generator. Frame rates are
lifted through PARLEY_* as in bench/relay_bench.py. Each setup gets a fresh database.

Setups (all with durability "full", as shipped; 100 visitors, all on the demo site):
  sqlite   one relay on SQLite, one agent
  pg       one relay on PostgreSQL, no broker (the reference for a lone relay)
  c1       a cluster of one: one relay on PostgreSQL with broker_url set, one agent
  cross    two relays: every visitor on A, the agent on B (each message is rung across
           Redis and read from PostgreSQL by B)
  c1x2     a cluster of one with two agents (two accounts)
  mixed    two relays, each with half the visitors and one of the two agents (every agent
           sees every conversation, so each relay delivers its own visitors' messages
           and reads the other half from the store on the other relay's bells)

Figures:
  saturated  closed loop: each visitor keeps 16 messages on their way and sends the next
             when every agent has received an earlier one; counted are messages that
             reached every agent per second (each one persisted first), and the CPU
             seconds per message of each relay process, of PostgreSQL's processes (the
             postmaster and all its children), of Redis, of this load generator, and
             what the rest of the machine used meanwhile ("others": other people's work)
  steps      open loop: offered loads stepped (500, 1,000 … 16,000 msg/s over 100 visitors,
             until a step is not kept up with) on every setup (c1 and cross with --quick):
             achieved rate, each relay's CPU share and µs per message, visitor→agent
             latency p50/p99; and two setups compared at the same offered load

The projection (what each added relay, on a core of its own, adds) is computed from the
CPU per message (print_projection says how), since on this 2-core machine the relays,
PostgreSQL, Redis and the load generator share two cores and a measured throughput ratio
says more about the machine than about the cluster.

Run:  .venv/bin/python bench/cluster_bench.py           (about 5.5 minutes)
      .venv/bin/python bench/cluster_bench.py --quick   (under 2 minutes)
      .venv/bin/python bench/cluster_bench.py --profile (cross and mixed saturated, c1 at
                                     1,000 msg/s, each relay under cProfile: top costs)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import itertools
import os
import pstats
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import asyncpg
import psutil
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.relay_bench import (  # noqa: E402
    CONNECT_BATCH,
    UNLIMITED,
    message_frame,
    percentile,
    run_bench,
)
from relay.config import RelayConfig  # noqa: E402
from relay.core.credentials import hash_password  # noqa: E402
from relay.store import build_store  # noqa: E402
from shared_protocol import PROTOCOL_VERSION, codec, frames  # noqa: E402
from tests.helpers.postgres import PostgresServer, find_binaries, run_apart  # noqa: E402
from tests.helpers.redis_server import RedisServer  # noqa: E402

AGENTS = ("bench1", "bench2")
PASSWORD = "bench-password"
VISITORS = 100
# Messages on their way per visitor, closed loop: 1,600 in all, under the 2,000 frames a
# relay queues for a slow reader (outbox_frames) before it disconnects the agent. Fewer
# (relay_bench's 8) leave the cross-relay setups waiting on round trips, not on CPU.
WINDOW = 16
TEXT = "Is the weekend class full?"
_LISTENING = re.compile(rb"listening on http://127\.0\.0\.1:(\d+)")

# Goals (issue 13)
SCALING_GOAL = 0.85  # each added relay adds at least this much of one relay's throughput
# A relay in a cluster costs at most this much CPU per message of a lone relay's (each
# relay against the lone one; what all of them spend together is shown beside it).
CPU_GOAL = 1.3
PROMPT_MS = 50.0  # a step is served promptly while its p99 latency stays within this


@dataclass(frozen=True)
class Setup:
    key: str
    label: str
    database: Literal["sqlite", "postgres"]
    broker: bool
    relays: int
    visitors_on: tuple[int, ...]  # visitor i connects to relay visitors_on[i % len(…)]
    agents_on: tuple[int, ...]  # agent AGENTS[k] connects to relay agents_on[k]


SETUPS = (
    Setup("sqlite", "1 relay, SQLite, 1 agent", "sqlite", False, 1, (0,), (0,)),
    Setup("pg", "1 relay, PostgreSQL, no broker, 1 agent", "postgres", False, 1, (0,), (0,)),
    Setup("c1", "cluster of 1 (PG + Redis), 1 agent", "postgres", True, 1, (0,), (0,)),
    Setup("cross", "2 relays: visitors on A, agent on B", "postgres", True, 2, (0,), (1,)),
    Setup("c1x2", "cluster of 1, 2 agents", "postgres", True, 1, (0,), (0, 0)),
    Setup("mixed", "2 relays: half of visitors, 1 agent each", "postgres", True, 2, (0, 1), (0, 1)),
)  # fmt: skip
BY_KEY = {setup.key: setup for setup in SETUPS}


# ---------------------------------------------------------------- servers


class DurablePostgres(PostgresServer):
    """The tests' throwaway server with fsync on, as a production server runs: a commit
    (synchronous_commit on, the relay's durability "full") waits for its WAL sync."""

    def _start_command(self) -> list[str]:
        return [part.replace(" -c fsync=off", "") for part in super()._start_command()]

    def check_fsync(self) -> None:
        async def setting() -> str:
            connection = await asyncpg.connect(self.url("postgres"))
            try:
                return str(await connection.fetchval("SHOW fsync"))
            finally:
                await connection.close()

        if (found := run_apart(setting())) != "on":
            raise RuntimeError(f"PostgreSQL runs with fsync={found}: the helper changed?")


def process_tree_cpu(pid: int) -> float:
    """CPU seconds of a process and all its descendants, those that ended included (as
    long as their parent reaped them, as the postmaster does)."""
    root = psutil.Process(pid)
    times = root.cpu_times()
    total = times.user + times.system + times.children_user + times.children_system
    for child in root.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            child_times = child.cpu_times()
            total += child_times.user + child_times.system
    return float(total)


@dataclass
class Infra:
    """The PostgreSQL and Redis servers of the whole run, and where relays keep files."""

    pg: PostgresServer
    redis: RedisServer
    scratch: Path
    profile_dir: Path | None = None
    _names: Iterator[int] = field(default_factory=itertools.count)

    def pg_cpu(self) -> float:
        postmaster = int((self.pg.data / "postmaster.pid").read_text().split()[0])
        return process_tree_cpu(postmaster)

    def redis_cpu(self) -> float:
        return process_tree_cpu(self.redis_pid)

    @property
    def redis_pid(self) -> int:
        info = subprocess.run(
            ["redis-cli", "-p", str(self.redis.port), "INFO", "server"],
            capture_output=True,
            check=True,
            text=True,
            timeout=5,
        ).stdout
        match = re.search(r"process_id:(\d+)", info)
        assert match, info
        return int(match.group(1))

    def fresh_dir(self, prefix: str) -> Path:
        path = self.scratch / f"{prefix}-{next(self._names)}"
        path.mkdir()
        return path


@contextlib.contextmanager
def servers(scratch: Path) -> Iterator[Infra]:
    pg = DurablePostgres(Path(tempfile.mkdtemp(prefix="parley-bench-pg-")), find_binaries())
    redis = RedisServer()
    try:
        pg.create()
        pg.check_fsync()
        redis.start()
        yield Infra(pg, redis, scratch)
    finally:
        redis.close()
        pg.destroy()


@dataclass
class Relay:
    name: str  # "A", "B"
    process: subprocess.Popen[bytes]
    port: int

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"  # the demo site's origin on this relay

    def cpu_seconds(self) -> float:
        times = psutil.Process(self.process.pid).cpu_times()
        return float(times.user + times.system)

    def profile(self, on: bool) -> None:
        """Switch the profiler of a relay run by bench/profiled_relay.py on or off."""
        self.process.send_signal(signal.SIGUSR1 if on else signal.SIGUSR2)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_relay(
    name: str, data_dir: Path, env: dict[str, str], profile_to: Path | None = None
) -> Relay:
    python = sys.executable
    serve = ["serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", str(data_dir)]
    if profile_to is None:
        command = [python, "-m", "relay", *serve]
    else:
        command = [python, str(ROOT / "bench" / "profiled_relay.py"), str(profile_to), *serve]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **UNLIMITED, "PYTHONPATH": str(ROOT), **env},
        cwd=ROOT,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if match := _LISTENING.search(line):
            # Keep reading its stdout so that it never blocks on a full pipe.
            threading.Thread(target=process.stdout.read, daemon=True).start()
            return Relay(name, process, int(match.group(1)))
    raise RuntimeError(f"relay exited with {process.wait()}")


async def prepare(config: RelayConfig, agents: int) -> None:
    """The bench's agents in the database before any relay starts (the relays make the
    demo site, each adding its own origin)."""
    store = build_store(config)
    await store.open()
    try:
        for name in AGENTS[:agents]:
            await store.add_agent(name, name.title(), "admin", hash_password(PASSWORD), time.time())
    finally:
        await store.close()


@contextlib.asynccontextmanager
async def deployed(setup: Setup, infra: Infra) -> AsyncIterator[list[Relay]]:
    data_dir = infra.fresh_dir(setup.key)  # shared by a cluster's relays, as in tests
    database_url = await infra.pg.fresh_database() if setup.database == "postgres" else ""
    broker_url = infra.redis.url() if setup.broker else ""
    config = RelayConfig(data_dir=str(data_dir), database_url=database_url)
    await prepare(config, len(setup.agents_on))
    env = {"PARLEY_DATABASE_URL": database_url, "PARLEY_BROKER_URL": broker_url}
    relays: list[Relay] = []
    try:
        for index in range(setup.relays):
            name = "AB"[index]
            profile_to = None
            if infra.profile_dir is not None:
                profile_to = infra.profile_dir / f"{setup.key}-{name}.prof"
            relays.append(start_relay(name, data_dir, env, profile_to))
        if setup.broker and setup.relays > 1:
            await asyncio.sleep(1.0)  # the relays hear of each other's presence
        yield relays
    finally:
        for relay in relays:
            relay.stop()
        if database_url:
            await infra.pg.drop_database(database_url)


# ---------------------------------------------------------------- clients


async def open_visitor(relay: Relay) -> ClientConnection:
    ws = await connect(
        f"ws://127.0.0.1:{relay.port}/ws/visitor",
        origin=relay.origin,  # type: ignore[arg-type]
        compression=None,
        max_queue=None,
    )
    hello = frames.Hello(v=PROTOCOL_VERSION, site="demo")
    await ws.send(codec.visitor_relay_side.encode(hello).decode())
    welcome = codec.visitor_client_side.decode(await ws.recv(decode=False))
    assert isinstance(welcome, frames.Welcome), welcome
    return ws


async def open_agent(relay: Relay, user: str) -> ClientConnection:
    ws = await connect(
        f"ws://127.0.0.1:{relay.port}/ws/agent", compression=None, max_queue=None, max_size=2**24
    )
    login = frames.Login(v=PROTOCOL_VERSION, user=user, password=PASSWORD)
    await ws.send(codec.agent_relay_side.encode(login))
    welcome = codec.agent_client_side.decode(await ws.recv(decode=False))
    assert isinstance(welcome, frames.LoginOk), welcome
    return ws


async def open_many(
    count: int, opener: Callable[[int], Awaitable[ClientConnection]]
) -> list[ClientConnection]:
    opened: list[ClientConnection] = []
    while len(opened) < count:
        batch = range(len(opened), min(len(opened) + CONNECT_BATCH, count))
        opened += await asyncio.gather(*(opener(i) for i in batch))
    return opened


async def _discard(ws: ClientConnection) -> None:
    with contextlib.suppress(Exception):
        async for _ in ws:
            pass


@dataclass
class Clients:
    visitors: list[ClientConnection]
    agents: list[ClientConnection]
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        everyone = self.visitors + self.agents
        for start in range(0, len(everyone), CONNECT_BATCH):
            batch = everyone[start : start + CONNECT_BATCH]
            await asyncio.gather(*(ws.close() for ws in batch), return_exceptions=True)


async def connect_clients(setup: Setup, relays: list[Relay]) -> Clients:
    agents = [await open_agent(relays[r], AGENTS[k]) for k, r in enumerate(setup.agents_on)]
    on = setup.visitors_on
    visitors = await open_many(VISITORS, lambda i: open_visitor(relays[on[i % len(on)]]))
    clients = Clients(visitors, agents)
    clients.tasks += [asyncio.create_task(_discard(ws)) for ws in visitors]  # acks
    return clients


# ---------------------------------------------------------------- measuring


@dataclass
class Reading:
    at: float
    relays: list[float]
    pg: float
    redis: float
    load: float
    machine: float  # CPU seconds of every process on the machine


def machine_cpu() -> float:
    times = psutil.cpu_times()
    return float(sum(times) - times.idle - getattr(times, "iowait", 0.0))


def read_meters(relays: list[Relay], infra: Infra) -> Reading:
    own = psutil.Process().cpu_times()
    return Reading(
        time.perf_counter(),
        [relay.cpu_seconds() for relay in relays],
        infra.pg_cpu(),
        infra.redis_cpu(),
        float(own.user + own.system),
        machine_cpu(),
    )


@dataclass
class Sample:
    """One measured window: messages that reached every agent, and CPU seconds spent."""

    messages: int
    seconds: float
    relays: list[float]
    pg: float
    redis: float
    load: float
    others: float  # CPU seconds of everything else on the machine (other people's work)

    @classmethod
    def between(cls, before: Reading, after: Reading, messages: int) -> Sample:
        relays = [b - a for a, b in zip(before.relays, after.relays, strict=True)]
        pg, redis = after.pg - before.pg, after.redis - before.redis
        load = after.load - before.load
        measured = sum(relays) + pg + redis + load
        return cls(
            messages,
            after.at - before.at,
            relays,
            pg,
            redis,
            load,
            max(0.0, after.machine - before.machine - measured),
        )

    @property
    def rate(self) -> float:
        return self.messages / self.seconds

    def per_message(self, cpu: float) -> float:
        """µs of CPU per message."""
        return cpu / max(1, self.messages) * 1e6

    @property
    def relay_us(self) -> list[float]:
        return [self.per_message(cpu) for cpu in self.relays]

    @property
    def relays_us(self) -> float:
        return self.per_message(sum(self.relays))

    @property
    def shares(self) -> list[float]:
        return [cpu / self.seconds for cpu in self.relays]


class Deliveries:
    """Counts messages once every agent has received them, per visitor and in all."""

    def __init__(self, agents: int, on_complete: Callable[[str, str], None]) -> None:
        self._agents = agents
        self._left: dict[str, int] = {}
        self._on_complete = on_complete
        self.complete = 0
        self.lost_agent = False  # an agent's connection ended (a relay gave up on it)
        self._waiting: tuple[int, asyncio.Event] | None = None

    async def reach(self, count: int) -> None:
        """Until `count` messages have reached every agent."""
        if self.complete < count:
            self._waiting = (count, asyncio.Event())
            await self._waiting[1].wait()
            self._waiting = None

    async def read(self, ws: ClientConnection) -> None:
        decode = codec.agent_client_side.decode
        with contextlib.suppress(Exception):
            async for data in ws:
                frame = decode(data)
                if isinstance(frame, frames.Message):
                    self._arrived(frame.message.id, frame.message.text)
        self.lost_agent = True

    def _arrived(self, message_id: str, text: str) -> None:
        left = self._left.pop(message_id, self._agents) - 1
        if left:
            self._left[message_id] = left
            return
        self.complete += 1
        self._on_complete(message_id, text)
        if self._waiting is not None and self.complete >= self._waiting[0]:
            self._waiting[1].set()


async def saturate(
    setup: Setup, relays: list[Relay], infra: Infra, warmup: float, seconds: float
) -> Sample:
    """Closed loop: each visitor keeps WINDOW messages on their way; the next goes when
    every agent has one of its earlier ones."""
    clients = await connect_clients(setup, relays)
    credits = [asyncio.Semaphore(WINDOW) for _ in clients.visitors]

    def completed(message_id: str, text: str) -> None:
        credits[int(message_id.split("-", 1)[0])].release()

    deliveries = Deliveries(len(clients.agents), completed)
    clients.tasks += [asyncio.create_task(deliveries.read(ws)) for ws in clients.agents]

    async def visitor(index: int, ws: ClientConnection) -> None:
        for n in itertools.count():
            await credits[index].acquire()
            await ws.send(message_frame(index, n, TEXT))

    clients.tasks += [asyncio.create_task(visitor(i, ws)) for i, ws in enumerate(clients.visitors)]
    profiling = infra.profile_dir is not None
    try:
        await asyncio.sleep(warmup)
        for relay in relays if profiling else []:
            relay.profile(True)
        before, count = read_meters(relays, infra), deliveries.complete
        await asyncio.sleep(seconds)
        after = read_meters(relays, infra)
        for relay in relays if profiling else []:
            relay.profile(False)
        return Sample.between(before, after, deliveries.complete - count)
    finally:
        await clients.close()


@dataclass
class Step:
    offered: float
    sample: Sample
    latencies: list[float]  # ms, visitor send → every agent's receipt, each agent counted
    backlog: int  # messages sent in the window that had not reached every agent 10 s later

    @property
    def p50(self) -> float:
        return percentile(self.latencies, 0.5) if self.latencies else float("nan")

    @property
    def p99(self) -> float:
        return percentile(self.latencies, 0.99) if self.latencies else float("nan")

    @property
    def saturated(self) -> bool:
        """The relays did not keep up (or one of them used a whole core)."""
        return (
            self.sample.rate < 0.95 * self.offered
            or self.backlog > 0
            or max(self.sample.shares) >= 0.9
        )


async def stepped(
    setup: Setup,
    relays: list[Relay],
    infra: Infra,
    rates: tuple[float, ...],
    warmup: float,
    seconds: float,
) -> list[Step]:
    """Open loop at each offered rate in turn (the same connections), paced over the
    visitors; after each step, the backlog is let drain before the next."""
    clients = await connect_clients(setup, relays)
    latencies: list[float] = []
    measuring = False

    def completed(message_id: str, text: str) -> None:
        if measuring:
            latencies.append((time.perf_counter() - float(text.split("@", 1)[1])) * 1000)

    deliveries = Deliveries(len(clients.agents), completed)
    clients.tasks += [asyncio.create_task(deliveries.read(ws)) for ws in clients.agents]
    sent = 0
    steps: list[Step] = []

    async def paced(index: int, ws: ClientConnection, interval: float, first: int) -> None:
        nonlocal sent
        next_send = time.perf_counter() + interval * index / len(clients.visitors)
        for n in itertools.count(first):  # ids never repeat: a repeated one is a resend
            await asyncio.sleep(max(0.0, next_send - time.perf_counter()))
            await ws.send(message_frame(index, n, f"paced@{time.perf_counter():.9f}"))
            sent += 1
            next_send += interval

    try:
        for number, rate in enumerate(rates):
            interval = len(clients.visitors) / rate
            senders = [
                asyncio.create_task(paced(i, ws, interval, number * 1_000_000))
                for i, ws in enumerate(clients.visitors)
            ]
            await asyncio.sleep(warmup)
            latencies.clear()
            measuring = True
            for relay in relays if infra.profile_dir is not None else []:
                relay.profile(True)
            before, count = read_meters(relays, infra), deliveries.complete
            await asyncio.sleep(seconds)
            after = read_meters(relays, infra)
            for relay in relays if infra.profile_dir is not None else []:
                relay.profile(False)
            measuring = False
            sample = Sample.between(before, after, deliveries.complete - count)
            for task in senders:
                task.cancel()
            await asyncio.gather(*senders, return_exceptions=True)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(10):
                    await deliveries.reach(sent)
            step = Step(rate, sample, list(latencies), sent - deliveries.complete)
            steps.append(step)
            if deliveries.lost_agent:
                print(f"  {setup.key}: an agent was disconnected at {rate:,.0f} msg/s", flush=True)
            if deliveries.lost_agent or step.saturated:
                break  # bounded: no step beyond the first one the relays could not keep up with
            await asyncio.sleep(0.3)
    finally:
        await clients.close()
    return steps


# ---------------------------------------------------------------- reporting


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class Figures:
    """A setup's medians over its rounds."""

    rate: float
    relay_us: list[float]
    relays_us: float
    shares: list[float]
    pg_us: float
    redis_us: float
    load_us: float
    load_share: float
    others_share: float  # other processes on the machine, share of a core

    @classmethod
    def of(cls, samples: list[Sample]) -> Figures:
        relays = len(samples[0].relays)
        return cls(
            med([s.rate for s in samples]),
            [med([s.relay_us[i] for s in samples]) for i in range(relays)],
            med([s.relays_us for s in samples]),
            [med([s.shares[i] for s in samples]) for i in range(relays)],
            med([s.per_message(s.pg) for s in samples]),
            med([s.per_message(s.redis) for s in samples]),
            med([s.per_message(s.load) for s in samples]),
            med([s.load / s.seconds for s in samples]),
            med([s.others / s.seconds for s in samples]),
        )


def _slash(values: list[float], shown: str) -> str:
    return " / ".join(shown.format(v) for v in values)


def print_saturated(figures: dict[str, Figures], rounds: int, seconds: float) -> None:
    print(
        f"\nSaturated, closed loop ({VISITORS} visitors × {WINDOW} in flight; median of "
        f"{rounds} round(s) of {seconds:.0f} s). CPU in µs per message; relays A / B."
    )
    header = (
        f"{'setup':<44}{'msg/s':>8}{'relay CPU':>14}{'relay µs/msg':>16}{'Σ relays':>10}"
        f"{'PG':>8}{'Redis':>7}{'load gen':>10}{'others':>8}"
    )
    print(header)
    for setup in SETUPS:
        if setup.key not in figures:
            continue
        f = figures[setup.key]
        print(
            f"{setup.key + ': ' + setup.label:<44}{f.rate:>8,.0f}"
            f"{_slash(f.shares, '{:.0%}'):>14}{_slash(f.relay_us, '{:.0f}'):>16}"
            f"{f.relays_us:>10.0f}{f.pg_us:>8.0f}{f.redis_us:>7.0f}"
            f"{f.load_us:>6.0f} {f.load_share:>3.0%}{f.others_share:>8.0%}"
        )


def ratio_line(label: str, over: float, under: float, goal: str = "") -> None:
    print(f"  {label:<62}{over:>9.1f}{under:>9.1f}{over / under:>8.2f}×   {goal}")


def print_comparisons(figures: dict[str, Figures]) -> None:
    if {"sqlite", "pg"} <= figures.keys():
        s, p = figures["sqlite"], figures["pg"]
        print("\n1. One relay: PostgreSQL against SQLite (both durable)")
        print(f"  {'':<62}{'PG':>9}{'SQLite':>9}{'ratio':>9}")
        print(f"  {'msg/s, saturated':<62}{p.rate:>9,.0f}{s.rate:>9,.0f}{p.rate / s.rate:>8.2f}×")
        ratio_line("relay CPU per message (µs)", p.relays_us, s.relays_us)
        ratio_line(
            "relay + PostgreSQL server CPU per message (µs)", p.relays_us + p.pg_us, s.relays_us
        )
        print(f"  PostgreSQL's own processes: {p.pg_us:.1f} µs per message")
    for two, one in (("cross", "c1"), ("mixed", "c1x2")):
        if not {two, one} <= figures.keys():
            continue
        t, o = figures[two], figures[one]
        print(f"\n2. {BY_KEY[two].label}  against  {BY_KEY[one].label}")
        print(f"  {'':<62}{two:>9}{one:>9}{'ratio':>9}")
        print(
            f"  {'msg/s, measured (2 cores shared by everything)':<62}"
            f"{t.rate:>9,.0f}{o.rate:>9,.0f}{t.rate / o.rate:>8.2f}×"
        )
        for index, us in enumerate(t.relay_us):
            verdict = "met" if us / o.relays_us <= CPU_GOAL else "MISSED"
            ratio_line(
                f"relay {'AB'[index]} CPU per message (µs)",
                us,
                o.relays_us,
                f"≤ {CPU_GOAL}× {verdict}",
            )
        ratio_line("Σ relays' CPU per message (µs): what a message costs", t.relays_us, o.relays_us)
        if "pg" in figures:
            ratio_line(
                "  … against the lone relay without broker (pg)",
                t.relays_us,
                figures["pg"].relays_us,
            )
        ratio_line("PostgreSQL CPU per message (µs)", t.pg_us, o.pg_us)
        print(f"  Redis CPU per message: {t.redis_us:.1f} µs against {o.redis_us:.1f} µs")


def print_projection(figures: dict[str, Figures]) -> None:
    """What N relays, each on a core of its own, would carry, from the CPU per message.

    With visitors and agents spread over the relays, every relay has agents, and every
    agent sees every conversation: each message is taken in by its visitor's relay and
    delivered by every relay, N - 1 of them on a bell (a store read each). So a message
    costs the relays together what it costs a cluster of one, plus per added relay what
    `mixed` measured beyond `c1x2` (the same clients on one relay): Σ(N) = Σ(1) + (N - 1)
    × extra, and the cluster carries N cores / Σ(N). PostgreSQL likewise: its CPU per
    message grows by the reads of each added relay."""
    if not {"c1", "c1x2", "mixed", "cross"} <= figures.keys():
        return
    alone, pair = figures["c1x2"], figures["mixed"]
    extra = pair.relays_us - alone.relays_us
    pg_extra = pair.pg_us - alone.pg_us
    cross = figures["cross"]
    print(
        f"\nProjection: N relays on a core each, visitors and agents spread over them "
        f"(PostgreSQL on cores of its own)\n"
        f"  one relay with both agents (c1x2): 1 core / {alone.relays_us:.0f} µs = "
        f"{1e6 / alone.relays_us:,.0f} msg/s; a delivery on a bell (cross, relay B) "
        f"costs {cross.relay_us[-1]:.0f} µs of relay and "
        f"{cross.pg_us - figures['c1'].pg_us:.0f} µs of PostgreSQL CPU\n"
        f"  each added relay adds {extra:.0f} µs of relay CPU and {pg_extra:.0f} µs of "
        f"PostgreSQL CPU to every message (mixed − c1x2)"
    )
    one = 1e6 / alone.relays_us
    previous = one
    for n in (1, 2, 3, 4, 8):
        relays_us = alone.relays_us + (n - 1) * extra
        total = n * 1e6 / relays_us
        pg_cores = total * (alone.pg_us + (n - 1) * pg_extra) / 1e6
        added = (total - previous) / one
        goal = ""
        if n == 2:
            verdict = "met" if added >= SCALING_GOAL else "MISSED"
            goal = f"   goal ≥ {SCALING_GOAL}× {verdict}"
        gained = f"relay {n} added {added:+.2f}×; " if n > 1 else ""
        print(
            f"  N={n}: {total:>8,.0f} msg/s = {total / one:.2f}× one relay; "
            f"{gained}PostgreSQL busy {pg_cores:.1f} cores{goal}"
        )
        previous = total
    if extra > 0:
        print(
            f"  ceiling however many relays: 1 core / {extra:.0f} µs = {1e6 / extra:,.0f} "
            "msg/s (every relay handles every message)"
        )


def print_steps(key: str, steps: list[Step]) -> None:
    setup = BY_KEY[key]
    print(f"\nSteps, open loop: {key}: {setup.label}")
    print(
        f"  {'offered':>8}{'achieved':>10}{'relay CPU':>16}{'relay µs/msg':>16}"
        f"{'PG':>6}{'p50 ms':>9}{'p99 ms':>9}{'backlog':>9}"
    )
    for step in steps:
        s = step.sample
        print(
            f"  {step.offered:>8,.0f}{s.rate:>10,.0f}{_slash(s.shares, '{:.0%}'):>16}"
            f"{_slash(s.relay_us, '{:.0f}'):>16}{s.per_message(s.pg):>6.0f}"
            f"{step.p50:>9.2f}{step.p99:>9.2f}{step.backlog:>9,}"
        )
    prompt = [step for step in steps if not step.saturated and step.p99 <= PROMPT_MS]
    if prompt:
        print(
            f"  highest step kept up with, p99 ≤ {PROMPT_MS:.0f} ms: {prompt[-1].offered:,.0f} "
            f"msg/s, relay CPU {_slash(prompt[-1].sample.shares, '{:.0%}')}"
        )
    saturated = next((step for step in steps if step.saturated), None)
    if saturated is None:
        print("  every step's load was carried (achieved ≥ 95 %, no backlog, CPU < 90 %)")
    else:
        print(
            f"  saturated at {saturated.offered:,.0f} msg/s offered: "
            f"{saturated.sample.rate:,.0f} achieved, relay CPU "
            f"{_slash(saturated.sample.shares, '{:.0%}')}"
        )


def print_steps_compared(steps: dict[str, list[Step]]) -> None:
    """Two setups at the same offered load: what a message costs the relays together
    (Σ relay CPU / messages), with batches of the same size on the visitors' side."""
    pairs = (("pg", "sqlite"), ("c1", "pg"), ("cross", "c1"), ("mixed", "c1x2"))
    for two, one in pairs:
        if not {two, one} <= steps.keys():
            continue
        goal = f"   goal, the busier relay: ≤ {CPU_GOAL}×" if one.startswith("c1") else ""
        print(f"\nSame offered load, Σ relays' CPU per message (µs): {two} against {one}{goal}")
        ones = {step.offered: step for step in steps[one]}
        for step in steps[two]:
            other = ones.get(step.offered)
            if other is None:
                continue
            mine, theirs = step.sample.relays_us, other.sample.relays_us
            note = "  (a setup did not keep up)" if step.saturated or other.saturated else ""
            verdict = ""
            if goal and not note:
                busier = max(step.sample.relay_us) / theirs
                verdict = f"  busier relay {busier:.2f}× " + (
                    "met" if busier <= CPU_GOAL else "MISSED"
                )
            print(
                f"  {step.offered:>8,.0f} msg/s: {mine:>6.0f} against {theirs:>6.0f}"
                f"   {mine / theirs:.2f}×{verdict}{note}"
            )


def _area(filename: str) -> str:
    """Where a profiled function lives: a package, or a folder of the relay."""
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0]
    relative = filename.removeprefix(str(ROOT) + "/")
    if relative != filename:
        parts = relative.split("/")
        return "/".join(parts[:2]) if len(parts) > 2 else relative
    if filename == "~":
        return "builtins (C)"
    return "stdlib " + Path(filename).parent.name if "/lib/python" in filename else filename


def print_profiles(directory: Path, top: int = 25) -> None:
    for stats_file in sorted(directory.glob("*.prof")):
        out = io.StringIO()
        stats = pstats.Stats(str(stats_file), stream=out)
        areas: dict[str, float] = {}
        total = 0.0
        raw: dict[tuple[str, int, str], tuple[int, int, float, float, object]]
        raw = stats.stats  # type: ignore[attr-defined]
        for (filename, _, _), (_, _, own, _, _) in raw.items():
            areas[_area(filename)] = areas.get(_area(filename), 0.0) + own
            total += own
        print(f"\n======== {stats_file.stem}: own time by area (of {total:.2f} s profiled)")
        for area, own in sorted(areas.items(), key=lambda item: -item[1])[:15]:
            print(f"  {own / total:>5.1%}  {area}")
        stats.strip_dirs().sort_stats(pstats.SortKey.TIME).print_stats(top)
        stats.sort_stats(pstats.SortKey.CUMULATIVE).print_stats(top)
        print(out.getvalue())


# ---------------------------------------------------------------- the run


async def main(quick: bool, profile: bool, profile_dir: str = "") -> None:
    """`profile_dir`: an absolute path (the relays run in the repository's root)."""
    rounds = 1 if quick else 3
    warmup, seconds = (1.0, 2.0) if quick and not profile else (1.0, 5.0)
    step_rates: tuple[float, ...] = (
        (1000.0, 4000.0, 16000.0) if quick else (500.0, 1000.0, 2000.0, 4000.0, 8000.0, 16000.0)
    )
    step_keys = ("c1", "cross") if quick else tuple(setup.key for setup in SETUPS)
    step_seconds = 1.5 if quick else 3.0
    if profile:  # and c1 at a moderate load, where batches are small
        step_rates, step_keys, step_seconds = (1000.0,), ("c1",), 5.0
    keys = [s.key for s in SETUPS] if not profile else ["cross", "mixed"]
    started = time.monotonic()
    samples: dict[str, list[Sample]] = {key: [] for key in keys}
    steps: dict[str, list[Step]] = {}
    with (
        tempfile.TemporaryDirectory(prefix="parley-cluster-bench-") as scratch,
        servers(Path(scratch)) as infra,
    ):
        if profile:
            infra.profile_dir = Path(profile_dir or Path(scratch) / "profiles")
            infra.profile_dir.mkdir(parents=True, exist_ok=True)
        for round_number in range(rounds):
            # Turn the order every round, so that no setup always runs first or last.
            shift = round_number % len(keys)
            for key in keys[shift:] + keys[:shift]:
                async with deployed(BY_KEY[key], infra) as relays:
                    sample = await saturate(BY_KEY[key], relays, infra, warmup, seconds)
                samples[key].append(sample)
                print(
                    f"round {round_number + 1}/{rounds} {key:<7}{sample.rate:>8,.0f} msg/s"
                    f"  relay CPU {_slash(sample.shares, '{:.0%}')}"
                    f"  µs/msg {_slash(sample.relay_us, '{:.0f}')}"
                    f"  PG {sample.per_message(sample.pg):.0f}"
                    f"  others {sample.others / sample.seconds:.0%}"
                    f"  [{time.monotonic() - started:.0f} s]",
                    flush=True,
                )
        for key in step_keys:
            async with deployed(BY_KEY[key], infra) as relays:
                steps[key] = await stepped(
                    BY_KEY[key], relays, infra, step_rates, warmup, step_seconds
                )
            print(f"steps {key} done [{time.monotonic() - started:.0f} s]", flush=True)
        if profile and infra.profile_dir is not None:
            print_profiles(infra.profile_dir)
            return

    figures = {key: Figures.of(found) for key, found in samples.items() if found}
    print_saturated(figures, rounds, seconds)
    print_comparisons(figures)
    print_projection(figures)
    for key, found in steps.items():
        print_steps(key, found)
    print_steps_compared(steps)
    print(
        f"\ndurability full everywhere (SQLite synchronous=FULL; PostgreSQL fsync on, "
        f"synchronous_commit on); {len(os.sched_getaffinity(0))} cores; "
        f"{time.monotonic() - started:.0f} s in all"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one short round (under 2 min)")
    parser.add_argument(
        "--profile",
        nargs="?",
        const="",
        metavar="DIR",
        help="cross and mixed saturated, c1 at 1,000 msg/s, each relay under cProfile "
        "during the measured window: its top costs (the .prof files kept in DIR if given)",
    )
    arguments = parser.parse_args()
    profile = arguments.profile is not None
    kept = str(Path(arguments.profile).resolve()) if arguments.profile else ""
    run_bench(main(arguments.quick or profile, profile, kept))
