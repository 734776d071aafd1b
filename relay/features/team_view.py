"""What an agent may see and touch by department (docs/routing.md, Roles): the login's
snapshot filtered, and every frame that names a conversation or a visitor checked before
its handler runs, so that no handler can forget it.

The rule itself is relay.core.routing.permissions; this module finds the department of
what a frame names. A conversation the agent takes part in (a helper from another
department), or one being transferred to them or to one of their departments, is theirs
to touch whatever its department.
"""

from __future__ import annotations

from relay.context import RelayContext
from relay.core.routing.permissions import check_may_act, may_see
from relay.features.peers import AgentPeer
from relay.store.records import Agent, Conversation
from shared_protocol import frames


def sees(agent: Agent, department: int | None) -> bool:
    return may_see(agent.role, agent.departments, department)


def visible_visitors(ctx: RelayContext, agent: Agent) -> list[frames.VisitorInfo]:
    return [info for info in ctx.presence.visitor_infos() if sees(agent, info.department)]


def visible_conversations(ctx: RelayContext, agent: Agent) -> list[frames.ConversationInfo]:
    return [
        info
        for info in ctx.conversations.snapshot()
        if sees(agent, info.department) or _involved(agent, info)
    ]


def _involved(agent: Agent, info: frames.ConversationInfo) -> bool:
    return (
        info.agent == agent.id
        or info.transfer_to_agent == agent.id
        or info.transfer_to_department in agent.departments
        or any(p.agent == agent.id and p.left_at is None for p in info.participants)
    )


def may_touch(agent: Agent, conversation: Conversation) -> bool:
    """Whether the agent may see and act on this conversation."""
    return sees(agent, conversation.department_id) or _touches(agent, conversation)


def _touches(agent: Agent, conversation: Conversation) -> bool:
    return (
        conversation.agent_id == agent.id
        or conversation.transfer_to_agent == agent.id
        or conversation.transfer_to_department in agent.departments
        or any(p.agent_id == agent.id for p in conversation.present())
    )


async def check_frame(peer: AgentPeer, frame: object) -> None:
    """FORBIDDEN when the frame names a conversation or a visitor of a department the
    agent may not see. A conversation or visitor that does not exist passes: its handler
    answers not_found as before."""
    ctx, agent = peer.ctx, peer.agent
    conversation_id = getattr(frame, "conversation", None)
    if isinstance(conversation_id, int):
        conversation = await _conversation(ctx, conversation_id)
        if conversation is not None and not _touches(agent, conversation):
            check_may_act(agent.role, agent.departments, conversation.department_id)
    for visitor_id in _visitors_named(frame):
        shown = ctx.presence.any_visitor_info(visitor_id)
        if shown is not None:
            check_may_act(agent.role, agent.departments, shown.department)


async def _conversation(ctx: RelayContext, conversation_id: int) -> Conversation | None:
    return ctx.conversations.get(conversation_id) or await ctx.store.get_conversation(
        conversation_id
    )


def _visitors_named(frame: object) -> list[int]:
    match frame:
        case frames.DetailsRequest(visitor=visitor) | frames.SetOwner(visitor=visitor):
            return [visitor]
        case frames.Invite(visitors=visitors):
            return list(visitors)
    return []
