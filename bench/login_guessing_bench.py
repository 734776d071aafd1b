"""Chat latency while someone guesses agents' passwords (issue 11, point 3).

A Parley relay runs as its own process; this process is the load. 20 visitors chat with
one agent, each sending a message every 200 ms (100 a second in all), and every message's
visitor→agent latency is measured. The same chats run, in the same run and interleaved
round by round, under four conditions:

  quiet            nobody guesses: the baseline
  one address      8 guessers at one account from one address, each sending the next
                   wrong password as soon as the last is answered, ignoring retry_after:
                   the throttle answers nearly all of them without checking anything
  many addresses   8 guessers, every guess at another account from another address
                   (X-Forwarded-For through a trusted proxy), so that no throttle
                   applies: only the one low-priority password thread and its bounded
                   queue stand between the guesses and the chats
  unbounded        as "many addresses", against a relay made to check passwords as it
                   did before this change: in as many threads as asyncio's default pool
                   has on this machine (cores + 4, at most 32), at normal priority, with
                   no bound on waiting checks and no throttle

The guessers run in a process of their own at the lowest CPU priority, as a guesser
elsewhere would not take this machine's CPU from the relay or the chats. The relay runs
with `durability = "fast"`, so that the disk's syncs do not blur what the CPU does, and
with frame rates lifted (every client here comes from 127.0.0.1); logins are throttled as
the relay ships. Printed: median and p99 latency, their ratio to quiet, and password
checks and refused logins per second.

Run:  .venv/bin/python bench/login_guessing_bench.py            (about two minutes)
      .venv/bin/python bench/login_guessing_bench.py --quick    (a smoke run)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from websockets.asyncio.client import ClientConnection, connect  # noqa: E402

from bench.relay_bench import (  # noqa: E402
    AGENT_PASSWORD,
    AGENT_USER,
    UNLIMITED,
    Server,
    _free_port,
    _wait_listening,
    message_frame,
    open_agent,
    open_many,
    open_visitor,
    percentile,
    run_bench,
)
from shared_protocol import PROTOCOL_VERSION, codec, frames  # noqa: E402

VISITORS = 20
MESSAGES_PER_SECOND = 100.0
GUESSERS = 8
CONDITIONS = ("quiet", "one address", "many addresses", "unbounded")
DEFAULT_POOL = str(min(32, (os.cpu_count() or 1) + 4))
# The relay before this change: checks in asyncio.to_thread (the default pool) at normal
# priority, no throttle. Waits and lockouts are pushed out of reach; the rates stay lifted.
NORMAL_PRIORITY = (
    "import relay.passwords, runpy; relay.passwords.LOWEST_PRIORITY = 0; "
    "runpy.run_module('relay', run_name='__main__')"
)
UNBOUNDED = {
    "PARLEY_PASSWORD_CHECK_THREADS": DEFAULT_POOL,
    "PARLEY_PASSWORD_CHECK_QUEUE": "1000000",
    "PARLEY_LOGIN_FREE_FAILURES": "1000000",
    "PARLEY_LOGIN_LOCKOUT_FAILURES": "1000000",
    "PARLEY_LOGIN_ADDRESS_FREE_FAILURES": "1000000",
    "PARLEY_LOGIN_ADDRESS_LOCKOUT_FAILURES": "1000000",
}


def start_relay(data_dir: Path, unbounded: bool) -> Server:
    python = sys.executable
    env = {
        **os.environ,
        **UNLIMITED,
        "PYTHONPATH": str(ROOT),
        "PARLEY_DURABILITY": "fast",
        "PARLEY_TRUSTED_PROXIES": "127.0.0.1",
        **(UNBOUNDED if unbounded else {}),
    }
    subprocess.run(
        [python, "-m", "relay", "agent", "add", AGENT_USER, "--data-dir", str(data_dir)],
        input=AGENT_PASSWORD.encode() + b"\n",
        check=True,
        capture_output=True,
        env=env,
    )
    port = _free_port()
    start = ["-c", NORMAL_PRIORITY] if unbounded else ["-m", "relay"]
    command = [python, *start, "serve", "--port", str(port), "--data-dir", str(data_dir)]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    _wait_listening(process)
    return Server("parley", process, port)


async def guess(url: str, user: str, address: str | None, answers: Counter[str]) -> None:
    """One login with a wrong password on a connection of its own."""
    headers = {"X-Forwarded-For": address} if address else None
    with contextlib.suppress(Exception):  # a refused or dropped connection: guess again
        async with connect(url, compression=None, additional_headers=headers) as ws:
            login = frames.Login(v=PROTOCOL_VERSION, user=user, password="hunter2")
            await ws.send(codec.agent_relay_side.encode(login))
            answer = codec.agent_client_side.decode(await ws.recv(decode=False))
            if isinstance(answer, frames.Error):
                answers[answer.code] += 1


async def guesser(url: str, index: int, spread: bool, answers: Counter[str]) -> None:
    for n in itertools.count():
        if spread:  # another account from another address every time
            user, address = f"user{index}-{n}", f"10.{index}.{n // 250 % 250}.{n % 250 + 1}"
        else:
            user, address = AGENT_USER, "198.51.100.66"
        await guess(url, user, address, answers)


def guessing(url: str, spread: bool, checked: Any, refused: Any) -> None:
    """The guessers' process: at the lowest priority, counting the relay's answers."""
    with contextlib.suppress(OSError):
        os.nice(19)
    answers: Counter[str] = Counter()

    async def run() -> None:
        running = [asyncio.create_task(guesser(url, i, spread, answers)) for i in range(GUESSERS)]
        while running:  # until the process is terminated
            await asyncio.sleep(0.1)
            checked.value, refused.value = answers["auth_failed"], answers["rate_limited"]

    asyncio.run(run())


async def chats(server: Server, seconds: float, condition: str) -> tuple[list[float], Counter[str]]:
    """Visitor→agent latencies (ms) over `seconds`, with the guessers of `guessing` at
    work; and how the relay answered the guesses."""
    agent = await open_agent(server)
    samples: list[float] = []
    measuring = False

    async def read_deliveries(ws: ClientConnection) -> None:
        async for data in ws:
            now = time.perf_counter()
            frame = codec.agent_client_side.decode(data)
            if measuring and isinstance(frame, frames.Message):
                samples.append((now - float(frame.message.text.split("@", 1)[1])) * 1000)

    async def discard(ws: ClientConnection) -> None:
        with contextlib.suppress(Exception):
            async for _ in ws:
                pass

    reader = asyncio.create_task(read_deliveries(agent))
    visitors = await open_many(VISITORS, lambda: open_visitor(server))
    interval = VISITORS / MESSAGES_PER_SECOND

    async def paced(index: int, ws: ClientConnection) -> None:
        drain = asyncio.create_task(discard(ws))
        next_send = time.perf_counter() + interval * index / VISITORS
        try:
            for n in itertools.count():
                await asyncio.sleep(max(0.0, next_send - time.perf_counter()))
                now = time.perf_counter()
                await ws.send(message_frame(index, n, f"paced@{now:.9f}"))
                next_send += interval
        finally:
            drain.cancel()

    tasks = [asyncio.create_task(paced(i, ws)) for i, ws in enumerate(visitors)]
    spawn = multiprocessing.get_context("spawn")
    checked, refused = spawn.Value("q", 0, lock=False), spawn.Value("q", 0, lock=False)
    guessers = None
    if condition != "quiet":
        spread = condition != "one address"
        guessers = spawn.Process(
            target=guessing, args=(server.agent_url, spread, checked, refused), daemon=True
        )
        guessers.start()
    await asyncio.sleep(2.0)  # warm up (and the guessers' interpreter starts)
    checked_before, refused_before = checked.value, refused.value
    measuring = True
    await asyncio.sleep(seconds)
    measuring = False
    answers = Counter(
        auth_failed=checked.value - checked_before, rate_limited=refused.value - refused_before
    )
    if guessers is not None:
        guessers.terminate()
        guessers.join()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await asyncio.gather(*(ws.close() for ws in visitors), agent.close(), return_exceptions=True)
    reader.cancel()
    return samples, answers


async def main(quick: bool) -> None:
    rounds = 1 if quick else 3
    seconds = 3.0 if quick else 8.0
    latencies: dict[str, list[float]] = {c: [] for c in CONDITIONS}
    answered: dict[str, Counter[str]] = {c: Counter() for c in CONDITIONS}
    with tempfile.TemporaryDirectory() as scratch:
        for round_number in range(rounds):
            # Each round in another order, so that no condition always runs first.
            shift = round_number % len(CONDITIONS)
            for condition in (*CONDITIONS[shift:], *CONDITIONS[:shift]):
                data = Path(scratch) / f"{condition.replace(' ', '-')}-{round_number}"
                server = start_relay(data, unbounded=condition == "unbounded")
                try:
                    samples, answers = await chats(server, seconds, condition)
                finally:
                    server.stop()
                latencies[condition] += samples
                answered[condition] += answers
                print(
                    f"round {round_number + 1}/{rounds} {condition:<15}"
                    f" median {statistics.median(samples):6.2f} ms"
                    f"  checked {answers['auth_failed'] / seconds:5.1f}/s"
                    f"  refused {answers['rate_limited'] / seconds:7.1f}/s",
                    flush=True,
                )
    quiet = statistics.median(latencies["quiet"])
    quiet_p99 = percentile(latencies["quiet"], 0.99)
    print()
    print(
        f"{'condition':<16}{'median ms':>10}{'x quiet':>9}{'p99 ms':>9}{'x quiet':>9}"
        f"{'checked/s':>11}{'refused/s':>11}"
    )
    for condition in CONDITIONS:
        median = statistics.median(latencies[condition])
        p99 = percentile(latencies[condition], 0.99)
        total = rounds * seconds
        print(
            f"{condition:<16}{median:>10.2f}{median / quiet:>9.2f}"
            f"{p99:>9.2f}{p99 / quiet_p99:>9.2f}"
            f"{answered[condition]['auth_failed'] / total:>11.1f}"
            f"{answered[condition]['rate_limited'] / total:>11.1f}"
        )
    print(
        f"\n{VISITORS} chats at {MESSAGES_PER_SECOND:.0f} messages/s in all; {GUESSERS} guessers;"
        f" {rounds} interleaved rounds of {seconds:.0f} s; {len(latencies['quiet']):,} quiet"
        " samples. checked: wrong passwords the relay hashed (auth_failed); refused:"
        " logins answered rate_limited without a check (throttled, or the queue full)."
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one short round")
    arguments = parser.parse_args()
    run_bench(main(arguments.quick))
