"""Typing previews: 1,000 visitors typing at once at the widget's preview rate (about 3 drafts
a second each), forwarded to an agent. Prints the relay's CPU share and the preview latency,
beside the bare websockets forwarder forwarding the same frames in the same run.

Goal (issue 6): preview latency p99 ≤ 20 ms on this 2-core machine.
Run: .venv/bin/python bench/typing_preview_bench.py [--visitors N] [--seconds S]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import msgspec  # noqa: E402
from websockets.asyncio.client import ClientConnection  # noqa: E402

from bench.relay_bench import (  # noqa: E402
    Server,
    _discard,
    open_agent,
    open_many,
    open_visitor,
    percentile,
    run_bench,
    start_server,
)
from shared_protocol import codec, frames  # noqa: E402

PREVIEWS_PER_SECOND = 3.0


async def run(server: Server, visitors: int, seconds: float) -> tuple[float, list[float]]:
    agent = await open_agent(server)
    latencies: list[float] = []
    measuring = False

    async def read() -> None:
        async for data in agent:
            now = time.perf_counter()
            if server.kind == "parley":
                frame = codec.agent_client_side.decode(data)
                if not isinstance(frame, frames.TypingPreview):
                    continue
                text = frame.text
            else:
                text = msgspec.json.decode(data)["text"]
            if measuring:
                latencies.append((now - float(text.split("@", 1)[1])) * 1000)

    reader = asyncio.create_task(read())
    clients = await open_many(visitors, lambda: open_visitor(server))
    drains = [asyncio.create_task(_discard(ws)) for ws in clients]

    async def type_away(ws: ClientConnection, offset: float) -> None:
        await asyncio.sleep(offset)
        for n in itertools.count():
            draft = f"How much is the IELTS course {n}@{time.perf_counter():.9f}"
            await ws.send(msgspec.json.encode({"type": "typing", "text": draft}).decode())
            await asyncio.sleep(1 / PREVIEWS_PER_SECOND)

    rng = random.Random(6)
    typists = [
        asyncio.create_task(type_away(ws, rng.random() / PREVIEWS_PER_SECOND)) for ws in clients
    ]
    await asyncio.sleep(2)
    measuring = True
    start_cpu, start = server.cpu_seconds(), time.perf_counter()
    await asyncio.sleep(seconds)
    cpu = (server.cpu_seconds() - start_cpu) / (time.perf_counter() - start)
    measuring = False
    for task in (*typists, *drains, reader):
        task.cancel()
    await asyncio.gather(*typists, *drains, reader, return_exceptions=True)
    await asyncio.gather(*(ws.close() for ws in clients), agent.close(), return_exceptions=True)
    return cpu, latencies


async def main(visitors: int, seconds: float) -> None:
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        for kind in ("baseline", "parley"):
            server = start_server(kind, Path(scratch) / kind)
            try:
                results[kind] = await run(server, visitors, seconds)
            finally:
                server.stop()
    print(
        f"{visitors:,} visitors typing, {visitors * PREVIEWS_PER_SECOND:,.0f} previews/s, "
        f"{seconds:.0f} s"
    )
    print(f"{'':<34}{'baseline':>12}{'parley':>12}   goal")
    base_cpu, base_lat = results["baseline"]
    cpu, lat = results["parley"]
    print(f"{'server CPU (share of one core)':<34}{base_cpu:>12.1%}{cpu:>12.1%}")
    for name, fraction in (("p50", 0.5), ("p99", 0.99)):
        b, p = percentile(base_lat, fraction), percentile(lat, fraction)
        goal = f"≤ 20 ms: {'met' if p <= 20 else 'MISSED'}" if name == "p99" else ""
        print(f"{'preview latency ' + name + ' (ms)':<34}{b:>12.2f}{p:>12.2f}   {goal}")
    print(
        f"{'previews received per second':<34}{len(base_lat) / seconds:>12,.0f}"
        f"{len(lat) / seconds:>12,.0f}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=10.0)
    arguments = parser.parse_args()
    run_bench(main(arguments.visitors, arguments.seconds))
