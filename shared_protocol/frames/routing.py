"""Teams and routing: departments and their settings, offers, the visitor's place in the
queue, transfer, escalation, barging in, a visitor's own agent, and the admins' team setup.

docs/routing.md says what each setting does and how the relay decides; this module is only
what crosses the wire. The bounds here are those a decoder can check; the relay checks the
rest (patterns, hours, rising tiers) and answers `bad_frame` naming the field.
"""

# ruff: noqa: RUF012 - msgspec gives every instance its own [] default (see session.py)

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

import msgspec

from shared_protocol import limits
from shared_protocol.frames.common import (
    Count,
    EntityId,
    Frame,
    Part,
    Seconds,
    SiteKey,
    Timestamp,
    Url,
)

__all__ = [
    "AgentRoutingSave",
    "Barge",
    "Decline",
    "DepartmentChoice",
    "DepartmentInfo",
    "DepartmentSave",
    "DepartmentsChanged",
    "Escalate",
    "JoinAsk",
    "JoinAskDecline",
    "JoinAskEnded",
    "JoinAskOutcome",
    "JoinAsked",
    "QueuePlace",
    "RoutingMode",
    "RoutingSettings",
    "Selection",
    "SetOwner",
    "Team",
    "TeamAgent",
    "TeamRequest",
    "Tier",
    "TransferRequest",
]

Role = Literal["admin", "supervisor", "agent"]
Level = Annotated[int, msgspec.Meta(ge=1, le=limits.MAX_ROUTING_LEVEL)]
HandoverNote = Annotated[str, msgspec.Meta(max_length=limits.MAX_INVITATION_CHARS)]
Skill = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.MAX_NAME_CHARS)]

# ---------------------------------------------------------------- structures


class RoutingMode(StrEnum):
    ASSIGNED = "assigned"  # offered to one agent at a time
    BROADCAST = "broadcast"  # every eligible agent sees it; the first to accept takes it
    HYBRID = "hybrid"  # everyone eligible sees it and one of them is offered it


class Selection(StrEnum):
    LEAST_ACTIVE = "least_active"  # fewest chats; tie: longest since their last accept
    LONGEST_IDLE = "longest_idle"  # longest since their last accept
    ROUND_ROBIN = "round_robin"  # in turn, by agent id after the last one offered


class Tier(Part, frozen=True):
    """From `after_seconds` after the chat entered the department, agents of `level` or
    higher are eligible."""

    level: Level
    after_seconds: Annotated[int, msgspec.Meta(ge=0, le=3600)] = 0


class RoutingSettings(Part, frozen=True):
    """How a department routes its chats (docs/routing.md, "A department's settings")."""

    mode: RoutingMode = RoutingMode.ASSIGNED
    selection: Selection = Selection.LEAST_ACTIVE
    offer_seconds: Annotated[int, msgspec.Meta(ge=5, le=300)] = 30
    owner_first_seconds: Annotated[int, msgspec.Meta(ge=0, le=600)] = 30
    tiers: Annotated[list[Tier], msgspec.Meta(max_length=limits.MAX_TIERS)] = []
    queue_limit: Annotated[int, msgspec.Meta(ge=0, le=1000)] = 20
    max_wait_seconds: Annotated[int, msgspec.Meta(ge=30, le=3600)] = 300
    away_after_missed: Annotated[int, msgspec.Meta(ge=0, le=10)] = 2
    # A chat whose agent lost every connection goes back to routing after this; 0: never.
    reclaim_after_seconds: Annotated[int, msgspec.Meta(ge=0, le=3600)] = 120
    pages: Annotated[list[Url], msgspec.Meta(max_length=limits.MAX_RULE_VALUES)] = []
    hours: Annotated[str, msgspec.Meta(max_length=limits.MAX_HOURS_CHARS)] = ""  # "": always
    time_zone: Annotated[str, msgspec.Meta(max_length=64)] = "UTC"
    exceptions: Annotated[str, msgspec.Meta(max_length=limits.MAX_HOURS_CHARS)] = ""


class DepartmentInfo(Part, frozen=True):
    """A team of a site (front desk, doctors, sales): chats are routed to its agents."""

    id: EntityId
    site: str  # the site's key
    name: str
    settings: RoutingSettings = msgspec.field(default_factory=RoutingSettings)
    open_now: bool = True  # within its hours (always, without hours)


class DepartmentChoice(Part, frozen=True):
    """What a visitor may pick in the pre-chat form (`SiteSettings.departments`)."""

    id: EntityId
    name: str
    open_now: bool = True  # closed: picking it leads to the offline form


class TeamAgent(Part, frozen=True):
    """An agent as admins manage them (`team`, `agent_routing_save`)."""

    id: EntityId
    name: str  # login name
    display_name: str
    role: Role
    departments: list[EntityId] = []
    skills: Annotated[list[Skill], msgspec.Meta(max_length=limits.MAX_RULE_VALUES)] = []
    level: Level = 1
    max_chats: Annotated[int, msgspec.Meta(ge=0, le=limits.MAX_CHATS_AT_ONCE)] = 5
    disabled: bool = False


# ---------------------------------------------------------------- visitor ← relay


class QueuePlace(Frame, frozen=True, tag="queue"):
    """Relay → visitor: where the visitor's chat stands while nobody has taken it. Sent when
    the position or the estimate changes, after the visitor connects again, and every
    15 s unchanged; `position` 0 means it is no longer waiting (an
    agent took it). `overflow`: the queue is full or the wait too long: offer the offline
    form (the chat stays open, an agent may still answer)."""

    conversation: EntityId
    position: Count
    estimated_wait: Seconds | None = None  # seconds, rounded to 10; None: not known yet
    overflow: bool = False


# ---------------------------------------------------------------- agent → relay


class Decline(Frame, frozen=True, tag="decline"):
    """Decline the offer of a conversation, or a transfer of it to this agent."""

    conversation: EntityId


class TransferRequest(Frame, frozen=True, tag="transfer"):
    """Hand a conversation to another agent or to a department, with a note for them; the
    owner keeps it until the target accepts. Exactly one of `agent` and `department`."""

    conversation: EntityId
    agent: EntityId | None = None
    department: EntityId | None = None
    note: HandoverNote = ""


class Escalate(Frame, frozen=True, tag="escalate"):
    """Transfer to the agents of the same department above this owner's level."""

    conversation: EntityId
    note: HandoverNote = ""


class Barge(Frame, frozen=True, tag="barge"):
    """Supervisors and admins: join a conversation as supervisor, or take it over."""

    conversation: EntityId
    take_over: bool = False


class JoinAsk(Frame, frozen=True, tag="join_ask"):
    """Ask one colleague to join this chat to help, with a note for them; they answer
    with `join` (the colleague becomes a helper) or `join_ask_decline`."""

    conversation: EntityId
    agent: EntityId
    note: HandoverNote = ""


class JoinAskDecline(Frame, frozen=True, tag="join_ask_decline"):
    """The colleague asked to join this chat says no."""

    conversation: EntityId


class SetOwner(Frame, frozen=True, tag="set_owner"):
    """Make `agent` the visitor's own agent (routing offers them the visitor first); None
    clears it (the agent who serves them next becomes it)."""

    visitor: EntityId
    agent: EntityId | None = None


class TeamRequest(Frame, frozen=True, tag="team_request"):
    """Admins: the departments and agents of every site, answered with `team`."""


class DepartmentSave(Frame, frozen=True, tag="department_save"):
    """Admins: add a department (`id` None) or change one's name and settings."""

    site: SiteKey
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=limits.MAX_NAME_CHARS)]
    settings: RoutingSettings = msgspec.field(default_factory=RoutingSettings)
    id: EntityId | None = None


class AgentRoutingSave(Frame, frozen=True, tag="agent_routing_save"):
    """Admins: an agent's role, departments, skills, level and capacity."""

    agent: EntityId
    role: Role
    departments: Annotated[list[EntityId], msgspec.Meta(max_length=limits.MAX_RULE_VALUES)] = []
    skills: Annotated[list[Skill], msgspec.Meta(max_length=limits.MAX_RULE_VALUES)] = []
    level: Level = 1
    max_chats: Annotated[int, msgspec.Meta(ge=0, le=limits.MAX_CHATS_AT_ONCE)] = 5


# ---------------------------------------------------------------- relay → agent


class DepartmentsChanged(Frame, frozen=True, tag="departments"):
    """A department was added or changed, or opened or closed by its hours (every agent)."""

    departments: list[DepartmentInfo]


class JoinAskOutcome(StrEnum):
    JOINED = "joined"
    DECLINED = "declined"
    EXPIRED = "expired"  # no answer in time, or the chat closed first


class JoinAsked(Frame, frozen=True, tag="join_asked"):
    """To the colleague asked, `agent` (every connection of theirs): `by` asks them to join
    the chat until `expires_at` (the relay's clock); they answer with `join` or
    `join_ask_decline`. To the asker too: the ask is made."""

    conversation: EntityId
    visitor: EntityId
    agent: EntityId  # the colleague asked
    by: EntityId
    by_name: str
    note: str = ""
    expires_at: Timestamp = 0.0


class JoinAskEnded(Frame, frozen=True, tag="join_ask_ended"):
    """To the agent who asked and to the colleague asked: how the ask ended."""

    conversation: EntityId
    agent: EntityId  # the colleague asked
    by: EntityId  # who asked
    outcome: JoinAskOutcome
    ts: Timestamp = 0.0


class Team(Frame, frozen=True, tag="team"):
    """Answer to `team_request`, `department_save` and `agent_routing_save` (admins)."""

    departments: list[DepartmentInfo]
    agents: list[TeamAgent]
