"""The four direction unions, built here and nowhere else: which frames each side may send.

Each is a tagged union on `type`: within one union every tag names one frame, while the
same tag may name different frames in different directions (`message` is VisitorSend
inbound, Message outbound). A new frame is added to its feature module and to the unions
of the directions it travels; tests/unit/test_frame_unions.py fails for a frame in none.
"""

from __future__ import annotations

from shared_protocol.frames.chat import (
    Ack,
    AgentRead,
    AgentSend,
    AgentTyping,
    AgentTypingSet,
    History,
    Message,
    Note,
    ReadReceipt,
    Resume,
    TypingPreview,
    VisitorRead,
    VisitorReadReceipt,
    VisitorSend,
    VisitorTyping,
)
from shared_protocol.frames.conversations import (
    Accept,
    AgentJoined,
    Close,
    ConversationClosed,
    ConversationOpened,
    ConversationUpdated,
    Join,
    Leave,
)
from shared_protocol.frames.invitations import (
    ExitIntent,
    Invitation,
    InvitationAccept,
    InvitationDecline,
    InvitationEnded,
    InvitationRuleDelete,
    InvitationRuleSave,
    Invitations,
    InvitationSettingsSave,
    InvitationSetup,
    InvitationSetupRequest,
    InvitationShown,
    InvitationWithdraw,
    Invite,
    InviteResult,
    SurveyAnswer,
)
from shared_protocol.frames.phrases import PhraseDelete, PhraseSave, PhrasesChanged
from shared_protocol.frames.routing import (
    AgentRoutingSave,
    Barge,
    Decline,
    DepartmentSave,
    DepartmentsChanged,
    Escalate,
    JoinAsk,
    JoinAskDecline,
    JoinAsked,
    JoinAskEnded,
    QueuePlace,
    SetOwner,
    Team,
    TeamRequest,
    TransferRequest,
)
from shared_protocol.frames.session import (
    AgentPresence,
    Error,
    Hello,
    Login,
    LoginOk,
    Logout,
    Presence,
    SetStatus,
    Welcome,
)
from shared_protocol.frames.visitor_details import DetailsRequest, VisitorDetails
from shared_protocol.frames.visitors import (
    PageLeave,
    PageView,
    Profile,
    VisitorLeft,
    VisitorsChanged,
    VisitorUpdate,
)
from shared_protocol.frames.withdrawals import (
    MessageWithdrawn,
    Withdraw,
    Withdrawals,
    WithdrawalsRequest,
)

__all__ = ["AgentInbound", "AgentOutbound", "VisitorInbound", "VisitorOutbound"]

# ---------------------------------------------------------------- visitor → relay

VisitorInbound = (
    Hello
    | PageView
    | PageLeave
    | VisitorSend
    | VisitorTyping
    | Profile
    | VisitorRead
    | Resume
    | Close
    | InvitationShown
    | InvitationAccept
    | InvitationDecline
    | SurveyAnswer
    | ExitIntent
)

# ---------------------------------------------------------------- relay → visitor

VisitorOutbound = (
    Welcome
    | AgentJoined
    | Ack
    | Message
    | History
    | AgentTyping
    | Presence
    | MessageWithdrawn
    | VisitorReadReceipt
    | ConversationOpened
    | ConversationClosed
    | Invitation
    | InvitationEnded
    | QueuePlace
    | Error
)

# ---------------------------------------------------------------- agent → relay

AgentInbound = (
    Login
    | AgentSend
    | Withdraw
    | AgentTypingSet
    | AgentRead
    | SetStatus
    | Accept
    | Resume
    | Close
    | Logout
    | DetailsRequest
    | PhraseSave
    | PhraseDelete
    | WithdrawalsRequest
    | Note
    | Join
    | Leave
    | Invite
    | InvitationWithdraw
    | InvitationSetupRequest
    | InvitationSettingsSave
    | InvitationRuleSave
    | InvitationRuleDelete
    | Decline
    | TransferRequest
    | Escalate
    | Barge
    | JoinAsk
    | JoinAskDecline
    | SetOwner
    | TeamRequest
    | DepartmentSave
    | AgentRoutingSave
)

# ---------------------------------------------------------------- relay → agent

AgentOutbound = (
    LoginOk
    | Ack
    | Message
    | History
    | ReadReceipt
    | TypingPreview
    | VisitorDetails
    | VisitorsChanged
    | VisitorUpdate
    | VisitorLeft
    | AgentPresence
    | MessageWithdrawn
    | Withdrawals
    | PhrasesChanged
    | ConversationOpened
    | ConversationUpdated
    | ConversationClosed
    | InviteResult
    | Invitations
    | InvitationSetup
    | DepartmentsChanged
    | Team
    | JoinAsked
    | JoinAskEnded
    | Error
)
