"""Routing under load: the assigner's decision latency and the relay's CPU with 5,000
visitors, 50 agents in 5 departments and 20 new chats a second, against the same load on
a site without departments (no routing), in the same run.

Issue 15 puts every new chat of a site with departments through the assigner
(`relay/features/routing.py`): the chat's open kicks a plan of its department 50 ms later
(`KICK_DELAY_SECONDS`), the plan (`relay/core/routing/plan.py`) offers it to one agent, one
compare-and-set per move, and the agents of the department hear of each move. An accept,
a close and an agent's change kick it again. On a site without departments every agent
sees every chat and the first reply takes it.

Two phases, each its own relay process (`parley-relay serve`, SQLite, durability full, as
it ships), prepared through the store before it starts:

  routed    a site with 5 departments (assigned, least active, offers of 20 s, a queue of
            up to 100), 10 agents in each (max 4 chats each); visitors pick a department
            in the pre-chat form (`profile.department`) and then write.
  baseline  the same site, visitors, agents (max 4 chats each, kept by the bench agents
            themselves) and chat rate, without departments: every agent sees every chat
            and answers it after their own delay unless a colleague was first; the reply
            takes it.

In each phase 5,000 visitors (the widget's JSON protocol) and 50 agents (MessagePack, as
the app speaks) are connected; new chats start at 20 a second (Poisson), each from a
visitor who has not chatted yet: a `profile` (with the department in the routed phase),
then a message. Agents accept what they are offered after a short random delay, reply,
and close the chat some seconds later, so that room frees and the queue moves. After a
ramp the measured window starts (relay CPU read from /proc through psutil; the relay's
wrappers recording), the load goes on for `--seconds`, and the counts are taken.

Printed: relay CPU share and CPU per new chat for both phases and their ratio; the
decision latency (from the visitor's ack of the chat's first message to the offered agent
receiving `conversation_updated` with status offered), p50/p99, for chats offered on
their first plan and for all (a queued chat waits for room); the time to an agent taking
the chat in both phases; `Assigner._plan_department` (wall time: store reads, plan, the
compare-and-sets, telling agents and visitors) and `plan` (the pure function) p50/p99 from
this file's `--timed-relay` launcher (the relay's code is unchanged; it records between
SIGUSR1 and SIGUSR2); chats offered, accepted, queued at the end, offers expired, and the
checks that must be 0 (a chat offered to a second agent while an offer was pending, a chat
accepted twice), from the agents' view and from the relay's event log afterwards.

Run:  .venv/bin/python bench/routing_bench.py             (about four minutes: 60 s windows)
      .venv/bin/python bench/routing_bench.py --quick     (1,000 visitors, 10 s windows)
      .venv/bin/python bench/routing_bench.py --profile   (each phase's relay under cProfile
      on the loop thread's CPU time; top functions printed; figures inflated)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import msgspec
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.relay_bench import (  # noqa: E402
    UNLIMITED,
    _free_port,
    _wait_listening,
    percentile,
    run_bench,
)
from shared_protocol import PROTOCOL_VERSION, codec, frames  # noqa: E402

ROUTED, BASELINE = "routed", "baseline"
SITE = "contoso"
ORIGIN = "https://www.contoso.example"
DEPARTMENTS = ("Sales", "Billing", "Support", "Returns", "Accounts")
AGENTS_PER_DEPARTMENT = 10
MAX_CHATS = 4
PASSWORD = "bench-password-long-enough"
OFFER_SECONDS = 20
ROUTING = {  # every department's settings (frames.RoutingSettings; the rest as default)
    "mode": "assigned",
    "selection": "least_active",
    "offer_seconds": OFFER_SECONDS,
    "owner_first_seconds": 0,
    "queue_limit": 100,
    "max_wait_seconds": 300,
}
ACCEPT_DELAY = (0.3, 1.5)  # seconds an agent takes to click Accept (or to answer)
HOLD = (4.0, 10.0)  # seconds from taking a chat to closing it
CONNECT_BATCH = 250
RAMP_SECONDS = 8.0  # load before the window: agents fill up to their steady state
OPEN = ("waiting", "queued", "offered")


# ---------------------------------------------------------------- the store


async def prepare_store(data_dir: Path, kind: str) -> None:
    """The site, its departments (routed) and the 50 agents, before the relay starts."""
    from relay.config import RelayConfig
    from relay.core.credentials import hash_password
    from relay.store import build_store
    from relay.store.records import PrechatField, SiteSettings

    store = build_store(RelayConfig(data_dir=str(data_dir)))
    await store.open()
    try:
        now = time.time()
        site = await store.add_site(SITE, "Contoso", [ORIGIN], now)
        password_hash = hash_password(PASSWORD)  # one hash for all: hashing is slow
        department_ids: list[int] = []
        if kind == ROUTED:
            await store.set_site_settings(
                SITE, SiteSettings(prechat=(PrechatField(field="department"),))
            )
            settings = msgspec.json.encode(msgspec.convert(ROUTING, frames.RoutingSettings))
            for name in DEPARTMENTS:
                saved = await store.save_department(site.id, None, name, settings.decode(), now)
                assert saved is not None
                department_ids.append(saved.id)
        for index in range(len(DEPARTMENTS) * AGENTS_PER_DEPARTMENT):
            name = agent_name(index)
            await store.add_agent(name, f"Agent {index}", "agent", password_hash, now)
            await store.set_agent_routing(name, max_chats=MAX_CHATS)
            if department_ids:
                department = department_ids[index // AGENTS_PER_DEPARTMENT]
                await store.set_agent_departments(name, [department])
    finally:
        await store.close()


def agent_name(index: int) -> str:
    return f"agent{index:02d}"


# ---------------------------------------------------------------- the relay


@dataclass
class Relay:
    process: subprocess.Popen[bytes]
    port: int
    data_dir: Path
    stats_file: Path | None  # --timed-relay's or --profile's output

    def cpu_seconds(self) -> float:
        import psutil

        times = psutil.Process(self.process.pid).cpu_times()
        return float(times.user + times.system)

    def loop_thread_seconds(self) -> float:
        import psutil

        for thread in psutil.Process(self.process.pid).threads():
            if thread.id == self.process.pid:
                return float(thread.user_time + thread.system_time)
        return float("nan")

    def signal(self, signum: int) -> None:
        if self.stats_file is not None:
            os.kill(self.process.pid, signum)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_relay(data_dir: Path, mode: str, stats_file: Path) -> Relay:
    """mode: "plain" (as shipped), "timed" (--timed-relay) or "profile" (cProfile)."""
    port = _free_port()
    env = {**os.environ, **UNLIMITED, "PYTHONPATH": str(ROOT), "PARLEY_DEMO": "false"}
    serve = ["serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data_dir)]
    python = sys.executable
    stats: Path | None = stats_file
    if mode == "plain":
        command, stats = [python, "-m", "relay", *serve], None
    elif mode == "timed":
        command = [python, __file__, "--timed-relay", str(stats_file), *serve]
    else:
        invitation_bench = str(ROOT / "bench" / "invitation_bench.py")
        command = [python, invitation_bench, "--profiled-relay", str(stats_file), *serve]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT
    )
    _wait_listening(process)
    assert process.stdout is not None and process.stderr is not None
    for stream in (process.stdout, process.stderr):
        threading.Thread(target=_drain, args=(stream, data_dir), daemon=True).start()
    return Relay(process, port, data_dir, stats)


def _drain(stream: Any, data_dir: Path) -> None:
    """Never a full pipe; the relay's warnings and errors kept for the report."""
    with open(data_dir.parent / "relay.log", "ab") as log:
        for line in stream:
            log.write(line)


def timed_relay(stats_file: str, argv: list[str]) -> int:
    """The relay's command line with `Assigner._plan_department` (wall time) and `plan`
    (the pure function) timed, and `Assigner.run` counted; written to `stats_file` as JSON
    when the relay returns."""
    import relay.features.routing as routing
    from relay.cli import main as relay_main
    from relay.core.routing.plan import plan as original_plan

    recording = [False]
    department_ms: list[float] = []
    plan_us: list[float] = []
    plan_sizes: list[int] = []  # chats nobody holds, per plan
    runs = [0]
    original_department = routing.Assigner._plan_department
    original_run = routing.Assigner.run

    async def plan_department(self: Any, department_id: int, *rest: Any) -> None:
        if not recording[0]:
            return await original_department(self, department_id, *rest)
        start = time.perf_counter()
        try:
            return await original_department(self, department_id, *rest)
        finally:
            department_ms.append((time.perf_counter() - start) * 1000)

    def timed_plan(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        made = original_plan(*args, **kwargs)
        if recording[0]:
            plan_us.append((time.perf_counter() - start) * 1e6)
            plan_sizes.append(len(args[2]))
        return made

    async def run(self: Any, department_ids: set[int]) -> None:
        if recording[0]:
            runs[0] += 1
        return await original_run(self, department_ids)

    setattr(routing.Assigner, "_plan_department", plan_department)  # noqa: B010
    setattr(routing.Assigner, "run", run)  # noqa: B010
    setattr(routing, "plan", timed_plan)  # noqa: B010 - looked up in the module when called

    def switch(signum: int, frame: FrameType | None) -> None:
        recording[0] = signum == signal.SIGUSR1

    signal.signal(signal.SIGUSR1, switch)
    signal.signal(signal.SIGUSR2, switch)
    try:
        return relay_main(argv)
    finally:
        stats = {
            "department_ms": department_ms,
            "plan_us": plan_us,
            "plan_sizes": plan_sizes,
            "runs": runs[0],
        }
        Path(stats_file).write_text(json.dumps(stats))


# ---------------------------------------------------------------- what the bench sees


@dataclass
class Tally:
    """Everything the load generator saw, times from time.perf_counter()."""

    kind: str
    started: dict[int, float] = field(default_factory=dict)  # conversation → its ack
    department: dict[int, int] = field(default_factory=dict)
    offered_at: dict[int, float] = field(default_factory=dict)  # the first offer received
    queued_first: set[int] = field(default_factory=set)  # queued before any offer
    taken_at: dict[int, float] = field(default_factory=dict)
    status: dict[int, str] = field(default_factory=dict)  # as the observers last saw it
    offered_to: dict[int, int] = field(default_factory=dict)
    offers: int = 0  # offers received (re-offers included)
    offers_to_second_agent: int = 0  # offered to another while an offer was pending
    taken_by: dict[int, int] = field(default_factory=dict)
    taken_twice: int = 0
    accepts_sent: int = 0
    replies_sent: int = 0
    closes_sent: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    ack_timeouts: int = 0
    queue_frames: int = 0  # `queue` frames the visitors received

    def observe(self, info: frames.ConversationInfo, now: float) -> None:
        """A conversation_updated as an observer (one agent per department) received it."""
        before, status = self.status.get(info.id), str(info.status)
        if status == "offered" and info.offered_to is not None:
            if before == "offered" and self.offered_to.get(info.id) != info.offered_to:
                self.offers_to_second_agent += 1
            self.offered_to[info.id] = info.offered_to
        elif status == "queued" and info.id not in self.offered_at:
            self.queued_first.add(info.id)
        if status in ("active", "closed") and info.agent is not None:
            owner = self.taken_by.setdefault(info.id, info.agent)
            if owner != info.agent:
                self.taken_twice += 1
        if before != "closed":
            self.status[info.id] = status


# ---------------------------------------------------------------- agents


class Agent:
    def __init__(self, index: int, kind: str, tally: Tally, observer: bool) -> None:
        self.index, self.kind, self.tally, self.observer = index, kind, tally, observer
        self.ws: ClientConnection | None = None
        self.id = 0
        self.chats: set[int] = set()  # taken, not yet closed
        self.pending: set[int] = set()  # accepting, or about to answer (baseline)
        self.rng = random.Random(index)
        self.tasks: set[asyncio.Task[None]] = set()
        self.loop = asyncio.get_running_loop()
        self.gone = False  # logged out: its timers do nothing more

    async def log_in(self, port: int) -> None:
        self.ws = await connect(
            f"ws://127.0.0.1:{port}/ws/agent", compression=None, max_queue=None, max_size=2**26
        )
        login = frames.Login(v=PROTOCOL_VERSION, user=agent_name(self.index), password=PASSWORD)
        await self.ws.send(codec.agent_relay_side.encode(login))
        welcome = codec.agent_client_side.decode(await self.ws.recv(decode=False))
        assert isinstance(welcome, frames.LoginOk), welcome
        self.id = welcome.agent.id
        self._spawn(self.read())

    def _spawn(self, work: Any) -> None:
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def send(self, frame: frames.Frame) -> None:
        assert self.ws is not None
        with contextlib.suppress(Exception):
            await self.ws.send(codec.agent_relay_side.encode(frame))

    async def read(self) -> None:
        assert self.ws is not None
        decode = codec.agent_client_side.decode
        with contextlib.suppress(Exception):
            async for data in self.ws:
                assert isinstance(data, bytes)
                frame = decode(data)
                now = time.perf_counter()
                if isinstance(frame, frames.ConversationUpdated):
                    self.updated(frame.conversation, now)
                elif isinstance(frame, frames.ConversationOpened):
                    if self.observer:
                        self.tally.status.setdefault(frame.conversation.id, "waiting")
                    if self.kind == BASELINE:
                        self.opened(frame.conversation)
                elif isinstance(frame, frames.Error):
                    self.tally.errors[str(frame.code)] += 1

    def updated(self, info: frames.ConversationInfo, now: float) -> None:
        tally = self.tally
        if self.observer:
            tally.observe(info, now)
        status = str(info.status)
        if status == "offered" and info.offered_to == self.id and info.id not in self.pending:
            tally.offers += 1
            tally.offered_at.setdefault(info.id, now)
            self.pending.add(info.id)
            self.loop.call_later(self.rng.uniform(*ACCEPT_DELAY), self._accept, info.id)
        elif status == "active" and info.agent == self.id and info.id in self.pending:
            self.pending.discard(info.id)
            self.chats.add(info.id)
            tally.taken_at.setdefault(info.id, now)
            if self.kind == ROUTED:  # the baseline's reply is what took it
                self._spawn(self.reply(info.id))
            self.loop.call_later(self.rng.uniform(*HOLD), self._close, info.id)
        elif status in ("active", "closed") and info.id in self.pending:
            self.pending.discard(info.id)  # a colleague was first (baseline)

    def opened(self, info: frames.ConversationInfo) -> None:
        """Baseline: a new chat everyone sees; answer it after a while if nobody did and
        there is room."""
        if str(info.status) == "waiting":
            self.loop.call_later(self.rng.uniform(*ACCEPT_DELAY), self._answer, info.id)

    def _accept(self, conversation: int) -> None:
        if self.gone:
            return
        self.tally.accepts_sent += 1
        self._spawn(self.send(frames.Accept(conversation=conversation)))

    def _answer(self, conversation: int) -> None:
        if self.gone:
            return
        if self.tally.status.get(conversation, "waiting") != "waiting":
            return  # taken meanwhile: as the agent's list shows it
        if len(self.chats) + len(self.pending) >= MAX_CHATS:
            return
        self.pending.add(conversation)
        self._spawn(self.reply(conversation))

    async def reply(self, conversation: int) -> None:
        self.tally.replies_sent += 1
        text = "Hello, how can I help?"
        await self.send(frames.AgentSend(id=uuid.uuid4().hex, conversation=conversation, text=text))

    def _close(self, conversation: int) -> None:
        if self.gone:
            return
        self.chats.discard(conversation)
        self.tally.closes_sent += 1
        self._spawn(self.send(frames.Close(conversation=conversation)))

    async def close(self) -> None:
        self.gone = True
        for task in list(self.tasks):
            task.cancel()
        if self.ws is not None:
            await self.ws.close()


async def log_in_agents(port: int, kind: str, tally: Tally) -> list[Agent]:
    """50 agents, one after another (password checks are one at a time anyway); the first
    of each department (baseline: the first) observes every update of its chats."""
    agents: list[Agent] = []
    for index in range(len(DEPARTMENTS) * AGENTS_PER_DEPARTMENT):
        observer = index % AGENTS_PER_DEPARTMENT == 0 if kind == ROUTED else index == 0
        agent = Agent(index, kind, tally, observer)
        await agent.log_in(port)
        agents.append(agent)
    return agents


# ---------------------------------------------------------------- visitors


class Visitor:
    def __init__(self, ws: ClientConnection, tally: Tally) -> None:
        self.ws, self.tally = ws, tally
        self.acked: asyncio.Future[int] | None = None
        self.reader = asyncio.ensure_future(self.read())

    async def read(self) -> None:
        tally = self.tally
        with contextlib.suppress(Exception):
            async for data in self.ws:
                assert isinstance(data, str)
                if '"type":"ack"' in data and self.acked is not None:
                    now = time.perf_counter()
                    ack = codec.visitor_client_side.decode(data.encode())
                    assert isinstance(ack, frames.Ack)
                    tally.started.setdefault(ack.conversation, now)
                    if not self.acked.done():
                        self.acked.set_result(ack.conversation)
                elif '"type":"queue"' in data:
                    tally.queue_frames += 1

    async def start_chat(self, department: int | None, name: str) -> None:
        encode = codec.visitor_relay_side.encode
        self.acked = asyncio.get_running_loop().create_future()
        await self.ws.send(encode(frames.Profile(name=name, department=department)).decode())
        message = frames.VisitorSend(id=uuid.uuid4().hex, text="Hello, I have a question")
        await self.ws.send(encode(message).decode())
        try:
            conversation = await asyncio.wait_for(self.acked, 15.0)
        except TimeoutError:
            self.tally.ack_timeouts += 1
            return
        if department is not None:
            self.tally.department[conversation] = department


async def open_visitor(port: int, tally: Tally) -> Visitor:
    ws = await connect(
        f"ws://127.0.0.1:{port}/ws/visitor",
        origin=ORIGIN,  # type: ignore[arg-type]
        compression=None,
        max_queue=None,
    )
    page = frames.PageInfo(url=f"{ORIGIN}/help", title="Help")
    hello = frames.Hello(v=PROTOCOL_VERSION, site=SITE, page=page)
    await ws.send(codec.visitor_relay_side.encode(hello).decode())
    welcome = codec.visitor_client_side.decode(await ws.recv(decode=False))
    assert isinstance(welcome, frames.Welcome), welcome
    return Visitor(ws, tally)


async def open_visitors(port: int, count: int, tally: Tally) -> list[Visitor]:
    visitors: list[Visitor] = []
    for start in range(0, count, CONNECT_BATCH):
        size = min(CONNECT_BATCH, count - start)
        visitors += await asyncio.gather(*(open_visitor(port, tally) for _ in range(size)))
    return visitors


async def close_visitors(visitors: list[Visitor]) -> None:
    for start in range(0, len(visitors), CONNECT_BATCH):
        batch = visitors[start : start + CONNECT_BATCH]
        await asyncio.gather(*(v.ws.close() for v in batch), return_exceptions=True)
    for visitor in visitors:
        visitor.reader.cancel()


async def department_ids(port: int) -> list[int]:
    """The departments as a visitor's widget learns them (the pre-chat form's choices)."""
    ws = await connect(f"ws://127.0.0.1:{port}/ws/visitor", origin=ORIGIN)  # type: ignore[arg-type]
    try:
        hello = frames.Hello(v=PROTOCOL_VERSION, site=SITE)
        await ws.send(codec.visitor_relay_side.encode(hello).decode())
        welcome = codec.visitor_client_side.decode(await ws.recv(decode=False))
        assert isinstance(welcome, frames.Welcome), welcome
        return [d.id for d in welcome.site.departments]
    finally:
        await ws.close()


async def chats(
    visitors: list[Visitor], departments: list[int], rate: float, seconds: float, seed: int
) -> list[asyncio.Task[None]]:
    """New chats at `rate` a second (Poisson) for `seconds`, each from a fresh visitor."""
    rng = random.Random(seed)
    fresh = list(visitors)
    rng.shuffle(fresh)
    started: list[asyncio.Task[None]] = []
    deadline = time.perf_counter() + seconds
    next_at = time.perf_counter()
    while fresh:
        next_at += rng.expovariate(rate)
        if next_at >= deadline:
            break
        await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
        department = rng.choice(departments) if departments else None
        visitor = fresh.pop()
        started.append(asyncio.ensure_future(visitor.start_chat(department, "Visitor")))
    return started


# ---------------------------------------------------------------- a phase


@dataclass
class Phase:
    kind: str
    tally: Tally
    window: tuple[float, float]  # perf_counter times of the measured window
    cpu: float  # relay CPU seconds in the window
    loop_cpu: float
    idle_share: float  # relay CPU share with everyone connected and no chats
    connect_seconds: float
    generator_cpu: float  # this process's CPU seconds in the window (it shares the cores)
    open_at_end: dict[str, int]  # observed status of every chat started, at the window's end
    stats: dict[str, Any]
    log: dict[str, int]  # offered / offer_expired / accepted … from the relay's event log
    relay_errors: list[str]


async def phase(
    kind: str,
    visitor_count: int,
    rate: float,
    seconds: float,
    mode: str,
    scratch: Path,
    seed: int,
) -> Phase:
    data_dir = scratch / kind / "data"
    data_dir.mkdir(parents=True)
    await prepare_store(data_dir, kind)
    relay = start_relay(data_dir, mode, data_dir.parent / "stats")
    tally = Tally(kind)
    agents: list[Agent] = []
    visitors: list[Visitor] = []
    try:
        departments = await department_ids(relay.port) if kind == ROUTED else []
        agents = await log_in_agents(relay.port, kind, tally)
        began = time.perf_counter()
        visitors = await open_visitors(relay.port, visitor_count, tally)
        connect_seconds = time.perf_counter() - began
        await asyncio.sleep(2.0)
        idle_start, idle_cpu = time.perf_counter(), relay.cpu_seconds()
        await asyncio.sleep(3.0)
        idle_share = (relay.cpu_seconds() - idle_cpu) / (time.perf_counter() - idle_start)

        load = asyncio.ensure_future(
            chats(visitors, departments, rate, RAMP_SECONDS + seconds, seed)
        )
        await asyncio.sleep(RAMP_SECONDS)
        relay.signal(signal.SIGUSR1)
        start, start_cpu, start_loop, start_own = (
            time.perf_counter(),
            relay.cpu_seconds(),
            relay.loop_thread_seconds(),
            time.process_time(),
        )
        started = await load
        end, end_cpu, end_loop, end_own = (
            time.perf_counter(),
            relay.cpu_seconds(),
            relay.loop_thread_seconds(),
            time.process_time(),
        )
        relay.signal(signal.SIGUSR2)
        open_at_end = Counter(tally.status.get(c, "unseen") for c in tally.started)
        await asyncio.gather(*started, return_exceptions=True)
        await asyncio.sleep(1.0)
        for agent in agents:
            await agent.close()
        await close_visitors(visitors)
    finally:
        relay.stop()
    stats = json.loads(relay.stats_file.read_text()) if relay.stats_file and mode == "timed" else {}
    if mode == "profile" and relay.stats_file is not None:
        from bench.invitation_bench import print_profile

        print(f"---------------- {kind}: the relay's profile in the window")
        print_profile(relay.stats_file)
    log_text = (data_dir.parent / "relay.log").read_text(errors="replace")
    relay_errors = [line for line in log_text.splitlines() if "error" in line.lower()]
    return Phase(
        kind,
        tally,
        (start, end),
        end_cpu - start_cpu,
        end_loop - start_loop,
        idle_share,
        connect_seconds,
        end_own - start_own,
        dict(open_at_end),
        stats,
        event_log(data_dir / "parley.db"),
        relay_errors,
    )


def event_log(database: Path) -> dict[str, int]:
    """The relay's own record (read after it stopped): moves by kind, and the two checks:
    an offer made while another offer of the chat was pending, a chat accepted twice."""
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "SELECT conversation_id, kind FROM conversation_events ORDER BY conversation_id, id"
        ).fetchall()
    finally:
        db.close()
    counts: Counter[str] = Counter(kind for _, kind in rows)
    pending: dict[int, bool] = {}
    taken: Counter[int] = Counter()
    double_offers = 0
    for conversation, kind in rows:
        if kind == "offered":
            if pending.get(conversation):
                double_offers += 1
            pending[conversation] = True
        elif kind in ("offer_expired", "declined", "accepted", "assigned", "closed"):
            pending[conversation] = False
        if kind == "accepted":
            taken[conversation] += 1
    return {
        **counts,
        "double_offers": double_offers,
        "accepted_twice": sum(1 for n in taken.values() if n > 1),
    }


# ---------------------------------------------------------------- the run


async def main(visitor_count: int, rate: float, seconds: float, mode: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        phases: dict[str, Phase] = {}
        for number, kind in enumerate((BASELINE, ROUTED)):
            done = await phase(kind, visitor_count, rate, seconds, mode, Path(scratch), number)
            phases[kind] = done
            chats_in = _in_window(done)
            print(
                f"{kind:<8} {len(chats_in):>5,} chats in {done.window[1] - done.window[0]:.1f} s, "
                f"relay {done.cpu / (done.window[1] - done.window[0]):.0%} of a core "
                f"(idle {done.idle_share:.1%}), {visitor_count:,} visitors connected in "
                f"{done.connect_seconds:.1f} s; load generator "
                f"{done.generator_cpu / (done.window[1] - done.window[0]):.0%} of a core",
                flush=True,
            )
    report(phases, visitor_count, rate, seconds, mode)


def _in_window(done: Phase) -> list[int]:
    start, end = done.window
    return [c for c, at in done.tally.started.items() if start <= at < end]


def _ms(samples: list[float]) -> str:
    if not samples:
        return "n/a"
    return (
        f"p50 {percentile(samples, 0.5) * 1000:.0f} ms, p99 {percentile(samples, 0.99) * 1000:.0f} "
        f"ms, max {max(samples) * 1000:.0f} ms ({len(samples):,})"
    )


def report(
    phases: dict[str, Phase], visitor_count: int, rate: float, seconds: float, mode: str
) -> None:
    print()
    print(
        f"{visitor_count:,} visitors, {len(DEPARTMENTS) * AGENTS_PER_DEPARTMENT} agents "
        f"(max {MAX_CHATS} chats; accept after {ACCEPT_DELAY[0]:g}–{ACCEPT_DELAY[1]:g} s, "
        f"close {HOLD[0]:g}–{HOLD[1]:g} s after), {rate:g} new chats/s, {seconds:g} s window "
        f"after {RAMP_SECONDS:g} s of ramp; one relay process per phase (SQLite, durability "
        f"full); mode {mode}"
    )
    figures: dict[str, dict[str, float]] = {}
    for kind, done in phases.items():
        wall = done.window[1] - done.window[0]
        count = len(_in_window(done))
        figures[kind] = {
            "chats": count,
            "rate": count / wall,
            "share": done.cpu / wall,
            "idle": done.idle_share,
            "per_chat": done.cpu / count * 1e3 if count else float("nan"),
            "per_chat_loop": done.loop_cpu / count * 1e3 if count else float("nan"),
            "per_chat_above_idle": (done.cpu - done.idle_share * wall) / count * 1e3
            if count
            else float("nan"),
        }
    base, routed = figures[BASELINE], figures[ROUTED]
    print(f"{'':<50}{'baseline':>12}{'routed':>12}{'ratio':>9}")

    def row(label: str, key: str, shown: str, ratio: bool = True) -> None:
        cells = f"{shown.format(base[key]):>12}{shown.format(routed[key]):>12}"
        times = f"{routed[key] / base[key]:>8.2f}×" if ratio and base[key] else ""
        print(f"{label:<50}{cells}{times}")

    row("chats started in the window", "chats", "{:,.0f}", ratio=False)
    row("new chats per second achieved", "rate", "{:.1f}", ratio=False)
    row("relay CPU, share of a core", "share", "{:.1%}")
    row("relay CPU idle (everyone connected, no chats)", "idle", "{:.1%}", ratio=False)
    row("relay CPU per new chat (ms)", "per_chat", "{:.2f}")
    row("  of which the event loop's thread (ms)", "per_chat_loop", "{:.2f}")
    row("  above the idle share (ms)", "per_chat_above_idle", "{:.2f}")

    for kind, done in phases.items():
        tally, in_window = done.tally, _in_window(done)
        print(f"\n{kind}:")
        taken = [tally.taken_at[c] - tally.started[c] for c in in_window if c in tally.taken_at]
        print(f"  ack → taken by an agent: {_ms(taken)}")
        if kind == ROUTED:
            offered = [c for c in in_window if c in tally.offered_at]
            first = [
                tally.offered_at[c] - tally.started[c]
                for c in offered
                if c not in tally.queued_first
            ]
            queued = [
                tally.offered_at[c] - tally.started[c] for c in offered if c in tally.queued_first
            ]
            every = [tally.offered_at[c] - tally.started[c] for c in offered]
            print(f"  routing decision, ack → offer received, never queued: {_ms(first)}")
            print(f"  … after waiting in the queue: {_ms(queued)}")
            print(f"  … all offered chats: {_ms(every)}")
        untaken = len([c for c in in_window if c not in tally.taken_at])
        print(
            "  every chat started, as the window ended: "
            + ", ".join(f"{s} {n:,}" for s, n in sorted(done.open_at_end.items()))
            + f"; never taken by the end of the phase: {untaken:,}"
        )
        print(
            f"  offers received {tally.offers:,}, accepts sent {tally.accepts_sent:,}, "
            f"replies {tally.replies_sent:,}, closes {tally.closes_sent:,}, visitor `queue` "
            f"frames {tally.queue_frames:,}, ack timeouts {tally.ack_timeouts}"
        )
        print(
            f"  errors to agents: {dict(tally.errors) or 'none'}; seen by observers: offered "
            f"to a second agent while pending {tally.offers_to_second_agent}, taken by two "
            f"{tally.taken_twice}"
        )
        logged = done.log
        print(
            "  relay's event log (whole phase): "
            + ", ".join(f"{k} {v:,}" for k, v in sorted(logged.items()))
        )
        if done.relay_errors:
            print(f"  relay log lines with 'error': {len(done.relay_errors)}; first:")
            for line in done.relay_errors[:5]:
                print(f"    {line[:300]}")
        stats = done.stats
        if stats.get("department_ms"):
            dep, plan_us, sizes = stats["department_ms"], stats["plan_us"], stats["plan_sizes"]
            print(
                f"  Assigner._plan_department (wall): p50 {percentile(dep, 0.5):.2f} ms, p99 "
                f"{percentile(dep, 0.99):.2f} ms, max {max(dep):.1f} ms ({len(dep):,} calls, "
                f"{stats['runs']:,} runs)"
            )
            chats = max(1, len(_in_window(done)))
            print(
                f"    in all {sum(dep) / 1000:.2f} s of wall time in plans, "
                f"{sum(dep) / chats:.1f} ms per chat started; {len(dep) / chats:.1f} department "
                f"plans per chat"
            )
            if plan_us:
                print(
                    f"  plan() in all {sum(plan_us) / 1e6:.3f} s, {sum(plan_us) / chats:.0f} µs "
                    f"per chat started"
                )
                print(
                    f"  plan(): p50 {percentile(plan_us, 0.5):.0f} µs, p99 "
                    f"{percentile(plan_us, 0.99):.0f} µs ({len(plan_us):,} calls; chats per "
                    f"plan p50 {percentile([float(s) for s in sizes], 0.5):.0f}, max {max(sizes)})"
                )


def run(arguments: argparse.Namespace) -> None:
    mode = "profile" if arguments.profile else ("plain" if arguments.plain else "timed")
    if arguments.quick:
        arguments.seconds = min(arguments.seconds, 10.0)
        arguments.visitors = min(arguments.visitors, 1000)
    run_bench(main(arguments.visitors, arguments.rate, arguments.seconds, mode))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--timed-relay":
        sys.exit(timed_relay(sys.argv[2], sys.argv[3:]))
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--visitors", type=int, default=5000)
    parser.add_argument("--rate", type=float, default=20.0, help="new chats per second")
    parser.add_argument("--seconds", type=float, default=60.0, help="the measured window")
    parser.add_argument("--quick", action="store_true", help="1,000 visitors, a 10 s window")
    parser.add_argument("--plain", action="store_true", help="the relay as shipped, no timings")
    parser.add_argument("--profile", action="store_true", help="each relay under cProfile")
    run(parser.parse_args())
