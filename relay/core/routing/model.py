"""What routing decides from: a department's agents and its chats nobody holds, as the
relay gathers them at one moment. Times are the relay's clock, in seconds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AgentState:
    """An agent of the department."""

    id: int
    available: bool  # status Online and connected to some relay (Away/Offline/invisible: False)
    level: int = 1
    skills: frozenset[str] = frozenset()
    max_chats: int = 5
    chats: int = 0  # conversations they hold now (active or transferring)
    last_accept_at: float = 0.0  # 0: never


@dataclass(frozen=True, slots=True)
class WaitingChat:
    """An open conversation of the department that nobody holds (waiting, queued or
    offered)."""

    conversation: int
    entered_at: float  # when it opened, or entered this department (transfer/escalation)
    offered_to: int | None = None
    offer_deadline: float | None = None  # set exactly when offered_to is
    declined_by: frozenset[int] = frozenset()
    owner: int | None = None  # the visitor's own agent (docs/routing.md, "The owner")
    min_level: int = 1  # an escalated chat: only agents of this level or higher
    skill: str = ""  # "": any agent
    # When it came back to the line because its agent was gone (it keeps its place by
    # `entered_at`; its maximum wait counts from here). None: it never did.
    returned_at: float | None = None

    @property
    def waiting_since(self) -> float:
        """Since when the visitor has been waiting for an agent this time."""
        return (
            self.entered_at if self.returned_at is None else max(self.entered_at, self.returned_at)
        )

    def __post_init__(self) -> None:
        # The lifecycle sets both or neither; half an offer would be read two ways here.
        if (self.offered_to is None) != (self.offer_deadline is None):
            raise ValueError("offered_to and offer_deadline are set together or not at all")
