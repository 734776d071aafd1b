"""The message writer on SQLite: a run of queued messages numbered and inserted at once,
inside the writer's batch transaction (relay/store/sqlite/database.py).

Sequence numbers come from the conversation's counter (conversations.last_seq):
`UPDATE … SET last_seq = last_seq + n … RETURNING last_seq` reserves each conversation's n
numbers in the transaction that inserts the messages, so they commit or roll back
together and no process keeps numbers of its own. From a few conversations on, one
statement serves all of the run's (their counts as JSON): a statement per conversation
cost about 5 µs a message when batches hold one message per conversation. Resends are
rare: the run is inserted first, and stored copies are looked up only when the unique
index on client ids says that one of the ids is known already; then everything is undone
to the savepoint and done again knowing them, so that a resend takes no number (the
numbering itself, shared with PostgreSQL, is relay/store/numbering.py).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import Counter
from collections.abc import Collection, Iterable

from relay.store.changes import event_row
from relay.store.group_commit import Outcome
from relay.store.numbering import MessageKey, RunPlan, message_key
from relay.store.records import KnownMessage, NewMessage, StoredMessage, StoreEventKind
from relay.store.rows import SELECT_KNOWN_MESSAGES, known
from relay.store.sqlite.database import chunks
from relay.store.sqlite.events import INSERT_EVENT
from shared_protocol.lifecycle import Actor

_INSERT_MESSAGE = (
    "INSERT INTO messages (conversation_id, seq, client_id, author, author_id, author_name, "
    "text, created_at, reply_to, file_id, visibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# A closed conversation takes no more messages: it returns no row, like a missing one.
_RESERVE_ONE = (
    "UPDATE conversations SET last_seq = last_seq + ? WHERE id = ? AND status <> 'closed' "
    "RETURNING id, last_seq"
)
# One statement for every conversation of the run: {"<conversation id>": <count>, ...}.
# It costs more than one _RESERVE_ONE (json_each and a join to set up), less than about
# six of them.
_JSON_FROM = 6
_RESERVE_MANY = (
    "UPDATE conversations SET last_seq = last_seq + n.value FROM json_each(?) AS n "
    "WHERE conversations.id = CAST(n.key AS INTEGER) AND conversations.status <> 'closed' "
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


def _append(
    db: sqlite3.Connection, appends: list[NewMessage], known: dict[MessageKey, KnownMessage]
) -> list[Outcome]:
    """Give each new message the next sequence number of its conversation; a known id is
    a duplicate or a conflict (relay/store/numbering.py)."""
    plan = RunPlan(appends, known)
    first_seq = _reserve(db, plan.wanted)
    closed = _closed(db, plan.wanted.keys() - first_seq.keys())
    if closed:
        plan.learn(_known_ids(db, plan.closed_ones(closed)))
    numbered = plan.number(first_seq, closed)
    db.executemany(
        _INSERT_MESSAGE,
        [
            (
                m.conversation_id,
                m.seq,
                m.client_id,
                m.author.value,
                m.author_id,
                m.author_name,
                m.text,
                m.created_at,
                m.reply_to.seq if m.reply_to else None,
                m.file.id if m.file else None,
                m.visibility.value,
            )
            for m in numbered.new
        ],
    )
    if numbered.first_replies:
        _log_first_replies(db, numbered.first_replies)
    return numbered.outcomes


def _reserve(db: sqlite3.Connection, wanted: Counter[int]) -> dict[int, int]:
    """Take `wanted[c]` numbers from each conversation's counter; the first of each.
    A conversation that does not exist gets none."""
    if len(wanted) < _JSON_FROM:
        rows = [r for c, n in wanted.items() for r in db.execute(_RESERVE_ONE, (n, c)).fetchall()]
    else:
        counts = json.dumps({str(c): n for c, n in wanted.items()}, separators=(",", ":"))
        rows = db.execute(_RESERVE_MANY, (counts,)).fetchall()
    return {c: last - wanted[c] + 1 for c, last in rows}


def _closed(db: sqlite3.Connection, unnumbered: Collection[int]) -> set[int]:
    """Which of the conversations that got no numbers are closed (the others are missing);
    asked only when some got none, which is rare."""
    if not unnumbered:
        return set()
    marks = ",".join("?" * len(unnumbered))
    query = f"SELECT id FROM conversations WHERE status = 'closed' AND id IN ({marks})"
    return {row[0] for row in db.execute(query, list(unnumbered))}


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
            found[message_key(message.message)] = message
    return found
