"""What a rule's conditions ask of a visitor, and from when they hold.

A rule matches when all its conditions hold. Most conditions are facts about the visitor
that hold or not (the source, the place, the device); two grow true with time (time on the
current page, time on the site). Each condition therefore answers `ready_at(state)`: the
moment from which it holds given the state's timestamps (minus infinity for a fact that
holds, None for one that fails), so the relay can set one timer instead of polling.

URL patterns (`PageUrlMatches`, `LandingUrlMatches`, and the policy's excluded pages):
- `*` stands for any run of characters, `/` included, and nothing else is special;
- a pattern starting with `/` is matched against the path of any host: `/prices*`;
  one starting with `*/` against the end of the path: `*/prices*` is /prices.html and
  /demo/prices.html alike;
- otherwise it starts with a host: `shop.example.com/checkout/*`, `*.example.com/*`; a
  bare host (`shop.example.com`) matches every page of it; a scheme (`https://`) and a
  port in the pattern are ignored, as the same page is often served both ways;
- the whole path must match: `/prices` is not `/prices/` nor `/prices/2024`, write
  `/prices*` for all three;
- the query and fragment are ignored unless the pattern has a `?`: then it is matched
  against `path?query` (`/course?id=*`);
- matching ignores case (host and path) and reads percent-escapes, so `/课程/*` matches
  `/%E8%AF%BE%E7%A8%8B/ielts`. A site whose `/Prices` and `/prices` differ is rare; a rule
  or an exclusion that silently misses a page over case is not.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from relay.core.referrer import Source, host_matches

ALWAYS = -math.inf  # `ready_at` of a fact that holds: it does not wait for anything


class DeviceKind(StrEnum):
    DESKTOP = "desktop"
    MOBILE = "mobile"
    TABLET = "tablet"


@dataclass(frozen=True, slots=True, kw_only=True)
class VisitorState:
    """What the relay knows of a visitor at one moment. Times are the relay's clock."""

    visit: int  # the visit's id: the policy compares it with the history's
    page_url: str
    page_opened_at: float
    visit_started_at: float
    pages_viewed: int  # this visit, the current page included
    landing_url: str
    source: Source = Source.DIRECT
    engine: str = ""  # "Baidu" (relay.core.referrer's names), empty when not from search
    keyword: str = ""
    referrer_host: str = ""
    returning: bool = False
    chatted_before: bool = False
    country: str = ""  # as relay.core.geo names it: 中国 or an ISO code (GB)
    region: str = ""
    city: str = ""
    device: str = ""  # a DeviceKind value, "bot", or "" when unknown
    language: str = ""  # the visitor's first language tag: "zh-CN"
    within_business_hours: bool = False  # the site's calendar is the shell's business
    agent_has_room: bool = False  # an agent online who may take another chat
    conversation_open: bool = False
    invitation_pending: bool = False  # one sent or shown and not yet answered


def _non_negative(seconds: float, what: str) -> None:
    if not (math.isfinite(seconds) and seconds >= 0):
        raise ValueError(f"{what} must be a number of seconds ≥ 0, not {seconds}")


def _not_empty(values: Iterable[object], what: str) -> None:
    if not any(True for _ in values):
        raise ValueError(f"{what} needs at least one value")


def _text(value: str) -> str:
    """Text compared the way a person reads it: full-width Ｉ is I, case and runs of spaces
    do not count (Chinese input methods produce full-width letters and spaces)."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


# Time conditions --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimeOnPage:
    seconds: float

    def __post_init__(self) -> None:
        _non_negative(self.seconds, "time on page")

    def ready_at(self, state: VisitorState) -> float | None:
        return state.page_opened_at + self.seconds


@dataclass(frozen=True, slots=True)
class TimeOnSite:
    seconds: float

    def __post_init__(self) -> None:
        _non_negative(self.seconds, "time on site")

    def ready_at(self, state: VisitorState) -> float | None:
        return state.visit_started_at + self.seconds


# Facts ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Fact:
    """A condition that holds or not whatever the time."""

    def holds(self, state: VisitorState) -> bool:
        raise NotImplementedError

    def ready_at(self, state: VisitorState) -> float | None:
        return ALWAYS if self.holds(state) else None


@dataclass(frozen=True, slots=True)
class PagesViewed(_Fact):
    at_least: int

    def __post_init__(self) -> None:
        if self.at_least < 0:
            raise ValueError(f"pages viewed must be ≥ 0, not {self.at_least}")

    def holds(self, state: VisitorState) -> bool:
        return state.pages_viewed >= self.at_least


@dataclass(frozen=True, slots=True)
class PageUrlMatches(_Fact):
    pattern: str  # the syntax is in the module's docstring

    def __post_init__(self) -> None:
        _compiled(self.pattern)  # a bad pattern fails when the rule is made, not later

    def holds(self, state: VisitorState) -> bool:
        return url_matches(self.pattern, state.page_url)


@dataclass(frozen=True, slots=True)
class LandingUrlMatches(_Fact):
    pattern: str

    def __post_init__(self) -> None:
        _compiled(self.pattern)

    def holds(self, state: VisitorState) -> bool:
        return url_matches(self.pattern, state.landing_url)


@dataclass(frozen=True, slots=True)
class SourceIn(_Fact):
    sources: frozenset[Source]  # "an ad" is Source.PAID_SEARCH (or CAMPAIGN)

    def __post_init__(self) -> None:
        _not_empty(self.sources, "source in")

    def holds(self, state: VisitorState) -> bool:
        return state.source in self.sources


@dataclass(frozen=True, slots=True)
class EngineIs(_Fact):
    name: str  # as relay.core.referrer names it; case does not count

    def holds(self, state: VisitorState) -> bool:
        return bool(state.engine) and _text(state.engine) == _text(self.name)


@dataclass(frozen=True, slots=True)
class KeywordContains(_Fact):
    text: str

    def __post_init__(self) -> None:
        if not _text(self.text):
            raise ValueError("keyword contains needs some text")

    def holds(self, state: VisitorState) -> bool:
        return _text(self.text) in _text(state.keyword)


@dataclass(frozen=True, slots=True)
class ReferrerDomainIs(_Fact):
    domain: str  # `zhihu.com` matches `www.zhihu.com` too; `google.*` any Google

    def holds(self, state: VisitorState) -> bool:
        host = state.referrer_host.lower().rstrip(".")
        return bool(host) and host_matches(host, self.domain.strip().lower().rstrip("."))


@dataclass(frozen=True, slots=True)
class Returning(_Fact):
    expected: bool = True

    def holds(self, state: VisitorState) -> bool:
        return state.returning is self.expected


@dataclass(frozen=True, slots=True)
class ChattedBefore(_Fact):
    expected: bool = True

    def holds(self, state: VisitorState) -> bool:
        return state.chatted_before is self.expected


# ip2region names Chinese places in Chinese with their 省/市 suffix; admins write CN or 杭州.
_CHINA = frozenset({"中国", "china", "cn", "prc", "中华人民共和国"})
_SUFFIXES = ("省", "市")


def _place_name(value: str) -> str:
    name = _text(value)
    if name in _CHINA:
        return "cn"
    for suffix in _SUFFIXES:
        if len(name) > len(suffix) and name.endswith(suffix):
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True, slots=True)
class Place:
    """A country, region or city; an empty part matches any (Place("CN", city="杭州"))."""

    country: str = ""
    region: str = ""
    city: str = ""

    def __post_init__(self) -> None:
        if not (self.country or self.region or self.city):
            raise ValueError("a place needs a country, a region or a city")

    def contains(self, state: VisitorState) -> bool:
        pairs = (
            (self.country, state.country),
            (self.region, state.region),
            (self.city, state.city),
        )
        return all(not want or _place_name(want) == _place_name(got) for want, got in pairs)


@dataclass(frozen=True, slots=True)
class PlaceIn(_Fact):
    places: frozenset[Place]

    def __post_init__(self) -> None:
        _not_empty(self.places, "place in")

    def holds(self, state: VisitorState) -> bool:
        return any(place.contains(state) for place in self.places)


@dataclass(frozen=True, slots=True)
class DeviceIn(_Fact):
    kinds: frozenset[DeviceKind]

    def __post_init__(self) -> None:
        _not_empty(self.kinds, "device in")

    def holds(self, state: VisitorState) -> bool:
        return state.device in self.kinds


def _language(tag: str) -> str:
    return tag.strip().lower().replace("_", "-")


@dataclass(frozen=True, slots=True)
class LanguageStartsWith(_Fact):
    """By whole subtags: `zh` matches zh, zh-CN and zh-Hant-TW, not zha; `zh-cn` only zh-CN…"""

    prefixes: tuple[str, ...]

    def __post_init__(self) -> None:
        _not_empty((p for p in self.prefixes if _language(p)), "language starts with")

    def holds(self, state: VisitorState) -> bool:
        language = _language(state.language)
        return any(
            language == p or language.startswith(p + "-")
            for p in map(_language, self.prefixes)
            if p
        )


@dataclass(frozen=True, slots=True)
class WithinBusinessHours(_Fact):
    expected: bool = True

    def holds(self, state: VisitorState) -> bool:
        return state.within_business_hours is self.expected


@dataclass(frozen=True, slots=True)
class AgentHasRoom(_Fact):
    def holds(self, state: VisitorState) -> bool:
        return state.agent_has_room


@dataclass(frozen=True, slots=True)
class AnyOf(_Fact):
    """One of several facts of a kind: any of these pages, these referrers."""

    facts: tuple[_Fact, ...]

    def __post_init__(self) -> None:
        _not_empty(self.facts, "any of")

    def holds(self, state: VisitorState) -> bool:
        return any(fact.holds(state) for fact in self.facts)


Condition = (
    TimeOnPage
    | TimeOnSite
    | PagesViewed
    | PageUrlMatches
    | LandingUrlMatches
    | SourceIn
    | EngineIs
    | KeywordContains
    | ReferrerDomainIs
    | Returning
    | ChattedBefore
    | PlaceIn
    | DeviceIn
    | LanguageStartsWith
    | WithinBusinessHours
    | AgentHasRoom
    | AnyOf
)


def when_satisfiable(conditions: Iterable[Condition], state: VisitorState) -> float | None:
    """The earliest time at which all `conditions` hold for this state (it may be past),
    or None when one of them fails whatever the time. Never before the page was opened:
    the state describes that page, and a rule with no time condition holds from then."""
    at = state.page_opened_at
    for condition in conditions:
        ready = condition.ready_at(state)
        if ready is None:
            return None
        at = max(at, ready)
    return at


def all_hold(conditions: Iterable[Condition], state: VisitorState, now: float) -> bool:
    at = when_satisfiable(conditions, state)
    return at is not None and at <= now


# URL patterns -----------------------------------------------------------------------------

_SCHEMES = ("https://", "http://", "//")


@dataclass(frozen=True, slots=True)
class _Glob:
    """A pattern where `*` is any run of characters, matched whole, ignoring case.

    Not a regular expression: `.*` between literals backtracks, and a pattern with a few
    stars against a long URL a visitor sends took the relay seconds to minutes (a hang for
    every connection). With only `*` special, the leftmost place of each middle piece is
    always a right one, so `str.find` decides in one pass."""

    pieces: tuple[str, ...]  # the literal runs between stars, casefolded

    @classmethod
    def of(cls, pattern: str) -> _Glob:
        return cls(tuple(piece.casefold() for piece in pattern.split("*")))

    def fullmatch(self, text: str) -> bool:
        text = text.casefold()
        if len(self.pieces) == 1:  # no star: the whole text
            return text == self.pieces[0]
        first, *middle, last = self.pieces
        if not text.startswith(first) or len(text) < len(first) + len(last):
            return False
        at, end = len(first), len(text) - len(last)
        for piece in middle:
            found = text.find(piece, at, end)
            if found < 0:
                return False
            at = found + len(piece)
        return text.endswith(last)


@lru_cache(maxsize=1024)  # a site has tens of patterns, read on every decision
def _compiled(pattern: str) -> tuple[_Glob, _Glob, bool]:
    """(host, path, whether the query counts) of a pattern."""
    text = pattern.strip()
    if not text:
        raise ValueError("a URL pattern cannot be empty")
    for scheme in _SCHEMES:
        if text.lower().startswith(scheme):
            text = text[len(scheme) :]
            break
    if text.startswith("/"):
        host, path = "*", text
    else:
        host, slash, rest = text.partition("/")
        path = slash + rest if slash else "*"
        host = host.split(":", 1)[0]
        if host == "*":  # `*/prices*`: "/prices" anywhere in the path, as a person means it
            path = "*" + path
    return _Glob.of(host), _Glob.of(unquote(path)), "?" in path


def url_matches(pattern: str, url: str) -> bool:
    """Whether `url` is a page `pattern` names (the syntax is in the module's docstring);
    False for a URL that cannot be read."""
    host_pattern, path_pattern, with_query = _compiled(pattern)
    page = _page(url)
    if page is None:
        return False
    host, path, query = page
    if with_query:
        path = f"{path}?{query}"
    return bool(host_pattern.fullmatch(host) and path_pattern.fullmatch(path))


@lru_cache(maxsize=4096)
def _page(url: str) -> tuple[str, str, str] | None:
    """(host, path, query) of a page's URL, unescaped; None when it cannot be read. Kept:
    every rule's patterns ask about the same few pages."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    return host, unquote(parts.path) or "/", unquote(parts.query)
