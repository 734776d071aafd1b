"""What every back end writes for a change, decided once: a log entry's row, the columns
a lifecycle compare-and-set stores and compares, and a withdrawal's record (the SQL
around them is each back end's own)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from relay.store.errors import AlreadyWithdrawn, NotYours, StoreBug
from relay.store.records import Agent, StoredMessage, Withdrawal
from shared_protocol.frames import AuthorKind
from shared_protocol.lifecycle import (
    Actor,
    ConversationEvent,
    ConversationEventKind,
    ConversationState,
)
from shared_protocol.lifecycle.conversation import ToAgent, ToDepartment

# conversation_id, kind, at, actor_kind, actor_id, details (a JSON object as text)
EventRow = tuple[int, str, float, str, int | None, str]

# The lifecycle's columns of conversations, in the order lifecycle_columns() gives them.
LIFECYCLE_COLUMNS = (
    "status",
    "agent_id",
    "offered_to",
    "offer_deadline",
    "transfer_to_agent",
    "transfer_to_department",
    "transfer_deadline",
    "closed_at",
)


def event_row(conversation_id: int, kind: str, at: float, actor: Actor, **details: Any) -> EventRow:
    """An entry to insert; details left empty (None, "") are not stored."""
    kept = {name: value for name, value in details.items() if value not in (None, "")}
    text = json.dumps(kept, separators=(",", ":")) if kept else "{}"
    return (conversation_id, kind, at, actor.kind.value, actor.id, text)


def lifecycle_row(conversation_id: int, event: ConversationEvent) -> EventRow:
    return event_row(
        conversation_id,
        event.kind.value,
        event.at,
        event.actor,
        agent=event.agent,
        from_agent=event.from_agent,
        department=event.department,
        score=event.score,
        note=event.note,
    )


def lifecycle_columns(state: ConversationState) -> tuple[Any, ...]:
    """The values of LIFECYCLE_COLUMNS that store `state`."""
    to_agent = state.transfer_to.agent if isinstance(state.transfer_to, ToAgent) else None
    department = (
        state.transfer_to.department if isinstance(state.transfer_to, ToDepartment) else None
    )
    return (
        state.status.value,
        state.owner,
        state.offered_to,
        state.offer_deadline,
        to_agent,
        department,
        state.transfer_deadline,
        state.closed_at,
    )


def new_rating(
    expected: ConversationState, new: ConversationState, events: Sequence[ConversationEvent]
) -> int | None:
    """The score to keep when the move rates the conversation; None otherwise."""
    if not new.rated or expected.rated:
        return None
    for event in events:
        if event.kind is ConversationEventKind.RATED and event.score is not None:
            return event.score
    raise StoreBug("a conversation was rated without a `rated` entry giving the score")


def new_department(events: Sequence[ConversationEvent]) -> int | None:
    """The department a transfer accepted through one moves the conversation to."""
    for event in events:
        if event.kind is ConversationEventKind.TRANSFERRED and event.department is not None:
            return event.department
    return None


def withdrawal_of(taken: StoredMessage, agent: Agent, now: float) -> Withdrawal:
    """The audit record of the agent withdrawing the message as read (locked) from the
    store; NotYours or AlreadyWithdrawn when the store must refuse it."""
    where = f"message {taken.seq} of conversation {taken.conversation_id}"
    if taken.author is not AuthorKind.AGENT or taken.author_id != agent.id:
        raise NotYours(where)
    if taken.withdrawn:
        raise AlreadyWithdrawn(where)
    return Withdrawal(
        conversation_id=taken.conversation_id,
        seq=taken.seq,
        agent_id=agent.id,
        agent_name=agent.display_name,
        text=taken.text,
        file_name=taken.file.name if taken.file else "",
        sent_at=taken.created_at,
        withdrawn_at=now,
    )
