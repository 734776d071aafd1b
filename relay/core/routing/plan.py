"""The plan for one department at one moment: which offers expired, which chats to offer to
whom, which queue, who sees which chat, each chat's place, overflow, and when to plan again
(docs/routing.md, "What routing decides").

The plan is a snapshot: the relay gathers the inputs, asks, and carries each answer out
with one compare-and-set per conversation, so an answer overtaken by an agent's accept or
another relay simply fails to apply and the next plan sees the new state.

Decisions, in the order the plan makes them:
1. Order: first come, by `entered_at`, then the conversation id.
2. An offer whose deadline has come (`<= now`) expired: the chat counts as not offered and
   its agent as having declined it for this plan (so it goes to someone else first; if
   nobody else is eligible the declines are forgotten and it may come back to them).
3. assigned and hybrid: each chat in order keeps an offer still running (its agent is
   busy); otherwise it is offered to the best eligible agent who has no pending offer of
   their own (`selection`). An agent never has two pending offers and a chat is never
   offered to two agents. broadcast makes no offers (an offer still running from before
   a change of mode keeps running).
4. Then, with every offer counted against capacity: a chat without an offer that nobody
   eligible has room for is `queued` (the lifecycle's "every eligible agent is full"). A
   chat that has eligible agents with room who are all busy answering other offers is
   neither: it waits for one of them to answer, and the next plan offers it.
5. broadcast and hybrid: each chat's audience is its eligible agents (with room).
6. Every chat's position is 1 + the chats ahead of it; past `queue_limit`, or after
   `max_wait_seconds` in the department (for a chat back in line because its agent was
   gone: since it came back), it overflows (the visitor is offered the offline
   form; the chat stays in the plan and may still be offered).
7. The next wake is the earliest moment the plan changes by time alone: an offer's
   deadline, a chat's eligibility changing (owner's turn ending, next tier: for chats
   without an offer, and for every chat where audiences are shown), and the maximum wait
   of chats that have not overflowed.

Opening hours do not enter the plan: a chat opened before closing time is still answered;
the widget offers the offline form outside the hours before a chat exists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from relay.core.routing.eligibility import eligible, next_eligibility_change
from relay.core.routing.model import AgentState, WaitingChat
from relay.core.routing.settings import DepartmentRouting
from shared_protocol.frames import RoutingMode, Selection


@dataclass(frozen=True, slots=True)
class Offer:
    conversation: int
    agent: int
    deadline: float


@dataclass(frozen=True, slots=True)
class Plan:
    # Conversations whose offer deadline passed: the caller stores OfferExpired (a miss for
    # the agent it was offered to: see after_missed_offer).
    expired: tuple[int, ...]
    offers: tuple[Offer, ...]  # new offers to store (assigned and hybrid modes)
    queued: tuple[int, ...]  # nobody eligible has room: the caller moves waiting → queued
    # broadcast and hybrid: who sees each chat as theirs to take now (the pop-up).
    audiences: Mapping[int, frozenset[int]]
    positions: Mapping[int, int]  # every waiting chat: 1 + chats ahead of it
    overflow: tuple[int, ...]  # position > queue_limit, or waited >= max_wait_seconds
    next_wake: float | None  # the earliest time the plan changes by time alone
    cursor: int | None  # the last agent offered a chat (round robin goes on after them)


def plan(
    routing: DepartmentRouting,
    agents: Sequence[AgentState],
    waiting: Sequence[WaitingChat],
    now: float,
    *,
    cursor: int | None = None,
) -> Plan:
    """The plan for one department at `now`; `cursor` is the previous plan's."""
    settings = routing.settings
    order = sorted(waiting, key=lambda chat: (chat.entered_at, chat.conversation))
    if len({chat.conversation for chat in order}) != len(order):
        raise ValueError("a conversation is listed twice among the waiting chats")

    expired: list[int] = []
    chats: list[WaitingChat] = []
    for chat in order:
        deadline = chat.offer_deadline
        if chat.offered_to is not None and deadline is not None and deadline <= now:
            expired.append(chat.conversation)
            chat = replace(
                chat,
                offered_to=None,
                offer_deadline=None,
                declined_by=chat.declined_by | {chat.offered_to},
            )
        chats.append(chat)

    pending = Counter(chat.offered_to for chat in chats if chat.offered_to is not None)
    offers: list[Offer] = []
    offered: dict[int, int] = {}  # conversation -> agent, the kept offers and the new
    for chat in chats:
        if chat.offered_to is not None:
            offered[chat.conversation] = chat.offered_to
    if settings.mode is not RoutingMode.BROADCAST:
        choose = _SELECTIONS[settings.selection]
        for chat in chats:
            if chat.conversation in offered:
                continue
            candidates = eligible(chat, agents, settings, now, pending)
            free = [a for a in agents if a.id in candidates and pending[a.id] == 0]
            if not free:
                continue
            agent = choose(free, cursor)
            offers.append(Offer(chat.conversation, agent, now + settings.offer_seconds))
            offered[chat.conversation] = agent
            pending[agent] += 1
            cursor = agent

    queued: list[int] = []
    audiences: dict[int, frozenset[int]] = {}
    for chat in chats:
        own = offered.get(chat.conversation)
        # A chat's own offer does not take the room of the agent it is offered to.
        others = pending if own is None else {**pending, own: pending[own] - 1}
        seen_by = eligible(chat, agents, settings, now, others)
        if own is None and not seen_by:
            queued.append(chat.conversation)
        if settings.mode is not RoutingMode.ASSIGNED:
            audiences[chat.conversation] = seen_by

    positions = {chat.conversation: place for place, chat in enumerate(chats, start=1)}
    overflow = [
        chat.conversation
        for chat in chats
        if positions[chat.conversation] > settings.queue_limit
        or now - chat.waiting_since >= settings.max_wait_seconds
    ]

    wakes = [offer.deadline for offer in offers]
    wakes += [chat.offer_deadline for chat in chats if chat.offer_deadline is not None]
    overflowing = set(overflow)
    for chat in chats:
        if chat.conversation not in overflowing:
            wakes.append(chat.waiting_since + settings.max_wait_seconds)
        if settings.mode is not RoutingMode.ASSIGNED or chat.conversation not in offered:
            change = next_eligibility_change(chat, settings, now)
            if change is not None:
                wakes.append(change)

    return Plan(
        expired=tuple(expired),
        offers=tuple(offers),
        queued=tuple(queued),
        audiences=audiences,
        positions=positions,
        overflow=tuple(overflow),
        next_wake=min(wakes, default=None),
        cursor=cursor,
    )


def after_missed_offer(missed_in_a_row: int, away_after_missed: int) -> tuple[int, bool]:
    """An agent let an offer expire: their new count of misses in a row, and whether to set
    them Away (`away_after_missed` 0: never). Setting them Away starts the count again, so
    an agent who comes back gets the whole allowance; an accept resets it (the caller)."""
    missed = missed_in_a_row + 1
    if away_after_missed > 0 and missed >= away_after_missed:
        return 0, True
    return missed, False


# Selection: who of the free eligible agents is offered the chat --------------------------


def _least_active(free: Sequence[AgentState], cursor: int | None) -> int:
    # Fewest chats; tie: longest since their last accept (0, never, is longest); then id.
    return min(free, key=lambda a: (a.chats, a.last_accept_at, a.id)).id


def _longest_idle(free: Sequence[AgentState], cursor: int | None) -> int:
    return min(free, key=lambda a: (a.last_accept_at, a.id)).id


def _round_robin(free: Sequence[AgentState], cursor: int | None) -> int:
    # In turn by id: the first after the last one offered, wrapping to the lowest.
    ids = sorted(a.id for a in free)
    if cursor is None:
        return ids[0]
    return next((agent for agent in ids if agent > cursor), ids[0])


_SELECTIONS: Mapping[Selection, Callable[[Sequence[AgentState], int | None], int]] = {
    Selection.LEAST_ACTIVE: _least_active,
    Selection.LONGEST_IDLE: _longest_idle,
    Selection.ROUND_ROBIN: _round_robin,
}
