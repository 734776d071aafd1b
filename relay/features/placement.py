"""Which department a visitor belongs to as they walk through the site (docs/routing.md,
"Where a visitor belongs"), and telling agents when it changes.

The rule, in order: the department the visitor picked in the pre-chat form during this
visit (their pick wins over pages for the rest of the visit, through page loads and tabs);
else, while they have an open conversation, its department (a chat stays where it opened,
and so does its visitor's row); else the first of the site's departments whose `pages`
match the page they are on (relay.core.routing.placement); else none: every agent sees them.

A visitor who moves is told to the old department's agents as `left` and to the new
one's as `updated`, both at once rather than at the next batch, so that an agent who sees
both (an admin) gets the one right after the other and keeps the row.
"""

from __future__ import annotations

import msgspec

from relay.context import RelayContext
from relay.core.routing.placement import place
from relay.features import availability
from relay.features.departments import site_departments
from relay.live.audiences import ToDepartment
from relay.live.batching import publish_visitor_changes
from relay.store.records import Conversation
from shared_protocol import frames

# Visits whose pick a relay remembers (the oldest picks are forgotten first): a visit is
# over after visit_gap_minutes anyway, and a forgotten pick only lets pages decide again.
MAX_PICKS_KEPT = 100_000


async def department_of(
    ctx: RelayContext,
    site_id: int,
    visitor_id: int,
    visit_id: int,
    page_url: str | None,
    conversation: Conversation | None,
) -> int | None:
    """Where a visitor on `page_url` belongs now (the rule in the module's docstring)."""
    kept = ctx.department_picks.get(visitor_id)
    if kept is not None and kept[0] == visit_id:
        return kept[1]
    if conversation is not None:
        return conversation.department_id
    departments = await site_departments(ctx, site_id)
    return place(None, page_url, [(d.id, routing) for d, routing in departments])


def remember_pick(ctx: RelayContext, visitor_id: int, visit_id: int, department: int) -> None:
    """The visitor picked `department` (the pre-chat form): it holds for this visit."""
    picks = ctx.department_picks
    picks.pop(visitor_id, None)  # to the end: the newest pick is forgotten last
    picks[visitor_id] = (visit_id, department)
    while len(picks) > MAX_PICKS_KEPT:
        del picks[next(iter(picks))]


async def move(ctx: RelayContext, visitor_id: int, department: int | None) -> None:
    """Put an online visitor in `department`, telling agents when that changes, and the
    visitor whether they can chat there (a page, their pick, a transfer taken)."""
    info = ctx.presence.visitor_info(visitor_id)
    if info is None or info.department == department:
        return
    moved = msgspec.structs.replace(info, department=department)
    ctx.presence.update_visitor(moved)
    tell_moved(ctx, info.department, moved)
    await availability.visitor_moved(ctx, visitor_id, info.department)


def tell_moved(ctx: RelayContext, before: int | None, info: frames.VisitorInfo) -> None:
    """The visitor (as presence now holds them) was in department `before`: its agents see
    them leave, the new department's see them arrive. The batch's pending change of the
    visitor is replaced, so that no older copy reaches the old department afterwards."""
    if before == info.department:
        return
    ctx.broker.publish(ToDepartment(before), frames.VisitorsChanged(left=[info.id]))
    publish_visitor_changes(ctx.broker, [info], [])
    ctx.visitor_changes.changed(info)
