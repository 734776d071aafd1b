"""Asking a colleague to join a chat (docs/routing.md, "Escalate, transfer, join, barge in,
whisper"; docs/protocol.md §6.8): `join_ask` from an agent in the chat, `join_asked` to the
colleague wherever they are connected, their `join` or `join_ask_decline`, and
`join_ask_ended` to both once it is answered or its time is up.

The event log is the record of an ask (relay.core.routing.join_asks): each step is an
entry written with compare-and-set, so a relay that never saw the ask (the colleague's, in
a cluster) can answer it, and two relays answering at once never both count. The relay
that took the ask ends it when its time is up; should that relay be gone, the ask is over
by its time all the same (the app hides it then too), only its `expired` entry is missing.
"""

from __future__ import annotations

import logging

from relay.core.routing import join_asks as rules
from relay.features import conversations
from relay.features import join_ask_endings as endings
from relay.features.answer_time import offer_seconds
from relay.features.peers import AgentPeer
from relay.live.audiences import ToAgent
from shared_protocol import frames
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import JoinAskOutcome
from shared_protocol.lifecycle import Actor

log = logging.getLogger("parley.join_asks")


async def ask(peer: AgentPeer, frame: frames.JoinAsk) -> None:
    """Ask one colleague to join: refused as relay.core.routing.join_asks says, else
    logged and sent to them; the time it waits is the department's `offer_seconds`."""
    ctx, me = peer.ctx, peer.agent
    conversation = await conversations.unclosed(ctx, frame.conversation)
    colleague = await ctx.agent(frame.agent)
    if colleague is None or colleague.disabled:
        raise ProtocolError(ErrorCode.NOT_FOUND, "no such agent")
    seconds = await offer_seconds(ctx, conversation.department_id)
    for _ in range(endings.ATTEMPTS):
        entries = await ctx.store.conversation_events(conversation.id)
        now = ctx.clock()
        rules.check_ask(
            rules.Asker(me.id, me.role, me.departments, endings.in_chat(conversation, me.id)),
            rules.Colleague(
                colleague.id,
                colleague.display_name,
                colleague.role,
                colleague.departments,
                ctx.presence.status_of(colleague.id),
                endings.in_chat(conversation, colleague.id),
            ),
            conversation.department_id,
            asked_already=rules.open_ask(entries, colleague.id, seconds, now) is not None,
        )
        logged = await ctx.store.log_event(
            conversation.id,
            rules.ASKED,
            now,
            Actor.agent(me.id),
            agent=colleague.id,
            note=frame.note,
            newest_of=rules.KINDS,
            newest_id=rules.newest_id(entries),
        )
        if logged:
            break
        conversation = await conversations.unclosed(ctx, frame.conversation)
    else:
        raise ProtocolError(ErrorCode.CONFLICT, "the chat kept changing; try again")
    expires_at = now + seconds
    log.info(
        "event=join_asked conversation=%d by=%d agent=%d seconds=%d",
        conversation.id,
        me.id,
        colleague.id,
        seconds,
    )
    asked = frames.JoinAsked(
        conversation=conversation.id,
        visitor=conversation.visitor_id,
        agent=colleague.id,
        by=me.id,
        by_name=me.display_name,
        note=frame.note,
        expires_at=expires_at,
    )
    ctx.broker.publish(ToAgent(colleague.id), asked)
    ctx.broker.publish(ToAgent(me.id), asked)  # made: the asker's apps show it waiting

    async def expire() -> None:
        await endings.end(ctx, conversation.id, colleague.id, seconds, JoinAskOutcome.EXPIRED)

    ctx.timers.at(expires_at, f"join-ask-{conversation.id}-{colleague.id}", expire)


async def decline(peer: AgentPeer, frame: frames.JoinAskDecline) -> None:
    """The colleague asked says no; CONFLICT when no ask to them is waiting."""
    ctx = peer.ctx
    conversation = await conversations.unclosed(ctx, frame.conversation)
    seconds = await offer_seconds(ctx, conversation.department_id)
    ended = await endings.end(ctx, conversation.id, peer.agent.id, seconds, JoinAskOutcome.DECLINED)
    if not ended:
        raise ProtocolError(ErrorCode.CONFLICT, "nobody is asking you to join this chat now")


async def join(peer: AgentPeer, frame: frames.Join) -> None:
    """`join` as before (relay.features.conversations); when it answers an ask to this
    agent, the ask ends as joined."""
    await conversations.join(peer, frame)
    conversation = await conversations.unclosed(peer.ctx, frame.conversation)
    seconds = await offer_seconds(peer.ctx, conversation.department_id)
    await endings.end(peer.ctx, conversation.id, peer.agent.id, seconds, JoinAskOutcome.JOINED)
