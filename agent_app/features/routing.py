"""Teams and routing, the agent's side (docs/routing.md): chats offered and transferred to
this agent (the chime, a pop-up with Accept and Decline, the banner with its countdown),
the departments and the filter of the list, who is in a chat and where it is going (the
chat header), transfer, escalate, the visitor's own agent, notes and whispers, the
supervisor's live view with barge-in, and the admins' team window."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from agent_app import text as untrusted
from agent_app.bridge import FrameRouter
from agent_app.features.alerts import Alerts
from agent_app.features.effects import Effects
from agent_app.i18n import QT_TRANSLATE_NOOP, fill
from agent_app.models.conversations import ConversationRow, ConversationsModel
from agent_app.models.messages import MessagesModel
from agent_app.models.team import UNTAKEN, Team, participants_of
from agent_app.models.visitors import VisitorsModel
from agent_app.selection import Selection
from agent_app.views.card_words import card_name, waiting_text
from agent_app.views.dates import day_or_time
from agent_app.views.main_window import MainWindow
from agent_app.views.offers import OFFER, TRANSFER, Offer, countdown
from agent_app.views.supervisor import SupervisorWindow, WatchedChat
from agent_app.views.team_window import TeamWindow
from agent_app.views.transfer_dialog import EscalateDialog, OwnerDialog, TransferDialog
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from shared_protocol.frames import ConversationStatus, ParticipantRole

TICK_MILLISECONDS = 1000  # the countdowns
STATE_WORDS = {
    ConversationStatus.WAITING: QT_TRANSLATE_NOOP("Routing", "waiting"),
    ConversationStatus.QUEUED: QT_TRANSLATE_NOOP("Routing", "queued"),
    ConversationStatus.OFFERED: QT_TRANSLATE_NOOP("Routing", "offered"),
    ConversationStatus.ACTIVE: QT_TRANSLATE_NOOP("Routing", "active"),
    ConversationStatus.TRANSFERRING: QT_TRANSLATE_NOOP("Routing", "transferring"),
    ConversationStatus.CLOSED: QT_TRANSLATE_NOOP("Routing", "closed"),
}
# Refusals that belong to the team window while it waits for the answer to a save.
TEAM_REFUSALS = frozenset(
    {
        ErrorCode.BAD_FRAME,
        ErrorCode.FORBIDDEN,
        ErrorCode.CONFLICT,
        ErrorCode.NOT_FOUND,
        ErrorCode.TOO_LONG,
        ErrorCode.UNKNOWN_TYPE,
        ErrorCode.UNAVAILABLE,
    }
)


def _(text: str) -> str:
    return QCoreApplication.translate("Routing", text)


class DraftSource(Protocol):
    """The chat feature: visitors' drafts, and the transcripts held."""

    drafts: dict[int, str]

    @property
    def transcripts(self) -> dict[int, dict[int, frames.ChatMessage]]: ...


def unbroken(name: str) -> str:
    """A short name kept on one line: Qt may wrap between any two CJK characters, and
    "李主管" must not end one line with 李. (Word joiners, invisible, between them.)"""
    out = []
    for index, char in enumerate(name):
        if index and (_wide(char) or _wide(name[index - 1])):
            out.append("\u2060")
        out.append(char)
    return "".join(out)


def _wide(char: str) -> bool:
    return (
        "\u2e80" <= char <= "\u9fff"
        or "\uac00" <= char <= "\ud7af"
        or ("\uf900" <= char <= "\ufaff")
    )


def handover_id(conversation: int, deadline: float | None) -> str:
    """The id the relay gives the note it posts with a transfer (relay/features/
    transfers.py): the owner's note reaches the target with the transcript."""
    return f"transfer-{conversation}-{int((deadline or 0) * 1000)}"


class RoutingController:
    def __init__(
        self,
        *,
        team: Team,
        conversations: ConversationsModel,
        visitors: VisitorsModel,
        messages: MessagesModel,
        selection: Selection,
        window: MainWindow,
        alerts: Alerts,
        effects: Effects,
        router: FrameRouter,
        drafts: DraftSource,
        open_conversation: Callable[[int], None],
        bring_forward: Callable[[], None],
        online: Callable[[], bool],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.team = team
        self.conversations = conversations
        self.visitors = visitors
        self.messages = messages
        self.selection = selection
        self.window = window
        self.alerts = alerts
        self.effects = effects
        self.drafts = drafts
        self.open_conversation = open_conversation
        self.bring_forward = bring_forward
        self.online = online
        self.clock = clock
        self.offset = 0.0  # the relay's clock minus this machine's, from the welcome
        self.offers: dict[int, Offer] = {}
        self._announced: set[tuple[int, str, float | None]] = set()
        self._declined: set[tuple[int, float | None]] = set()  # until the relay moves on
        self.site_names: dict[str, str] = {}
        self.supervisor: SupervisorWindow | None = None
        self.team_window: TeamWindow | None = None
        self.dialog: TransferDialog | EscalateDialog | OwnerDialog | None = None
        self.ticker = QTimer(window, interval=TICK_MILLISECONDS)
        self.ticker.timeout.connect(self._tick)
        on = router.on
        on(frames.LoginOk, self._logged_in)
        on(frames.AgentPresence, self._presence)
        on(frames.DepartmentsChanged, lambda f: self._departments(f.departments))
        on(frames.Team, self._team)
        on(frames.ConversationOpened, lambda f: self._conversation(f.conversation))
        on(frames.ConversationUpdated, lambda f: self._conversation(f.conversation))
        on(frames.ConversationClosed, self._closed)
        on(frames.TypingPreview, lambda _f: self._refresh_supervision())
        on(frames.Message, self._message)
        on(frames.VisitorsChanged, self._visitors_changed)
        on(frames.Error, self._refused)
        banner = window.offers
        banner.accept_requested.connect(self.accept)
        banner.decline_requested.connect(self.decline)
        window.transfer_requested.connect(self.open_transfer)
        window.escalate_requested.connect(self.open_escalate)
        window.owner_requested.connect(self.open_owner)
        window.supervise_requested.connect(self.open_supervision)
        window.team_requested.connect(self.open_team)

    def now(self) -> float:
        """The relay's time now: deadlines are on its clock."""
        return self.clock() + self.offset

    # ------------------------------------------------------------ frames

    def _logged_in(self, welcome: frames.LoginOk) -> None:
        self.offset = welcome.server_time - self.clock()
        self.team.welcome(welcome)
        self.site_names = dict(welcome.site_names)
        self.window.supervise_action.setVisible(self.team.supervises)
        self.window.team_action.setVisible(self.team.is_admin)
        self._whisperers()
        self._departments([])
        for info in welcome.conversations:
            self._conversation(info)
        # Offers held from before that the new snapshot no longer has are over.
        listed = {info.id for info in welcome.conversations}
        for conversation in [c for c in self.offers if c not in listed]:
            del self.offers[conversation]
        self._show_offers()

    def _presence(self, presence: frames.AgentPresence) -> None:
        if self.team.presence(presence.agent):
            self._me_changed()
        self._whisperers()
        self._show_header()
        self._refresh_supervision()

    def _me_changed(self) -> None:
        """An admin changed this agent (role, departments, level): what the app offers
        follows at once; a window the new role may not use closes."""
        self.window.supervise_action.setVisible(self.team.supervises)
        self.window.team_action.setVisible(self.team.is_admin)
        if self.supervisor is not None and not self.team.supervises:
            self.supervisor.close()
        if self.team_window is not None and not self.team.is_admin:
            self.team_window.reject()  # its `finished` forgets it
        self._departments([])  # the department filter and the supervisor's
        for offer in list(self.offers.values()):  # a department's transfer asks members only
            row = self.conversations.row(offer.conversation)
            if row is not None:
                self._note_offer(row.info)

    def _departments(self, departments: list[frames.DepartmentInfo]) -> None:
        self.team.set_departments(departments)
        pairs = [(d.id, d.name) for d in self.team.my_departments()]
        self.window.show_departments(pairs)
        if self.supervisor is not None:
            self.supervisor.set_departments(pairs)
        for row in self.conversations.rows:
            self._describe(row)
        self.conversations.refresh_times()
        self._show_header()
        self._show_owner()

    def _team(self, team: frames.Team) -> None:
        self._departments(list(team.departments))
        for agent in team.agents:
            self.team.known_names[agent.id] = agent.display_name
        if self.team_window is not None:
            self.team_window.show_team(team)

    def _conversation(self, info: frames.ConversationInfo) -> None:
        row = self.conversations.row(info.id)
        if row is not None:
            self._describe(row)
        self._note_offer(info)
        self._whisperers()
        if self.selection.shows(info.id):
            self._show_header()
        self._refresh_supervision()

    def _closed(self, closed: frames.ConversationClosed) -> None:
        if self.offers.pop(closed.conversation, None) is not None:
            self._show_offers()
        row = self.conversations.row(closed.conversation)
        if row is not None:
            row.routing_word = ""
        self._show_header()
        self._refresh_supervision()

    def _message(self, message: frames.Message) -> None:
        """A transfer's note arrives as a note just after the transfer: the offer and the
        header show it."""
        if message.message.id.startswith("transfer-"):
            row = self.conversations.row(message.message.conversation)
            if row is not None:
                self._note_offer(row.info)
                if self.selection.shows(row.info.id):
                    self._show_header()
        self._refresh_supervision()

    def handover_note(self, info: frames.ConversationInfo) -> str:
        """The owner's note for whoever takes the chat over: the field when the relay
        fills it, else the note it posted with the transfer, its headline taken off."""
        if info.transfer_note:
            return info.transfer_note
        if info.status is not ConversationStatus.TRANSFERRING:
            return ""
        wanted = handover_id(info.id, info.transfer_deadline)
        held = self.drafts.transcripts.get(info.id, {})
        posted = next((m for m in reversed(held.values()) if m.id == wanted), None)
        if posted is None:
            return ""
        targets = [self.team.name_of(info.transfer_to_agent)] if info.transfer_to_agent else []
        if info.transfer_to_department is not None:
            targets.append(self.team.department_name(info.transfer_to_department))
        for headline in [*(f"Transfer to {t}" for t in targets if t), "Escalated"]:
            if posted.text == headline:
                return ""
            if posted.text.startswith(headline + ": "):
                return posted.text[len(headline) + 2 :]
        return posted.text

    def _visitors_changed(self, changed: frames.VisitorsChanged) -> None:
        if self.selection.visitor is not None and any(
            v.id == self.selection.visitor for v in changed.updated
        ):
            self._show_owner()

    def _refused(self, error: frames.Error) -> None:
        """A save the team window waits for was refused: the relay's words beside it."""
        window = self.team_window
        waiting = window is not None and bool(window.pending) and error.ref is None
        if window is not None and waiting and error.code in TEAM_REFUSALS:
            detail = error.detail or fill(
                QCoreApplication.translate("Routing", "The relay refused it (%1)."),
                error.code.value,
            )
            if error.code is ErrorCode.UNKNOWN_TYPE:
                detail = QCoreApplication.translate(
                    "Routing", "This relay cannot change the team yet: update it."
                )
            window.show_problem(detail)

    # ------------------------------------------------------------ offers

    def _offer_of(self, info: frames.ConversationInfo) -> Offer | None:
        """The chat as an offer or a transfer to this agent, or None."""
        me = self.team.my_id
        held = self.conversations.row(info.id)
        if me is None or (held is not None and held.out_of_view is not None):
            return None  # not theirs to see now: the relay would refuse their accept
        offered = info.status is ConversationStatus.OFFERED and info.offered_to == me
        moving = info.status is ConversationStatus.TRANSFERRING and info.agent != me
        to_me = moving and info.transfer_to_agent == me
        # To a department of this agent's (a transfer there, an escalation): the first of
        # its agents to accept takes it.
        # (An admin sees every department's chats: only those they belong to ask them.)
        mine = set(self.team.me.departments) if self.team.me is not None else set()
        level = self.team.me.level if self.team.me is not None else 1
        to_team = moving and info.transfer_to_department in mine and level >= info.min_level
        transferred = to_me or to_team
        if not (offered or transferred):
            return None
        deadline = info.offer_deadline if offered else info.transfer_deadline
        if (info.id, deadline) in self._declined:
            return None
        row = self.conversations.row(info.id)
        said = ""
        last = row.info.last_message if row is not None else None
        if last is not None and last.author is frames.AuthorKind.VISITOR:
            said = last.file.name if last.file else last.text  # theirs, not a newer note
        return Offer(
            conversation=info.id,
            visitor=info.visitor,
            kind=OFFER if offered else TRANSFER,
            visitor_name=card_name(row) if row is not None else f"#{info.visitor}",
            department=self.team.department_name(info.department),
            deadline=deadline,
            note=self.handover_note(info) if transferred else info.transfer_note,
            from_name=self.team.name_of(info.agent) if transferred else "",
            said=said,
            to_department=to_team and not to_me,
        )

    def _note_offer(self, info: frames.ConversationInfo) -> None:
        offer = self._offer_of(info)
        before = self.offers.get(info.id)
        if offer is None:
            if before is not None:
                del self.offers[info.id]
                self._show_offers()
            return
        self.offers[info.id] = offer
        self._show_offers()
        key = (offer.conversation, offer.kind, offer.deadline)
        if key not in self._announced:
            self._announced.add(key)
            self._announce(offer)
        elif before is not None and before.note != offer.note:
            self._announce(offer, chime=False)  # its note came: the pop-up says it too

    def _announce(self, offer: Offer, *, chime: bool = True) -> None:
        """The chime and the pop-up: Accept and Decline where the desktop shows actions."""
        name = untrusted.shown(offer.visitor_name, max_chars=40, one_line=True)
        if offer.kind == TRANSFER:
            title = fill(QCoreApplication.translate("Routing", "Transfer to you: %1"), name)
        else:
            title = fill(QCoreApplication.translate("Routing", "Chat offered: %1"), name)
        parts = []
        if offer.department:
            parts.append(untrusted.shown(offer.department, max_chars=40, one_line=True))
        if offer.from_name:
            who = untrusted.shown(offer.from_name, max_chars=40, one_line=True)
            parts.append(fill(QCoreApplication.translate("Routing", "from %1"), who))
        if offer.deadline is not None:
            parts.append(
                fill(
                    QCoreApplication.translate("Routing", "%1 to accept"),
                    countdown(offer.deadline - self.now()),
                )
            )
        body = " · ".join(parts)
        if offer.note:
            body += "\n" + untrusted.shown(offer.note, max_chars=160, one_line=True)
        elif offer.said:
            body += "\n" + untrusted.shown(offer.said, max_chars=160, one_line=True)
        conversation = offer.conversation

        def open_chat() -> None:
            self.bring_forward()
            self.open_conversation(conversation)

        self.alerts.offered(
            f"offer-{conversation}",
            title,
            body,
            open_chat=open_chat,
            accept=lambda: self.accept(conversation),
            decline=lambda: self.decline(conversation),
            chime=chime,
        )

    def _show_offers(self) -> None:
        offers = sorted(self.offers.values(), key=lambda o: (o.deadline or 0, o.conversation))
        self.window.offers.show_offers(offers, self.now())
        self._keep_ticking()

    def _keep_ticking(self) -> None:
        shown = self.selection.conversation
        row = self.conversations.row(shown) if shown is not None else None
        transferring = row is not None and row.info.status is ConversationStatus.TRANSFERRING
        if self.offers or transferring:
            if not self.ticker.isActive():
                self.ticker.start()
        else:
            self.ticker.stop()

    def _tick(self) -> None:
        self.window.offers.tick(self.now())
        self._show_header()

    def accept(self, conversation: int) -> None:
        """Accept an offer or a transfer (the banner, the pop-up): take the chat, open it."""
        self.effects.send(frames.Accept(conversation=conversation))
        self.bring_forward()
        self.open_conversation(conversation)

    def decline(self, conversation: int) -> None:
        """Decline it: the relay offers it to the next agent; it leaves the banner now."""
        offer = self.offers.pop(conversation, None)
        if offer is not None:
            self._declined.add((conversation, offer.deadline))
        if offer is None or not offer.to_department:  # a department's: others may take it
            self.effects.send(frames.Decline(conversation=conversation))
        self._show_offers()

    # ------------------------------------------------------------ the list and the header

    def _describe(self, row: ConversationRow) -> None:
        """The card's department and routing word."""
        info = row.info
        row.department_name = self.team.department_name(info.department)
        me = self.team.my_id
        match info.status:
            case ConversationStatus.QUEUED:
                row.routing_word = QCoreApplication.translate("Routing", "queued")
            case ConversationStatus.OFFERED if info.offered_to == me:
                row.routing_word = QCoreApplication.translate("Routing", "offered to you")
            case ConversationStatus.OFFERED:
                row.routing_word = QCoreApplication.translate("Routing", "offered")
            case ConversationStatus.TRANSFERRING if info.transfer_to_agent == me:
                row.routing_word = QCoreApplication.translate("Routing", "transfer to you")
            case ConversationStatus.TRANSFERRING:
                row.routing_word = QCoreApplication.translate("Routing", "transferring")
            case _:
                row.routing_word = ""
        if row.out_of_view is not None:  # in the day's list of chats over for this agent
            row.routing_word = QCoreApplication.translate("Routing", "handed on")

    def agent_name(self, agent: int | None) -> str:
        name = self.team.name_of(agent)
        if name:
            return unbroken(untrusted.shown(name, max_chars=30, one_line=True))
        return (
            fill(QCoreApplication.translate("Routing", "agent #%1"), str(agent))
            if agent is not None
            else ""
        )

    def header_line(self, info: frames.ConversationInfo) -> str:
        """ "Owner: Alice · Helping: Bob · Supervising: Carol · Sales · Transferring to Dan,
        0:24 left"."""
        parts = []
        owners = participants_of(info, ParticipantRole.OWNER) or (
            [info.agent] if info.agent is not None else []
        )
        if owners:
            parts.append(
                fill(
                    QCoreApplication.translate("Routing", "Owner: %1"),
                    QCoreApplication.translate("Routing", ", ").join(
                        self.agent_name(a) for a in owners
                    ),
                )
            )
        helpers = participants_of(info, ParticipantRole.HELPER)
        if helpers:
            names = QCoreApplication.translate("Routing", ", ").join(
                self.agent_name(a) for a in helpers
            )
            parts.append(fill(QCoreApplication.translate("Routing", "Helping: %1"), names))
        supervisors = participants_of(info, ParticipantRole.SUPERVISOR)
        if supervisors:
            names = QCoreApplication.translate("Routing", ", ").join(
                self.agent_name(a) for a in supervisors
            )
            parts.append(fill(QCoreApplication.translate("Routing", "Supervising: %1"), names))
        if info.department is not None:
            department = untrusted.shown(
                self.team.department_name(info.department), max_chars=40, one_line=True
            )
            department = unbroken(department)
            parts.append(fill(QCoreApplication.translate("Routing", "Department: %1"), department))
        if info.status is ConversationStatus.TRANSFERRING:
            if info.transfer_to_agent is not None:
                target = self.agent_name(info.transfer_to_agent)
            else:
                target = untrusted.shown(
                    self.team.department_name(info.transfer_to_department),
                    max_chars=40,
                    one_line=True,
                )
            line = fill(QCoreApplication.translate("Routing", "Transferring to %1"), target)
            if info.transfer_deadline is not None:
                left = info.transfer_deadline - self.now()
                if left > 0:
                    line = fill(
                        QCoreApplication.translate(
                            "Routing", "Transferring to %1 until %2 (%3 left)"
                        ),
                        target,
                        day_or_time(info.transfer_deadline - self.offset, self.clock()),
                        countdown(left),
                    )
            parts.append(line)
        elif info.status is ConversationStatus.OFFERED and info.offered_to is not None:
            parts.append(
                fill(
                    QCoreApplication.translate("Routing", "Offered to %1"),
                    self.agent_name(info.offered_to),
                )
            )
        line = " · ".join(parts)
        handover = self.handover_note(info)
        if handover and info.status is not ConversationStatus.CLOSED:
            note = untrusted.shown(handover, max_chars=300)
            line += "\n" + fill(QCoreApplication.translate("Routing", "Handover note: %1"), note)
        return line

    def _show_header(self) -> None:
        shown = self.selection.conversation
        row = self.conversations.row(shown) if shown is not None else None
        chat = self.window.chat
        if row is None:
            chat.show_routing("", can_transfer=False, can_escalate=False)
            chat.set_whispering(False)
            self._keep_ticking()
            return
        info = row.info
        if row.out_of_view is not None:  # no longer theirs: read only, nothing to hand on
            chat.show_routing(self.header_line(info), can_transfer=False, can_escalate=False)
            chat.set_whispering(False)
            self._keep_ticking()
            return
        me = self.team.my_id
        in_chat = info.agent == me or me in participants_of(info)
        open_now = info.status in (ConversationStatus.ACTIVE, ConversationStatus.TRANSFERRING)
        mine = info.agent == me and me is not None
        can_transfer = open_now and (mine or self.team.supervises)
        can_escalate = (
            mine
            and info.status is ConversationStatus.ACTIVE
            and self.team.higher_level_in(info.department)
        )
        chat.show_routing(
            self.header_line(info), can_transfer=can_transfer, can_escalate=can_escalate
        )
        # A supervisor reading someone else's chat writes whispers, not replies.
        whispering = self.team.supervises and info.agent not in (None, me)
        chat.set_whispering(whispering)
        if whispering and not in_chat:
            chat.set_noting(True)
        self._keep_ticking()

    def conversation_shown(self, conversation: int) -> None:
        """The desk opened a chat: its header, and a supervisor's whispers."""
        self._whisperers(conversation)
        self._show_header()

    def _whisperers(self, conversation: int | None = None) -> None:
        shown = conversation if conversation is not None else self.selection.conversation
        row = self.conversations.row(shown) if shown is not None else None
        whisperers = self.team.whisperers()
        if row is not None:
            whisperers |= set(participants_of(row.info, ParticipantRole.SUPERVISOR))
        self.messages.whisperers = whisperers

    # ------------------------------------------------------------ the visitor's own agent

    def _show_owner(self) -> None:
        visitor = self.selection.visitor
        info = self.visitors.get(visitor) if visitor is not None else None
        teams = bool(self.team.departments)
        details = self.window.visitor_details
        if info is None:
            details.show_owner("", can_change=False, shown=teams)
            return
        name = self.agent_name(info.owner) if info.owner is not None else ""
        details.show_owner(name, can_change=self.online(), shown=teams or info.owner is not None)

    def visitor_shown(self, visitor: int) -> None:
        self._show_owner()

    def open_owner(self, visitor: int) -> OwnerDialog:
        info = self.visitors.get(visitor)
        current = info.owner if info is not None else None
        dialog = OwnerDialog(self.team, visitor, current, self.window)
        dialog.owner_chosen.connect(self.set_owner)
        self._open_dialog(dialog)
        return dialog

    def set_owner(self, visitor: int, agent: int | None) -> None:
        self.effects.send(frames.SetOwner(visitor=visitor, agent=agent))

    # ------------------------------------------------------------ transfer, escalate

    def open_transfer(self, conversation: int) -> TransferDialog | None:
        row = self.conversations.row(conversation)
        if row is None:
            return None
        dialog = TransferDialog(self.team, row.info, self.window)
        dialog.transfer_requested.connect(self.transfer)
        self._open_dialog(dialog)
        return dialog

    def transfer(
        self, conversation: int, agent: int | None, department: int | None, note: str
    ) -> None:
        self.effects.send(
            frames.TransferRequest(
                conversation=conversation, agent=agent, department=department, note=note
            )
        )
        target = self.agent_name(agent) if agent is not None else None
        if target is None:
            target = untrusted.shown(self.team.department_name(department), one_line=True)
        self.effects.say(
            fill(
                QCoreApplication.translate(
                    "Routing", "Transfer to %1 asked: the chat stays yours until taken."
                ),
                target,
            )
        )

    def open_escalate(self, conversation: int) -> EscalateDialog | None:
        row = self.conversations.row(conversation)
        if row is None:
            return None
        dialog = EscalateDialog(self.team, row.info, self.window)
        dialog.escalate_requested.connect(self.escalate)
        self._open_dialog(dialog)
        return dialog

    def escalate(self, conversation: int, note: str) -> None:
        self.effects.send(frames.Escalate(conversation=conversation, note=note))
        self.effects.say(
            QCoreApplication.translate(
                "Routing", "Escalation asked: the chat stays yours until a senior takes it."
            )
        )

    def _open_dialog(self, dialog: TransferDialog | EscalateDialog | OwnerDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.show()

    def _dialog_closed(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    # ------------------------------------------------------------ supervision

    def open_supervision(self) -> SupervisorWindow | None:
        if not self.team.supervises:
            return None
        if self.supervisor is None:
            self.supervisor = SupervisorWindow(self.window)
            self.supervisor.open_requested.connect(self._open_supervised)
            self.supervisor.barge_requested.connect(self.barge)
            self.supervisor.set_departments([(d.id, d.name) for d in self.team.my_departments()])
        self.supervisor.show()  # first: only a shown window is refreshed
        self._refresh_supervision()
        self.supervisor.raise_()
        self.supervisor.activateWindow()
        return self.supervisor

    def _open_supervised(self, conversation: int) -> None:
        self.bring_forward()
        self.open_conversation(conversation)

    def barge(self, conversation: int, take_over: bool) -> None:
        """Join the chat as supervisor, or take it over; it opens in the main window."""
        self.effects.send(frames.Barge(conversation=conversation, take_over=take_over))
        self._open_supervised(conversation)

    def watched(self) -> list[WatchedChat]:
        """Every open chat this supervisor sees, the untaken first come first, then by
        how long each has gone on."""
        me = self.team.my_id
        now = self.clock()
        chats = []
        closed = ConversationStatus.CLOSED
        rows = [
            r
            for r in self.conversations.rows
            if r.info.status is not closed and r.out_of_view is None  # not handed on
        ]
        rows.sort(key=lambda r: (r.info.status not in UNTAKEN, r.info.created_at, r.info.id))
        for row in rows:
            info = row.info
            agents = [self.agent_name(a) for a in participants_of(info)] or (
                [self.agent_name(info.agent)] if info.agent is not None else []
            )
            since = row.unanswered_since if row.unanswered() else None
            if since is None and info.status in UNTAKEN:
                since = info.created_at
            state = _(STATE_WORDS.get(info.status, info.status))
            if info.status is ConversationStatus.TRANSFERRING:
                target = (
                    self.agent_name(info.transfer_to_agent)
                    if info.transfer_to_agent is not None
                    else self.team.department_name(info.transfer_to_department)
                )
                state = fill(QCoreApplication.translate("Routing", "to %1"), target)
            chats.append(
                WatchedChat(
                    conversation=info.id,
                    visitor=card_name(row),
                    department=self.team.department_name(info.department),
                    department_id=info.department,
                    state=state,
                    agents=QCoreApplication.translate("Routing", ", ").join(agents)
                    or QCoreApplication.translate("Routing", "nobody yet"),
                    waiting=waiting_text(now - since) if since is not None else "",
                    typing=self.drafts.drafts.get(info.visitor, ""),
                    last=row.last_text if row.last_text else "",
                    untaken=info.status in UNTAKEN,
                    mine=me is not None and (info.agent == me or me in participants_of(info)),
                )
            )
        return chats

    def _refresh_supervision(self) -> None:
        if self.supervisor is not None and self.supervisor.isVisible():
            self.supervisor.show_chats(self.watched())

    # ------------------------------------------------------------ the team (admins)

    def open_team(self) -> TeamWindow | None:
        if not self.team.is_admin:
            return None
        if self.team_window is None:
            window = TeamWindow(self.site_names, self.window)
            window.team_requested.connect(lambda: self._ask(frames.TeamRequest()))
            window.department_save_requested.connect(self._ask)
            window.agent_save_requested.connect(self._ask)
            window.finished.connect(lambda _result: self._team_closed(window))
            self.team_window = window
        self.team_window.show()
        self.team_window.raise_()
        self.team_window.start()
        return self.team_window

    def _ask(self, frame: frames.Frame) -> None:
        if self.online():
            self.effects.send(frame)
        elif self.team_window is not None:
            offline = QCoreApplication.translate(
                "Routing", "Not connected to the relay: try again once connected."
            )
            self.team_window.show_problem(offline)

    def _team_closed(self, window: TeamWindow) -> None:
        if self.team_window is window:
            self.team_window = None
            window.deleteLater()
