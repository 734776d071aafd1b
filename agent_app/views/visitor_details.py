"""The main window's panel of what the relay knows of the visitor: who they are, where
from, the pages of this visit with the time spent on each, and their earlier chats.

Its texts keep the context "MainWindow", where the translations have them; the counted
texts ("%n pages") need `self.tr` in a class of that name and stay in MainWindow."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from agent_app import text as untrusted
from agent_app import theme
from agent_app.i18n import QT_TRANSLATE_NOOP, fill
from agent_app.views.invitation_words import invitation_line
from agent_app.views.plain import plain_label
from agent_app.views.wording import source_text, visitor_name, visits_text
from shared_protocol import frames

# The rows of the visitor's details: the keys of `MainWindow.detail_labels` (the desk and
# tests use them), each shown translated.
DETAILS = (
    QT_TRANSLATE_NOOP("MainWindow", "Visitor"),
    QT_TRANSLATE_NOOP("MainWindow", "E-mail"),
    QT_TRANSLATE_NOOP("MainWindow", "Phone"),
    QT_TRANSLATE_NOOP("MainWindow", "Address"),
    QT_TRANSLATE_NOOP("MainWindow", "Location"),
    QT_TRANSLATE_NOOP("MainWindow", "Device"),
    QT_TRANSLATE_NOOP("MainWindow", "Source"),
    QT_TRANSLATE_NOOP("MainWindow", "Landing page"),
    QT_TRANSLATE_NOOP("MainWindow", "Page"),
    QT_TRANSLATE_NOOP("MainWindow", "Visits"),
    QT_TRANSLATE_NOOP("MainWindow", "First seen"),
    QT_TRANSLATE_NOOP("MainWindow", "On site since"),
    QT_TRANSLATE_NOOP("MainWindow", "Path"),
    QT_TRANSLATE_NOOP("MainWindow", "Earlier"),
)


def _(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP, looked up when shown."""
    return QCoreApplication.translate("MainWindow", text)


def dwell(page: frames.PageVisit, now: float, gone_since: float | None = None) -> str:
    """Time spent on a page: until it was left, or until now while the visitor is on it.
    A visitor no longer on the site (`gone_since`) is never "here now", even when the
    relay could not note the leaving (it was restarted meanwhile)."""
    end = page.left_at or gone_since or now
    seconds = int(max(0.0, end - page.entered_at))
    spent = (
        fill(
            QCoreApplication.translate("MainWindow", "%1 min %2 s"),
            str(seconds // 60),
            f"{seconds % 60:02d}",
        )
        if seconds >= 60
        else fill(QCoreApplication.translate("MainWindow", "%1 s"), str(seconds))
    )
    if page.left_at is not None or gone_since is not None:
        return spent
    return fill(QCoreApplication.translate("MainWindow", "%1, here now"), spent)


class VisitorDetailsPanel(QScrollArea):
    """One labelled row per entry of DETAILS, the earlier chats to open, and the location
    databases' credit. Scrolls rather than squeezing rows: a long landing page with its
    referrer, a long path, or wider labels in another language would otherwise be cut off."""

    history_requested = Signal(object)  # frames.ConversationInfo of an earlier chat
    invite_requested = Signal()  # invite the visitor shown
    invitation_withdraw_requested = Signal(int)  # the invitation's id
    owner_change_requested = Signal()  # change the shown visitor's own agent

    def __init__(self) -> None:
        super().__init__()
        self.live_visitor: int | None = None  # the visitor shown, when on the site now
        self.details = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for key in DETAILS:
            self.labels[key] = plain_label("—")
            self.details.addRow(_(key), self.labels[key])
        # The invitation's state as a row like the others (it wraps the same way), its
        # buttons on the row below.
        buttons = self._build_invitation()
        self.details.insertRow(
            1, QCoreApplication.translate("MainWindow", "Invitation"), self.invitation_state
        )
        self.details.insertRow(2, "", buttons)
        # Their own agent (routing offers them their chats first), and a way to change it.
        self.owner = plain_label("—")
        self.owner_button = QPushButton(QCoreApplication.translate("MainWindow", "Change…"))
        self.owner_button.setToolTip(
            QCoreApplication.translate(
                "MainWindow", "Choose the agent this visitor is offered to first"
            )
        )
        self.owner_button.clicked.connect(self.owner_change_requested.emit)
        owner_row = QWidget()  # the name over its button: a narrow pane keeps the name whole
        owner_layout = QVBoxLayout(owner_row)
        owner_layout.setContentsMargins(0, 0, 0, 0)
        owner_layout.addWidget(self.owner)
        owner_layout.addWidget(self.owner_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.owner_label = QLabel(QCoreApplication.translate("MainWindow", "Own agent"))
        self.details.insertRow(1, self.owner_label, owner_row)
        self.show_owner("", can_change=False, shown=False)
        self.earlier_chats = QListWidget()
        self.earlier_chats.setMaximumHeight(90)
        self.earlier_chats.hide()
        self.earlier_chats.itemActivated.connect(
            lambda item: self.history_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.earlier_chats.itemClicked.connect(
            lambda item: self.history_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.details.addRow(self.earlier_chats)
        # The databases' names stay as their licences word them.
        credit = QLabel(
            fill(
                QCoreApplication.translate("MainWindow", "Locations: %1 and %2 (CC BY 4.0)"),
                "ip2region",
                "IP to City Lite by DB-IP.com",
            )
        )
        credit.setWordWrap(True)
        credit.setFont(theme.scaled_font(credit, 0.85))
        theme.set_tone(credit, theme.MUTED)
        self.details.addRow(credit)
        details = QWidget()
        details.setLayout(self.details)
        details.setMinimumWidth(230)
        self.setWidget(details)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _build_invitation(self) -> QWidget:
        """The visitor's invitation (its state, who sent it, its words) and the buttons
        to invite them or to take the invitation back (returned, in a row of their own)."""
        self.invitation_id: int | None = None
        self.invitation_state = plain_label("—")
        self.invite_button = QPushButton(QCoreApplication.translate("MainWindow", "Invite…"))
        self.invite_button.setToolTip(
            QCoreApplication.translate("MainWindow", "Invite this visitor to chat (Ctrl+I)")
        )
        self.invite_button.setEnabled(False)
        self.invite_button.clicked.connect(self.invite_requested.emit)
        self.withdraw_button = QPushButton(QCoreApplication.translate("MainWindow", "Withdraw"))
        self.withdraw_button.setToolTip(
            QCoreApplication.translate(
                "MainWindow", "Take the invitation back before the visitor answers"
            )
        )
        self.withdraw_button.hide()
        self.withdraw_button.clicked.connect(self._withdraw)
        box = QWidget()
        buttons = QHBoxLayout(box)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.invite_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        return box

    def _withdraw(self) -> None:
        if self.invitation_id is not None:
            self.invitation_withdraw_requested.emit(self.invitation_id)

    def show_owner(self, name: str, *, can_change: bool, shown: bool = True) -> None:
        """The visitor's own agent ("" for nobody); the row only where the site has teams."""
        self.owner.setText(name or "—")
        self.owner_button.setEnabled(can_change)
        self.details.setRowVisible(self.owner_label, shown)

    def show_invitation(
        self, info: frames.InvitationInfo | None, *, can_invite: bool, can_withdraw: bool
    ) -> None:
        """The visitor's invitation now (None: none to show), and which buttons work."""
        self.invitation_id = info.id if info is not None else None
        if info is None:
            self.invitation_state.setText("—")
            self.invitation_state.setToolTip("")
        else:
            line = invitation_line(info)
            self.invitation_state.setText(line)
            self.invitation_state.setToolTip(untrusted.tooltip(line, max_chars=2000))
        withdraw = info is not None and can_withdraw
        self.invite_button.setEnabled(can_invite)
        self.invite_button.setVisible(not withdraw)  # one invitation at a time
        self.withdraw_button.setVisible(withdraw)

    def show_visitor(
        self,
        info: frames.VisitorInfo | None,
        contact: frames.VisitorContact | None = None,
        *,
        here: bool = True,
    ) -> None:
        """What is known of the visitor: live while on the site (`here`), as last seen
        after they left, and the contact they gave (the conversation's or the details')."""
        self.live_visitor = info.id if info is not None and here else None
        for label in self.labels.values():
            label.setText("—")
            label.setToolTip("")
        if info is None:
            self.show_contact(contact)
            return
        landing = info.landing
        self.set_detail("Visitor", visitor_name(info))
        self.set_detail("E-mail", info.email)
        self.set_detail("Phone", info.phone)
        self.set_detail("Address", info.ip)
        self.set_detail("Location", info.location)
        self.set_detail("Device", info.device)
        self.set_detail("Source", source_text(info))
        if landing is not None:
            self.set_detail("Landing page", landing.title, landing.url, landing.referrer or "")
        if info.page is not None:
            self.set_detail("Page", info.page.title, info.page.url)
        self.set_detail("Visits", visits_text(info))
        first_seen = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.first_seen))
        self.set_detail("First seen", first_seen)
        self.set_detail("On site since", time.strftime("%H:%M", time.localtime(info.last_seen)))
        if contact is not None and not (info.name or info.email or info.phone):
            self.show_contact(contact)

    def show_contact(self, contact: frames.VisitorContact | None) -> None:
        """The name, e-mail and phone a visitor left, shown also once they are gone."""
        if contact is None:
            return
        for key, value in (
            ("Visitor", contact.name),
            ("E-mail", contact.email),
            ("Phone", contact.phone),
        ):
            if value:
                self.set_detail(key, value)

    def set_detail(self, key: str, value: str, url: str = "", referrer: str | None = None) -> None:
        """One line of the visitor's details: their words isolated, URLs readable, long
        values cut (all of it in the tooltip)."""
        parts = [untrusted.shown(value, max_chars=120)] if value else []
        whole = [value] if value else []
        if url:
            readable = untrusted.readable_url(url)
            parts.append(untrusted.wrappable_url(untrusted.shown(readable, max_chars=120)))
            whole.append(readable)
        if referrer is not None:
            readable = untrusted.readable_url(referrer) or QCoreApplication.translate(
                "MainWindow", "no referrer"
            )
            shown = untrusted.wrappable_url(untrusted.shown(readable, max_chars=120))
            origin = QCoreApplication.translate("MainWindow", "from %1")
            parts.append(fill(origin, shown))
            whole.append(fill(origin, readable))
        label = self.labels[key]
        label.setText("\n".join(parts) or "—")
        label.setToolTip(untrusted.tooltip("\n".join(whole)) if whole else "")

    def show_path(
        self, path: list[frames.PageVisit], now: float, gone_since: float | None = None
    ) -> None:
        """The visit's pages, each with when it was entered and the time spent on it."""
        lines = [
            f"{time.strftime('%H:%M', time.localtime(page.entered_at))}  "
            f"{untrusted.shown(page.title or untrusted.readable_url(page.url), max_chars=80)}"
            f"  ({dwell(page, now, gone_since)})"
            for page in path
        ]
        self.labels["Path"].setText("\n".join(lines) or "—")

    def list_earlier_chats(
        self, conversations: list[frames.ConversationInfo], current: int | None
    ) -> None:
        """The visitor's chats other than `current`, each opened by a click."""
        self.earlier_chats.clear()
        for conversation in conversations:
            if conversation.id == current:
                continue
            day = time.strftime("%Y-%m-%d %H:%M", time.localtime(conversation.created_at))
            template = QCoreApplication.translate("MainWindow", "Open chat #%1 of %2")
            item = QListWidgetItem(fill(template, str(conversation.id), day))
            item.setData(Qt.ItemDataRole.UserRole, conversation)
            self.earlier_chats.addItem(item)
        self.earlier_chats.setVisible(self.earlier_chats.count() > 0)
