"""The conversation list: every open chat (and today's closed ones) as the relay reports
them, new chats announced, the chat header, taking and closing a chat."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import msgspec
from PySide6.QtCore import QCoreApplication

from agent_app import text as untrusted
from agent_app.bridge import FrameRouter
from agent_app.cache import TranscriptCache
from agent_app.features.alerts import Alerts
from agent_app.features.effects import Effects
from agent_app.i18n import QT_TRANSLATE_NOOP, fill
from agent_app.models.conversations import ConversationsModel, OutOfView
from agent_app.models.visitors import VisitorsModel
from agent_app.selection import Selection
from agent_app.views.wording import visitor_number
from shared_protocol import frames
from shared_protocol.frames import ConversationStatus

STATUS_NAMES = {
    ConversationStatus.WAITING: QT_TRANSLATE_NOOP("Conversations", "waiting"),
    ConversationStatus.QUEUED: QT_TRANSLATE_NOOP("Conversations", "queued"),
    ConversationStatus.OFFERED: QT_TRANSLATE_NOOP("Conversations", "offered"),
    ConversationStatus.ACTIVE: QT_TRANSLATE_NOOP("Conversations", "active"),
    ConversationStatus.TRANSFERRING: QT_TRANSLATE_NOOP("Conversations", "transferring"),
    ConversationStatus.CLOSED: QT_TRANSLATE_NOOP("Conversations", "closed"),
}


def _(text: str) -> str:
    return QCoreApplication.translate("Conversations", text)


class ConversationView(Protocol):
    def show_conversation(
        self, conversation: frames.ConversationInfo | None, title: str
    ) -> None: ...


class ConversationsController:
    def __init__(
        self,
        *,
        conversations: ConversationsModel,
        visitors: VisitorsModel,
        cache: TranscriptCache,
        selection: Selection,
        view: ConversationView,
        alerts: Alerts,
        effects: Effects,
        router: FrameRouter,
        confirm: Callable[[str, str], bool],
        open_conversation: Callable[[int], None],
        offered_by_routing: Callable[[int | None], bool] = lambda department: False,
        department_name: Callable[[int | None], str] = lambda department: "",
    ) -> None:
        # A new chat of a department that offers its chats pops up as an offer to the
        # agent it is offered to (features/routing.py), not to everyone as it opens.
        self.offered_by_routing = offered_by_routing
        self.department_name = department_name  # "Handed to Student services"
        self.conversations = conversations
        self.visitors = visitors
        self.cache = cache
        self.selection = selection
        self.view = view
        self.alerts = alerts
        self.effects = effects
        self.confirm = confirm
        self.open_conversation = open_conversation
        on = router.on
        on(frames.LoginOk, self._logged_in)
        on(frames.ConversationOpened, lambda f: self._conversation(f.conversation, opened=True))
        on(frames.ConversationUpdated, lambda f: self._conversation(f.conversation, opened=False))
        on(frames.ConversationClosed, self._closed)
        on(frames.AgentPresence, self._presence)

    def add(self, info: frames.ConversationInfo) -> None:
        """A conversation the relay did not list (an earlier chat of the visitor)."""
        visitor = self.visitors.get(info.visitor)
        self.conversations.upsert(info, visitor.name if visitor else "")

    def title(self, info: frames.ConversationInfo) -> str:
        """The chat header: who, which chat and its state, and the page it began on."""
        row = self.conversations.row(info.id)
        name = untrusted.shown(
            row.display_name() if row else visitor_number(info.visitor), max_chars=60, one_line=True
        )
        state = _(STATUS_NAMES[info.status]) if info.status in STATUS_NAMES else info.status
        gone = row.out_of_view if row is not None else None
        if gone is not None:
            state = QCoreApplication.translate("Conversations", "handed on")
        chat = fill(QCoreApplication.translate("Conversations", "chat #%1"), str(info.id))
        # The name on a line of its own, then "chat #3 · active" kept together (non-breaking
        # spaces: a narrow pane must not leave "active" alone on a line), then the page.
        title = name + "\n" + f"{chat} · {state}".replace(" ", "\u00a0")
        started = info.started_on
        page = (started.title or untrusted.readable_url(started.url)) if started else ""
        if page:
            shown_page = untrusted.shown(page, max_chars=80, one_line=True)
            started_on = QCoreApplication.translate("Conversations", "started on %1")
            title += " · " + fill(started_on, shown_page)
        if gone is not None:  # where it went, on a line of its own (a long name wraps)
            title += "\n" + self._out_of_view_words(gone, info)
        return title

    def _out_of_view_words(self, why: OutOfView, info: frames.ConversationInfo) -> str:
        department = untrusted.shown(
            self.department_name(info.department), max_chars=40, one_line=True
        )
        if why is OutOfView.NOT_MINE and department:
            words = QCoreApplication.translate("Conversations", "%1 is no longer yours to answer")
            return fill(words, department)
        if why is OutOfView.NOT_MINE:
            return QCoreApplication.translate("Conversations", "No longer yours to answer")
        if department:
            return fill(QCoreApplication.translate("Conversations", "Handed to %1"), department)
        return QCoreApplication.translate("Conversations", "Handed to a colleague")

    def shown(self, info: frames.ConversationInfo) -> frames.ConversationInfo:
        """The conversation as the chat pane should take it: one no longer this agent's
        to see is over for them (no reply, close or accept: the relay would refuse them),
        its transcript still readable."""
        row = self.conversations.row(info.id)
        if row is None or row.out_of_view is None:
            return info
        return msgspec.structs.replace(info, status=ConversationStatus.CLOSED)

    # ------------------------------------------------------------ the agent's intents

    def accept(self, conversation_id: int) -> None:
        self.effects.send(frames.Accept(conversation=conversation_id))

    def close(self, conversation_id: int) -> None:
        """Close a chat; one whose visitor still waits for an answer only after asking."""
        row = self.conversations.row(conversation_id)
        if row is not None and row.unanswered():
            name = untrusted.shown(row.display_name(), max_chars=60, one_line=True)
            question = fill(
                QCoreApplication.translate(
                    "Conversations", "%1 is still waiting for an answer. Close the chat anyway?"
                ),
                name,
            )
            if not self.confirm(
                QCoreApplication.translate("Conversations", "Close chat"), question
            ):
                return
        self.effects.send(frames.Close(conversation=conversation_id))

    # ------------------------------------------------------------ frames

    def _logged_in(self, welcome: frames.LoginOk) -> None:
        # First who looks: chats held from the cache that they may not see now go.
        self._out_of_view(self.conversations.set_viewer(welcome.agent))
        for info in welcome.conversations:  # their transcripts: see AgentSession.welcomed
            self._conversation(info, opened=False)
        self.effects.later(self.cache.save_conversations(welcome.conversations))

    def _presence(self, presence: frames.AgentPresence) -> None:
        """An admin changed this agent's role or departments (their own presence says so):
        the chats of departments no longer theirs leave the open lists at once."""
        viewer, info = self.conversations.viewer, presence.agent
        if viewer is None or info.agent != viewer.id:
            return
        changed = msgspec.structs.replace(
            viewer, role=info.role, departments=list(info.departments), level=info.level
        )
        if changed != viewer:
            self._out_of_view(self.conversations.set_viewer(changed))

    def _out_of_view(self, conversations: list[int]) -> None:
        """These left this agent's view: kept in the cache as they are now (the
        transcript stays readable there, and the next start shows them as over), and a
        chat open on screen says so."""
        rows = [row for c in conversations if (row := self.conversations.row(c)) is not None]
        if rows:
            self.effects.later(self.cache.save_conversations([row.info for row in rows]))
            self.effects.unread_changed()
        for row in rows:
            self._show_header(row.info.id)

    def _conversation(self, info: frames.ConversationInfo, *, opened: bool) -> None:
        held = self.conversations.row(info.id)
        was_seen = held is None or held.out_of_view is None
        self.add(info)
        visitor = self.visitors.get(info.visitor)
        if visitor is not None:
            self.conversations.set_visitor(visitor)
        if opened:
            self.effects.later(self.cache.save_conversations([info]))
            if not self.offered_by_routing(info.department):
                self.alerts.started_chat(info.visitor)
            if self.selection.conversation is None and self.selection.visitor == info.visitor:
                self.open_conversation(info.id)  # the watched visitor just started this chat
        row = self.conversations.row(info.id)
        if was_seen and row is not None and row.out_of_view is not None:
            self._out_of_view([info.id])  # the relay's last word on it (§6.8)
            return
        self._show_header(info.id)

    def _closed(self, closed: frames.ConversationClosed) -> None:
        self.conversations.closed(closed.conversation, closed.ts)
        row = self.conversations.row(closed.conversation)
        if row is not None:
            self.effects.later(self.cache.save_conversations([row.info]))
        self._show_header(closed.conversation)

    def _show_header(self, conversation_id: int) -> None:
        row = self.conversations.row(conversation_id)
        if row is not None and self.selection.shows(conversation_id):
            self.view.show_conversation(self.shown(row.info), self.title(row.info))
