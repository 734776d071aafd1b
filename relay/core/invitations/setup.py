"""A site's invitation setup as admins write it (frames.InvitationSettings and RuleSpec:
the app's dialog, the CLI's TOML) made into what the policy decides with, checked whole.

`compile_setup` refuses a setup with a sentence naming the rule and the field at fault
(SetupError), so the dialog and the CLI can say what is wrong; a setup it accepts never
fails later in `decide`. Disabled rules are checked too, so one cannot be saved broken and
fail when someone enables it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

import msgspec

from relay.core.experiments import ExperimentPlan, plan_experiment, variant_for
from relay.core.invitations.conditions import (
    AgentHasRoom,
    AnyOf,
    ChattedBefore,
    Condition,
    DeviceIn,
    DeviceKind,
    EngineIs,
    KeywordContains,
    LandingUrlMatches,
    LanguageStartsWith,
    PagesViewed,
    PageUrlMatches,
    Place,
    PlaceIn,
    ReferrerDomainIs,
    Returning,
    SourceIn,
    TimeOnPage,
    TimeOnSite,
    WithinBusinessHours,
    url_matches,
)
from relay.core.invitations.hours import BusinessHours, parse_hours, time_zone
from relay.core.invitations.policy import DAY, Frequency, Policy, PolicyFor, Rule, per_rule
from relay.core.referrer import Source
from shared_protocol import frames, limits
from shared_protocol.greetings import VARIABLES, unknown_variables

HOUR = 3600.0


class SetupError(ValueError):
    """The setup cannot be used; the message says where and why, for a person."""


@dataclass(frozen=True, slots=True)
class Variant:
    """What a visitor in one arm sees (the rule's own values where the arm sets none)."""

    index: int
    name: str
    text: str
    style: str
    delay: float


@dataclass(frozen=True, slots=True)
class CompiledRule:
    spec: frames.RuleSpec
    rule: Rule  # its id, conditions and delay, as the policy reads them
    variants: tuple[Variant, ...]  # one, the rule itself, without a test
    weights: tuple[int, ...]
    plan: ExperimentPlan | None

    @property
    def experiment_key(self) -> str:
        """Changing a rule starts its test again: visitors are assigned afresh."""
        return f"{self.spec.id}@{self.spec.changed_at!r}"

    def variant_for(self, visitor_key: str) -> Variant:
        if len(self.variants) == 1:
            return self.variants[0]
        return self.variants[variant_for(self.experiment_key, visitor_key, self.weights)]


@dataclass(frozen=True, slots=True)
class SiteInvitations:
    settings: frames.InvitationSettings
    rules: tuple[CompiledRule, ...]  # the enabled ones, in order
    policy_for: PolicyFor
    hours: BusinessHours | None  # None: every hour counts as business hours

    def for_trigger(self, trigger: str) -> tuple[CompiledRule, ...]:
        return tuple(r for r in self.rules if r.spec.trigger == trigger)

    def rule(self, rule_id: str) -> CompiledRule | None:
        return next((r for r in self.rules if r.spec.id == rule_id), None)


def compile_setup(
    settings: frames.InvitationSettings, rules: Sequence[frames.RuleSpec]
) -> SiteInvitations:
    """The setup ready to decide with; SetupError naming the first problem."""
    if len(rules) > limits.MAX_RULES:
        raise SetupError(f"a site has at most {limits.MAX_RULES} rules")
    site_policy = _policy(settings.policy, "the site's policy")
    _known_variables(settings.greeting, "greeting")
    hours = None
    try:
        time_zone(settings.time_zone)  # checked even unused: it is used once hours are set
    except ValueError as error:
        raise SetupError(f"time_zone: {error}") from None
    if settings.business_hours.strip():
        try:
            hours = parse_hours(settings.business_hours, settings.time_zone)
        except ValueError as error:
            raise SetupError(f"business hours: {error}") from None
    compiled: list[CompiledRule] = []
    overrides: dict[str, Policy] = {}
    seen: set[str] = set()
    for number, spec in enumerate(rules, start=1):
        # A rule without a name is named by its place: its id may be one the relay made.
        where = f"rule {spec.name!r}" if spec.name.strip() else f"rule number {number}"
        if not spec.id:
            raise SetupError(f"{where} has no id")
        if spec.id in seen:
            raise SetupError(f"two rules have the id {spec.id!r}")
        seen.add(spec.id)
        rule = compile_rule(spec, where)
        if spec.policy is not None:
            overrides[spec.id] = _policy(spec.policy, f"{where}: its policy")
        if spec.enabled:
            compiled.append(rule)
    return SiteInvitations(
        settings=settings,
        rules=tuple(compiled),
        policy_for=per_rule(site_policy, overrides),
        hours=hours,
    )


def compile_rule(spec: frames.RuleSpec, where: str) -> CompiledRule:
    if not spec.name.strip():
        raise SetupError(f"{where} needs a name")
    for field, text in (
        ("text", spec.text),
        *((f"variants.{v.name}", v.text) for v in spec.variants),
    ):
        _known_variables(text, f"{where}: {field}")
    if spec.kind == "survey" and not spec.text.strip():
        raise SetupError(f"{where}: a survey needs its question in `text`")
    try:
        conditions = conditions_from(spec.conditions)
        rule = Rule(spec.id, conditions, spec.delay)
    except ValueError as error:
        raise SetupError(f"{where}: {error}") from None
    variants = tuple(
        Variant(
            index=i,
            name=v.name or chr(ord("A") + i),
            text=v.text or spec.text,
            style=v.style or spec.style,
            delay=spec.delay if v.delay is None else v.delay,
        )
        for i, v in enumerate(spec.variants)
    ) or (Variant(0, "", spec.text, spec.style, spec.delay),)
    weights = tuple(v.weight for v in spec.variants) or (1,)
    names = [v.name for v in variants]
    if len(set(names)) < len(names):
        raise SetupError(f"{where}: variants: two variants have the same name")
    if len(spec.variants) == 1:
        raise SetupError(f"{where}: an A/B test needs at least two variants")
    if spec.variants and sum(weights) <= 0:
        raise SetupError(f"{where}: at least one variant needs a weight above 0")
    plan = None
    if spec.experiment is not None:
        if not spec.variants:
            raise SetupError(f"{where}: an experiment needs variants to compare")
        e = spec.experiment
        if any(v.weight == 0 for v in spec.variants):
            # An arm no visitor enters never reaches its sample: the test would never end.
            raise SetupError(f"{where}: in an experiment every variant needs a weight above 0")
        if e.target == e.baseline:
            raise SetupError(f"{where}: the experiment's target must differ from its baseline")
        plan = plan_experiment(
            e.baseline,
            e.target,
            variants=len(spec.variants),
            alpha=e.alpha,
            power=e.power,
            min_duration=e.min_days * DAY,
        )
    return CompiledRule(spec, rule, variants, weights, plan)


def _known_variables(text: str, where: str) -> None:
    if unknown := unknown_variables(text):
        known = ", ".join(sorted(f"{{{v}}}" for v in VARIABLES))
        raise SetupError(f"{where}: no variable {unknown[0]} (there are {known})")


def _policy(spec: frames.InvitationPolicySpec, where: str) -> Policy:
    with _field(f"{where}: excluded_pages", SetupError):
        for pattern in spec.excluded_pages:
            url_matches(pattern, "")
    try:
        return Policy(
            frequency=Frequency(spec.frequency),
            repeat_every=spec.repeat_every,
            max_per_visit=spec.max_per_visit,
            decline_quiet_days=spec.decline_quiet_days,
            after_chat_seconds=spec.after_chat_hours * HOUR,
            excluded_pages=tuple(spec.excluded_pages),
            returning_only=spec.returning_only,
            needs_agent_with_room=spec.needs_agent_with_room,
        )
    except ValueError as error:
        raise SetupError(f"{where}: {error}") from None


_PLACE_SPLIT = re.compile(r"\s*/\s*")


def place_from(text: str) -> Place:
    """`country/region/city`, trailing parts optional, an empty part any: `中国/浙江省`,
    `GB//London`."""
    parts = [*_PLACE_SPLIT.split(text.strip()), "", ""][:3]
    if len(_PLACE_SPLIT.split(text.strip())) > 3:
        raise ValueError(f"place {text!r} has more than country/region/city")
    return Place(country=parts[0], region=parts[1], city=parts[2])


@contextmanager
def _field(name: str, error_type: type[ValueError] = ValueError) -> Iterator[None]:
    """A ValueError raised inside becomes `error_type` with `name: ` before its words."""
    try:
        yield
    except ValueError as error:
        raise error_type(f"{name}: {error}") from None


def _domain(text: str) -> ReferrerDomainIs:
    # An empty domain would never match: the rule would silently invite nobody.
    if not text.strip():
        raise ValueError("a referrer domain cannot be empty")
    return ReferrerDomainIs(text)


def conditions_from(spec: frames.RuleConditions) -> tuple[Condition, ...]:
    """The conditions a rule's fields state; ValueError naming the field
    (`conditions.page_url: …`) for one that cannot hold."""
    found: list[Condition] = []
    if spec.time_on_page is not None:
        with _field("conditions.time_on_page"):
            found.append(TimeOnPage(spec.time_on_page))
    if spec.time_on_site is not None:
        with _field("conditions.time_on_site"):
            found.append(TimeOnSite(spec.time_on_site))
    if spec.pages_viewed is not None:
        with _field("conditions.pages_viewed"):
            found.append(PagesViewed(spec.pages_viewed))
    if spec.page_url:
        with _field("conditions.page_url"):
            found.append(_any_of([PageUrlMatches(p) for p in spec.page_url]))
    if spec.landing_url:
        with _field("conditions.landing_url"):
            found.append(_any_of([LandingUrlMatches(p) for p in spec.landing_url]))
    if spec.source:
        with _field("conditions.source"):
            found.append(SourceIn(frozenset(Source(s) for s in spec.source)))
    if spec.engine.strip():
        found.append(EngineIs(spec.engine))
    if spec.keyword_contains.strip():
        with _field("conditions.keyword_contains"):
            found.append(KeywordContains(spec.keyword_contains))
    if spec.referrer_domain:
        with _field("conditions.referrer_domain"):
            found.append(_any_of([_domain(d) for d in spec.referrer_domain]))
    if spec.returning is not None:
        found.append(Returning(spec.returning))
    if spec.chatted_before is not None:
        found.append(ChattedBefore(spec.chatted_before))
    if spec.places:
        with _field("conditions.places"):
            found.append(PlaceIn(frozenset(place_from(p) for p in spec.places)))
    if spec.device:
        with _field("conditions.device"):
            found.append(DeviceIn(frozenset(DeviceKind(d) for d in spec.device)))
    if spec.language:
        with _field("conditions.language"):
            found.append(LanguageStartsWith(tuple(spec.language)))
    if spec.business_hours is not None:
        found.append(WithinBusinessHours(spec.business_hours))
    if spec.agent_has_room:
        found.append(AgentHasRoom())
    return tuple(found)


def _any_of(
    facts: list[PageUrlMatches] | list[LandingUrlMatches] | list[ReferrerDomainIs],
) -> Condition:
    return facts[0] if len(facts) == 1 else AnyOf(tuple(facts))


def with_variant(rule: CompiledRule, variant: Variant) -> Rule:
    """The rule as the policy sees it for a visitor in `variant` (its own delay)."""
    if math.isclose(variant.delay, rule.rule.delay):
        return rule.rule
    return replace(rule.rule, delay=variant.delay)


class SetupDocument(msgspec.Struct, frozen=True, kw_only=True):
    """What the store keeps of a site's setup, as JSON: the same shapes as on the wire and
    in the CLI's TOML."""

    settings: frames.InvitationSettings = frames.InvitationSettings()
    rules: list[frames.RuleSpec] = []


def read_document(text: str) -> SetupDocument:
    return msgspec.json.decode(text, type=SetupDocument) if text else SetupDocument()


def write_document(document: SetupDocument) -> str:
    return msgspec.json.encode(document).decode()


@dataclass(frozen=True, slots=True)
class LoadedSetup:
    """A relay's copy of a site's setup: the document as stored, at `version`, compiled."""

    document: SetupDocument
    compiled: SiteInvitations
    version: int
    loaded_at: float
