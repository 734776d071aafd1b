"""Password checks and hashing off the event loop: argon2 in a small thread pool.

One argon2id check takes about 0.1 s of CPU (more than one core's worth while it runs:
argon2 works its lanes in threads of its own). Run on the event loop, or in many threads
at once, a stream of guesses slows every chat on the relay. So checks run in at most
`threads` threads, at most `queue` more wait for one, and any beyond are refused at once
(PasswordChecksBusy) instead of piling up. The threads run at the lowest CPU priority
where the system allows it, so that whenever the event loop needs a core it gets one.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from relay.core import credentials

T = TypeVar("T")
LOWEST_PRIORITY = 19  # nice(1): the scheduler runs the event loop first


class PasswordChecksBusy(Exception):
    """As many password checks as allowed are running or waiting; try again shortly."""


def _lower_priority() -> None:
    # On Linux the nice value belongs to each thread and is inherited by the threads it
    # starts (argon2's lanes). Elsewhere, or when refused, checks run at normal priority.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOWEST_PRIORITY)


class PasswordChecks:
    def __init__(self, threads: int, queue: int) -> None:
        self._pool = ThreadPoolExecutor(
            max_workers=max(1, threads),
            thread_name_prefix="parley-password",
            initializer=_lower_priority,
        )
        self._room = max(1, threads) + max(0, queue)
        self._held = 0  # checks running or waiting, until their thread is done with them
        self._lock = threading.Lock()  # _held is released from the pool's threads

    async def matches(self, password_hash: str, password: str) -> bool:
        return await self._run(partial(credentials.password_matches, password_hash, password))

    async def hash(self, password: str) -> str:
        return await self._run(partial(credentials.hash_password, password))

    async def _run(self, work: Callable[[], T]) -> T:
        with self._lock:
            if self._held >= self._room:
                raise PasswordChecksBusy
            self._held += 1
        # Released when the thread is done, not when the caller stops waiting: a check
        # whose peer went away still occupies its thread until it ends.
        future = self._pool.submit(work)
        future.add_done_callback(self._release)
        return await asyncio.wrap_future(future)

    def _release(self, _: Future[Any]) -> None:
        with self._lock:
            self._held -= 1

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
