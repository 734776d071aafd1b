"""One agent's session with the relay, without I/O: what this app holds of the record, and
what it still owes the relay.

It alone owns the outbox (replies written but not yet acknowledged, in writing order),
acknowledgements, and resume positions, with the relay's epoch they belong to: positions
from another epoch (a database restored or copied since) are void and dropped. The client
asks it what to send at login and after the welcome; whoever handles frames tells it what
arrived. Nothing here touches a socket, Qt or the disk, so the rules of "nothing
acknowledged is lost, nothing shown twice" are tested as plain functions
(tests/unit/test_agent_session.py, tests/unit/test_agent_epoch.py).
"""

from __future__ import annotations

import uuid

from msgspec.structs import replace

from shared_protocol import PROTOCOL_VERSION, frames, limits
from shared_protocol.frames import AuthorKind

# What waits in the outbox: replies to the visitor, and notes among agents (whispers).
Outgoing = frames.AgentSend | frames.Note


class AgentSession:
    def __init__(self) -> None:
        # conversation → seq → message: every stored message this app holds
        self.transcripts: dict[int, dict[int, frames.ChatMessage]] = {}
        self.me: frames.AgentInfo | None = None
        self._outbox: dict[str, Outgoing] = {}  # insertion order = writing order
        self._files: dict[str, frames.Attachment] = {}  # files of replies in the outbox
        # Replies the relay refused for what they are (another agent answers the chat, it
        # closed): sent again only when the agent asks, never by a reconnect.
        self._held_back: set[str] = set()
        self._named: set[int] = set()  # conversations the last login frame resumed
        # The relay's epoch the transcripts belong to (docs/protocol.md §5.4); "": unknown.
        self.epoch = ""
        # The last welcome was of another epoch: everything held before it was dropped, so
        # whatever shows or keeps a copy of it must drop it too.
        self.history_replaced = False

    # ------------------------------------------------------------ the outbox

    def write(
        self,
        conversation: int,
        text: str,
        *,
        reply_to: int | None = None,
        file: frames.Attachment | None = None,
    ) -> frames.AgentSend:
        """A new reply: it keeps its id until acknowledged, so a resend is never doubled."""
        message = frames.AgentSend(
            id=uuid.uuid4().hex,
            conversation=conversation,
            text=text,
            reply_to=reply_to,
            file=file.id if file else None,
        )
        self.restore(message, file)
        return message

    def write_note(
        self, conversation: int, text: str, *, reply_to: int | None = None
    ) -> frames.Note:
        """A note for the agents of the chat: kept and resent like a reply, never the
        visitor's (the relay delivers it to agents only)."""
        note = frames.Note(
            id=uuid.uuid4().hex, conversation=conversation, text=text, reply_to=reply_to
        )
        self.restore(note)
        return note

    def restore(self, message: Outgoing, file: frames.Attachment | None = None) -> None:
        """Put back a reply kept from an earlier run (the cache's unsent replies)."""
        self._outbox.setdefault(message.id, message)
        if file is not None:
            self._files[file.id] = file

    def unacknowledged(self, conversation: int | None = None) -> list[Outgoing]:
        """Replies the relay has not stored yet, in the order they were written."""
        return [
            m
            for m in self._outbox.values()
            if conversation is None or m.conversation == conversation
        ]

    def reply(self, message_id: str) -> Outgoing | None:
        return self._outbox.get(message_id)

    def refused(self, message_id: str) -> bool:
        """The relay refused this reply and would again: hold it back until `retrying`.
        True when it is one of the outbox's."""
        if message_id not in self._outbox:
            return False
        self._held_back.add(message_id)
        return True

    def retrying(self, message_id: str) -> Outgoing | None:
        """The agent asks to send a refused reply again."""
        self._held_back.discard(message_id)
        return self._outbox.get(message_id)

    def file_of(self, message: Outgoing) -> frames.Attachment | None:
        if isinstance(message, frames.Note):
            return None
        return self._files.get(message.file or "")

    def acknowledged(self, ack: frames.Ack) -> frames.ChatMessage | None:
        """The relay stored a reply: it leaves the outbox and becomes a held message.
        None for an ack of a reply not written here (another app of the same agent)."""
        message = self._outbox.pop(ack.id, None)
        self._held_back.discard(ack.id)
        if message is None or self.me is None:
            return None
        note = isinstance(message, frames.Note)
        file = None if note else self._files.pop(getattr(message, "file", None) or "", None)
        stored = frames.ChatMessage(
            conversation=ack.conversation,
            seq=ack.seq,
            id=ack.id,
            author=AuthorKind.AGENT,
            author_id=self.me.id,
            author_name=self.me.display_name,
            text=message.text,
            ts=ack.ts,
            reply_to=self.quote_of(ack.conversation, message.reply_to),
            file=file,
            visibility=frames.Visibility.INTERNAL if note else frames.Visibility.PUBLIC,
        )
        self.hold(stored)
        return stored

    # ------------------------------------------------------------ the record held

    def hold(self, message: frames.ChatMessage) -> bool:
        """Keep a stored message; False when it is held already (it is shown once)."""
        held = self.transcripts.setdefault(message.conversation, {})
        if message.seq in held:
            return False
        held[message.seq] = message
        return True

    def withdraw(self, conversation: int, seq: int) -> None:
        """A withdrawn message keeps its place but loses its text and file, in quotes too."""
        transcript = self.transcripts.get(conversation, {})
        for held in list(transcript.values()):
            if held.seq == seq:
                transcript[seq] = replace(held, text="", file=None, withdrawn=True)
            elif held.reply_to is not None and held.reply_to.seq == seq:
                quote = replace(held.reply_to, text="", withdrawn=True)
                transcript[held.seq] = replace(held, reply_to=quote)

    def held_through(self, conversation: int) -> int:
        """The highest seq up to which this app holds every message, without a gap."""
        messages = self.transcripts.get(conversation, {})
        held = 0
        while held + 1 in messages:
            held += 1
        return held

    def quote_of(self, conversation: int, seq: int | None) -> frames.Quote | None:
        quoted = self.transcripts.get(conversation, {}).get(seq or 0)
        if quoted is None:
            return None
        return frames.Quote(
            seq=quoted.seq,
            author=quoted.author,
            author_name=quoted.author_name,
            text=quoted.text[: limits.QUOTE_CHARS],
            withdrawn=quoted.withdrawn,
        )

    # ------------------------------------------------------------ login and resume

    def login(
        self, user: str, password: str, token: str | None, status: frames.AgentStatus
    ) -> frames.Login:
        """The login frame: it says where each held conversation resumes."""
        points = [
            frames.ResumePoint(conversation=c, after_seq=self.held_through(c))
            for c in self.transcripts
        ]
        self._named = {p.conversation for p in points[: limits.MAX_RESUME_POINTS]}
        return frames.Login(
            v=PROTOCOL_VERSION,
            user=user,
            password=password,
            token=token,
            status=status,
            resume=points[: limits.MAX_RESUME_POINTS],
            epoch=self.epoch,  # from another, the relay answers these points from 0
        )

    def welcomed(self, welcome: frames.LoginOk) -> list[frames.Frame]:
        """What to send once logged in: the whole transcript of every open conversation
        this app has never held (a new PC, a chat begun elsewhere), then the unsent
        replies in writing order. The login's resume points brought the rest up to date.

        A welcome of another epoch than the one held means the relay's database was
        restored or copied: the same sequence numbers now name other messages, so nothing
        held is kept and every transcript is fetched afresh (the relay answers the login's
        points from 0, having seen the epoch they came from)."""
        self.me = welcome.agent
        self.history_replaced = bool(self.epoch and welcome.epoch and welcome.epoch != self.epoch)
        if self.history_replaced:
            self.transcripts.clear()
        self.epoch = welcome.epoch or self.epoch
        fetch: list[frames.Frame] = [
            frames.Resume(conversation=info.id, after_seq=self.held_through(info.id))
            for info in welcome.conversations
            if info.id not in self._named  # the login resumed those it names (50 at most)
            and (info.id not in self.transcripts or self.held_through(info.id) < info.last_seq)
        ]
        for info in welcome.conversations:
            self.transcripts.setdefault(info.id, {})
        unsent = [m for m in self._outbox.values() if m.id not in self._held_back]
        return [*fetch, *unsent]

    def fetch(self, conversation: int) -> frames.Resume | None:
        """Ask for a conversation's transcript unless it is held or asked for (an earlier chat)."""
        if conversation in self.transcripts:
            return None
        self.transcripts.setdefault(conversation, {})
        return frames.Resume(conversation=conversation, after_seq=0)

    def next_page(self, history: frames.History) -> frames.Resume | None:
        """History comes in pages: ask for the next one after the last message of this one."""
        if not history.more or not history.messages:
            return None
        return frames.Resume(conversation=history.conversation, after_seq=history.messages[-1].seq)
