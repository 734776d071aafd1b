"""Agents withdrawing a message sent by mistake, and the audit record admins read."""

from __future__ import annotations

import logging

from relay.core.conversations import check_withdrawal
from relay.features.peers import AgentPeer
from relay.live.audiences import parties
from relay.store import Store, StoreRefusal
from relay.store.records import StoredMessage, Visibility
from shared_protocol import frames
from shared_protocol.errors import ErrorCode, ProtocolError

log = logging.getLogger("parley.endpoints")

# Withdrawal records in one answer: newest first, the frame stays well under 4 MiB.
MAX_AUDIT_RECORDS = 500


async def withdraw(peer: AgentPeer, frame: frames.Withdraw) -> None:
    ctx = peer.ctx
    conversation = await ctx.store.get_conversation(frame.conversation)
    if conversation is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
    now = ctx.clock()
    message = await _withdrawable(ctx.store, frame.conversation, frame.seq, peer.agent.id)
    try:
        await ctx.store.withdraw_message(frame.conversation, frame.seq, peer.agent, now)
    except StoreRefusal:
        # Changed since the check (another withdrawal of it came first): judged again as
        # it is now. Should the rule allow what the store refused, that is a relay bug.
        await _withdrawable(ctx.store, frame.conversation, frame.seq, peer.agent.id)
        raise
    log.info(
        "event=message_withdrawn conversation=%d seq=%d agent=%s",
        frame.conversation,
        frame.seq,
        peer.agent.name,
    )
    ctx.conversations.note_withdrawn(frame.conversation, frame.seq)
    withdrawn = frames.MessageWithdrawn(
        conversation=frame.conversation, seq=frame.seq, ts=now, by_name=peer.agent.display_name
    )
    # A withdrawn note is news to agents only: the visitor never had it.
    public = message.visibility is Visibility.PUBLIC
    ctx.broker.publish(parties(conversation, visitor_too=public), withdrawn)


async def _withdrawable(store: Store, conversation_id: int, seq: int, agent: int) -> StoredMessage:
    """The message, when relay.core.conversations lets the agent withdraw it (rule 4);
    NOT_FOUND, FORBIDDEN or CONFLICT otherwise."""
    message = await store.get_message(conversation_id, seq, include_internal=True)
    if message is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, "no such message")
    check_withdrawal(message.author, message.author_id, message.withdrawn, agent)
    return message


async def audit(peer: AgentPeer, frame: frames.WithdrawalsRequest) -> None:
    if peer.agent.role != "admin":
        raise ProtocolError(ErrorCode.FORBIDDEN, "the audit record is for admins")
    found = await peer.ctx.store.withdrawals(frame.conversation)
    records = [
        frames.WithdrawalRecord(
            conversation=w.conversation_id,
            seq=w.seq,
            agent=w.agent_id,
            agent_name=w.agent_name,
            text=w.text,
            file_name=w.file_name,
            sent_at=w.sent_at,
            withdrawn_at=w.withdrawn_at,
        )
        for w in reversed(found[-MAX_AUDIT_RECORDS:])
    ]
    peer.send(frames.Withdrawals(records=records))
