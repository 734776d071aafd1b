"""Numbering a run of queued messages, for every back end: which conversations need how
many new sequence numbers, and, once the back end has reserved them from its counters,
each message's number, its answer, and each conversation's first public agent reply.

A known client id (stored before, or earlier in the same run) takes no number: it is a
duplicate or a conflict, as relay.core.resends decides. The back end finds the known ids
(usually none: it learns of one only when its unique index on client ids says so).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from relay.core.resends import is_resend
from relay.store.errors import ConversationIsClosed, MessageIdTaken, StoreBug
from relay.store.group_commit import Outcome
from relay.store.records import Appended, KnownMessage, NewMessage, StoredMessage, Visibility
from shared_protocol.frames import AuthorKind

MessageKey = tuple[str, str, int]  # client id, author kind, author id


def message_key(message: StoredMessage | NewMessage) -> MessageKey:
    return (message.client_id, message.author.value, message.author_id)


@dataclass(slots=True)
class Numbered:
    outcomes: list[Outcome]  # one per queued message, in order
    new: list[StoredMessage] = field(default_factory=list)  # to insert, in order
    # Each conversation's first public agent message of the run: its first reply, if it
    # has none logged yet.
    first_replies: list[StoredMessage] = field(default_factory=list)


class RunPlan:
    """A run of queued messages, with the ids the back end knows of them already."""

    def __init__(self, appends: list[NewMessage], known: dict[MessageKey, KnownMessage]) -> None:
        self.appends = appends
        self.keys = [(new.client_id, new.author.value, new.author_id) for new in appends]
        self._known = known
        # Usually no id is known nor sent twice in the run: then every message is new, and
        # nothing needs remembering for the copies that follow (this runs once a message).
        self.repeats = bool(known) or len(set(self.keys)) != len(self.keys)
        self.wanted: Counter[int] = Counter()  # numbers each conversation needs
        if self.repeats:
            seen: set[MessageKey] = set()
            for new, key in zip(appends, self.keys, strict=True):
                if key not in known and key not in seen:
                    seen.add(key)
                    self.wanted[new.conversation_id] += 1
        else:
            self.wanted.update(new.conversation_id for new in appends)

    def closed_ones(self, closed: Collection[int]) -> list[NewMessage]:
        """The messages of the run for these conversations (closed, as the back end found
        while reserving): their ids must be looked up, a resend of one stored before the
        close being acknowledged again rather than refused."""
        return [new for new in self.appends if new.conversation_id in closed]

    def learn(self, known: dict[MessageKey, KnownMessage]) -> None:
        """More ids the back end knows (those of closed_ones)."""
        if known:
            self._known = {**self._known, **known}
            self.repeats = True

    def number(self, first_seq: dict[int, int], closed: Collection[int] = ()) -> Numbered:
        """Number the run from `first_seq`, the first reserved number of each conversation.
        A conversation without one is `closed` (its messages are refused, alone) or does
        not exist (they fail as a bug, alone)."""
        next_seq = dict(first_seq)
        known = dict(self._known) if self.repeats else self._known
        numbered = Numbered([])
        replied: set[int] = set()
        for new, key in zip(self.appends, self.keys, strict=True):
            before = known.get(key) if self.repeats else None
            if before is not None:
                numbered.outcomes.append(_again(new, before))
                continue
            conversation_id = new.conversation_id
            seq = next_seq.get(conversation_id)
            if seq is None:
                failure: StoreBug | ConversationIsClosed = (
                    ConversationIsClosed(conversation_id)
                    if conversation_id in closed
                    else StoreBug(
                        f"a message for conversation {conversation_id}, which does not exist"
                    )
                )
                numbered.outcomes.append((None, failure))
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
            if self.repeats:
                known[key] = KnownMessage(stored, new.text)  # a second copy in this run is too
            if (
                new.author is AuthorKind.AGENT
                and new.visibility is Visibility.PUBLIC
                and conversation_id not in replied
            ):
                replied.add(conversation_id)
                numbered.first_replies.append(stored)
            numbered.new.append(stored)
            numbered.outcomes.append((Appended(stored, duplicate=False), None))
        return numbered


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
