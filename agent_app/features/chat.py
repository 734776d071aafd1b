"""The chat: the transcripts this app holds, the open chat's messages, replies until the
relay stores them, read receipts both ways, withdrawals, the visitor's draft, and the
offline search of the local cache."""

from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtCore import QCoreApplication

from agent_app import text as untrusted
from agent_app.bridge import FrameRouter
from agent_app.cache import TranscriptCache
from agent_app.features.alerts import Alerts
from agent_app.features.effects import Effects
from agent_app.i18n import fill
from agent_app.models.conversations import ConversationsModel
from agent_app.models.messages import Delivery, Entry, MessagesModel
from agent_app.net.session import AgentSession
from agent_app.selection import Selection
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from shared_protocol.frames import AuthorKind


class ChatView(Protocol):
    def show_preview(self, text: str) -> None: ...
    def show_search_results(self, lines: list[str]) -> None: ...
    def isActiveWindow(self) -> bool: ...


class PreviewFetcher(Protocol):
    def preview(self, file: frames.Attachment | None) -> None: ...


class ChatController:
    def __init__(
        self,
        *,
        session: AgentSession,
        cache: TranscriptCache,
        conversations: ConversationsModel,
        messages: MessagesModel,
        selection: Selection,
        view: ChatView,
        alerts: Alerts,
        effects: Effects,
        previews: PreviewFetcher,
        router: FrameRouter,
    ) -> None:
        self.session = session
        self.cache = cache
        self.conversations = conversations
        self.messages = messages
        self.selection = selection
        self.view = view
        self.alerts = alerts
        self.effects = effects
        self.previews = previews
        self.failed: set[str] = set()  # own replies the relay refused (double-click: again)
        self.visitor_read: dict[int, int] = {}  # conversation → seq the visitor has read
        self.read_sent: dict[int, int] = {}  # conversation → seq this agent said it read
        # visitor → what they are typing now, kept for every visitor: the agent who picks
        # one sees the question already forming, not only what comes after the click.
        self.drafts: dict[int, str] = {}
        on = router.on
        on(frames.LoginOk, self._logged_in)
        on(frames.ConversationOpened, lambda f: self._conversation(f.conversation))
        on(frames.ConversationUpdated, lambda f: self._conversation(f.conversation))
        on(frames.Message, lambda f: self._message(f.message))
        on(frames.History, self._history)
        on(frames.Ack, self._acknowledged)
        on(frames.MessageWithdrawn, lambda f: self._withdrawn(f.conversation, f.seq))
        on(frames.TypingPreview, self._typing_preview)
        on(frames.VisitorLeft, lambda f: self._forget_drafts([f.visitor]))
        on(frames.VisitorsChanged, lambda f: self._forget_drafts(f.left))
        on(frames.ReadReceipt, self._read)
        on(frames.Error, self._refused)

    @property
    def transcripts(self) -> dict[int, dict[int, frames.ChatMessage]]:
        """Every stored message held here: conversation → seq → message."""
        return self.session.transcripts

    # ------------------------------------------------------------ shown

    def show(self, conversation_id: int, visitor_id: int) -> None:
        """The selected chat's transcript, with the replies still on their way."""
        self.view.show_preview(self.drafts.get(visitor_id, ""))
        pending = [self._pending_entry(m) for m in self.session.unacknowledged(conversation_id)]
        shown = list(self.transcripts.get(conversation_id, {}).values())
        self.messages.show(shown, pending)
        self.messages.seen_through(self.visitor_read.get(conversation_id, 0))
        self._mark_read(conversation_id)
        for message in shown:
            self.previews.preview(message.file)

    def show_none(self, visitor_id: int) -> None:
        """A visitor watched before any chat exists: an empty transcript, their draft."""
        self.messages.show([], [])
        self.view.show_preview(self.drafts.get(visitor_id, ""))

    def remember(self, message: frames.ChatMessage, *, read: bool) -> None:
        """A message from the cache or a welcome: held, listed, shown if its chat is."""
        if self.session.hold(message):
            self._show_held(message, read=read)

    def forget(self) -> None:
        """The relay's history was replaced (AgentSession.history_replaced): the read marks
        known belong to the old one, and the open chat keeps only what comes afresh."""
        self.visitor_read.clear()
        self.read_sent.clear()
        self.messages.show([], [])

    async def search(self, words: str) -> None:
        """The offline search: the local cache, also without a connection."""
        found = await self.cache.search(words)
        lines = [
            f"#{m.conversation} {time.strftime('%Y-%m-%d %H:%M', time.localtime(m.ts))}  "
            f"{m.author_name or m.author.value}: {m.text}"
            for m in found
        ]
        self.view.show_search_results(lines)

    # ------------------------------------------------------------ frames

    def _logged_in(self, welcome: frames.LoginOk) -> None:
        self.messages.me = welcome.agent.id
        for info in welcome.conversations:
            self._conversation(info)

    def _conversation(self, info: frames.ConversationInfo) -> None:
        """Its last message (the list is complete before any transcript comes) and how far
        each side has read."""
        last = info.last_message
        if last is not None and self.session.hold(last):
            self._show_held(last, read=True)
            # Cached too: the history that follows skips what is held already, so a last
            # message first heard of here (stored while the app was away) was never cached.
            self.effects.later(self.cache.save_messages([last]))
        self._seen_by_visitor(info.id, info.visitor_read_seq)
        self.read_sent[info.id] = max(self.read_sent.get(info.id, 0), info.agent_read_seq)

    def _history(self, history: frames.History) -> None:
        """A page of a transcript (up to 100 messages; a fresh login brings hundreds of
        pages): held, listed, cached and counted once per page, not once per message."""
        held = [m for m in history.messages if self.session.hold(m)]
        if held:
            self.conversations.messages(held, read=True)
            if self.selection.shows(history.conversation):
                for message in held:
                    self.messages.add(message)
                    self.previews.preview(message.file)
            self.effects.later(self.cache.save_messages(held))
            self.effects.unread_changed()
        next_page = self.session.next_page(history)
        if next_page is not None:
            self.effects.send(next_page)

    def _message(self, message: frames.ChatMessage) -> None:
        if message.seq in self.transcripts.get(message.conversation, {}):
            return  # held already: shown once
        shown = self.selection.shows(message.conversation)
        seen = shown and self.view.isActiveWindow()
        self.remember(message, read=seen)
        self.effects.later(self.cache.save_messages([message]))
        if message.author is AuthorKind.VISITOR:
            if seen:
                self._mark_read(message.conversation)
            self.drafts.pop(message.author_id, None)  # the message came: the draft is gone
            if shown:
                self.view.show_preview("")
            self.alerts.wrote(message, seen=seen)
        self.effects.unread_changed()

    def _acknowledged(self, ack: frames.Ack) -> None:
        """The client has told the session; the reply now shows as the stored message."""
        self.failed.discard(ack.id)
        self.effects.later(self.cache.remove_unsent(ack.id))
        stored = self.transcripts.get(ack.conversation, {}).get(ack.seq)
        if stored is not None and stored.id == ack.id:
            self._show_held(stored, read=True)
            self.effects.later(self.cache.save_messages([stored]))

    def _withdrawn(self, conversation_id: int, seq: int) -> None:
        """Take the message out of every place that shows or keeps it."""
        self.session.withdraw(conversation_id, seq)
        if self.selection.shows(conversation_id):
            self.messages.withdrawn(seq)
        self.conversations.withdrawn(conversation_id, seq)
        self.effects.later(self.cache.withdraw(conversation_id, seq))

    def _typing_preview(self, preview: frames.TypingPreview) -> None:
        # The chat with this visitor is open, or the agent watches a visitor who has no chat
        # yet: either way the question can be seen forming.
        if preview.text:
            self.drafts[preview.visitor] = preview.text
        else:
            self.drafts.pop(preview.visitor, None)
        if self.selection.visitor == preview.visitor:
            self.view.show_preview(preview.text)

    def _forget_drafts(self, visitors: list[int]) -> None:
        for visitor in visitors:  # they left the site
            self.drafts.pop(visitor, None)

    def _read(self, receipt: frames.ReadReceipt) -> None:
        """The visitor has read the agents' messages up to a seq: they show "seen"."""
        if receipt.by is AuthorKind.VISITOR:
            self._seen_by_visitor(receipt.conversation, receipt.seq)

    def _refused(self, error: frames.Error) -> None:
        if error.ref is not None and self.session.reply(error.ref) is not None:
            self.failed.add(error.ref)
            self.messages.set_delivery(error.ref, Delivery.FAILED)
            if error.code is not ErrorCode.UNAVAILABLE:  # refused for what it is
                # Never again by itself (a reconnect, a restart): the chat may since be
                # one this agent may post into, and the visitor would get it long after.
                self.session.refused(error.ref)
                self.effects.later(self.cache.remove_unsent(error.ref))
            if error.code is ErrorCode.FORBIDDEN:  # the relay names who answers the chat
                line = QCoreApplication.translate("Chat", "Not sent: %1")
                self.effects.say(fill(line, untrusted.shown(error.detail, one_line=True)))
                return
        self.effects.say(
            fill(
                QCoreApplication.translate("Chat", "The relay refused: %1 (%2)"),
                error.code,
                error.detail,
            )
        )

    def _seen_by_visitor(self, conversation_id: int, seq: int) -> None:
        if seq <= self.visitor_read.get(conversation_id, 0):
            return
        self.visitor_read[conversation_id] = seq
        if self.selection.shows(conversation_id):
            self.messages.seen_through(seq)

    def _mark_read(self, conversation_id: int) -> None:
        """Tell the relay (and so the visitor) what this agent has now seen; not of a chat
        handed out of their view (the relay refuses it: another department's now)."""
        row = self.conversations.row(conversation_id)
        if row is not None and row.out_of_view is not None:
            return
        newest = max(self.transcripts.get(conversation_id, {}), default=0)
        if newest > self.read_sent.get(conversation_id, 0):
            self.read_sent[conversation_id] = newest
            self.effects.send(frames.AgentRead(conversation=conversation_id, seq=newest))

    def _show_held(self, message: frames.ChatMessage, *, read: bool) -> None:
        self.conversations.message(message, read=read)
        if self.selection.shows(message.conversation):
            self.messages.add(message)
            self.previews.preview(message.file)

    # ------------------------------------------------------------ the agent's intents

    def reply(
        self,
        conversation_id: int,
        text: str,
        quoted: int = 0,
        file: frames.Attachment | None = None,
    ) -> None:
        message = self.session.write(conversation_id, text, reply_to=quoted or None, file=file)
        self.effects.send(message)  # now if connected; else it goes with the next welcome
        if self.selection.shows(conversation_id):
            self.messages.add_pending(self._pending_entry(message))
        self.effects.later(self.cache.add_unsent(message))

    def note(self, conversation_id: int, text: str, quoted: int = 0) -> None:
        """A note for the agents of the chat (a supervisor's is a whisper): stored and
        numbered like a reply, never sent to the visitor."""
        note = self.session.write_note(conversation_id, text, reply_to=quoted or None)
        self.effects.send(note)
        if self.selection.shows(conversation_id):
            self.messages.add_pending(self._pending_entry(note))
        self.effects.later(self.cache.add_unsent(note))

    def retry(self, message_id: str) -> None:
        message = self.session.retrying(message_id)
        if message is not None:
            self.failed.discard(message_id)
            self.messages.set_delivery(message_id, Delivery.SENDING)
            self.effects.send(message)
            self.effects.later(self.cache.add_unsent(message))

    def withdraw(self, conversation_id: int, seq: int) -> None:
        self.effects.send(frames.Withdraw(conversation=conversation_id, seq=seq))

    def typing(self, conversation_id: int, active: bool) -> None:
        self.effects.send(frames.AgentTypingSet(conversation=conversation_id, active=active))

    def fetch(self, conversation_id: int) -> None:
        """The transcript of a chat not held yet (an earlier one of the visitor)."""
        fetch = self.session.fetch(conversation_id)
        if fetch is not None:
            self.effects.send(fetch)

    def _pending_entry(self, message: frames.AgentSend | frames.Note) -> Entry:
        """How a reply not yet stored shows: sending, or refused (double-click to retry)."""
        internal = isinstance(message, frames.Note)
        me = self.session.me.id if self.session.me else None
        return Entry(
            id=message.id,
            author=AuthorKind.AGENT,
            author_name=self.session.me.display_name if self.session.me else "",
            text=message.text,
            ts=time.time(),
            seq=None,
            delivery=Delivery.FAILED if message.id in self.failed else Delivery.SENDING,
            quote=self.session.quote_of(message.conversation, message.reply_to),
            file=self.session.file_of(message),
            internal=internal,
            whisper=internal and me in self.messages.whisperers,
        )
