"""Asking a colleague to join a chat (docs/routing.md, "Escalate, transfer, join, barge in,
whisper"): who may ask whom, and what the event log says is still waiting for an answer.

Rules:
1. The agents in the chat (its owner, helpers, supervisors who joined) ask; so may a
   supervisor of its department or an admin who is not in it (they may hand it on too).
   Anyone else: FORBIDDEN.
2. The colleague must be able to see the chat: a member of its department (any role), or
   an admin; a chat of no department, anyone. Otherwise FORBIDDEN, and the way out is a
   transfer (which may cross departments).
3. Not someone in the chat already (the asker included), not an agent set Offline or not
   connected (nobody would see it), not one who is asked already and has not answered:
   CONFLICT, saying which. An unknown or disabled agent: NOT_FOUND.
4. The ask stays open until the colleague joins or declines, or `seconds` (the
   department's `offer_seconds`) pass. The log is the record: the newest entry of KINDS
   naming the colleague says where their ask stands, whichever relay wrote it.

Pure: the entries, the people and the time are passed in.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from relay.core.routing.permissions import may_see, may_supervise
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import AgentStatus
from shared_protocol.frames.routing import Role

ASKED = "join_asked"
JOINED = "join_ask_joined"
DECLINED = "join_ask_declined"
EXPIRED = "join_ask_expired"
KINDS = frozenset({ASKED, JOINED, DECLINED, EXPIRED})
# How long an ask waits when the chat's department says nothing (no department).
DEFAULT_SECONDS = 30


class Entry(Protocol):
    """An event-log entry as the store gives it (relay.store.records.LoggedEvent)."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def at(self) -> float: ...
    @property
    def agent(self) -> int | None: ...


@dataclass(frozen=True)
class Asker:
    id: int
    role: Role
    departments: Collection[int]
    in_chat: bool


@dataclass(frozen=True)
class Colleague:
    id: int
    name: str
    role: Role
    departments: Collection[int]
    status: AgentStatus  # Offline when connected nowhere
    in_chat: bool


@dataclass(frozen=True)
class OpenAsk:
    entry: int  # the `join_asked` entry's id
    agent: int
    at: float
    expires_at: float


def check_ask(
    asker: Asker, colleague: Colleague, department: int | None, *, asked_already: bool
) -> None:
    """Raises the typed refusal of rules 1-3; returns when the ask may be made."""
    if not asker.in_chat and not may_supervise(asker.role, asker.departments, department):
        raise ProtocolError(
            ErrorCode.FORBIDDEN, "only the agents in this chat ask a colleague to join it"
        )
    if colleague.id == asker.id or colleague.in_chat:
        raise ProtocolError(ErrorCode.CONFLICT, f"{colleague.name} is in this chat already")
    if not may_see(colleague.role, colleague.departments, department):
        raise ProtocolError(
            ErrorCode.FORBIDDEN,
            f"{colleague.name} is not in this chat's department; transfer instead",
        )
    if colleague.status is AgentStatus.OFFLINE:
        raise ProtocolError(ErrorCode.CONFLICT, f"{colleague.name} is offline")
    if asked_already:
        raise ProtocolError(
            ErrorCode.CONFLICT, f"{colleague.name} was asked already; wait for the answer"
        )


def newest_id(entries: Iterable[Entry]) -> int | None:
    """The id of the newest entry of KINDS (any colleague): what a compare-and-set expects."""
    ids = [entry.id for entry in entries if entry.kind in KINDS]
    return max(ids) if ids else None


def unanswered(entries: Iterable[Entry], agent: int, seconds: float) -> OpenAsk | None:
    """The ask to `agent` when their newest entry of KINDS is it (answered or ended asks
    are not), whatever the time."""
    newest: Entry | None = None
    for entry in entries:
        if (
            entry.kind in KINDS
            and entry.agent == agent
            and (newest is None or entry.id > newest.id)
        ):
            newest = entry
    if newest is None or newest.kind != ASKED:
        return None
    return OpenAsk(entry=newest.id, agent=agent, at=newest.at, expires_at=newest.at + seconds)


def open_ask(entries: Iterable[Entry], agent: int, seconds: float, now: float) -> OpenAsk | None:
    """The ask to `agent` still waiting at `now` (an unanswered one whose time is up is
    over, even before a relay logged it expired: that relay may be gone)."""
    ask = unanswered(entries, agent, seconds)
    return ask if ask is not None and now < ask.expires_at else None


def waiting_for(entries: Sequence[Entry], seconds: float, now: float) -> list[int]:
    """The colleagues whose ask in this chat still waits at `now`, in the order asked."""
    asked = dict.fromkeys(e.agent for e in entries if e.kind == ASKED and e.agent is not None)
    return [agent for agent in asked if open_ask(entries, agent, seconds, now) is not None]
