"""Sources and search keywords from real referrer and landing URLs."""

from __future__ import annotations

import pytest

from relay.core.referrer import Arrival, Source, classify, host_matches, query_parameters

LANDING = "https://school.example/courses/ielts"

CASES = [
    # Baidu, UTF-8 (wd) and the mobile site (word)
    (
        "https://www.baidu.com/s?ie=utf-8&wd=%E9%9B%85%E6%80%9D%E5%91%A8%E6%9C%AB%E7%8F%AD",
        LANDING,
        Arrival(Source.SEARCH, "Baidu", "雅思周末班"),
    ),
    (
        "https://m.baidu.com/s?word=IELTS+weekend+course",
        LANDING,
        Arrival(Source.SEARCH, "Baidu", "IELTS weekend course"),
    ),
    # Baidu, GBK as older pages send it, with and without the ie hint
    (
        "https://www.baidu.com/s?ie=gbk&wd=%D1%C5%CB%BC%C5%E0%D1%B5",
        LANDING,
        Arrival(Source.SEARCH, "Baidu", "雅思培训"),
    ),
    (
        "https://www.baidu.com/s?wd=%D1%C5%CB%BC%C5%E0%D1%B5",
        LANDING,
        Arrival(Source.SEARCH, "Baidu", "雅思培训"),
    ),
    # Baidu hides the keyword; the paid landing page carries it
    (
        "https://www.baidu.com/link?url=abc",
        LANDING + "?bd_vid=123&utm_term=%E9%9B%85%E6%80%9D",
        Arrival(Source.PAID_SEARCH, "Baidu", "雅思"),
    ),
    # Google hides it; country domains count
    ("https://www.google.com/", LANDING, Arrival(Source.SEARCH, "Google", "")),
    (
        "https://www.google.com.hk/search?q=ielts+hangzhou",
        LANDING,
        Arrival(Source.SEARCH, "Google", "ielts hangzhou"),
    ),
    (
        "https://www.google.co.uk/",
        LANDING + "?gclid=xyz&utm_term=ielts+course",
        Arrival(Source.PAID_SEARCH, "Google", "ielts course"),
    ),
    (
        "https://cn.bing.com/search?q=%E9%9B%85%E6%80%9D&form=QBLH",
        LANDING,
        Arrival(Source.SEARCH, "Bing", "雅思"),
    ),
    (
        "https://www.sogou.com/web?query=%E9%9B%85%E6%80%9D%E8%80%83%E8%AF%95",
        LANDING,
        Arrival(Source.SEARCH, "Sogou", "雅思考试"),
    ),
    (
        "https://www.so.com/s?q=%E9%9B%85%E6%80%9D",
        LANDING,
        Arrival(Source.SEARCH, "360 Search", "雅思"),
    ),
    ("https://m.sm.cn/s?q=%E9%9B%85%E6%80%9D", LANDING, Arrival(Source.SEARCH, "Shenma", "雅思")),
    (
        "https://yandex.ru/search/?text=%D0%B0%D0%BD%D0%B3%D0%BB%D0%B8%D0%B9%D1%81%D0%BA%D0%B8%D0%B9",
        LANDING,
        Arrival(Source.SEARCH, "Yandex", "английский"),
    ),
    ("https://duckduckgo.com/?q=ielts", LANDING, Arrival(Source.SEARCH, "DuckDuckGo", "ielts")),
    (
        "https://search.yahoo.co.jp/search?p=ielts",
        LANDING,
        Arrival(Source.SEARCH, "Yahoo", "ielts"),
    ),
    (
        "https://search.naver.com/search.naver?query=%EC%95%84%EC%9D%B4%EC%97%98%EC%B8%A0",
        LANDING,
        Arrival(Source.SEARCH, "Naver", "아이엘츠"),
    ),
    # Social networks
    ("https://mp.weixin.qq.com/s/abc", LANDING, Arrival(Source.SOCIAL, "WeChat")),
    ("https://weibo.com/u/123", LANDING, Arrival(Source.SOCIAL, "Weibo")),
    ("https://www.zhihu.com/question/1", LANDING, Arrival(Source.SOCIAL, "Zhihu")),
    ("https://www.douyin.com/video/1", LANDING, Arrival(Source.SOCIAL, "Douyin")),
    ("https://l.facebook.com/l.php?u=x", LANDING, Arrival(Source.SOCIAL, "Facebook")),
    ("https://t.co/abc", LANDING, Arrival(Source.SOCIAL, "X")),
    ("https://www.linkedin.com/feed/", LANDING, Arrival(Source.SOCIAL, "LinkedIn")),
    # Campaigns, referral sites, internal and direct visits
    (
        "",
        LANDING + "?utm_source=newsletter&utm_campaign=may-intake&utm_medium=email",
        Arrival(Source.CAMPAIGN, "may-intake"),
    ),
    (
        "https://forum.example.org/t/ielts-schools",
        LANDING,
        Arrival(Source.REFERRAL, "forum.example.org"),
    ),
    ("https://www.school.example/prices", LANDING, Arrival(Source.INTERNAL, "school.example")),
    ("", LANDING, Arrival(Source.DIRECT)),
    ("not a url at all", LANDING, Arrival(Source.DIRECT)),
]


@pytest.mark.parametrize(("referrer", "landing", "expected"), CASES)
def test_source_and_keyword(referrer: str, landing: str, expected: Arrival) -> None:
    assert classify(referrer, landing) == expected


@pytest.mark.parametrize(
    ("host", "pattern", "matches"),
    [
        ("www.google.com", "google.*", True),
        ("www.google.com.hk", "google.*", True),
        ("google.evil.example", "google.*", True),  # harmless: only a label, never trusted
        ("notgoogle.com", "google.*", False),
        ("m.baidu.com", "baidu.com", True),
        ("baidu.com.evil.example", "baidu.com", False),
        ("fakebaidu.com", "baidu.com", False),
    ],
)
def test_hosts_match_by_whole_labels(host: str, pattern: str, matches: bool) -> None:
    assert host_matches(host, pattern) is matches


def test_malformed_percent_encoding_never_raises() -> None:
    parameters = query_parameters("https://x/?wd=%E9%9B%&q=%ZZ")
    assert set(parameters) == {"wd", "q"}
    assert parameters["q"] == "%ZZ"  # not an escape: kept as it is
    assert parameters["wd"]  # a broken UTF-8 tail still gives some text, never an exception
