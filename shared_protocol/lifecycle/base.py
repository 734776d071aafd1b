"""What both lifecycles share: who acted, and the error an illegal input raises."""

from __future__ import annotations

from enum import StrEnum

import msgspec


class ActorKind(StrEnum):
    VISITOR = "visitor"
    AGENT = "agent"
    SYSTEM = "system"  # the relay itself: the router, a timer


class Actor(msgspec.Struct, frozen=True):
    """Who caused a change; recorded with every log entry."""

    kind: ActorKind
    id: int | None = None  # the visitor's or agent's id; the system has none

    def __post_init__(self) -> None:
        if (self.kind is ActorKind.SYSTEM) != (self.id is None):
            raise ValueError("a visitor or agent actor has an id, the system has none")

    @classmethod
    def agent(cls, agent_id: int) -> Actor:
        return cls(ActorKind.AGENT, agent_id)

    @classmethod
    def visitor(cls, visitor_id: int) -> Actor:
        return cls(ActorKind.VISITOR, visitor_id)


SYSTEM = Actor(ActorKind.SYSTEM)


class IllegalTransition(Exception):
    """An input that the lifecycle does not allow in this state; nothing was changed.

    `state` and `event` are the refused pair, `reason` says why in words for people.
    Callers branch on the state they hold (its status, owner, deadline), not on `reason`.
    """

    def __init__(self, state: object, event: object, reason: str) -> None:
        super().__init__(f"{event!r} refused: {reason}")
        self.state = state
        self.event = event
        self.reason = reason
