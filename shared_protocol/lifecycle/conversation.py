"""The conversation lifecycle: its states, the inputs that move it, the table, and apply().

Rules. The TRANSITIONS table states those about status; the guards in `_refusal` state
those about who and when. Nothing else decides.

1. A conversation opens `waiting`: every eligible agent sees it and any may take it.
2. The router may move it to `queued` (every eligible agent is full; it waits in order of
   `opened_at`) and may offer it to one agent from waiting or queued (`offered`, with a
   deadline in the future). A decline by that agent, or the deadline passing, puts it back
   in the queue, still in its place, and the router offers it to the next agent.
3. `Accept` takes a waiting, queued or offered conversation; an offered one only by the
   agent it is offered to. Accept never takes a conversation that has an owner: taking it
   from its holder is what `Assign` (a supervisor, the router) or a transfer is for.
4. `Assign` gives an open conversation to an agent from any open state, cancelling a
   pending offer or transfer; assigning it to its own owner is refused.
5. An active conversation may be transferred to another agent or to a department
   (`transferring`, with a deadline in the future). The owner keeps it until the target
   accepts: the target agent, or for a department any agent but the owner. The target
   agent declining, or the deadline passing, returns it to `active` with the same owner.
   A department's transfer is not declined by one member: it waits for an acceptance or
   its deadline. Visitors neither assign nor transfer.
6. `Reclaim` hands a chat whose holder is gone (logged out, or away from every relay past
   the department's grace) back to routing: `waiting` again with no owner, a pending
   transfer cancelled; only while that agent holds it.
7. `Close` ends any open conversation; `closed` is final.
8. The visitor may `Rate` once, while the conversation is active (or transferring) or
   after it closed.

Who is eligible or allowed (department, skills, load, supervisor rights) is the caller's
decision (relay/core); this module knows only the lifecycle. States are frozen: apply()
returns a new one, and an illegal input raises IllegalTransition before anything is built.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, Final, assert_never

import msgspec
from msgspec.structs import replace

from shared_protocol.lifecycle.base import SYSTEM, Actor, ActorKind, IllegalTransition

AgentId = int
DepartmentId = int
Score = Annotated[int, msgspec.Meta(ge=1, le=5)]


class ConversationStatus(StrEnum):
    # 'waiting', 'active' and 'closed' are the values the database already stores.
    WAITING = "waiting"
    QUEUED = "queued"
    OFFERED = "offered"
    ACTIVE = "active"
    TRANSFERRING = "transferring"
    CLOSED = "closed"


class ToAgent(msgspec.Struct, frozen=True, tag="agent"):
    agent: AgentId


class ToDepartment(msgspec.Struct, frozen=True, tag="department"):
    department: DepartmentId


TransferTarget = ToAgent | ToDepartment


class ConversationState(msgspec.Struct, frozen=True, kw_only=True):
    status: ConversationStatus
    opened_at: float
    owner: AgentId | None = None  # kept after closing: who held it last
    offered_to: AgentId | None = None  # set exactly while offered
    offer_deadline: float | None = None
    transfer_to: TransferTarget | None = None  # set exactly while transferring
    transfer_deadline: float | None = None
    rated: bool = False
    closed_at: float | None = None


# Inputs: what happened, as the shell reports it. The system's own (Queue, Offer, the
# expiries) carry no actor: the log records them as SYSTEM.
class Queue(msgspec.Struct, frozen=True):
    pass


class Offer(msgspec.Struct, frozen=True, kw_only=True):
    agent: AgentId
    deadline: float


class Decline(msgspec.Struct, frozen=True, kw_only=True):
    agent: AgentId


class OfferExpired(msgspec.Struct, frozen=True):
    pass


class Accept(msgspec.Struct, frozen=True, kw_only=True):
    agent: AgentId


class Assign(msgspec.Struct, frozen=True, kw_only=True):
    agent: AgentId
    by: Actor


class Transfer(msgspec.Struct, frozen=True, kw_only=True):
    to: TransferTarget
    by: Actor
    deadline: float
    note: str = ""  # for the target: why it is handed over


class TransferAccepted(msgspec.Struct, frozen=True, kw_only=True):
    agent: AgentId


class TransferDeclined(msgspec.Struct, frozen=True, kw_only=True):
    agent: AgentId


class TransferExpired(msgspec.Struct, frozen=True):
    pass


class Reclaim(msgspec.Struct, frozen=True, kw_only=True):
    agent: AgentId  # the holder who is gone (refused if someone else holds it by now)
    why: str = ""  # for the log: "logged_out", "disconnected"


class Close(msgspec.Struct, frozen=True, kw_only=True):
    by: Actor


class Rate(msgspec.Struct, frozen=True, kw_only=True):
    score: Score
    by: Actor

    def __post_init__(self) -> None:
        # Annotated bounds are checked when decoding; this catches a Rate built in code.
        if not 1 <= self.score <= 5:
            raise ValueError(f"a rating is 1..5, not {self.score}")


ConversationInput = (
    Queue
    | Offer
    | Decline
    | OfferExpired
    | Accept
    | Assign
    | Transfer
    | TransferAccepted
    | TransferDeclined
    | TransferExpired
    | Reclaim
    | Close
    | Rate
)


class ConversationEventKind(StrEnum):
    """What the event log records; the stored values."""

    CREATED = "created"
    QUEUED = "queued"
    OFFERED = "offered"
    DECLINED = "declined"
    OFFER_EXPIRED = "offer_expired"
    ACCEPTED = "accepted"
    ASSIGNED = "assigned"
    TRANSFER_REQUESTED = "transfer_requested"
    TRANSFERRED = "transferred"
    TRANSFER_DECLINED = "transfer_declined"
    TRANSFER_EXPIRED = "transfer_expired"
    RECLAIMED = "reclaimed"
    CLOSED = "closed"
    RATED = "rated"


class ConversationEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One entry of the append-only event log; fields a kind does not use stay empty."""

    kind: ConversationEventKind
    at: float
    actor: Actor
    agent: AgentId | None = None  # offered to, declining, taking it, or its owner at closing
    from_agent: AgentId | None = None  # the owner it was taken from (assign, transfer)
    department: DepartmentId | None = None  # a transfer's target department
    score: int | None = None
    note: str = ""


_S = ConversationStatus

# status -> input type -> next status. A pair not listed is illegal whoever sends it.
TRANSITIONS: Final[Mapping[ConversationStatus, Mapping[type[ConversationInput], _S]]] = {
    _S.WAITING: {
        Queue: _S.QUEUED,
        Offer: _S.OFFERED,
        Accept: _S.ACTIVE,
        Assign: _S.ACTIVE,
        Close: _S.CLOSED,
    },
    _S.QUEUED: {
        Offer: _S.OFFERED,
        Accept: _S.ACTIVE,
        Assign: _S.ACTIVE,
        Close: _S.CLOSED,
    },
    _S.OFFERED: {
        Decline: _S.QUEUED,
        OfferExpired: _S.QUEUED,
        Accept: _S.ACTIVE,
        Assign: _S.ACTIVE,
        Close: _S.CLOSED,
    },
    _S.ACTIVE: {
        Assign: _S.ACTIVE,
        Transfer: _S.TRANSFERRING,
        Reclaim: _S.WAITING,
        Close: _S.CLOSED,
        Rate: _S.ACTIVE,
    },
    _S.TRANSFERRING: {
        Assign: _S.ACTIVE,
        TransferAccepted: _S.ACTIVE,
        TransferDeclined: _S.ACTIVE,
        TransferExpired: _S.ACTIVE,
        Reclaim: _S.WAITING,
        Close: _S.CLOSED,
        Rate: _S.TRANSFERRING,
    },
    _S.CLOSED: {
        Rate: _S.CLOSED,
    },
}


def open_conversation(by: Actor, now: float) -> tuple[ConversationState, list[ConversationEvent]]:
    """A new conversation, waiting, and its `created` entry."""
    state = ConversationState(status=_S.WAITING, opened_at=now)
    return state, [ConversationEvent(kind=ConversationEventKind.CREATED, at=now, actor=by)]


def apply(
    state: ConversationState, event: ConversationInput, now: float
) -> tuple[ConversationState, list[ConversationEvent]]:
    """The state after `event` at time `now`, and the log entries to record with it.

    Raises IllegalTransition, changing nothing, when the table or a guard refuses it.
    """
    target = TRANSITIONS[state.status].get(type(event))
    if target is None:
        held = f", held by agent {state.owner}" if state.owner is not None else ""
        raise IllegalTransition(state, event, f"not allowed while {state.status}{held}")
    reason = _refusal(state, event, now)
    if reason is not None:
        raise IllegalTransition(state, event, reason)
    return _outcome(state, event, now, target)


def _refusal(state: ConversationState, event: ConversationInput, now: float) -> str | None:
    """Why a pair the table allows is refused for who sent it or when, or None."""
    match event:
        case Offer(deadline=deadline) | Transfer(deadline=deadline) if deadline <= now:
            return "its deadline has already passed"
        case Assign(by=by) | Transfer(by=by) if by.kind is ActorKind.VISITOR:
            return "a visitor neither assigns nor transfers"
        case Decline(agent=agent) if agent != state.offered_to:
            return f"offered to agent {state.offered_to}, not to agent {agent}"
        case Accept(agent=agent) if state.status is _S.OFFERED and agent != state.offered_to:
            return f"offered to agent {state.offered_to}, not to agent {agent}"
        case OfferExpired() if state.offer_deadline is not None and now < state.offer_deadline:
            return f"the offer runs until {state.offer_deadline}"
        case Assign(agent=agent) if agent == state.owner:
            return f"agent {agent} already owns it"
        case Transfer(to=ToAgent(agent=agent)) if agent == state.owner:
            return f"agent {agent} already owns it"
        case TransferAccepted(agent=agent):
            return _transfer_acceptance_refusal(state, agent)
        case TransferDeclined(agent=agent):
            return _transfer_decline_refusal(state, agent)
        case TransferExpired() if (
            state.transfer_deadline is not None and now < state.transfer_deadline
        ):
            return f"the transfer runs until {state.transfer_deadline}"
        case Reclaim(agent=agent) if agent != state.owner:
            return f"held by agent {state.owner}, not by agent {agent}"
        case Rate(by=by) if by.kind is not ActorKind.VISITOR:
            return "only the visitor rates a conversation"
        case Rate() if state.rated:
            return "already rated"
    return None


def _transfer_acceptance_refusal(state: ConversationState, agent: AgentId) -> str | None:
    match state.transfer_to:
        case ToAgent(agent=target) if agent != target:
            return f"the transfer is to agent {target}, not to agent {agent}"
        case ToDepartment() if agent == state.owner:
            return f"agent {agent} already owns it"
    return None


def _transfer_decline_refusal(state: ConversationState, agent: AgentId) -> str | None:
    match state.transfer_to:
        case ToAgent(agent=target) if agent != target:
            return f"the transfer is to agent {target}, not to agent {agent}"
        case ToDepartment():
            return "a department's transfer waits for an acceptance or its deadline"
    return None


def _outcome(
    state: ConversationState, event: ConversationInput, now: float, target: ConversationStatus
) -> tuple[ConversationState, list[ConversationEvent]]:
    # One match over every input on purpose: the outcomes side by side, as the table.
    K = ConversationEventKind

    def entry(kind: ConversationEventKind, actor: Actor, **fields: Any) -> ConversationEvent:
        return ConversationEvent(kind=kind, at=now, actor=actor, **fields)

    # Offer and transfer fields belong to the offered and transferring states only: every
    # move clears them, and the inputs that enter those states set them again.
    moved = replace(
        state,
        status=target,
        offered_to=None,
        offer_deadline=None,
        transfer_to=None,
        transfer_deadline=None,
    )
    match event:
        case Queue():
            return moved, [entry(K.QUEUED, SYSTEM)]
        case Offer(agent=agent, deadline=deadline):
            offered = replace(moved, offered_to=agent, offer_deadline=deadline)
            return offered, [entry(K.OFFERED, SYSTEM, agent=agent)]
        case Decline(agent=agent):
            # Back in line is the relay's rule, so the queued entry is the system's.
            declined = entry(K.DECLINED, Actor.agent(agent), agent=agent)
            return moved, [declined, entry(K.QUEUED, SYSTEM)]
        case OfferExpired():
            expired = entry(K.OFFER_EXPIRED, SYSTEM, agent=state.offered_to)
            return moved, [expired, entry(K.QUEUED, SYSTEM)]
        case Accept(agent=agent):
            return replace(moved, owner=agent), [entry(K.ACCEPTED, Actor.agent(agent), agent=agent)]
        case Assign(agent=agent, by=by):
            assigned = entry(K.ASSIGNED, by, agent=agent, from_agent=state.owner)
            return replace(moved, owner=agent), [assigned]
        case Transfer(to=to, by=by, deadline=deadline, note=note):
            to_agent, department = _target(to)
            requested = entry(
                K.TRANSFER_REQUESTED,
                by,
                agent=to_agent,
                department=department,
                from_agent=state.owner,
                note=note,
            )
            return replace(moved, transfer_to=to, transfer_deadline=deadline), [requested]
        case TransferAccepted(agent=agent):
            # Through a department, the entry names both the department and who took it.
            _, department = _target(state.transfer_to)
            transferred = entry(
                K.TRANSFERRED,
                Actor.agent(agent),
                agent=agent,
                department=department,
                from_agent=state.owner,
            )
            return replace(moved, owner=agent), [transferred]
        case TransferDeclined(agent=agent):
            return moved, [entry(K.TRANSFER_DECLINED, Actor.agent(agent), agent=agent)]
        case TransferExpired():
            to_agent, department = _target(state.transfer_to)
            expired = entry(K.TRANSFER_EXPIRED, SYSTEM, agent=to_agent, department=department)
            return moved, [expired]
        case Reclaim(agent=agent, why=why):
            # Nobody holds it now: the system's act, naming whose it was and why.
            reclaimed = entry(K.RECLAIMED, SYSTEM, from_agent=agent, note=why)
            return replace(moved, owner=None), [reclaimed]
        case Close(by=by):
            return replace(moved, closed_at=now), [entry(K.CLOSED, by, agent=state.owner)]
        case Rate(score=score, by=by):
            # Rating changes nothing else: a pending transfer stays pending.
            return replace(state, rated=True), [entry(K.RATED, by, score=score)]
        case _:
            assert_never(event)


def _target(to: TransferTarget | None) -> tuple[AgentId | None, DepartmentId | None]:
    match to:
        case ToAgent(agent=agent):
            return agent, None
        case ToDepartment(department=department):
            return None, department
    return None, None  # not transferring: the table never gets here
