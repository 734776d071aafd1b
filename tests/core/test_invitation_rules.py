"""Editing a site's rules (relay/core/invitations/rules.py): ids made from names (Latin,
CJK, collisions), where a saved rule goes, and when its counts start again."""

from __future__ import annotations

import re
from typing import Any

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from relay.core.invitations.rules import RuleChanged, new_id, placed, removed
from relay.core.invitations.setup import SetupDocument
from shared_protocol import frames

RULE_ID = re.compile(r"^[a-z0-9_-]{1,40}$")  # frames.RuleId, not empty
T0, NOW = 1000.0, 5000.0


def rule(name: str, rule_id: str = "", **fields: Any) -> frames.RuleSpec:
    return frames.RuleSpec(name=name, id=rule_id, **fields)


def document(*rules: frames.RuleSpec) -> SetupDocument:
    return SetupDocument(rules=list(rules))


def ids(doc: SetupDocument) -> list[str]:
    return [r.id for r in doc.rules]


# A site with three rules saved at T0.
SITE = document(
    rule("Prices", "prices", text="Questions about prices?", changed_at=T0),
    rule("Fees", "fees", changed_at=T0),
    rule("Exit survey", "exit-survey", trigger="exit", kind="survey", text="Why?", changed_at=T0),
)


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("Prices, 30 s", set(), "prices-30-s"),
        ("  Baidu → prices!  ", set(), "baidu-prices"),
        ("IELTS 雅思 weekend", set(), "ielts-weekend"),
        ("Prices", {"prices"}, "prices-2"),
        ("Prices", {"prices", "prices-2"}, "prices-3"),
        ("Prices 2", {"prices-2"}, "prices-2-2"),
        # No Latin letters or digits: rule-N, never the bare "rule".
        ("价格页", set(), "rule-2"),
        ("价格页", {"rule-2"}, "rule-3"),
        ("Цены", {"rule-2", "rule-3"}, "rule-4"),
        ("", set(), "rule-2"),
        ("Rule", set(), "rule-2"),
        ("!!!", {"rule-2"}, "rule-3"),
        # Cut to 30 characters, never ending on a dash.
        ("A very long rule name about the prices page", set(), "a-very-long-rule-name-about-th"),
        ("abcdefghijklmnopqrstuvwxyz abc d", set(), "abcdefghijklmnopqrstuvwxyz-abc"),
        (
            "abcdefghijklmnopqrstuvwxyz abc-def",
            {"abcdefghijklmnopqrstuvwxyz-abc"},
            "abcdefghijklmnopqrstuvwxyz-abc-2",
        ),
    ],
)
def test_an_id_is_made_from_the_name_and_never_one_taken(
    name: str, taken: set[str], expected: str
) -> None:
    made = new_id(name, taken)
    assert made == expected
    assert RULE_ID.match(made) and made not in taken


@given(st.text(max_size=100), st.sets(st.sampled_from(["rule-2", "rule-3", "a", "a-2"])))
def test_any_name_makes_a_valid_id_not_taken(name: str, taken: set[str]) -> None:
    made = new_id(name, taken)
    assert RULE_ID.match(made), made
    assert made not in taken and made != "rule"


def test_a_new_rule_goes_last_with_an_id_from_its_name_counting_from_now() -> None:
    saved = placed(SITE, rule("Prices"), None, NOW)
    assert ids(saved) == ["prices", "fees", "exit-survey", "prices-2"]
    assert saved.rules[-1].changed_at == NOW
    assert ids(SITE) == ["prices", "fees", "exit-survey"]  # the document given is unchanged


def test_rules_named_in_chinese_get_ids_that_do_not_collide() -> None:
    doc = SITE
    for name in ("价格页", "价格页", "退出调查"):
        doc = placed(doc, rule(name), None, NOW)
    assert ids(doc)[3:] == ["rule-2", "rule-3", "rule-4"]
    assert [r.name for r in doc.rules[3:]] == ["价格页", "价格页", "退出调查"]


@pytest.mark.parametrize(
    ("position", "order"),
    [
        (0, ["new", "prices", "fees", "exit-survey"]),
        (1, ["prices", "new", "fees", "exit-survey"]),
        (3, ["prices", "fees", "exit-survey", "new"]),
        (99, ["prices", "fees", "exit-survey", "new"]),  # beyond the end: last
        (None, ["prices", "fees", "exit-survey", "new"]),
    ],
)
def test_a_new_rule_goes_where_it_is_put(position: int | None, order: list[str]) -> None:
    assert ids(placed(SITE, rule("New"), position, NOW)) == order


@pytest.mark.parametrize(
    ("position", "order"),
    [
        (None, ["prices", "fees", "exit-survey"]),  # where it was
        (0, ["fees", "prices", "exit-survey"]),
        (2, ["prices", "exit-survey", "fees"]),
        (99, ["prices", "exit-survey", "fees"]),
    ],
)
def test_a_saved_rule_stays_in_its_place_or_moves_keeping_its_counts(
    position: int | None, order: list[str]
) -> None:
    saved = placed(SITE, SITE.rules[1], position, NOW)
    assert ids(saved) == order
    assert all(r.changed_at == T0 for r in saved.rules)


@pytest.mark.parametrize(
    ("change", "counts_start_again"),
    [
        ({}, False),
        ({"enabled": False}, False),  # paused and resumed, the same rule
        ({"changed_at": 0.0}, False),  # a file's rule (no changed_at) replaces what is there
        ({"text": "Any question about prices?"}, True),
        ({"name": "Prices page"}, True),
        ({"delay": 5.0}, True),
        ({"conditions": frames.RuleConditions(time_on_page=30)}, True),
        ({"policy": frames.InvitationPolicySpec()}, True),  # its own policy, not the site's
        ({"variants": [frames.VariantSpec(name="A"), frames.VariantSpec(name="B")]}, True),
    ],
)
def test_a_rule_counts_from_its_last_change_of_what_it_does(
    change: dict[str, Any], counts_start_again: bool
) -> None:
    edited = msgspec.structs.replace(SITE.rules[0], **change)
    saved = placed(SITE, edited, None, NOW)
    assert ids(saved) == ids(SITE)
    assert saved.rules[0].changed_at == (NOW if counts_start_again else T0)
    assert saved.rules[1:] == SITE.rules[1:]


def test_a_rule_saved_from_a_version_no_longer_stored_is_refused() -> None:
    stale = msgspec.structs.replace(SITE.rules[0], changed_at=T0 - 60, delay=1.0)
    with pytest.raises(RuleChanged):
        placed(SITE, stale, None, NOW)


def test_a_rule_with_an_id_the_site_does_not_have_is_added_with_that_id() -> None:
    saved = placed(SITE, rule("Imported", "from-another-site", changed_at=T0), None, NOW)
    assert ids(saved)[-1] == "from-another-site"
    assert saved.rules[-1].changed_at == NOW


@pytest.mark.parametrize(
    ("rule_id", "left"),
    [
        ("prices", ["fees", "exit-survey"]),
        ("fees", ["prices", "exit-survey"]),
        ("exit-survey", ["prices", "fees"]),
    ],
)
def test_removing_a_rule_keeps_the_others_in_order(rule_id: str, left: list[str]) -> None:
    after = removed(SITE, rule_id)
    assert ids(after) == left
    assert all(r.changed_at == T0 for r in after.rules)


def test_removing_a_rule_the_site_does_not_have_raises_and_changes_nothing() -> None:
    with pytest.raises(KeyError):
        removed(SITE, "nope")
    assert ids(SITE) == ["prices", "fees", "exit-survey"]
