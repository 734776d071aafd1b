"""Handing chats on (docs/routing.md, "Escalate, transfer, join, barge in, whisper"):
declining an offer or a transfer, transferring to an agent or a department with a note,
escalating to the seniors of the department, and supervisors barging in.

A transfer is a lifecycle move by compare-and-set: the owner keeps the chat until the
target takes it with `accept` (relay.features.conversations), declines it, or the deadline
passes (this relay's timer; the chat then stays with its owner). A department's transfer
is seen by that department's agents, and the first of them to accept takes it.
"""

from __future__ import annotations

import contextlib

from relay.context import RelayContext
from relay.core.routing.permissions import may_supervise
from relay.features import conversations
from relay.features.answer_time import offer_seconds
from relay.features.peers import AgentPeer
from relay.features.posting import post_for
from relay.store.records import Conversation, NewMessage, ParticipantRole, Visibility
from shared_protocol import frames
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import AuthorKind
from shared_protocol.lifecycle import Actor, IllegalTransition
from shared_protocol.lifecycle import conversation as lifecycle

# How long a transfer waits for its target when no department says otherwise.


async def decline(peer: AgentPeer, frame: frames.Decline) -> None:
    """Decline the chat offered to this agent, or the transfer of it to them."""
    conversation = await conversations.unclosed(peer.ctx, frame.conversation)
    state, me = conversation.state(), peer.agent.id
    move: lifecycle.ConversationInput
    if state.status is lifecycle.ConversationStatus.OFFERED and state.offered_to == me:
        move = lifecycle.Decline(agent=me)
    elif state.transfer_to == lifecycle.ToAgent(me):
        move = lifecycle.TransferDeclined(agent=me)
    else:
        raise ProtocolError(ErrorCode.CONFLICT, "nothing in this chat is offered to you now")
    await _move(peer.ctx, conversation, move)


async def transfer(peer: AgentPeer, frame: frames.TransferRequest) -> None:
    ctx = peer.ctx
    if (frame.agent is None) == (frame.department is None):
        raise ProtocolError(ErrorCode.BAD_FRAME, "name either an agent or a department")
    conversation = await conversations.unclosed(ctx, frame.conversation)
    _check_hands_on(peer, conversation)
    target: lifecycle.TransferTarget
    if frame.agent is not None:
        agent = await ctx.agent(frame.agent)
        if agent is None or agent.disabled:
            raise ProtocolError(ErrorCode.NOT_FOUND, "no such agent")
        target, name = lifecycle.ToAgent(agent.id), agent.display_name
        seconds = await offer_seconds(ctx, conversation.department_id)
    else:
        assert frame.department is not None
        department = await ctx.store.department(frame.department)
        if department is None or department.site_id != conversation.site_id:
            raise ProtocolError(ErrorCode.NOT_FOUND, "no such department on this site")
        target = lifecycle.ToDepartment(department.id)
        name, seconds = department.name, await offer_seconds(ctx, department.id)
    move = lifecycle.Transfer(
        to=target, by=Actor.agent(peer.agent.id), deadline=ctx.clock() + seconds, note=frame.note
    )
    await _hand_over(peer, conversation, move, f"Transfer to {name}", min_level=None)


async def escalate(peer: AgentPeer, frame: frames.Escalate) -> None:
    """To the agents of the same department above this owner's level."""
    ctx = peer.ctx
    conversation = await conversations.unclosed(ctx, frame.conversation)
    _check_hands_on(peer, conversation)
    department_id = conversation.department_id
    if department_id is None:
        raise ProtocolError(ErrorCode.CONFLICT, "this chat has no department to escalate in")
    owner = await ctx.agent(conversation.agent_id) if conversation.agent_id else None
    level = (owner.level if owner else 1) + 1
    seniors = [
        agent
        for agent_id in await ctx.store.department_members(department_id)
        if (agent := await ctx.agent(agent_id)) is not None and agent.level >= level
    ]
    if not seniors:
        raise ProtocolError(ErrorCode.CONFLICT, "nobody in this department is above that level")
    seconds = await offer_seconds(ctx, department_id)
    move = lifecycle.Transfer(
        to=lifecycle.ToDepartment(department_id),
        by=Actor.agent(peer.agent.id),
        deadline=ctx.clock() + seconds,
        note=frame.note,
    )
    await _hand_over(peer, conversation, move, "Escalated", min_level=level)


async def barge(peer: AgentPeer, frame: frames.Barge) -> None:
    """A supervisor (or admin) joins the chat as supervisor, or takes it over."""
    ctx = peer.ctx
    conversation = await conversations.unclosed(ctx, frame.conversation)
    agent = peer.agent
    if not may_supervise(agent.role, agent.departments, conversation.department_id):
        raise ProtocolError(ErrorCode.FORBIDDEN, "only its department's supervisors barge in")
    if frame.take_over:
        await conversations.take(peer, conversation)
        return
    role = ParticipantRole.SUPERVISOR
    if await ctx.store.add_participant(conversation.id, agent.id, role, ctx.clock()):
        fresh = await ctx.store.get_conversation(conversation.id)
        if fresh is not None:
            conversations.updated(ctx, fresh)


def _check_hands_on(peer: AgentPeer, conversation: Conversation) -> None:
    """Who answers the chat hands it on, or a supervisor of its department."""
    agent = peer.agent
    if conversation.agent_id == agent.id:
        return
    if not may_supervise(agent.role, agent.departments, conversation.department_id):
        raise ProtocolError(ErrorCode.FORBIDDEN, "only whoever answers this chat hands it on")


async def _hand_over(
    peer: AgentPeer,
    conversation: Conversation,
    move: lifecycle.Transfer,
    headline: str,
    *,
    min_level: int | None,
) -> None:
    ctx = peer.ctx
    ctx.conversations.note_transfer(conversation.id, move.note)  # shown with the transfer
    await _move(ctx, conversation, move, min_level=min_level)  # the target hears of it too
    # The note goes with the transcript: every agent who opens the chat reads why.
    text = f"{headline}: {move.note}" if move.note else headline
    note = NewMessage(
        conversation_id=conversation.id,
        client_id=f"transfer-{conversation.id}-{int(move.deadline * 1000)}",
        author=AuthorKind.AGENT,
        author_id=peer.agent.id,
        author_name=peer.agent.display_name,
        text=text,
        created_at=ctx.clock(),
        visibility=Visibility.INTERNAL,
    )
    await post_for(ctx, note, conversation.visitor_id)

    async def expire() -> None:
        current = await ctx.store.get_conversation(conversation.id)
        if current is not None and current.state().transfer_deadline == move.deadline:
            with contextlib.suppress(ProtocolError):  # taken meanwhile: nothing to expire
                await _move(ctx, current, lifecycle.TransferExpired())

    ctx.timers.at(move.deadline, f"transfer-{conversation.id}", expire)


async def _move(
    ctx: RelayContext,
    conversation: Conversation,
    move: lifecycle.ConversationInput,
    *,
    min_level: int | None = None,
) -> Conversation:
    state = conversation.state()
    try:
        new, events = lifecycle.apply(state, move, ctx.clock())
    except IllegalTransition as refused:
        raise ProtocolError(ErrorCode.CONFLICT, refused.reason) from None
    stored = await ctx.store.transition_conversation(
        conversation.id, state, new, events, min_level=min_level
    )
    if not stored:
        raise ProtocolError(ErrorCode.CONFLICT, "the chat changed meanwhile; try again")
    fresh = await ctx.store.get_conversation(conversation.id)
    if fresh is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
    conversations.updated(ctx, fresh)
    ctx.kick_routing(conversation.department_id)
    return fresh
