"""Conversations opening, being taken by an agent, and closing; who may see which."""

from __future__ import annotations

from relay.context import RelayContext
from relay.core.conversations import Taker, check_closing, opens_offline, taking
from relay.features import availability, join_ask_endings, owners, placement
from relay.features.peers import AgentPeer, VisitorPeer
from relay.live.audiences import ToVisitor, former_parties, parties
from relay.store.records import Agent, Conversation, ParticipantRole
from relay.wire import agent_card, conversation_info, page_record
from shared_protocol import frames
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import AgentStatus, AuthorKind, ConversationStatus
from shared_protocol.lifecycle import Actor, ActorKind, IllegalTransition
from shared_protocol.lifecycle import conversation as lifecycle

# Judgements of one take: a change by someone else in between means judging again.
TAKE_ATTEMPTS = 3


async def open_for(
    peer: VisitorPeer, *, offline: bool | None = None, owner: Agent | None = None
) -> Conversation:
    """The visitor's first message opens a conversation (or finds the one another tab
    opened meanwhile); agents and the visitor's tabs hear of a new one. `offline`: opened
    as a message left for later (an exit survey's answer); None: when nobody is Online.
    `owner`: a new one is that agent's before anyone hears of it (an agent's accepted
    invitation), so no colleague can take it in between."""
    ctx, now = peer.ctx, peer.ctx.clock()
    shown = ctx.presence.visitor_info(peer.visitor.id)
    page = shown.page if shown else None
    conversation = await ctx.store.open_conversation(
        peer.site.id,
        peer.visitor.id,
        now,
        offline=(
            opens_offline(await availability.can_chat(ctx, shown.department if shown else None))
            if offline is None
            else offline
        ),
        page=None if page is None else page_record(page),
        department_id=shown.department if shown else None,
    )
    if ctx.conversations.get(conversation.id) is not None:
        return conversation  # another tab here opened it
    if conversation.created_at != now:  # another tab opened it through another relay
        ctx.conversations.refresh(conversation, None)  # its news is on the way
    else:
        if owner is not None:
            conversation = await take_for(ctx, owner, conversation, announce=False)
        ctx.conversations.track(conversation)
        opened = frames.ConversationOpened(conversation=ctx.conversations.info(conversation))
        ctx.broker.publish(parties(conversation, visitor_too=False), opened)
        ctx.broker.publish(
            ToVisitor(peer.visitor.id),
            frames.ConversationOpened(
                conversation=conversation_info(conversation, for_visitor=True)
            ),
        )
        if owner is not None and conversation.agent_id == owner.id:
            joined = frames.AgentJoined(conversation=conversation.id, agent=agent_card(owner))
            ctx.broker.publish(ToVisitor(peer.visitor.id), joined)
        ctx.kick_routing(conversation.department_id)
    ctx.visitor_changes.update(peer.visitor.id, conversation=conversation.id)
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
    stored = await ctx.store.get_conversation(conversation_id)
    if stored is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
    if stored.status is ConversationStatus.CLOSED:
        raise ProtocolError(ErrorCode.CONVERSATION_CLOSED, "this conversation is closed")
    # Opened a moment ago through another relay, whose news has not come yet.
    ctx.conversations.refresh(stored, None)
    return stored


async def accept(peer: AgentPeer, frame: frames.Accept) -> None:
    await take(peer, await unclosed(peer.ctx, frame.conversation))


async def take(peer: AgentPeer, conversation: Conversation) -> Conversation:
    """Give the conversation to the agent when relay.core.conversations allows it (its
    rules 1 and 2; FORBIDDEN otherwise); agents see the new owner, the visitor hears who
    joined. Stored with compare-and-set: of two agents taking it at once, one wins and
    the other is refused as it would be now."""
    return await take_for(peer.ctx, peer.agent, conversation)


async def take_for(
    ctx: RelayContext, agent: Agent, conversation: Conversation, *, announce: bool = True
) -> Conversation:
    """`take` on behalf of `agent`; `announce=False`: stored only, for a conversation
    nobody has heard of yet (`open_for` tells of it, owner and all)."""
    taker = Taker(agent=agent.id, role=agent.role)
    for _ in range(TAKE_ATTEMPTS):
        state = conversation.state()
        holder, holder_online = await _holder(ctx, state.owner)
        move = taking(
            state,
            taker,
            holder=holder,
            holder_online=holder_online,
            transfer_is_theirs=_transfer_is_for(agent, conversation),
        )
        if move is None:
            return conversation  # theirs already
        try:
            taken, events = lifecycle.apply(state, move, ctx.clock())
        except IllegalTransition as refused:
            raise ProtocolError(ErrorCode.CONFLICT, refused.reason) from None
        stored = await ctx.store.transition_conversation(conversation.id, state, taken, events)
        fresh = await ctx.store.get_conversation(conversation.id)
        if fresh is None:
            raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
        if stored:
            if announce:
                _taken(ctx, agent, before=conversation, after=fresh)
            if ctx.routing is not None:
                ctx.routing.accepted(agent.id)
            if fresh.department_id != conversation.department_id:  # taken through a transfer
                await placement.move(ctx, fresh.visitor_id, fresh.department_id)  # row too
            ctx.kick_routing(conversation.department_id, fresh.department_id)
            return fresh
        conversation = fresh  # someone else changed it first: judge again
    raise ProtocolError(ErrorCode.CONFLICT, "the chat kept changing; try again")


def _transfer_is_for(agent: Agent, conversation: Conversation) -> bool:
    """Whether a pending transfer is to this agent, or to a department of theirs at a
    level they have (an escalation asks for a higher one)."""
    match conversation.state().transfer_to:
        case lifecycle.ToAgent(agent=target):
            return target == agent.id
        case lifecycle.ToDepartment(department=department):
            member = department in agent.departments or agent.role == "admin"
            return member and agent.level >= conversation.min_level
    return False


async def _holder(ctx: RelayContext, owner: int | None) -> tuple[str, bool]:
    """The owner's name (for a refusal) and whether they are connected."""
    if owner is None:
        return "", False
    held_by = await ctx.agent(owner)
    # Set to Offline counts as gone, connected or not; Away keeps their chats.
    there = ctx.presence.status_of(owner) is not AgentStatus.OFFLINE
    return (held_by.display_name if held_by else "another agent"), there


def updated(ctx: RelayContext, conversation: Conversation) -> None:
    """The conversation as now stored: kept live, and every agent told. Agents who could
    see it as it was and may not now (a transfer taken into another department moves it
    out of the old one's view; a declined or expired transfer out of the target
    department's; a helper of another department who left) get this last state too: their
    app drops it by the rule of docs/protocol.md §6.8, instead of showing it as it was
    (transferring) for ever."""
    before = ctx.conversations.get(conversation.id)  # as agents were last told, here
    ctx.conversations.track(conversation)
    info = ctx.conversations.info(conversation)
    update = frames.ConversationUpdated(conversation=info)
    ctx.broker.publish(
        parties(conversation, visitor_too=False), update
    )  # its department, its people
    gone_from = None if before is None else former_parties(before, conversation)
    if gone_from is not None:
        ctx.broker.publish(gone_from, update)


def _taken(ctx: RelayContext, agent: Agent, *, before: Conversation, after: Conversation) -> None:
    updated(ctx, after)
    if before.agent_id != after.agent_id:
        joined = frames.AgentJoined(conversation=after.id, agent=agent_card(agent))
        ctx.broker.publish(ToVisitor(after.visitor_id), joined)


def helpers(conversation: Conversation) -> list[int]:
    """The agents who joined it to help and are still in it."""
    return [
        p.agent_id
        for p in conversation.participants
        if p.left_at is None and p.role is not ParticipantRole.OWNER
    ]


async def join(peer: AgentPeer, frame: frames.Join) -> None:
    """Join a conversation another agent owns, to help (the owner needs nobody's leave;
    taking it over is `accept`)."""
    ctx = peer.ctx
    conversation = await unclosed(ctx, frame.conversation)
    if conversation.agent_id in (None, peer.agent.id):
        raise ProtocolError(ErrorCode.CONFLICT, "nobody else answers this chat: accept it")
    role = ParticipantRole.HELPER
    if await ctx.store.add_participant(conversation.id, peer.agent.id, role, ctx.clock()):
        await _participants_changed(ctx, conversation.id)


async def leave(peer: AgentPeer, frame: frames.Leave) -> None:
    """Leave a conversation joined to help; its owner closes or hands it over instead."""
    ctx = peer.ctx
    conversation = await unclosed(ctx, frame.conversation)
    if conversation.agent_id == peer.agent.id:
        raise ProtocolError(ErrorCode.CONFLICT, "you answer this chat: close it instead")
    if await ctx.store.leave_conversation(conversation.id, peer.agent.id, ctx.clock()):
        await _participants_changed(ctx, conversation.id)


async def _participants_changed(ctx: RelayContext, conversation_id: int) -> None:
    fresh = await ctx.store.get_conversation(conversation_id)
    if fresh is not None:
        updated(ctx, fresh)


async def visitor_close(peer: VisitorPeer, frame: frames.Close) -> None:
    if await owned(peer, frame.conversation) is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
    await close(peer.ctx, frame.conversation, Actor.visitor(peer.visitor.id))


async def agent_close(peer: AgentPeer, frame: frames.Close) -> None:
    conversation = await unclosed(peer.ctx, frame.conversation)
    holder, holder_online = await _holder(peer.ctx, conversation.agent_id)
    closer = Taker(agent=peer.agent.id, role=peer.agent.role)
    check_closing(conversation.state(), closer, holder=holder, holder_online=holder_online)
    await close(peer.ctx, frame.conversation, Actor.agent(peer.agent.id))


async def close(ctx: RelayContext, conversation_id: int, by: Actor) -> None:
    now = ctx.clock()
    conversation = await ctx.store.close_conversation(conversation_id, now, by=by)
    if conversation is None:
        raise ProtocolError(ErrorCode.CONVERSATION_CLOSED, "this conversation is closed")
    ctx.conversations.track(conversation)
    closer = AuthorKind.VISITOR if by.kind is ActorKind.VISITOR else AuthorKind.AGENT
    closed = frames.ConversationClosed(conversation=conversation_id, by=closer, ts=now)
    ctx.broker.publish(parties(conversation), closed)
    show_closed(ctx, conversation)
    ctx.kick_routing(conversation.department_id)  # a place in line, or room, came free
    await join_ask_endings.chat_closed(ctx, conversation)


def show_closed(ctx: RelayContext, conversation: Conversation) -> None:
    """A closed conversation is no longer shown on its visitor's row (by the relay the
    visitor is connected to: another relay's close reaches it through the cluster)."""
    info = ctx.presence.visitor_info(conversation.visitor_id)
    if info is not None and info.conversation == conversation.id:
        ctx.visitor_changes.update(conversation.visitor_id, conversation=None)
    owners.conversation_closed(ctx, conversation)  # who served them may be their own now
