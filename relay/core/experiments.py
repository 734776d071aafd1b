"""A/B tests of invitations, pure: which variant a visitor sees, how many visitors a test
needs, the two-proportion z-test, and a verdict that refuses to peek (issue 14).

The rules (REFERENCE.md "A/B tests of invitations"):
- A visitor keeps one variant across pages, reloads and relays: the variant is a stable
  hash of the experiment and the visitor, never a coin tossed per page view.
- The sample per arm is fixed before the test from the smallest effect worth detecting.
- No verdict before every arm has its planned sample, the minimum duration (a whole week
  by default, so every weekday is seen once) has passed, and every arm has enough
  successes for the normal approximation. Stopping at the first p < 0.05 over 10 looks
  declares a false winner about four times as often as promised (19.6 % instead of 5 %),
  so until then the verdict computes no p-value at all.
- With more than two variants, each is compared to the control (variant 0) at alpha
  divided by the number of comparisons (Bonferroni), so the chance of any false winner
  stays at most alpha. The plan sizes its sample at that corrected alpha too, or the
  corrected test would fall short of the planned power.
No I/O and no clock: `now` and `started_at` are passed in, in seconds since the epoch.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from statistics import NormalDist

DAY = 86_400.0
_NORMAL = NormalDist()


def variant_for(experiment_key: str, visitor_key: str, weights: Sequence[int]) -> int:
    """The variant (index into `weights`) this visitor sees in this experiment, with
    chances proportional to the weights. Keep the weights for the test's whole life:
    changing them moves visitors between variants.

    sha256, not `hash()`: Python salts `hash()` per process, and the same visitor must get
    the same variant from every relay and after every restart. The experiment key is part
    of the hash so that two tests running at once assign independently; hashing the visitor
    alone would put the same visitors in variant 1 of every test, and each test's effect
    would leak into the others' results.
    """
    if not weights or any(w < 0 for w in weights) or sum(weights) <= 0:
        raise ValueError("weights must be non-negative with a positive sum")
    # The length prefix keeps ("ab", "c") and ("a", "bc") apart.
    key = f"{len(experiment_key)}:{experiment_key}{visitor_key}".encode()
    draw = int.from_bytes(hashlib.sha256(key).digest()[:8], "big")
    # Scale 64 bits onto [0, total) rather than `% total`, which favours small remainders.
    point = (draw * sum(weights)) >> 64
    for variant, weight in enumerate(weights):
        if point < weight:
            return variant
        point -= weight
    raise AssertionError("unreachable: point < sum(weights)")


def sample_size_per_arm(
    baseline: float,
    target: float,
    alpha: float = 0.05,
    power: float = 0.8,
    two_sided: bool = True,
) -> int:
    """Visitors per arm to detect `baseline` → `target` with a two-proportion z-test.

    The classic formula (Fleiss), which reproduces the reference figures exactly: the alpha
    term uses the pooled variance the test assumes under H0 (both rates equal to their
    mean), the power term the unpooled variance under H1, rounded up:
        n = (z_α·√(2·p̄(1−p̄)) + z_β·√(p₁(1−p₁) + p₂(1−p₂)))² / (p₂ − p₁)²
    """
    if not (0 < baseline < 1 and 0 < target < 1) or baseline == target:
        raise ValueError("baseline and target must be different rates strictly in (0, 1)")
    if not (0 < alpha < 1 and 0 < power < 1):
        raise ValueError("alpha and power must be in (0, 1)")
    z_alpha = _NORMAL.inv_cdf(1 - alpha / 2 if two_sided else 1 - alpha)
    z_power = _NORMAL.inv_cdf(power)
    mean = (baseline + target) / 2
    spread = z_alpha * math.sqrt(2 * mean * (1 - mean)) + z_power * math.sqrt(
        baseline * (1 - baseline) + target * (1 - target)
    )
    n = spread**2 / (target - baseline) ** 2
    # The tolerance keeps float noise on an exact integer from adding a visitor.
    return math.ceil(n - 1e-9)


def z_test(successes_a: int, n_a: int, successes_b: int, n_b: int) -> tuple[float, float]:
    """The pooled two-proportion z-test of B against A: (z, two-sided p). z > 0 when B's
    rate is higher. With no success or no failure at all there is no evidence of a
    difference (the pooled variance is 0): (0.0, 1.0)."""
    if n_a <= 0 or n_b <= 0 or not (0 <= successes_a <= n_a and 0 <= successes_b <= n_b):
        raise ValueError("need 0 <= successes <= n and n > 0 for both arms")
    pooled = (successes_a + successes_b) / (n_a + n_b)
    variance = pooled * (1 - pooled) * (1 / n_a + 1 / n_b)
    if variance == 0:
        return 0.0, 1.0
    z = (successes_b / n_b - successes_a / n_a) / math.sqrt(variance)
    return z, 2 * (1 - _NORMAL.cdf(abs(z)))


@dataclass(frozen=True, slots=True)
class ArmCounts:
    """One variant so far: invitations shown, and accepted (the success the test counts)."""

    shown: int
    accepted: int

    def __post_init__(self) -> None:
        if not 0 <= self.accepted <= self.shown:
            raise ValueError("need 0 <= accepted <= shown")

    @property
    def rate(self) -> float:
        return self.accepted / self.shown if self.shown else 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class ExperimentPlan:
    """Fixed before the test starts. `alpha` is the chance of any false winner in the whole
    test; each comparison with the control uses `alpha_per_comparison`."""

    per_arm: int
    variants: int = 2
    alpha: float = 0.05
    min_duration: float = 7 * DAY
    min_successes: int = 10  # per arm: below it the normal approximation is not trusted

    def __post_init__(self) -> None:
        if self.per_arm < 1 or self.variants < 2 or not 0 < self.alpha < 1:
            raise ValueError("need per_arm >= 1, variants >= 2 and alpha in (0, 1)")
        if self.min_duration < 0 or self.min_successes < 0:
            raise ValueError("min_duration and min_successes cannot be negative")

    @property
    def alpha_per_comparison(self) -> float:
        return self.alpha / (self.variants - 1)


def plan_experiment(
    baseline: float,
    target: float,
    *,
    variants: int = 2,
    alpha: float = 0.05,
    power: float = 0.8,
    min_duration: float = 7 * DAY,
    min_successes: int = 10,
) -> ExperimentPlan:
    """The plan for detecting `baseline` → `target`, sized at the Bonferroni-corrected alpha."""
    if variants < 2:
        raise ValueError("an experiment needs at least two variants")
    per_arm = sample_size_per_arm(baseline, target, alpha / (variants - 1), power)
    return ExperimentPlan(
        per_arm=per_arm,
        variants=variants,
        alpha=alpha,
        min_duration=min_duration,
        min_successes=min_successes,
    )


class Outcome(StrEnum):
    COLLECTING = "collecting"
    WINNER = "winner"
    NO_DIFFERENCE = "no_difference"


class Waiting(StrEnum):
    """What a collecting test still waits for."""

    SAMPLE = "sample"
    DURATION = "duration"
    SUCCESSES = "successes"


@dataclass(frozen=True, slots=True)
class Comparison:
    """A variant against the control, once the plan is met. `lift` is relative
    ((rate − control) ÷ control), None when the control has no success."""

    variant: int
    rate: float
    control_rate: float
    lift: float | None
    z: float
    p: float
    significant: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    outcome: Outcome
    winner: int | None = None
    waiting_for: tuple[Waiting, ...] = ()
    more_shown: tuple[int, ...] = ()  # per arm: visitors still needed for the plan
    more_accepted: tuple[int, ...] = ()  # per arm: successes still needed
    duration_ends: float
    alpha_per_comparison: float
    comparisons: tuple[Comparison, ...] = ()  # variants 1…k; empty while collecting


def verdict(
    plan: ExperimentPlan, counts_per_variant: Sequence[ArmCounts], started_at: float, now: float
) -> Verdict:
    """The honest state of the test: collecting until the plan is met, whatever the data
    look like; then the winner against the control (variant 0), or no difference detected.

    The first answer is the test's result: the shell should stop the experiment (freeze
    the counts, show the winner to everyone) then, because asking again as counts keep
    growing is peeking once more. An arm that has its sample but not `min_successes`
    keeps the test collecting: below that the p-value is not to be trusted, and the plan's
    rates were far from what the site sees. Uneven weights make the arms reach `per_arm`
    at different times; the bigger arm's surplus only adds power."""
    if len(counts_per_variant) != plan.variants:
        raise ValueError(f"the plan has {plan.variants} variants, got {len(counts_per_variant)}")
    ends = started_at + plan.min_duration
    more_shown = tuple(max(0, plan.per_arm - c.shown) for c in counts_per_variant)
    more_accepted = tuple(max(0, plan.min_successes - c.accepted) for c in counts_per_variant)
    waiting = tuple(
        w
        for w, still in (
            (Waiting.SAMPLE, any(more_shown)),
            (Waiting.DURATION, now < ends),
            (Waiting.SUCCESSES, any(more_accepted)),
        )
        if still
    )
    alpha = plan.alpha_per_comparison
    if waiting:
        return Verdict(
            outcome=Outcome.COLLECTING,
            waiting_for=waiting,
            more_shown=more_shown,
            more_accepted=more_accepted,
            duration_ends=ends,
            alpha_per_comparison=alpha,
        )
    control = counts_per_variant[0]
    comparisons = []
    for k, arm in enumerate(counts_per_variant[1:], start=1):
        z, p = z_test(control.accepted, control.shown, arm.accepted, arm.shown)
        lift = (arm.rate - control.rate) / control.rate if control.rate else None
        comparisons.append(Comparison(k, arm.rate, control.rate, lift, z, p, p < alpha))
    better = [c for c in comparisons if c.significant and c.z > 0]
    winner: int | None = None
    if better:
        winner = max(better, key=lambda c: c.rate).variant
    elif all(c.significant and c.z < 0 for c in comparisons):
        winner = 0  # the control beat every variant
    return Verdict(
        outcome=Outcome.NO_DIFFERENCE if winner is None else Outcome.WINNER,
        winner=winner,
        duration_ends=ends,
        alpha_per_comparison=alpha,
        comparisons=tuple(comparisons),
    )


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One variant's line for `parley-relay invitations report` and the admin's view."""

    variant: int
    shown: int
    accepted: int
    rate: float
    verdict: str  # in words

    def __str__(self) -> str:
        name = "control" if self.variant == 0 else f"variant {self.variant}"
        return (
            f"{name}: shown {self.shown:,}, accepted {self.accepted:,}, "
            f"rate {self.rate:.2%}, {self.verdict}"
        )


def _utc(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")


def _words(variant: int, v: Verdict) -> str:
    if v.outcome is Outcome.COLLECTING:
        needs = [f"{v.more_shown[variant]:,} more shown"] if v.more_shown[variant] else []
        if v.more_accepted[variant]:
            needs.append(f"{v.more_accepted[variant]:,} more accepted")
        if Waiting.DURATION in v.waiting_for:
            needs.append(f"minimum duration ends {_utc(v.duration_ends)}")
        return "collecting" + (": needs " + ", ".join(needs) if needs else "")
    if variant == 0:
        return "winner (better than every variant)" if v.winner == 0 else "control"
    c = v.comparisons[variant - 1]
    lift = "n/a" if c.lift is None else f"{c.lift:+.1%}"
    stats = f"lift {lift} vs control, p = {c.p:.3f}"
    if v.winner == variant:
        return f"winner ({stats})"
    if c.significant:
        return f"{'better' if c.z > 0 else 'worse'} than control ({stats})"
    return f"no difference detected ({stats})"


def format_result(counts_per_variant: Sequence[ArmCounts], v: Verdict) -> tuple[ReportLine, ...]:
    """A line per variant; `str(line)` is the plain text the CLI prints."""
    return tuple(
        ReportLine(k, c.shown, c.accepted, c.rate, _words(k, v))
        for k, c in enumerate(counts_per_variant)
    )
