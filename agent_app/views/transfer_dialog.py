"""Handing a chat over: to a colleague (those connected now, with their status and
departments) or to a department, with a note only agents read; escalating to the seniors
of the chat's department; and choosing a visitor's own agent."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from agent_app import text as untrusted
from agent_app import theme
from agent_app.i18n import QT_TRANSLATE_NOOP, fill
from agent_app.models.team import Team
from agent_app.views.plain import plain_label
from agent_app.views.text_limit import LimitCounter
from shared_protocol import frames, limits
from shared_protocol.frames import AgentStatus

STATUS_WORDS = {
    AgentStatus.ONLINE: QT_TRANSLATE_NOOP("Transfer", "online"),
    AgentStatus.AWAY: QT_TRANSLATE_NOOP("Transfer", "away"),
    AgentStatus.OFFLINE: QT_TRANSLATE_NOOP("Transfer", "offline"),
}
ROLE_WORDS = {
    "admin": QT_TRANSLATE_NOOP("Transfer", "admin"),
    "supervisor": QT_TRANSLATE_NOOP("Transfer", "supervisor"),
    "agent": QT_TRANSLATE_NOOP("Transfer", "agent"),
}
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _(text: str) -> str:
    return QCoreApplication.translate("Transfer", text)


def colleague_line(team: Team, colleague: frames.AgentPresenceInfo) -> str:
    """ "Bob · online · Sales, Support · level 2"."""
    name = untrusted.shown(colleague.display_name, max_chars=40, one_line=True)
    parts = [name, _(STATUS_WORDS.get(colleague.status, colleague.status))]
    departments = [
        untrusted.shown(team.department_name(d), max_chars=30, one_line=True)
        for d in colleague.departments
    ]
    if departments:
        parts.append(QCoreApplication.translate("Transfer", ", ").join(departments))
    if colleague.role != "agent":
        parts.append(_(ROLE_WORDS.get(colleague.role, colleague.role)))
    parts.append(fill(QCoreApplication.translate("Transfer", "level %1"), str(colleague.level)))
    return " · ".join(parts)


def department_line(department: frames.DepartmentInfo) -> str:
    name = untrusted.shown(department.name, max_chars=50, one_line=True)
    return (
        name
        if department.open_now
        else fill(QCoreApplication.translate("Transfer", "%1 (closed now)"), name)
    )


def _note_box(placeholder: str) -> QPlainTextEdit:
    note = QPlainTextEdit()
    note.setPlaceholderText(placeholder)
    note.setMaximumHeight(90)
    theme.set_tone(note, theme.QUOTE)
    return note


class TransferDialog(QDialog):
    """To a colleague or a department, with a note for whoever takes it."""

    transfer_requested = Signal(int, object, object, str)  # conversation, agent, department, note

    def __init__(
        self, team: Team, conversation: frames.ConversationInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.conversation = conversation
        self.setWindowTitle(QCoreApplication.translate("Transfer", "Transfer chat"))
        self.resize(460, 480)
        self.to_agent = QRadioButton(QCoreApplication.translate("Transfer", "To a colleague"))
        self.to_department = QRadioButton(QCoreApplication.translate("Transfer", "To a department"))
        self.agents = QListWidget()
        for colleague in team.transfer_targets():
            if not colleague.takes_chats:
                continue  # max chats 0 (a supervisor who watches): could never take it
            item = QListWidgetItem(colleague_line(team, colleague))
            item.setData(ID_ROLE, colleague.agent)
            if colleague.status is not AgentStatus.ONLINE:
                item.setForeground(self.palette().color(self.palette().ColorRole.PlaceholderText))
            self.agents.addItem(item)
        self.no_agents = plain_label(
            QCoreApplication.translate("Transfer", "No colleague is connected now.")
        )
        theme.set_tone(self.no_agents, theme.MUTED)
        self.no_agents.setVisible(self.agents.count() == 0)
        self.departments = QListWidget()
        for department in team.departments.values():
            item = QListWidgetItem(department_line(department))
            item.setData(ID_ROLE, department.id)
            self.departments.addItem(item)
        self.note = _note_box(
            QCoreApplication.translate(
                "Transfer",
                "A note for whoever takes it: what the visitor needs, what was done (agents only)",
            )
        )
        self.note_hint = plain_label(
            QCoreApplication.translate("Transfer", "The visitor never sees this note.")
        )
        theme.set_tone(self.note_hint, theme.MUTED)
        # Near the note's limit it counts; past it Transfer waits (nothing cut unseen).
        self.note_counter = LimitCounter(self.note, limits.MAX_INVITATION_CHARS)
        self.note_counter.fits_changed.connect(lambda _fits: self._mode())
        self.problem = plain_label()
        theme.set_tone(self.problem, theme.ALERT)
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.transfer_button = self.buttons.addButton(
            QCoreApplication.translate("Transfer", "Transfer"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.buttons.accepted.connect(self._transfer)
        self.buttons.rejected.connect(self.reject)
        self.to_agent.toggled.connect(self._mode)
        self.agents.itemClicked.connect(lambda _item: self.to_agent.setChecked(True))
        self.departments.itemClicked.connect(lambda _item: self.to_department.setChecked(True))
        self.agents.currentItemChanged.connect(lambda *_: self._mode())
        self.departments.currentItemChanged.connect(lambda *_: self._mode())
        layout = QVBoxLayout(self)
        layout.addWidget(self.to_agent)
        layout.addWidget(self.agents, 2)
        layout.addWidget(self.no_agents)
        layout.addWidget(self.to_department)
        layout.addWidget(self.departments, 1)
        layout.addWidget(QLabel(QCoreApplication.translate("Transfer", "Note")))
        layout.addWidget(self.note)
        layout.addWidget(self.note_counter)
        layout.addWidget(self.note_hint)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        has_departments = self.departments.count() > 0
        self.to_department.setVisible(has_departments)
        self.departments.setVisible(has_departments)
        self.to_agent.setChecked(True)
        self._mode()

    def _mode(self) -> None:
        by_agent = self.to_agent.isChecked()
        chosen = self.agents.currentItem() if by_agent else self.departments.currentItem()
        self.transfer_button.setEnabled(chosen is not None and self.note_counter.fits())

    def choose_agent(self, agent: int) -> None:
        for row in range(self.agents.count()):
            if self.agents.item(row).data(ID_ROLE) == agent:
                self.to_agent.setChecked(True)
                self.agents.setCurrentRow(row)

    def choose_department(self, department: int) -> None:
        for row in range(self.departments.count()):
            if self.departments.item(row).data(ID_ROLE) == department:
                self.to_department.setChecked(True)
                self.departments.setCurrentRow(row)

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def _transfer(self) -> None:
        agent = department = None
        if self.to_agent.isChecked() and self.agents.currentItem() is not None:
            agent = self.agents.currentItem().data(ID_ROLE)
        elif self.to_department.isChecked() and self.departments.currentItem() is not None:
            department = self.departments.currentItem().data(ID_ROLE)
        if (agent is None and department is None) or not self.note_counter.fits():
            return
        self.transfer_requested.emit(self.conversation.id, agent, department, self.note_text())
        self.accept()


class EscalateDialog(QDialog):
    """To the seniors of the chat's department, with a note."""

    escalate_requested = Signal(int, str)  # conversation, note

    def __init__(
        self,
        team: Team,
        conversation: frames.ConversationInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.conversation = conversation
        self.setWindowTitle(QCoreApplication.translate("Transfer", "Escalate chat"))
        self.resize(420, 260)
        level = team.me.level if team.me is not None else 1
        department = team.department_name(conversation.department)
        if department:
            text = fill(
                QCoreApplication.translate(
                    "Transfer", "Hand this chat to an agent of %1 above your level (%2)."
                ),
                untrusted.shown(department, max_chars=50, one_line=True),
                str(level),
            )
        else:
            text = fill(
                QCoreApplication.translate(
                    "Transfer", "Hand this chat to an agent above your level (%1)."
                ),
                str(level),
            )
        self.explanation = plain_label(text)
        self.note = _note_box(
            QCoreApplication.translate(
                "Transfer", "Why it needs a senior, what was tried (agents only)"
            )
        )
        self.note_counter = LimitCounter(self.note, limits.MAX_INVITATION_CHARS)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.escalate_button = self.buttons.addButton(
            QCoreApplication.translate("Transfer", "Escalate"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.note_counter.fits_changed.connect(self.escalate_button.setEnabled)
        self.buttons.accepted.connect(self._escalate)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(QLabel(QCoreApplication.translate("Transfer", "Note")))
        layout.addWidget(self.note)
        layout.addWidget(self.note_counter)
        layout.addWidget(self.buttons)

    def _escalate(self) -> None:
        if not self.note_counter.fits():
            return
        note = self.note.toPlainText().strip()
        self.escalate_requested.emit(self.conversation.id, note)
        self.accept()


class OwnerDialog(QDialog):
    """The visitor's own agent: routing offers them the visitor's chats first."""

    owner_chosen = Signal(int, object)  # visitor, agent (None: nobody)

    def __init__(
        self, team: Team, visitor: int, current: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.visitor = visitor
        self.setWindowTitle(QCoreApplication.translate("Transfer", "Visitor's own agent"))
        self.resize(420, 360)
        self.explanation = plain_label(
            QCoreApplication.translate(
                "Transfer",
                "Their next chats are offered to this agent first, when they are online.",
            )
        )
        self.agents = QListWidget()
        nobody = QListWidgetItem(
            QCoreApplication.translate("Transfer", "Nobody (whoever serves them next)")
        )
        nobody.setData(ID_ROLE, 0)
        self.agents.addItem(nobody)
        choices = list(team.transfer_targets())
        me = team.me
        if me is not None:
            choices.insert(
                0,
                frames.AgentPresenceInfo(
                    agent=me.id,
                    display_name=me.display_name,
                    status=AgentStatus.ONLINE,
                    role=me.role,
                    departments=list(me.departments),
                    level=me.level,
                ),
            )
        for colleague in choices:
            item = QListWidgetItem(colleague_line(team, colleague))
            item.setData(ID_ROLE, colleague.agent)
            self.agents.addItem(item)
            if colleague.agent == current:
                self.agents.setCurrentItem(item)
        if current is None:
            self.agents.setCurrentRow(0)
        self.buttons = buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._chosen)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.agents)
        layout.addWidget(buttons)

    def choose(self, agent: int | None) -> None:
        for row in range(self.agents.count()):
            if self.agents.item(row).data(ID_ROLE) == (agent or 0):
                self.agents.setCurrentRow(row)

    def _chosen(self) -> None:
        item = self.agents.currentItem()
        if item is not None:
            agent = item.data(ID_ROLE)
            self.owner_chosen.emit(self.visitor, agent or None)
        self.accept()
