"""What every back end's group-commit writer does around its commit: take what has queued
up (up to a batch's most) in one go, and answer each caller once the commit returned.

The commit itself (one SQLite transaction on the loop's thread, one PostgreSQL
transaction) is each back end's own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

Outcome = tuple[Any, BaseException | None]  # a write's result, or why it failed


class _Awaited(Protocol):
    @property
    def future(self) -> asyncio.Future[Any]: ...


Item = TypeVar("Item", bound=_Awaited)


async def take_batch(queue: asyncio.Queue[Item | None], most: int) -> tuple[list[Item], bool]:
    """The next batch: what waits in the queue now, at least one item (waited for) and at
    most `most`; and whether the writer is told to stop (a None queued), after this batch."""
    first = await queue.get()
    if first is None:
        return [], True
    batch = [first]
    while len(batch) < most and not queue.empty():
        item = queue.get_nowait()
        if item is None:
            return batch, True
        batch.append(item)
    return batch, False


def answer(batch: Sequence[_Awaited], outcomes: Sequence[Outcome]) -> None:
    """Each caller's result or failure, once its batch is committed (with durability
    "full", synced): an answer is what lets the relay acknowledge a message."""
    for item, (result, exception) in zip(batch, outcomes, strict=True):
        if item.future.done():  # the caller went away (cancelled); the write stands
            continue
        if exception is not None:
            item.future.set_exception(exception)
        else:
            item.future.set_result(result)
