"""The proactive invitation lifecycle: its states, the inputs that move it, the table, apply().

Rules. The TRANSITIONS table states those about status; the guard in `_refusal` states
the one about time. Nothing else decides.

1. An agent (or a rule, as the system) sends an invitation to a visitor: `sent`.
2. The widget reports it on screen: `shown`. The visitor may accept or decline it while it
   is sent or shown (a lost `shown` report does not block an answer).
3. The sender (or a supervisor) may withdraw it while it is sent or shown.
4. Accepted, declined, expired and withdrawn are final.
5. Every invitation ends at `sent_at + timeout` (the site's timeout, 20 s by default).
   From that moment an open invitation can only `Expire`, and not before: an answer that
   arrives late is refused even if the timer has not fired yet, so the outcome does not
   depend on timer lag.
6. On expiry the invitation leaves the site's auto-reply, if it carries one, in the chat
   for when the visitor opens it: the `auto_replied` entry holds the text for the shell
   to store as a message.

Who may send or withdraw is the caller's decision (relay/core). States are frozen: apply()
returns a new one, and an illegal input raises IllegalTransition before anything is built.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final, assert_never

import msgspec
from msgspec.structs import replace

from shared_protocol.lifecycle.base import SYSTEM, Actor, IllegalTransition

DEFAULT_TIMEOUT_SECONDS: Final = 20.0


class InvitationStatus(StrEnum):
    SENT = "sent"
    SHOWN = "shown"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


class InvitationState(msgspec.Struct, frozen=True, kw_only=True):
    status: InvitationStatus
    visitor: int
    sent_by: Actor
    sent_at: float
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    auto_reply: str = ""  # the site's text left in the chat on expiry; empty: none
    shown_at: float | None = None
    ended_at: float | None = None  # when it reached a final status

    @property
    def expires_at(self) -> float:
        return self.sent_at + self.timeout


# Inputs. The visitor shows, accepts and declines; the timer expires; an agent withdraws.
class Show(msgspec.Struct, frozen=True):
    pass


class Accept(msgspec.Struct, frozen=True):
    pass


class Decline(msgspec.Struct, frozen=True):
    pass


class Expire(msgspec.Struct, frozen=True):
    pass


class Withdraw(msgspec.Struct, frozen=True, kw_only=True):
    by: Actor


InvitationInput = Show | Accept | Decline | Expire | Withdraw


class InvitationEventKind(StrEnum):
    """What the event log records; the stored values."""

    SENT = "sent"
    SHOWN = "shown"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    AUTO_REPLIED = "auto_replied"  # the shell stores `text` as a message in the chat
    WITHDRAWN = "withdrawn"


class InvitationEvent(msgspec.Struct, frozen=True, kw_only=True):
    kind: InvitationEventKind
    at: float
    actor: Actor
    text: str = ""  # the auto-reply, for AUTO_REPLIED


_S = InvitationStatus

# status -> input type -> next status. A pair not listed is illegal whoever sends it.
TRANSITIONS: Final[Mapping[InvitationStatus, Mapping[type[InvitationInput], _S]]] = {
    _S.SENT: {
        Show: _S.SHOWN,
        Accept: _S.ACCEPTED,
        Decline: _S.DECLINED,
        Expire: _S.EXPIRED,
        Withdraw: _S.WITHDRAWN,
    },
    _S.SHOWN: {
        Accept: _S.ACCEPTED,
        Decline: _S.DECLINED,
        Expire: _S.EXPIRED,
        Withdraw: _S.WITHDRAWN,
    },
    _S.ACCEPTED: {},
    _S.DECLINED: {},
    _S.EXPIRED: {},
    _S.WITHDRAWN: {},
}


def send_invitation(
    visitor: int,
    by: Actor,
    now: float,
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    auto_reply: str = "",
) -> tuple[InvitationState, list[InvitationEvent]]:
    """A new invitation, sent, and its `sent` entry."""
    if not timeout > 0:  # also refuses NaN
        raise ValueError(f"an invitation's timeout is positive, not {timeout}")
    state = InvitationState(
        status=_S.SENT,
        visitor=visitor,
        sent_by=by,
        sent_at=now,
        timeout=timeout,
        auto_reply=auto_reply,
    )
    return state, [InvitationEvent(kind=InvitationEventKind.SENT, at=now, actor=by)]


def apply(
    state: InvitationState, event: InvitationInput, now: float
) -> tuple[InvitationState, list[InvitationEvent]]:
    """The state after `event` at time `now`, and the log entries to record with it.

    Raises IllegalTransition, changing nothing, when the table or the guard refuses it.
    """
    target = TRANSITIONS[state.status].get(type(event))
    if target is None:
        raise IllegalTransition(state, event, f"not allowed while {state.status}")
    expired = now >= state.expires_at
    if isinstance(event, Expire) and not expired:
        raise IllegalTransition(state, event, f"it runs until {state.expires_at}")
    if not isinstance(event, Expire) and expired:
        raise IllegalTransition(state, event, f"it ended at {state.expires_at}")
    return _outcome(state, event, now, target)


def _outcome(
    state: InvitationState, event: InvitationInput, now: float, target: InvitationStatus
) -> tuple[InvitationState, list[InvitationEvent]]:
    K = InvitationEventKind
    visitor = Actor.visitor(state.visitor)
    ended = replace(state, status=target, ended_at=now)
    match event:
        case Show():
            shown = replace(state, status=target, shown_at=now)
            return shown, [InvitationEvent(kind=K.SHOWN, at=now, actor=visitor)]
        case Accept():
            return ended, [InvitationEvent(kind=K.ACCEPTED, at=now, actor=visitor)]
        case Decline():
            return ended, [InvitationEvent(kind=K.DECLINED, at=now, actor=visitor)]
        case Expire():
            entries = [InvitationEvent(kind=K.EXPIRED, at=now, actor=SYSTEM)]
            if state.auto_reply:
                entries.append(
                    InvitationEvent(
                        kind=K.AUTO_REPLIED, at=now, actor=SYSTEM, text=state.auto_reply
                    )
                )
            return ended, entries
        case Withdraw(by=by):
            return ended, [InvitationEvent(kind=K.WITHDRAWN, at=now, actor=by)]
        case _:
            assert_never(event)
