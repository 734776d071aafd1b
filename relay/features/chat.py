"""Chat messages both ways: storing, acknowledging, delivering, history, typing, reading.

A message is queued for the store's next group commit; its ack and its delivery leave
once it is committed (protocol §5.2). The sender's read loop goes on meanwhile, so that
its next messages can share that commit; their order is kept by the store's queue.
"""

from __future__ import annotations

import asyncio
from functools import partial

from relay import failures as failure_logs
from relay.attachments import sendable_file
from relay.context import RelayContext
from relay.core.conversations import may_post
from relay.core.resends import is_resend
from relay.failures import failure_frame
from relay.features import conversations, invitations
from relay.features.peers import AgentPeer, Peer, VisitorPeer
from relay.live.audiences import ToParties, ToVisitor, agents_of, parties
from relay.store import StoreUnavailable
from relay.store.errors import ConversationIsClosed, MessageIdTaken, StoreError
from relay.store.records import Appended, NewMessage, Quote, ReadMark, StoredMessage, Visibility
from relay.wire import chat_message
from shared_protocol import frames, limits
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import AuthorKind

# Messages of one connection waiting for their commit; beyond this its reading pauses.
MAX_IN_FLIGHT = 64


async def visitor_message(peer: VisitorPeer, frame: frames.VisitorSend) -> None:
    ctx = peer.ctx
    file = await sendable_file(ctx.store, frame.file, AuthorKind.VISITOR, peer.visitor.id)
    conversation = ctx.conversations.of_visitor(peer.visitor.id)
    if conversation is None:
        # A resend of a message stored before its conversation closed must not open
        # a new, empty conversation.
        if await acknowledge_resend(peer, AuthorKind.VISITOR, peer.visitor.id, frame, None):
            return
        await invitations.before_first_message(peer)  # an invitation's greeting comes first
        conversation = await conversations.open_for(peer)
    shown = ctx.presence.visitor_info(peer.visitor.id)
    await store_message(
        peer,
        NewMessage(
            conversation_id=conversation.id,
            client_id=frame.id,
            author=AuthorKind.VISITOR,
            author_id=peer.visitor.id,
            author_name=shown.name if shown else "",
            text=frame.text,
            created_at=ctx.clock(),
            file=file,
        ),
        conversation.visitor_id,
    )


async def agent_message(peer: AgentPeer, frame: frames.AgentSend) -> None:
    await _agent_post(peer, frame, frame.file, Visibility.PUBLIC)


async def agent_note(peer: AgentPeer, frame: frames.Note) -> None:
    """A note among the agents of a conversation: any agent who sees it may write one, and
    it never reaches the visitor (delivery, history, quotes)."""
    await _agent_post(peer, frame, None, Visibility.INTERNAL)


async def _agent_post(
    peer: AgentPeer,
    frame: frames.AgentSend | frames.Note,
    file_id: str | None,
    visibility: Visibility,
) -> None:
    """An agent's reply or note. A reply into a chat the agent may not post into takes it
    (relay.core.conversations) or is refused; a note takes nothing."""
    ctx, internal = peer.ctx, visibility is Visibility.INTERNAL
    try:
        conversation = await conversations.unclosed(ctx, frame.conversation)
        reply_to = await quote(ctx, conversation.id, frame.reply_to, internal=internal)
        file = await sendable_file(ctx.store, file_id, AuthorKind.AGENT, None)
    except ProtocolError:
        # A resend is acknowledged even when the message could not be sent now (§5.3):
        # its conversation closed since, its file was swept after it was withdrawn.
        if await _acknowledged_again(peer, frame):
            return
        raise
    helpers = conversations.helpers(conversation)
    if not internal and not may_post(conversation.state(), peer.agent.id, helpers):
        # Taking the chat changes it: a resend of a message stored before must not.
        if await _acknowledged_again(peer, frame):
            return
        conversation = await conversations.take(peer, conversation)  # or FORBIDDEN
    await store_message(
        peer,
        NewMessage(
            conversation_id=conversation.id,
            client_id=frame.id,
            author=AuthorKind.AGENT,
            author_id=peer.agent.id,
            author_name=peer.agent.display_name,
            text=frame.text,
            created_at=ctx.clock(),
            reply_to=reply_to,
            file=file,
            visibility=visibility,
        ),
        conversation.visitor_id,
    )


async def _acknowledged_again(peer: AgentPeer, frame: frames.AgentSend | frames.Note) -> bool:
    return await acknowledge_resend(
        peer, AuthorKind.AGENT, peer.agent.id, frame, frame.conversation
    )


async def store_message(peer: Peer, new: NewMessage, visitor_id: int) -> None:
    """Queue a message for the next group commit; acknowledge and deliver it once it is
    committed."""
    while len(peer.in_flight) >= MAX_IN_FLIGHT:
        await asyncio.wait(peer.in_flight, return_when=asyncio.FIRST_COMPLETED)
    committed = peer.ctx.store.queue_message(new)
    peer.in_flight.add(committed)
    committed.add_done_callback(partial(_deliver_when_committed, peer, new, visitor_id))


def _deliver_when_committed(
    peer: Peer, new: NewMessage, visitor_id: int, committed: asyncio.Future[Appended]
) -> None:
    peer.in_flight.discard(committed)
    if committed.cancelled():
        return
    ctx = peer.ctx
    if (error := committed.exception()) is not None:
        if isinstance(error, ConversationIsClosed):
            # Closed a moment ago, through another relay whose news has not come yet:
            # handled again knowing it (a visitor's opens a new conversation).
            again = asyncio.ensure_future(_post_again(peer, new))
            peer.in_flight.add(again)
            again.add_done_callback(peer.in_flight.discard)
            return
        if isinstance(error, MessageIdTaken):
            error = id_used_before()
        if not isinstance(error, ProtocolError | StoreUnavailable):
            failure_logs.failures.record(error, "append", ctx.clock())
        peer.send(failure_frame(error, new.client_id))
        return
    appended = committed.result()
    acknowledge(peer, appended.message, duplicate=appended.duplicate)
    if not appended.duplicate:
        message = chat_message(appended.message)
        ctx.conversations.note_message(message)
        delivery = frames.Message(message=message)
        public = new.visibility is Visibility.PUBLIC  # notes are never a visitor's
        parties_now = _parties_of(ctx, new.conversation_id, visitor_id, public)
        ctx.broker.publish(parties_now, delivery, skip=peer.connection)


async def _post_again(peer: Peer, new: NewMessage) -> None:
    """A message the store refused because its conversation had closed: the live copy
    learns that, and the message is handled as if it had come now."""
    ctx = peer.ctx
    try:
        closed = await ctx.store.get_conversation(new.conversation_id)
        if closed is not None:
            ctx.conversations.refresh(closed, None)
        file = new.file.id if new.file else None
        if isinstance(peer, VisitorPeer):
            await visitor_message(
                peer, frames.VisitorSend(id=new.client_id, text=new.text, file=file)
            )
            return
        assert isinstance(peer, AgentPeer)
        reply_to = new.reply_to.seq if new.reply_to else None
        if new.visibility is Visibility.INTERNAL:
            note = frames.Note(
                id=new.client_id, conversation=new.conversation_id, text=new.text, reply_to=reply_to
            )
            await agent_note(peer, note)
        else:
            reply = frames.AgentSend(
                id=new.client_id,
                conversation=new.conversation_id,
                text=new.text,
                reply_to=reply_to,
                file=file,
            )
            await agent_message(peer, reply)
    except (ProtocolError, StoreError) as error:
        peer.send(failure_frame(error, new.client_id))


async def acknowledge_resend(
    peer: Peer,
    author: AuthorKind,
    author_id: int,
    frame: frames.VisitorSend | frames.AgentSend | frames.Note,
    conversation_id: int | None,
) -> bool:
    """For a message that cannot be stored now: True after acknowledging it again if it
    is a resend of one stored before (§5.3), CONFLICT if its id was used for another
    message, False if the id is new. Asked only on these refusal paths, so that new
    messages cost no extra query; the store's writer judges all others."""
    known = await peer.ctx.store.find_message(author, author_id, frame.id)
    if known is None:
        return False
    if not is_resend(
        author,
        stored_in=known.message.conversation_id,
        sent_text=known.sent_text,
        sent_to=conversation_id,
        text=frame.text,
        stored_internal=known.message.visibility is Visibility.INTERNAL,
        internal=isinstance(frame, frames.Note),
    ):
        raise id_used_before()
    acknowledge(peer, known.message, duplicate=True)
    return True


def id_used_before() -> ProtocolError:
    """The refusal of a message whose id its author used for another message (the store
    refuses it with MessageIdTaken)."""
    return ProtocolError(ErrorCode.CONFLICT, "this message id was used before for another message")


def acknowledge(peer: Peer, stored: StoredMessage, *, duplicate: bool) -> None:
    peer.send(
        frames.Ack(
            id=stored.client_id,
            conversation=stored.conversation_id,
            seq=stored.seq,
            ts=stored.created_at,
            duplicate=duplicate,
        )
    )


async def quote(
    ctx: RelayContext, conversation_id: int, seq: int | None, *, internal: bool = False
) -> Quote | None:
    """What a reply quotes: a message of the same conversation, or a NOT_FOUND error. Only
    an internal message quotes an internal one: a visitor must never read a note."""
    if seq is None:
        return None
    quoted = await ctx.store.get_message(conversation_id, seq, include_internal=internal)
    if quoted is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, "the quoted message is not in this chat")
    return Quote(
        seq=seq,
        author=quoted.author,
        author_name=quoted.author_name,
        text=quoted.text[: limits.QUOTE_CHARS],
        withdrawn=quoted.withdrawn,
    )


async def send_history(peer: Peer, conversation_id: int, after_seq: int) -> None:
    """A page of the conversation after `after_seq`. Agents get notes too; visitors do
    not, and `through` tells them the seqs skipped were notes, not lost messages."""
    for_agents = isinstance(peer, AgentPeer)
    page = await peer.ctx.store.messages_after(
        conversation_id, after_seq, limits.HISTORY_PAGE_SIZE + 1, include_internal=True
    )
    messages: list[frames.ChatMessage] = []
    chars, through, scanned = 0, after_seq, 0
    for stored in page[: limits.HISTORY_PAGE_SIZE]:
        shown = for_agents or stored.visibility is Visibility.PUBLIC
        if shown and messages and chars + len(stored.text) > limits.HISTORY_PAGE_CHARS:
            break
        scanned += 1
        through = stored.seq
        if shown:
            chars += len(stored.text)
            messages.append(chat_message(stored))
    more = len(page) > scanned
    peer.send(
        frames.History(conversation=conversation_id, messages=messages, more=more, through=through)
    )


async def visitor_resume(peer: VisitorPeer, frame: frames.Resume) -> None:
    if await conversations.owned(peer, frame.conversation) is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
    await send_history(peer, frame.conversation, frame.after_seq)


async def agent_resume(peer: AgentPeer, frame: frames.Resume) -> None:
    if await peer.ctx.store.get_conversation(frame.conversation) is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
    await send_history(peer, frame.conversation, frame.after_seq)


# ------------------------------------------------------------------ typing


async def visitor_typing(peer: VisitorPeer, frame: frames.VisitorTyping) -> None:
    if not peer.site.settings.typing_preview:
        return  # the site owner chose privacy: drafts go nowhere
    conversation = peer.ctx.conversations.of_visitor(peer.visitor.id)
    preview = frames.TypingPreview(
        visitor=peer.visitor.id,
        conversation=conversation.id if conversation else None,
        text=frame.text,
    )
    shown = peer.ctx.presence.visitor_info(peer.visitor.id)
    department = shown.department if shown else None
    peer.ctx.broker.publish(agents_of(conversation, peer.visitor.id, department), preview)


async def agent_typing(peer: AgentPeer, frame: frames.AgentTypingSet) -> None:
    conversation = await conversations.unclosed(peer.ctx, frame.conversation)
    state, helpers = conversation.state(), conversations.helpers(conversation)
    if state.owner is not None and not may_post(state, peer.agent.id, helpers):
        return  # writing a note, or a reply that will be refused: not the visitor's news
    typing = frames.AgentTyping(
        conversation=frame.conversation, active=frame.active, name=peer.agent.display_name
    )
    peer.ctx.broker.publish(ToVisitor(conversation.visitor_id), typing)


# ------------------------------------------------------------------ read marks


async def visitor_read(peer: VisitorPeer, frame: frames.VisitorRead) -> None:
    ctx = peer.ctx
    mark = await mark_read(
        ctx, frame.conversation, frame.seq, AuthorKind.VISITOR, visitor_id=peer.visitor.id
    )
    if mark is not None:
        receipt = frames.ReadReceipt(
            conversation=frame.conversation, seq=mark.seq, by=AuthorKind.VISITOR, ts=ctx.clock()
        )
        ctx.broker.publish(_parties_of(ctx, frame.conversation, peer.visitor.id, False), receipt)


async def agent_read(peer: AgentPeer, frame: frames.AgentRead) -> None:
    # Any agent may read any conversation, as it may resume any.
    ctx = peer.ctx
    mark = await mark_read(ctx, frame.conversation, frame.seq, AuthorKind.AGENT, visitor_id=None)
    if mark is None:
        return
    now = ctx.clock()
    receipt = frames.ReadReceipt(
        conversation=frame.conversation,
        seq=mark.seq,
        by=AuthorKind.AGENT,
        agent=peer.agent.id,
        ts=now,
    )
    # The reader knows; its other connections learn it.
    parties = _parties_of(ctx, frame.conversation, mark.visitor_id, False)
    ctx.broker.publish(parties, receipt, skip=peer.connection)
    visitor_receipt = frames.VisitorReadReceipt(
        conversation=frame.conversation, seq=mark.seq, ts=now
    )
    ctx.broker.publish(ToVisitor(mark.visitor_id), visitor_receipt)


async def mark_read(
    ctx: RelayContext, conversation_id: int, seq: int, reader: AuthorKind, *, visitor_id: int | None
) -> ReadMark | None:
    """Store a read mark; the mark when it moved forward, None when it did not (then
    nobody is told). NOT_FOUND for a conversation the reader may not see."""
    known = ctx.conversations.get(conversation_id)
    if (
        known is not None
        and visitor_id in (None, known.visitor_id)
        and seq <= ctx.conversations.read_mark(known, reader)
    ):
        return None  # read as far before (a resend, another tab): not even a write
    mark = await ctx.store.mark_read(conversation_id, reader, seq, visitor_id=visitor_id)
    if mark is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
    if not mark.advanced:
        return None
    ctx.conversations.note_read(conversation_id, reader, mark.seq)
    return mark


def _parties_of(
    ctx: RelayContext, conversation_id: int, visitor_id: int, visitor_too: bool
) -> ToParties:
    """The parties of an open conversation as this relay knows it. One not kept here (a
    read mark of a closed one: an id and a number) goes to the visitor and every agent."""
    conversation = ctx.conversations.get(conversation_id)
    if conversation is None:
        return ToParties(visitor_id, visitor_too)
    return parties(conversation, visitor_too=visitor_too)
