"""Who may be offered a chat now, or see it as theirs to take (docs/routing.md, "What routing
decides", point 2).

An agent is eligible for a chat when all of these hold:
1. `available`: Online and connected (Away, Offline and invisible agents are not);
2. room: `chats` plus the offers of *other* chats waiting on their answer (`pending`) is
   below `max_chats`. The chat's own offer does not count against the agent it is offered
   to, so they stay eligible for the chat they are being offered;
3. the chat's `skill`, when it names one, is among theirs;
4. their level is at least the chat's `min_level` (an escalated chat);
5. the turn: during the owner's turn only the owner; after it, the tiers reached so far;
6. they have not declined it; but once every agent that 1-5 leave has declined, the
   declines are forgotten and it goes round again (a chat must not wait for nobody).

The owner's turn: while `now < entered_at + owner_first_seconds`, when the chat's owner is
among the agents and passes 1-4 and has not declined, only they are eligible. An owner who
is away, offline, full, unskilled, below an escalation's level or has declined does not
hold the chat up: everyone else's tiers apply at once. The owner's turn overrides the tiers
(a junior owner gets their own visitor first in a "seniors first" department) but not the
skill or the escalation: those say who can help, the turn only says who goes first.

Tiers are counted from `entered_at`: the tiers whose `after_seconds <= now - entered_at`
are reached and the lowest level among them applies (agents of that level or higher); no
tiers: any level. Before the first tier is reached nobody is eligible; compile_settings
refuses such settings (the first tier starts at 0), so with checked settings this does not
happen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from relay.core.routing.model import AgentState, WaitingChat
from shared_protocol import frames

_NONE: Mapping[int, int] = {}


def has_room(agent: AgentState, pending: Mapping[int, int]) -> bool:
    return agent.chats + pending.get(agent.id, 0) < agent.max_chats


def _qualified(agent: AgentState, chat: WaitingChat, pending: Mapping[int, int]) -> bool:
    """Rules 1-4: whatever the time, could this agent take this chat?"""
    return (
        agent.available
        and has_room(agent, pending)
        and (not chat.skill or chat.skill in agent.skills)
        and agent.level >= chat.min_level
    )


def tier_level(settings: frames.RoutingSettings, waited: float) -> int | None:
    """The lowest level eligible after `waited` seconds in the department: 1 without
    tiers, None before the first tier is reached."""
    if not settings.tiers:
        return 1
    reached = [tier.level for tier in settings.tiers if tier.after_seconds <= waited]
    return min(reached) if reached else None


def owner_turn_ends(chat: WaitingChat, settings: frames.RoutingSettings) -> float | None:
    if chat.owner is None or settings.owner_first_seconds <= 0:
        return None
    return chat.entered_at + settings.owner_first_seconds


def eligible(
    chat: WaitingChat,
    agents: Sequence[AgentState],
    settings: frames.RoutingSettings,
    now: float,
    pending: Mapping[int, int] = _NONE,
) -> frozenset[int]:
    """The ids of the agents who may be offered `chat` now, or see it as theirs to take.
    `pending`: per agent, the offers of other chats waiting on their answer."""
    qualified = [agent for agent in agents if _qualified(agent, chat, pending)]
    owner, turn_ends = chat.owner, owner_turn_ends(chat, settings)
    if (
        owner is not None
        and turn_ends is not None
        and now < turn_ends
        and owner not in chat.declined_by
        and any(agent.id == owner for agent in qualified)
    ):
        return frozenset({owner})
    level = tier_level(settings, now - chat.entered_at)
    if level is None:
        return frozenset()
    reached = frozenset(agent.id for agent in qualified if agent.level >= level)
    not_declined = reached - chat.declined_by
    return not_declined or reached  # all declined: the declines are forgotten


def next_eligibility_change(
    chat: WaitingChat, settings: frames.RoutingSettings, now: float
) -> float | None:
    """The first moment after `now` at which `eligible` may answer differently by time
    alone: the owner's turn ending or the next tier being reached; None when neither is
    ahead."""
    moments = [chat.entered_at + tier.after_seconds for tier in settings.tiers]
    turn_ends = owner_turn_ends(chat, settings)
    if turn_ends is not None:
        moments.append(turn_ends)
    return min((moment for moment in moments if moment > now), default=None)
