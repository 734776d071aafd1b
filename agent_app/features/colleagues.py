"""Asking a colleague to join a chat, the agent's side (docs/routing.md, "Ask a colleague
to join"): the header's "Ask a colleague…" and its dialog, the asker's line saying how
each ask went ("Sun joined", "No answer from Sun"), and for the colleague asked the chime,
a pop-up and a banner with Join and Decline. Join is the ordinary `join`."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QTimer

from agent_app import text as untrusted
from agent_app.bridge import FrameRouter
from agent_app.features.alerts import Alerts
from agent_app.features.effects import Effects
from agent_app.i18n import fill
from agent_app.models.conversations import ConversationsModel
from agent_app.models.team import Team, participants_of
from agent_app.notify import Action
from agent_app.selection import Selection
from agent_app.views.card_words import card_name
from agent_app.views.join_ask import AskColleagueDialog, JoinAskBanner, JoinAskShown
from agent_app.views.main_window import MainWindow
from agent_app.views.offers import countdown
from shared_protocol import frames
from shared_protocol.frames import ConversationStatus, JoinAskOutcome

TICK_MILLISECONDS = 1000  # the countdowns
# An ask the relay has not ended this long after its time (its relay went away) is shown
# as unanswered all the same: the relay counts it over by its time too.
GRACE_SECONDS = 5.0
OPEN = (ConversationStatus.ACTIVE, ConversationStatus.TRANSFERRING)


@dataclass
class Asked:
    """One colleague this agent asked, and what came of it (None: waiting)."""

    agent: int
    name: str
    expires_at: float
    outcome: JoinAskOutcome | None = None


def has_left(info: frames.ConversationInfo, agent: int) -> bool:
    """Whether `agent` was in the chat and is no longer: a participant who left, none
    still in it. (Not merely absent: `join_ask_ended` may come before the update that
    lists them, and "left" then would be wrong.)"""
    theirs = [p for p in info.participants if p.agent == agent]
    return bool(theirs) and all(p.left_at is not None for p in theirs)


class ColleaguesController:
    def __init__(
        self,
        *,
        team: Team,
        conversations: ConversationsModel,
        selection: Selection,
        window: MainWindow,
        banner: JoinAskBanner,
        alerts: Alerts,
        effects: Effects,
        router: FrameRouter,
        open_conversation: Callable[[int], None],
        bring_forward: Callable[[], None],
        online: Callable[[], bool],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.team = team
        self.conversations = conversations
        self.selection = selection
        self.window = window
        self.banner = banner
        self.alerts = alerts
        self.effects = effects
        self.open_conversation = open_conversation
        self.bring_forward = bring_forward
        self.online = online
        self.clock = clock
        self.offset = 0.0  # the relay's clock minus this machine's
        self.asks: dict[int, JoinAskShown] = {}  # to this agent, by conversation
        self.asked: dict[int, dict[int, Asked]] = {}  # by this agent: conversation → agent
        self.dialog: AskColleagueDialog | None = None
        self.ticker = QTimer(window, interval=TICK_MILLISECONDS)
        self.ticker.timeout.connect(self._tick)
        on = router.on
        on(frames.LoginOk, self._logged_in)
        on(frames.JoinAsked, self._asked)
        on(frames.JoinAskEnded, self._ended)
        on(frames.ConversationUpdated, lambda f: self._changed(f.conversation.id))
        on(frames.ConversationClosed, self._closed)
        on(frames.AgentPresence, lambda _f: self._show_header())
        window.chat.ask_colleague_requested.connect(self.open_dialog)
        window.chat.leave_requested.connect(self.leave)
        banner.join_requested.connect(self.join)
        banner.decline_requested.connect(self.decline)

    def now(self) -> float:
        return self.clock() + self.offset

    # ------------------------------------------------------------ frames

    def _logged_in(self, welcome: frames.LoginOk) -> None:
        self.offset = welcome.server_time - self.clock()
        self._show_banner()
        self._show_header()

    def _asked(self, asked: frames.JoinAsked) -> None:
        me = self.team.my_id
        if asked.by == me:  # made: wait for the answer
            name = self.team.name_of(asked.agent) or f"#{asked.agent}"
            self.asked.setdefault(asked.conversation, {})[asked.agent] = Asked(
                asked.agent, name, asked.expires_at
            )
            self._show_header()
        if asked.agent != me:
            return
        row = self.conversations.row(asked.conversation)
        info = row.info if row is not None else None
        ask = JoinAskShown(
            conversation=asked.conversation,
            by_name=asked.by_name,
            visitor_name=card_name(row) if row is not None else f"#{asked.visitor}",
            department=self.team.department_name(info.department if info else None),
            note=asked.note,
            expires_at=asked.expires_at,
        )
        self.asks[asked.conversation] = ask
        self._show_banner()
        self._announce(ask)

    def _ended(self, ended: frames.JoinAskEnded) -> None:
        me = self.team.my_id
        if ended.agent == me and self.asks.pop(ended.conversation, None) is not None:
            self._show_banner()
        if ended.by == me:
            held = self.asked.setdefault(ended.conversation, {})
            name = self.team.name_of(ended.agent) or f"#{ended.agent}"
            before = held.get(ended.agent)
            held[ended.agent] = Asked(
                ended.agent, name, before.expires_at if before else ended.ts, ended.outcome
            )
            self._show_header()

    def _changed(self, conversation: int) -> None:
        if self.selection.shows(conversation):
            self._show_header()

    def _closed(self, closed: frames.ConversationClosed) -> None:
        if self.asks.pop(closed.conversation, None) is not None:
            self._show_banner()
        self.asked.pop(closed.conversation, None)
        self._changed(closed.conversation)

    # ------------------------------------------------------------ the colleague asked

    def _announce(self, ask: JoinAskShown) -> None:
        """The chime and a pop-up with Join and Decline where pop-ups carry actions."""
        who = untrusted.shown(ask.by_name, max_chars=40, one_line=True)
        title = fill(QCoreApplication.translate("JoinAsk", "%1 asks you to join a chat"), who)
        body = untrusted.shown(ask.visitor_name, max_chars=40, one_line=True)
        if ask.department:
            body += " · " + untrusted.shown(ask.department, max_chars=40, one_line=True)
        if ask.note:
            body += "\n" + untrusted.shown(ask.note, max_chars=160, one_line=True)
        conversation = ask.conversation

        def open_chat() -> None:
            self.bring_forward()
            self.open_conversation(conversation)

        self.alerts.chime.play()
        self.alerts.notifier.notify(
            title,
            body,
            open_chat,
            key=f"join-ask-{conversation}",
            actions=[
                Action(
                    "join",
                    QCoreApplication.translate("JoinAsk", "Join"),
                    lambda: self.join(conversation),
                ),
                Action(
                    "decline",
                    QCoreApplication.translate("JoinAsk", "Decline"),
                    lambda: self.decline(conversation),
                ),
            ],
            plain_click=open_chat,
        )

    def join(self, conversation: int) -> None:
        """Join (the banner, the pop-up): the chat opens, and the asker hears of it."""
        self.effects.send(frames.Join(conversation=conversation))
        if self.asks.pop(conversation, None) is not None:
            self._show_banner()
        self.bring_forward()
        self.open_conversation(conversation)

    def decline(self, conversation: int) -> None:
        if self.asks.pop(conversation, None) is not None:
            self._show_banner()
            self.effects.send(frames.JoinAskDecline(conversation=conversation))

    def _show_banner(self) -> None:
        asks = sorted(self.asks.values(), key=lambda a: (a.expires_at, a.conversation))
        self.banner.show_asks(asks, self.now())
        self._keep_ticking()

    # ------------------------------------------------------------ the asker

    def can_ask(self, info: frames.ConversationInfo) -> bool:
        me = self.team.my_id
        inside = me is not None and (info.agent == me or me in participants_of(info))
        return info.status in OPEN and self.online() and (inside or self.team.supervises)

    def can_leave(self, info: frames.ConversationInfo) -> bool:
        """In the chat to help (joined, asked in, or barged in), not answering it."""
        me = self.team.my_id
        joined = me is not None and info.agent != me and me in participants_of(info)
        return joined and info.status in OPEN and self.online()

    def leave(self) -> None:
        """Leave the chat shown; it stays open for its agent (the relay tells everyone)."""
        shown = self.selection.conversation
        row = self.conversations.row(shown) if shown is not None else None
        if row is not None and self.can_leave(row.info):
            self.effects.send(frames.Leave(conversation=row.info.id))

    def ask_line(self, conversation: int) -> str:
        """ "Asked Sun to join (0:18 left) · Bob joined · No answer from Carol"; "Bob
        left" once a colleague who joined has left the chat again."""
        row = self.conversations.row(conversation)
        parts = []
        for asked in self.asked.get(conversation, {}).values():
            name = untrusted.shown(asked.name, max_chars=30, one_line=True)
            match asked.outcome:
                case None:
                    template = QCoreApplication.translate("JoinAsk", "Asked %1 to join (%2 left)")
                    parts.append(fill(template, name, countdown(asked.expires_at - self.now())))
                case JoinAskOutcome.JOINED if row is not None and has_left(row.info, asked.agent):
                    parts.append(fill(QCoreApplication.translate("JoinAsk", "%1 left"), name))
                case JoinAskOutcome.JOINED:
                    parts.append(fill(QCoreApplication.translate("JoinAsk", "%1 joined"), name))
                case JoinAskOutcome.DECLINED:
                    parts.append(fill(QCoreApplication.translate("JoinAsk", "%1 declined"), name))
                case _:
                    template = QCoreApplication.translate("JoinAsk", "No answer from %1")
                    parts.append(fill(template, name))
        return " · ".join(parts)

    def conversation_shown(self, conversation: int) -> None:
        self._show_header()

    def _show_header(self) -> None:
        shown = self.selection.conversation
        row = self.conversations.row(shown) if shown is not None else None
        if row is None:
            self.window.chat.show_asks("", can_ask=False)
        else:
            self.window.chat.show_asks(
                self.ask_line(row.info.id),
                can_ask=self.can_ask(row.info),
                can_leave=self.can_leave(row.info),
            )
        self._keep_ticking()

    def open_dialog(self) -> AskColleagueDialog | None:
        shown = self.selection.conversation
        row = self.conversations.row(shown) if shown is not None else None
        if row is None:
            return None
        if self.dialog is not None:
            self.dialog.close()
        dialog = self.dialog = AskColleagueDialog(self.team, row.info, self.window)
        dialog.ask_requested.connect(self.ask)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.show()
        return dialog

    def _dialog_closed(self, dialog: AskColleagueDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def ask(self, conversation: int, agent: int, note: str) -> None:
        """Send the ask; the relay's `join_asked` back shows it waiting (or an error says
        why not, in the status bar)."""
        self.effects.send(frames.JoinAsk(conversation=conversation, agent=agent, note=note))

    # ------------------------------------------------------------ time

    def _waiting(self) -> bool:
        return any(a.outcome is None for held in self.asked.values() for a in held.values())

    def _keep_ticking(self) -> None:
        if self.asks or self._waiting():
            if not self.ticker.isActive():
                self.ticker.start()
        else:
            self.ticker.stop()

    def _tick(self) -> None:
        now = self.now()
        over = [c for c, ask in self.asks.items() if now >= ask.expires_at]
        for conversation in over:  # the relay says so too; this one need not wait for it
            del self.asks[conversation]
        for held in self.asked.values():
            for asked in held.values():
                if asked.outcome is None and now >= asked.expires_at + GRACE_SECONDS:
                    asked.outcome = JoinAskOutcome.EXPIRED
        self.banner.tick(now)
        if over:
            self._show_banner()
        self._show_header()
