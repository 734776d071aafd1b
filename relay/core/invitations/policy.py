"""The policy against annoyance, and the one decision: which automatic invitation, if any,
may be shown to this visitor, and when.

Rules (seed 000's dilemma, REFERENCE.md "Proactive invitations"):
1. Never while a conversation is open or another invitation is waiting for an answer.
2. A rule is a candidate when its conditions hold or will hold with time on this page
   (`when_satisfiable`); it may be shown `delay` seconds after that.
3. Its policy (the site's, or the rule's own) may hold it back: on an excluded page; for
   a visitor who is not returning when the policy says returning visitors only; for the
   rest of a visit with a decline, and for `decline_quiet_days` after any decline; for
   `after_chat_seconds` after a chat ended; once the frequency cap is reached; without an
   agent who has room for the chat it would start, unless the policy says otherwise.
4. Caps, declines and chats count every invitation the visitor saw, whichever rule (or
   agent, by hand) sent it: the policy protects the visitor, who does not tell one rule
   from another. A rule's own policy changes how strict that count is for the rule.
5. Of the candidates not held back, the one that can be shown first wins, and of those
   that can be shown at the same moment, the first in order: when several match, the
   site's order says which; when none matches yet, the relay waits for the soonest.
   With `Frequency.REPEAT` the wait includes the gap since the last invitation.
6. Nothing to show says why (`Reason`), and names the first rule held back, if any, so an
   admin can tell "no rule matched" from "the policy held it back".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from relay.core.invitations.conditions import (
    Condition,
    VisitorState,
    url_matches,
    when_satisfiable,
)

DAY = 86_400.0


class Frequency(StrEnum):
    ONCE_PER_VISITOR = "once_per_visitor"  # ever, as far as the visitor's id lasts
    ONCE_PER_VISIT = "once_per_visit"
    REPEAT = "repeat"  # every `repeat_every` seconds, at most `max_per_visit` a visit


@dataclass(frozen=True, slots=True, kw_only=True)
class Policy:
    """Per site, and per rule where a rule overrides it. The defaults are the polite ones
    the products converge on: once a visit, a decline holds a week, none for a day after a
    chat, none without an agent free to answer."""

    frequency: Frequency = Frequency.ONCE_PER_VISIT
    repeat_every: float = 0.0  # with REPEAT: seconds between two invitations
    max_per_visit: int = 1  # with REPEAT
    decline_quiet_days: float = 7.0  # 0: a decline holds for the rest of its visit only
    after_chat_seconds: float = DAY
    excluded_pages: tuple[str, ...] = ()  # URL patterns (see conditions): checkout, forms
    returning_only: bool = False
    needs_agent_with_room: bool = True

    def __post_init__(self) -> None:
        if self.frequency is Frequency.REPEAT and not (
            math.isfinite(self.repeat_every) and self.repeat_every > 0
        ):
            raise ValueError("repeating invitations need a gap of more than 0 seconds")
        if self.frequency is Frequency.REPEAT and self.max_per_visit < 1:
            raise ValueError("repeating invitations need a cap of at least 1 a visit")
        for name in ("decline_quiet_days", "after_chat_seconds"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise ValueError(f"{name} must be ≥ 0, not {value}")
        for pattern in self.excluded_pages:
            url_matches(pattern, "")  # a bad pattern fails here, when the policy is made


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    conditions: tuple[Condition, ...]
    delay: float = 0.0  # seconds after the conditions hold

    def __post_init__(self) -> None:
        if not (math.isfinite(self.delay) and self.delay >= 0):
            raise ValueError(f"a rule's delay must be ≥ 0 seconds, not {self.delay}")


@dataclass(frozen=True, slots=True)
class Shown:
    at: float
    visit: int
    rule: str | None = None  # None: sent by hand by an agent


@dataclass(frozen=True, slots=True)
class Declined:
    at: float
    visit: int
    rule: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class InvitationHistory:
    """The visitor's invitations, across visits, as the store keeps them."""

    shown: tuple[Shown, ...] = ()
    declined: tuple[Declined, ...] = ()
    last_chat_ended_at: float | None = None


class Reason(StrEnum):
    NO_RULE_MATCHES = "no_rule_matches"
    CONVERSATION_OPEN = "conversation_open"
    INVITATION_PENDING = "invitation_pending"
    EXCLUDED_PAGE = "excluded_page"
    RETURNING_ONLY = "returning_only"
    DECLINED_THIS_VISIT = "declined_this_visit"
    DECLINED_RECENTLY = "declined_recently"
    CHATTED_RECENTLY = "chatted_recently"
    CAP_REACHED = "cap_reached"
    NO_AGENT_WITH_ROOM = "no_agent_with_room"


@dataclass(frozen=True, slots=True)
class Show:
    """Show `rule`'s invitation at `at` (now, or later: the relay sets a timer and decides
    again then, since the visitor may have moved on)."""

    rule: Rule
    at: float


@dataclass(frozen=True, slots=True)
class Nothing:
    reason: Reason
    rule: str | None = None  # the first rule that matched and was held back


Decision = Show | Nothing
PolicyFor = Callable[[Rule], Policy]


def per_rule(site: Policy, overrides: Mapping[str, Policy]) -> PolicyFor:
    """The policy of each rule: its own where it has one, else the site's."""
    return lambda rule: overrides.get(rule.id, site)


def _earliest_allowed(
    policy: Policy, state: VisitorState, history: InvitationHistory, now: float
) -> float | Reason:
    """From when the policy lets an invitation be shown on this page, or why it does not."""
    if any(url_matches(pattern, state.page_url) for pattern in policy.excluded_pages):
        return Reason.EXCLUDED_PAGE
    if policy.returning_only and not state.returning:
        return Reason.RETURNING_ONLY
    if any(d.visit == state.visit for d in history.declined):
        return Reason.DECLINED_THIS_VISIT
    if any(now - d.at < policy.decline_quiet_days * DAY for d in history.declined):
        return Reason.DECLINED_RECENTLY
    chat_ended = history.last_chat_ended_at
    if chat_ended is not None and now - chat_ended < policy.after_chat_seconds:
        return Reason.CHATTED_RECENTLY
    this_visit = [s.at for s in history.shown if s.visit == state.visit]
    earliest = -math.inf
    if policy.frequency is Frequency.ONCE_PER_VISITOR and history.shown:
        return Reason.CAP_REACHED
    if policy.frequency is Frequency.ONCE_PER_VISIT and this_visit:
        return Reason.CAP_REACHED
    if policy.frequency is Frequency.REPEAT and this_visit:
        if len(this_visit) >= policy.max_per_visit:
            return Reason.CAP_REACHED
        earliest = max(this_visit) + policy.repeat_every
    # Last: the one hold that lifts within seconds, so the others are the ones reported.
    if policy.needs_agent_with_room and not state.agent_has_room:
        return Reason.NO_AGENT_WITH_ROOM
    return earliest


def decide(
    rules: Sequence[Rule],
    policy_for: PolicyFor,
    state: VisitorState,
    history: InvitationHistory,
    now: float,
) -> Decision:
    """Which automatic invitation may be shown to this visitor, and when (the module's
    rules); or why none."""
    if state.conversation_open:
        return Nothing(Reason.CONVERSATION_OPEN)
    if state.invitation_pending:
        return Nothing(Reason.INVITATION_PENDING)
    chosen: Show | None = None
    held: Nothing | None = None
    for rule in rules:
        ready = when_satisfiable(rule.conditions, state)
        if ready is None:
            continue
        allowed = _earliest_allowed(policy_for(rule), state, history, now)
        if isinstance(allowed, Reason):
            held = held or Nothing(allowed, rule.id)
            continue
        at = max(now, ready + rule.delay, allowed)
        if chosen is None or at < chosen.at:
            chosen = Show(rule, at)
    return chosen or held or Nothing(Reason.NO_RULE_MATCHES)
