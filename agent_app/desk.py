"""The agent's desk: builds the features, routes the relay's frames to them, and moves
between chats and visitors. The features (agent_app/features/) decide what each frame and
intent does; the window only displays and asks.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlsplit

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox

from agent_app import text as untrusted
from agent_app.bridge import FrameRouter
from agent_app.cache import TranscriptCache
from agent_app.features.alerts import Alerts
from agent_app.features.audit import AuditController
from agent_app.features.chat import ChatController
from agent_app.features.colleagues import ColleaguesController
from agent_app.features.conversations import ConversationsController
from agent_app.features.effects import Effects
from agent_app.features.files import FilesController
from agent_app.features.invitations import InvitationsController
from agent_app.features.phrases import PhrasesController
from agent_app.features.routing import RoutingController
from agent_app.features.visitors import VisitorsController
from agent_app.i18n import QT_TRANSLATE_NOOP, fill
from agent_app.idle import IdleAway
from agent_app.models.conversations import ConversationsModel
from agent_app.models.messages import MessagesModel
from agent_app.models.team import Team
from agent_app.models.visitors import VisitorsModel
from agent_app.net.client import ConnectionState, LoginWait, RelayClient
from agent_app.net.session import AgentSession
from agent_app.notify import NotifierChain
from agent_app.selection import Selection
from agent_app.settings import Preferences
from agent_app.sound import Chime
from agent_app.tray import Tray
from agent_app.views.main_window import MainWindow
from agent_app.views.wording import visitor_name
from agent_app.wait_words import WaitWords
from shared_protocol import frames
from shared_protocol.frames import AgentStatus

TICK_MILLISECONDS = 10_000
WAIT_TICK_MILLISECONDS = 1000  # the connection line counts a wait the relay asked for down
STATE_TEXT = {
    ConnectionState.CONNECTING: QT_TRANSLATE_NOOP("Desk", "Connecting…"),
    ConnectionState.ONLINE: QT_TRANSLATE_NOOP("Desk", "Connected"),
    ConnectionState.OFFLINE: QT_TRANSLATE_NOOP("Desk", "Offline: reconnecting"),
    ConnectionState.WAITING: QT_TRANSLATE_NOOP("Desk", "Offline: the relay asks to wait"),
    ConnectionState.AUTH_FAILED: QT_TRANSLATE_NOOP("Desk", "Logged out"),
    ConnectionState.STOPPED: QT_TRANSLATE_NOOP("Desk", "Stopped"),
}


def _(text: str) -> str:
    return QCoreApplication.translate("Desk", text)


def connection_text(
    state: ConnectionState, detail: str, relay_url: str = "", wait: LoginWait | None = None
) -> str:
    """The connection line. WAITING is not "no answer": the relay answered and asked the
    app to wait before logging in again (`wait`), which the line says with the time left."""
    if state is ConnectionState.WAITING and wait is not None:
        return WaitWords().connection_line(wait.left())
    if state is ConnectionState.ONLINE and detail:
        return fill(
            QCoreApplication.translate("Desk", "Connected as %1"),
            untrusted.shown(detail, max_chars=60, one_line=True),
        )
    if state is ConnectionState.AUTH_FAILED and detail:
        return fill(QCoreApplication.translate("Desk", "Logged out: %1"), detail)
    if state is ConnectionState.OFFLINE and relay_url:
        where = urlsplit(relay_url).netloc or relay_url
        offline = QCoreApplication.translate("Desk", "Offline: no answer from %1, trying again")
        return fill(offline, where)
    return _(STATE_TEXT[state])


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
        status: AgentStatus = AgentStatus.ONLINE,
    ) -> None:
        self.cache = cache
        self.preferences = preferences
        self.chime = chime
        self.tray = tray
        self.client: RelayClient | None = None
        self.me: frames.AgentInfo | None = None
        self.status = status  # what the agent chose; the relay sees it once connected
        self.state = ConnectionState.CONNECTING
        self._detail = ""  # what the client said with the state
        self.session = session or AgentSession()  # the record held and the outbox
        self.selection = Selection()
        self.visitors = VisitorsModel()
        self.conversations = ConversationsModel()
        self.messages = MessagesModel()
        self.window = MainWindow(self.visitors, self.conversations, self.messages, self.selection)
        # Away after the preference's minutes without input in the app (agent_app/idle.py).
        self.idle = IdleAway(
            minutes=lambda: self.preferences.idle_minutes,
            status=lambda: self.status,
            set_status=self.set_status,
            connected=lambda: self.state is ConnectionState.ONLINE,
            parent=self.window,
        )
        self.confirm: Callable[[str, str], bool] = self._ask
        self.router = FrameRouter()
        self._tasks: set[asyncio.Future[Any]] = set()
        self._said_no_tray = False
        self._set_away_said = ""  # the status bar's "You were set Away" while it shows
        self._build(notifier)
        self._connect_window()
        # Waiting times and time on site are shown in minutes: repaint them as time passes.
        self.ticker = QTimer(self.window, interval=TICK_MILLISECONDS)  # ends with the window
        self.ticker.timeout.connect(self.conversations.refresh_times)
        self.ticker.timeout.connect(self.visitors.refresh_times)
        self.ticker.timeout.connect(self.visitor_feature.refresh_details)
        self.ticker.timeout.connect(self.invitations.refresh)
        self.ticker.start()
        self.wait_ticker = QTimer(self.window, interval=WAIT_TICK_MILLISECONDS)
        self.wait_ticker.timeout.connect(self._show_connection)

    def _build(self, notifier: NotifierChain) -> None:
        """The features, in the order they hear each frame: the visitors before the list,
        the list before the chat (a message is noted on its conversation's row). (One
        piece on purpose: the order of the registrations is the design, read top down.)"""
        window, router = self.window, self.router
        self.router.on(frames.LoginOk, self._welcome)
        effects = Effects(
            send=self.send, later=self.later, say=window.say, unread_changed=self._show_tray
        )
        self.alerts = Alerts(
            notifier=notifier,
            chime=self.chime,
            preferences=self.preferences,
            name_of=lambda visitor: self.visitor_feature.name_of(visitor),
            open_visitor=self.open_visitor,
            bring_forward=self.bring_forward,
            invite=lambda visitor: self.invite([visitor]),
        )
        self.visitor_feature = VisitorsController(
            visitors=self.visitors,
            conversations=self.conversations,
            selection=self.selection,
            view=window,
            alerts=self.alerts,
            effects=effects,
            router=router,
        )
        self.conversation_feature = ConversationsController(
            conversations=self.conversations,
            visitors=self.visitors,
            cache=self.cache,
            selection=self.selection,
            view=window,
            alerts=self.alerts,
            effects=effects,
            router=router,
            confirm=lambda title, question: self.confirm(title, question),
            open_conversation=self.open_conversation,
            offered_by_routing=lambda department: self.team.offers_chats(department),
            department_name=lambda department: self.team.department_name(department),
        )
        self.files = FilesController(
            messages=self.messages,
            selection=self.selection,
            effects=effects,
            router=router,
            send_reply=lambda conversation, text, file: self.chat.reply(
                conversation, text, file=file
            ),
        )
        self.chat = ChatController(
            session=self.session,
            cache=self.cache,
            conversations=self.conversations,
            messages=self.messages,
            selection=self.selection,
            view=window,
            alerts=self.alerts,
            effects=effects,
            previews=self.files,
            router=router,
        )
        self.phrases = PhrasesController(
            panel=window.phrases,
            editor=window.chat,
            conversations=self.conversations,
            visitors=self.visitors,
            selection=self.selection,
            effects=effects,
            router=router,
            send_reply=lambda conversation, text, file: self.chat.reply(
                conversation, text, file=file
            ),
            upload=self.files.upload,
            dialogs_parent=window,
        )
        window.chat.reply.expand = self.phrases.expand
        self.audit = AuditController(
            action=window.withdrawals_action, parent=window, effects=effects, router=router
        )
        self.invitations = InvitationsController(
            visitors=self.visitors,
            selection=self.selection,
            view=window,
            effects=effects,
            router=router,
            phrases=lambda: list(self.phrases.held.values()),
            name_of=lambda visitor: self.visitor_feature.name_of(visitor),
            online=lambda: self.state is ConnectionState.ONLINE and self.client is not None,
            dialogs_parent=window,
        )
        router.on(frames.LoginOk, lambda f: window.rules_action.setVisible(f.agent.role == "admin"))
        router.on(frames.AgentPresence, self._own_presence)
        self.team = Team()
        self.routing = RoutingController(
            team=self.team,
            conversations=self.conversations,
            visitors=self.visitors,
            messages=self.messages,
            selection=self.selection,
            window=window,
            alerts=self.alerts,
            effects=effects,
            router=router,
            drafts=self.chat,
            open_conversation=self.open_conversation,
            bring_forward=self.bring_forward,
            online=lambda: self.state is ConnectionState.ONLINE and self.client is not None,
        )
        router.on(frames.AgentPresence, self._own_record)  # after the routing feature's
        self.colleagues = ColleaguesController(  # after routing: the header is routing's first
            team=self.team,
            conversations=self.conversations,
            selection=self.selection,
            window=window,
            banner=window.join_asks,
            alerts=self.alerts,
            effects=effects,
            router=router,
            open_conversation=self.open_conversation,
            bring_forward=self.bring_forward,
            online=lambda: self.state is ConnectionState.ONLINE and self.client is not None,
        )

    def _own_record(self, _presence: frames.AgentPresence) -> None:
        """An admin changed this agent's role or departments (their presence says so, and
        the team holds it): the features that ask who this agent is hear it too."""
        me = self.team.me
        if me is not None and self.me is not None and me != self.me:
            self.me = self.phrases.me = self.invitations.me = me
            self.window.rules_action.setVisible(self.team.is_admin)

    def _connect_window(self) -> None:
        window, chat, conversations = self.window, self.chat, self.conversation_feature
        window.conversation_selected.connect(self.open_conversation)
        window.visitor_selected.connect(self.open_visitor)
        window.history_requested.connect(self.open_earlier)
        window.reply_requested.connect(chat.reply)
        window.note_requested.connect(chat.note)
        window.retry_requested.connect(chat.retry)
        window.withdraw_requested.connect(chat.withdraw)
        window.typing_changed.connect(chat.typing)
        window.search_requested.connect(lambda words: self.later(chat.search(words)))
        window.accept_requested.connect(conversations.accept)
        window.close_requested.connect(conversations.close)
        window.chat.files_chosen.connect(self.files.send_all)
        window.chat.save_requested.connect(lambda file: self.later(self.files.save(file)))
        window.status_button.status_requested.connect(self.choose_status)
        window.invite_requested.connect(self.invite)
        window.invitation_withdraw_requested.connect(self.invitations.withdraw)
        window.rules_requested.connect(self.invitations.open_rules)
        self.tray.open_requested.connect(self.bring_forward)
        self.tray.status_requested.connect(self.choose_status)

    # ------------------------------------------------------------ start-up

    async def show_cache(self) -> None:
        """Show what the cache holds at once, before the relay answers."""
        self.session.epoch = await self.cache.epoch()  # what the login's positions are from
        for info in await self.cache.conversations():
            self.conversations.upsert(info)
            for message in await self.cache.messages(info.id):
                self.chat.remember(message, read=True)
        for unsent in await self.cache.unsent():
            self.session.restore(unsent)
        if not self.tray.available and not self._said_no_tray:
            self._said_no_tray = True
            self.window.statusBar().showMessage(
                QCoreApplication.translate(
                    "Desk", "This desktop has no system tray: Parley works from this window."
                ),
                15000,
            )

    @property
    def transcripts(self) -> dict[int, dict[int, frames.ChatMessage]]:
        """Every stored message held here: conversation → seq → message."""
        return self.session.transcripts

    # ------------------------------------------------------------ ClientListener

    def connection_changed(self, state: ConnectionState, detail: str) -> None:
        self.state = state
        self._detail = detail
        if not shiboken6.isValid(self.window):
            return  # the window is gone (quitting): nothing to show, and the client stops
        if state is ConnectionState.WAITING:
            self.wait_ticker.start()
        else:
            self.wait_ticker.stop()
        self._show_connection()
        self._show_tray()

    def _show_connection(self) -> None:
        wait = self.client.wait if self.client is not None else None
        text = connection_text(self.state, self._detail, self.preferences.relay_url, wait)
        self.window.show_connection(text)

    def frame_received(self, frame: frames.Frame) -> None:
        self.router.dispatch(frame)

    def _welcome(self, welcome: frames.LoginOk) -> None:
        """Heard before any feature hears the welcome: a history replaced is forgotten
        here first, so that the features fill the list and the cache from the new one."""
        self.me = welcome.agent
        # Several agents' windows on one desktop (or in a task bar) told apart by name.
        self.window.setWindowTitle(
            f"Parley — {untrusted.shown(welcome.agent.display_name, max_chars=60, one_line=True)}"
        )
        self.window.conversation_proxy.me = welcome.agent.id  # for "mine" and "others'"
        self.window.conversation_proxy.invalidate()
        replaced = self.session.history_replaced
        if replaced:
            self._forget_history()
        if welcome.epoch:
            self.later(self.cache.set_epoch(welcome.epoch, forget=replaced))

    def _forget_history(self) -> None:
        """The relay's database was restored or copied (a new epoch): its conversation ids
        and sequence numbers now name other chats and messages. Nothing shown from the old
        history stays; the session has dropped what it held, and fetches afresh."""
        self.conversations.clear()
        self.chat.forget()
        if self.selection.conversation is not None:
            self.selection.conversation = None
            self.window.show_conversation(None, "")
        self.window.say(
            QCoreApplication.translate(
                "Desk", "The relay's records were restored or moved: the chats are loaded again."
            )
        )

    # ------------------------------------------------------------ moving around

    def open_conversation(self, conversation_id: int) -> None:
        row = self.conversations.row(conversation_id)
        if row is None:
            return
        changed = self.selection.conversation != conversation_id
        self.selection.conversation = conversation_id
        shown = self.conversation_feature.shown(row.info)  # a chat handed on: over for them
        self.window.show_conversation(shown, self.conversation_feature.title(row.info))
        if changed:
            self.window.chat.set_noting(False)  # each chat starts on the reply to the visitor
        self.routing.conversation_shown(conversation_id)  # who is in it; whispers
        self.colleagues.conversation_shown(conversation_id)  # colleagues asked to join
        self.chat.show(conversation_id, row.info.visitor)
        self.conversations.mark_read(conversation_id)
        self.visitor_feature.show(row.info.visitor)
        self.routing.visitor_shown(row.info.visitor)
        self.invitations.show_details()
        self._show_tray()

    def open_visitor(self, visitor_id: int) -> None:
        """A visitor chosen in the list or a pop-up: their chat, or watch them type."""
        self.bring_forward()
        info = self.visitors.get(visitor_id)
        if info is not None and info.conversation is not None:
            self.open_conversation(info.conversation)
            return
        if info is not None:  # no chat yet: watch this visitor, drafts included
            self.selection.conversation = None
            name = untrusted.shown(visitor_name(info), max_chars=60, one_line=True)
            self.window.show_conversation(
                None,
                fill(
                    QCoreApplication.translate(
                        "Desk", "%1: no chat yet; what they type shows below"
                    ),
                    name,
                ),
            )
            self.chat.show_none(visitor_id)
        self.visitor_feature.show(visitor_id)
        self.routing.visitor_shown(visitor_id)
        self.invitations.show_details()

    def invite(self, visitor_ids: list[int]) -> None:
        """The invite dialog for these visitors (the list, the details, a pop-up)."""
        self.bring_forward()
        self.invitations.invite(visitor_ids)

    def open_earlier(self, info: frames.ConversationInfo) -> None:
        """An earlier chat of the visitor: fetch its transcript and show it."""
        self.conversation_feature.add(info)
        self.chat.fetch(info.id)
        self.open_conversation(info.id)

    def bring_forward(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    # ------------------------------------------------------------ status

    def choose_status(self, status: AgentStatus) -> None:
        """The agent's own choice (the status button, the tray): idle time leaves it be."""
        self.idle.chosen()
        self.set_status(status)

    def set_status(self, status: AgentStatus) -> None:
        self.status = status
        bar = self.window.statusBar()
        if self._set_away_said and bar.currentMessage() == self._set_away_said:
            bar.clearMessage()  # said why they were Away: over once they set a status
        self._set_away_said = ""
        if self.client is not None:
            self.client.set_status(status)
        self._show_tray()

    def _own_presence(self, presence: frames.AgentPresence) -> None:
        """The relay changed this agent's status (Away after missed offers): shown as it is,
        so that the agent sees why no chats come, and picks Online again."""
        info = presence.agent
        mine = info.agent == self.team.my_id
        # (Offline: another app of theirs closing; this one is still there.)
        if mine and info.status not in (self.status, AgentStatus.OFFLINE):
            self.status = info.status
            self._show_tray()
            # The agent's own Away and idle time's are set here first, so their echo
            # matches: an Away that differs is the relay's, after offers went unanswered
            # (relay/features/routing.py). Without a word they would wait for chats.
            if info.status is AgentStatus.AWAY:
                self._set_away_said = QCoreApplication.translate(
                    "Desk",
                    "You were set Away: chats offered to you went unanswered."
                    " Set yourself Online to get chats again.",
                )
                self.window.statusBar().showMessage(self._set_away_said)

    def _show_tray(self) -> None:
        shown = self.status if self.state is ConnectionState.ONLINE else AgentStatus.OFFLINE
        self.tray.show_state(shown, self.conversations.unread_total())
        self.window.status_button.show_status(self.status, shown, idle=self.idle.away_by_idle)

    # ------------------------------------------------------------ helpers

    def send(self, frame: frames.Frame) -> None:
        if self.client is not None:
            self.client.send(frame)

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self.window, title, question)
        return answer == QMessageBox.StandardButton.Yes

    def later(self, work: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def settle(self) -> None:
        """Wait for pending cache writes (tests, and before quitting)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
