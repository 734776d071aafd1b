"""Relay benchmark: the Parley relay against a bare `websockets` forwarder, interleaved.

Three servers run as their own processes on 127.0.0.1; this process is the load generator:
the bare forwarder (the baseline), Parley as it ships (durability full: each group commit
synced to the disk before its acks leave) and Parley with `durability = "fast"` (commits
not synced, the relay before durable acks). Every figure is measured for all of them in
the same run, and printed with its ratios and goal:

  throughput  visitor→agent messages per second, saturated (Parley persists every one)
  latency     one-way visitor→agent latency at 1,000 messages/s over 100 conversations,
              and for Parley the visitor's own ack latency (send → ack) meanwhile
  memory      resident memory per idle visitor connection, at 1,000 and 5,000 visitors
              (baseline and Parley as it ships: durability does not change it)
  disk sync   how long one sync of a small append takes in the servers' data directory,
              sampled before each round: what every durable batch waits for at least

Run:  .venv/bin/python bench/relay_bench.py            (about five minutes)
      .venv/bin/python bench/relay_bench.py --quick    (a shorter smoke run)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
import psutil
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shared_protocol import PROTOCOL_VERSION, codec, frames  # noqa: E402

AGENT_USER, AGENT_PASSWORD = "bench", "bench-password"
# Every visitor here comes from 127.0.0.1 and every agent is one account: the frame
# rates per visitor, per address and per agent are lifted (the login throttle is not;
# open_agent logs in with the password once, then with its session token).
UNLIMITED = {
    "PARLEY_VISITOR_FRAMES_PER_SECOND": "1000000",
    "PARLEY_VISITOR_FRAME_BURST": "1000000",
    "PARLEY_ADDRESS_FRAMES_PER_SECOND": "1000000",
    "PARLEY_ADDRESS_FRAME_BURST": "1000000",
    "PARLEY_AGENT_FRAMES_PER_SECOND": "1000000",
    "PARLEY_AGENT_FRAME_BURST": "1000000",
    "PARLEY_LOG_LEVEL": "warning",
}
CONNECT_BATCH = 250
KINDS = ("baseline", "parley", "parley-fast")
DURABILITY = {"parley": "full", "parley-fast": "fast"}


def run_bench(main: Coroutine[Any, Any, None]) -> None:
    """Run a benchmark's main coroutine on uvloop (the relay's loop), with room for
    thousands of sockets."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    try:
        import uvloop
    except ImportError:
        asyncio.run(main)
        return
    uvloop.run(main)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    kind: str  # one of KINDS
    process: subprocess.Popen[bytes]
    port: int
    token: str | None = None  # the bench agent's session, after its first login
    login_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def parley(self) -> bool:
        return self.kind in DURABILITY

    @property
    def visitor_url(self) -> str:
        path = "/ws/visitor" if self.parley else "/visitor"
        return f"ws://127.0.0.1:{self.port}{path}"

    @property
    def agent_url(self) -> str:
        path = "/ws/agent" if self.parley else "/agent"
        return f"ws://127.0.0.1:{self.port}{path}"

    def rss(self) -> int:
        return int(psutil.Process(self.process.pid).memory_info().rss)

    def cpu_seconds(self) -> float:
        times = psutil.Process(self.process.pid).cpu_times()
        return float(times.user + times.system)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _wait_listening(process: subprocess.Popen[bytes]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if b"listening on" in line:
            return
    raise RuntimeError(f"server exited with {process.wait()}")


def start_server(kind: str, data_dir: Path) -> Server:
    port = _free_port()
    python = sys.executable
    env = {**os.environ, **UNLIMITED, "PYTHONPATH": str(ROOT)}
    if kind in DURABILITY:
        env["PARLEY_DURABILITY"] = DURABILITY[kind]
    if kind == "baseline":
        command = [python, str(ROOT / "bench" / "baseline_forwarder.py"), str(port)]
    else:
        subprocess.run(
            [python, "-m", "relay", "agent", "add", AGENT_USER, "--data-dir", str(data_dir)],
            input=AGENT_PASSWORD.encode() + b"\n",
            check=True,
            capture_output=True,
            env=env,
        )
        command = [python, "-m", "relay", "serve", "--port", str(port), "--data-dir", str(data_dir)]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    _wait_listening(process)
    return Server(kind, process, port)


# ---------------------------------------------------------------- clients


async def open_visitor(server: Server) -> ClientConnection:
    ws = await connect(
        server.visitor_url,
        origin=f"http://127.0.0.1:{server.port}",  # type: ignore[arg-type]
        compression=None,
        max_queue=None,
    )
    if server.parley:
        hello = frames.Hello(v=PROTOCOL_VERSION, site="demo")
        await ws.send(codec.visitor_relay_side.encode(hello).decode())
        welcome = codec.visitor_client_side.decode(await ws.recv(decode=False))
        assert isinstance(welcome, frames.Welcome), welcome
    return ws


async def open_agent(server: Server) -> ClientConnection:
    """An agent connection; like the agent app, it logs in with the password once and
    with the session token after that (password checks are throttled and one at a time)."""
    if not server.parley:
        return await connect(server.agent_url, compression=None, max_queue=None, max_size=2**24)
    async with server.login_lock:
        if server.token is None:
            return await _logged_in(server, password=AGENT_PASSWORD)
    return await _logged_in(server, token=server.token)


async def _logged_in(
    server: Server, *, password: str = "", token: str | None = None
) -> ClientConnection:
    ws = await connect(server.agent_url, compression=None, max_queue=None, max_size=2**24)
    login = frames.Login(v=PROTOCOL_VERSION, user=AGENT_USER, password=password, token=token)
    await ws.send(codec.agent_relay_side.encode(login))
    welcome = codec.agent_client_side.decode(await ws.recv(decode=False))
    assert isinstance(welcome, frames.LoginOk), welcome
    server.token = welcome.token
    return ws


async def open_many(
    count: int, opener: Callable[[], Awaitable[ClientConnection]]
) -> list[ClientConnection]:
    opened: list[ClientConnection] = []
    while len(opened) < count:
        batch = min(CONNECT_BATCH, count - len(opened))
        opened += await asyncio.gather(*(opener() for _ in range(batch)))
    return opened


def message_frame(visitor: int, n: int, text: str) -> str:
    return msgspec.json.encode({"type": "message", "id": f"{visitor}-{n}", "text": text}).decode()


# ---------------------------------------------------------------- scenarios


async def throughput(
    server: Server, visitors: int, seconds: float, window: int
) -> tuple[float, float]:
    """Messages per second arriving at the agent, and the server's CPU share meanwhile.

    The load is closed-loop and the same for both servers: each visitor keeps `window`
    messages on their way, and sends the next one when the agent has received one of its
    earlier ones. (A visitor that sent flat out would measure how fast this process can
    fill socket buffers, not how fast the server forwards.)
    """
    agent = await open_agent(server)
    credits = [asyncio.Semaphore(window) for _ in range(visitors)]
    received = 0

    def sender_of(data: bytes | str) -> int | None:
        if server.parley:
            frame = codec.agent_client_side.decode(data)
            return (
                int(frame.message.id.split("-", 1)[0])
                if isinstance(frame, frames.Message)
                else None
            )
        return int(msgspec.json.decode(data)["id"].split("-", 1)[0])

    async def count_deliveries() -> None:
        nonlocal received
        async for data in agent:
            sender = sender_of(data)
            if sender is not None:
                received += 1
                credits[sender].release()

    counter = asyncio.create_task(count_deliveries())
    clients = await open_many(visitors, lambda: open_visitor(server))
    drains = [asyncio.create_task(_discard(ws)) for ws in clients]  # Parley's acks

    async def visitor(index: int, ws: ClientConnection) -> None:
        for n in itertools.count():
            await credits[index].acquire()
            await ws.send(message_frame(index, n, "Is the weekend class full?"))

    senders = [asyncio.create_task(visitor(i, ws)) for i, ws in enumerate(clients)]
    await asyncio.sleep(1.0)  # warm up
    start_count, start, start_cpu = received, time.perf_counter(), server.cpu_seconds()
    await asyncio.sleep(seconds)
    elapsed = time.perf_counter() - start
    rate = (received - start_count) / elapsed
    cpu_share = (server.cpu_seconds() - start_cpu) / elapsed
    for task in (*senders, *drains, counter):
        task.cancel()
    await asyncio.gather(*senders, *drains, counter, return_exceptions=True)
    await asyncio.gather(*(ws.close() for ws in clients), agent.close(), return_exceptions=True)
    return rate, cpu_share


async def latency(
    server: Server, visitors: int, rate: float, seconds: float
) -> tuple[list[float], list[float]]:
    """One-way latencies (ms) of messages paced at `rate` per second in total, and for
    Parley the latencies (ms) from each send to its ack on the sender's connection."""
    agent = await open_agent(server)
    samples: list[float] = []
    ack_samples: list[float] = []
    measuring = False

    async def read_deliveries() -> None:
        async for data in agent:
            now = time.perf_counter()
            if server.parley:
                frame = codec.agent_client_side.decode(data)
                if not isinstance(frame, frames.Message):
                    continue
                text = frame.message.text
            else:
                text = msgspec.json.decode(data)["text"]
            if measuring:
                samples.append((now - float(text.split("@", 1)[1])) * 1000)

    reader = asyncio.create_task(read_deliveries())
    clients = await open_many(visitors, lambda: open_visitor(server))
    interval = visitors / rate

    async def read_acks(ws: ClientConnection, sent_at: dict[str, float]) -> None:
        with contextlib.suppress(Exception):
            async for data in ws:
                now = time.perf_counter()
                frame = codec.visitor_client_side.decode(data)
                if isinstance(frame, frames.Ack) and frame.id in sent_at:
                    sent = sent_at.pop(frame.id)
                    if measuring:
                        ack_samples.append((now - sent) * 1000)

    async def paced_visitor(index: int, ws: ClientConnection) -> None:
        sent_at: dict[str, float] = {}
        drain = asyncio.create_task(read_acks(ws, sent_at) if server.parley else _discard(ws))
        next_send = time.perf_counter() + interval * index / visitors
        try:
            for n in itertools.count():
                await asyncio.sleep(max(0.0, next_send - time.perf_counter()))
                sent_at[f"{index}-{n}"] = now = time.perf_counter()
                await ws.send(message_frame(index, n, f"paced@{now:.9f}"))
                next_send += interval
        finally:
            drain.cancel()

    senders = [asyncio.create_task(paced_visitor(i, ws)) for i, ws in enumerate(clients)]
    await asyncio.sleep(1.0)
    measuring = True
    await asyncio.sleep(seconds)
    measuring = False
    for task in senders:
        task.cancel()
    await asyncio.gather(*senders, return_exceptions=True)
    await asyncio.gather(*(ws.close() for ws in clients), agent.close(), return_exceptions=True)
    reader.cancel()
    return samples, ack_samples


async def _discard(ws: ClientConnection) -> None:
    with contextlib.suppress(Exception):
        async for _ in ws:
            pass


async def idle_memory(server: Server, counts: list[int]) -> dict[int, float]:
    """KiB of server memory per idle visitor connection, at each count (cumulative)."""
    await asyncio.sleep(0.5)
    before = server.rss()
    clients: list[ClientConnection] = []
    drains: list[asyncio.Task[None]] = []
    result: dict[int, float] = {}
    for count in counts:
        fresh = await open_many(count - len(clients), lambda: open_visitor(server))
        drains += [asyncio.create_task(_discard(ws)) for ws in fresh]
        clients += fresh
        await asyncio.sleep(1.0)  # let the server settle
        result[count] = (server.rss() - before) / count / 1024
    for task in drains:
        task.cancel()
    for start in range(0, len(clients), CONNECT_BATCH):
        await asyncio.gather(
            *(ws.close() for ws in clients[start : start + CONNECT_BATCH]),
            return_exceptions=True,
        )
    return result


# ---------------------------------------------------------------- the run


def disk_sync_times(directory: Path, count: int = 200) -> list[float]:
    """Milliseconds per sync of a 4 KiB append to a file in `directory`, as SQLite syncs
    its log in a durable commit: the least each durable batch waits for, on this disk."""
    sync = getattr(os, "fdatasync", os.fsync)
    samples: list[float] = []
    probe = directory / "sync-probe"
    with probe.open("wb", buffering=0) as out:
        for _ in range(count):
            out.write(bytes(4096))
            start = time.perf_counter()
            sync(out.fileno())
            samples.append((time.perf_counter() - start) * 1000)
    probe.unlink()
    return samples


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _row(label: str, values: dict[str, float], shown: str, ratio: str, goal: str = "") -> str:
    """One line of the table: a figure per server, then Parley against the baseline and
    Parley (durable) against Parley fast, i.e. what the durability guarantee costs."""
    cells = "".join(
        f"{shown.format(values[kind]) if kind in values else '—':>12}" for kind in KINDS
    )
    ratios = ""
    for over, under in (("parley", "baseline"), ("parley", "parley-fast")):
        known = over in values and under in values and values[under]
        ratios += f"{ratio.format(values[over] / values[under]) if known else '—':>11}"
    return f"{label:<44}{cells}{ratios}   {goal}"


async def main(quick: bool) -> None:
    rounds = 1 if quick else 3
    seconds = 2.0 if quick else 5.0
    memory_counts = [1000] if quick else [1000, 5000]
    rates: dict[str, list[float]] = {kind: [] for kind in KINDS}
    cpu: dict[str, list[float]] = {kind: [] for kind in KINDS}
    lat: dict[str, list[float]] = {kind: [] for kind in KINDS}
    acks: dict[str, list[float]] = {kind: [] for kind in KINDS}
    memory: dict[str, dict[int, float]] = {}
    syncs: list[float] = []
    with tempfile.TemporaryDirectory() as scratch:
        for round_number in range(rounds):
            syncs += disk_sync_times(Path(scratch))
            # The two Parley modes swap places every round, so neither always runs second.
            order = KINDS if round_number % 2 == 0 else (KINDS[0], KINDS[2], KINDS[1])
            for kind in order:
                server = start_server(kind, Path(scratch) / f"{kind}-{round_number}")
                try:
                    rate, cpu_share = await throughput(server, 100, seconds, window=8)
                    rates[kind].append(rate)
                    cpu[kind].append(cpu_share)
                    delivered, acknowledged = await latency(server, 100, 1000.0, seconds)
                    lat[kind] += delivered
                    acks[kind] += acknowledged
                finally:
                    server.stop()
                print(
                    f"round {round_number + 1}/{rounds} {kind:<11} {rates[kind][-1]:>9,.0f} msg/s"
                    f"  server CPU {cpu[kind][-1]:.0%} of a core",
                    flush=True,
                )
        for kind in ("baseline", "parley"):
            server = start_server(kind, Path(scratch) / f"{kind}-memory")
            try:
                memory[kind] = await idle_memory(server, memory_counts)
            finally:
                server.stop()

    print()
    print(
        f"{'figure':<44}{'baseline':>12}{'parley':>12}{'fast':>12}"
        f"{'p/base':>11}{'p/fast':>11}   goal"
    )
    median_rate = {kind: statistics.median(rates[kind]) for kind in KINDS}
    ratio = median_rate["parley"] / median_rate["baseline"]
    goal = f"≥ 70 % {'met' if ratio >= 0.7 else 'MISSED'}"
    print(_row("throughput, visitor→agent (msg/s, median)", median_rate, "{:,.0f}", "{:.0%}", goal))
    for name, fraction in (("p50", 0.5), ("p99", 0.99)):
        delivery = {kind: percentile(lat[kind], fraction) for kind in KINDS}
        goal = f"≤ 5 ms {'met' if delivery['parley'] <= 5 else 'MISSED'}" if name == "p99" else ""
        print(_row(f"latency {name} at 1,000 msg/s (ms)", delivery, "{:.2f}", "{:.1f}x", goal))
    for name, fraction in (("p50", 0.5), ("p99", 0.99)):
        ack = {kind: percentile(acks[kind], fraction) for kind in KINDS if acks[kind]}
        print(_row(f"ack latency {name} at 1,000 msg/s (ms)", ack, "{:.2f}", "{:.1f}x"))
    for count in memory_counts:
        per_visitor = {kind: memory[kind][count] for kind in memory}
        goal = f"≤ 32 KiB {'met' if per_visitor['parley'] <= 32 else 'MISSED'}"
        label = f"memory per idle visitor at {count:,} (KiB)"
        print(_row(label, per_visitor, "{:.1f}", "{:.1f}x", goal))
    share = {kind: statistics.median(cpu[kind]) for kind in KINDS}
    print(_row("server CPU during throughput (share of a core)", share, "{:.0%}", "{:.1f}x"))
    # CPU per message does not depend on whether the server or this load generator was
    # the bottleneck in a round, so it is the steadier measure of the relay's cost.
    per_message = {
        kind: statistics.median(c / r * 1e6 for c, r in zip(cpu[kind], rates[kind], strict=True))
        for kind in KINDS
    }
    print(_row("server CPU per message (µs, median)", per_message, "{:.1f}", "{:.1f}x"))
    print(
        f"\ndisk sync (a 4 KiB append, fdatasync) in the servers' data directory: "
        f"p50 {percentile(syncs, 0.5):.2f} ms, p99 {percentile(syncs, 0.99):.2f} ms, "
        f"max {max(syncs):.2f} ms"
    )
    print(
        f"samples: {len(lat['parley']):,} latencies per server; {rounds} interleaved rounds;"
        " p/base: Parley (durable) / baseline; p/fast: Parley (durable) / Parley fast"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one short round")
    arguments = parser.parse_args()
    run_bench(main(arguments.quick))
