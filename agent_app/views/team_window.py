"""The admins' team window: departments with their routing settings and hours, and agents
with their role, departments, level, capacity and skills. It asks for the team when
opened (`team_request`) and saves with `department_save` / `agent_routing_save`; the
relay's refusal (its `bad_frame` detail names the field) shows beside the form, and the
field it names is marked."""

from __future__ import annotations

import re

import msgspec
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from agent_app import text as untrusted
from agent_app import theme
from agent_app.i18n import QT_TRANSLATE_NOOP, fill
from agent_app.views.plain import plain_label
from shared_protocol import frames, limits
from shared_protocol.frames import RoutingMode, Selection

MODE_WORDS = {
    RoutingMode.ASSIGNED: QT_TRANSLATE_NOOP("Team", "Offered to one agent at a time"),
    RoutingMode.BROADCAST: QT_TRANSLATE_NOOP("Team", "Shown to everyone, first to accept"),
    RoutingMode.HYBRID: QT_TRANSLATE_NOOP("Team", "Both: everyone sees it, one is offered it"),
}
SELECTION_WORDS = {
    Selection.LEAST_ACTIVE: QT_TRANSLATE_NOOP("Team", "Fewest chats first"),
    Selection.LONGEST_IDLE: QT_TRANSLATE_NOOP("Team", "Longest idle first"),
    Selection.ROUND_ROBIN: QT_TRANSLATE_NOOP("Team", "In turn (round robin)"),
}
ROLE_WORDS = {
    "agent": QT_TRANSLATE_NOOP("Team", "Agent"),
    "supervisor": QT_TRANSLATE_NOOP("Team", "Supervisor"),
    "admin": QT_TRANSLATE_NOOP("Team", "Admin"),
}
AGENT_HEADERS = (
    QT_TRANSLATE_NOOP("Team", "Agent"),
    QT_TRANSLATE_NOOP("Team", "Role"),
    QT_TRANSLATE_NOOP("Team", "Departments"),
    QT_TRANSLATE_NOOP("Team", "Level"),
    QT_TRANSLATE_NOOP("Team", "Chats at once"),
    QT_TRANSLATE_NOOP("Team", "Skills"),
)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
TIER = re.compile(r"^\s*(\d+)\s*:\s*(\d+)\s*$")


def _(text: str) -> str:
    return QCoreApplication.translate("Team", text)


class TierError(ValueError):
    """What is wrong with the tiers as written."""


def parse_tiers(text: str) -> list[frames.Tier]:
    """ "2:0, 1:30" → level 2 from the start, level 1 after 30 s."""
    tiers = []
    for part in filter(None, (p.strip() for p in re.split(r"[,;，；\n]", text))):
        match = TIER.match(part)
        if match is None:
            raise TierError(
                fill(
                    QCoreApplication.translate(
                        "Team", "tiers: write level:seconds, as 2:0, 1:30 (not %1)"
                    ),
                    part,
                )
            )
        level, after = int(match.group(1)), int(match.group(2))
        if not 1 <= level <= limits.MAX_ROUTING_LEVEL or after > 3600:
            raise TierError(
                fill(
                    QCoreApplication.translate(
                        "Team", "tiers: levels 1 to %1, at most 3600 seconds (not %2)"
                    ),
                    "9",
                    part,
                )
            )
        tiers.append(frames.Tier(level=level, after_seconds=after))
    return tiers


def tiers_text(tiers: list[frames.Tier]) -> str:
    return ", ".join(f"{t.level}:{t.after_seconds}" for t in tiers)


def _spin(low: int, high: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    if suffix:
        spin.setSuffix(suffix)
    return spin


class DepartmentForm(QWidget):
    """One department: its name and routing settings, with the relay's word beside it."""

    save_requested = Signal(object)  # frames.DepartmentSave

    def __init__(self) -> None:
        super().__init__()
        self.department: frames.DepartmentInfo | None = None
        self.site = QComboBox()
        self.name = QLineEdit()
        self.name.setMaxLength(limits.MAX_NAME_CHARS)
        self.mode = QComboBox()
        for mode in RoutingMode:
            self.mode.addItem(_(MODE_WORDS[mode]), mode)
        self.selection = QComboBox()
        for selection in Selection:
            self.selection.addItem(_(SELECTION_WORDS[selection]), selection)
        seconds = QCoreApplication.translate("Team", " s")
        self.offer_seconds = _spin(5, 300, seconds)
        self.owner_first_seconds = _spin(0, 600, seconds)
        self.tiers = QLineEdit(
            placeholderText=QCoreApplication.translate(
                "Team", "level:seconds, as 2:0, 1:30; empty: everyone"
            )
        )
        self.queue_limit = _spin(0, 1000)
        self.max_wait_seconds = _spin(30, 3600, seconds)
        self.away_after_missed = _spin(0, 10)
        self.pages = QPlainTextEdit()
        self.pages.setPlaceholderText(
            QCoreApplication.translate("Team", "One pattern a line, as */prices*")
        )
        self.pages.setMaximumHeight(70)
        self.hours = QLineEdit(
            placeholderText=QCoreApplication.translate(
                "Team", "mon-fri 09:00-18:00; sat 10:00-14:00"
            )
        )
        self.time_zone = QLineEdit(placeholderText="Asia/Shanghai")
        self.exceptions = QLineEdit(
            placeholderText=QCoreApplication.translate(
                "Team", "2026-12-25 closed; 2026-12-31 09:00-12:00"
            )
        )
        self.form = QFormLayout()
        self.fields: dict[str, QWidget] = {
            "site": self.site,
            "name": self.name,
            "mode": self.mode,
            "selection": self.selection,
            "offer_seconds": self.offer_seconds,
            "owner_first_seconds": self.owner_first_seconds,
            "tiers": self.tiers,
            "queue_limit": self.queue_limit,
            "max_wait_seconds": self.max_wait_seconds,
            "away_after_missed": self.away_after_missed,
            "pages": self.pages,
            "hours": self.hours,
            "time_zone": self.time_zone,
            "exceptions": self.exceptions,
        }
        labels = {
            "site": QCoreApplication.translate("Team", "Site"),
            "name": QCoreApplication.translate("Team", "Name"),
            "mode": QCoreApplication.translate("Team", "Routing"),
            "selection": QCoreApplication.translate("Team", "Who first"),
            "offer_seconds": QCoreApplication.translate("Team", "Time to accept"),
            "owner_first_seconds": QCoreApplication.translate("Team", "Own agent first for"),
            "tiers": QCoreApplication.translate("Team", "Tiers"),
            "queue_limit": QCoreApplication.translate("Team", "Queue limit"),
            "max_wait_seconds": QCoreApplication.translate("Team", "Longest wait"),
            "away_after_missed": QCoreApplication.translate("Team", "Away after missed offers"),
            "pages": QCoreApplication.translate("Team", "Pages"),
            "hours": QCoreApplication.translate("Team", "Opening hours"),
            "time_zone": QCoreApplication.translate("Team", "Time zone"),
            "exceptions": QCoreApplication.translate("Team", "Exceptions"),
        }
        self.labels: dict[str, QLabel] = {}
        for key, widget in self.fields.items():
            label = QLabel(labels[key])
            self.labels[key] = label
            self.form.addRow(label, widget)
        self.save_button = QPushButton(QCoreApplication.translate("Team", "Save department"))
        self.save_button.clicked.connect(self._save)
        self.problem = plain_label()
        theme.set_tone(self.problem, theme.ALERT)
        self.saved = plain_label()
        theme.set_tone(self.saved, theme.MUTED)
        aside = QVBoxLayout()
        title = QLabel(QCoreApplication.translate("Team", "What the relay says"))
        title.setFont(theme.scaled_font(title, 1.0, bold=True))
        aside.addWidget(title)
        aside.addWidget(self.problem)
        aside.addWidget(self.saved)
        aside.addStretch(1)
        form_side = QVBoxLayout()
        form_side.addLayout(self.form)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        form_side.addLayout(save_row)
        form_side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(form_side, 3)
        aside_box = QWidget()
        aside_box.setLayout(aside)
        aside_box.setMinimumWidth(200)
        layout.addWidget(aside_box, 2)

    def set_sites(self, sites: dict[str, str]) -> None:
        self.site.clear()
        for key, name in sites.items():
            shown = untrusted.shown(name or key, max_chars=40, one_line=True)
            self.site.addItem(shown, key)

    def show_department(self, department: frames.DepartmentInfo | None) -> None:
        """A department to change, or None for a new one (default settings)."""
        self.department = department
        settings = department.settings if department is not None else frames.RoutingSettings()
        self.site.setEnabled(department is None)
        if department is not None:
            index = self.site.findData(department.site)
            if index >= 0:
                self.site.setCurrentIndex(index)
        self.name.setText(department.name if department is not None else "")
        self.mode.setCurrentIndex(self.mode.findData(settings.mode))
        self.selection.setCurrentIndex(self.selection.findData(settings.selection))
        self.offer_seconds.setValue(settings.offer_seconds)
        self.owner_first_seconds.setValue(settings.owner_first_seconds)
        self.tiers.setText(tiers_text(list(settings.tiers)))
        self.queue_limit.setValue(settings.queue_limit)
        self.max_wait_seconds.setValue(settings.max_wait_seconds)
        self.away_after_missed.setValue(settings.away_after_missed)
        self.pages.setPlainText("\n".join(settings.pages))
        self.hours.setText(settings.hours)
        self.time_zone.setText(settings.time_zone)
        self.exceptions.setText(settings.exceptions)
        self.show_problem("")

    def settings(self) -> frames.RoutingSettings:
        """The form as settings; TierError when the tiers are not as the hint says."""
        pages = [line.strip() for line in self.pages.toPlainText().splitlines() if line.strip()]
        # Over the settings shown: those this form has no field for (reclaim_after_seconds,
        # set with the CLI) are kept as they were, not reset to their defaults.
        shown = self.department.settings if self.department else frames.RoutingSettings()
        return msgspec.structs.replace(
            shown,
            mode=self.mode.currentData(),
            selection=self.selection.currentData(),
            offer_seconds=self.offer_seconds.value(),
            owner_first_seconds=self.owner_first_seconds.value(),
            tiers=parse_tiers(self.tiers.text()),
            queue_limit=self.queue_limit.value(),
            max_wait_seconds=self.max_wait_seconds.value(),
            away_after_missed=self.away_after_missed.value(),
            pages=pages,
            hours=self.hours.text().strip(),
            time_zone=self.time_zone.text().strip() or "UTC",
            exceptions=self.exceptions.text().strip(),
        )

    def _save(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.show_problem(QCoreApplication.translate("Team", "name: a department needs a name"))
            return
        try:
            settings = self.settings()
        except TierError as error:
            self.show_problem(str(error))
            return
        site = (
            self.department.site if self.department is not None else self.site.currentData() or ""
        )
        frame = frames.DepartmentSave(
            site=site,
            name=name,
            settings=settings,
            id=self.department.id if self.department is not None else None,
        )
        self.show_problem("")
        self.saved.setText(QCoreApplication.translate("Team", "Saving…"))
        self.save_requested.emit(frame)

    def show_problem(self, detail: str) -> None:
        """The relay's (or the form's own) word on what is wrong; the field it names, as
        "hours: …" does, is marked."""
        self.problem.setText(untrusted.shown(detail, max_chars=400) if detail else "")
        self.problem.setVisible(bool(detail))
        if detail:
            self.saved.setText("")
        named = detail.split(":", 1)[0].strip().split(".")[0].split("[")[0] if detail else ""
        for key, label in self.labels.items():
            if key == named:
                theme.set_tone(label, theme.ALERT)
            else:
                theme.clear_tone(label)

    def show_saved(self) -> None:
        self.problem.setText("")
        self.problem.hide()
        self.saved.setText(QCoreApplication.translate("Team", "Saved."))


class AgentForm(QWidget):
    """One agent's role and routing."""

    save_requested = Signal(object)  # frames.AgentRoutingSave

    def __init__(self) -> None:
        super().__init__()
        self.agent: frames.TeamAgent | None = None
        self.who = plain_label()
        self.who.setFont(theme.scaled_font(self.who, 1.05, bold=True))
        self.role = QComboBox()
        for role, words in ROLE_WORDS.items():
            self.role.addItem(_(words), role)
        self.departments = QListWidget()
        self.departments.setMaximumHeight(110)
        self.level = _spin(1, limits.MAX_ROUTING_LEVEL)
        self.max_chats = _spin(0, limits.MAX_CHATS_AT_ONCE)
        self.skills = QLineEdit(
            placeholderText=QCoreApplication.translate("Team", "Comma separated, as IELTS, refunds")
        )
        self.save_button = QPushButton(QCoreApplication.translate("Team", "Save agent"))
        self.save_button.clicked.connect(self._save)
        self.problem = plain_label()
        theme.set_tone(self.problem, theme.ALERT)
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.who)
        form.addRow(QCoreApplication.translate("Team", "Role"), self.role)
        form.addRow(QCoreApplication.translate("Team", "Departments"), self.departments)
        form.addRow(QCoreApplication.translate("Team", "Level"), self.level)
        form.addRow(QCoreApplication.translate("Team", "Chats at once"), self.max_chats)
        form.addRow(QCoreApplication.translate("Team", "Skills"), self.skills)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.setEnabled(False)

    def show_agent(
        self, agent: frames.TeamAgent | None, departments: list[frames.DepartmentInfo]
    ) -> None:
        self.agent = agent
        self.setEnabled(agent is not None)
        self.departments.clear()
        if agent is None:
            self.who.setText("")
            return
        name = untrusted.shown(agent.display_name, max_chars=60, one_line=True)
        login = untrusted.shown(agent.name, max_chars=40, one_line=True)
        self.who.setText(f"{name} ({login})")
        self.role.setCurrentIndex(max(0, self.role.findData(agent.role)))
        for department in departments:
            item = QListWidgetItem(untrusted.shown(department.name, max_chars=50, one_line=True))
            item.setData(ID_ROLE, department.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = department.id in agent.departments
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.departments.addItem(item)
        self.level.setValue(agent.level)
        self.max_chats.setValue(agent.max_chats)
        self.skills.setText(", ".join(agent.skills))
        self.problem.hide()

    def _save(self) -> None:
        if self.agent is None:
            return
        chosen = [
            self.departments.item(row).data(ID_ROLE)
            for row in range(self.departments.count())
            if self.departments.item(row).checkState() == Qt.CheckState.Checked
        ]
        skills = [s.strip() for s in re.split(r"[,，]", self.skills.text()) if s.strip()]
        self.problem.hide()
        self.save_requested.emit(
            frames.AgentRoutingSave(
                agent=self.agent.id,
                role=self.role.currentData(),
                departments=chosen,
                skills=skills,
                level=self.level.value(),
                max_chats=self.max_chats.value(),
            )
        )

    def show_problem(self, detail: str) -> None:
        self.problem.setText(untrusted.shown(detail, max_chars=400))
        self.problem.setVisible(bool(detail))


class TeamWindow(QDialog):
    """Departments and agents; admins only."""

    team_requested = Signal()
    department_save_requested = Signal(object)  # frames.DepartmentSave
    agent_save_requested = Signal(object)  # frames.AgentRoutingSave

    def __init__(self, sites: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Team", "Team"))
        self.resize(1000, 620)
        self.pending: str = ""  # "department" or "agent" while a save awaits its answer
        self.team: frames.Team | None = None
        self.tabs = QTabWidget()
        # Departments: the list at the left, the chosen one's form at the right.
        self.department_list = QListWidget()
        self.department_list.currentItemChanged.connect(lambda *_: self._department_chosen())
        self.new_department = QPushButton(QCoreApplication.translate("Team", "New department"))
        self.new_department.clicked.connect(self._new_department)
        self.department_form = DepartmentForm()
        self.department_form.set_sites(sites)
        self.department_form.save_requested.connect(self._save_department)
        left = QVBoxLayout()
        left.addWidget(self.department_list, 1)
        left.addWidget(self.new_department)
        departments = QWidget()
        department_layout = QHBoxLayout(departments)
        department_layout.addLayout(left, 1)
        department_layout.addWidget(self.department_form, 4)
        self.tabs.addTab(departments, QCoreApplication.translate("Team", "Departments"))
        # Agents: the table, and the chosen one's form below.
        self.agent_table = QTableWidget(0, len(AGENT_HEADERS))
        self.agent_table.setHorizontalHeaderLabels([_(h) for h in AGENT_HEADERS])
        self.agent_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agent_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agent_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agent_table.verticalHeader().hide()
        self.agent_table.horizontalHeader().setStretchLastSection(True)
        self.agent_table.itemSelectionChanged.connect(self._agent_chosen)
        self.agent_form = AgentForm()
        self.agent_form.save_requested.connect(self._save_agent)
        agents = QWidget()
        agent_layout = QHBoxLayout(agents)
        agent_layout.addWidget(self.agent_table, 3)
        agent_layout.addWidget(self.agent_form, 2)
        self.tabs.addTab(agents, QCoreApplication.translate("Team", "Agents"))
        self.loading = plain_label(QCoreApplication.translate("Team", "Loading the team…"))
        theme.set_tone(self.loading, theme.MUTED)
        layout = QVBoxLayout(self)
        layout.addWidget(self.loading)
        layout.addWidget(self.tabs, 1)

    def start(self) -> None:
        self.team_requested.emit()

    # ------------------------------------------------------------ shown

    def show_team(self, team: frames.Team) -> None:
        """The relay's answer: to opening the window, or to a save (which then worked)."""
        self.loading.hide()
        saved, self.pending = self.pending, ""
        self.team = team
        chosen_department = self._chosen_department_id()
        if saved == "department" and self.department_form.department is None:
            known = {
                self.department_list.item(r).data(ID_ROLE)
                for r in range(self.department_list.count())
            }
            fresh = [d.id for d in team.departments if d.id not in known]
            chosen_department = fresh[-1] if fresh else chosen_department
        self.department_list.blockSignals(True)
        self.department_list.clear()
        for department in team.departments:
            item = QListWidgetItem(untrusted.shown(department.name, max_chars=40, one_line=True))
            item.setData(ID_ROLE, department.id)
            self.department_list.addItem(item)
            if department.id == chosen_department:
                self.department_list.setCurrentItem(item)
        self.department_list.blockSignals(False)
        self._department_chosen()
        if saved == "department":
            self.department_form.show_saved()
        chosen_agent = self.agent_form.agent.id if self.agent_form.agent is not None else None
        self.agent_table.blockSignals(True)
        self.agent_table.setRowCount(len(team.agents))
        names = {d.id: d.name for d in team.departments}
        for row, agent in enumerate(team.agents):
            cells = (
                agent.display_name,
                _(ROLE_WORDS.get(agent.role, agent.role)),
                QCoreApplication.translate("Team", ", ").join(
                    names.get(d, f"#{d}") for d in agent.departments
                ),
                str(agent.level),
                str(agent.max_chats),
                ", ".join(agent.skills),
            )
            for column, value in enumerate(cells):
                cell = QTableWidgetItem(untrusted.shown(value, max_chars=80, one_line=True))
                cell.setData(ID_ROLE, agent.id)
                self.agent_table.setItem(row, column, cell)
            if agent.id == chosen_agent:
                self.agent_table.selectRow(row)
        self.agent_table.blockSignals(False)
        self._agent_chosen()

    def show_problem(self, detail: str) -> None:
        """The relay refused the last save: beside the form that asked for it."""
        pending, self.pending = self.pending, ""
        if pending == "agent":
            self.agent_form.show_problem(detail)
        else:
            self.department_form.show_problem(detail)

    # ------------------------------------------------------------ intents

    def _chosen_department_id(self) -> int | None:
        item = self.department_list.currentItem()
        value = item.data(ID_ROLE) if item is not None else None
        return value if isinstance(value, int) else None

    def _department_chosen(self) -> None:
        chosen = self._chosen_department_id()
        team = self.team
        department = None
        if team is not None and chosen is not None:
            department = next((d for d in team.departments if d.id == chosen), None)
        self.department_form.show_department(department)

    def _new_department(self) -> None:
        self.department_list.clearSelection()
        self.department_list.setCurrentRow(-1)
        self.department_form.show_department(None)
        self.department_form.name.setFocus()

    def _save_department(self, frame: frames.DepartmentSave) -> None:
        self.pending = "department"
        self.department_save_requested.emit(frame)

    def _agent_chosen(self) -> None:
        items = self.agent_table.selectedItems()
        chosen = items[0].data(ID_ROLE) if items else None
        team = self.team
        agent = None
        if team is not None and chosen is not None:
            agent = next((a for a in team.agents if a.id == chosen), None)
        departments = list(team.departments) if team is not None else []
        if agent is None or agent != self.agent_form.agent:
            self.agent_form.show_agent(agent, departments)

    def _save_agent(self, frame: frames.AgentRoutingSave) -> None:
        self.pending = "agent"
        self.agent_save_requested.emit(frame)
