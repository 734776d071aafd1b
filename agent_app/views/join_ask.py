"""Asking a colleague to join a chat: the dialog the asker picks one in (colleagues of the
chat's department connected now, with a note only agents read), and the banner the
colleague answers from (Join / Decline, with the time left), across the top of the main
window like the offer banner but in its own colour."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from agent_app import text as untrusted
from agent_app import theme
from agent_app.i18n import fill
from agent_app.models.team import Team, participants_of
from agent_app.views.banner import Banner, BannerRow, Tone, Waiting
from agent_app.views.offers import time_left_text
from agent_app.views.plain import plain_label
from agent_app.views.transfer_dialog import colleague_line
from shared_protocol import frames, limits

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def askable(team: Team, conversation: frames.ConversationInfo) -> list[frames.AgentPresenceInfo]:
    """Colleagues connected now who may see the chat (its department's, or admins; any for
    a chat of no department) and are not in it: those the relay lets this agent ask."""
    inside = set(participants_of(conversation))
    if conversation.agent is not None:
        inside.add(conversation.agent)
    department = conversation.department
    return [
        colleague
        for colleague in team.transfer_targets()
        if colleague.agent not in inside
        and (department is None or colleague.role == "admin" or department in colleague.departments)
    ]


class AskColleagueDialog(QDialog):
    """Pick one colleague to ask, and say why (optional)."""

    ask_requested = Signal(int, int, str)  # conversation, agent, note

    def __init__(
        self, team: Team, conversation: frames.ConversationInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.conversation = conversation
        self.setWindowTitle(QCoreApplication.translate("JoinAsk", "Ask a colleague to join"))
        self.resize(440, 380)
        department = team.department_name(conversation.department)
        if department:
            text = fill(
                QCoreApplication.translate(
                    "JoinAsk", "Ask a colleague of %1 to join this chat and help. It stays yours."
                ),
                untrusted.shown(department, max_chars=50, one_line=True),
            )
        else:
            text = QCoreApplication.translate(
                "JoinAsk", "Ask a colleague to join this chat and help. It stays yours."
            )
        self.explanation = plain_label(text)
        self.colleagues = QListWidget()
        for colleague in askable(team, conversation):
            item = QListWidgetItem(colleague_line(team, colleague))
            item.setData(ID_ROLE, colleague.agent)
            self.colleagues.addItem(item)
        self.nobody = plain_label(
            QCoreApplication.translate(
                "JoinAsk",
                "Nobody who may see this chat is online now: transfer it instead.",
            )
        )
        theme.set_tone(self.nobody, theme.MUTED)
        self.nobody.setVisible(self.colleagues.count() == 0)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(
            QCoreApplication.translate("JoinAsk", "What you need help with (agents only)")
        )
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ask_button = self.buttons.addButton(
            QCoreApplication.translate("JoinAsk", "Ask to join"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.ask_button.setEnabled(False)
        self.colleagues.currentItemChanged.connect(
            lambda current, _previous: self.ask_button.setEnabled(current is not None)
        )
        self.colleagues.itemDoubleClicked.connect(lambda _item: self._ask())
        self.buttons.accepted.connect(self._ask)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.colleagues, 1)
        layout.addWidget(self.nobody)
        layout.addWidget(QLabel(QCoreApplication.translate("JoinAsk", "Note")))
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        if self.colleagues.count():
            self.colleagues.setCurrentRow(0)

    def chosen(self) -> int | None:
        item = self.colleagues.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def _ask(self) -> None:
        agent = self.chosen()
        if agent is None:
            return
        note = self.note.toPlainText().strip()[: limits.MAX_INVITATION_CHARS]
        self.ask_requested.emit(self.conversation.id, agent, note)
        self.accept()


@dataclass(frozen=True)
class JoinAskShown:
    """A colleague's ask to this agent, waiting for Join or Decline."""

    conversation: int
    by_name: str  # as given: shown through untrusted.shown
    visitor_name: str  # likewise
    department: str = ""
    note: str = ""
    expires_at: float = 0.0  # the relay's clock


def ask_headline(ask: JoinAskShown) -> str:
    """ "Ann asks you to join a chat: 李华 · Sales"."""
    who = untrusted.shown(ask.by_name, max_chars=30, one_line=True)
    name = untrusted.shown(ask.visitor_name, max_chars=40, one_line=True)
    where = (
        " · " + untrusted.shown(ask.department, max_chars=40, one_line=True)
        if ask.department
        else ""
    )
    return (
        fill(QCoreApplication.translate("JoinAsk", "%1 asks you to join a chat: %2"), who, name)
        + where
    )


# Green, apart from the amber offer and the sky-blue transfer: a colleague asks for help,
# the chat does not become theirs.
ASK_TONE = Tone(light=("#dcfce7", "#14532d"), dark=("#14532d", "#dcfce7"))


class JoinAskRow(BannerRow):
    join_requested = Signal(int)
    decline_requested = Signal(int)

    def __init__(self, ask: JoinAskShown) -> None:
        lines = []
        if ask.note:
            note = untrusted.shown(ask.note, max_chars=300)
            lines.append(fill(QCoreApplication.translate("JoinAsk", "Note: %1"), note))
        yes = QCoreApplication.translate("JoinAsk", "Join")
        no = QCoreApplication.translate("JoinAsk", "Decline")
        super().__init__(ask, ask_headline(ask), lines, yes, no, ASK_TONE)
        self.ask = ask
        self.join_button, self.decline_button = self.yes_button, self.no_button
        self.join_button.clicked.connect(lambda: self.join_requested.emit(ask.conversation))
        self.decline_button.clicked.connect(lambda: self.decline_requested.emit(ask.conversation))

    def tick(self, now: float) -> None:
        self.timer.setText(time_left_text(self.ask.expires_at - now))


class JoinAskBanner(Banner):
    """Every colleague's ask to this agent, oldest first; hidden when none."""

    join_requested = Signal(int)
    decline_requested = Signal(int)

    def make_row(self, item: Waiting) -> BannerRow:
        assert isinstance(item, JoinAskShown)
        row = JoinAskRow(item)
        row.join_requested.connect(self.join_requested.emit)
        row.decline_requested.connect(self.decline_requested.emit)
        return row

    def show_asks(self, asks: list[JoinAskShown], now: float) -> None:
        self.show_items(asks, now)
