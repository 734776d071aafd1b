"""Who may do what with a conversation: take it, post into it, withdraw from it.

Rules (the lifecycle in shared_protocol.lifecycle says which moves exist; these say who
may ask for them):
1. Nobody holds a waiting (or queued, or offered-to-them) conversation: an agent's
   accept, or their first reply, takes it (`Accept`).
2. A held conversation is its owner's. Another agent may take it over (`Assign`) only
   when they are an admin or supervisor, or when the owner is offline (not connected to
   any relay, or set to Offline: a chat must not stay stuck with someone who went home;
   Away keeps their chats); otherwise the accept or the reply is refused with FORBIDDEN
   and the name of who is answering.
3. The owner and the agents who joined it (helpers, supervisors) post into it.
4. An agent withdraws only their own messages, once.
5. A conversation opened while no agent is Online is an offline message (the widget
   showed the leave-a-message form), whatever happens after.
6. An agent closes a conversation nobody holds, their own, or one they could take over
   (rule 2); the visitor closes their own.
7. A conversation offered to one agent (routing) is theirs to accept; a colleague who
   tries is told it is offered (CONFLICT), an admin or supervisor takes it (`Assign`). A
   conversation being transferred is taken by its target (`TransferAccepted`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import AuthorKind
from shared_protocol.lifecycle import Actor
from shared_protocol.lifecycle import conversation as lifecycle

# Roles that may take a chat from a colleague who is still online.
OVERRIDING_ROLES = frozenset({"admin", "supervisor"})


@dataclass(frozen=True, slots=True)
class Taker:
    """The agent who asks to take a conversation."""

    agent: int
    role: str


def taking(
    state: lifecycle.ConversationState,
    taker: Taker,
    *,
    holder: str,
    holder_online: bool,
    transfer_is_theirs: bool = False,
) -> lifecycle.ConversationInput | None:
    """The lifecycle input that gives the conversation to `taker` (rules 1, 2 and 7);
    None when it is theirs already. `holder` names the owner for the refusal;
    `transfer_is_theirs`: a pending transfer is to this agent, or to a department they may
    accept it for (the caller knows membership and levels)."""
    status = lifecycle.ConversationStatus
    if state.status is status.CLOSED:
        raise ProtocolError(ErrorCode.CONVERSATION_CLOSED, "this conversation is closed")
    if state.owner == taker.agent and state.owner is not None:
        return None
    overriding = taker.role in OVERRIDING_ROLES
    if state.status is status.OFFERED and state.offered_to != taker.agent:
        if overriding:
            return lifecycle.Assign(agent=taker.agent, by=Actor.agent(taker.agent))
        raise ProtocolError(ErrorCode.CONFLICT, "this chat is offered to a colleague just now")
    if state.owner is None:
        return lifecycle.Accept(agent=taker.agent)
    if state.status is status.TRANSFERRING and transfer_is_theirs:
        return lifecycle.TransferAccepted(agent=taker.agent)
    if overriding or not holder_online:
        return lifecycle.Assign(agent=taker.agent, by=Actor.agent(taker.agent))
    raise ProtocolError(ErrorCode.FORBIDDEN, f"{holder} is answering this chat")


def check_closing(
    state: lifecycle.ConversationState, closer: Taker, *, holder: str, holder_online: bool
) -> None:
    """Raises FORBIDDEN unless the agent may close the conversation (rule 6)."""
    if state.owner in (None, closer.agent) or closer.role in OVERRIDING_ROLES:
        return
    if holder_online:
        raise ProtocolError(ErrorCode.FORBIDDEN, f"{holder} is answering this chat")


def may_post(state: lifecycle.ConversationState, agent: int, joined: Collection[int]) -> bool:
    """Whether the agent posts into a conversation someone holds (rule 3)."""
    return state.owner == agent or agent in joined


def check_withdrawal(author: AuthorKind, author_id: int, withdrawn: bool, agent: int) -> None:
    """Raises unless the agent may withdraw this message (rule 4)."""
    if author is not AuthorKind.AGENT or author_id != agent:
        raise ProtocolError(ErrorCode.FORBIDDEN, "only your own messages can be withdrawn")
    if withdrawn:
        raise ProtocolError(ErrorCode.CONFLICT, "this message was withdrawn already")


def opens_offline(agents_online: bool) -> bool:
    """Whether a conversation opening now is an offline message (rule 5)."""
    return not agents_online
