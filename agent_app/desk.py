"""The agent's desk: what the app does with each frame from the relay and each intent
from the window. It owns the models, the cache, the tray, pop-ups and the chime; the
window only displays and asks.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from agent_app import text as untrusted
from agent_app.bridge import FrameRouter
from agent_app.cache import TranscriptCache
from agent_app.desk_files import DeskFiles
from agent_app.desk_phrases import DeskPhrases
from agent_app.models.conversations import ConversationsModel
from agent_app.models.messages import Delivery, Entry, MessagesModel
from agent_app.models.visitors import VisitorsModel, source_of, visit_label, visitor_label
from agent_app.net.client import ConnectionState, RelayClient
from agent_app.net.session import AgentSession
from agent_app.notify import NotifierChain
from agent_app.popups import Happening, PopUpBook
from agent_app.settings import Preferences
from agent_app.sound import Chime
from agent_app.tray import Tray
from agent_app.views.audit import WithdrawalsDialog
from agent_app.views.main_window import MainWindow
from shared_protocol import frames
from shared_protocol.frames import AgentStatus, AuthorKind

log = logging.getLogger("parley.agent.desk")
TICK_MILLISECONDS = 10_000

STATE_TEXT = {
    ConnectionState.CONNECTING: "Connecting…",
    ConnectionState.ONLINE: "Online",
    ConnectionState.OFFLINE: "Offline: reconnecting",
    ConnectionState.AUTH_FAILED: "Logged out",
    ConnectionState.STOPPED: "Stopped",
}


SOURCE_NAMES = {
    "search": "search",
    "paid_search": "ads",
    "social": "social",
    "referral": "links",
    "campaign": "campaigns",
    "internal": "this site",
    "direct": "direct",
}


def visitor_count_text(visitors: list[frames.VisitorInfo]) -> str:
    """`12 on the site now: 7 search, 3 direct, 2 social`."""
    if not visitors:
        return "Nobody on the site"
    counts: dict[str, int] = {}
    for info in visitors:
        name = SOURCE_NAMES.get(info.source, "direct")
        counts[name] = counts.get(name, 0) + 1
    parts = ", ".join(f"{n} {name}" for name, n in sorted(counts.items(), key=lambda c: -c[1]))
    return f"{len(visitors)} on the site now: {parts}"


def worth_a_pop_up(info: frames.VisitorInfo, preferences: Preferences) -> bool:
    """Whether an arrival pops up, so that a busy site does not flood the agent."""
    if not preferences.popup_arrivals:
        return False
    match preferences.arrivals_from:
        case "search":
            return info.source in ("search", "paid_search")
        case "returning":
            return info.visits > 1
        case "pages":
            page = info.landing or info.page
            url = page.url if page else ""
            parts = [p.strip() for p in preferences.arrival_pages.split(",") if p.strip()]
            return any(part in url for part in parts)
    return True


def arrival_text(info: frames.VisitorInfo) -> str:
    """What the arrival pop-up says: where from, how they came, where they landed."""

    def part(value: str) -> str:
        return untrusted.shown(value, max_chars=50, one_line=True)

    where = f"{part(info.location)} · " if info.location and info.country else ""
    landing = info.landing or info.page
    page = part(landing.title or untrusted.readable_url(landing.url)) if landing else "the site"
    return f"{where}{part(source_of(info))} · landed on {page} · {visit_label(info)}"


class Desk:
    def __init__(
        self,
        *,
        cache: TranscriptCache,
        preferences: Preferences,
        notifier: NotifierChain,
        chime: Chime,
        tray: Tray,
        session: AgentSession | None = None,
    ) -> None:
        self.cache = cache
        self.preferences = preferences
        self.notifier = notifier
        self.chime = chime
        self.tray = tray
        self.client: RelayClient | None = None
        self.me: frames.AgentInfo | None = None
        self.status = AgentStatus.ONLINE
        self.state = ConnectionState.CONNECTING
        self.visitors = VisitorsModel()
        self.conversations = ConversationsModel()
        self.messages = MessagesModel()
        self.session = session or AgentSession()  # the record held and the outbox
        self.failed: set[str] = set()  # own replies the relay refused (double-click: again)
        self.router = FrameRouter()
        self.confirm: Callable[[str, str], bool] = self._ask
        self.visitor_read: dict[int, int] = {}  # conversation → seq the visitor has read
        self.read_sent: dict[int, int] = {}  # conversation → seq this agent said it read
        self.audit: WithdrawalsDialog | None = None
        self.window = MainWindow(self.visitors, self.conversations, self.messages)
        self.phrases = DeskPhrases(self)
        self.files = DeskFiles(self)
        self.pop_ups = PopUpBook()
        self.gone: dict[int, float] = {}  # visitor → when they left the site
        self._tasks: set[asyncio.Future[Any]] = set()
        # Waiting times and time on site are shown in minutes: repaint them as time passes.
        self.ticker = QTimer(interval=TICK_MILLISECONDS)
        self.ticker.timeout.connect(self.conversations.refresh_times)
        self.ticker.timeout.connect(self.visitors.refresh_times)
        self.ticker.start()
        self._route()
        self._connect_window()
        self._said_no_tray = False

    # ------------------------------------------------------------ start-up

    async def show_cache(self) -> None:
        """Show what the cache holds at once, before the relay answers."""
        for info in await self.cache.conversations():
            self.conversations.upsert(info)
            for message in await self.cache.messages(info.id):
                self._remember(message, read=True)
        for unsent in await self.cache.unsent():
            self.session.restore(unsent)
        if not self.tray.available and not self._said_no_tray:
            self._said_no_tray = True
            self.window.statusBar().showMessage(
                "This desktop has no system tray: Parley works from this window.", 15000
            )

    @property
    def transcripts(self) -> dict[int, dict[int, frames.ChatMessage]]:
        """Every stored message held here: conversation → seq → message."""
        return self.session.transcripts

    # ------------------------------------------------------------ ClientListener

    def connection_changed(self, state: ConnectionState, detail: str) -> None:
        self.state = state
        text = STATE_TEXT[state]
        if state is ConnectionState.ONLINE and detail:
            text = f"Online as {detail}"
        elif state is ConnectionState.AUTH_FAILED and detail:
            text = f"Logged out: {detail}"
        self.window.show_connection(text)
        self._show_tray()

    def frame_received(self, frame: frames.Frame) -> None:
        self.router.dispatch(frame)

    def _route(self) -> None:
        on = self.router.on
        on(frames.LoginOk, self._welcome)
        on(frames.Message, lambda f: self._message(f.message, live=True))
        on(frames.History, self._history)
        on(frames.Ack, self._acknowledged)
        on(frames.VisitorsChanged, self._visitors_changed)
        on(frames.VisitorUpdate, self._visitor_update)
        on(frames.VisitorLeft, lambda f: self._visitor_left(f.visitor))
        on(frames.ConversationOpened, lambda f: self._conversation(f.conversation, opened=True))
        on(frames.ConversationUpdated, lambda f: self._conversation(f.conversation, opened=False))
        on(frames.ConversationClosed, self._closed)
        on(frames.VisitorDetails, self._details)
        on(frames.Withdrawals, self._withdrawals)
        on(frames.MessageWithdrawn, lambda f: self._withdrawn(f.conversation, f.seq))
        on(frames.TypingPreview, self._typing_preview)
        on(frames.ReadReceipt, self._read)
        on(frames.Error, self._refused)

    # ------------------------------------------------------------ frames

    def _history(self, history: frames.History) -> None:
        """A page of a transcript (up to 100 messages; a fresh login brings hundreds of
        pages): held, listed, cached and counted once per page, not once per message."""
        held = [m for m in history.messages if self.session.hold(m)]
        if held:
            self.conversations.messages(held, read=True)
            if self.window.current == history.conversation:
                for message in held:
                    self.messages.add(message)
                    self.files.preview(message.file)
            self.later(self.cache.save_messages(held))
            self._show_tray()
        next_page = self.session.next_page(history)
        if next_page is not None:
            self.send(next_page)

    def _visitor_update(self, update: frames.VisitorUpdate) -> None:
        self._visitor(update.visitor)
        self._count_visitors()

    def _visitors_changed(self, changed: frames.VisitorsChanged) -> None:
        for info in changed.updated:
            self._visitor(info)
            if info.id == self.window.shown_visitor:
                self.send(frames.DetailsRequest(visitor=info.id))  # follow the path
        for visitor_id in changed.left:
            self._visitor_left(visitor_id)
        self._count_visitors()

    def _closed(self, closed: frames.ConversationClosed) -> None:
        self.conversations.closed(closed.conversation, closed.ts)
        row = self.conversations.row(closed.conversation)
        if row is not None:
            self.later(self.cache.save_conversations([row.info]))
        if self.window.current == closed.conversation and row is not None:
            self.window.show_conversation(row.info, self._title(row.info))

    def _details(self, details: frames.VisitorDetails) -> None:
        if details.visitor == self.window.shown_visitor:
            gone = self._gone_since(details.visitor)
            self.window.show_details(details, time.time(), gone)

    def _withdrawals(self, withdrawals: frames.Withdrawals) -> None:
        self.audit = WithdrawalsDialog(withdrawals.records, self.window)
        self.audit.show()

    def _typing_preview(self, preview: frames.TypingPreview) -> None:
        current = self.conversations.row(self.window.current or 0)
        # The chat with this visitor is open, or the agent watches a visitor who has no chat
        # yet: either way the question can be seen forming.
        shown = current.info.visitor if current else self.window.shown_visitor
        if shown == preview.visitor:
            self.window.show_preview(preview.text)

    def _read(self, receipt: frames.ReadReceipt) -> None:
        """The visitor has read the agents' messages up to a seq: they show "seen"."""
        if receipt.by is AuthorKind.VISITOR:
            self._seen_by_visitor(receipt.conversation, receipt.seq)

    def _seen_by_visitor(self, conversation_id: int, seq: int) -> None:
        if seq <= self.visitor_read.get(conversation_id, 0):
            return
        self.visitor_read[conversation_id] = seq
        if self.window.current == conversation_id:
            self.messages.seen_through(seq)

    def _mark_read(self, conversation_id: int) -> None:
        """Tell the relay (and so the visitor) what this agent has now seen."""
        held = self.transcripts.get(conversation_id, {})
        newest = max(held, default=0)
        if newest > self.read_sent.get(conversation_id, 0):
            self.read_sent[conversation_id] = newest
            self.send(frames.AgentRead(conversation=conversation_id, seq=newest))

    def _refused(self, error: frames.Error) -> None:
        if error.ref is not None and self.session.reply(error.ref) is not None:
            self.failed.add(error.ref)
            self.messages.set_delivery(error.ref, Delivery.FAILED)
        self.window.statusBar().showMessage(
            f"The relay refused: {error.code} ({error.detail})", 10000
        )

    def _welcome(self, welcome: frames.LoginOk) -> None:
        self.me = welcome.agent
        self.messages.me = welcome.agent.id
        self.window.conversation_proxy.me = welcome.agent.id  # for "mine" and "others'"
        self.window.conversation_proxy.invalidate()
        self.window.withdrawals_action.setVisible(welcome.agent.role == "admin")
        self.files.logged_in(welcome)
        self.phrases.logged_in(welcome)
        self.visitors.reset(welcome.visitors)
        self._count_visitors()
        online = {info.id for info in welcome.visitors}
        for row in list(self.conversations.rows):
            if row.info.visitor not in online:
                self.conversations.visitor_left(row.info.visitor, row.visitor_seen or time.time())
        for info in welcome.conversations:  # their transcripts: see AgentSession.welcomed
            self._conversation(info, opened=False)
        self.later(self.cache.save_conversations(welcome.conversations))
        self._show_tray()

    def _visitor(self, info: frames.VisitorInfo) -> None:
        arrived = self.visitors.upsert(info)
        self.conversations.set_visitor(info)
        current = self.conversations.row(self.window.current or 0)
        if current is not None and current.info.visitor == info.id:
            self.window.show_visitor(info)
        if arrived and worth_a_pop_up(info, self.preferences):
            self._pop_up(info.id, Happening.ARRIVED, arrival_text(info))

    def _visitor_left(self, visitor_id: int) -> None:
        self.visitors.remove(visitor_id)
        self.conversations.visitor_left(visitor_id, time.time())
        self.gone[visitor_id] = time.time()
        if visitor_id == self.window.shown_visitor:
            self.send(frames.DetailsRequest(visitor=visitor_id))  # the path is no longer live

    def _gone_since(self, visitor_id: int) -> float | None:
        """When the visitor left the site; None while they are on it."""
        if self.visitors.get(visitor_id) is not None:
            return None
        return self.gone.get(visitor_id, time.time())

    def _conversation(self, info: frames.ConversationInfo, *, opened: bool) -> None:
        visitor = self.visitors.get(info.visitor)
        self.conversations.upsert(info, visitor.name if visitor else "")
        if visitor is not None:
            self.conversations.set_visitor(visitor)
        if info.last_message is not None:  # the list is complete before any transcript comes
            self._remember(info.last_message, read=True)
        self._seen_by_visitor(info.id, info.visitor_read_seq)
        self.read_sent[info.id] = max(self.read_sent.get(info.id, 0), info.agent_read_seq)
        if opened:
            self.later(self.cache.save_conversations([info]))
            if self.preferences.popup_conversations:
                self._pop_up(info.visitor, Happening.STARTED_CHAT, "")
            self.chime.play()
            if self.window.current is None and self.window.shown_visitor == info.visitor:
                self.open_conversation(info.id)  # the watched visitor just started this chat
        if self.window.current == info.id:
            self.window.show_conversation(info, self._title(info))

    def _message(self, message: frames.ChatMessage, *, live: bool) -> None:
        if message.seq in self.transcripts.get(message.conversation, {}):
            return  # held already: shown once
        showing = self.window.current == message.conversation and self.window.isActiveWindow()
        self._remember(message, read=showing or not live)
        self.later(self.cache.save_messages([message]))
        if live and message.author is AuthorKind.VISITOR:
            if showing:
                self._mark_read(message.conversation)
            if self.window.current == message.conversation:
                self.window.show_preview("")  # the message came: the draft is gone
            if not showing and self.preferences.popup_messages:
                said = message.file.name if message.file else message.text
                self._pop_up(message.author_id, Happening.WROTE, said)
            self.chime.play()
        self._show_tray()

    def _withdrawn(self, conversation_id: int, seq: int) -> None:
        """Take the message out of every place that shows or keeps it."""
        self.session.withdraw(conversation_id, seq)
        if self.window.current == conversation_id:
            self.messages.withdrawn(seq)
        self.conversations.withdrawn(conversation_id, seq)
        self.later(self.cache.withdraw(conversation_id, seq))

    def _remember(self, message: frames.ChatMessage, *, read: bool) -> None:
        if not self.session.hold(message):
            return
        self._show_held(message, read=read)

    def _show_held(self, message: frames.ChatMessage, *, read: bool) -> None:
        self.conversations.message(message, read=read)
        if self.window.current == message.conversation:
            self.messages.add(message)
            self.files.preview(message.file)

    def _acknowledged(self, ack: frames.Ack) -> None:
        """The client has told the session; the reply now shows as the stored message."""
        self.failed.discard(ack.id)
        self.later(self.cache.remove_unsent(ack.id))
        stored = self.transcripts.get(ack.conversation, {}).get(ack.seq)
        if stored is not None and stored.id == ack.id:
            self._show_held(stored, read=True)
            self.later(self.cache.save_messages([stored]))

    # ------------------------------------------------------------ intents

    def _connect_window(self) -> None:
        window = self.window
        window.conversation_selected.connect(self.open_conversation)
        window.visitor_selected.connect(self._open_visitor)
        window.reply_requested.connect(self.reply)
        window.retry_requested.connect(self._retry)
        window.withdraw_requested.connect(
            lambda c, seq: self.send(frames.Withdraw(conversation=c, seq=seq))
        )
        window.typing_changed.connect(self._typing)
        window.accept_requested.connect(lambda c: self.send(frames.Accept(conversation=c)))
        window.close_requested.connect(self.close_conversation)
        window.withdrawals_requested.connect(lambda: self.send(frames.WithdrawalsRequest()))
        window.search_requested.connect(lambda words: self.later(self._search(words)))
        window.history_requested.connect(self.open_earlier)
        self.tray.open_requested.connect(self.bring_forward)
        self.tray.status_requested.connect(self.set_status)
        window.status_button.status_requested.connect(self.set_status)

    def close_conversation(self, conversation_id: int) -> None:
        """Close a chat; one whose visitor still waits for an answer only after asking."""
        row = self.conversations.row(conversation_id)
        if row is not None and row.unanswered():
            question = (
                f"{untrusted.shown(row.display_name(), max_chars=60, one_line=True)} "
                "is still waiting for an answer. Close the chat anyway?"
            )
            if not self.confirm("Close chat", question):
                return
        self.send(frames.Close(conversation=conversation_id))

    def open_conversation(self, conversation_id: int) -> None:
        row = self.conversations.row(conversation_id)
        if row is None:
            return
        self.window.show_conversation(row.info, self._title(row.info))
        pending = [self._pending_entry(m) for m in self.session.unacknowledged(conversation_id)]
        shown = list(self.transcripts.get(conversation_id, {}).values())
        self.messages.show(shown, pending)
        self.messages.seen_through(self.visitor_read.get(conversation_id, 0))
        self._mark_read(conversation_id)
        for message in shown:
            self.files.preview(message.file)
        self.conversations.mark_read(conversation_id)
        self._show_visitor(row.info.visitor)
        self._show_tray()

    def _open_visitor(self, visitor_id: int) -> None:
        self.bring_forward()
        info = self.visitors.get(visitor_id)
        if info is not None and info.conversation is not None:
            self.open_conversation(info.conversation)
        elif info is not None:  # no chat yet: watch this visitor, drafts included
            self.window.show_conversation(
                None,
                f"{untrusted.shown(visitor_label(info), max_chars=60, one_line=True)}: "
                "no chat yet; what they type shows below",
            )
            self.messages.show([], [])
        self._show_visitor(visitor_id)

    def open_earlier(self, info: frames.ConversationInfo) -> None:
        """An earlier chat of the visitor: fetch its transcript and show it."""
        visitor = self.visitors.get(info.visitor)
        self.conversations.upsert(info, visitor.name if visitor else "")
        fetch = self.session.fetch(info.id)
        if fetch is not None:
            self.send(fetch)
        self.open_conversation(info.id)

    def _show_visitor(self, visitor_id: int) -> None:
        self.window.show_visitor(self.visitors.get(visitor_id), self._contact_of(visitor_id))
        self.window.shown_visitor = visitor_id  # also when the visitor has left the site
        self.send(frames.DetailsRequest(visitor=visitor_id))

    # ------------------------------------------------------------ replies

    def reply(
        self,
        conversation_id: int,
        text: str,
        quoted: int = 0,
        file: frames.Attachment | None = None,
    ) -> None:
        message = self.session.write(conversation_id, text, reply_to=quoted or None, file=file)
        self.send(message)  # now if connected; else it goes with the next welcome
        if self.window.current == conversation_id:
            self.messages.add_pending(self._pending_entry(message))
        self.later(self.cache.add_unsent(message))

    def _pending_entry(self, message: frames.AgentSend) -> Entry:
        """How a reply not yet stored shows: sending, or refused (double-click to retry)."""
        return Entry(
            id=message.id,
            author=AuthorKind.AGENT,
            author_name=self.me.display_name if self.me else "",
            text=message.text,
            ts=time.time(),
            seq=None,
            delivery=Delivery.FAILED if message.id in self.failed else Delivery.SENDING,
            quote=self.session.quote_of(message.conversation, message.reply_to),
            file=self.session.file_of(message),
        )

    def _retry(self, message_id: str) -> None:
        message = self.session.reply(message_id)
        if message is not None:
            self.failed.discard(message_id)
            self.messages.set_delivery(message_id, Delivery.SENDING)
            self.send(message)

    def _typing(self, conversation_id: int, active: bool) -> None:
        self.send(frames.AgentTypingSet(conversation=conversation_id, active=active))

    def send(self, frame: frames.Frame) -> None:
        if self.client is not None:
            self.client.send(frame)

    async def _search(self, words: str) -> None:
        found = await self.cache.search(words)
        lines = [
            f"#{m.conversation} {time.strftime('%Y-%m-%d %H:%M', time.localtime(m.ts))}  "
            f"{m.author_name or m.author.value}: {m.text}"
            for m in found
        ]
        self.window.show_search_results(lines)

    def set_status(self, status: AgentStatus) -> None:
        self.status = status
        if self.client is not None:
            self.client.set_status(status)
        self._show_tray()

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self.window, title, question)
        return answer == QMessageBox.StandardButton.Yes

    def bring_forward(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    # ------------------------------------------------------------ helpers

    def _contact_of(self, visitor_id: int) -> frames.VisitorContact | None:
        """What the visitor left in a form, as the relay tells it with their conversations."""
        for row in self.conversations.rows:
            if row.info.visitor == visitor_id and row.info.contact is not None:
                return row.info.contact
        return None

    def _title(self, info: frames.ConversationInfo) -> str:
        row = self.conversations.row(info.id)
        name = row.display_name() if row else f"Visitor #{info.visitor}"
        started = info.started_on
        page = started.title or untrusted.readable_url(started.url) if started else ""
        where = f"\nstarted on {untrusted.shown(page, max_chars=80, one_line=True)}" if page else ""
        shown_name = untrusted.shown(name, max_chars=60, one_line=True)
        return f"{shown_name}  ·  #{info.id}  ·  {info.status.value}{where}"

    def _count_visitors(self) -> None:
        self.window.visitor_count.setText(visitor_count_text(self.visitors.all()))

    def _pop_up(self, visitor_id: int, happening: Happening, detail: str) -> None:
        """One pop-up per visitor and burst, updated in place (see popups.py)."""
        pop_up = self.pop_ups.event(
            visitor_id, self._name_of(visitor_id), happening, detail, time.time()
        )
        shown = pop_up.visitor
        on_click = self.bring_forward if shown is None else lambda: self._open_visitor(shown)
        self.notifier.notify(pop_up.title, pop_up.body, on_click, key=pop_up.key)

    def _name_of(self, visitor_id: int) -> str:
        """The visitor's name as every view shows it: live, or left in a form, or a number."""
        info = self.visitors.get(visitor_id)
        if info is not None and info.name:
            return info.name
        for row in self.conversations.rows:
            if row.info.visitor == visitor_id:
                return row.display_name()
        return f"Visitor #{visitor_id}"

    def _show_tray(self) -> None:
        shown = self.status if self.state is ConnectionState.ONLINE else AgentStatus.OFFLINE
        self.tray.show_state(shown, self.conversations.unread_total())
        self.window.status_button.show_status(self.status, shown)

    def later(self, work: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def settle(self) -> None:
        """Wait for pending cache writes (tests, and before quitting)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
