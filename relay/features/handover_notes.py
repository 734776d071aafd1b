"""A pending transfer's note on the relays that did not take the transfer.

The relay that takes a transfer keeps its note in memory for `ConversationInfo.
transfer_note` (OpenConversations.note_transfer); the others of a cluster hear only that
the conversation changed. They read the note from the event log (the `transfer_requested`
entry): when the cluster tells them of a transferring conversation, and before a login's
snapshot, so that the target's other apps, and any frame this relay sends about the
conversation, carry it too.
"""

from __future__ import annotations

import asyncio

from relay.context import RelayContext
from relay.store.records import Conversation
from shared_protocol.lifecycle import ConversationEventKind

_REQUESTED = ConversationEventKind.TRANSFER_REQUESTED.value


async def recall(ctx: RelayContext, conversation: Conversation) -> None:
    """Keep the note of the conversation's pending transfer, when it has one and this
    relay does not know it."""
    if conversation.transfer_deadline is None or ctx.conversations.info(conversation).transfer_note:
        return
    requested = [
        event
        for event in await ctx.store.conversation_events(conversation.id)
        if event.kind == _REQUESTED
    ]
    if requested and requested[-1].note:
        ctx.conversations.note_transfer(conversation.id, requested[-1].note)


async def recall_all(ctx: RelayContext) -> None:
    """Every pending transfer's note this relay lacks (a login's snapshot is next)."""
    for conversation_id in sorted(ctx.conversations.ids()):
        conversation = ctx.conversations.get(conversation_id)
        if conversation is not None:
            await recall(ctx, conversation)


def recall_soon(ctx: RelayContext, conversation: Conversation) -> None:
    """`recall`, from a synchronous hook (the cluster's `conversation_changed`)."""
    if conversation.transfer_deadline is not None:
        task = asyncio.ensure_future(recall(ctx, conversation))
        _recalling.add(task)
        task.add_done_callback(_recalling.discard)


_recalling: set[asyncio.Future[None]] = set()  # kept until done (asyncio holds tasks weakly)
