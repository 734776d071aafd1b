"""Messages the relay writes on someone's behalf (an accepted invitation's greeting, an
exit survey's question and answer): stored, then delivered like any other, with no ack
since no client sent them."""

from __future__ import annotations

from relay.context import RelayContext
from relay.live import audiences
from relay.live.audiences import ToParties
from relay.store.records import NewMessage, StoredMessage, Visibility
from relay.wire import chat_message
from shared_protocol import frames


async def post_for(ctx: RelayContext, new: NewMessage, visitor_id: int) -> StoredMessage:
    appended = await ctx.store.append_message(new)
    if not appended.duplicate:
        message = chat_message(appended.message)
        ctx.conversations.note_message(message)
        public = new.visibility is Visibility.PUBLIC
        conversation = ctx.conversations.get(new.conversation_id)
        if conversation is None:
            parties = ToParties(visitor_id, public)
        else:
            parties = audiences.parties(conversation, visitor_too=public)
        ctx.broker.publish(parties, frames.Message(message=message))
    return appended.message
