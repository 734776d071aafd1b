"""Group commit on PostgreSQL: queued messages go to the database together.

One task takes whatever has queued up (up to batch_max) and stores it as one run in one
transaction (relay/store/postgres/appends.py); messages queued while that commit is in
flight wait for the next, so the busier the relay, the more messages share a commit. A
commit per message would cap the relay at what one connection's round trips allow.
Each message's future is answered only once COMMIT has returned: an answer is what
lets the relay acknowledge the message. One task per store, so that this relay's
messages are numbered in the order they were queued; other relays have their own, and
the counter rows order them all.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

from relay.store.errors import StoreUnavailable
from relay.store.group_commit import Outcome, answer, take_batch
from relay.store.postgres.appends import AppendRun
from relay.store.postgres.database import Database
from relay.store.records import Appended, NewMessage


@dataclass(slots=True)
class _Queued:
    message: NewMessage
    future: asyncio.Future[Appended]


class MessageWriter:
    def __init__(self, db: Database, batch_max: int) -> None:
        self._db = db
        self._batch_max = batch_max
        self._queue: asyncio.Queue[_Queued | None] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._write_loop(), name="store-writer")

    async def stop(self) -> None:
        """Store what was queued before, then stop."""
        task, self._task = self._task, None
        if task is not None:
            await self._queue.put(None)
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def queue(self, message: NewMessage) -> asyncio.Future[Appended]:
        if self._task is None:
            raise StoreUnavailable("the store is not open")
        future: asyncio.Future[Appended] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Queued(message, future))
        return future

    async def _write_loop(self) -> None:
        stopping = False
        while not stopping:
            batch, stopping = await take_batch(self._queue, self._batch_max)
            if batch:
                answer(batch, await self._commit(batch))

    async def _commit(self, batch: list[_Queued]) -> list[Outcome]:
        """The batch's outcomes once committed; all failed alike when the transaction
        failed (nothing of it is stored), and the writer lives on."""
        run = AppendRun([item.message for item in batch])
        try:
            return await self._db.transaction(run, doing="append")
        except Exception as error:  # already sorted (and a bug logged) by transaction()
            return [(None, error)] * len(batch)
