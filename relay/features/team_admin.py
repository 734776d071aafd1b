"""The admins' team setup from the agent app: departments with their routing settings
(`department_save`, checked whole before anything is stored), and each agent's role,
departments, skills, level and chats at once (`agent_routing_save`), both answered with
the whole `team`. An agent's change takes effect on their connections at once: what they
are sent and may touch follows their new departments without logging in again.
"""

from __future__ import annotations

import logging

from relay.context import RelayContext
from relay.core.department_names import taken_by
from relay.core.routing.settings import SettingsError, compile_settings
from relay.features import availability, departments, team_view
from relay.features.peers import AgentPeer
from relay.live.audiences import ToAgent, ToAgents
from relay.live.presence import presence_of
from relay.store import DuplicateName
from relay.store.records import Agent
from shared_protocol import frames
from shared_protocol.errors import ErrorCode, ProtocolError

log = logging.getLogger("parley.routing")


def _check_admin(peer: AgentPeer) -> None:
    if peer.agent.role != "admin":
        raise ProtocolError(ErrorCode.FORBIDDEN, "only admins manage departments and agents")


def team_agent(agent: Agent) -> frames.TeamAgent:
    return frames.TeamAgent(
        id=agent.id,
        name=agent.name,
        display_name=agent.display_name,
        role=agent.role,
        departments=list(agent.departments),
        skills=list(agent.skills),
        level=agent.level,
        max_chats=agent.max_chats,
        disabled=agent.disabled,
    )


async def _send_team(peer: AgentPeer) -> None:
    store = peer.ctx.store
    sites = await store.list_sites()
    peer.send(
        frames.Team(
            departments=await departments.department_infos(peer.ctx, sites),
            agents=[team_agent(agent) for agent in await store.list_agents()],
        )
    )


async def team_request(peer: AgentPeer, frame: frames.TeamRequest) -> None:
    _check_admin(peer)
    await _send_team(peer)


async def department_save(peer: AgentPeer, frame: frames.DepartmentSave) -> None:
    """Add a department (`id` None) or change one's name and settings; every agent is
    told of it (`departments`), the admin gets the team."""
    _check_admin(peer)
    ctx, now = peer.ctx, peer.ctx.clock()
    if not frame.name.strip() or not frame.name.isprintable():
        # As the CLI: no control or direction characters in what every agent is shown.
        raise ProtocolError(
            ErrorCode.BAD_FRAME,
            "name: no control or text-direction characters (such as U+202E), and not only spaces",
        )
    site = await ctx.store.get_site(frame.site)
    if site is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, f"no site {frame.site!r}")
    try:
        routing = compile_settings(frame.settings)
    except SettingsError as error:  # names the field: tiers[1].level, pages[0], hours
        raise ProtocolError(ErrorCode.BAD_FRAME, str(error)) from None
    # Checked here, before the store, whose unique index is exact: two admins saving
    # "Sales" and "sales" in the same instant can still both pass (a rare race, and the
    # names stay told apart by their id).
    existing = [(d.id, d.name) for d in await ctx.store.departments(site.id)]
    if frame.id is not None and all(frame.id != known for known, _ in existing):
        raise ProtocolError(ErrorCode.NOT_FOUND, f"no department {frame.id} on this site")
    if (other := taken_by(existing, frame.name, frame.id)) is not None:
        raise ProtocolError(
            ErrorCode.CONFLICT,
            f"the site has a department named {other!r} already"
            " (names must differ by more than case)",
        )
    try:
        saved = await ctx.store.save_department(
            site.id, frame.id, frame.name, departments.encode_settings(frame.settings), now
        )
    except DuplicateName:
        raise ProtocolError(
            ErrorCode.CONFLICT, f"the site has a department named {frame.name!r} already"
        ) from None
    if saved is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, f"no department {frame.id} on this site")
    departments.forget(ctx, site.id)
    log.info(
        "event=department_saved site=%s department=%d added=%s by=%s",
        site.key,
        saved.id,
        str(frame.id is None).lower(),
        peer.agent.name,
    )
    await _send_team(peer)
    info = departments.department_info(saved, routing, site.key, now)
    ctx.broker.publish(ToAgents(), frames.DepartmentsChanged(departments=[info]))
    # Its visitors here hear at once whether they can chat (hours may have changed; other
    # relays' visitors hear it at their next look, within DEPARTMENTS_TTL_SECONDS).
    await availability.tell_department_visitors(ctx, (saved.id,))
    ctx.kick_routing(saved.id)


async def agent_routing_save(peer: AgentPeer, frame: frames.AgentRoutingSave) -> None:
    """Set an agent's role, departments, skills, level and chats at once; the admin gets
    the team, colleagues the agent's new presence."""
    _check_admin(peer)
    ctx, store = peer.ctx, peer.ctx.store
    agent = await store.agent_by_id(frame.agent)
    if agent is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, f"no agent {frame.agent}")
    for index, department in enumerate(frame.departments):
        if await store.department(department) is None:
            raise ProtocolError(
                ErrorCode.BAD_FRAME, f"departments[{index}]: no department {department}"
            )
    await store.set_agent_routing(
        agent.name,
        skills=list(dict.fromkeys(frame.skills)),
        level=frame.level,
        max_chats=frame.max_chats,
        role=frame.role,
    )
    await store.set_agent_departments(agent.name, list(dict.fromkeys(frame.departments)))
    changed = await store.agent_by_id(agent.id)
    assert changed is not None  # agents are disabled, never deleted
    log.info(
        "event=agent_routing_saved agent=%s role=%s departments=%s level=%d max_chats=%d by=%s",
        changed.name,
        changed.role,
        ",".join(map(str, changed.departments)) or "none",
        changed.level,
        changed.max_chats,
        peer.agent.name,
    )
    await _send_team(peer)
    follow(ctx, changed)


def _routing_of(agent: Agent) -> tuple[object, ...]:
    """What an admin's change may alter that the relay and the agent's app act on."""
    # (Sets: the order two queries list them in is no change.)
    departments, skills = frozenset(agent.departments), frozenset(agent.skills)
    return (agent.display_name, agent.role, departments, skills, agent.level, agent.max_chats)


async def follow_changes(ctx: RelayContext) -> int:
    """Follow the changes made to agents connected here by someone this relay did not
    hear: the CLI (another process) or an admin on another relay of a cluster. Run with
    the session sweep (every `revocation_check_seconds`), so such a change reaches the
    agent's apps within seconds, as a revocation does. Returns how many were followed."""
    held = {link.agent.id: link.agent for link in ctx.presence.agent_links()}
    if not held:
        return 0
    followed = 0
    for stored in await ctx.store.list_agents():
        before = held.get(stored.id)
        if before is None or stored.disabled:  # a disabled agent's sessions are ended
            continue
        if _routing_of(stored) != _routing_of(before):
            follow(ctx, stored)
            followed += 1
    return followed


def follow(ctx: RelayContext, changed: Agent) -> None:
    """The agent's connections here hold their new record from now on; colleagues get
    their presence (role, departments, level), and they get the visitors and open
    conversations they may see now and did not before, `left` for the visitors they may
    no longer see, and the open conversations they may no longer see once more (for
    their app to drop). (Connections to other relays of a cluster follow at their relay's
    next `follow_changes`.)"""
    before = ctx.presence.online_agent(changed.id)
    if before is None or not ctx.presence.replace_agent(changed):
        return
    status = ctx.presence.status_of(changed.id)
    # Every agent, the agent's own apps too: AgentPresence carries the role, departments
    # and level, which is what the app shows and decides by (docs/protocol.md §6.8).
    ctx.broker.publish(ToAgents(), frames.AgentPresence(agent=presence_of(changed, status)))
    # Their capacity or departments changed: the assigner plans both sides again.
    ctx.kick_routing(*{*before.departments, *changed.departments})
    seen = {info.id for info in team_view.visible_visitors(ctx, before)}
    visible = team_view.visible_visitors(ctx, changed)
    arrived = [info for info in visible if info.id not in seen]
    gone = sorted(seen - {info.id for info in visible})
    if arrived or gone:
        ctx.broker.publish(ToAgent(changed.id), frames.VisitorsChanged(updated=arrived, left=gone))
    had = {info.id: info for info in team_view.visible_conversations(ctx, before)}
    now_visible = team_view.visible_conversations(ctx, changed)
    for info in now_visible:
        if info.id not in had:
            ctx.broker.publish(ToAgent(changed.id), frames.ConversationUpdated(conversation=info))
    # Those they may no longer see get their state once more, after the presence above
    # that carries the new departments: the app drops them by the rule of
    # docs/protocol.md §6.8 (no frame comes for them after this one).
    for unseen in sorted(had.keys() - {info.id for info in now_visible}):
        update = frames.ConversationUpdated(conversation=had[unseen])
        ctx.broker.publish(ToAgent(changed.id), update)
