"""What each invitation rule achieved since it was last changed, and its A/B test's honest
state: for the admins' dialog and `parley-relay invitations report`."""

from __future__ import annotations

from relay.core.experiments import ArmCounts, Outcome, format_result, verdict
from relay.core.invitations.setup import SetupError, compile_rule
from relay.store import Store
from relay.store.records import InvitationCounts, Site
from shared_protocol import frames


async def rule_stats(
    store: Store, site: Site, spec: frames.RuleSpec, now: float
) -> frames.RuleStats:
    counts = await store.invitation_counts(site.id, spec.id, spec.changed_at)
    arms = [None] if not spec.variants else list(range(len(spec.variants)))
    names = [v.name or chr(ord("A") + i) for i, v in enumerate(spec.variants)] or [""]
    per_arm = [counts.get(arm, InvitationCounts()) for arm in arms]
    try:
        plan = compile_rule(spec, spec.name).plan
    except SetupError:
        plan = None
    words = [""] * len(per_arm)
    overall = ""
    if plan is not None:
        # A lost `shown` report must not make accepted exceed shown.
        arms_counts = [ArmCounts(max(c.shown, c.accepted), c.accepted) for c in per_arm]
        result = verdict(plan, arms_counts, spec.changed_at, now)
        words = [line.verdict for line in format_result(arms_counts, result)]
        if result.outcome is Outcome.WINNER and result.winner is not None:
            overall = f"winner: {names[result.winner]}"
        else:
            overall = {
                Outcome.COLLECTING: "collecting",
                Outcome.NO_DIFFERENCE: "no difference detected",
            }.get(result.outcome, "")
    return frames.RuleStats(
        rule=spec.id,
        since=spec.changed_at,
        variants=[
            frames.VariantStats(
                name=name,
                sent=c.sent,
                shown=c.shown,
                accepted=c.accepted,
                declined=c.declined,
                chats=c.chats,
                replied=c.replied,
                verdict=word,
            )
            for name, c, word in zip(names, per_arm, words, strict=True)
        ],
        planned_per_variant=plan.per_arm if plan else 0,
        verdict=overall,
    )
