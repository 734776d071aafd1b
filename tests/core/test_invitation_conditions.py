"""The conditions of automatic invitation rules: each one holding and failing, the time
conditions at their exact boundary, URL patterns, and when a rule becomes satisfiable."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pytest

from relay.core.invitations import (
    AgentHasRoom,
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
    VisitorState,
    WithinBusinessHours,
    all_hold,
    url_matches,
    when_satisfiable,
)
from relay.core.referrer import Source

OPENED, STARTED = 1000.0, 900.0

# A Baidu visitor from Hangzhou reading the prices page of a training school.
VISITOR = VisitorState(
    visit=1,
    page_url="https://school.example/prices",
    page_opened_at=OPENED,
    visit_started_at=STARTED,
    pages_viewed=3,
    landing_url="https://school.example/ielts?utm_source=baidu",
    source=Source.SEARCH,
    engine="Baidu",
    keyword="雅思 周末班 价格",
    referrer_host="www.baidu.com",
    returning=False,
    chatted_before=False,
    country="中国",
    region="浙江省",
    city="杭州市",
    device="desktop",
    language="zh-CN",
    within_business_hours=True,
    agent_has_room=True,
)


def visitor(**changes: Any) -> VisitorState:
    return replace(VISITOR, **changes)


FACTS: list[tuple[str, Condition, dict[str, Any], bool]] = [
    ("pages viewed 3 holds at exactly 3", PagesViewed(3), {}, True),
    ("pages viewed 4 fails at 3", PagesViewed(4), {}, False),
    ("pages viewed 0 holds on the first page", PagesViewed(0), {"pages_viewed": 1}, True),
    ("the current url matches its path pattern", PageUrlMatches("/prices*"), {}, True),
    (
        "the current url does not match another page",
        PageUrlMatches("/prices*"),
        {"page_url": "https://school.example/about"},
        False,
    ),
    (
        "the landing url matches with the query ignored",
        LandingUrlMatches("/ielts"),
        {},
        True,
    ),
    ("the landing url is not the current url", LandingUrlMatches("/prices*"), {}, False),
    (
        "search is in search or paid",
        SourceIn(frozenset({Source.SEARCH, Source.PAID_SEARCH})),
        {},
        True,
    ),
    (
        "search is not in social or direct",
        SourceIn(frozenset({Source.SOCIAL, Source.DIRECT})),
        {},
        False,
    ),
    (
        "an ad click is paid search",
        SourceIn(frozenset({Source.PAID_SEARCH})),
        {"source": Source.PAID_SEARCH},
        True,
    ),
    ("the engine is baidu whatever the case", EngineIs("baidu"), {}, True),
    ("the engine is not google", EngineIs("Google"), {}, False),
    ("no engine is no engine named empty", EngineIs(""), {"engine": ""}, False),
    ("a chinese keyword contains its word", KeywordContains("周末班"), {}, True),
    ("a chinese keyword lacks another word", KeywordContains("托福"), {}, False),
    (
        "a keyword ignores case and full-width letters",
        KeywordContains("ielts"),
        {"keyword": "ＩＥＬＴＳ　考试"},
        True,
    ),
    ("an empty keyword contains nothing", KeywordContains("价格"), {"keyword": ""}, False),
    ("the referrer domain includes subdomains", ReferrerDomainIs("baidu.com"), {}, True),
    ("the referrer domain is exact too", ReferrerDomainIs("www.baidu.com"), {}, True),
    (
        "a lookalike domain is not a subdomain",
        ReferrerDomainIs("baidu.com"),
        {"referrer_host": "notbaidu.com"},
        False,
    ),
    ("no referrer matches no domain", ReferrerDomainIs("baidu.com"), {"referrer_host": ""}, False),
    ("a new visitor is not returning", Returning(), {}, False),
    ("a returning visitor is returning", Returning(), {"returning": True}, True),
    ("a new visitor is what new-only asks", Returning(expected=False), {}, True),
    ("chatted before fails for a first-timer", ChattedBefore(), {}, False),
    ("chatted before holds after a chat", ChattedBefore(), {"chatted_before": True}, True),
    ("never chatted holds for a first-timer", ChattedBefore(expected=False), {}, True),
    ("china by its code matches 中国", PlaceIn(frozenset({Place("CN")})), {}, True),
    ("a city without its 市 suffix matches", PlaceIn(frozenset({Place(city="杭州")})), {}, True),
    (
        "a province and city both must match",
        PlaceIn(frozenset({Place("CN", "浙江", "宁波")})),
        {},
        False,
    ),
    (
        "any of several places matches",
        PlaceIn(frozenset({Place("GB"), Place(region="浙江省")})),
        {},
        True,
    ),
    ("another country does not match", PlaceIn(frozenset({Place("gb")})), {}, False),
    (
        "desktop is in desktop or tablet",
        DeviceIn(frozenset({DeviceKind.DESKTOP, DeviceKind.TABLET})),
        {},
        True,
    ),
    (
        "a phone is not in desktop",
        DeviceIn(frozenset({DeviceKind.DESKTOP})),
        {"device": "mobile"},
        False,
    ),
    ("an unknown device is in no kind", DeviceIn(frozenset(DeviceKind)), {"device": ""}, False),
    ("zh-CN starts with zh", LanguageStartsWith(("zh",)), {}, True),
    (
        "zh_cn is zh-CN written otherwise",
        LanguageStartsWith(("zh-CN",)),
        {"language": "zh_cn"},
        True,
    ),
    (
        "zh-TW does not start with zh-CN",
        LanguageStartsWith(("zh-CN",)),
        {"language": "zh-TW"},
        False,
    ),
    (
        "zha does not start with the subtag zh",
        LanguageStartsWith(("zh",)),
        {"language": "zha"},
        False,
    ),
    ("any of several languages", LanguageStartsWith(("en", "mn")), {"language": "mn-MN"}, True),
    ("within business hours holds in them", WithinBusinessHours(), {}, True),
    (
        "within business hours fails outside them",
        WithinBusinessHours(),
        {"within_business_hours": False},
        False,
    ),
    (
        "outside business hours is a condition too",
        WithinBusinessHours(expected=False),
        {"within_business_hours": False},
        True,
    ),
    ("an agent with room holds", AgentHasRoom(), {}, True),
    ("no agent with room fails", AgentHasRoom(), {"agent_has_room": False}, False),
]


@pytest.mark.parametrize(
    ("condition", "changes", "holds"), [f[1:] for f in FACTS], ids=[f[0] for f in FACTS]
)
def test_a_fact_holds_whatever_the_time_or_never(
    condition: Condition, changes: dict[str, Any], holds: bool
) -> None:
    state = visitor(**changes)
    assert (condition.ready_at(state) is not None) is holds
    # A fact does not wait: it holds from the moment the page opened, or not at all.
    assert when_satisfiable([condition], state) == (OPENED if holds else None)
    assert all_hold([condition], state, OPENED) is holds


TIMES: list[tuple[str, Condition, float, bool]] = [
    ("30 s on the page holds at exactly 30 s", TimeOnPage(30), OPENED + 30, True),
    ("30 s on the page fails at 29.999 s", TimeOnPage(30), OPENED + 29.999, False),
    ("0 s on the page holds as it opens", TimeOnPage(0), OPENED, True),
    ("120 s on the site holds at exactly 120 s", TimeOnSite(120), STARTED + 120, True),
    ("120 s on the site fails a moment before", TimeOnSite(120), STARTED + 119.9, False),
]


@pytest.mark.parametrize(
    ("condition", "now", "holds"), [t[1:] for t in TIMES], ids=[t[0] for t in TIMES]
)
def test_a_time_condition_holds_from_its_exact_second(
    condition: Condition, now: float, holds: bool
) -> None:
    assert all_hold([condition], VISITOR, now) is holds


SATISFIABLE: list[tuple[str, list[Condition], float | None]] = [
    ("no conditions hold from the page's opening", [], OPENED),
    ("time on page counts from the page's opening", [TimeOnPage(30)], OPENED + 30),
    (
        "time on site already reached still waits for the page to open",
        [TimeOnSite(10)],
        OPENED,
    ),
    ("time on site counts from the visit's start", [TimeOnSite(300)], STARTED + 300),
    (
        "the later of two time conditions wins",
        [TimeOnPage(30), TimeOnSite(300)],
        STARTED + 300,
    ),
    ("a fact that holds does not delay a time", [EngineIs("Baidu"), TimeOnPage(30)], OPENED + 30),
    ("a fact that fails makes it never", [EngineIs("Google"), TimeOnPage(30)], None),
    ("a fact that fails after a time makes it never", [TimeOnPage(30), Returning()], None),
]


@pytest.mark.parametrize(
    ("conditions", "at"), [s[1:] for s in SATISFIABLE], ids=[s[0] for s in SATISFIABLE]
)
def test_when_satisfiable_is_the_earliest_moment_all_hold(
    conditions: list[Condition], at: float | None
) -> None:
    assert when_satisfiable(conditions, VISITOR) == at


URLS: list[tuple[str, str, str, bool]] = [
    ("a path pattern matches on any host", "/prices", "https://a.example/prices", True),
    ("the whole path must match", "/prices", "https://a.example/prices/2024", False),
    ("a trailing slash is another path", "/prices", "https://a.example/prices/", False),
    ("a star matches the rest, slashes too", "/prices*", "https://a.example/prices/2024/x", True),
    ("a star matches nothing too", "/prices*", "https://a.example/prices", True),
    ("a star in the middle", "/course/*/prices", "https://a.example/course/ielts/prices", True),
    ("the query is ignored without a ?", "/prices", "https://a.example/prices?from=ad#top", True),
    ("the query counts with a ?", "/course?id=*", "https://a.example/course?id=7", True),
    ("a missing query fails a query pattern", "/course?id=*", "https://a.example/course", False),
    ("an empty path is /", "/", "https://a.example", True),
    (
        "a host pattern limits the host",
        "shop.example/checkout*",
        "https://www.example/checkout",
        False,
    ),
    ("the host ignores case", "Shop.Example/checkout*", "https://SHOP.example/checkout/pay", True),
    ("the path ignores case too", "/Checkout*", "https://shop.example/checkout", True),
    ("a bare host matches all its pages", "shop.example", "https://shop.example/a/b?c", True),
    ("a scheme in the pattern is ignored", "https://shop.example/*", "http://shop.example/x", True),
    ("a port in the pattern is ignored", "shop.example:8080/*", "http://shop.example/x", True),
    ("a star in the host matches subdomains", "*.example/*", "https://m.shop.example/x", True),
    ("a star host is no bare domain", "*.example/*", "https://example/x", False),
    (
        "a chinese path matches its escapes",
        "/课程/*",
        "https://a.example/%E8%AF%BE%E7%A8%8B/ielts",
        True,
    ),
    ("regex characters are plain text", "/a.b+(c)", "https://a.example/aXb+(c)", False),
    ("a dot is a dot", "/a.b", "https://a.example/a.b", True),
    ("an unreadable url matches nothing", "/*", "http://[::1", False),
]


@pytest.mark.parametrize(
    ("pattern", "url", "matches"), [u[1:] for u in URLS], ids=[u[0] for u in URLS]
)
def test_a_url_pattern_names_the_pages_its_syntax_says(
    pattern: str, url: str, matches: bool
) -> None:
    assert url_matches(pattern, url) is matches


BAD: list[tuple[str, Any]] = [
    ("a negative time on page", lambda: TimeOnPage(-1)),
    ("an endless time on site", lambda: TimeOnSite(math.inf)),
    ("negative pages", lambda: PagesViewed(-1)),
    ("an empty url pattern", lambda: PageUrlMatches("  ")),
    ("no sources", lambda: SourceIn(frozenset())),
    ("a blank keyword", lambda: KeywordContains(" ")),
    ("a place with nothing", lambda: Place()),
    ("no devices", lambda: DeviceIn(frozenset())),
    ("no languages", lambda: LanguageStartsWith(("",))),
]


@pytest.mark.parametrize("make", [b[1] for b in BAD], ids=[f"{b[0]} is refused" for b in BAD])
def test_a_condition_that_cannot_mean_anything_is_refused_when_made(make: Any) -> None:
    with pytest.raises(ValueError):
        make()


@pytest.mark.parametrize(
    ("pattern", "url", "ending"),
    [
        ("/" + "*a" * 1000 + "b", "https://x.example/" + "a" * 1900, "b"),
        ("/*a*a*a*b", "https://x.example/" + "a" * 2000, "b"),
        ("/shop/*-*-*.html", "https://x.example/shop/" + "-" * 2000, ".html"),
    ],
)
def test_a_pattern_with_many_stars_against_a_long_url_is_decided_without_backtracking(
    pattern: str, url: str, ending: str
) -> None:
    # A backtracking regular expression took minutes on these (a visitor's URL, an admin's
    # pattern), holding the whole relay: this test would hang with one.
    assert url_matches(pattern, url) is False
    assert url_matches(pattern, url + ending) is True


@pytest.mark.parametrize(
    ("url", "matches"),
    [
        ("https://school.example/demo/prices.html", True),
        ("https://school.example/prices", True),
        ("https://school.example/courses/prices/2025", True),
        ("https://school.example/courses", False),
        ("https://prices.example/", False),
    ],
)
def test_a_star_before_the_path_lets_it_start_anywhere(url: str, matches: bool) -> None:
    assert url_matches("*/prices*", url) is matches
