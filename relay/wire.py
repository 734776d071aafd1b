"""Records and frames, one into the other, in one place: the frames' parts made from store
records (what clients are sent), and the records made from frames' parts (what a client
sent, as the store takes it). The store speaks records only (relay/store/records.py);
nothing else in the relay converts."""

from __future__ import annotations

import msgspec

from relay.store.records import (
    Agent,
    Attachment,
    Conversation,
    Page,
    PageVisit,
    Phrase,
    PhraseDraft,
    Quote,
    SiteSettings,
    StoredMessage,
    VisitorContact,
    VisitSummary,
)
from shared_protocol import frames

# ---------------------------------------------------------------- records → frames


def chat_message(stored: StoredMessage) -> frames.ChatMessage:
    quoted, file = stored.reply_to, stored.file
    return frames.ChatMessage(
        conversation=stored.conversation_id,
        seq=stored.seq,
        id=stored.client_id,
        author=stored.author,
        author_id=stored.author_id,
        author_name=stored.author_name,
        text=stored.text,
        ts=stored.created_at,
        reply_to=None if quoted is None else quote(quoted),
        file=None if file is None else attachment(file),
        withdrawn=stored.withdrawn,
        visibility=frames.Visibility(stored.visibility.value),
    )


def quote(quoted: Quote) -> frames.Quote:
    return frames.Quote(
        seq=quoted.seq,
        author=quoted.author,
        author_name=quoted.author_name,
        text=quoted.text,
        withdrawn=quoted.withdrawn,
    )


def attachment(file: Attachment) -> frames.Attachment:
    return frames.Attachment(id=file.id, name=file.name, size=file.size, type=file.content_type)


def withdrawn_copy(message: frames.ChatMessage, seq: int) -> frames.ChatMessage:
    """A message as history shows it once the message `seq` of its conversation was
    withdrawn: itself emptied, or its quote of that message emptied."""
    if message.seq == seq:
        return msgspec.structs.replace(message, text="", file=None, withdrawn=True)
    quoted = message.reply_to
    if quoted is not None and quoted.seq == seq:
        quoted = msgspec.structs.replace(quoted, text="", withdrawn=True)
        return msgspec.structs.replace(message, reply_to=quoted)
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
    started_on, contact = conversation.started_on, conversation.contact
    return frames.ConversationInfo(
        id=conversation.id,
        visitor=conversation.visitor_id,
        status=(
            conversation.status
            if conversation.lifecycle is None or for_visitor
            else frames.ConversationStatus(conversation.lifecycle.value)
        ),
        created_at=conversation.created_at,
        agent=conversation.agent_id,
        last_seq=conversation.last_seq if last_seq is None else last_seq,
        closed_at=conversation.closed_at,
        offline=conversation.offline,
        started_on=None if started_on is None else page_info(started_on),
        contact=None if contact is None else visitor_contact(contact),
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
        department=conversation.department_id,
        offered_to=None if for_visitor else conversation.offered_to,
        offer_deadline=None if for_visitor else conversation.offer_deadline,
        transfer_to_agent=None if for_visitor else conversation.transfer_to_agent,
        transfer_to_department=None if for_visitor else conversation.transfer_to_department,
        transfer_deadline=None if for_visitor else conversation.transfer_deadline,
        min_level=1 if for_visitor else conversation.min_level,
    )


def agent_card(agent: Agent) -> frames.AgentCard:
    return frames.AgentCard(name=agent.display_name, avatar_url=agent.avatar_url)


def page_info(page: Page) -> frames.PageInfo:
    return frames.PageInfo(url=page.url, title=page.title, referrer=page.referrer)


def visitor_contact(contact: VisitorContact) -> frames.VisitorContact:
    return frames.VisitorContact(name=contact.name, email=contact.email, phone=contact.phone)


def page_visit(visit: PageVisit) -> frames.PageVisit:
    return frames.PageVisit(
        url=visit.url, title=visit.title, entered_at=visit.entered_at, left_at=visit.left_at
    )


def visit_summary(summary: VisitSummary) -> frames.VisitSummary:
    return frames.VisitSummary(
        number=summary.number,
        started_at=summary.started_at,
        pages=summary.pages,
        source=summary.source,
        source_name=summary.source_name,
        keyword=summary.keyword,
    )


def site_settings(settings: SiteSettings) -> frames.SiteSettings:
    return frames.SiteSettings(
        name=settings.name,
        logo_url=settings.logo_url,
        language=settings.language,
        prechat=[frames.PrechatField(field=f.field, required=f.required) for f in settings.prechat],
        reply_hours=settings.reply_hours,
        typing_preview=settings.typing_preview,
        typing_notice=settings.typing_notice,
    )


def phrase(stored: Phrase) -> frames.Phrase:
    return frames.Phrase(
        id=stored.id,
        title=stored.title,
        text=stored.text,
        category=stored.category,
        shortcut=stored.shortcut,
        kind=stored.kind,
        url=stored.url,
        file=None if stored.file is None else attachment(stored.file),
        shared=stored.shared,
        updated_at=stored.updated_at,
    )


# ---------------------------------------------------------------- frames → records


def page_record(page: frames.PageInfo) -> Page:
    return Page(url=page.url, title=page.title, referrer=page.referrer)


def phrase_draft_record(draft: frames.PhraseDraft) -> PhraseDraft:
    """The phrase to store; whether it is shared the caller says with its owner."""
    return PhraseDraft(
        title=draft.title,
        text=draft.text,
        category=draft.category,
        shortcut=draft.shortcut,
        kind=draft.kind,
        url=draft.url,
        file=draft.file,
    )
