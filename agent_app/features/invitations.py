"""Proactive invitations (issue 14), the agent's side: inviting visitors by hand (from the
list, the details, an arrival's pop-up) and what came of it; every invitation's state on
its visitor's row and in the details, withdrawing one; and the admins' rules window.

The relay decides who may be invited and when; this feature asks, and shows its answers.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from agent_app.bridge import FrameRouter
from agent_app.features.effects import Effects
from agent_app.i18n import fill
from agent_app.models.invitations import (
    InvitationBook,
    is_active,
    phrase_words,
    preview,
)
from agent_app.models.visitors import VisitorsModel
from agent_app.selection import Selection
from agent_app.views.invitation_rules import InvitationRulesDialog
from agent_app.views.invite_dialog import InviteDialog, Invitee
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from shared_protocol.greetings import visitor_values

ANSWER_SECONDS = 15  # an invite the relay has not answered by then is said to be lost
WITHDRAW_REFUSALS = frozenset({ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN, ErrorCode.CONFLICT})
# Errors that may come without the ref of the frame they refuse (it did not decode).
REF_LESS = frozenset(
    {ErrorCode.BAD_FRAME, ErrorCode.FORBIDDEN, ErrorCode.TOO_LONG, ErrorCode.RATE_LIMITED}
)
_refs = itertools.count(1)


class InvitationsView(Protocol):
    def show_invitation(
        self, info: frames.InvitationInfo | None, *, can_invite: bool, can_withdraw: bool
    ) -> None: ...


class InvitationsController:
    def __init__(
        self,
        *,
        visitors: VisitorsModel,
        selection: Selection,
        view: InvitationsView,
        effects: Effects,
        router: FrameRouter,
        phrases: Callable[[], list[frames.Phrase]],
        name_of: Callable[[int], str],
        online: Callable[[], bool],
        dialogs_parent: QWidget | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.visitors = visitors
        self.selection = selection
        self.view = view
        self.effects = effects
        self.phrases = phrases
        self.name_of = name_of
        self.online = online
        self.dialogs_parent = dialogs_parent
        self.clock = clock
        self.book = InvitationBook()
        self.me: frames.AgentInfo | None = None
        self.site_names: dict[str, str] = {}
        self.greetings: dict[str, str] = {}  # site → its greeting, once an admin loaded it
        self.dialog: InviteDialog | None = None  # the invite dialog open now
        self.waiting: dict[str, InviteDialog | None] = {}  # invite ref → its dialog
        self.rules: InvitationRulesDialog | None = None
        self.withdrawing: tuple[int, float] | None = None  # an invitation, when asked
        on = router.on
        on(frames.LoginOk, self._logged_in)
        on(frames.Invitations, lambda f: self._changed(f.invitations))
        on(frames.InviteResult, self._result)
        on(frames.InvitationSetup, self._setup)
        on(frames.Error, self._refused)
        # After the visitors feature: a visitor's row exists before its badge is set.
        on(frames.VisitorsChanged, self._visitors_changed)
        on(frames.VisitorUpdate, lambda f: self._show_rows({f.visitor.id}))
        on(frames.VisitorLeft, lambda f: self._left([f.visitor]))

    @property
    def admin(self) -> bool:
        return self.me is not None and self.me.role == "admin"

    # ------------------------------------------------------------ inviting

    def invite(self, visitor_ids: list[int]) -> InviteDialog | None:
        """Open the invite dialog for these visitors (one dialog at a time: a new choice
        replaces one not sent yet)."""
        ids = list(dict.fromkeys(visitor_ids))
        if not ids:
            return None
        if self.dialog is not None and not self.dialog.sending:
            self.dialog.close()
        infos = [info for v in ids if (info := self.visitors.get(v)) is not None]
        sites = {info.site for info in infos}
        site = next(iter(sites)) if len(sites) == 1 else ""
        # What the first of them reads; with several, each reads their own name.
        values = visitor_values(
            infos[0] if len(infos) == 1 else None, self.site_names.get(site, "")
        )
        agent_name = self.me.display_name if self.me else ""
        dialog = InviteDialog(
            [self._invitee(v) for v in ids],
            self.phrases(),
            phrase_text=lambda phrase: phrase_words(phrase, agent_name),
            preview=lambda text: preview(text, values),
            greeting=self.greetings.get(site) if site else None,
            parent=self.dialogs_parent,
        )
        dialog.send_requested.connect(lambda visitors, text: self.send(dialog, visitors, text))
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _dialog_closed(self, dialog: InviteDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        for ref, waiting in self.waiting.items():
            if waiting is dialog:
                self.waiting[ref] = None  # the answer still updates the rows

    def _invitee(self, visitor_id: int) -> Invitee:
        info = self.visitors.get(visitor_id)
        name = self.name_of(visitor_id)
        if info is None:
            return Invitee(
                visitor_id,
                name,
                note=QCoreApplication.translate("Invitations", "has left the site"),
            )
        page = info.page.title or info.page.url if info.page else ""
        where = " · ".join(part for part in (info.location, page) if part)
        note = ""
        invitation = self.book.shown(visitor_id, self.clock())
        if info.conversation is not None:
            note = QCoreApplication.translate("Invitations", "is already chatting")
        elif invitation is not None and is_active(invitation):
            note = QCoreApplication.translate("Invitations", "already has an invitation waiting")
        return Invitee(visitor_id, name, where, note)

    def send(self, dialog: InviteDialog | None, visitor_ids: list[int], text: str) -> str:
        """Ask the relay to invite; the answer (invite_result) comes back by `ref`."""
        if not self.online():
            if dialog is not None:
                dialog.show_problem(
                    QCoreApplication.translate(
                        "Invitations", "Not connected to the relay: nobody can be invited now."
                    )
                )
            return ""
        ref = f"invite-{next(_refs)}"
        self.waiting[ref] = dialog
        self.effects.send(frames.Invite(visitors=visitor_ids, text=text, ref=ref))
        if dialog is not None:
            dialog.show_sending()
            QTimer.singleShot(ANSWER_SECONDS * 1000, dialog, lambda: self._unanswered(ref))
        return ref

    def _unanswered(self, ref: str) -> None:
        dialog = self.waiting.pop(ref, None)
        if dialog is not None and dialog.sending:
            dialog.show_problem(
                QCoreApplication.translate(
                    "Invitations",
                    "The relay did not answer: look at the visitors' rows before trying again.",
                )
            )

    def _result(self, result: frames.InviteResult) -> None:
        self._changed(result.sent)
        dialog = self.waiting.pop(result.ref, None)
        refused = [(self.name_of(r.visitor), r.reason) for r in result.refused]
        if dialog is not None:
            dialog.show_result(len(result.sent), refused)
            if not refused:
                dialog.accept()
        count = len(result.sent)
        if refused:
            said = fill(
                QCoreApplication.translate("Invitations", "Invited: %1; not invited: %2"),
                str(count),
                str(len(refused)),
            )
        else:
            said = fill(QCoreApplication.translate("Invitations", "Invited: %1"), str(count))
        self.effects.say(said)

    def withdraw(self, invitation_id: int) -> None:
        info = self.book.get(invitation_id)
        if info is not None and is_active(info):
            self.withdrawing = (invitation_id, self.clock())
            self.effects.send(frames.InvitationWithdraw(id=invitation_id))

    # ------------------------------------------------------------ states

    def _logged_in(self, welcome: frames.LoginOk) -> None:
        self.me = welcome.agent
        self.site_names = dict(welcome.site_names)
        # The relay sends the last ten minutes afresh; what was held may have moved on.
        self._show_rows(self.book.clear())
        self.show_details()

    def _changed(self, infos: list[frames.InvitationInfo]) -> None:
        changed = self.book.update(infos)
        if self.withdrawing is not None:
            asked = self.book.get(self.withdrawing[0])
            if asked is not None and not is_active(asked):
                self.withdrawing = None  # it ended (withdrawn, or answered first)
        self._show_rows(changed)
        if self.selection.visitor in changed:
            self.show_details()

    def _show_rows(self, visitor_ids: set[int]) -> None:
        now = self.clock()
        for visitor in visitor_ids:
            self.visitors.set_invitation(visitor, self.book.shown(visitor, now))

    def _visitors_changed(self, changed: frames.VisitorsChanged) -> None:
        self._show_rows({info.id for info in changed.updated})
        self._left(changed.left)
        if self.selection.visitor in {info.id for info in changed.updated}:
            self.show_details()  # a chat began: no more inviting

    def _left(self, visitor_ids: list[int]) -> None:
        for visitor in visitor_ids:
            if self.book.left(visitor):
                self._show_rows({visitor})
            if visitor == self.selection.visitor:
                self.show_details()

    def refresh(self) -> None:
        """As time passes (the desk's ticker): ended invitations leave the rows."""
        changed = self.book.expire(self.clock())
        self._show_rows(changed)
        if self.selection.visitor in changed:
            self.show_details()

    def show_details(self) -> None:
        """The shown visitor's invitation in the details pane, and what may be done."""
        visitor = self.selection.visitor
        if visitor is None:
            self.view.show_invitation(None, can_invite=False, can_withdraw=False)
            return
        info = self.book.shown(visitor, self.clock())
        live = self.visitors.get(visitor)
        active = info is not None and is_active(info)
        can_invite = live is not None and live.conversation is None and not active
        mine = info is not None and self.me is not None and info.agent == self.me.id
        self.view.show_invitation(
            info, can_invite=can_invite, can_withdraw=active and (mine or self.admin)
        )

    # ------------------------------------------------------------ the rules (admins)

    def open_rules(self) -> InvitationRulesDialog | None:
        if not self.admin:
            return None
        if self.rules is not None:
            self.rules.show()
            self.rules.raise_()
            self.rules.activateWindow()
            return self.rules
        dialog = InvitationRulesDialog(self.site_names, self.dialogs_parent)
        ask = self._ask_for_rules
        dialog.site_chosen.connect(lambda site: ask(frames.InvitationSetupRequest(site=site)))
        dialog.settings_save_requested.connect(
            lambda site, settings: ask(frames.InvitationSettingsSave(site=site, settings=settings))
        )
        dialog.rule_save_requested.connect(
            lambda site, rule, position: ask(
                frames.InvitationRuleSave(site=site, rule=rule, position=position)
            )
        )
        dialog.rule_delete_requested.connect(
            lambda site, rule: ask(frames.InvitationRuleDelete(site=site, rule=rule))
        )
        dialog.finished.connect(lambda _result: self._rules_closed(dialog))
        self.rules = dialog
        dialog.show()
        dialog.start()
        return dialog

    def _ask_for_rules(self, frame: frames.Frame) -> None:
        """Send what the rules window asks; offline, it says so instead of waiting."""
        if self.online():
            self.effects.send(frame)
        elif self.rules is not None:
            self.rules.show_problem(
                QCoreApplication.translate(
                    "Invitations", "Not connected to the relay: try again once connected."
                )
            )

    def _rules_closed(self, dialog: InvitationRulesDialog) -> None:
        if self.rules is dialog:
            self.rules = None
            dialog.deleteLater()

    def _setup(self, setup: frames.InvitationSetup) -> None:
        self.greetings[setup.site] = setup.settings.greeting
        if self.rules is not None:
            self.rules.show_setup(setup)

    def _refused(self, error: frames.Error) -> None:
        """An error about an invite (by its ref) or, while the rules window waits for an
        answer, about what it asked."""
        words = error.detail or fill(
            QCoreApplication.translate("Invitations", "The relay refused it (%1)."),
            error.code.value,
        )
        if error.code is ErrorCode.RATE_LIMITED:
            words = QCoreApplication.translate(
                "Invitations", "Too much at once: wait a moment and try again."
            )
        ref = error.ref
        rules_waiting = self.rules is not None and bool(self.rules.pending)
        if ref is None and not rules_waiting and self.waiting and error.code in REF_LESS:
            ref = next(reversed(self.waiting))  # refused before its ref could be read
        if ref is not None and ref in self.waiting:
            dialog = self.waiting.pop(ref)
            if dialog is not None:
                dialog.show_problem(words)
            else:
                self.effects.say(words)
            return
        if error.ref is not None:
            return  # about something else this app sent (a message)
        if self.rules is not None and rules_waiting:
            self.rules.show_problem(words)
        elif self.withdrawing is not None and error.code in WITHDRAW_REFUSALS:
            if self.clock() - self.withdrawing[1] < ANSWER_SECONDS:
                self.effects.say(
                    fill(QCoreApplication.translate("Invitations", "Not withdrawn: %1"), words)
                )
            self.withdrawing = None
