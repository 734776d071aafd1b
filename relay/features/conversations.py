"""Conversations opening, being taken by an agent, and closing; who may see which."""

from __future__ import annotations

import msgspec

from relay.context import RelayContext
from relay.core.conversations import Taker, opens_offline, taking
from relay.features.peers import AgentPeer, VisitorPeer
from relay.live.audiences import ToAgents, ToParties, ToVisitor
from relay.store.records import Conversation
from relay.wire import agent_card, conversation_info
from shared_protocol import frames
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import AuthorKind
from shared_protocol.lifecycle import IllegalTransition
from shared_protocol.lifecycle import conversation as lifecycle


async def open_for(peer: VisitorPeer) -> Conversation:
    """The visitor's first message opens a conversation (or finds the one another tab
    opened meanwhile); agents and the visitor's tabs hear of a new one."""
    ctx = peer.ctx
    shown = ctx.presence.visitor_info(peer.visitor.id)
    conversation = await ctx.store.open_conversation(
        peer.site.id,
        peer.visitor.id,
        ctx.clock(),
        offline=opens_offline(ctx.presence.agents_online()),
        page=shown.page if shown else None,
    )
    if ctx.conversations.get(conversation.id) is None:
        ctx.conversations.track(conversation)
        opened = frames.ConversationOpened(conversation=ctx.conversations.info(conversation))
        ctx.broker.publish(ToAgents(), opened)
        ctx.broker.publish(
            ToVisitor(peer.visitor.id),
            frames.ConversationOpened(conversation=conversation_info(conversation)),
        )
        _set_visitor_conversation(ctx, peer.visitor.id, conversation.id)
    return conversation


async def owned(peer: VisitorPeer, conversation_id: int) -> Conversation | None:
    """The conversation when it is this visitor's; others' look the same as missing ones."""
    conversation = await peer.ctx.store.get_conversation(conversation_id)
    if conversation is None or conversation.visitor_id != peer.visitor.id:
        return None
    return conversation


async def unclosed(ctx: RelayContext, conversation_id: int) -> Conversation:
    """The open conversation; NOT_FOUND or CONVERSATION_CLOSED otherwise."""
    conversation = ctx.conversations.get(conversation_id)
    if conversation is not None:
        return conversation
    if await ctx.store.get_conversation(conversation_id) is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
    raise ProtocolError(ErrorCode.CONVERSATION_CLOSED, "this conversation is closed")


def lifecycle_state(conversation: Conversation) -> lifecycle.ConversationState:
    """The record's lifecycle, as the core's rules read it."""
    return lifecycle.ConversationState(
        status=lifecycle.ConversationStatus(conversation.status.value),
        opened_at=conversation.created_at,
        owner=conversation.agent_id,
        closed_at=conversation.closed_at,
    )


async def accept(peer: AgentPeer, frame: frames.Accept) -> None:
    await take(peer, await unclosed(peer.ctx, frame.conversation))


async def take(peer: AgentPeer, conversation: Conversation) -> Conversation:
    """Give the conversation to the agent when relay.core.conversations allows it (its
    rules 1 and 2; FORBIDDEN otherwise); the visitor hears who joined."""
    ctx = peer.ctx
    state = lifecycle_state(conversation)
    holder, holder_online = "another agent", False
    if state.owner is not None:
        online = ctx.presence.online_agent(state.owner)
        holder_online = online is not None
        held_by = online or await ctx.store.agent_by_id(state.owner)
        holder = held_by.display_name if held_by else holder
    taker = Taker(agent=peer.agent.id, role=peer.agent.role)
    move = taking(state, taker, holder=holder, holder_online=holder_online)
    if move is None:
        return conversation  # theirs already
    try:
        lifecycle.apply(state, move, ctx.clock())
    except IllegalTransition as refused:
        raise ProtocolError(ErrorCode.CONFLICT, refused.reason) from None
    return await _assign(peer, conversation.id)


async def _assign(peer: AgentPeer, conversation_id: int) -> Conversation:
    ctx = peer.ctx
    before = ctx.conversations.get(conversation_id)
    conversation = await ctx.store.assign_conversation(conversation_id, peer.agent.id)
    if conversation is None:
        raise ProtocolError(ErrorCode.CONVERSATION_CLOSED, "this conversation is closed")
    ctx.conversations.track(conversation)
    updated = frames.ConversationUpdated(conversation=ctx.conversations.info(conversation))
    ctx.broker.publish(ToAgents(), updated)
    if before is None or before.agent_id != peer.agent.id:
        joined = frames.AgentJoined(conversation=conversation.id, agent=agent_card(peer.agent))
        ctx.broker.publish(ToVisitor(conversation.visitor_id), joined)
    return conversation


async def visitor_close(peer: VisitorPeer, frame: frames.Close) -> None:
    if await owned(peer, frame.conversation) is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
    await close(peer.ctx, frame.conversation, AuthorKind.VISITOR)


async def agent_close(peer: AgentPeer, frame: frames.Close) -> None:
    await unclosed(peer.ctx, frame.conversation)
    await close(peer.ctx, frame.conversation, AuthorKind.AGENT)


async def close(ctx: RelayContext, conversation_id: int, by: AuthorKind) -> None:
    now = ctx.clock()
    conversation = await ctx.store.close_conversation(conversation_id, now)
    if conversation is None:
        raise ProtocolError(ErrorCode.CONVERSATION_CLOSED, "this conversation is closed")
    ctx.conversations.track(conversation)
    closed = frames.ConversationClosed(conversation=conversation_id, by=by, ts=now)
    ctx.broker.publish(ToParties(conversation.visitor_id), closed)
    info = ctx.presence.visitor_info(conversation.visitor_id)
    if info is not None and info.conversation == conversation_id:
        _set_visitor_conversation(ctx, conversation.visitor_id, None)


def _set_visitor_conversation(ctx: RelayContext, visitor_id: int, conversation: int | None) -> None:
    """What agents are shown of the visitor now names this conversation (or none)."""
    info = ctx.presence.visitor_info(visitor_id)
    if info is None:
        return
    updated = msgspec.structs.replace(info, conversation=conversation)
    ctx.presence.update_visitor(updated)
    ctx.visitor_changes.changed(updated)
