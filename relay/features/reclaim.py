"""Chats whose agent went away go back to their department's routing (docs/routing.md, "A
conversation's way through"): at once when the agent logs out (their own act, carried out
by the relay they log out through), or when the lead relay finds them connected to no
relay for the department's `reclaim_after_seconds` (relay.features.routing decides that
with relay.core.routing.reclaim).

Each hand-back is one compare-and-set (`Reclaim`, logged `reclaimed`): a chat the agent
took back meanwhile, or that another relay handed back first, is left as it is. The chat
keeps its place in line (`entered_department_at`); agents see it waiting again, and the
assigner offers it and tells its visitor their place. Chats of no department, and messages
left with the offline form, are left with their agent as before teams.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from relay.context import RelayContext
from relay.features import conversations
from relay.live.presence import AgentLink
from relay.store.records import Conversation
from shared_protocol.lifecycle import IllegalTransition
from shared_protocol.lifecycle import conversation as lifecycle

log = logging.getLogger("parley.routing")

LOGGED_OUT = "logged_out"
DISCONNECTED = "disconnected"

_HELD = (lifecycle.ConversationStatus.ACTIVE, lifecycle.ConversationStatus.TRANSFERRING)


def held_chats(ctx: RelayContext, agent_id: int | None = None) -> Iterator[Conversation]:
    """Open routed chats somebody holds (of `agent_id` only, when given): those that go
    back to routing when their holder is gone."""
    for conversation_id in sorted(ctx.conversations.ids()):
        conversation = ctx.conversations.get(conversation_id)
        if (
            conversation is not None
            and conversation.agent_id is not None
            and agent_id in (None, conversation.agent_id)
            and conversation.department_id is not None
            and not conversation.offline
            and conversation.state().status in _HELD
        ):
            yield conversation


def connected_otherwise(ctx: RelayContext, agent_id: int, but: AgentLink) -> bool:
    """Whether the agent has a connection besides `but`, here or on another relay."""
    if any(link is not but for link in ctx.presence.agent_links([agent_id])):
        return True
    return any(
        agent_id in ctx.presence.elsewhere(relay).agents
        for relay in ctx.presence.relays_elsewhere()
    )


async def hand_back(ctx: RelayContext, conversation: Conversation, why: str) -> bool:
    """Return the chat to its department's routing; False when it changed meanwhile."""
    agent_id = conversation.agent_id
    if agent_id is None:
        return False
    state = conversation.state()
    try:
        new, events = lifecycle.apply(
            state, lifecycle.Reclaim(agent=agent_id, why=why), ctx.clock()
        )
    except IllegalTransition:
        return False
    if not await ctx.store.transition_conversation(conversation.id, state, new, events):
        return False
    log.info(
        "event=conversation_reclaimed conversation=%d agent=%d why=%s",
        conversation.id,
        agent_id,
        why,
    )
    fresh = await ctx.store.get_conversation(conversation.id)
    if fresh is not None:
        conversations.updated(ctx, fresh)  # its department's agents see it waiting again
    ctx.kick_routing(conversation.department_id)
    return True


async def logged_out(ctx: RelayContext, link: AgentLink) -> int:
    """The agent logged out on `link`: unless they are still connected otherwise (another
    app of theirs), their routed chats go back at once. Returns how many."""
    agent_id = link.agent.id
    if connected_otherwise(ctx, agent_id, link):
        return 0
    handed = 0
    for conversation in list(held_chats(ctx, agent_id)):
        handed += await hand_back(ctx, conversation, LOGGED_OUT)
    return handed
