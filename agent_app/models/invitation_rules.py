"""The invitation rules' numbers and checks without widgets: lists typed as text, a rule's
counts added up, and what is wrong with a rule or the site's settings before the relay is
asked (the relay checks again and has the last word: its `detail` is shown as it says it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import msgspec
from PySide6.QtCore import QCoreApplication

from agent_app.i18n import fill
from shared_protocol import frames

_SEPARATORS = re.compile(r"[,\n，、]+")


def split_values(text: str) -> list[str]:
    """`/prices*, /courses/*` → two patterns; commas (also Chinese ones) or new lines."""
    return [part.strip() for part in _SEPARATORS.split(text) if part.strip()]


def join_values(values: list[str]) -> str:
    return ", ".join(values)


@dataclass(frozen=True)
class Totals:
    """A rule's counts since it was last changed, all its variants together."""

    sent: int = 0
    shown: int = 0
    accepted: int = 0
    declined: int = 0
    chats: int = 0
    replied: int = 0

    @property
    def rate(self) -> float | None:
        """Accepted of shown; None before any was shown."""
        return self.accepted / self.shown if self.shown else None


def totals(stats: frames.RuleStats | None) -> Totals:
    if stats is None:
        return Totals()
    return Totals(
        sent=sum(v.sent for v in stats.variants),
        shown=sum(v.shown for v in stats.variants),
        accepted=sum(v.accepted for v in stats.variants),
        declined=sum(v.declined for v in stats.variants),
        chats=sum(v.chats for v in stats.variants),
        replied=sum(v.replied for v in stats.variants),
    )


def rate_text(accepted: int, shown: int) -> str:
    """`12.5 %`, or `—` before any was shown."""
    if not shown:
        return "—"
    return fill(
        QCoreApplication.translate("InvitationRules", "%1 %"), f"{100 * accepted / shown:.1f}"
    )


def stats_of(setup: frames.InvitationSetup, rule: frames.RuleSpec) -> frames.RuleStats | None:
    """The counts the relay sent for `rule` (named by id, or by name by an older relay)."""
    for stats in setup.stats:
        if rule.id and stats.rule == rule.id:
            return stats
    for stats in setup.stats:
        if stats.rule == rule.name:
            return stats
    return None


# ------------------------------------------------------------------ checks


def _wire_problem(part: msgspec.Struct, kind: type[msgspec.Struct]) -> str | None:
    """What the relay's decoder would refuse in `part` (lengths, ranges, patterns), as
    msgspec says it: `Expected `str` of length <= 80 - at `$.name``."""
    try:
        msgspec.convert(msgspec.to_builtins(part), kind)
    except msgspec.ValidationError as error:
        return str(error)
    return None


def policy_problem(policy: frames.InvitationPolicySpec) -> str | None:
    if policy.frequency == "repeat":
        if policy.repeat_every <= 0:
            return QCoreApplication.translate(
                "InvitationRules",
                "Repeated invitations need a gap: set “Again after” to more than 0 s.",
            )
        if policy.max_per_visit < 1:
            return QCoreApplication.translate(
                "InvitationRules", "Repeated invitations need “At most” of 1 or more a visit."
            )
    return None


def rule_problem(rule: frames.RuleSpec, others: list[frames.RuleSpec] | None = None) -> str | None:
    """The first thing wrong with `rule` in a sentence, or None. `others`: the site's other
    rules, whose names it may not repeat."""
    name = rule.name.strip()
    if not name:
        return QCoreApplication.translate(
            "InvitationRules", "Give the rule a name, such as “Prices page from Baidu”."
        )
    if others and any(o.name.strip() == name and o.id != rule.id for o in others):
        return fill(
            QCoreApplication.translate(
                "InvitationRules", "Another rule is called “%1”: give this one another name."
            ),
            name,
        )
    if rule.kind == "survey" and not rule.text.strip():
        return QCoreApplication.translate(
            "InvitationRules", "A one-question survey needs its question in “Words”."
        )
    conditions = rule.conditions
    for patterns in (conditions.page_url, conditions.landing_url, conditions.referrer_domain):
        if any(not p.strip() for p in patterns):
            return QCoreApplication.translate("InvitationRules", "A page or site pattern is empty.")
    if rule.policy is not None:
        problem = policy_problem(rule.policy)
        if problem:
            return problem
    names = [v.name.strip() for v in rule.variants]
    if any(not n for n in names):
        return QCoreApplication.translate("InvitationRules", "Every variant needs a name (A, B…).")
    if len(set(names)) != len(names):
        return QCoreApplication.translate("InvitationRules", "Two variants have the same name.")
    if len(rule.variants) == 1:
        return QCoreApplication.translate(
            "InvitationRules",
            "Variants are compared with each other: add a second one, or remove this one.",
        )
    if rule.variants and sum(v.weight for v in rule.variants) <= 0:
        return QCoreApplication.translate(
            "InvitationRules", "At least one variant needs a weight above 0."
        )
    experiment = rule.experiment
    if experiment is not None:
        if len(rule.variants) < 2:
            return QCoreApplication.translate(
                "InvitationRules", "An A/B test needs at least two variants."
            )
        if experiment.baseline == experiment.target:
            return QCoreApplication.translate(
                "InvitationRules", "The rate worth finding must differ from today's rate."
            )
    return _wire_problem(rule, frames.RuleSpec)


def settings_problem(settings: frames.InvitationSettings) -> str | None:
    problem = policy_problem(settings.policy)
    if problem:
        return problem
    if any(not p.strip() for p in settings.policy.excluded_pages):
        return QCoreApplication.translate("InvitationRules", "A page pattern is empty.")
    return _wire_problem(settings, frames.InvitationSettings)


# ------------------------------------------------------------------ the A/B test's words

# What relay/core/experiments.py says of a variant (`_words`), read back into the agent's
# language; anything else is shown as the relay said it.
_COLLECTING = re.compile(r"^collecting(?:: needs (?P<needs>.*))?$")
_MORE = re.compile(r"^(?P<count>[\d,]+) more (?P<what>shown|accepted)$")
_ENDS = re.compile(r"^minimum duration ends (?P<when>.+)$")
_COMPARED = re.compile(
    r"^(?P<word>winner|better than control|worse than control|no difference detected) "
    r"\(lift (?P<lift>\S+) vs control, p = (?P<p>[\d.]+)\)$"
)


def variant_verdict_text(words: str) -> str:
    """`collecting: needs 1,107 more shown` → the same in the agent's language."""
    found = _COLLECTING.match(words)
    if found:
        needs = found["needs"]
        if not needs:
            return QCoreApplication.translate("InvitationRules", "collecting")
        parts = []
        for part in needs.split(", "):
            more, ends = _MORE.match(part), _ENDS.match(part)
            if more and more["what"] == "shown":
                template = QCoreApplication.translate("InvitationRules", "%1 more shown")
                parts.append(fill(template, more["count"]))
            elif more:
                template = QCoreApplication.translate("InvitationRules", "%1 more accepted")
                parts.append(fill(template, more["count"]))
            elif ends:
                template = QCoreApplication.translate("InvitationRules", "runs until %1")
                parts.append(fill(template, ends["when"]))
            else:
                return words
        needed = QCoreApplication.translate("InvitationRules", ", ").join(parts)
        return fill(QCoreApplication.translate("InvitationRules", "collecting: needs %1"), needed)
    if words == "control":
        return QCoreApplication.translate("InvitationRules", "the baseline")
    if words == "winner (better than every variant)":
        return QCoreApplication.translate("InvitationRules", "wins: better than every variant")
    found = _COMPARED.match(words)
    if found:
        template = {
            "winner": QCoreApplication.translate(
                "InvitationRules", "wins: %1 against the baseline (p = %2)"
            ),
            "better than control": QCoreApplication.translate(
                "InvitationRules", "better than the baseline: %1 (p = %2)"
            ),
            "worse than control": QCoreApplication.translate(
                "InvitationRules", "worse than the baseline: %1 (p = %2)"
            ),
            "no difference detected": QCoreApplication.translate(
                "InvitationRules", "no difference found: %1 (p = %2)"
            ),
        }[found["word"]]
        return fill(template, found["lift"], found["p"])
    return words
