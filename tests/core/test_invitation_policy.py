"""The decision "may an automatic invitation be shown now": every hold of the policy and
its boundary, the choice between rules, the issue's own example, and two properties."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relay.core.invitations import (
    AgentHasRoom,
    Condition,
    Declined,
    DeviceIn,
    DeviceKind,
    EngineIs,
    Frequency,
    InvitationHistory,
    Nothing,
    PageUrlMatches,
    Policy,
    Reason,
    Returning,
    Rule,
    Show,
    Shown,
    TimeOnPage,
    TimeOnSite,
    VisitorState,
    decide,
    per_rule,
    when_satisfiable,
)
from relay.core.invitations.policy import DAY
from relay.core.referrer import Source

VISIT, OPENED = 5, 10_000.0
NOW = OPENED + 60  # a minute on the page

STATE = VisitorState(
    visit=VISIT,
    page_url="https://school.example/prices",
    page_opened_at=OPENED,
    visit_started_at=OPENED - 120,
    pages_viewed=2,
    landing_url="https://school.example/",
    source=Source.SEARCH,
    engine="Baidu",
    keyword="雅思价格",
    referrer_host="www.baidu.com",
    device="desktop",
    language="zh-CN",
    within_business_hours=True,
    agent_has_room=True,
)
ANY_PAGE = Rule("any-page", ())
NO_HISTORY = InvitationHistory()


def state(**changes: Any) -> VisitorState:
    return replace(STATE, **changes)


def shown(*ats: float, visit: int = VISIT) -> tuple[Shown, ...]:
    return tuple(Shown(at, visit, "any-page") for at in ats)


REPEAT = Policy(frequency=Frequency.REPEAT, repeat_every=60, max_per_visit=3)

# (what it shows, policy, state changes, history, expected: a Reason or the time shown)
CASES: list[tuple[str, Policy, dict[str, Any], InvitationHistory, Reason | float]] = [
    ("a fresh visitor is invited now", Policy(), {}, NO_HISTORY, NOW),
    (
        "nothing while a chat is open",
        Policy(),
        {"conversation_open": True},
        NO_HISTORY,
        Reason.CONVERSATION_OPEN,
    ),
    (
        "nothing while an invitation is pending",
        Policy(),
        {"invitation_pending": True},
        NO_HISTORY,
        Reason.INVITATION_PENDING,
    ),
    (
        "nothing on an excluded page",
        Policy(excluded_pages=("/checkout*", "/prices")),
        {},
        NO_HISTORY,
        Reason.EXCLUDED_PAGE,
    ),
    (
        "an exclusion of other pages lets this one be",
        Policy(excluded_pages=("/checkout*",)),
        {},
        NO_HISTORY,
        NOW,
    ),
    (
        "nothing to a new visitor when returning only",
        Policy(returning_only=True),
        {},
        NO_HISTORY,
        Reason.RETURNING_ONLY,
    ),
    (
        "a returning visitor when returning only",
        Policy(returning_only=True),
        {"returning": True},
        NO_HISTORY,
        NOW,
    ),
    (
        "nothing again this visit after a decline, even with no quiet days",
        Policy(decline_quiet_days=0),
        {},
        InvitationHistory(declined=(Declined(NOW - 30 * DAY, VISIT),)),
        Reason.DECLINED_THIS_VISIT,
    ),
    (
        "nothing for days after a decline in an earlier visit",
        Policy(decline_quiet_days=7),
        {},
        InvitationHistory(declined=(Declined(NOW - 7 * DAY + 1, VISIT - 1),)),
        Reason.DECLINED_RECENTLY,
    ),
    (
        "invited again exactly when the quiet days end",
        Policy(decline_quiet_days=7),
        {},
        InvitationHistory(declined=(Declined(NOW - 7 * DAY, VISIT - 1),)),
        NOW,
    ),
    (
        "a manual invitation declined counts as well",
        Policy(),
        {},
        InvitationHistory(declined=(Declined(NOW - 5, VISIT, None),)),
        Reason.DECLINED_THIS_VISIT,
    ),
    (
        "nothing within 24 h after a chat",
        Policy(),
        {},
        InvitationHistory(last_chat_ended_at=NOW - DAY + 1),
        Reason.CHATTED_RECENTLY,
    ),
    (
        "invited again exactly 24 h after a chat",
        Policy(),
        {},
        InvitationHistory(last_chat_ended_at=NOW - DAY),
        NOW,
    ),
    (
        "the quiet time after a chat is the site's",
        Policy(after_chat_seconds=3600),
        {},
        InvitationHistory(last_chat_ended_at=NOW - 3600),
        NOW,
    ),
    (
        "once per visit: nothing after one this visit",
        Policy(frequency=Frequency.ONCE_PER_VISIT),
        {},
        InvitationHistory(shown=shown(NOW - 600)),
        Reason.CAP_REACHED,
    ),
    (
        "once per visit: again on the next visit",
        Policy(frequency=Frequency.ONCE_PER_VISIT),
        {},
        InvitationHistory(shown=shown(NOW - 3 * DAY, visit=VISIT - 1)),
        NOW,
    ),
    (
        "once per visit: a manual invitation counts",
        Policy(frequency=Frequency.ONCE_PER_VISIT),
        {},
        InvitationHistory(shown=(Shown(NOW - 10, VISIT, None),)),
        Reason.CAP_REACHED,
    ),
    (
        "once per visitor: nothing on a later visit",
        Policy(frequency=Frequency.ONCE_PER_VISITOR),
        {},
        InvitationHistory(shown=shown(NOW - 300 * DAY, visit=1)),
        Reason.CAP_REACHED,
    ),
    (
        "once per visitor: a first invitation",
        Policy(frequency=Frequency.ONCE_PER_VISITOR),
        {},
        NO_HISTORY,
        NOW,
    ),
    ("repeating: the first one now", REPEAT, {}, NO_HISTORY, NOW),
    (
        "repeating: too soon waits for the gap",
        REPEAT,
        {},
        InvitationHistory(shown=shown(NOW - 20)),
        NOW + 40,
    ),
    (
        "repeating: exactly the gap is now",
        REPEAT,
        {},
        InvitationHistory(shown=shown(NOW - 60)),
        NOW,
    ),
    (
        "repeating: the gap counts from the latest",
        REPEAT,
        {},
        InvitationHistory(shown=shown(NOW - 200, NOW - 50)),
        NOW + 10,
    ),
    (
        "repeating: nothing at the cap",
        REPEAT,
        {},
        InvitationHistory(shown=shown(NOW - 500, NOW - 300, NOW - 100)),
        Reason.CAP_REACHED,
    ),
    (
        "repeating: the cap is per visit",
        REPEAT,
        {},
        InvitationHistory(shown=shown(1.0, 2.0, 3.0, visit=VISIT - 1)),
        NOW,
    ),
    (
        "nothing without an agent with room",
        Policy(),
        {"agent_has_room": False},
        NO_HISTORY,
        Reason.NO_AGENT_WITH_ROOM,
    ),
    (
        "without an agent when the policy allows it",
        Policy(needs_agent_with_room=False),
        {"agent_has_room": False},
        NO_HISTORY,
        NOW,
    ),
    (
        "a lasting hold is reported before a passing one",
        Policy(),
        {"agent_has_room": False},
        InvitationHistory(last_chat_ended_at=NOW - 60),
        Reason.CHATTED_RECENTLY,
    ),
]


@pytest.mark.parametrize(
    ("policy", "changes", "history", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_the_policy_holds_back_or_lets_through(
    policy: Policy, changes: dict[str, Any], history: InvitationHistory, expected: Reason | float
) -> None:
    decision = decide([ANY_PAGE], lambda _: policy, state(**changes), history, NOW)
    if isinstance(expected, Reason):
        rule = (
            None
            if expected in (Reason.CONVERSATION_OPEN, Reason.INVITATION_PENDING)
            else "any-page"
        )
        assert decision == Nothing(expected, rule)
    else:
        assert decision == Show(ANY_PAGE, expected)


PRICES_30S = Rule("prices", (PageUrlMatches("/prices*"), TimeOnPage(30)))
# The visit began 120 s before this page opened: 200 s on the site is 80 s on the page.
SITE_200S = Rule("site", (TimeOnSite(200),))
MOBILE = Rule("mobile", (DeviceIn(frozenset({DeviceKind.MOBILE})),))
DELAYED = Rule("delayed", (), delay=45)
RETURNING = Rule("returning", (Returning(),))

# (which rule wins, rules in order, seconds on the page, expected rule id and time shown)
CHOICES: list[tuple[str, list[Rule], float, tuple[str, float] | Reason]] = [
    ("no rule, no invitation", [], 60, Reason.NO_RULE_MATCHES),
    ("a rule whose facts fail never matches", [MOBILE, RETURNING], 60, Reason.NO_RULE_MATCHES),
    ("a rule waiting for time is shown when it comes", [PRICES_30S], 10, ("prices", OPENED + 30)),
    ("the first in order wins when both hold", [SITE_200S, PRICES_30S], 90, ("site", OPENED + 90)),
    ("the other order, the other rule", [PRICES_30S, SITE_200S], 90, ("prices", OPENED + 90)),
    (
        "the one that comes first wins when none holds yet",
        [SITE_200S, PRICES_30S],
        5,
        ("prices", OPENED + 30),
    ),
    (
        "a failing rule is skipped for a later one",
        [MOBILE, PRICES_30S],
        60,
        ("prices", OPENED + 60),
    ),
    ("a rule's delay counts from when it matches", [DELAYED], 10, ("delayed", OPENED + 45)),
    ("a delay already served is now", [DELAYED], 60, ("delayed", OPENED + 60)),
]


@pytest.mark.parametrize(
    ("rules", "on_page", "expected"), [c[1:] for c in CHOICES], ids=[c[0] for c in CHOICES]
)
def test_the_rule_shown_is_the_first_that_can_be(
    rules: list[Rule], on_page: float, expected: tuple[str, float] | Reason
) -> None:
    decision = decide(rules, lambda _: Policy(), STATE, NO_HISTORY, OPENED + on_page)
    if isinstance(expected, Reason):
        assert decision == Nothing(expected)
    else:
        assert isinstance(decision, Show)
        assert (decision.rule.id, decision.at) == expected


def test_a_rule_held_back_does_not_hold_back_the_next() -> None:
    policies = per_rule(Policy(), {"prices": Policy(returning_only=True)})
    decision = decide([PRICES_30S, SITE_200S], policies, STATE, NO_HISTORY, OPENED + 60)
    assert decision == Show(SITE_200S, OPENED + 80)


def test_nothing_names_the_first_rule_held_back() -> None:
    policies = per_rule(Policy(), {"site": Policy(excluded_pages=("/prices",))})
    decision = decide([MOBILE, SITE_200S, PRICES_30S], policies, STATE, NO_HISTORY, OPENED + 60)
    assert decision == Show(PRICES_30S, OPENED + 60)
    decision = decide([MOBILE, SITE_200S], policies, STATE, NO_HISTORY, OPENED + 60)
    assert decision == Nothing(Reason.EXCLUDED_PAGE, "site")


# The issue's example: "invite visitors from Baidu who read the prices page for 30 s, at
# most once a visit".
BAIDU_PRICES = Rule("baidu-prices", (EngineIs("Baidu"), PageUrlMatches("/prices*"), TimeOnPage(30)))
ONCE_A_VISIT = per_rule(Policy(frequency=Frequency.ONCE_PER_VISIT), {})
EXAMPLE: list[tuple[str, dict[str, Any], float, InvitationHistory, Show | Nothing]] = [
    (
        "a baidu reader at 29 s is to be invited at 30 s",
        {},
        OPENED + 29,
        NO_HISTORY,
        Show(BAIDU_PRICES, OPENED + 30),
    ),
    (
        "a baidu reader at 30 s is invited now",
        {},
        OPENED + 30,
        NO_HISTORY,
        Show(BAIDU_PRICES, OPENED + 30),
    ),
    (
        "a baidu reader invited this visit is not again",
        {},
        OPENED + 300,
        InvitationHistory(shown=(Shown(OPENED + 30, VISIT, "baidu-prices"),)),
        Nothing(Reason.CAP_REACHED, "baidu-prices"),
    ),
    (
        "a baidu reader invited last visit is again",
        {},
        OPENED + 30,
        InvitationHistory(shown=(Shown(OPENED - 2 * DAY, VISIT - 1, "baidu-prices"),)),
        Show(BAIDU_PRICES, OPENED + 30),
    ),
    (
        "a google reader is not invited",
        {"engine": "Google", "referrer_host": "www.google.com"},
        OPENED + 30,
        NO_HISTORY,
        Nothing(Reason.NO_RULE_MATCHES),
    ),
    (
        "a baidu visitor on another page is not invited",
        {"page_url": "https://school.example/about"},
        OPENED + 30,
        NO_HISTORY,
        Nothing(Reason.NO_RULE_MATCHES),
    ),
]


@pytest.mark.parametrize(
    ("changes", "now", "history", "expected"), [e[1:] for e in EXAMPLE], ids=[e[0] for e in EXAMPLE]
)
def test_the_issue_example_baidu_prices_30_s_once_a_visit(
    changes: dict[str, Any], now: float, history: InvitationHistory, expected: Show | Nothing
) -> None:
    assert decide([BAIDU_PRICES], ONCE_A_VISIT, state(**changes), history, now) == expected


BAD_POLICIES: list[tuple[str, dict[str, Any]]] = [
    ("repeating without a gap", {"frequency": Frequency.REPEAT, "repeat_every": 0}),
    (
        "repeating with a cap of 0",
        {"frequency": Frequency.REPEAT, "repeat_every": 60, "max_per_visit": 0},
    ),
    ("negative quiet days", {"decline_quiet_days": -1}),
    ("a negative quiet time after a chat", {"after_chat_seconds": -1}),
    ("an empty excluded page", {"excluded_pages": ("",)}),
]


@pytest.mark.parametrize(
    "fields", [b[1] for b in BAD_POLICIES], ids=[f"{b[0]} is refused" for b in BAD_POLICIES]
)
def test_a_policy_that_cannot_work_is_refused_when_made(fields: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Policy(**fields)


def test_a_negative_delay_is_refused() -> None:
    with pytest.raises(ValueError):
        Rule("r", (), delay=-1)


# Properties -------------------------------------------------------------------------------

CONDITIONS: list[Condition] = [
    TimeOnPage(30),
    TimeOnSite(90),
    EngineIs("Baidu"),
    PageUrlMatches("/prices*"),
    Returning(),
    AgentHasRoom(),
    DeviceIn(frozenset({DeviceKind.MOBILE})),
]
rules_st = st.lists(
    st.builds(
        Rule,
        id=st.sampled_from(["a", "b", "c"]),
        conditions=st.lists(st.sampled_from(CONDITIONS), max_size=3).map(tuple),
        delay=st.sampled_from([0.0, 5.0, 45.0]),
    ),
    max_size=4,
)
states_st = st.builds(
    state,
    page_url=st.sampled_from(["https://school.example/prices", "https://school.example/x"]),
    engine=st.sampled_from(["Baidu", "Google"]),
    returning=st.booleans(),
    device=st.sampled_from(["desktop", "mobile"]),
    agent_has_room=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(rules=rules_st, visitor=states_st, seconds=st.floats(0, 600))
def test_a_rule_shown_has_all_its_conditions_holding_then(
    rules: list[Rule], visitor: VisitorState, seconds: float
) -> None:
    now = OPENED + seconds
    decision = decide(
        rules, lambda _: Policy(needs_agent_with_room=False), visitor, NO_HISTORY, now
    )
    if isinstance(decision, Show):
        ready = when_satisfiable(decision.rule.conditions, visitor)
        assert ready is not None
        assert decision.at >= max(now, ready + decision.rule.delay)
    else:
        matching = [r for r in rules if when_satisfiable(r.conditions, visitor) is not None]
        assert not matching and decision == Nothing(Reason.NO_RULE_MATCHES)


@settings(max_examples=200, deadline=None)
@given(
    every=st.sampled_from([1.0, 30.0, 60.0, 250.0]),
    cap=st.integers(1, 5),
    ticks=st.lists(st.floats(0.5, 120), min_size=1, max_size=60),
)
def test_a_simulated_visit_never_sees_more_than_the_cap_nor_two_too_close(
    every: float, cap: int, ticks: list[float]
) -> None:
    """The relay decides at arbitrary moments (page views, timers) and shows whatever is due;
    the visitor answers nothing (each invitation expires), so only the cap and gap limit."""
    policy = Policy(frequency=Frequency.REPEAT, repeat_every=every, max_per_visit=cap)
    history = NO_HISTORY
    now = OPENED
    for tick in ticks:
        now += tick
        decision = decide([ANY_PAGE], lambda _: policy, STATE, history, now)
        if isinstance(decision, Show) and decision.at <= now:
            history = replace(history, shown=(*history.shown, Shown(now, VISIT, "any-page")))
    times = [s.at for s in history.shown]
    assert len(times) <= cap
    assert all(later - earlier >= every for earlier, later in pairwise(times))


policies_st = st.builds(
    Policy,
    frequency=st.sampled_from(Frequency),
    repeat_every=st.sampled_from([10.0, 60.0]),
    max_per_visit=st.integers(1, 3),
    decline_quiet_days=st.sampled_from([0.0, 1.0, 7.0]),
    after_chat_seconds=st.sampled_from([0.0, 3600.0, DAY]),
    excluded_pages=st.sampled_from([(), ("/prices",), ("/checkout*",)]),
    returning_only=st.booleans(),
    needs_agent_with_room=st.booleans(),
)
visits_st = st.sampled_from([VISIT - 1, VISIT])
histories_st = st.builds(
    InvitationHistory,
    shown=st.lists(st.builds(Shown, st.floats(OPENED - 3 * DAY, OPENED + 60), visits_st)).map(
        tuple
    ),
    declined=st.lists(
        st.builds(Declined, st.floats(OPENED - 9 * DAY, OPENED + 60), visits_st), max_size=1
    ).map(tuple),
    last_chat_ended_at=st.none() | st.floats(OPENED - 2 * DAY, OPENED + 60),
)


@settings(max_examples=500, deadline=None)
@given(
    rules=rules_st,
    site=policies_st,
    own=policies_st,
    visitor=states_st,
    history=histories_st,
    seconds=st.floats(60, 600),
)
def test_an_invitation_shown_breaks_no_hold_and_is_shown_when_its_timer_fires(
    rules: list[Rule],
    site: Policy,
    own: Policy,
    visitor: VisitorState,
    history: InvitationHistory,
    seconds: float,
) -> None:
    policy_for = per_rule(site, {"a": own})
    now = OPENED + seconds
    decision = decide(rules, policy_for, visitor, history, now)
    if not isinstance(decision, Show):
        return
    policy = policy_for(decision.rule)
    ready = when_satisfiable(decision.rule.conditions, visitor)
    assert ready is not None and decision.at >= max(now, ready + decision.rule.delay)
    assert not any(d.visit == VISIT for d in history.declined)
    assert visitor.agent_has_room or not policy.needs_agent_with_room
    assert visitor.returning or not policy.returning_only
    this_visit = [s for s in history.shown if s.visit == VISIT]
    if policy.frequency is Frequency.ONCE_PER_VISIT:
        assert not this_visit
    if policy.frequency is Frequency.REPEAT:
        assert len(this_visit) < policy.max_per_visit
        assert all(decision.at >= s.at + policy.repeat_every for s in this_visit)
    # The relay sets a timer for `at` and decides again then: an invitation is due at once
    # (the same one, unless a hold that lifts with time, a chat's or a decline's, let a
    # rule earlier in order through meanwhile).
    again = decide(rules, policy_for, visitor, history, decision.at)
    assert isinstance(again, Show) and again.at == decision.at
