"""Visitor traffic: 5,000 visitors on the site each viewing a page about once a minute,
50 agents watching. Prints the relay's CPU share and the frames per second that reach the
agents, with the same connections idle as the baseline measured in the same run.

Goal (issue 5): at most 30 % of one core, and agent traffic bounded by the batching (about
one frame per agent per second), not by the number of page views.
Run: .venv/bin/python bench/visitor_traffic_bench.py [--visitors N] [--seconds S]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from websockets.asyncio.client import ClientConnection  # noqa: E402

from bench.relay_bench import (  # noqa: E402
    Server,
    open_agent,
    open_many,
    open_visitor,
    run_bench,
    start_server,
)
from shared_protocol import codec, frames  # noqa: E402

AGENTS = 50


async def count_frames(agents: list[ClientConnection], counter: list[int]) -> None:
    async def read(ws: ClientConnection) -> None:
        async for _ in ws:
            counter[0] += 1

    await asyncio.gather(*(read(ws) for ws in agents), return_exceptions=True)


async def measure(server: Server, counter: list[int], seconds: float) -> tuple[float, float]:
    start_cpu, start_frames, start = server.cpu_seconds(), counter[0], time.perf_counter()
    await asyncio.sleep(seconds)
    elapsed = time.perf_counter() - start
    return (server.cpu_seconds() - start_cpu) / elapsed, (counter[0] - start_frames) / elapsed


async def browse(visitors: list[ClientConnection], per_minute: float, stop: asyncio.Event) -> int:
    """Each visitor views a new page about `per_minute` times a minute (Poisson arrivals)."""
    rate = len(visitors) * per_minute / 60
    views = 0
    rng = random.Random(5)
    while not stop.is_set():
        await asyncio.sleep(rng.expovariate(rate))
        ws = rng.choice(visitors)
        view = frames.PageView(page=frames.PageInfo(url=f"https://s.example/p/{views}", title="P"))
        await ws.send(codec.visitor_relay_side.encode(view).decode())
        views += 1
    return views


async def main(visitor_count: int, seconds: float) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        server = start_server("parley", Path(scratch) / "data")
        try:
            agents = [await open_agent(server) for _ in range(AGENTS)]
            counter = [0]
            reader = asyncio.create_task(count_frames(agents, counter))
            visitors = await open_many(visitor_count, lambda: open_visitor(server))
            drains = [asyncio.create_task(_discard(ws)) for ws in visitors]
            await asyncio.sleep(3)  # let arrivals settle
            idle_cpu, idle_frames = await measure(server, counter, seconds)
            stop = asyncio.Event()
            browsing = asyncio.create_task(browse(visitors, 1.0, stop))
            await asyncio.sleep(2)
            busy_cpu, busy_frames = await measure(server, counter, seconds)
            stop.set()
            views = await browsing
            for task in (*drains, reader):
                task.cancel()
        finally:
            server.stop()
    view_rate = views / (seconds + 2)
    print(f"{visitor_count:,} visitors, {AGENTS} agents, {seconds:.0f} s per phase")
    print(f"{'':<34}{'idle (baseline)':>16}{'browsing':>12}   goal")
    cpu_goal = "met" if busy_cpu <= 0.30 else "MISSED"
    label = "relay CPU (share of one core)"
    print(f"{label:<34}{idle_cpu:>16.1%}{busy_cpu:>12.1%}   ≤ 30 %: {cpu_goal}")
    print(f"{'page views per second':<34}{0:>16.0f}{view_rate:>12.0f}")
    print(f"{'frames per second to all agents':<34}{idle_frames:>16.0f}{busy_frames:>12.0f}")
    per_agent = busy_frames / AGENTS
    bounded = "met" if per_agent <= 1.5 else "MISSED"
    print(
        f"{'frames per second per agent':<34}{idle_frames / AGENTS:>16.2f}{per_agent:>12.2f}"
        f"   ≈ 1 (batched): {bounded}"
    )
    print(f"without batching each agent would get {view_rate:.0f} frames per second")


async def _discard(ws: ClientConnection) -> None:
    try:
        async for _ in ws:
            pass
    except Exception:
        pass


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=20.0)
    arguments = parser.parse_args()
    run_bench(main(arguments.visitors, arguments.seconds))
