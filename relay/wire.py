"""How the relay's records look on the wire: the frames' parts made from store records."""

from __future__ import annotations

import msgspec

from relay.store.records import Agent, Conversation, StoredMessage
from shared_protocol import frames


def chat_message(stored: StoredMessage) -> frames.ChatMessage:
    return frames.ChatMessage(
        conversation=stored.conversation_id,
        seq=stored.seq,
        id=stored.client_id,
        author=stored.author,
        author_id=stored.author_id,
        author_name=stored.author_name,
        text=stored.text,
        ts=stored.created_at,
        reply_to=stored.reply_to,
        file=stored.file,
        withdrawn=stored.withdrawn,
        visibility=frames.Visibility(stored.visibility.value),
    )


def withdrawn_copy(message: frames.ChatMessage, seq: int) -> frames.ChatMessage:
    """A message as history shows it once the message `seq` of its conversation was
    withdrawn: itself emptied, or its quote of that message emptied."""
    if message.seq == seq:
        return msgspec.structs.replace(message, text="", file=None, withdrawn=True)
    quote = message.reply_to
    if quote is not None and quote.seq == seq:
        quote = msgspec.structs.replace(quote, text="", withdrawn=True)
        return msgspec.structs.replace(message, reply_to=quote)
    return message


def conversation_info(
    conversation: Conversation,
    last_seq: int | None = None,
    *,
    visitor_read_seq: int | None = None,
    agent_read_seq: int | None = None,
    last_message: frames.ChatMessage | None = None,
    for_visitor: bool = False,
) -> frames.ConversationInfo:
    """As clients see it; the numbers given override the record's (which may be older).
    Visitors are not told who takes part beyond the agent who answers them."""
    return frames.ConversationInfo(
        id=conversation.id,
        visitor=conversation.visitor_id,
        status=conversation.status,
        created_at=conversation.created_at,
        agent=conversation.agent_id,
        last_seq=conversation.last_seq if last_seq is None else last_seq,
        closed_at=conversation.closed_at,
        offline=conversation.offline,
        started_on=conversation.started_on,
        contact=conversation.contact,
        visitor_read_seq=(
            conversation.visitor_read_seq if visitor_read_seq is None else visitor_read_seq
        ),
        agent_read_seq=conversation.agent_read_seq if agent_read_seq is None else agent_read_seq,
        last_message=last_message,
        participants=[
            frames.Participant(
                agent=p.agent_id,
                role=frames.ParticipantRole(p.role.value),
                joined_at=p.joined_at,
                left_at=p.left_at,
            )
            for p in ([] if for_visitor else conversation.participants)
        ],
    )


def agent_card(agent: Agent) -> frames.AgentCard:
    return frames.AgentCard(name=agent.display_name, avatar_url=agent.avatar_url)
