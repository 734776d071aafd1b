"""A visitor's own agent (docs/routing.md, "The owner"): set by hand with `set_owner`, or
else the agent who last served them (the store makes the owner of a conversation the
visitor's when it closes, unless one was set by hand). Agents see it on the visitor's row
(VisitorInfo.owner): read from the store at hello, changed here by hand and after a close.
"""

from __future__ import annotations

import asyncio
import logging

from relay.context import RelayContext
from relay.features.peers import AgentPeer
from relay.store import StoreError
from relay.store.records import Conversation
from shared_protocol import frames
from shared_protocol.errors import ErrorCode, ProtocolError

log = logging.getLogger("parley.routing")

# Reads of the new owner after a close, running (kept so that none is collected midway).
_reading: set[asyncio.Task[None]] = set()


async def set_owner(peer: AgentPeer, frame: frames.SetOwner) -> None:
    """Make `agent` the visitor's own agent by hand, or clear it (None). Who may see the
    visitor was checked before (relay.features.team_view); the visitor's row shows it."""
    ctx = peer.ctx
    if frame.agent is not None and await ctx.agent(frame.agent) is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, f"no agent {frame.agent}")
    by_hand = frame.agent is not None
    if not await ctx.store.set_visitor_owner(frame.visitor, frame.agent, by_hand=by_hand):
        raise ProtocolError(ErrorCode.NOT_FOUND, f"no visitor {frame.visitor}")
    log.info(
        "event=visitor_owner_set visitor=%d owner=%s by=%s",
        frame.visitor,
        frame.agent if frame.agent is not None else "none",
        peer.agent.name,
    )
    ctx.visitor_changes.update(frame.visitor, owner=frame.agent)


def conversation_closed(ctx: RelayContext, conversation: Conversation) -> None:
    """A conversation closed: its owner may have become the visitor's own agent (the
    store decided, in the close's transaction). The visitor's row shows the stored owner
    shortly after, when the visitor is connected here. For callers that cannot wait
    (conversations.show_closed runs from the cluster's callbacks too)."""
    if conversation.agent_id is None or ctx.presence.visitor_info(conversation.visitor_id) is None:
        return  # nobody served it (the owner stays), or the row is not this relay's
    task = asyncio.get_running_loop().create_task(show_stored_owner(ctx, conversation.visitor_id))
    _reading.add(task)
    task.add_done_callback(_reading.discard)


async def show_stored_owner(ctx: RelayContext, visitor_id: int) -> None:
    """Put the visitor's stored owner on their row, when it differs from the one shown."""
    try:
        visitor = await ctx.store.get_visitor(visitor_id)
    except StoreError:  # logged by the store when it is a bug; the next hello shows it
        log.warning("event=visitor_owner_not_read visitor=%d", visitor_id)
        return
    shown = ctx.presence.visitor_info(visitor_id)
    if visitor is not None and shown is not None and shown.owner != visitor.owner_agent_id:
        ctx.visitor_changes.update(visitor_id, owner=visitor.owner_agent_id)
