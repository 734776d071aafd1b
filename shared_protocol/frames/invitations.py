"""Proactive invitations: an agent's or a rule's offer to talk, how the widget answers it,
the state agents see on the visitor's row, and the rules admins set (issue 14).

The relay decides whether and when an invitation is shown (relay/core/invitations); the
widget only shows what it is sent and reports what the visitor did with it. The states an
invitation moves through are shared_protocol/lifecycle/invitation.py's.

The rules' document (`InvitationSetup`) is the same whether it travels to the app, is
stored by the relay or is exported as TOML by `parley-relay invitations export`; the relay
checks it as a whole when it is saved (`bad_frame` with the first problem in `detail`).
"""

# ruff: noqa: RUF012 - msgspec gives every instance its own [] and {} defaults.

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from shared_protocol import limits
from shared_protocol.frames.common import (
    Count,
    EntityId,
    Frame,
    Name,
    Part,
    Seconds,
    SiteKey,
    Timestamp,
)
from shared_protocol.frames.conversations import AgentCard

__all__ = [
    "ExitIntent",
    "ExperimentSpec",
    "Invitation",
    "InvitationAccept",
    "InvitationDecline",
    "InvitationEnded",
    "InvitationInfo",
    "InvitationPolicySpec",
    "InvitationRuleDelete",
    "InvitationRuleSave",
    "InvitationSettings",
    "InvitationSettingsSave",
    "InvitationSetup",
    "InvitationSetupRequest",
    "InvitationShown",
    "InvitationWithdraw",
    "Invitations",
    "Invite",
    "InviteRefusal",
    "InviteResult",
    "RuleConditions",
    "RuleSpec",
    "RuleStats",
    "SurveyAnswer",
    "VariantSpec",
    "VariantStats",
]

InvitationText = Annotated[str, msgspec.Meta(max_length=limits.MAX_INVITATION_CHARS)]
RuleId = Annotated[str, msgspec.Meta(max_length=40, pattern=r"^[a-z0-9_-]*$")]
Value = Annotated[str, msgspec.Meta(max_length=limits.MAX_URL_CHARS)]  # a pattern, a place…
ShortList = Annotated[list[Value], msgspec.Meta(max_length=limits.MAX_RULE_VALUES)]
Style = Literal["card", "bubble", "dialog"]
InvitationKind = Literal["chat", "survey"]
InvitationStatusName = Literal["sent", "shown", "accepted", "declined", "expired", "withdrawn"]
SourceName = Literal[
    "direct", "internal", "search", "paid_search", "social", "referral", "campaign"
]
Weight = Annotated[int, msgspec.Meta(ge=0, le=1000)]
Rate = Annotated[float, msgspec.Meta(ge=0.0001, le=0.9999)]  # a proportion

# ---------------------------------------------------------------- relay → visitor


class Invitation(Frame, frozen=True, tag="invitation"):
    """Show this invitation (or, `kind="survey"`, this one question) now; answer with
    `invitation_shown` once it is on screen, then `invitation_accept` or
    `invitation_decline` (or `survey_answer`)."""

    id: EntityId
    text: InvitationText  # the greeting, variables filled in; plain text
    style: Style = "card"
    kind: InvitationKind = "chat"
    agent: AgentCard | None = None  # who it comes from; None: the site's team
    expires_at: Timestamp = 0  # after it the relay refuses an answer: hide it by then


class InvitationEnded(Frame, frozen=True, tag="invitation_ended"):
    """Hide this invitation: answered in another tab, withdrawn, or expired. With
    `auto_reply`, keep that line in the chat for when the visitor opens it."""

    id: EntityId
    status: InvitationStatusName
    auto_reply: InvitationText = ""


# ---------------------------------------------------------------- visitor → relay


class InvitationShown(Frame, frozen=True, tag="invitation_shown"):
    id: EntityId


class InvitationAccept(Frame, frozen=True, tag="invitation_accept"):
    """The visitor wants to talk: the relay opens the conversation (with the greeting as its
    first message) and answers `conversation_opened`. Writing a message while invited
    accepts too."""

    id: EntityId


class InvitationDecline(Frame, frozen=True, tag="invitation_decline"):
    """ "Later" or close: no invitation again this visit (the site's policy may say longer)."""

    id: EntityId


class SurveyAnswer(Frame, frozen=True, tag="survey_answer"):
    """The visitor's answer to a survey invitation; reaches agents as an offline message."""

    id: EntityId
    text: Annotated[str, msgspec.Meta(min_length=1, max_length=limits.MAX_TEXT_CHARS)]


class ExitIntent(Frame, frozen=True, tag="exit_intent"):
    """The pointer left the page towards the browser's tabs or address bar (desktop)."""


# ---------------------------------------------------------------- agents


class InvitationInfo(Part, frozen=True):
    """One invitation as agents see it on the visitor's row."""

    id: EntityId
    visitor: EntityId
    site: str
    status: InvitationStatusName
    text: str
    at: Timestamp  # when it reached `status`
    sent_at: Timestamp
    agent: EntityId | None = None  # who sent it by hand; None: a rule
    agent_name: str = ""
    rule: str = ""  # the rule's name, for an automatic one
    conversation: EntityId | None = None  # opened by accepting it


class Invite(Frame, frozen=True, tag="invite"):
    """Agent → relay: invite these visitors to talk; `text` empty: the site's greeting."""

    visitors: Annotated[list[EntityId], msgspec.Meta(min_length=1, max_length=100)]
    text: InvitationText = ""
    ref: Annotated[str, msgspec.Meta(max_length=limits.MAX_CLIENT_ID_CHARS)] = ""


class InviteRefusal(Part, frozen=True):
    visitor: EntityId
    reason: Literal["offline", "chatting", "invited", "not_found"]


class InviteResult(Frame, frozen=True, tag="invite_result"):
    """Answer to `invite`: who was invited and who was not, and why."""

    ref: str = ""
    sent: list[InvitationInfo] = []
    refused: list[InviteRefusal] = []


class InvitationWithdraw(Frame, frozen=True, tag="invitation_withdraw"):
    """Agent → relay: take back my invitation (admins: any) while it is not answered."""

    id: EntityId


class Invitations(Frame, frozen=True, tag="invitations"):
    """Relay → agents: invitations that changed (every one of the last ten minutes after
    login). The newest state of an id replaces what was known of it."""

    invitations: list[InvitationInfo] = []


# ---------------------------------------------------------------- the rules (admins)


class RuleConditions(Part, frozen=True):
    """All that are set must hold; an empty field asks nothing."""

    time_on_page: Seconds | None = None
    time_on_site: Seconds | None = None
    pages_viewed: Count | None = None  # at least this many this visit
    page_url: ShortList = []  # any of these patterns (docs/protocol.md: URL patterns)
    landing_url: ShortList = []
    source: list[SourceName] = []
    engine: Name = ""  # "Baidu"
    keyword_contains: Name = ""
    referrer_domain: ShortList = []
    returning: bool | None = None
    chatted_before: bool | None = None
    places: ShortList = []  # "中国", "中国/浙江省", "中国/浙江省/杭州市", "GB//London"
    device: list[Literal["desktop", "mobile", "tablet"]] = []
    language: ShortList = []  # "zh", "en-GB"
    business_hours: bool | None = None
    agent_has_room: bool | None = None


class VariantSpec(Part, frozen=True):
    """One arm of an A/B test; an empty field keeps the rule's own value."""

    name: Name
    text: InvitationText = ""
    style: Style | None = None
    delay: Seconds | None = None
    weight: Weight = 1


class ExperimentSpec(Part, frozen=True):
    """What the A/B test must detect; its sample per variant is fixed from this."""

    baseline: Rate  # today's acceptance rate, 0.03 for 3 %
    target: Rate  # the smallest improvement worth finding, 0.04
    alpha: Rate = 0.05
    power: Rate = 0.8
    min_days: Annotated[float, msgspec.Meta(ge=0, le=365)] = 7.0


class InvitationPolicySpec(Part, frozen=True):
    """How often a visitor may be invited (relay/core/invitations/policy.py)."""

    frequency: Literal["once_per_visitor", "once_per_visit", "repeat"] = "once_per_visit"
    repeat_every: Seconds = 0  # with "repeat"
    max_per_visit: Annotated[int, msgspec.Meta(ge=0, le=100)] = 1  # with "repeat"
    decline_quiet_days: Annotated[float, msgspec.Meta(ge=0, le=3650)] = 7.0
    after_chat_hours: Annotated[float, msgspec.Meta(ge=0, le=87600)] = 24.0
    excluded_pages: ShortList = []
    returning_only: bool = False
    needs_agent_with_room: bool = True


class RuleSpec(Part, frozen=True):
    """An automatic invitation: when (trigger, conditions), what (text, style, kind), how
    often (its own policy, or the site's)."""

    name: Name
    id: RuleId = ""  # empty in a save: a new rule, the relay names it
    enabled: bool = True
    trigger: Literal["page", "exit"] = "page"  # "exit": only when the visitor moves to leave
    conditions: RuleConditions = RuleConditions()
    text: InvitationText = ""  # {visitor.name}, {visitor.city}, {site.name}…; empty: the site's
    kind: InvitationKind = "chat"  # "survey": `text` is a question, the answer an offline message
    style: Style = "card"
    delay: Seconds = 0  # after the conditions hold
    from_agent: Name = ""  # an agent's user name: their name and photo; empty: the team
    policy: InvitationPolicySpec | None = None  # None: the site's
    variants: Annotated[list[VariantSpec], msgspec.Meta(max_length=limits.MAX_VARIANTS)] = []
    experiment: ExperimentSpec | None = None
    changed_at: Timestamp = 0  # set by the relay: counts and the test start here


class InvitationSettings(Part, frozen=True):
    """A site's defaults for every invitation."""

    greeting: InvitationText = ""  # for agents' invitations with no text of their own
    timeout: Annotated[float, msgspec.Meta(ge=5, le=600)] = 20.0
    auto_reply: InvitationText = ""  # left in the chat when an invitation expires
    policy: InvitationPolicySpec = InvitationPolicySpec()
    # When the `business_hours` condition holds: "mon-fri 09:00-18:00; sat 10:00-14:00";
    # empty: always. Read in `time_zone` (an IANA name: "Asia/Shanghai").
    business_hours: Annotated[str, msgspec.Meta(max_length=200)] = ""
    time_zone: Annotated[str, msgspec.Meta(max_length=64)] = "UTC"


class VariantStats(Part, frozen=True):
    name: str
    sent: Count = 0
    shown: Count = 0
    accepted: Count = 0
    declined: Count = 0
    chats: Count = 0  # conversations where the visitor wrote
    replied: Count = 0  # conversations an agent answered
    verdict: str = ""  # this variant in the test, in words


class RuleStats(Part, frozen=True):
    rule: str
    since: Timestamp
    variants: list[VariantStats] = []  # one without a test
    planned_per_variant: Count = 0  # the test's fixed sample; 0: no test
    verdict: str = ""  # the test in words: "collecting", "winner: B", "no difference detected"


class InvitationSetup(Frame, frozen=True, tag="invitation_setup"):
    """Relay → admin: a site's invitation settings, its rules in order (the first that
    matches wins) and each rule's counts since it was last changed."""

    site: SiteKey
    settings: InvitationSettings = InvitationSettings()
    rules: Annotated[list[RuleSpec], msgspec.Meta(max_length=limits.MAX_RULES)] = []
    stats: list[RuleStats] = []


class InvitationSetupRequest(Frame, frozen=True, tag="invitation_setup_request"):
    site: SiteKey


class InvitationSettingsSave(Frame, frozen=True, tag="invitation_settings_save"):
    site: SiteKey
    settings: InvitationSettings


class InvitationRuleSave(Frame, frozen=True, tag="invitation_rule_save"):
    """Add (`rule.id` empty) or replace a rule; `position` is its place in the order
    (0 first; beyond the end: last; None: where it was). Answered with `invitation_setup`."""

    site: SiteKey
    rule: RuleSpec
    position: Annotated[int, msgspec.Meta(ge=0, le=1000)] | None = None


class InvitationRuleDelete(Frame, frozen=True, tag="invitation_rule_delete"):
    site: SiteKey
    rule: RuleId
