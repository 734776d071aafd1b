"""The supervisor's view: every open chat of their departments, live, with what each
visitor is typing, who answers and for how long; join a chat (barge in) or take it over.
Every cell is plain text: names, drafts and messages are the visitors' own words."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_app import text as untrusted
from agent_app import theme
from agent_app.i18n import QT_TRANSLATE_NOOP
from agent_app.views.plain import plain_label

HEADERS = (
    QT_TRANSLATE_NOOP("Supervisor", "Visitor"),
    QT_TRANSLATE_NOOP("Supervisor", "Department"),
    QT_TRANSLATE_NOOP("Supervisor", "State"),
    QT_TRANSLATE_NOOP("Supervisor", "Agents"),
    QT_TRANSLATE_NOOP("Supervisor", "Waiting"),
    QT_TRANSLATE_NOOP("Supervisor", "Typing now"),
    QT_TRANSLATE_NOOP("Supervisor", "Last message"),
)
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _(text: str) -> str:
    return QCoreApplication.translate("Supervisor", text)


@dataclass(frozen=True)
class WatchedChat:
    """One row: every text as given (cells isolate and cut them)."""

    conversation: int
    visitor: str
    department: str
    department_id: int | None
    state: str
    agents: str
    waiting: str
    typing: str
    last: str
    untaken: bool  # nobody answers it yet: join makes no sense, take it
    mine: bool  # this supervisor is in it already


class SupervisorWindow(QWidget):
    open_requested = Signal(int)
    barge_requested = Signal(int, bool)  # conversation, take over

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(QCoreApplication.translate("Supervisor", "Supervise chats"))
        self.resize(1100, 520)
        self.chats: list[WatchedChat] = []
        self.summary = plain_label()
        self.summary.setFont(theme.scaled_font(self.summary, 1.05, bold=True))
        self.department = QComboBox()
        self.department.currentIndexChanged.connect(lambda _i: self._fill())
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((130, 110, 120, 150, 90, 220)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.table.itemDoubleClicked.connect(lambda _item: self._open())
        self.open_button = QPushButton(QCoreApplication.translate("Supervisor", "Open"))
        self.open_button.setToolTip(
            QCoreApplication.translate(
                "Supervisor", "Read the chat in the main window; notes there are whispers"
            )
        )
        self.join_button = QPushButton(QCoreApplication.translate("Supervisor", "Barge in"))
        self.join_button.setToolTip(
            QCoreApplication.translate(
                "Supervisor", "Join the chat as supervisor: the agent keeps it"
            )
        )
        self.take_button = QPushButton(QCoreApplication.translate("Supervisor", "Take over"))
        self.take_button.setToolTip(
            QCoreApplication.translate(
                "Supervisor", "Take the chat over: you answer the visitor from now on"
            )
        )
        self.open_button.clicked.connect(self._open)
        self.join_button.clicked.connect(lambda: self._barge(take_over=False))
        self.take_button.clicked.connect(lambda: self._barge(take_over=True))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel(QCoreApplication.translate("Supervisor", "Department")))
        top.addWidget(self.department)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.open_button, self.join_button, self.take_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._chosen()

    def set_departments(self, departments: list[tuple[int, str]]) -> None:
        current = self.department.currentData()
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem(QCoreApplication.translate("Supervisor", "All departments"), None)
        for department, name in departments:
            self.department.addItem(untrusted.shown(name, max_chars=40, one_line=True), department)
        index = self.department.findData(current)
        self.department.setCurrentIndex(max(0, index))
        self.department.blockSignals(False)

    def show_chats(self, chats: list[WatchedChat]) -> None:
        self.chats = chats
        self._fill()

    def _shown(self) -> list[WatchedChat]:
        department = self.department.currentData()
        return [c for c in self.chats if department is None or c.department_id == department]

    def _fill(self) -> None:
        chosen = self.chosen()
        shown = self._shown()
        self.table.setRowCount(len(shown))
        for row, chat in enumerate(shown):
            cells = (
                chat.visitor,
                chat.department,
                chat.state,
                chat.agents,
                chat.waiting,
                chat.typing,
                chat.last,
            )
            for column, value in enumerate(cells):
                text = untrusted.shown(value, max_chars=120, one_line=True)
                item = self.table.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, column, item)
                item.setText(text)
                item.setToolTip(untrusted.tooltip(value) if value else "")
                item.setData(ID_ROLE, chat.conversation)
                font = item.font()
                font.setItalic(column == 5)
                item.setFont(font)
            if chat.conversation == chosen:
                self.table.selectRow(row)
        untaken = sum(1 for c in shown if c.untaken)
        self.summary.setText(
            self.tr("%n chats open", "", len(shown)) + " · " + self.tr("%n waiting", "", untaken)
        )
        self._chosen()

    def chosen(self) -> int | None:
        items = self.table.selectedItems()
        value = items[0].data(ID_ROLE) if items else None
        return value if isinstance(value, int) else None

    def choose(self, conversation: int) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(ID_ROLE) == conversation:
                self.table.selectRow(row)

    def _chat(self) -> WatchedChat | None:
        chosen = self.chosen()
        return next((c for c in self.chats if c.conversation == chosen), None)

    def _chosen(self) -> None:
        chat = self._chat()
        self.open_button.setEnabled(chat is not None)
        self.join_button.setEnabled(chat is not None and not chat.untaken and not chat.mine)
        self.take_button.setEnabled(chat is not None)

    def _open(self) -> None:
        chat = self._chat()
        if chat is not None:
            self.open_requested.emit(chat.conversation)

    def _barge(self, *, take_over: bool) -> None:
        chat = self._chat()
        if chat is not None:
            self.barge_requested.emit(chat.conversation, take_over)
