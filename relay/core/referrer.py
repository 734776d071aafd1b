"""Where a visitor came from: the source of a visit and the search keyword, if any.

Pure functions over two URLs, the referrer and the landing page. Search engines are
recognised by their host and keyword parameter; the keyword comes from the referrer where
the engine still passes it, else from the landing page's paid-search and campaign
parameters. Query strings are decoded as their engine sent them: UTF-8, or GBK/GB2312 from
older Chinese engines (an `ie=`/`oe=` parameter says which; otherwise UTF-8 is tried first).
No maintained library fits (their tables are stale or they download the public suffix
list at run time), hence this small table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import unquote_to_bytes

from relay.core.urls import read_url


class Source(StrEnum):
    DIRECT = "direct"
    INTERNAL = "internal"
    SEARCH = "search"
    PAID_SEARCH = "paid_search"
    SOCIAL = "social"
    REFERRAL = "referral"
    CAMPAIGN = "campaign"


@dataclass(frozen=True, slots=True)
class Arrival:
    source: Source
    name: str = ""  # the engine, network, site or campaign: "Baidu", "WeChat", "example.org"
    keyword: str = ""


@dataclass(frozen=True, slots=True)
class Engine:
    name: str
    domains: tuple[str, ...]  # host suffixes; "google.*" matches any country domain
    keyword_params: tuple[str, ...]


SEARCH_ENGINES = (
    Engine("Baidu", ("baidu.com",), ("wd", "word", "kw")),
    Engine("Google", ("google.*",), ("q",)),
    Engine("Bing", ("bing.com", "cn.bing.com"), ("q",)),
    Engine("Sogou", ("sogou.com",), ("query", "keyword")),
    Engine("360 Search", ("so.com", "haosou.com"), ("q",)),
    Engine("Shenma", ("sm.cn",), ("q",)),
    Engine("Yandex", ("yandex.*", "ya.ru"), ("text",)),
    Engine("DuckDuckGo", ("duckduckgo.com",), ("q",)),
    Engine("Yahoo", ("yahoo.*",), ("p", "q")),
    Engine("Naver", ("naver.com",), ("query",)),
)

SOCIAL_NETWORKS = (
    ("WeChat", ("weixin.qq.com", "wechat.com")),
    ("Weibo", ("weibo.com", "weibo.cn", "t.cn")),
    ("Zhihu", ("zhihu.com",)),
    ("Douyin", ("douyin.com", "iesdouyin.com")),
    ("Xiaohongshu", ("xiaohongshu.com", "xhslink.com")),
    ("Facebook", ("facebook.com", "fb.com", "m.facebook.com")),
    ("X", ("x.com", "twitter.com", "t.co")),
    ("LinkedIn", ("linkedin.com", "lnkd.in")),
    ("Instagram", ("instagram.com",)),
    ("YouTube", ("youtube.com", "youtu.be")),
)

# Landing-page parameters. Click ids mark a paid click even without UTM tags.
PAID_CLICK_IDS = ("gclid", "msclkid", "bd_vid", "bdclkid", "sogou_vid", "qhclickid")
PAID_MEDIUMS = ("cpc", "ppc", "paid", "paidsearch", "paid_search", "sem", "ads")
LANDING_KEYWORDS = ("utm_term", "keyword", "kw", "bd_kw", "search_term", "q")
ENCODING_HINTS = ("ie", "oe", "charset", "inputencoding", "enc")


def host_matches(host: str, pattern: str) -> bool:
    """`www.google.com.hk` matches `google.*`; `m.baidu.com` matches `baidu.com`."""
    if pattern.endswith(".*"):
        label = pattern[:-2]
        parts = host.split(".")
        return label in parts[:-1] and parts.index(label) >= len(parts) - 4
    return host == pattern or host.endswith("." + pattern)


def _decode(raw: bytes, hint: str) -> str:
    candidates = [hint] if hint else []
    candidates += ["utf-8", "gb18030"]  # GB18030 reads GBK and GB2312 too
    for encoding in candidates:
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("utf-8", errors="replace")


def query_parameters(url: str) -> dict[str, str]:
    """Parameters of a URL's query (lower-cased names), decoded in the page's encoding."""
    parts = read_url(url)
    query = parts.query if parts else ""
    pairs: list[tuple[str, bytes]] = []
    for part in query.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        pairs.append((name.lower(), unquote_to_bytes(value.replace("+", " "))))
    raw = dict(pairs)
    hint = next((raw[h].decode("ascii", "ignore").lower() for h in ENCODING_HINTS if h in raw), "")
    if hint in ("gbk", "gb2312", "gb18030", "cp936"):
        hint = "gb18030"
    elif hint not in ("utf-8", "utf8"):
        hint = ""
    return {name: _decode(value, hint).strip() for name, value in pairs}


def url_host(url: str) -> str:
    """The URL's host, lowercase; "" when it has none or cannot be read."""
    parts = read_url(url)
    return parts.host if parts else ""


def _first(parameters: dict[str, str], names: tuple[str, ...]) -> str:
    return next((parameters[n] for n in names if parameters.get(n)), "")


def classify(referrer: str, landing_url: str) -> Arrival:
    """The source of a visit from its referrer and the URL of its first page."""
    landing = query_parameters(landing_url)
    landing_keyword = _first(landing, LANDING_KEYWORDS)
    paid = any(landing.get(c) for c in PAID_CLICK_IDS) or (
        landing.get("utm_medium", "").lower() in PAID_MEDIUMS
    )
    referrer_host = url_host(referrer)
    engine = next(
        (e for e in SEARCH_ENGINES if any(host_matches(referrer_host, d) for d in e.domains)),
        None,
    )
    if engine is not None:
        keyword = _first(query_parameters(referrer), engine.keyword_params) or landing_keyword
        return Arrival(Source.PAID_SEARCH if paid else Source.SEARCH, engine.name, keyword)
    if paid:
        name = landing.get("utm_source", "") or ("Google Ads" if landing.get("gclid") else "")
        return Arrival(Source.PAID_SEARCH, name or "paid search", landing_keyword)
    if landing.get("utm_source") or landing.get("utm_campaign"):
        name = landing.get("utm_campaign") or landing.get("utm_source", "")
        return Arrival(Source.CAMPAIGN, name, landing_keyword)
    if not referrer_host:
        return Arrival(Source.DIRECT)
    for name, domains in SOCIAL_NETWORKS:
        if any(host_matches(referrer_host, d) for d in domains):
            return Arrival(Source.SOCIAL, name)
    landing_host = url_host(landing_url)
    if landing_host and _site(referrer_host) == _site(landing_host):
        return Arrival(Source.INTERNAL, landing_host)
    return Arrival(Source.REFERRAL, referrer_host.removeprefix("www."))


def _site(host: str) -> str:
    """`www.school.example` and `school.example` are the same site."""
    return host.removeprefix("www.").removeprefix("m.")
