"""relay.timers: jobs run when due by the relay's clock, again at their interval, in
order; a failing job is logged and runs again; a cancelled one does not."""

from __future__ import annotations

import asyncio
import logging

import pytest

from relay.store.errors import StoreUnavailable
from relay.timers import Timers


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_jobs_run_when_due_in_order_and_repeat_at_their_interval() -> None:
    clock, ran = Clock(), []
    timers = Timers(clock)

    def job(name: str):  # type: ignore[no-untyped-def]
        async def run() -> None:
            ran.append((name, clock.now))

        return run

    timers.every(10, "sweep", job("sweep"))
    timers.at(1005, "offer-timeout", job("offer"))
    assert await timers.run_due() == 0
    clock.now = 1005
    assert await timers.run_due() == 1
    clock.now = 1030  # the sweep is late: it runs once, then keeps its interval from now
    assert await timers.run_due() == 1
    clock.now = 1040
    await timers.run_due()
    assert ran == [("offer", 1005), ("sweep", 1030), ("sweep", 1040)]
    assert timers.next_due() == 1050


async def test_a_failing_job_is_logged_once_a_minute_and_runs_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock, runs = Clock(), []
    timers = Timers(clock)

    async def broken() -> None:
        runs.append(clock.now)
        raise ValueError("a bug")

    timers.every(10, "broken-sweep", broken)
    with caplog.at_level(logging.ERROR, logger="parley"):
        for _ in range(3):
            clock.now += 10
            await timers.run_due()
    assert runs == [1010, 1020, 1030]
    failed = [r for r in caplog.records if "event=timer_failed " in r.getMessage()]
    assert len(failed) == 1 and "job=broken-sweep" in failed[0].getMessage()


async def test_a_job_that_finds_the_database_down_is_no_bug_and_runs_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock, runs = Clock(), []
    timers = Timers(clock)

    async def needs_the_database() -> None:
        runs.append(clock.now)
        raise StoreUnavailable("PostgreSQL is restarting")

    timers.every(10, "session-sweeper", needs_the_database)
    with caplog.at_level(logging.DEBUG, logger="parley"):
        for _ in range(2):
            clock.now += 10
            await timers.run_due()
    assert runs == [1010, 1020]
    assert not [r for r in caplog.records if "timer_failed" in r.getMessage()]


async def test_a_cancelled_timer_does_not_run() -> None:
    clock, ran = Clock(), []
    timers = Timers(clock)

    async def job() -> None:
        ran.append(clock.now)

    timers.at(1001, "expiry", job).cancel()
    repeating = timers.every(1, "sweep", job)
    clock.now = 1001
    await timers.run_due()
    repeating.cancel()
    clock.now = 1002
    await timers.run_due()
    assert ran == [1001]  # the sweep's first run only
    assert timers.next_due() is None


async def test_the_running_service_wakes_for_a_timer_set_while_it_sleeps() -> None:
    loop = asyncio.get_running_loop()
    timers = Timers(loop.time)
    done = asyncio.Event()

    async def job() -> None:
        done.set()

    service = asyncio.create_task(timers.run())
    await asyncio.sleep(0)  # asleep with nothing to do
    timers.at(loop.time() + 0.01, "soon", job)
    await asyncio.wait_for(done.wait(), 2)
    service.cancel()
