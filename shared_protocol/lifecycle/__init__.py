"""Lifecycles as transition tables: what state a conversation or an invitation is in, and why.

Each machine is a module with its rules stated at the top, a TRANSITIONS table and
`apply(state, input, now) -> (new state, log entries)`, which raises IllegalTransition and
changes nothing when the input is not allowed. Both machines name some inputs alike
(Accept, Decline), so the inputs are used through their module:

    from shared_protocol.lifecycle import conversation
    state, entries = conversation.apply(state, conversation.Accept(agent=3), now)
"""

from shared_protocol.lifecycle import conversation, invitation
from shared_protocol.lifecycle.base import SYSTEM, Actor, ActorKind, IllegalTransition
from shared_protocol.lifecycle.conversation import (
    ConversationEvent,
    ConversationEventKind,
    ConversationInput,
    ConversationState,
    ConversationStatus,
    TransferTarget,
    open_conversation,
)
from shared_protocol.lifecycle.invitation import (
    InvitationEvent,
    InvitationEventKind,
    InvitationInput,
    InvitationState,
    InvitationStatus,
    send_invitation,
)

__all__ = [
    "SYSTEM",
    "Actor",
    "ActorKind",
    "ConversationEvent",
    "ConversationEventKind",
    "ConversationInput",
    "ConversationState",
    "ConversationStatus",
    "IllegalTransition",
    "InvitationEvent",
    "InvitationEventKind",
    "InvitationInput",
    "InvitationState",
    "InvitationStatus",
    "TransferTarget",
    "conversation",
    "invitation",
    "open_conversation",
    "send_invitation",
]
