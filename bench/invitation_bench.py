"""Invitation rules on page views: the relay's CPU per page view on a site with 20 rules
against the same traffic on a site with none, in the same relay process.

Issue 14 makes every visitor hello and page view on a site with invitation rules run
`relay/features/invitations.py` `consider`: the site's setup (cached 5 s), the visitor's
invitation history and last chat from the store, the rules' decision (`decide`), and a
timer or an invitation. A site without rules stops after the cached setup.

One relay (`parley-relay serve`, SQLite as it ships) serves two sites, `plain` (no rules)
and `rules` (20 rules, the site's policy once a visit, an agent with room needed), with
one agent Online. Each phase opens a fresh cohort of visitors on one site (hello from
varied addresses through a trusted proxy, so that places resolve, varied browsers,
languages and arrivals: Baidu, paid search, Google, Zhihu, direct), lets them browse
(each views a page every few seconds on average, Poisson), then closes them and waits
for what they started to finish (rules: the invitations' expiry). Only one cohort is
connected at a time, so that idle visitors' timers do not fire in the other's phase.
Phases alternate plain, rules, rules, plain (two rounds) so that both see the same
machine. A visitor's widget answers an invitation with `invitation_shown`, as the real
one does, and ignores it (it expires).

Printed per site: page views, relay CPU per page view while browsing (the headline),
CPU per page view including the cohort's leaving and the invitations' expiry, page views
one core would handle at that cost, invitations sent, and the ratio rules / plain.

The decision's latency on the relay (p50/p99) is measured without touching the relay's
code: the relay runs under this file's `--timed-relay` launcher, which wraps
`relay.features.invitations.consider` (wall time from the handler's call to its return:
the setup, two store reads and three more for a site with a pages-viewed rule, as here,
`decide`, the timer or the invitation sent, and whatever else the event loop ran
meanwhile) and `decide` (a plain call: its CPU, unless the GIL went to another thread) in
the relay process, recording only between SIGUSR1 and SIGUSR2. `--plain` runs the relay
as shipped, without the wrappers, and prints no latencies (the CPU figures agree).

Run:  .venv/bin/python bench/invitation_bench.py            (about two minutes)
      .venv/bin/python bench/invitation_bench.py --quick    (one round of 5 s phases)
      .venv/bin/python bench/invitation_bench.py --profile  (the rules phases under
      cProfile on the loop thread's CPU time; the top functions printed; figures inflated)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
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

PLAIN_SITE, RULES_SITE = "plain", "rules"
ORIGIN = "https://www.northwind.example"
HOST = "www.northwind.example"
AGENT_USER, AGENT_PASSWORD = "bench", "bench-password"
CONNECT_BATCH = 200
WARM_UP_SECONDS = 2.0
INVITATION_TIMEOUT = 20.0  # the site's setting (the default): an unanswered one expires
MODE_NOTES = {
    "timed": "consider and decide timed",
    "plain": "the relay as shipped",
    "profile": "under cProfile: the rules' CPU figures are inflated",
}
GEO_DIR = ROOT / "data" / "geo"  # `parley-relay geo update`; without it places stay empty


# ---------------------------------------------------------------- the rules site


def rules_setup(now: float, *, pages_viewed_rule: bool = True) -> str:
    """The `rules` site's setup document: a language school's 20 rules, as an admin would
    write them (relay/core/invitations/setup.py; the store keeps this JSON)."""
    from relay.core.invitations.setup import SetupDocument, write_document

    def rule(rule_id: str, name: str, text: str, **fields: Any) -> frames.RuleSpec:
        conditions = frames.RuleConditions(**fields.pop("when"))
        return frames.RuleSpec(
            id=rule_id, name=name, text=text, conditions=conditions, changed_at=now, **fields
        )

    rules = [
        rule(
            "prices-linger",
            "Reading the prices",
            "Questions about the fees, {visitor.name}? We can help you pick a course.",
            when={"page_url": ["/prices*"], "time_on_page": 15},
        ),
        rule(
            "ielts-baidu",
            "IELTS from Baidu",
            "想了解雅思课程吗？老师在线为您解答。",
            when={
                "engine": "Baidu",
                "keyword_contains": "雅思",
                "page_url": ["/courses/ielts*"],
                "time_on_page": 10,
            },
        ),
        rule(
            "course-ab",
            "Course pages (A/B)",
            "Which course suits you? Ask us.",
            when={"page_url": ["/courses/*"], "time_on_page": 20},
            variants=[
                frames.VariantSpec(name="short"),
                frames.VariantSpec(
                    name="free trial",
                    text="This week: a free trial lesson for {visitor.city}. Shall we book one?",
                    style="bubble",
                    delay=10,
                ),
            ],
            experiment=frames.ExperimentSpec(baseline=0.03, target=0.045),
        ),
        rule(
            "hangzhou",
            "Hangzhou visitors",
            "杭州的朋友您好！西湖校区本周有免费试听课。",
            when={"places": ["中国/浙江省/杭州市"], "time_on_page": 8},
        ),
        rule(
            "beijing-shanghai",
            "Beijing and Shanghai",
            "北京、上海校区开放报名，欢迎咨询。",
            when={
                "places": ["中国/北京", "中国/上海"],
                "page_url": ["/courses/*", "/schedule*"],
                "time_on_page": 12,
            },
        ),
        rule(
            "guangdong",
            "Guangdong",
            "广州校区的老师在线，有问题随时问。",
            when={"places": ["中国/广东省"], "time_on_page": 25},
        ),
        rule(
            "uk-english",
            "UK visitors",
            "Hello from Northwind! Studying in the UK? Ask about our online IELTS.",
            when={"places": ["GB"], "language": ["en"], "time_on_page": 20},
        ),
        rule(
            "paid-landing",
            "Paid search landing",
            "Welcome! Our spring offer ends on Friday: any questions?",
            when={"source": ["paid_search"], "landing_url": ["/lp/*"]},
            delay=5,
        ),
        rule(
            "fourth-page",
            "Fourth page on courses",
            "You have seen a few of our pages: can we help you choose?",
            when={"pages_viewed": 4, "page_url": ["/courses/*", "/prices*", "/schedule*"]},
        ),
        rule(
            "contact",
            "Contact page",
            "Rather chat than call? We are here.",
            when={"page_url": ["/contact*"], "time_on_page": 30},
        ),
        rule(
            "enrol-help",
            "Stuck enrolling",
            "Need a hand with the enrolment form?",
            when={"page_url": ["/enrol*"], "time_on_page": 20},
            policy=frames.InvitationPolicySpec(
                frequency="repeat", repeat_every=120, max_per_visit=2
            ),
        ),
        rule(
            "mobile",
            "Mobile visitors",
            "Chat with us here, no app needed.",
            when={"device": ["mobile"], "time_on_page": 40},
            style="bubble",
        ),
        rule(
            "tablet",
            "Tablet visitors",
            "Questions? Tap here to chat.",
            when={"device": ["tablet"], "time_on_page": 40},
        ),
        rule(
            "social-referral",
            "From Zhihu, Douban, Xiaohongshu",
            "从知乎/豆瓣/小红书来的？看看学员的真实评价，有问题问我们。",
            when={
                "referrer_domain": ["zhihu.com", "douban.com", "xiaohongshu.com"],
                "time_on_page": 15,
            },
        ),
        rule(
            "google-english",
            "English speakers from Google",
            "Looking for an English course in China? Ask us anything.",
            when={"engine": "Google", "language": ["en"], "time_on_page": 25},
        ),
        rule(
            "toefl-keyword",
            "TOEFL searches",
            "托福备考有疑问？老师在线。",
            when={"keyword_contains": "托福", "time_on_page": 10},
        ),
        rule(
            "business-hours",
            "Business English in office hours",
            "Our business English advisers are in: chat now.",
            when={
                "business_hours": True,
                "page_url": ["/courses/business-english*"],
                "time_on_page": 15,
            },
        ),
        rule(
            "long-stay",
            "Three minutes on the site",
            "Still looking? We can answer in a minute.",
            when={"time_on_site": 180},
        ),
        rule(
            "blog-reader",
            "Blog readers",
            "Enjoying the article? Our teachers wrote it: ask them.",
            when={"page_url": ["/blog/*"], "time_on_page": 60},
        ),
        rule(
            "returning",
            "Returning visitors",
            "Welcome back! Pick up where you left off?",
            when={"returning": True, "time_on_page": 10},
        ),
    ]
    if not pages_viewed_rule:  # its condition costs the store reads of the visitor's path
        rules = [r for r in rules if r.conditions.pages_viewed is None]
    settings = frames.InvitationSettings(
        greeting="Hello! Can we help?",
        timeout=INVITATION_TIMEOUT,
        auto_reply="Sorry we missed you: leave a message and we will write back.",
        policy=frames.InvitationPolicySpec(
            frequency="once_per_visit",
            needs_agent_with_room=True,
            excluded_pages=["/checkout*", "/account/*"],
        ),
        business_hours="mon-fri 09:00-21:00; sat-sun 10:00-18:00",
        time_zone="Asia/Shanghai",
    )
    return write_document(SetupDocument(settings=settings, rules=rules))


async def prepare_store(data_dir: Path, *, pages_viewed_rule: bool) -> None:
    """Both sites, the agent and the rules, written to the store before the relay starts."""
    from relay.config import RelayConfig
    from relay.core.credentials import hash_password
    from relay.store import build_store

    store = build_store(RelayConfig(data_dir=str(data_dir)))
    await store.open()
    try:
        now = time.time()
        await store.add_site(PLAIN_SITE, "Northwind (no rules)", [ORIGIN], now)
        site = await store.add_site(RULES_SITE, "Northwind (rules)", [ORIGIN], now)
        await store.add_agent(AGENT_USER, "Bench", "agent", hash_password(AGENT_PASSWORD), now)
        saved = await store.save_invitation_setup(
            site.id, rules_setup(now, pages_viewed_rule=pages_viewed_rule), 0
        )
        assert saved, "the rules were not saved"
    finally:
        await store.close()


# ---------------------------------------------------------------- the relay


@dataclass
class Relay:
    process: subprocess.Popen[bytes]
    port: int
    stats_file: Path | None  # --timed-relay's or --profile's output, when used
    recorded_sites: tuple[str, ...] = (PLAIN_SITE, RULES_SITE)  # profiled: the rules only

    def cpu_seconds(self) -> float:
        import psutil

        times = psutil.Process(self.process.pid).cpu_times()
        return float(times.user + times.system)

    def loop_thread_seconds(self) -> float:
        """CPU of the event loop's thread alone (the rest: SQLite's reader thread,
        checkpoints, password checks)."""
        import psutil

        for thread in psutil.Process(self.process.pid).threads():
            if thread.id == self.process.pid:
                return float(thread.user_time + thread.system_time)
        return float("nan")

    def signal(self, signum: int, site: str) -> None:
        """SIGUSR1/SIGUSR2 to the timed or profiled relay: record this phase, or stop."""
        if self.stats_file is not None and site in self.recorded_sites:
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
    env = {
        **os.environ,
        **UNLIMITED,
        "PYTHONPATH": str(ROOT),
        "PARLEY_DEMO": "false",
        "PARLEY_TRUSTED_PROXIES": "127.0.0.1",
    }
    if GEO_DIR.is_dir():
        env["PARLEY_GEO_DIR"] = str(GEO_DIR)
    serve = ["serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data_dir)]
    python = sys.executable
    if mode == "plain":
        command, stats = [python, "-m", "relay", *serve], None
    elif mode == "timed":
        command, stats = [python, __file__, "--timed-relay", str(stats_file), *serve], stats_file
    else:
        command = [python, __file__, "--profiled-relay", str(stats_file), *serve]
        stats = stats_file
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    _wait_listening(process)
    assert process.stdout is not None
    drain = process.stdout
    threading.Thread(target=lambda: drain.read(), daemon=True).start()  # never a full pipe
    relay = Relay(process, port, stats)
    if mode == "profile":
        relay.recorded_sites = (RULES_SITE,)
    return relay


def timed_relay(stats_file: str, argv: list[str]) -> int:
    """The relay's own command line, with `consider` and `decide` timed (see the module's
    docstring); the samples go to `stats_file` as JSON when the relay returns."""
    import relay.features.invitations as feature
    from relay.cli import main as relay_main
    from relay.core.invitations import Nothing
    from relay.core.invitations import decide as original_decide

    recording = [False]
    consider_ms: dict[str, list[float]] = {}
    decide_us: list[float] = []
    outcomes: Counter[str] = Counter()
    original_consider = feature.consider

    async def consider(peer: Any, trigger: str = "page") -> None:
        if not recording[0]:
            return await original_consider(peer, trigger)
        start = time.perf_counter()
        try:
            return await original_consider(peer, trigger)
        finally:
            elapsed = (time.perf_counter() - start) * 1000
            consider_ms.setdefault(peer.site.key, []).append(elapsed)

    def decide(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        decision = original_decide(*args, **kwargs)
        if recording[0]:
            decide_us.append((time.perf_counter() - start) * 1e6)
            outcomes[
                decision.reason.value
                if isinstance(decision, Nothing)
                else ("show_now" if decision.at <= args[4] else "show_later")
            ] += 1
        return decision

    # `consider` is looked up in the module when the handlers and timers call it.
    setattr(feature, "consider", consider)  # noqa: B010 - patched where it is looked up
    setattr(feature, "decide", decide)  # noqa: B010

    def switch(signum: int, frame: FrameType | None) -> None:
        recording[0] = signum == signal.SIGUSR1

    signal.signal(signal.SIGUSR1, switch)
    signal.signal(signal.SIGUSR2, switch)
    try:
        return relay_main(argv)
    finally:
        stats = {"consider_ms": consider_ms, "decide_us": decide_us, "outcomes": outcomes}
        Path(stats_file).write_text(json.dumps(stats))


# ---------------------------------------------------------------- visitors


@dataclass(frozen=True)
class Profile:
    """Who a visitor is to the relay: address, browser, language, and how they arrived."""

    address: str
    user_agent: str
    language: str
    landing: str
    referrer: str


PLACES = (  # (weight, addresses' first three octets, Accept-Language): located by data/geo
    (20, "115.236.12", "zh-CN,zh;q=0.9"),  # 中国/浙江省/杭州市
    (15, "123.125.71", "zh-CN,zh;q=0.9"),  # 中国/北京
    (15, "58.247.10", "zh-CN,zh;q=0.9,en;q=0.8"),  # 中国/上海
    (20, "183.62.1", "zh-CN,zh;q=0.9"),  # 中国/广东省/广州市
    (10, "81.2.69", "en-GB,en;q=0.9"),  # GB/England/London
    (10, "8.8.8", "en-US,en;q=0.9"),  # US
    (10, "24.48.0", "en-CA,en;q=0.9,fr;q=0.8"),  # CA
)
BROWSERS = (
    (
        60,
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Safari/537.36",
    ),
    (
        30,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
    ),
    (
        10,
        "Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
        "Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
    ),
)
ARRIVALS = (  # (weight, landing path, referrer)
    (25, "/courses/ielts", "https://www.baidu.com/s?wd=%E9%9B%85%E6%80%9D%E5%9F%B9%E8%AE%AD"),
    (10, "/courses/toefl", "https://www.baidu.com/s?wd=%E6%89%98%E7%A6%8F%E8%AF%BE%E7%A8%8B"),
    (10, "/lp/spring?bd_vid=8214&utm_medium=cpc", "https://www.baidu.com/"),
    (15, "/", "https://www.google.com/"),
    (10, "/blog/ielts-writing-tips", "https://www.zhihu.com/question/2917"),
    (30, "/", ""),
)
PAGES = (  # (weight, path): what visitors go on to view
    (15, "/"),
    (10, "/prices"),
    (12, "/courses/ielts"),
    (8, "/courses/toefl"),
    (8, "/courses/business-english"),
    (5, "/courses/kids"),
    (7, "/schedule"),
    (8, "/teachers/{n}"),
    (12, "/blog/{n}"),
    (5, "/contact"),
    (4, "/enrol"),
    (2, "/checkout"),
    (2, "/account/orders"),
    (2, "/about"),
)


def _pick(rng: random.Random, table: tuple[tuple[Any, ...], ...]) -> tuple[Any, ...]:
    return rng.choices(table, weights=[row[0] for row in table])[0]


def profiles(count: int, seed: int) -> list[Profile]:
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        _, prefix, language = _pick(rng, PLACES)
        _, user_agent = _pick(rng, BROWSERS)
        _, landing, referrer = _pick(rng, ARRIVALS)
        address = f"{prefix}.{rng.randint(1, 254)}"
        made.append(Profile(address, user_agent, language, f"https://{HOST}{landing}", referrer))
    return made


def page_url(rng: random.Random) -> str:
    _, path = _pick(rng, PAGES)
    return f"https://{HOST}{path.format(n=rng.randint(1, 40))}"


@dataclass
class Cohort:
    site: str
    visitors: list[ClientConnection] = field(default_factory=list)
    readers: list[asyncio.Task[None]] = field(default_factory=list)
    invitations: int = 0


async def open_visitor(relay: Relay, profile: Profile) -> ClientConnection:
    ws = await connect(
        f"ws://127.0.0.1:{relay.port}/ws/visitor",
        origin=ORIGIN,  # type: ignore[arg-type]
        user_agent_header=profile.user_agent,
        additional_headers={
            "X-Forwarded-For": profile.address,
            "Accept-Language": profile.language,
        },
        compression=None,
        max_queue=None,
    )
    return ws


async def join(relay: Relay, cohort: Cohort, profile: Profile) -> None:
    ws = await open_visitor(relay, profile)
    page = frames.PageInfo(url=profile.landing, title="Northwind", referrer=profile.referrer)
    hello = frames.Hello(v=PROTOCOL_VERSION, site=cohort.site, page=page)
    await ws.send(codec.visitor_relay_side.encode(hello).decode())
    welcome = codec.visitor_client_side.decode(await ws.recv(decode=False))
    assert isinstance(welcome, frames.Welcome), welcome
    cohort.visitors.append(ws)
    cohort.readers.append(asyncio.create_task(widget(ws, cohort)))


async def widget(ws: ClientConnection, cohort: Cohort) -> None:
    """What the widget does with what the relay sends: an invitation is shown (and then
    left unanswered); everything else is read and dropped."""
    with contextlib.suppress(Exception):
        async for data in ws:
            if isinstance(data, str) and '"type":"invitation"' in data:
                invitation = msgspec.json.decode(data)
                cohort.invitations += 1
                shown = frames.InvitationShown(id=invitation["id"])
                await ws.send(codec.visitor_relay_side.encode(shown).decode())


async def open_cohort(relay: Relay, site: str, count: int, seed: int) -> Cohort:
    cohort = Cohort(site)
    people = profiles(count, seed)
    for start in range(0, count, CONNECT_BATCH):
        batch = people[start : start + CONNECT_BATCH]
        await asyncio.gather(*(join(relay, cohort, p) for p in batch))
    return cohort


async def close_cohort(cohort: Cohort) -> None:
    for start in range(0, len(cohort.visitors), CONNECT_BATCH):
        batch = cohort.visitors[start : start + CONNECT_BATCH]
        await asyncio.gather(*(ws.close() for ws in batch), return_exceptions=True)
    for task in cohort.readers:
        task.cancel()
    await asyncio.gather(*cohort.readers, return_exceptions=True)


async def browse(cohort: Cohort, interval: float, seconds: float, seed: int) -> int:
    """Each visitor views a page every `interval` seconds on average (Poisson arrivals
    over the cohort); returns the number of page views sent."""
    rng = random.Random(seed)
    rate = len(cohort.visitors) / interval
    views = 0
    deadline = time.perf_counter() + seconds
    next_at = time.perf_counter()
    while True:
        next_at += rng.expovariate(rate)
        if next_at >= deadline:
            return views
        await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
        ws = rng.choice(cohort.visitors)
        view = frames.PageView(page=frames.PageInfo(url=page_url(rng), title="Northwind"))
        with contextlib.suppress(Exception):
            await ws.send(codec.visitor_relay_side.encode(view).decode())
            views += 1


# ---------------------------------------------------------------- the agent


async def open_agent(relay: Relay, invitations: list[int]) -> tuple[ClientConnection, Any]:
    """The one agent, Online with room for chats; counts the invitations agents are told of."""
    ws = await connect(
        f"ws://127.0.0.1:{relay.port}/ws/agent",
        compression=None,
        max_queue=None,
        max_size=2**24,
    )
    login = frames.Login(v=PROTOCOL_VERSION, user=AGENT_USER, password=AGENT_PASSWORD)
    await ws.send(codec.agent_relay_side.encode(login))
    welcome = codec.agent_client_side.decode(await ws.recv(decode=False))
    assert isinstance(welcome, frames.LoginOk), welcome

    async def read() -> None:
        with contextlib.suppress(Exception):
            async for data in ws:
                frame = codec.agent_client_side.decode(data)
                if isinstance(frame, frames.Invitations):
                    invitations[0] += sum(i.status == "sent" for i in frame.invitations)

    return ws, asyncio.create_task(read())


# ---------------------------------------------------------------- phases


@dataclass
class Phase:
    site: str
    views: int
    browse_seconds: float
    browse_cpu: float  # relay CPU seconds while the cohort browsed
    browse_loop_cpu: float  # of which the event loop's thread
    tail_seconds: float  # from the end of browsing to the end of the phase
    tail_cpu: float  # the cohort leaving and (rules) its invitations expiring
    invitations: int


async def phase(
    relay: Relay, site: str, visitors: int, interval: float, seconds: float, seed: int
) -> Phase:
    cohort = await open_cohort(relay, site, visitors, seed)
    await asyncio.sleep(WARM_UP_SECONDS)
    relay.signal(signal.SIGUSR1, site)
    start, start_cpu = time.perf_counter(), relay.cpu_seconds()
    start_loop = relay.loop_thread_seconds()
    views = await browse(cohort, interval, seconds, seed)
    browsed, browsed_cpu = time.perf_counter(), relay.cpu_seconds()
    browsed_loop = relay.loop_thread_seconds()
    await close_cohort(cohort)
    # Rules: an invitation sent at the end of browsing expires INVITATION_TIMEOUT later.
    await asyncio.sleep(INVITATION_TIMEOUT + 1.5 if site == RULES_SITE else 1.5)
    end, end_cpu = time.perf_counter(), relay.cpu_seconds()
    relay.signal(signal.SIGUSR2, site)
    return Phase(
        site,
        views,
        browse_seconds=browsed - start,
        browse_cpu=browsed_cpu - start_cpu,
        browse_loop_cpu=browsed_loop - start_loop,
        tail_seconds=end - browsed,
        tail_cpu=end_cpu - browsed_cpu,
        invitations=cohort.invitations,
    )


async def idle_share(relay: Relay, seconds: float) -> float:
    start, start_cpu = time.perf_counter(), relay.cpu_seconds()
    await asyncio.sleep(seconds)
    return (relay.cpu_seconds() - start_cpu) / (time.perf_counter() - start)


# ---------------------------------------------------------------- the run


def _us(seconds: float, views: int) -> float:
    return seconds / views * 1e6 if views else float("nan")


async def main(
    visitor_count: int,
    interval: float,
    seconds: float,
    rounds: int,
    mode: str,
    *,
    pages_viewed_rule: bool = True,
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch) / "data"
        await prepare_store(data_dir, pages_viewed_rule=pages_viewed_rule)
        relay = start_relay(data_dir, mode, Path(scratch) / "stats")
        agent_invitations = [0]
        try:
            agent, agent_reader = await open_agent(relay, agent_invitations)
            await asyncio.sleep(1.0)
            idle = await idle_share(relay, 3.0)
            phases: list[Phase] = []
            for number in range(rounds):
                order = (PLAIN_SITE, RULES_SITE) if number % 2 == 0 else (RULES_SITE, PLAIN_SITE)
                for site in order:
                    # Both sites get the same visitors and the same page views in a round.
                    done = await phase(relay, site, visitor_count, interval, seconds, number)
                    phases.append(done)
                    print(
                        f"round {number + 1}/{rounds} {site:<6} {done.views:>6,} views in "
                        f"{done.browse_seconds:.1f} s, relay "
                        f"{done.browse_cpu / done.browse_seconds:.0%} of a core, "
                        f"{_us(done.browse_cpu, done.views):.0f} µs/view, "
                        f"{done.invitations} invitations",
                        flush=True,
                    )
            agent_reader.cancel()
            await agent.close()
        finally:
            relay.stop()
        stats = relay.stats_file.read_bytes() if relay.stats_file is not None else b""
        if mode == "profile" and relay.stats_file is not None:
            print_profile(relay.stats_file)
    rule_count = 20 if pages_viewed_rule else 19
    report(
        phases,
        idle,
        agent_invitations[0],
        visitor_count,
        interval,
        seconds,
        mode,
        stats,
        rule_count,
    )


def report(
    phases: list[Phase],
    idle: float,
    agent_invitations: int,
    visitor_count: int,
    interval: float,
    seconds: float,
    mode: str,
    stats: bytes,
    rule_count: int,
) -> None:
    def of(site: str) -> list[Phase]:
        return [p for p in phases if p.site == site]

    figures: dict[str, dict[str, float]] = {}
    for site in (PLAIN_SITE, RULES_SITE):
        done = of(site)
        views = sum(p.views for p in done)
        browse_cpu = sum(p.browse_cpu for p in done)
        # The phase's whole cost: browsing, the cohort leaving, the invitations expiring;
        # the relay's idle share over the tail is taken off (the tails differ in length).
        all_cpu = browse_cpu + sum(p.tail_cpu - idle * p.tail_seconds for p in done)
        figures[site] = {
            "views": views,
            "rate": views / sum(p.browse_seconds for p in done),
            "share": browse_cpu / sum(p.browse_seconds for p in done),
            "per_view": _us(browse_cpu, views),
            "per_view_loop": _us(sum(p.browse_loop_cpu for p in done), views),
            "per_view_all": _us(all_cpu, views),
            "invitations": sum(p.invitations for p in done),
        }
    plain, rules = figures[PLAIN_SITE], figures[RULES_SITE]
    print()
    print(
        f"{visitor_count:,} visitors per phase, a page view each every {interval:g} s on "
        f"average, {seconds:g} s of browsing per phase, {len(phases) // 2} round(s); one "
        f"relay process (SQLite, durability full), one agent Online; relay idle "
        f"{idle:.1%} of a core ({MODE_NOTES[mode]})"
    )
    print(f"{'':<52}{'no rules':>12}{f'{rule_count} rules':>12}{'ratio':>9}")

    def row(label: str, key: str, shown: str, ratio: bool = True) -> None:
        cells = f"{shown.format(plain[key]):>12}{shown.format(rules[key]):>12}"
        times = f"{rules[key] / plain[key]:>8.2f}×" if ratio and plain[key] else ""
        print(f"{label:<52}{cells}{times}")

    row("page views", "views", "{:,.0f}", ratio=False)
    row("page views per second (offered, all handled)", "rate", "{:,.0f}", ratio=False)
    row("relay CPU while browsing (share of a core)", "share", "{:.1%}")
    row("relay CPU per page view, browsing (µs)", "per_view", "{:,.0f}")
    row("  of which the event loop's thread (µs)", "per_view_loop", "{:,.0f}")
    row("… with leaving and expiry afterwards (µs)", "per_view_all", "{:,.0f}")
    capacity = {s: 1e6 / f["per_view"] for s, f in figures.items()}
    print(
        f"{'page views one core would handle per second':<52}"
        f"{capacity[PLAIN_SITE]:>12,.0f}{capacity[RULES_SITE]:>12,.0f}"
        f"{capacity[RULES_SITE] / capacity[PLAIN_SITE]:>8.2f}×"
    )
    row("invitations sent (received by the widgets)", "invitations", "{:,.0f}", ratio=False)
    print(f"invitations agents were told of as sent: {agent_invitations:,}")
    if not stats or mode != "timed":
        return
    timed = json.loads(stats)
    for site in (PLAIN_SITE, RULES_SITE):
        samples = timed["consider_ms"].get(site, [])
        if samples:
            print(
                f"consider() on the relay, {site:<6} {len(samples):>7,} calls: p50 "
                f"{percentile(samples, 0.5):.3f} ms, p99 {percentile(samples, 0.99):.3f} ms, "
                f"mean {statistics.fmean(samples):.3f} ms (wall time, store reads included)"
            )
    decide_us = timed["decide_us"]
    if decide_us:
        print(
            f"decide() over {rule_count} rules, {len(decide_us):,} calls: p50 "
            f"{percentile(decide_us, 0.5):.1f} µs, p99 {percentile(decide_us, 0.99):.1f} µs"
        )
    outcomes = sorted(timed["outcomes"].items(), key=lambda kv: -kv[1])
    print("decisions: " + ", ".join(f"{name} {count:,}" for name, count in outcomes))


def profiled_relay(stats_file: str, argv: list[str]) -> int:
    """The relay's own command line under cProfile, on the CPU time of the event loop's
    thread (bench/profiled_relay.py counts wall time, in which a durable commit's sync
    looks like work); on between SIGUSR1 and SIGUSR2, written to `stats_file` at exit."""
    import cProfile

    from relay.cli import main as relay_main

    profile = cProfile.Profile(time.thread_time)

    def switch(signum: int, frame: FrameType | None) -> None:
        if signum == signal.SIGUSR1:
            profile.enable()
        else:
            profile.disable()

    signal.signal(signal.SIGUSR1, switch)
    signal.signal(signal.SIGUSR2, switch)
    try:
        return relay_main(argv)
    finally:
        profile.disable()
        profile.dump_stats(stats_file)


def print_profile(stats_file: Path) -> None:
    import pstats

    stats = pstats.Stats(str(stats_file))
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)


def run(arguments: argparse.Namespace) -> None:
    mode = "profile" if arguments.profile else ("plain" if arguments.plain else "timed")
    if arguments.quick:
        arguments.seconds, arguments.rounds = 5.0, 1
    run_bench(
        main(
            arguments.visitors,
            arguments.interval,
            arguments.seconds,
            arguments.rounds,
            mode,
            pages_viewed_rule=not arguments.no_pages_viewed_rule,
        )
    )


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--timed-relay":
        sys.exit(timed_relay(sys.argv[2], sys.argv[3:]))
    if len(sys.argv) > 2 and sys.argv[1] == "--profiled-relay":
        sys.exit(profiled_relay(sys.argv[2], sys.argv[3:]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=1000, help="per phase (default 1,000)")
    parser.add_argument(
        "--interval", type=float, default=3.0, help="seconds between a visitor's page views"
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="browsing per phase")
    parser.add_argument("--rounds", type=int, default=2, help="each: one phase per site")
    parser.add_argument("--quick", action="store_true", help="one round of 5 s phases")
    parser.add_argument("--plain", action="store_true", help="the relay as shipped, no timings")
    parser.add_argument("--profile", action="store_true", help="the relay under cProfile")
    parser.add_argument(
        "--no-pages-viewed-rule",
        action="store_true",
        help="leave out the one rule with a pages-viewed condition (19 rules)",
    )
    run(parser.parse_args())
