"""How a message is read on SQLite: with what it quotes and the file it carries, made
into a StoredMessage (shared by the message writer and the message readers)."""

from __future__ import annotations

import sqlite3
from typing import Any

from relay.store.records import Attachment, KnownMessage, Quote, StoredMessage, Visibility
from shared_protocol import limits
from shared_protocol.frames import AuthorKind

# A message with what it quotes and the file it carries (columns in message()'s order).
_COLUMNS = (
    "m.conversation_id, m.seq, m.client_id, m.author, m.author_id, m.author_name, "
    "m.text, m.created_at, m.withdrawn_at, q.seq, q.author, q.author_name, q.text, "
    "q.withdrawn_at, f.id, f.name, f.size, f.content_type, m.visibility"
)
# A public message never shows an internal one it quotes: the visitor would read it.
_JOINS = (
    "FROM messages m "
    "LEFT JOIN messages q ON q.conversation_id = m.conversation_id AND q.seq = m.reply_to "
    "AND (q.visibility = 'public' OR m.visibility = 'internal') "
    "LEFT JOIN files f ON f.id = m.file_id "
)
SELECT_MESSAGES = f"SELECT {_COLUMNS} {_JOINS}"
# The same with a withdrawn message's text as sent, from its audit record (see known()).
# Read only for resends, which are rare: withdrawals needs no index for it.
SELECT_KNOWN_MESSAGES = (
    f"SELECT {_COLUMNS}, w.text {_JOINS}"
    "LEFT JOIN withdrawals w ON w.conversation_id = m.conversation_id AND w.seq = m.seq "
)
PUBLIC_ONLY = "AND m.visibility = 'public' "


def message(row: sqlite3.Row | tuple[Any, ...]) -> StoredMessage:
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


def known(row: sqlite3.Row | tuple[Any, ...]) -> KnownMessage:
    """A row of SELECT_KNOWN_MESSAGES: the message, and the text it was sent with."""
    return KnownMessage(message(row), sent_text=row[6] if row[19] is None else row[19])
