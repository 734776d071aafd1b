"""Editing a site's rules: where a saved rule goes, its id, and when it counts as changed.

A rule's counts and its A/B test start at `changed_at`: a save that changes anything but
the rule's place (or whether it is enabled) starts them again, since what was counted
before is no longer what the rule does; a save of the same rule keeps them.
"""

from __future__ import annotations

import re

import msgspec

from relay.core.invitations.setup import SetupDocument
from shared_protocol import frames

_NOT_ID = re.compile(r"[^a-z0-9]+")


class RuleChanged(Exception):
    """The rule was changed since the editor read it (another admin, an import)."""


def _what_it_does(rule: frames.RuleSpec) -> frames.RuleSpec:
    return msgspec.structs.replace(rule, changed_at=0, enabled=True)


def new_id(name: str, taken: set[str]) -> str:
    """A readable id from the rule's name ("Prices, 30 s" → prices-30-s); "rule-N" for a
    name with no Latin letters or digits."""
    base = _NOT_ID.sub("-", name.lower()).strip("-")[:30].strip("-") or "rule"
    candidate, n = base, 1
    while candidate in taken or candidate == "rule":
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def placed(
    document: SetupDocument, rule: frames.RuleSpec, position: int | None, now: float
) -> SetupDocument:
    """The document with `rule` added (no id: a new one) or replaced, at `position`
    (None: where it was, or last). RuleChanged when the rule carries the `changed_at` of a
    version that is no longer the stored one."""
    rules = list(document.rules)
    taken = {r.id for r in rules}
    index = next((i for i, r in enumerate(rules) if r.id == rule.id), None) if rule.id else None
    rule_id = rule.id or new_id(rule.name, taken)
    changed_at = now
    if index is not None:
        before = rules.pop(index)
        # An editor sends back the `changed_at` it read; a file (0) replaces whatever is there.
        if rule.changed_at and rule.changed_at != before.changed_at:
            raise RuleChanged(rule.id)
        if _what_it_does(before) == _what_it_does(rule):
            changed_at = before.changed_at
    saved = msgspec.structs.replace(rule, id=rule_id, changed_at=changed_at)
    at = len(rules) if position is None and index is None else position
    if at is None:
        at = index if index is not None else len(rules)
    rules.insert(min(at, len(rules)), saved)
    return msgspec.structs.replace(document, rules=rules)


def removed(document: SetupDocument, rule_id: str) -> SetupDocument:
    """The document without the rule; KeyError when it has none by that id."""
    rules = [r for r in document.rules if r.id != rule_id]
    if len(rules) == len(document.rules):
        raise KeyError(rule_id)
    return msgspec.structs.replace(document, rules=rules)
