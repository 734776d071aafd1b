"""The message writer's transaction on PostgreSQL: a run of queued messages numbered and
inserted at once (the numbering itself is relay/store/numbering.py).

Sequence numbers come from the conversation's counter row: `UPDATE conversations SET
last_seq = last_seq + n … RETURNING` in the transaction that inserts the messages, so
numbers and messages commit or roll back together, whichever relay writes, and no
process keeps numbers of its own. Relays writing one conversation at once wait for each
other on its row; a run that touches many conversations locks their rows in the order
of their ids, as every run does, so two runs never hold one row each while waiting for
the other's (a deadlock PostgreSQL would have to break).

Resends are rare: a run is inserted with ON CONFLICT DO NOTHING on client ids, and only
when that leaves out a row (an id stored before, maybe by another relay a moment ago) is
the transaction undone and run again knowing the stored ids, so that a resend takes no
number. Each round trip counts here: a run is BEGIN, one UPDATE, one INSERT, (when an
agent replied) one INSERT of first replies, and COMMIT, however many messages it holds.
"""

from __future__ import annotations

from collections import Counter

from relay.store.changes import event_row
from relay.store.group_commit import Outcome
from relay.store.numbering import MessageKey, RunPlan, message_key
from relay.store.postgres.database import Connection, RunAgain
from relay.store.postgres.events import INSERT_EVENTS, event_columns
from relay.store.records import KnownMessage, NewMessage, StoredMessage, StoreEventKind
from relay.store.rows import SELECT_KNOWN_MESSAGES, known
from shared_protocol.lifecycle import Actor

# The counter rows locked in id order (ORDER BY … FOR UPDATE in a CTE kept apart from
# the UPDATE), then moved on; a conversation that does not exist, or is closed (it takes
# no more messages, whichever relay closed it), returns no row.
_RESERVE = (
    "WITH wanted AS MATERIALIZED ("
    " SELECT c.id, n.count FROM conversations c"
    " JOIN unnest($1::bigint[], $2::bigint[]) AS n(id, count) ON n.id = c.id"
    " WHERE c.status <> 'closed' ORDER BY c.id FOR UPDATE OF c) "
    "UPDATE conversations c SET last_seq = c.last_seq + w.count FROM wanted w "
    "WHERE c.id = w.id RETURNING c.id, c.last_seq"
)
_INSERT_MESSAGES = (
    "INSERT INTO messages (conversation_id, seq, client_id, author, author_id, author_name, "
    "text, created_at, reply_to, file_id, visibility) "
    "SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], "
    "$6::text[], $7::text[], $8::float8[], $9::bigint[], $10::text[], $11::text[]) "
    "ON CONFLICT (client_id, author, author_id) DO NOTHING"
)
# The unique index one_first_agent_reply keeps all but the first.
_FIRST_REPLIES = (
    f"{INSERT_EVENTS} ON CONFLICT (conversation_id) WHERE kind = 'first_agent_reply' DO NOTHING"
)


class AppendRun:
    """One run of queued messages, as a transaction for Database.transaction: called
    again from the start when it raised RunAgain."""

    def __init__(self, appends: list[NewMessage]) -> None:
        self.appends = appends
        self._look_up = False  # set once an insert met a stored id

    async def __call__(self, db: Connection) -> list[Outcome]:
        stored = await _known_ids(db, self.appends) if self._look_up else {}
        plan = RunPlan(self.appends, stored)
        first_seq = await _reserve(db, plan.wanted)
        unnumbered = plan.wanted.keys() - first_seq.keys()
        closed = await _closed(db, unnumbered) if unnumbered else set()
        if closed:
            plan.learn(await _known_ids(db, plan.closed_ones(closed)))
        numbered = plan.number(first_seq, closed)
        if numbered.new:
            inserted = await db.execute(_INSERT_MESSAGES, *_columns(numbered.new))
            if int(inserted.rsplit(" ", 1)[-1]) != len(numbered.new):
                self._look_up = True
                raise RunAgain  # undone, numbers and all: done again knowing the ids
        if numbered.first_replies:
            await db.execute(_FIRST_REPLIES, *event_columns(_replies(numbered.first_replies)))
        return numbered.outcomes


async def _reserve(db: Connection, wanted: Counter[int]) -> dict[int, int]:
    """Take `wanted[c]` numbers from each conversation's counter; the first of each."""
    if not wanted:
        return {}
    conversations = sorted(wanted)
    rows = await db.fetch(_RESERVE, conversations, [wanted[c] for c in conversations])
    return {row[0]: row[1] - wanted[row[0]] + 1 for row in rows}


async def _closed(db: Connection, unnumbered: set[int]) -> set[int]:
    """Which of the conversations that got no numbers are closed (the others are missing)."""
    rows = await db.fetch(
        "SELECT id FROM conversations WHERE status = 'closed' AND id = ANY($1::bigint[])",
        sorted(unnumbered),
    )
    return {row[0] for row in rows}


def _columns(messages: list[StoredMessage]) -> list[list[object]]:
    """The messages as one array per column, for the unnest() of _INSERT_MESSAGES."""
    return [
        [m.conversation_id for m in messages],
        [m.seq for m in messages],
        [m.client_id for m in messages],
        [m.author.value for m in messages],
        [m.author_id for m in messages],
        [m.author_name for m in messages],
        [m.text for m in messages],
        [m.created_at for m in messages],
        [m.reply_to.seq if m.reply_to else None for m in messages],
        [m.file.id if m.file else None for m in messages],
        [m.visibility.value for m in messages],
    ]


def _replies(first: list[StoredMessage]) -> list[tuple[int, str, float, str, int | None, str]]:
    kind = StoreEventKind.FIRST_AGENT_REPLY.value
    return [
        event_row(
            m.conversation_id,
            kind,
            m.created_at,
            Actor.agent(m.author_id),
            agent=m.author_id,
            seq=m.seq,
        )
        for m in first
    ]


async def _known_ids(db: Connection, messages: list[NewMessage]) -> dict[MessageKey, KnownMessage]:
    client_ids = sorted({m.client_id for m in messages})
    rows = await db.fetch(
        f"{SELECT_KNOWN_MESSAGES} WHERE m.client_id = ANY($1::text[])", client_ids
    )
    found = (known(row) for row in rows)
    return {message_key(message.message): message for message in found}
