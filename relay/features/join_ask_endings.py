"""How an ask to join a chat ends (relay.features.join_asks): answered, declined, or
expired when its time is up or the chat closed first. Each ending is one event-log entry
written by compare-and-set, told to the asker and the colleague wherever they are."""

from __future__ import annotations

import logging

from relay.context import RelayContext
from relay.core.routing import join_asks as rules
from relay.features.answer_time import offer_seconds
from relay.live.audiences import ToAgent
from relay.store.records import Conversation
from shared_protocol import frames
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import JoinAskOutcome
from shared_protocol.lifecycle import SYSTEM, Actor

log = logging.getLogger("parley.join_asks")

# Compare-and-set attempts of one answer: another colleague's entry in between means
# reading the log again.
ATTEMPTS = 3
_KIND_OF = {
    JoinAskOutcome.JOINED: rules.JOINED,
    JoinAskOutcome.DECLINED: rules.DECLINED,
    JoinAskOutcome.EXPIRED: rules.EXPIRED,
}


def in_chat(conversation: Conversation, agent: int) -> bool:
    return conversation.agent_id == agent or any(
        p.agent_id == agent for p in conversation.present()
    )


async def chat_closed(ctx: RelayContext, conversation: Conversation) -> None:
    """The chat closed: asks still waiting end now, as expired, rather than at their time
    (the colleague's banner goes at once)."""
    seconds = await offer_seconds(ctx, conversation.department_id)
    entries = await ctx.store.conversation_events(conversation.id)
    for agent in rules.waiting_for(entries, seconds, ctx.clock()):
        await end(ctx, conversation.id, agent, seconds, JoinAskOutcome.EXPIRED)


async def end(
    ctx: RelayContext, conversation_id: int, agent: int, seconds: int, outcome: JoinAskOutcome
) -> bool:
    """Log how the ask to `agent` ended and tell the asker and the colleague; False when no
    ask to them is waiting (answered, ended, or never made). An ask whose time is up is
    expired, unless the colleague is in the chat by then (joined some other way)."""
    for _ in range(ATTEMPTS):
        entries = await ctx.store.conversation_events(conversation_id)
        now = ctx.clock()
        if outcome is JoinAskOutcome.EXPIRED:
            waiting = rules.unanswered(entries, agent, seconds)
            if waiting is None:
                return False
            stored = await ctx.store.get_conversation(conversation_id)
            if stored is not None and in_chat(stored, agent):
                outcome = JoinAskOutcome.JOINED
        else:
            waiting = rules.open_ask(entries, agent, seconds, now)
            if waiting is None:
                return False
        asker = next(entry.actor.id for entry in entries if entry.id == waiting.entry)
        by = Actor.agent(agent) if outcome is not JoinAskOutcome.EXPIRED else SYSTEM
        logged = await ctx.store.log_event(
            conversation_id,
            _KIND_OF[outcome],
            now,
            by,
            agent=agent,
            newest_of=rules.KINDS,
            newest_id=rules.newest_id(entries),
        )
        if logged:
            log.info(
                "event=join_ask_%s conversation=%d agent=%d", outcome.value, conversation_id, agent
            )
            if asker is not None:
                tell(ctx, conversation_id, agent, asker, outcome, now)
            return True
    raise ProtocolError(ErrorCode.CONFLICT, "the chat kept changing; try again")


def tell(
    ctx: RelayContext,
    conversation_id: int,
    agent: int,
    asker: int,
    outcome: JoinAskOutcome,
    now: float,
) -> None:
    ended = frames.JoinAskEnded(
        conversation=conversation_id, agent=agent, by=asker, outcome=outcome, ts=now
    )
    ctx.broker.publish(ToAgent(asker), ended)
    ctx.broker.publish(ToAgent(agent), ended)  # the banner goes from every app of theirs
