"""Conversations opening, being taken by an agent, and closing; who may see which."""

from __future__ import annotations

import msgspec

from relay.context import RelayContext
from relay.features.peers import AgentPeer, VisitorPeer
from relay.live.audiences import ToAgents, ToParties, ToVisitor
from relay.store.records import Conversation
from relay.wire import agent_card, conversation_info
from shared_protocol import frames
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import AuthorKind


async def open_for(peer: VisitorPeer) -> Conversation:
    """The visitor's first message opens a conversation (or finds the one another tab
    opened meanwhile); agents and the visitor's tabs hear of a new one."""
    ctx = peer.ctx
    shown = ctx.presence.visitor_info(peer.visitor.id)
    conversation = await ctx.store.open_conversation(
        peer.site.id,
        peer.visitor.id,
        ctx.clock(),
        offline=not ctx.presence.agents_online(),
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


async def accept(peer: AgentPeer, frame: frames.Accept) -> None:
    await unclosed(peer.ctx, frame.conversation)
    await assign(peer, frame.conversation)


async def assign(peer: AgentPeer, conversation_id: int) -> Conversation:
    """Make the agent the conversation's owner; the visitor hears who joined."""
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
