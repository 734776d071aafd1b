"""A site's invitation setup made into rules and policies (relay/core/invitations/setup.py):
every mistake refused with a sentence naming the rule and the field, disabled rules checked
too, variants and the A/B plan, conditions field by field and any-of patterns."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import msgspec
import pytest

from relay.core.experiments import plan_experiment
from relay.core.invitations import (
    AgentHasRoom,
    ChattedBefore,
    DeviceIn,
    DeviceKind,
    EngineIs,
    Frequency,
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
    VisitorState,
    WithinBusinessHours,
)
from relay.core.invitations.conditions import AnyOf
from relay.core.invitations.setup import (
    SetupError,
    Variant,
    compile_rule,
    compile_setup,
    conditions_from,
    place_from,
    with_variant,
)
from relay.core.referrer import Source
from shared_protocol import frames, limits

SETTINGS = frames.InvitationSettings()
VISITOR = VisitorState(
    visit=1,
    page_url="https://school.example/prices",
    page_opened_at=1000.0,
    visit_started_at=900.0,
    pages_viewed=2,
    landing_url="https://school.example/",
    referrer_host="www.zhihu.com",
)


def rule(name: str = "Prices", **fields: Any) -> frames.RuleSpec:
    """A rule as saved (with an id), the fields given changed."""
    fields.setdefault("id", name.lower().replace(" ", "-") or "unnamed")
    if isinstance(fields.get("conditions"), dict):
        fields["conditions"] = frames.RuleConditions(**fields["conditions"])
    return frames.RuleSpec(name=name, **fields)


def refusal(settings: frames.InvitationSettings, *rules: frames.RuleSpec) -> str:
    with pytest.raises(SetupError) as refused:
        compile_setup(settings, list(rules))
    return str(refused.value)


POLICY = frames.InvitationPolicySpec
TWO = [frames.VariantSpec(name="A"), frames.VariantSpec(name="B", text="Other words")]
EXPERIMENT = frames.ExperimentSpec(baseline=0.03, target=0.04)

# (the rule's fields, words the refusal must hold besides the rule's name)
BAD_RULES: list[tuple[dict[str, Any], tuple[str, ...]]] = [
    ({"conditions": {"page_url": [""]}}, ("page_url", "URL pattern")),
    ({"conditions": {"page_url": ["/prices*", "   "]}}, ("page_url", "URL pattern")),
    ({"conditions": {"landing_url": [" "]}}, ("landing_url", "URL pattern")),
    ({"conditions": {"referrer_domain": [""]}}, ("referrer_domain",)),
    ({"conditions": {"places": [""]}}, ("places", "country")),
    ({"conditions": {"places": ["中国/浙江省/杭州市/西湖区"]}}, ("places", "country/region/city")),
    ({"conditions": {"language": ["", " "]}}, ("language",)),
    ({"kind": "survey"}, ("survey", "`text`")),
    ({"kind": "survey", "text": "   "}, ("survey", "`text`")),
    ({"variants": TWO[:1]}, ("at least two variants",)),
    (
        {
            "variants": [
                frames.VariantSpec(name="A", weight=0),
                frames.VariantSpec(name="B", weight=0),
            ]
        },
        ("weight",),
    ),
    ({"experiment": EXPERIMENT}, ("experiment", "variants")),
    ({"variants": [TWO[0], frames.VariantSpec(name="A", text="x")]}, ("same name",)),
    (
        {"variants": [TWO[0], frames.VariantSpec(name="B", weight=0)], "experiment": EXPERIMENT},
        ("experiment", "weight above 0"),
    ),
    (
        {"variants": TWO, "experiment": frames.ExperimentSpec(baseline=0.03, target=0.03)},
        ("target", "baseline"),
    ),
    ({"policy": POLICY(frequency="repeat")}, ("policy", "gap")),
    ({"policy": POLICY(frequency="repeat", repeat_every=60, max_per_visit=0)}, ("policy", "cap")),
    ({"policy": POLICY(excluded_pages=[""])}, ("policy", "excluded_pages")),
]


@pytest.mark.parametrize(("fields", "words"), BAD_RULES)
@pytest.mark.parametrize("enabled", [True, False], ids=["enabled", "disabled"])
def test_each_mistake_in_a_rule_is_refused_naming_the_rule_and_the_field(
    fields: dict[str, Any], words: tuple[str, ...], enabled: bool
) -> None:
    # Disabled rules are checked too: one saved broken would fail when someone enables it.
    good = rule("Exit survey", trigger="exit", kind="survey", text="What were you looking for?")
    message = refusal(SETTINGS, good, rule("Baidu prices", enabled=enabled, **fields))
    assert "rule 'Baidu prices'" in message
    for word in words:
        assert word in message, message
    assert "\n" not in message


def test_a_rule_without_a_name_is_named_by_its_place_in_the_order() -> None:
    message = refusal(SETTINGS, rule("First"), rule("  ", id="second"))
    assert "rule number 2" in message and "name" in message, message


@pytest.mark.parametrize(
    ("rules", "words"),
    [
        ([rule("Prices", id="")], "rule 'Prices' has no id"),
        ([rule("Prices", id="p"), rule("Fees", id="p")], "two rules have the id 'p'"),
        (
            [rule(f"Rule {i}", id=f"r{i}") for i in range(limits.MAX_RULES + 1)],
            f"at most {limits.MAX_RULES} rules",
        ),
    ],
)
def test_ids_and_the_number_of_rules_are_checked(rules: list[frames.RuleSpec], words: str) -> None:
    assert words in refusal(SETTINGS, *rules)


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        (frames.InvitationSettings(business_hours="mon-fri 9-18"), ("business hours", "mon-fri")),
        (
            frames.InvitationSettings(business_hours="mon-fri 09:00-18:00", time_zone="Mars/Base"),
            ("time_zone", "'Mars/Base' is not a time zone"),
        ),
        (  # checked before business hours are set, not when they are
            frames.InvitationSettings(time_zone="Mars/Base"),
            ("time_zone", "'Mars/Base' is not a time zone"),
        ),
        (
            frames.InvitationSettings(policy=POLICY(frequency="repeat")),
            ("the site's policy", "gap"),
        ),
        (
            frames.InvitationSettings(policy=POLICY(excluded_pages=["/checkout*", ""])),
            ("the site's policy", "excluded_pages"),
        ),
    ],
)
def test_mistakes_in_the_settings_are_refused_naming_the_field(
    settings: frames.InvitationSettings, words: tuple[str, ...]
) -> None:
    message = refusal(settings)
    for word in words:
        assert word in message, message


def test_a_setup_that_compiles_keeps_its_enabled_rules_in_order_and_each_rules_policy() -> None:
    own = POLICY(frequency="once_per_visitor", needs_agent_with_room=False)
    compiled = compile_setup(
        frames.InvitationSettings(business_hours="mon-fri 09:00-18:00", time_zone="Asia/Shanghai"),
        [
            rule("Prices", conditions={"page_url": ["/prices*"]}),
            rule("Paused", enabled=False),
            rule("Exit survey", trigger="exit", kind="survey", text="Why?", policy=own),
        ],
    )
    assert [r.spec.id for r in compiled.rules] == ["prices", "exit-survey"]
    assert [r.spec.id for r in compiled.for_trigger("exit")] == ["exit-survey"]
    assert compiled.rule("paused") is None and compiled.rule("prices") is compiled.rules[0]
    assert compiled.hours is not None and str(compiled.hours.zone) == "Asia/Shanghai"
    survey, prices = compiled.rules[1].rule, compiled.rules[0].rule
    assert compiled.policy_for(survey).frequency is Frequency.ONCE_PER_VISITOR
    assert compiled.policy_for(survey).needs_agent_with_room is False
    assert compiled.policy_for(prices).frequency is Frequency.ONCE_PER_VISIT  # the site's
    assert compile_setup(SETTINGS, []).hours is None  # no business hours: always


def test_a_rule_without_variants_is_one_variant_with_the_rules_own_words() -> None:
    compiled = compile_rule(rule("Prices", text="Hi", style="bubble", delay=5), "rule 'Prices'")
    assert compiled.variants == (Variant(0, "", "Hi", "bubble", 5),)
    assert compiled.weights == (1,) and compiled.plan is None
    assert compiled.variant_for("any visitor") == compiled.variants[0]
    assert with_variant(compiled, compiled.variants[0]) is compiled.rule


def test_variants_take_the_rules_own_values_where_they_set_none() -> None:
    spec = rule(
        "Prices",
        text="Rule words",
        style="card",
        delay=10,
        variants=[
            frames.VariantSpec(name=""),
            frames.VariantSpec(name="Short", text="Hi!", style="bubble", delay=0, weight=3),
        ],
    )
    compiled = compile_rule(spec, "rule 'Prices'")
    assert compiled.variants == (
        Variant(0, "A", "Rule words", "card", 10),
        Variant(1, "Short", "Hi!", "bubble", 0),
    )
    assert compiled.weights == (1, 3) and compiled.plan is None  # variants, no test
    assert with_variant(compiled, compiled.variants[1]).delay == 0
    assert with_variant(compiled, compiled.variants[0]) is compiled.rule


@pytest.mark.parametrize("count", [2, 3])
def test_an_experiment_is_planned_from_its_rates_for_its_number_of_variants(count: int) -> None:
    variants = [frames.VariantSpec(name=chr(ord("A") + i)) for i in range(count)]
    compiled = compile_rule(
        rule("Prices", variants=variants, experiment=EXPERIMENT), "rule 'Prices'"
    )
    assert compiled.plan == plan_experiment(0.03, 0.04, variants=count)
    if count == 2:
        assert compiled.plan is not None and compiled.plan.per_arm == 5301


def test_a_visitor_keeps_a_variant_until_the_rule_changes() -> None:
    spec = rule("Prices", variants=TWO, experiment=EXPERIMENT, changed_at=100.0)
    compiled = compile_rule(spec, "rule 'Prices'")
    visitors = [f"visitor-{i}" for i in range(200)]
    first = [compiled.variant_for(v).index for v in visitors]
    assert first == [compiled.variant_for(v).index for v in visitors]
    assert set(first) == {0, 1}
    changed = compile_rule(msgspec.structs.replace(spec, changed_at=200.0), "rule 'Prices'")
    assert compiled.experiment_key != changed.experiment_key
    assert first != [changed.variant_for(v).index for v in visitors]  # assigned afresh


# ------------------------------------------------------------------ conditions_from

CONDITIONS: list[tuple[dict[str, Any], tuple[object, ...]]] = [
    ({}, ()),
    ({"time_on_page": 30}, (TimeOnPage(30),)),
    ({"time_on_site": 0}, (TimeOnSite(0),)),
    ({"pages_viewed": 3}, (PagesViewed(3),)),
    ({"page_url": ["/prices*"]}, (PageUrlMatches("/prices*"),)),
    ({"landing_url": ["/ielts*"]}, (LandingUrlMatches("/ielts*"),)),
    (
        {"source": ["search", "paid_search"]},
        (SourceIn(frozenset({Source.SEARCH, Source.PAID_SEARCH})),),
    ),
    ({"engine": "Baidu"}, (EngineIs("Baidu"),)),
    ({"engine": "  "}, ()),  # blank asks nothing
    ({"keyword_contains": "雅思"}, (KeywordContains("雅思"),)),
    ({"keyword_contains": "\u3000"}, ()),  # an ideographic space is blank too
    ({"referrer_domain": ["zhihu.com"]}, (ReferrerDomainIs("zhihu.com"),)),
    ({"returning": False}, (Returning(False),)),
    ({"chatted_before": True}, (ChattedBefore(True),)),
    ({"places": ["中国/浙江省"]}, (PlaceIn(frozenset({Place("中国", "浙江省")})),)),
    ({"device": ["mobile"]}, (DeviceIn(frozenset({DeviceKind.MOBILE})),)),
    ({"language": ["zh"]}, (LanguageStartsWith(("zh",)),)),
    ({"business_hours": False}, (WithinBusinessHours(False),)),
    ({"agent_has_room": True}, (AgentHasRoom(),)),
    ({"agent_has_room": False}, ()),  # "no agent has room" is not a condition one can ask
    (
        {"engine": "Baidu", "page_url": ["/prices*"], "time_on_page": 30},
        (TimeOnPage(30), PageUrlMatches("/prices*"), EngineIs("Baidu")),
    ),
]


@pytest.mark.parametrize(("fields", "expected"), CONDITIONS)
def test_each_field_of_the_conditions_states_its_condition(
    fields: dict[str, Any], expected: tuple[object, ...]
) -> None:
    assert conditions_from(frames.RuleConditions(**fields)) == expected


@pytest.mark.parametrize(
    ("field", "patterns", "url_of"),
    [
        ("page_url", ["/prices*", "/fees"], "page_url"),
        ("landing_url", ["/prices*", "/fees"], "landing_url"),
        ("referrer_domain", ["baidu.com", "zhihu.com"], "referrer_host"),
    ],
)
def test_several_values_of_one_field_are_any_of_them(
    field: str, patterns: list[str], url_of: str
) -> None:
    fields: dict[str, Any] = {field: patterns}
    [condition] = conditions_from(frames.RuleConditions(**fields))
    assert isinstance(condition, AnyOf) and len(condition.facts) == 2
    page = "https://school.example"
    values = (
        {"prices": "www.baidu.com", "fees": "zhuanlan.zhihu.com", "about": "www.google.com"}
        if url_of == "referrer_host"
        else {"prices": f"{page}/prices/2025", "fees": f"{page}/fees", "about": f"{page}/about"}
    )
    holds = {
        name: condition.holds(replace(VISITOR, **dict[str, Any]({url_of: v})))
        for name, v in values.items()
    }
    assert holds == {"prices": True, "fees": True, "about": False}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("中国", Place("中国")),
        ("中国/浙江省/杭州市", Place("中国", "浙江省", "杭州市")),
        (" 中国 / 浙江省 ", Place("中国", "浙江省")),
        ("GB//London", Place("GB", "", "London")),
        ("/浙江省", Place("", "浙江省")),
    ],
)
def test_a_place_is_country_region_city_with_parts_left_out(text: str, place: Place) -> None:
    assert place_from(text) == place


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "country, a region or a city"),
        (" / ", "country, a region or a city"),
        ("a/b/c/d", "more than"),
    ],
)
def test_a_place_that_names_nothing_or_too_much_is_refused(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        place_from(text)


@pytest.mark.parametrize(
    ("settings", "rules", "words"),
    [
        (SETTINGS, [rule(text="Hi {visitor.nmae}, from {visitor.city}!")], "{visitor.nmae}"),
        (
            SETTINGS,
            [rule(variants=[*TWO[:1], frames.VariantSpec(name="B", text="{site.nam}")])],
            "{site.nam}",
        ),
        (frames.InvitationSettings(greeting="Hello {visitor.nam|there}"), [], "{visitor.nam}"),
    ],
)
def test_a_misspelt_variable_is_refused_with_the_ones_there_are(
    settings: frames.InvitationSettings, rules: list[frames.RuleSpec], words: str
) -> None:
    message = refusal(settings, *rules)
    assert words in message and "{visitor.name}" in message
