"""Which chats go back to their department's routing because the agent holding them is gone
(docs/routing.md, "A conversation's way through"): connected to no relay of the cluster for
their department's `reclaim_after_seconds` (0: never).

The relay keeps, between calls, since when each absent holder has been seen absent (the
lead's memory: a relay that takes the lead over starts the count afresh, which only makes
the visitor wait the grace once more). An agent who comes back within the grace keeps their
chats and the count starts again at their next absence. A logout is not judged here: the
agent said they are gone, and their chats go back at once (relay/features/routing.py).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HeldChat:
    """An open chat of a department that an agent holds (active or transferring)."""

    conversation: int
    agent: int  # who holds it
    grace_seconds: int  # its department's reclaim_after_seconds; 0: never taken back


@dataclass(frozen=True, slots=True)
class Reclaims:
    due: tuple[int, ...]  # conversations to hand back now (one compare-and-set each)
    gone_since: Mapping[int, float]  # absent holders → since when: keep for the next call
    next_wake: float | None  # the earliest moment another chat falls due, if nothing changes


def reclaims(
    held: Iterable[HeldChat],
    present: Collection[int],
    gone_since: Mapping[int, float],
    now: float,
) -> Reclaims:
    """The chats whose holder has been absent (not in `present`) for their grace by `now`.
    `gone_since` is the previous call's; a holder absent for the first time is absent
    from `now`. Holders who are present, or hold nothing any more, are forgotten."""
    since: dict[int, float] = {}
    due: list[int] = []
    wakes: list[float] = []
    for chat in held:
        if chat.agent in present:
            continue
        first = since.setdefault(chat.agent, gone_since.get(chat.agent, now))
        if chat.grace_seconds <= 0:
            continue  # the department never takes chats back
        at = first + chat.grace_seconds
        if at <= now:
            due.append(chat.conversation)
        else:
            wakes.append(at)
    return Reclaims(due=tuple(due), gone_since=since, next_wake=min(wakes, default=None))
