"""The conversations that are not closed, as this relay last knows them.

A copy of the record kept current by the handlers that change it (new messages, read
marks, withdrawals, assignment), so that an agent's login and every conversation frame
cost no query. The store stays the record: this copy never holds a number above it. In a
cluster, `changed` tells the other relays, which read the record again (`refresh`).
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from relay.store.records import Conversation
from relay.wire import conversation_info, withdrawn_copy
from shared_protocol import frames, limits
from shared_protocol.frames import AuthorKind, ConversationStatus


class OpenConversations:
    def __init__(self) -> None:
        self._conversations: dict[int, Conversation] = {}
        self._by_visitor: dict[int, int] = {}  # visitor id → conversation id
        self._last_seq: dict[int, int] = {}  # conversation id → newest seq delivered
        # The newest message of each, as history shows it: what agents get in
        # ConversationInfo.last_message without a query per conversation.
        self._last_message: dict[int, frames.ChatMessage] = {}
        # Read marks stored since the record was read: conversation id → seq, per side.
        self._read_seq: dict[AuthorKind, dict[int, int]] = {
            AuthorKind.VISITOR: {},
            AuthorKind.AGENT: {},
        }
        # Called with a conversation's id when a handler here changed it (relay/cluster).
        self.changed: Callable[[int], None] | None = None
        # Conversations with a newer message than _last_message holds: stored through
        # another relay while nobody here needed it (read at the next login, behind()).
        self._behind: set[int] = set()
        # The note of each pending transfer, for its target (ConversationInfo.transfer_note):
        # kept by the relay that took the transfer (the transcript holds it too).
        self._transfer_notes: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._conversations)

    def get(self, conversation_id: int) -> Conversation | None:
        return self._conversations.get(conversation_id)

    def of_visitor(self, visitor_id: int) -> Conversation | None:
        """The visitor's conversation that is not closed, if any."""
        conversation_id = self._by_visitor.get(visitor_id)
        return None if conversation_id is None else self._conversations.get(conversation_id)

    def note_transfer(self, conversation_id: int, note: str) -> None:
        self._transfer_notes[conversation_id] = note

    def department_of(self, conversation_id: int) -> int | None:
        """The department of an open conversation; None: none (or not open here)."""
        conversation = self._conversations.get(conversation_id)
        return None if conversation is None else conversation.department_id

    def ids(self) -> set[int]:
        return set(self._conversations)

    def chats_per_agent(self) -> dict[int, int]:
        """How many open conversations each agent owns."""
        load: dict[int, int] = {}
        for conversation in self._conversations.values():
            if conversation.agent_id is not None:
                load[conversation.agent_id] = load.get(conversation.agent_id, 0) + 1
        return load

    def track(self, conversation: Conversation) -> None:
        """The conversation as a handler here has just stored it; a closed one is
        forgotten."""
        self._keep(conversation)
        if self.changed is not None:
            self.changed(conversation.id)

    def refresh(self, conversation: Conversation, newest: frames.ChatMessage | None) -> None:
        """The conversation and its newest message as the store has them (read again after
        another relay changed it)."""
        self._keep(conversation)
        if conversation.id in self._conversations:
            if newest is None:
                self._last_message.pop(conversation.id, None)
            else:
                self._last_message[conversation.id] = newest
                self._last_seq[conversation.id] = max(
                    newest.seq, self._last_seq.get(conversation.id, 0)
                )

    def _keep(self, conversation: Conversation) -> None:
        if conversation.status is ConversationStatus.CLOSED:
            self._conversations.pop(conversation.id, None)
            self._last_seq.pop(conversation.id, None)
            self._last_message.pop(conversation.id, None)
            for marks in self._read_seq.values():
                marks.pop(conversation.id, None)
            if self._by_visitor.get(conversation.visitor_id) == conversation.id:
                del self._by_visitor[conversation.visitor_id]
        else:
            self._conversations[conversation.id] = conversation
            self._by_visitor[conversation.visitor_id] = conversation.id
        if conversation.transfer_deadline is None:
            self._transfer_notes.pop(conversation.id, None)

    def note_message(self, message: frames.ChatMessage) -> None:
        """A message was stored (or read back from the store at start-up)."""
        conversation_id, seq = message.conversation, message.seq
        if seq >= self._last_seq.get(conversation_id, 0):
            self._behind.discard(conversation_id)
        if seq > self._last_seq.get(conversation_id, 0):
            self._last_seq[conversation_id] = seq
        if conversation_id not in self._conversations:
            return  # closed meanwhile: nobody lists it
        newest = self._last_message.get(conversation_id)
        if newest is None or seq >= newest.seq:
            self._last_message[conversation_id] = message

    def note_stored(self, conversation_id: int, seq: int) -> None:
        """A message was stored through another relay, and not read here (nobody here
        needed it yet): its seq is known, its text is behind()."""
        if conversation_id in self._conversations and seq > self._last_seq.get(conversation_id, 0):
            self._last_seq[conversation_id] = seq
            self._behind.add(conversation_id)

    def behind(self) -> list[int]:
        """The open conversations whose newest message is not the one kept here."""
        self._behind &= self._conversations.keys()
        return list(self._behind)

    def last_message(self, conversation_id: int) -> frames.ChatMessage | None:
        return self._last_message.get(conversation_id)

    def note_withdrawn(self, conversation_id: int, seq: int) -> None:
        """A message was withdrawn: the newest message changes if it is that one or
        quotes it."""
        newest = self._last_message.get(conversation_id)
        if newest is not None:
            self._last_message[conversation_id] = withdrawn_copy(newest, seq)
        if self.changed is not None:
            self.changed(conversation_id)

    def note_read(self, conversation_id: int, reader: AuthorKind, seq: int) -> None:
        """A read mark was stored; kept only for conversations tracked here."""
        marks = self._read_seq[reader]
        if conversation_id in self._conversations and seq > marks.get(conversation_id, 0):
            marks[conversation_id] = seq
            if self.changed is not None:
                self.changed(conversation_id)

    def read_mark(self, conversation: Conversation, reader: AuthorKind) -> int:
        """The newest read mark of one side known here (never above the stored one)."""
        stored = (
            conversation.visitor_read_seq
            if reader is AuthorKind.VISITOR
            else conversation.agent_read_seq
        )
        return max(stored, self._read_seq[reader].get(conversation.id, 0))

    def info(
        self, conversation: Conversation, *, for_visitor: bool = False
    ) -> frames.ConversationInfo:
        """As clients see it, with the newest sequence number and read marks (the record
        may be older). Agents get the newest message too; visitors do not (their frames
        stay small, and the widget has the transcript)."""
        last_seq = max(conversation.last_seq, self._last_seq.get(conversation.id, 0))
        transferring = conversation.transfer_deadline is not None and not for_visitor
        info = conversation_info(
            conversation,
            last_seq,
            visitor_read_seq=self.read_mark(conversation, AuthorKind.VISITOR),
            agent_read_seq=self.read_mark(conversation, AuthorKind.AGENT),
            last_message=None if for_visitor else self._last_message.get(conversation.id),
            for_visitor=for_visitor,
        )
        note = self._transfer_notes.get(conversation.id, "") if transferring else ""
        return msgspec.structs.replace(info, transfer_note=note) if note else info

    def snapshot(
        self, budget: int = limits.SNAPSHOT_LAST_MESSAGE_BYTES
    ) -> list[frames.ConversationInfo]:
        """Every open conversation for a login, with last messages while their texts fit
        in `budget` bytes (the frame must stay under MAX_RELAY_FRAME_BYTES)."""
        infos: list[frames.ConversationInfo] = []
        for conversation in self._conversations.values():
            info = self.info(conversation)
            if info.last_message is not None:
                budget -= len(info.last_message.text.encode())
                if budget < 0:
                    info = msgspec.structs.replace(info, last_message=None)
            infos.append(info)
        return infos
