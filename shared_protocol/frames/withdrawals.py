"""Taking a message back: the agent's withdrawal, what both sides are told, the admins' audit.

The message itself (and its `withdrawn` flag) is in chat.py.
"""

from __future__ import annotations

from shared_protocol.frames.common import EntityId, Frame, Part, Seq, Timestamp

__all__ = [
    "MessageWithdrawn",
    "Withdraw",
    "WithdrawalRecord",
    "Withdrawals",
    "WithdrawalsRequest",
]

# ---------------------------------------------------------------- structures


class WithdrawalRecord(Part, frozen=True):
    conversation: EntityId
    seq: Seq
    agent: EntityId
    agent_name: str
    text: str  # what the message said
    file_name: str  # the file it carried, if any
    sent_at: Timestamp
    withdrawn_at: Timestamp


# ---------------------------------------------------------------- agent → relay


class Withdraw(Frame, frozen=True, tag="withdraw"):
    """Agent → relay: take back one of my messages; both sides stop showing it and the
    relay keeps an audit record that admins can read."""

    conversation: EntityId
    seq: EntityId


class WithdrawalsRequest(Frame, frozen=True, tag="withdrawals"):
    """Admins only: the audit record of withdrawn messages, of one chat or of all."""

    conversation: EntityId | None = None


# ---------------------------------------------------------------- relay → both sides


class MessageWithdrawn(Frame, frozen=True, tag="withdrawn"):
    """Relay → both sides: message `seq` was withdrawn; show that in its place."""

    conversation: EntityId
    seq: Seq
    ts: Timestamp
    by_name: str = ""


# ---------------------------------------------------------------- relay → agent


class Withdrawals(Frame, frozen=True, tag="withdrawals"):
    """Answer to `withdrawals`: newest first, at most 500."""

    records: list[WithdrawalRecord]
