"""Whether a visitor can chat now, or should be offered the offline form: someone Online
answers for them. For a visitor of no department, any agent of the site's relay; for a
visitor of a department, one of its agents, within the department's hours (docs/routing.md).

Visitors are told (`presence`) when their answer changes: those of no department when
"any agent Online" flips, as before; those of a department when an agent of that
department comes, goes or changes status on this relay, when the visitor moves to another
department, and when the department opens or closes by its hours or is changed elsewhere
(relay.features.department_watch calls `tell_department_visitors`).
"""

from __future__ import annotations

import asyncio

from relay.context import RelayContext
from relay.features import departments
from relay.live.audiences import ToVisitor
from shared_protocol import frames
from shared_protocol.frames import AgentStatus


async def can_chat(ctx: RelayContext, department: int | None) -> bool:
    if department is None:
        return ctx.presence.agents_online()
    try:
        routing = await departments.department_routing(ctx, department)
    except KeyError:  # removed meanwhile: as if it had none
        return ctx.presence.agents_online()
    return routing.open_at(ctx.clock()) and any(
        info.status is AgentStatus.ONLINE and info.takes_chats and department in info.departments
        for info in ctx.presence.agent_presences()
    )


async def tell_department_visitors(ctx: RelayContext, department_ids: tuple[int, ...]) -> None:
    """Agents of these departments changed: their visitors here hear whether they can
    chat, when that changed since they were last told."""
    changed: dict[int, frames.Presence] = {}
    for department in set(department_ids):
        now_available = await can_chat(ctx, department)
        if ctx.department_available.get(department) != now_available:
            ctx.department_available[department] = now_available
            changed[department] = frames.Presence(agents_online=now_available)
    if changed:
        for info in ctx.presence.visitor_infos():
            if info.department in changed:
                ctx.broker.publish(ToVisitor(info.id), changed[info.department], here_only=True)


def tell_visitors_of_no_department(ctx: RelayContext, online: bool) -> None:
    """Whether any agent is Online flipped: visitors of no department here are told."""
    told = frames.Presence(agents_online=online)
    for info in ctx.presence.visitor_infos():
        if info.department is None:
            ctx.broker.publish(ToVisitor(info.id), told, here_only=True)


async def visitor_moved(ctx: RelayContext, visitor_id: int, before: int | None) -> None:
    """After placement: a visitor now of another department hears whether they can chat."""
    info = ctx.presence.visitor_info(visitor_id)
    if info is not None and info.department != before:
        told = frames.Presence(agents_online=await can_chat(ctx, info.department))
        ctx.broker.publish(ToVisitor(visitor_id), told, here_only=True)


def agents_changed(ctx: RelayContext, department_ids: tuple[int, ...]) -> None:
    """An agent of these departments came, went or changed status: their visitors are told
    (soon: the departments' hours may need a read)."""
    if department_ids:
        task = asyncio.ensure_future(tell_department_visitors(ctx, department_ids))
        _telling.add(task)
        task.add_done_callback(_telling.discard)


_telling: set[asyncio.Future[None]] = set()  # kept until done (asyncio holds tasks weakly)
