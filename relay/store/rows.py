"""How a row of each table becomes its record, for every back end: SQLite's sqlite3.Row
and asyncpg's Record are both read by column name or position, and each back end's
queries give the same columns (JSON as text, departments as "1,2", flags as 0/1 or
booleans), so that what a row means is written once.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

import msgspec

from relay.store.records import (
    Agent,
    Attachment,
    Conversation,
    Department,
    KnownMessage,
    LoggedEvent,
    Page,
    PageVisit,
    Participant,
    ParticipantRole,
    Phrase,
    Quote,
    Site,
    SiteSettings,
    StoredFile,
    StoredMessage,
    UntakenConversation,
    Visibility,
    Visit,
    Visitor,
    VisitSummary,
    contact_of,
    wire_status,
)
from shared_protocol import limits
from shared_protocol.frames import AuthorKind, PhraseKind
from shared_protocol.lifecycle import Actor, ActorKind
from shared_protocol.lifecycle import ConversationStatus as LifecycleStatus


class Row(Protocol):
    """A result row: sqlite3.Row or asyncpg.Record."""

    def __getitem__(self, key: Any, /) -> Any: ...


def site(row: Row) -> Site:
    return Site(
        id=row["id"],
        key=row["key"],
        name=row["name"],
        origins=tuple(json.loads(row["origins"])),
        created_at=row["created_at"],
        settings=msgspec.json.decode(row["settings"], type=SiteSettings),
    )


def agent(row: Row) -> Agent:
    """A row of agents with `department_ids`, the ids of its departments as "1,2"."""
    departments = row["department_ids"]
    return Agent(
        id=row["id"],
        name=row["name"],
        display_name=row["display_name"],
        role=row["role"],
        password_hash=row["password_hash"],
        avatar_url=row["avatar_url"],
        disabled=bool(row["disabled"]),
        created_at=row["created_at"],
        departments=tuple(sorted(int(d) for d in departments.split(","))) if departments else (),
        skills=tuple(json.loads(row["skills"])),
        level=row["level"],
        max_chats=row["max_chats"],
    )


DEPARTMENT_COLUMNS = "id, site_id, name, created_at, settings, position"


def department(row: Row) -> Department:
    """A row of DEPARTMENT_COLUMNS."""
    return Department(
        id=row["id"],
        site_id=row["site_id"],
        name=row["name"],
        created_at=row["created_at"],
        settings_json=row["settings"],
        position=row["position"],
    )


def visitor(row: Row) -> Visitor:
    """A visitors row with its counts of visits and conversations (columns so named)."""
    return Visitor(
        row["id"],
        row["site_id"],
        row["name"],
        row["first_seen"],
        row["last_seen"],
        row["visits"],
        row["email"],
        row["phone"],
        row["conversations"],
        owner_agent_id=row["owner_agent_id"],
        owner_set_by_hand=bool(row["owner_set_by_hand"]),
    )


def page_visit(row: Row) -> PageVisit:
    """A page view of a visitor's path (url, title, entered_at, left_at)."""
    return PageVisit(url=row[0], title=row[1], entered_at=row[2], left_at=row[3])


def visit_summary(row: Row) -> VisitSummary:
    """An earlier visit as agents see it listed (columns so named)."""
    return VisitSummary(
        number=row["number"],
        started_at=row["started_at"],
        pages=row["pages"],
        source=row["source"],
        source_name=row["source_name"],
        keyword=row["keyword"],
    )


def visit(row: Row) -> Visit:
    landing = None
    if row["landing_url"]:
        landing = Page(url=row["landing_url"], title=row["landing_title"], referrer=row["referrer"])
    return Visit(
        id=row["id"],
        visitor_id=row["visitor_id"],
        number=row["number"],
        started_at=row["started_at"],
        landing=landing,
        source=row["source"],
        source_name=row["source_name"],
        keyword=row["keyword"],
    )


FILE_COLUMNS = "id, name, size, content_type, uploader, uploader_id, created_at"


def stored_file(row: Row) -> StoredFile:
    """A row of FILE_COLUMNS."""
    return StoredFile(
        id=row["id"],
        name=row["name"],
        size=row["size"],
        content_type=row["content_type"],
        uploader=AuthorKind(row["uploader"]),
        uploader_id=row["uploader_id"],
        created_at=row["created_at"],
    )


# A phrase with the file it carries (columns in phrase()'s order).
PHRASE_COLUMNS = (
    "p.id, p.owner_id, p.category, p.title, p.shortcut, p.text, p.kind, p.url, "
    "p.updated_at, f.id, f.name, f.size, f.content_type"
)


def phrase(row: Row) -> Phrase:
    file = None
    if row[9] is not None:
        file = Attachment(id=row[9], name=row[10], size=row[11], content_type=row[12])
    return Phrase(
        id=row[0],
        shared=row[1] is None,
        category=row[2],
        title=row[3],
        shortcut=row[4],
        text=row[5],
        kind=PhraseKind(row[6]),
        url=row[7],
        updated_at=row[8],
        file=file,
    )


# A message with what it quotes and the file it carries (columns in message()'s order);
# joined as MESSAGE_JOINS says, the same SQL on every back end.
MESSAGE_COLUMNS = (
    "m.conversation_id, m.seq, m.client_id, m.author, m.author_id, m.author_name, "
    "m.text, m.created_at, m.withdrawn_at, q.seq, q.author, q.author_name, q.text, "
    "q.withdrawn_at, f.id, f.name, f.size, f.content_type, m.visibility"
)
# A public message never shows an internal one it quotes: the visitor would read it.
MESSAGE_JOINS = (
    "FROM messages m "
    "LEFT JOIN messages q ON q.conversation_id = m.conversation_id AND q.seq = m.reply_to "
    "AND (q.visibility = 'public' OR m.visibility = 'internal') "
    "LEFT JOIN files f ON f.id = m.file_id "
)
SELECT_MESSAGES = f"SELECT {MESSAGE_COLUMNS} {MESSAGE_JOINS}"
# The same with a withdrawn message's text as sent, from its audit record (see known()).
# Read only for resends, which are rare: withdrawals needs no index for it.
SELECT_KNOWN_MESSAGES = (
    f"SELECT {MESSAGE_COLUMNS}, w.text {MESSAGE_JOINS}"
    "LEFT JOIN withdrawals w ON w.conversation_id = m.conversation_id AND w.seq = m.seq "
)
PUBLIC_ONLY = "AND m.visibility = 'public' "


def message(row: Row) -> StoredMessage:
    quote = None
    if row[9] is not None:
        withdrawn = row[13] is not None
        quote = Quote(
            seq=row[9],
            author=AuthorKind(row[10]),
            author_name=row[11],
            text="" if withdrawn else row[12][: limits.QUOTE_CHARS],
            withdrawn=withdrawn,
        )
    file = None
    if row[14] is not None:
        file = Attachment(id=row[14], name=row[15], size=row[16], content_type=row[17])
    return StoredMessage(
        conversation_id=row[0],
        seq=row[1],
        client_id=row[2],
        author=AuthorKind(row[3]),
        author_id=row[4],
        author_name=row[5],
        text=row[6],
        created_at=row[7],
        reply_to=quote,
        file=file,
        withdrawn=row[8] is not None,
        visibility=Visibility(row[18]),
    )


def known(row: Row) -> KnownMessage:
    """A row of SELECT_KNOWN_MESSAGES: the message, and the text it was sent with."""
    return KnownMessage(message(row), sent_text=row[6] if row[19] is None else row[19])


def participants_of(conversation_id: int, rows: str | None) -> tuple[Participant, ...]:
    """Participants folded into JSON, [[id, agent, role, joined, left], ...], in the order
    they joined."""
    listed = json.loads(rows) if rows else []
    listed.sort(key=lambda p: (p[3], p[0]))
    return tuple(
        Participant(conversation_id, agent, ParticipantRole(role), joined, left)
        for _, agent, role, joined, left in listed
    )


def conversation(row: Row) -> Conversation:
    """A row of conversations with its visitor's contact (`visitor_name`, `visitor_email`,
    `visitor_phone`) and its participants folded into JSON (`participant_rows`)."""
    lifecycle = LifecycleStatus(row["status"])
    return Conversation(
        id=row["id"],
        site_id=row["site_id"],
        visitor_id=row["visitor_id"],
        status=wire_status(lifecycle),
        agent_id=row["agent_id"],
        created_at=row["created_at"],
        closed_at=row["closed_at"],
        last_seq=row["last_seq"],
        offline=bool(row["offline"]),
        started_on=(
            Page(url=row["started_url"], title=row["started_title"]) if row["started_url"] else None
        ),
        contact=contact_of(row["visitor_name"], row["visitor_email"], row["visitor_phone"]),
        visitor_read_seq=row["visitor_read_seq"],
        agent_read_seq=row["agent_read_seq"],
        lifecycle=lifecycle,
        department_id=row["department_id"],
        offered_to=row["offered_to"],
        offer_deadline=row["offer_deadline"],
        transfer_to_agent=row["transfer_to_agent"],
        transfer_to_department=row["transfer_to_department"],
        transfer_deadline=row["transfer_deadline"],
        rated=row["rated"],
        participants=participants_of(row["id"], row["participant_rows"]),
        entered_department_at=row["entered_department_at"],
        min_level=row["min_level"],
    )


# What untaken() reads: a conversation's, its visitor's owner and, as each back end
# folds it, a JSON array of the agents who declined it (`declined`, in order; may be NULL).
UNTAKEN_COLUMNS = (
    "c.id, c.site_id, c.visitor_id, c.department_id, c.status, c.created_at, "
    "c.entered_department_at, c.offered_to, c.offer_deadline, c.min_level, v.owner_agent_id"
)
UNTAKEN_STATUSES = "('waiting', 'queued', 'offered')"  # as the partial index names them
DECLINED_KINDS = "('declined', 'offer_expired')"
# A decline (of conversation_events `e`) counts until the chat is reclaimed after it: back in
# line because its agent left, it may go to whoever declined it before.
NOT_RECLAIMED_SINCE = (
    "NOT EXISTS (SELECT 1 FROM conversation_events r WHERE r.conversation_id = e.conversation_id"
    " AND r.kind = 'reclaimed' AND r.id > e.id)"
)


def untaken(row: Row) -> UntakenConversation:
    """A row of UNTAKEN_COLUMNS, `declined` and `returned_at`."""
    declined = [agent for agent in json.loads(row["declined"] or "[]") if agent is not None]
    return UntakenConversation(
        id=row["id"],
        site_id=row["site_id"],
        visitor_id=row["visitor_id"],
        department_id=row["department_id"],
        status=LifecycleStatus(row["status"]),
        opened_at=row["created_at"],
        entered_department_at=row["entered_department_at"],
        offered_to=row["offered_to"],
        offer_deadline=row["offer_deadline"],
        min_level=row["min_level"],
        owner_agent_id=row["owner_agent_id"],
        declined_by=tuple(dict.fromkeys(int(agent) for agent in declined)),
        returned_at=row["returned_at"],
    )


EVENT_COLUMNS = "id, conversation_id, kind, at, actor_kind, actor_id, details"


def logged_event(row: Row) -> LoggedEvent:
    """A row of EVENT_COLUMNS; `details` is its JSON text."""
    details = json.loads(row["details"])
    role = details.get("role")
    return LoggedEvent(
        id=row["id"],
        conversation_id=row["conversation_id"],
        kind=row["kind"],
        at=row["at"],
        actor=Actor(ActorKind(row["actor_kind"]), row["actor_id"]),
        agent=details.get("agent"),
        from_agent=details.get("from_agent"),
        department=details.get("department"),
        score=details.get("score"),
        note=details.get("note", ""),
        role=ParticipantRole(role) if role else None,
        seq=details.get("seq"),
        migrated=bool(details.get("migrated", False)),
    )
