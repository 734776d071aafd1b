"""Agents on duty: joining after login, their status as others see it, leaving, logging out."""

from __future__ import annotations

import logging

from relay.context import RelayContext
from relay.core import credentials
from relay.features import availability, chat, handover_notes, invitations, reclaim, team_view
from relay.features.departments import department_infos
from relay.features.peers import AgentPeer
from relay.live.audiences import ToAgents
from relay.live.connections import Connection
from relay.live.presence import AgentLink, presence_of
from relay.store.epoch import resume_after
from relay.store.records import Agent
from relay.wire import chat_message, phrase
from shared_protocol import frames, limits

log = logging.getLogger("parley.endpoints")


def join(
    ctx: RelayContext,
    connection: Connection,
    address: str,
    agent: Agent,
    token: str,
    status: frames.AgentStatus,
) -> tuple[AgentPeer, bool]:
    """The agent is online on this connection from here (the session's end must call
    `leave`). Returns the peer and whether any agent was Online before."""
    link = AgentLink(connection, agent, credentials.hash_token(token))
    were_online = ctx.presence.agents_online()
    ctx.presence.add_agent(link, status)
    return AgentPeer(ctx, connection, address, link=link), were_online


async def welcome(
    peer: AgentPeer, login: frames.Login, token: str, expires: float, were_online: bool
) -> None:
    """The login's answer with everything the app shows, then what it missed."""
    ctx, agent, now = peer.ctx, peer.agent, peer.ctx.clock()
    sites = await ctx.store.list_sites()
    if behind := ctx.conversations.behind():  # messages another relay stored meanwhile
        newest = await ctx.store.last_messages(behind, include_internal=True)
        for message in newest.values():
            ctx.conversations.note_message(chat_message(message))
    departments = await department_infos(ctx, sites)  # with settings and open_now
    await handover_notes.recall_all(ctx)  # transfers another relay took: their notes
    peer.send(
        frames.LoginOk(
            v=limits.PROTOCOL_VERSION,
            agent=frames.AgentInfo(
                id=agent.id,
                name=agent.name,
                display_name=agent.display_name,
                role=agent.role,
                departments=list(agent.departments),
                skills=list(agent.skills),
                level=agent.level,
                max_chats=agent.max_chats,
            ),
            token=token,
            token_expires=expires,
            visitors=team_view.visible_visitors(ctx, agent),
            conversations=team_view.visible_conversations(ctx, agent),
            agents=ctx.presence.agent_presences(),
            server_time=now,
            phrases=[phrase(p) for p in await ctx.store.phrases_for(agent.id)],
            site_names={site.key: site.settings.name or site.name for site in sites},
            files_url=ctx.files_url(peer.connection),
            max_file_bytes=ctx.config.max_file_bytes,
            epoch=ctx.store.epoch,
            departments=departments,
        )
    )
    log.info("event=agent_login agent=%s", agent.name)
    announce_presence(peer, were_online)
    for point in login.resume:
        conversation = ctx.conversations.get(point.conversation)  # open ones: no read
        if conversation is None:
            conversation = await ctx.store.get_conversation(point.conversation)
        if conversation is None or not team_view.may_touch(agent, conversation):
            continue  # another department's (handed on, say): not theirs to read, as `resume`
        after = resume_after(point.after_seq, login.epoch, ctx.store.epoch)
        await chat.send_history(peer, point.conversation, after)


def announce_presence(peer: AgentPeer, were_online: bool) -> None:
    """Tell the other agents this agent's status, and visitors when whether anyone is
    Online changed."""
    ctx = peer.ctx
    status = ctx.presence.status_of(peer.agent.id)
    presence = frames.AgentPresence(agent=presence_of(peer.agent, status))
    ctx.broker.publish(ToAgents(), presence, skip=peer.connection)
    if ctx.presence.agents_online() != were_online:
        tell_visitors_agents_online(ctx, were_online)
    ctx.kick_routing(*peer.agent.departments)  # someone to offer chats to, or not
    availability.agents_changed(ctx, peer.agent.departments)


def tell_visitors_agents_online(ctx: RelayContext, were_online: bool) -> None:
    """Whether any agent is Online changed: visitors connected here are told. Each relay
    of a cluster tells its own, when the change reaches it (relay/cluster/broker.py)."""
    availability.tell_visitors_of_no_department(ctx, not were_online)
    if not were_online:
        invitations.agents_came_online(ctx)


async def leave(peer: AgentPeer) -> None:
    were_online = peer.ctx.presence.agents_online()
    if peer.ctx.presence.remove_agent(peer.link):
        announce_presence(peer, were_online)


async def set_status(peer: AgentPeer, frame: frames.SetStatus) -> None:
    were_online = peer.ctx.presence.agents_online()
    peer.ctx.presence.set_status(peer.agent.id, frame.status)
    announce_presence(peer, were_online)


def set_status_of(ctx: RelayContext, agent_id: int, status: frames.AgentStatus) -> None:
    """The relay changes an agent's status (routing sets Away after missed offers): every
    agent is told, the agent's own apps too, which show it."""
    agent = ctx.presence.online_agent(agent_id)
    if agent is None:
        return  # connected through another relay: that relay's agents keep their status
    were_online = ctx.presence.agents_online()
    ctx.presence.set_status(agent_id, status)
    ctx.broker.publish(ToAgents(), frames.AgentPresence(agent=presence_of(agent, status)))
    if ctx.presence.agents_online() != were_online:
        tell_visitors_agents_online(ctx, were_online)
    ctx.kick_routing(*agent.departments)
    availability.agents_changed(ctx, agent.departments)


async def log_out(peer: AgentPeer, frame: frames.Logout) -> None:
    await peer.ctx.store.revoke_session(peer.link.token_hash)
    log.info("event=agent_logout agent=%s", peer.agent.name)
    # They said they are gone: their chats in departments go back to routing now, not
    # after the grace a lost connection gets.
    await reclaim.logged_out(peer.ctx, peer.link)
    await peer.connection.close_at_once(1000, "logged out")


async def sweep_revoked_sessions(ctx: RelayContext) -> int:
    """End the agent connections whose session was revoked, expired or whose agent was
    disabled (the CLI changes the store from another process). Returns how many."""
    token_hashes = {link.token_hash for link in ctx.presence.agent_links()}
    if not token_hashes:
        return 0
    live = await ctx.store.live_sessions(token_hashes, ctx.clock())
    return await ctx.broker.revoke(token_hashes - live)
