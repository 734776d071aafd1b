"""The agent app under load: Qt offscreen on a qasync loop, against a real relay process.

1. A fresh login (an empty cache: a new PC) against a relay holding 500 open
   conversations of 50 messages each. Measured: from login until the list holds all 500,
   until every row shows its last message (which the welcome carries), and until every
   transcript is held; then the time from `desk.open_conversation` until 50 messages are
   in the model and the view has laid them out and painted, for 20 random conversations.
   Goals: the list complete in ≤ 2 s, a transcript shown in ≤ 200 ms. Baseline in the
   same run: a raw protocol client (tests/helpers/clients.AgentClient) logging in and
   fetching every transcript, the floor that the network and the relay set. Measured
   twice: with the relay's default limits (50 agent frames/s, bursts of 200), which every
   client must keep to, and with the agent limit lifted, which shows the app's own cost.
2. 5,000 visitors on the site (real widget connections from a load-generator process)
   and a logged-in app with its main window shown; then 50 visitor changes a second for
   30 s: arrivals (each with a departure, so that 5,000 stay) and page views, alternating.
   The relay tells agents of them in one `visitors` frame a second, as it does in
   production. A 5 ms Qt timer measures how long the UI thread goes without running it.
   Goal: no stall over 50 ms. Baseline in the same run: the same probe, app and
   connections with no traffic.

The relay and the visitors run as processes of their own, so that their CPU does not
count against the app's UI thread; all three share this machine's cores. Loopback only.

Run:  .venv/bin/python bench/agent_app_bench.py             (about five minutes)
      .venv/bin/python bench/agent_app_bench.py --quick     (a smoke run, under a minute:
          one round, 200 conversations, the agent frame limit lifted only, 1,000 visitors
          for 8 s; its figures are not the goals)
      .venv/bin/python bench/agent_app_bench.py --profile DIR   (cProfile of the app's
          busy parts into DIR; the figures of such a run are inflated by the profiler)
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import asyncio
import cProfile
import itertools
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from websockets.asyncio.client import ClientConnection, connect  # noqa: E402

from bench.relay_bench import (  # noqa: E402
    AGENT_PASSWORD,
    AGENT_USER,
    _free_port,
    _wait_listening,
    open_many,
    percentile,
    run_bench,
)
from relay.config import RelayConfig  # noqa: E402
from relay.core.credentials import hash_password  # noqa: E402
from relay.store.records import NewMessage, Page  # noqa: E402
from relay.store.sqlite import SqliteStore  # noqa: E402
from shared_protocol import PROTOCOL_VERSION, codec, frames  # noqa: E402
from shared_protocol.frames import AuthorKind  # noqa: E402

CONVERSATIONS, MESSAGES = 500, 50
OPENED = 20  # conversations opened one after another, once every transcript is held
LIST_GOAL, OPEN_GOAL, STALL_GOAL = 2.0, 0.200, 50.0  # seconds, seconds, milliseconds
PROBE_MS = 5
WAIT_LIMIT = 90.0  # seconds any phase may wait for the app before it is called incomplete
LIFTED = {"PARLEY_AGENT_FRAMES_PER_SECOND": "1000000", "PARLEY_AGENT_FRAME_BURST": "1000000"}
QUIET = {"PARLEY_LOG_LEVEL": "warning", "PARLEY_FILES_PORT": "0"}

PHRASES = [
    "Hello, is anyone there?",
    "How much is the IELTS course for two people?",
    "我想了解一下周末班的时间和价格。",
    "Yes, Saturdays at 9, and the second person gets 10 % off.",
    "Could you send me the timetable for May? We would like to start as soon as possible.",
    "请问可以试听吗？",
    "Of course: the trial lesson is free, here is the link https://school.example/trial",
    "Thanks!",
]


def sample_text(rng: random.Random) -> str:
    return " ".join(rng.choice(PHRASES) for _ in range(rng.randint(1, 3)))


# ---------------------------------------------------------------- the relay


@dataclass
class RelayProcess:
    process: subprocess.Popen[bytes]
    port: int

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_relay(data_dir: Path, settings: dict[str, str]) -> RelayProcess:
    port = _free_port()
    env = {**os.environ, **QUIET, **settings, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "relay", "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
    )
    _wait_listening(process)
    return RelayProcess(process, port)


async def seed(data_dir: Path, conversations: int, messages: int) -> None:
    """Open conversations written straight into the relay's store, before it starts."""
    store = SqliteStore(data_dir / "parley.db")
    await store.open()
    try:
        now = time.time()
        site = await store.add_site("demo", "Demo site", [], now)
        await store.add_agent(AGENT_USER, "Bench", "admin", hash_password(AGENT_PASSWORD), now)
        sam = await store.add_agent("sam", "Sam", "agent", hash_password("not used"), now)
        rng = random.Random(1)
        committed = []
        for c in range(conversations):
            visitor = await store.create_visitor(site.id, f"seed-{c}", now)
            started = now - 7200 + c * 5
            page = Page(url=f"https://school.example/course/{c}", title=f"Course {c}")
            conversation = await store.open_conversation(site.id, visitor.id, started, page=page)
            if c % 3:
                await store.assign_conversation(conversation.id, sam.id)
            for n in range(messages):
                by_visitor = n % 2 == 0
                new = NewMessage(
                    conversation_id=conversation.id,
                    client_id=f"seed-{c}-{n}",
                    author=AuthorKind.VISITOR if by_visitor else AuthorKind.AGENT,
                    author_id=visitor.id if by_visitor else sam.id,
                    author_name="" if by_visitor else "Sam",
                    text=sample_text(rng),
                    created_at=started + n * 7,
                )
                committed.append(store.queue_message(new))
        await asyncio.gather(*committed)
    finally:
        await store.close()


# ---------------------------------------------------------------- the probe


class GapProbe:
    """A 5 ms Qt timer: the gaps between its firings are how long the UI thread did not
    get to it. With each gap, the CPU time the UI thread spent meanwhile: a long gap with
    little CPU is this process waiting for a core (the machine is shared), not the app."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[tuple[float, float]] = []  # milliseconds: wall clock, CPU
        self._last = self._last_cpu = 0.0

    def start(self) -> None:
        self.gaps = []
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self.timer.start()

    def stop(self) -> list[tuple[float, float]]:
        self.timer.stop()
        return self.gaps

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.gaps.append(((now - self._last) * 1000, (cpu - self._last_cpu) * 1000))
        self._last, self._last_cpu = now, cpu


@dataclass
class Stalls:
    longest: float  # ms
    longest_cpu: float  # ms of UI-thread CPU within the longest gap
    busiest: float  # ms: the most UI-thread CPU within any one gap
    p99: float
    over_goal: int
    ticks: int

    @classmethod
    def of(cls, gaps: list[tuple[float, float]]) -> Stalls:
        if not gaps:
            return cls(0.0, 0.0, 0.0, 0.0, 0, 0)
        longest, longest_cpu = max(gaps)
        walls = [wall for wall, _ in gaps]
        return cls(
            longest,
            longest_cpu,
            max(cpu for _, cpu in gaps),
            percentile(walls, 0.99),
            sum(1 for wall in walls if wall > STALL_GOAL),
            len(gaps),
        )


@contextmanager
def profiled(folder: Path | None, name: str) -> Iterator[None]:
    if folder is None:
        yield
        return
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.pstats"
        profile.dump_stats(path)
        print(f"\n--- profile of {name} ({path}), by own time ---")
        pstats.Stats(str(path)).sort_stats("tottime").print_stats(18)


# ---------------------------------------------------------------- the app


@dataclass
class Watch:
    """Stands in for the desk as the client's listener: passes everything on to the desk
    (as app.py's listener does), then notes what the desk holds and when."""

    desk: Any
    desk_frame_received: Callable[[frames.Frame], None] = print
    desk_connection_changed: Callable[[Any, str], None] = print
    expected: dict[int, int] = field(default_factory=dict)  # conversation → last seq
    start: float = 0.0
    online: float | None = None
    rows: float | None = None
    listed: float | None = None
    held: float | None = None
    held_at: list[float] = field(default_factory=list)  # when each transcript was complete
    errors: Counter[str] = field(default_factory=Counter)
    reconnects: int = 0
    visitor_frames: int = 0
    visitor_changes: int = 0
    _listed: set[int] = field(default_factory=set)
    _held: set[int] = field(default_factory=set)

    def connection_changed(self, state: Any, detail: str) -> None:
        from agent_app.net.client import ConnectionState

        if state is ConnectionState.ONLINE and self.online is None:
            self.online = time.perf_counter() - self.start
        elif state is ConnectionState.OFFLINE:
            self.reconnects += 1
        self.desk_connection_changed(state, detail)

    def frame_received(self, frame: frames.Frame) -> None:
        self.desk_frame_received(frame)
        now = time.perf_counter() - self.start
        match frame:
            case frames.LoginOk():
                if self.rows is None and self.desk.conversations.rowCount() >= len(self.expected):
                    self.rows = now
                for conversation in self.expected:  # last messages come in the welcome
                    self._check(conversation, now)
            case frames.History(conversation=conversation):
                self._check(conversation, now)
            case frames.Error(code=code):
                self.errors[code.value] += 1
            case frames.VisitorsChanged(updated=updated, left=left):
                self.visitor_frames += 1
                self.visitor_changes += len(updated) + len(left)

    def _check(self, conversation: int, now: float) -> None:
        last = self.expected.get(conversation)
        if last is None:
            return
        row = self.desk.conversations.row(conversation)
        if conversation not in self._listed and row is not None and row.last_seq >= last:
            self._listed.add(conversation)
            if len(self._listed) == len(self.expected):
                self.listed = now
        if conversation not in self._held and len(self.desk.transcripts[conversation]) >= last:
            self._held.add(conversation)
            self.held_at.append(now)
            if len(self._held) == len(self.expected):
                self.held = now


@dataclass
class RunningApp:
    running: Any  # tests/desktop/test_desk.Running: desk, client, task, notifier
    watch: Watch

    @property
    def desk(self) -> Any:
        return self.running.desk

    def pop_ups(self) -> int:
        return len(self.running.notifier.shown)


async def start_app(relay: RelayProcess, folder: Path, expected: dict[int, int]) -> RunningApp:
    """A desk built as the desktop tests build it (tests/desktop/test_desk.start_desk: the
    app's own parts, a recording notifier, a silent chime), on an empty cache, its window
    shown, logging in."""
    from agent_app.net.client import Login
    from tests.desktop.test_desk import start_desk

    start = time.perf_counter()
    running = await start_desk(folder, relay.http, Login(AGENT_USER, AGENT_PASSWORD))
    desk = running.desk
    desk.window.show()
    # The client calls its listener, the desk; the watch sees each frame after the desk.
    watch = Watch(
        desk,
        desk_frame_received=desk.frame_received,
        desk_connection_changed=desk.connection_changed,
        expected=dict(expected),
        start=start,
    )
    desk.frame_received = watch.frame_received  # type: ignore[method-assign]
    desk.connection_changed = watch.connection_changed  # type: ignore[method-assign]
    return RunningApp(running, watch)


async def stop_app(app: RunningApp) -> None:
    from tests.helpers.desk import stop_desk

    await stop_desk(app.running)
    app.desk.ticker.stop()
    app.desk.window.deleteLater()


async def until(check: Callable[[], object], within: float = WAIT_LIMIT) -> bool:
    """Poll (the state lives in Qt models, which have nothing to await); False on timeout."""
    deadline = time.perf_counter() + within
    while not check():
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


def open_and_show(desk: Any, conversation: int) -> float:
    """Seconds from open_conversation until the transcript is laid out and painted."""
    view = desk.window.transcript
    start = time.perf_counter()
    desk.open_conversation(conversation)
    view.doItemsLayout()  # what Qt's posted layout would do on the next turn
    view.viewport().repaint()  # paints now (offscreen: into the window's backing store)
    elapsed = time.perf_counter() - start
    if desk.messages.rowCount() < MESSAGES:
        raise RuntimeError(f"conversation {conversation} shows {desk.messages.rowCount()}")
    return elapsed


# ---------------------------------------------------------------- goal 1: a fresh login


@dataclass
class LoginFigures:
    online: float | None = None
    rows: float | None = None
    listed: float | None = None
    held: float | None = None
    held_median: float | None = None
    opens: list[float] = field(default_factory=list)
    stalls: Stalls | None = None
    errors: Counter[str] = field(default_factory=Counter)
    reconnects: int = 0
    complete: int = 0


async def raw_login(relay: RelayProcess, limits: RelayConfig | None) -> LoginFigures:
    """The floor: a raw client logs in and fetches every transcript, as fast as the relay
    lets it (within its frame limit when there is one: a client past it is disconnected)."""
    from tests.helpers.clients import AgentClient

    start = time.perf_counter()
    client = await AgentClient.connect(relay.ws, user=AGENT_USER, password=AGENT_PASSWORD)
    welcome = await client.expect(frames.LoginOk, within=30)
    figures = LoginFigures(online=time.perf_counter() - start)
    figures.rows = figures.online
    wanted = {info.id: info.last_seq for info in welcome.conversations}
    # Each row's last message comes in the welcome; past the snapshot's bound it is null
    # and comes with the transcript (then counted when every transcript is held).
    told = all(info.last_message is not None for info in welcome.conversations)
    held = dict.fromkeys(wanted, 0)
    asks: asyncio.Queue[frames.Resume] = asyncio.Queue()
    for conversation in wanted:
        asks.put_nowait(frames.Resume(conversation=conversation, after_seq=0))
    # A burst, then a steady pace, each with a margin under the relay's bucket (its clock
    # sees the frames a little later than they leave).
    burst = limits.agent_frame_burst * 0.9 if limits is not None else float("inf")
    pace = 1 / (limits.agent_frames_per_second * 0.9) if limits is not None else 0.0

    async def send() -> None:
        begun = time.monotonic()
        for n in itertools.count():
            ask = await asks.get()
            await asyncio.sleep(max(0.0, begun + max(0.0, n - burst) * pace - time.monotonic()))
            await client.send(ask)

    sender = asyncio.create_task(send())
    done_at: list[float] = []
    try:
        while len(done_at) < len(wanted):
            history = await client.expect(frames.History, within=WAIT_LIMIT)
            held[history.conversation] += len(history.messages)
            if history.more and history.messages:
                asks.put_nowait(
                    frames.Resume(
                        conversation=history.conversation, after_seq=history.messages[-1].seq
                    )
                )
            elif held[history.conversation] >= wanted[history.conversation]:
                done_at.append(time.perf_counter() - start)
    finally:
        sender.cancel()
        await client.close()
    figures.held = done_at[-1]
    figures.listed = figures.online if told else figures.held
    figures.held_median = statistics.median(done_at)
    figures.errors = Counter(f.code.value for f in client.take_all(frames.Error))
    figures.complete = len(done_at)
    return figures


async def app_login(
    relay: RelayProcess, folder: Path, expected: dict[int, int], rng: random.Random
) -> LoginFigures:
    probe = GapProbe()
    probe.start()
    app = await start_app(relay, folder, expected)
    watch = app.watch
    try:
        await until(lambda: watch.held is not None)
        figures = LoginFigures(
            online=watch.online,
            rows=watch.rows,
            listed=watch.listed,
            held=watch.held,
            held_median=statistics.median(watch.held_at) if watch.held_at else None,
            stalls=Stalls.of(probe.stop()),
            errors=watch.errors,
            reconnects=watch.reconnects,
            complete=len(watch.held_at),
        )
        if watch.held is not None:
            await asyncio.sleep(0.5)  # let the cache writes and the first paint settle
            for conversation in rng.sample(sorted(expected), OPENED):
                figures.opens.append(open_and_show(app.desk, conversation))
                await asyncio.sleep(0.05)  # the details the relay sends back, shown
    finally:
        await stop_app(app)
    return figures


# ---------------------------------------------------------------- goal 2: visitors


def landing(n: int) -> frames.PageInfo:
    referrers = [
        "https://www.baidu.com/s?wd=%E9%9B%85%E6%80%9D%E5%9F%B9%E8%AE%AD",
        "https://www.google.com/",
        "",
        "https://weixin.qq.com/",
        "https://partner.example/links",
    ]
    return frames.PageInfo(
        url=f"https://school.example/p/{n % 97}?utm_source=bench",
        title=f"Courses, page {n % 97}",
        referrer=referrers[n % len(referrers)],
    )


async def _discard(ws: ClientConnection) -> None:
    try:
        async for _ in ws:
            pass
    except Exception:
        pass


async def generate_load(port: int, count: int, rate: float, seconds: float) -> None:
    """The load-generator process: `count` visitors, then on "go" `rate` changes a second."""
    origin = f"http://127.0.0.1:{port}"
    serial = itertools.count()
    drains: set[asyncio.Task[None]] = set()

    async def arrive() -> ClientConnection:
        n = next(serial)
        ws = await connect(
            f"ws://127.0.0.1:{port}/ws/visitor",
            origin=origin,  # type: ignore[arg-type]
            compression=None,
            max_queue=None,
        )
        hello = frames.Hello(v=PROTOCOL_VERSION, site="demo", page=landing(n))
        await ws.send(codec.visitor_relay_side.encode(hello).decode())
        await ws.recv()  # the welcome
        drain = asyncio.create_task(_discard(ws))
        drains.add(drain)
        drain.add_done_callback(drains.discard)
        return ws

    visitors = await open_many(count, arrive)
    print("ready", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.readline)
    rng = random.Random(2)
    arrivals = views = 0
    pending: set[asyncio.Task[Any]] = set()

    async def replace(old: ClientConnection) -> None:
        await old.close()
        visitors.append(await arrive())

    start = time.monotonic()
    for n in itertools.count():
        due = start + n / rate
        if due > start + seconds:
            break
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        if n % 2 == 0:
            task = asyncio.create_task(replace(visitors.pop(rng.randrange(len(visitors)))))
            pending.add(task)
            task.add_done_callback(pending.discard)
            arrivals += 1
        else:
            page = landing(rng.randrange(1000))
            view = frames.PageView(page=page)
            ws = rng.choice(visitors)
            await ws.send(codec.visitor_relay_side.encode(view).decode())
            views += 1
    await asyncio.gather(*pending, return_exceptions=True)
    print(f"done {arrivals} {views} {time.monotonic() - start:.1f}", flush=True)
    await loop.run_in_executor(None, sys.stdin.readline)
    await asyncio.gather(*(ws.close() for ws in visitors), return_exceptions=True)


def start_load_generator(
    relay: RelayProcess, visitors: int, rate: float, seconds: float
) -> subprocess.Popen[bytes]:
    command = [sys.executable, __file__, "--load-generator", str(relay.port), str(visitors)]
    return subprocess.Popen(
        [*command, "--rate", str(rate), "--seconds", str(seconds)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )


@dataclass
class VisitorFigures:
    visitors: int = 0
    login: float | None = None
    login_stalls: Stalls | None = None
    idle: Stalls | None = None
    busy: Stalls | None = None
    arrivals: int = 0
    views: int = 0
    generated_seconds: float = 0.0
    frames_idle: int = 0
    frames_busy: int = 0
    changes_busy: int = 0
    pop_ups: int = 0


async def visitor_traffic(
    relay: RelayProcess,
    folder: Path,
    expected: dict[int, int],
    visitors: int,
    rate: float,
    seconds: float,
    profile: Path | None,
) -> VisitorFigures:
    loop = asyncio.get_running_loop()
    generator = start_load_generator(relay, visitors, rate, seconds)
    assert generator.stdin is not None and generator.stdout is not None
    stdin, stdout = generator.stdin, generator.stdout
    figures = VisitorFigures(visitors=visitors)
    try:
        line = await loop.run_in_executor(None, stdout.readline)
        if line.strip() != b"ready":
            raise RuntimeError(f"the load generator said {line!r}")
        probe = GapProbe()
        probe.start()
        app = await start_app(relay, folder, expected)
        desk, watch = app.desk, app.watch
        try:
            if not await until(lambda: desk.visitors.rowCount() >= visitors):
                raise RuntimeError(f"the list shows {desk.visitors.rowCount()} visitors")
            figures.login = time.perf_counter() - watch.start
            await until(lambda: watch.held is not None)  # the chats' transcripts, fetched
            figures.login_stalls = Stalls.of(probe.stop())
            await asyncio.sleep(3)  # the first ticks and paints after the login
            before = watch.visitor_frames
            probe.start()
            await asyncio.sleep(seconds)
            figures.idle = Stalls.of(probe.stop())
            figures.frames_idle = watch.visitor_frames - before
            before, changes, pop_ups = watch.visitor_frames, watch.visitor_changes, 0
            pop_ups = app.pop_ups()
            stdin.write(b"go\n")
            stdin.flush()
            probe.start()
            with profiled(profile, "visitor_traffic"):
                done = await loop.run_in_executor(None, stdout.readline)
                await asyncio.sleep(1.5)  # the relay's last batch
            figures.busy = Stalls.of(probe.stop())
            figures.frames_busy = watch.visitor_frames - before
            figures.changes_busy = watch.visitor_changes - changes
            figures.pop_ups = app.pop_ups() - pop_ups
            _, arrivals, views, generated = done.split()
            figures.arrivals, figures.views = int(arrivals), int(views)
            figures.generated_seconds = float(generated)
        finally:
            await stop_app(app)
        stdin.write(b"stop\n")
        stdin.flush()
        generator.wait(30)
    finally:
        if generator.poll() is None:
            generator.kill()
            generator.wait()
    return figures


# ---------------------------------------------------------------- report


def seconds_text(value: float | None) -> str:
    return "incomplete" if value is None else f"{value:.2f} s"


def ms_text(value: float | None) -> str:
    return "—" if value is None else f"{value * 1000:.0f} ms"


def ratio_text(app: float | None, floor: float | None) -> str:
    if app is None or floor is None or floor <= 0:
        return ""
    return f"{app / floor:.1f}×"


def verdict(value: float | None, goal: float) -> str:
    return "MISSED" if value is None or value > goal else "met"


def report_login(
    title: str, conversations: int, raw: list[LoginFigures], app: list[LoginFigures]
) -> None:
    def median(values: list[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return statistics.median(known) if len(known) == len(values) and known else None

    print(f"\n{title} (median of {len(app)} round{'s' if len(app) > 1 else ''})")
    print(f"{'':<46}{'raw client':>12}{'app':>12}{'ratio':>8}   goal")
    rows = [
        ("logged in (welcome handled)", "online", ""),
        (f"all {conversations} conversations listed", "rows", ""),
        ("… each with its last message", "listed", f"≤ {LIST_GOAL:.0f} s"),
        ("half of the transcripts held", "held_median", ""),
        ("every transcript held", "held", ""),
    ]
    for label, name, goal in rows:
        r = median([getattr(f, name) for f in raw])
        a = median([getattr(f, name) for f in app])
        met = f": {verdict(a, LIST_GOAL)}" if goal else ""
        print(
            f"{label:<46}{seconds_text(r):>12}{seconds_text(a):>12}"
            f"{ratio_text(a, r):>8}   {goal}{met}"
        )
    opens = [t for f in app for t in f.opens]
    if opens:
        worst = max(opens)
        print(
            f"{'open a conversation: median, max':<46}{'':>12}"
            f"{ms_text(statistics.median(opens)) + ', ' + ms_text(worst):>12}"
            f"{'':>8}   ≤ {OPEN_GOAL * 1000:.0f} ms: {verdict(worst, OPEN_GOAL)}"
        )
    stalls = [f.stalls for f in app if f.stalls is not None]
    if stalls:
        stall = max(stalls, key=lambda s: s.longest)
        print(
            f"{'longest UI stall during the login':<46}{'':>12}{stall.longest:>9.0f} ms"
            f"   ({stall.longest_cpu:.0f} ms of it UI-thread CPU)"
        )
    for kind, figures in (("raw client", raw), ("app", app)):
        errors = sum((f.errors for f in figures), Counter[str]())
        reconnects = sum(f.reconnects for f in figures)
        incomplete = [f.complete for f in figures if f.complete < conversations]
        if errors or reconnects or incomplete:
            print(
                f"  {kind}: relay errors {dict(errors) or 'none'}, reconnects {reconnects}"
                + (f", transcripts complete {incomplete}" if incomplete else "")
            )


def report_visitors(figures: VisitorFigures, seconds: float) -> None:
    idle, busy = figures.idle, figures.busy
    assert idle is not None and busy is not None
    rate = (figures.arrivals + figures.views) / max(figures.generated_seconds, 1e-9)
    print(
        f"\n{figures.visitors:,} visitors on the list (real widget connections), "
        f"{seconds:.0f} s per phase"
    )
    print(
        f"traffic: {figures.arrivals} arrivals (each with a departure) and {figures.views} "
        f"page views in {figures.generated_seconds:.0f} s, {rate:.0f} changes/s; "
        f"{figures.frames_busy} visitors frames told {figures.changes_busy} changes; "
        f"{figures.pop_ups} pop-ups"
    )
    print(f"login with {figures.visitors:,} visitors listed: {seconds_text(figures.login)}", end="")
    if figures.login_stalls is not None:
        stalls = figures.login_stalls
        print(
            f", longest UI stall meanwhile {stalls.longest:.0f} ms"
            f" ({stalls.longest_cpu:.0f} ms of it UI-thread CPU)"
        )
    print(
        f"{'UI thread (5 ms timer)':<34}{'idle (baseline)':>16}{'traffic':>12}{'ratio':>8}   goal"
    )
    print(
        f"{'longest gap (ms)':<34}{idle.longest:>16.1f}{busy.longest:>12.1f}"
        f"{busy.longest / idle.longest:>7.1f}×   ≤ {STALL_GOAL:.0f} ms: "
        f"{verdict(busy.longest, STALL_GOAL)}"
    )
    print(f"{'gap p99 (ms)':<34}{idle.p99:>16.1f}{busy.p99:>12.1f}{busy.p99 / idle.p99:>7.1f}×")
    print(
        f"{'… UI-thread CPU within it (ms)':<34}{idle.longest_cpu:>16.1f}{busy.longest_cpu:>12.1f}"
    )
    print(
        f"{'most UI-thread CPU in one gap (ms)':<34}{idle.busiest:>16.1f}{busy.busiest:>12.1f}"
        f"{busy.busiest / max(idle.busiest, 0.1):>7.1f}×"
    )
    print(f"{'gaps over 50 ms':<34}{idle.over_goal:>16}{busy.over_goal:>12}")
    print(f"{'timer firings':<34}{idle.ticks:>16}{busy.ticks:>12}")


# ---------------------------------------------------------------- main


async def main(
    quick: bool, profile: Path | None, visitors: int | None, seconds: float | None
) -> None:
    rounds = 1 if quick else 3
    conversations = 200 if quick else CONVERSATIONS
    visitors = visitors or (1000 if quick else 5000)
    seconds = seconds or (8.0 if quick else 30.0)
    visitor_conversations = 100
    rng = random.Random(7)
    expected: dict[int, int] = {}
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as scratch:
        base = Path(scratch)
        started = time.perf_counter()
        await seed(base / "login", conversations, MESSAGES)
        print(
            f"seeded {conversations} open conversations of {MESSAGES} messages "
            f"in {time.perf_counter() - started:.1f} s"
        )
        folders = (fresh_folder(base / f"app-{n}") for n in itertools.count())
        # Quick: the app's own cost only (with the default limits a login waits ~7 s for
        # the relay's frame limit, and longer when a client trips it).
        configurations = [("agent frame limit lifted", LIFTED)]
        if not quick:
            configurations.insert(0, ("relay's default limits", {}))
        for title, settings in configurations:
            relay = start_relay(base / "login", settings)
            limits = None if settings else RelayConfig()
            raw: list[LoginFigures] = []
            app: list[LoginFigures] = []
            try:
                for _ in range(rounds):
                    raw.append(await raw_login(relay, limits))
                    if not expected:
                        expected = await known_conversations(relay)
                    with profiled(profile, "login"):
                        app.append(await app_login(relay, next(folders), expected, rng))
            finally:
                relay.stop()
            report_login(f"Fresh login, {title}", conversations, raw, app)

        await seed(base / "visitors", visitor_conversations, 20)
        relay = start_relay(base / "visitors", {})
        try:
            chats = await known_conversations(relay)
            figures = await visitor_traffic(
                relay, next(folders), chats, visitors, 50.0, seconds, profile
            )
        finally:
            relay.stop()
        print(f"\n(the app also holds {visitor_conversations} open conversations of 20 messages)")
        report_visitors(figures, seconds)


def fresh_folder(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


async def known_conversations(relay: RelayProcess) -> dict[int, int]:
    from tests.helpers.clients import AgentClient

    client = await AgentClient.connect(relay.ws, user=AGENT_USER, password=AGENT_PASSWORD)
    try:
        welcome = await client.expect(frames.LoginOk, within=30)
    finally:
        await client.close()
    return {info.id: info.last_seq for info in welcome.conversations}


def run_on_qt(main: Coroutine[Any, Any, None]) -> None:
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from agent_app.runtime import EventLoop

    def quiet(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" not in message:  # the offscreen platform says so per window
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    application = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(application, QApplication)
    application.setQuitOnLastWindowClosed(False)  # each login's window closes after it
    loop = EventLoop(application)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(main)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one short round, 1,000 visitors")
    parser.add_argument("--profile", type=Path, help="write cProfile statistics here")
    parser.add_argument("--visitors", type=int, help="visitors on the site (5,000)")
    parser.add_argument("--seconds", type=float, help="seconds per visitor phase (30)")
    parser.add_argument("--load-generator", nargs=2, type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rate", type=float, default=50.0, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.load_generator:
        port, count = arguments.load_generator
        run_bench(generate_load(port, count, arguments.rate, arguments.seconds or 30.0))
    else:
        run_on_qt(main(arguments.quick, arguments.profile, arguments.visitors, arguments.seconds))
