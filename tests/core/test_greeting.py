"""An invitation's words (relay/core/invitations/greeting.py): variables filled once,
fallbacks for empty values, hostile values and braces left as written, and the default
greeting in the visitor's language."""

from __future__ import annotations

import pytest

from relay.core.invitations.greeting import DEFAULT_GREETINGS, default_greeting, fill

ANA = {
    "visitor.name": "Ana",
    "visitor.city": "杭州市",
    "visitor.region": "浙江省",
    "visitor.country": "中国",
    "visitor.keyword": "雅思 价格",
    "site.name": "Bright School",
}


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("Hello {visitor.name}!", "Hello Ana!"),
        ("{visitor.city}, {visitor.region}, {visitor.country}", "杭州市, 浙江省, 中国"),
        ("Looking for {visitor.keyword}?", "Looking for 雅思 价格?"),
        ("Welcome to {site.name}", "Welcome to Bright School"),
        ("Hello {visitor.name|there}!", "Hello Ana!"),  # a value wins over the fallback
        ("{visitor.name}{visitor.name}", "AnaAna"),
        ("No variables at all", "No variables at all"),
        ("", ""),
    ],
)
def test_variables_are_replaced_by_the_visitors_values(template: str, expected: str) -> None:
    assert fill(template, ANA) == expected


@pytest.mark.parametrize(
    ("template", "values", "expected"),
    [
        ("Hello {visitor.name|there}!", {}, "Hello there!"),
        ("Hello {visitor.name|there}!", {"visitor.name": ""}, "Hello there!"),
        ("Hello {visitor.name|there}!", {"visitor.name": "  \t"}, "Hello there!"),  # blank
        ("Hello {visitor.name}!", {}, "Hello !"),  # no fallback: nothing
        ("Hi {visitor.name|}!", {}, "Hi !"),
        ("From {visitor.city|your city}", {"visitor.city": " 杭州市 "}, "From 杭州市"),
        ("{visitor.age|friend}", ANA, "friend"),  # not a value the relay gives: the fallback
        ("{visitor.age}", ANA, ""),
        ("{visitor.name|dear | friend}", {}, "dear | friend"),  # a bar in the fallback stays
    ],
)
def test_an_empty_or_unknown_value_becomes_its_fallback_or_nothing(
    template: str, values: dict[str, str], expected: str
) -> None:
    assert fill(template, values) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("{site.name}", "Hello {site.name}!"),  # a value is never read as a template
        ("{visitor.city}", "Hello {visitor.city}!"),
        ("{visitor.name|x}", "Hello {visitor.name|x}!"),
        ("\\g<0>", "Hello \\g<0>!"),  # nor as a regular expression's replacement
        ("\\1", "Hello \\1!"),
        ("<b>Ana</b>", "Hello <b>Ana</b>!"),  # text: the widget shows it as text
        ("%s %(x)s {0}", "Hello %s %(x)s {0}!"),
    ],
)
def test_a_hostile_visitor_name_is_put_in_as_written(name: str, expected: str) -> None:
    assert fill("Hello {visitor.name}!", {**ANA, "visitor.name": name}) == expected


@pytest.mark.parametrize(
    "template",
    [
        "{{x}}",
        "{x}",
        "{}",
        "{{visitor.name}}",  # doubled braces: left as written, not filled inside
        "{{site.name}}",
        "{Visitor.Name}",  # variables are lower case
        "{visitor.name",
        "visitor.name}",
        "{ visitor.name }",
        "{visitor.name|a{b}",
        "{site.title}",
    ],
)
def test_anything_else_in_braces_is_left_as_written(template: str) -> None:
    assert fill(template, ANA) == template


def test_doubled_braces_beside_a_variable_leave_only_the_variable_filled() -> None:
    assert fill("{{literal}} {visitor.name}", ANA) == "{{literal}} Ana"
    assert fill("{{ {visitor.name} }}", ANA) == "{{ Ana }}"


@pytest.mark.parametrize(
    ("language", "key"),
    [
        ("zh-CN", "zh"),
        ("zh_TW", "zh"),
        ("ZH-Hant-HK", "zh"),
        ("mn", "mn"),
        ("mn-MN", "mn"),
        ("en-GB", "en"),
        ("fr-FR", "en"),  # no greeting in that language: English
        ("", "en"),
        ("  ", "en"),
    ],
)
def test_the_default_greeting_is_in_the_visitors_first_language(language: str, key: str) -> None:
    assert default_greeting(language) == DEFAULT_GREETINGS[key]
