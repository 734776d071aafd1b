"""The message writer on SQLite: a run of queued messages numbered and inserted at once,
inside the writer's batch transaction (relay/store/sqlite/database.py).

Sequence numbers come from the conversation's counter (conversations.last_seq):
`UPDATE … SET last_seq = last_seq + n … RETURNING last_seq` reserves each conversation's n
numbers in the transaction that inserts the messages, so they commit or roll back
together and no process keeps numbers of its own. From a few conversations on, one
statement serves all of the run's (their counts as JSON): a statement per conversation
cost about 5 µs a message when batches hold one message per conversation. Resends are rare: the run
is inserted first, and stored copies are looked up only when the unique index on client
ids says that one of the ids is known already; then everything is undone to the
savepoint and done again knowing them, so that a resend takes no number.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable

from relay.core.resends import is_resend
from relay.store.errors import MessageIdTaken, StoreBug
from relay.store.records import (
    Appended,
    KnownMessage,
    NewMessage,
    StoredMessage,
    StoreEventKind,
    Visibility,
)
from relay.store.sqlite.database import Outcome, chunks
from relay.store.sqlite.events import INSERT_EVENT, event_row
from relay.store.sqlite.message_rows import SELECT_KNOWN_MESSAGES, known
from shared_protocol.frames import AuthorKind
from shared_protocol.lifecycle import Actor

MessageKey = tuple[str, str, int]  # client id, author kind, author id

_INSERT_MESSAGE = (
    "INSERT INTO messages (conversation_id, seq, client_id, author, author_id, author_name, "
    "text, created_at, reply_to, file_id, visibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_RESERVE_ONE = (
    "UPDATE conversations SET last_seq = last_seq + ? WHERE id = ? RETURNING id, last_seq"
)
# One statement for every conversation of the run: {"<conversation id>": <count>, ...}.
# It costs more than one _RESERVE_ONE (json_each and a join to set up), less than about
# six of them.
_JSON_FROM = 6
_RESERVE_MANY = (
    "UPDATE conversations SET last_seq = last_seq + n.value FROM json_each(?) AS n "
    "WHERE conversations.id = CAST(n.key AS INTEGER) "
    "RETURNING conversations.id, conversations.last_seq"
)
# The unique index one_first_agent_reply keeps all but the first.
_FIRST_REPLY = INSERT_EVENT.replace("INSERT INTO", "INSERT OR IGNORE INTO", 1)


def append_messages(db: sqlite3.Connection, appends: list[NewMessage]) -> list[Outcome]:
    """The batch runner for queued messages: one outcome per message, in order. Like
    every BatchRunner it undoes its own work when it raises (one savepoint: the writer
    adds none of its own around runners, a statement less per batch)."""
    db.execute("SAVEPOINT appends")
    try:
        try:
            outcomes = _append(db, appends, {})
        except sqlite3.IntegrityError:
            db.execute("ROLLBACK TO appends")
            # Again knowing the stored ones; failing again is a broken invariant (the
            # database raises, and the writer reports the run as a bug).
            outcomes = _append(db, appends, _known_ids(db, appends))
    except BaseException:
        with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back already
            db.execute("ROLLBACK TO appends")
            db.execute("RELEASE appends")
        raise
    db.execute("RELEASE appends")
    return outcomes


def _key(new: NewMessage) -> MessageKey:
    return (new.client_id, new.author.value, new.author_id)


def _append(
    db: sqlite3.Connection, appends: list[NewMessage], known: dict[MessageKey, KnownMessage]
) -> list[Outcome]:
    """Give each new message the next sequence number of its conversation; a known id is
    a duplicate or a conflict, as relay.core.resends decides. (One piece on purpose: the
    hot path of every message, where a call per step costs what a split would save.)"""
    keys = [(new.client_id, new.author.value, new.author_id) for new in appends]
    # Usually no id is known nor sent twice in the run: then every message is new, and
    # nothing needs remembering for the copies that follow (this runs once a message).
    repeats = bool(known) or len(set(keys)) != len(keys)
    wanted: Counter[int] = Counter()
    if repeats:
        seen: set[MessageKey] = set()
        for new, key in zip(appends, keys, strict=True):
            if key not in known and key not in seen:
                seen.add(key)
                wanted[new.conversation_id] += 1
    else:
        wanted.update(new.conversation_id for new in appends)
    next_seq = _reserve(db, wanted)
    rows: list[tuple[object, ...]] = []
    outcomes: list[Outcome] = []
    replies: dict[int, StoredMessage] = {}  # each conversation's first public agent message
    for new, key in zip(appends, keys, strict=True):
        before = known.get(key) if repeats else None
        if before is not None:
            outcomes.append(_again(new, before))
            continue
        conversation_id = new.conversation_id
        seq = next_seq.get(conversation_id)
        if seq is None:
            bug = StoreBug(f"a message for conversation {conversation_id}, which does not exist")
            outcomes.append((None, bug))
            continue
        next_seq[conversation_id] = seq + 1
        stored = StoredMessage(
            conversation_id,
            seq,
            new.client_id,
            new.author,
            new.author_id,
            new.author_name,
            new.text,
            new.created_at,
            new.reply_to,
            new.file,
            False,
            new.visibility,
        )
        if repeats:
            known[key] = KnownMessage(stored, new.text)  # a second copy in this run is too
        if new.author is AuthorKind.AGENT and new.visibility is Visibility.PUBLIC:
            replies.setdefault(conversation_id, stored)
        rows.append(
            (
                conversation_id,
                seq,
                new.client_id,
                key[1],
                new.author_id,
                new.author_name,
                new.text,
                new.created_at,
                new.reply_to.seq if new.reply_to else None,
                new.file.id if new.file else None,
                new.visibility.value,
            )
        )
        outcomes.append((Appended(stored, duplicate=False), None))
    db.executemany(_INSERT_MESSAGE, rows)
    if replies:
        _log_first_replies(db, replies.values())
    return outcomes


def _reserve(db: sqlite3.Connection, wanted: Counter[int]) -> dict[int, int]:
    """Take `wanted[c]` numbers from each conversation's counter; the first of each.
    A conversation that does not exist gets none."""
    if len(wanted) < _JSON_FROM:
        rows = [r for c, n in wanted.items() for r in db.execute(_RESERVE_ONE, (n, c)).fetchall()]
    else:
        counts = json.dumps({str(c): n for c, n in wanted.items()}, separators=(",", ":"))
        rows = db.execute(_RESERVE_MANY, (counts,)).fetchall()
    return {c: last - wanted[c] + 1 for c, last in rows}


def _again(new: NewMessage, before: KnownMessage) -> Outcome:
    if is_resend(
        new.author,
        stored_in=before.message.conversation_id,
        sent_text=before.sent_text,
        sent_to=new.conversation_id,
        text=new.text,
        stored_internal=before.message.visibility is Visibility.INTERNAL,
        internal=new.visibility is Visibility.INTERNAL,
    ):
        return Appended(before.message, duplicate=True), None
    return None, MessageIdTaken(new.client_id)


def _log_first_replies(db: sqlite3.Connection, first: Iterable[StoredMessage]) -> None:
    """Each conversation's first public agent message of the run is its first reply if it
    has none yet: logged once (OR IGNORE against the unique index), whichever run brings it."""
    kind = StoreEventKind.FIRST_AGENT_REPLY.value
    db.executemany(
        _FIRST_REPLY,
        [
            event_row(
                m.conversation_id,
                kind,
                m.created_at,
                Actor.agent(m.author_id),
                agent=m.author_id,
                seq=m.seq,
            )
            for m in first
        ],
    )


def _known_ids(
    db: sqlite3.Connection, messages: list[NewMessage]
) -> dict[MessageKey, KnownMessage]:
    client_ids = sorted({m.client_id for m in messages})
    found: dict[MessageKey, KnownMessage] = {}
    for chunk in chunks(client_ids):
        marks = ",".join("?" * len(chunk))
        query = f"{SELECT_KNOWN_MESSAGES} WHERE m.client_id IN ({marks})"
        for row in db.execute(query, chunk):
            message = known(row)
            stored = message.message
            found[(stored.client_id, stored.author.value, stored.author_id)] = message
    return found
