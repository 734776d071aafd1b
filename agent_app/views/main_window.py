"""The main window: live visitors, conversations, the chat, and what is known of the visitor."""

from __future__ import annotations

import time

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from agent_app import text as untrusted
from agent_app.i18n import QT_TRANSLATE_NOOP, fill
from agent_app.models.conversations import (
    CONVERSATION_ID_ROLE,
    ConversationFilter,
    ConversationsModel,
    Group,
)
from agent_app.models.messages import MessagesModel
from agent_app.models.visitors import (
    CHAT_COLUMN,
    INVITATION_WORDS,
    SORT_ROLE,
    VISITOR_ID_ROLE,
    VisitorsModel,
)
from agent_app.selection import Selection
from agent_app.views.cards import ConversationCardDelegate
from agent_app.views.chat_pane import ChatPane
from agent_app.views.invitation_badge import InvitationBadgeDelegate
from agent_app.views.invitation_words import status_word
from agent_app.views.join_ask import JoinAskBanner
from agent_app.views.offers import OfferBanner
from agent_app.views.phrases_panel import PhrasesPanel
from agent_app.views.status import StatusButton
from agent_app.views.visitor_details import VisitorDetailsPanel
from agent_app.views.wording import VisitorTable
from shared_protocol import frames

GROUP_NAMES = {
    Group.ALL: QT_TRANSLATE_NOOP("MainWindow", "All"),
    Group.WAITING: QT_TRANSLATE_NOOP("MainWindow", "Waiting"),
    Group.MINE: QT_TRANSLATE_NOOP("MainWindow", "Mine"),
    Group.OTHERS: QT_TRANSLATE_NOOP("MainWindow", "Others'"),
    Group.CLOSED_TODAY: QT_TRANSLATE_NOOP("MainWindow", "Closed today"),
}


def _(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP, looked up when shown."""
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    conversation_selected = Signal(int)
    visitor_selected = Signal(int)
    reply_requested = Signal(int, str, int)  # conversation, text, quoted seq (0: none)
    withdraw_requested = Signal(int, int)  # conversation, seq
    retry_requested = Signal(str)
    typing_changed = Signal(int, bool)
    accept_requested = Signal(int)
    close_requested = Signal(int)
    search_requested = Signal(str)
    hidden_to_tray = Signal()
    settings_requested = Signal()
    history_requested = Signal(object)  # frames.ConversationInfo of an earlier chat
    logout_requested = Signal()
    quit_requested = Signal()
    invite_requested = Signal(list)  # visitor ids
    invitation_withdraw_requested = Signal(int)  # the invitation's id
    rules_requested = Signal()  # an admin opens the invitation rules
    note_requested = Signal(int, str, int)  # conversation, text, quoted seq: agents only
    transfer_requested = Signal(int)  # conversation
    escalate_requested = Signal(int)  # conversation
    supervise_requested = Signal()  # supervisors and admins: every chat, live
    team_requested = Signal()  # admins: departments and agents
    owner_requested = Signal(int)  # the visitor whose own agent to change

    def __init__(
        self,
        visitors: VisitorsModel,
        conversations: ConversationsModel,
        messages: MessagesModel,
        selection: Selection | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("Parley")
        self.resize(1280, 760)
        self.keep_in_tray = True
        self.selection = selection or Selection()  # the desk's navigation changes it
        self._typing = False
        left = self._build_visitors(visitors)
        middle = self._build_conversations(conversations)
        chat = self._build_chat(messages)
        self._build_side()
        splitter = QSplitter()
        for widget in (left, middle, chat, self.side):
            splitter.addWidget(widget)
        splitter.setSizes([380, 220, 430, 250])
        splitter.setStretchFactor(2, 1)  # a wider window widens the chat first
        # Chats offered or transferred to the agent, above everything, until answered.
        self.offers = OfferBanner()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.offers)
        # Colleagues asking this agent to join their chats: Join / Decline, likewise.
        self.join_asks = JoinAskBanner()
        central_layout.addWidget(self.join_asks)
        central_layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self._build_bars()
        self.show_conversation(None, "")

    def _build_visitors(self, visitors: VisitorsModel) -> QWidget:
        """The visitors on the site: how many, a filter, and their table."""
        self.visitor_filter = QLineEdit(placeholderText=self.tr("Filter visitors"))
        self.visitor_proxy = VisitorTable(visitors)
        self.visitor_proxy.setSortRole(SORT_ROLE)
        self.visitor_proxy.setFilterKeyColumn(-1)
        self.visitor_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.visitor_filter.textChanged.connect(self.visitor_proxy.set_words)
        self.visitor_table = QTableView()
        self.visitor_table.setModel(self.visitor_proxy)
        self.visitor_table.setSortingEnabled(True)
        self.visitor_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows at once (Ctrl, Shift): to invite them together.
        self.visitor_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.visitor_table.setItemDelegateForColumn(
            CHAT_COLUMN, InvitationBadgeDelegate(self.visitor_table)
        )
        self.visitor_table.verticalHeader().hide()
        self.visitor_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive
        )
        for column, width in enumerate((110, 120, 150, 150, 60, 45, self._chat_width())):
            self.visitor_table.setColumnWidth(column, width)
        # Chatting or invited, next to the name: what an agent acts on is in sight
        # without scrolling the narrow pane sideways. (Only the view's order moves.)
        header = self.visitor_table.horizontalHeader()
        header.moveSection(header.visualIndex(CHAT_COLUMN), 1)
        header.setStretchLastSection(False)
        self.visitor_table.clicked.connect(self._visitor_clicked)
        self.visitor_count = QLabel(self.tr("Nobody on the site"))
        self.invite_action = QAction(self.tr("&Invite to chat…"), self)
        self.invite_action.setShortcut(QKeySequence("Ctrl+I"))
        self.invite_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.invite_action.setToolTip(
            self.tr("Invite the selected visitors to chat (Ctrl+I; Ctrl-click selects several)")
        )
        self.invite_action.triggered.connect(self._invite_selected)
        self.addAction(self.invite_action)
        self.invite_button = QToolButton()
        self.invite_button.setDefaultAction(self.invite_action)
        self.invite_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.visitor_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.visitor_table.customContextMenuRequested.connect(self._visitor_menu)
        self.visitor_table.selectionModel().selectionChanged.connect(self._visitors_chosen)
        self._visitors_chosen()
        tools = QHBoxLayout()
        tools.addWidget(self.visitor_filter, 1)
        tools.addWidget(self.invite_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.visitor_count)
        left_layout.addLayout(tools)
        left_layout.addWidget(self.visitor_table)
        return left

    def _chat_width(self) -> int:
        """The Chat column holds its longest word in this language (Mongolian's are twice
        the English), as a pill: the word, the pill's rounded ends, the cell's margins."""
        metrics = self.visitor_table.fontMetrics()
        words = [status_word(status) for status in INVITATION_WORDS]
        words.append(QCoreApplication.translate("VisitorWords", "chatting"))
        widest = max(metrics.horizontalAdvance(word) for word in words)
        return min(200, widest + metrics.height() + 12)

    def _visitor_clicked(self, index: QModelIndex) -> None:
        """A plain click opens the visitor; Ctrl- and Shift-clicks only (de)select rows."""
        held = QApplication.keyboardModifiers()
        if held & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
            return
        visitor = index.data(VISITOR_ID_ROLE)
        if visitor is not None:
            self.visitor_selected.emit(visitor)

    def selected_visitors(self) -> list[int]:
        """The visitors whose rows are selected, top down."""
        rows = sorted({index.row() for index in self.visitor_table.selectionModel().selectedRows()})
        ids = [self.visitor_proxy.index(row, 0).data(VISITOR_ID_ROLE) for row in rows]
        return [visitor for visitor in ids if isinstance(visitor, int)]

    def _visitors_chosen(self, *_: object) -> None:
        chosen = self.selected_visitors()
        self.invite_action.setEnabled(bool(chosen) or self.selection.visitor is not None)

    def _invite_selected(self) -> None:
        """Ctrl+I, the button and the menu: the selected rows, else the visitor shown."""
        chosen = self.selected_visitors()
        if not chosen and self.selection.visitor is not None:
            chosen = [self.selection.visitor]
        if chosen:
            self.invite_requested.emit(chosen)

    def _visitor_menu(self, position: QPoint) -> None:
        index = self.visitor_table.indexAt(position)
        if index.isValid() and not self.visitor_table.selectionModel().isRowSelected(
            index.row(), index.parent()
        ):
            self.visitor_table.selectRow(index.row())
        if not self.selected_visitors():
            return
        menu = QMenu(self)
        menu.addAction(self.invite_action)
        menu.exec(self.visitor_table.viewport().mapToGlobal(position))

    def _build_conversations(self, conversations: ConversationsModel) -> QWidget:
        """The conversations as cards in groups, and the search through transcripts."""
        self.group = QComboBox()
        for group in Group:
            self.group.addItem(
                _(GROUP_NAMES[group]) if group in GROUP_NAMES else group.value, group
            )
        self.conversation_proxy = ConversationFilter(conversations)
        self.group.currentIndexChanged.connect(
            lambda _: self.conversation_proxy.set_group(self.group.currentData())
        )
        # Which department's chats: all, or one of the agent's (every one for admins).
        self.department_filter = QComboBox()
        self.department_filter.setToolTip(self.tr("Show the chats of one department"))
        # The room the list has beside the group, never the width of the longest name: a
        # 100-character department widened the list and squeezed the chat pane (names are
        # cut; whole in the tooltip).
        self.department_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.department_filter.setMinimumContentsLength(4)
        fixed = self.department_filter.sizePolicy().verticalPolicy()
        self.department_filter.setSizePolicy(QSizePolicy.Policy.Ignored, fixed)
        self.department_filter.setMinimumWidth(self.fontMetrics().height() * 4)
        self.department_filter.currentIndexChanged.connect(
            lambda _: self.conversation_proxy.set_department(self.department_filter.currentData())
        )
        self.department_filter.hide()
        self.conversation_list = QListView()
        self.conversation_list.setModel(self.conversation_proxy)
        self.conversation_list.setItemDelegate(ConversationCardDelegate(self.conversation_list))
        # Waiting timers on the cards tick: repaint them now and then.
        self.card_clock = QTimer(self.conversation_list, interval=5000)
        self.card_clock.timeout.connect(self.conversation_list.viewport().update)
        self.card_clock.start()
        self.conversation_list.clicked.connect(
            lambda index: self.conversation_selected.emit(index.data(CONVERSATION_ID_ROLE))
        )
        # The highlighted row is always the chat shown, or none: when the shown chat leaves
        # the group (closed), Qt would otherwise move the highlight to a neighbour.
        for changed in (
            self.conversation_proxy.rowsRemoved,
            self.conversation_proxy.rowsInserted,
            self.conversation_proxy.layoutChanged,
            self.conversation_proxy.modelReset,
        ):
            changed.connect(self._highlight_current)
        self.search = QLineEdit(placeholderText=self.tr("Search transcripts (works offline)"))
        self.search.setToolTip(
            self.tr("Search every transcript kept on this computer, also without a connection")
        )
        self.search.returnPressed.connect(lambda: self.search_requested.emit(self.search.text()))
        self.search_results = QListWidget()
        self.search_results.hide()
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        filters = QHBoxLayout()
        filters.addWidget(self.group, 1)
        filters.addWidget(self.department_filter, 1)
        middle_layout.addLayout(filters)
        middle_layout.addWidget(self.conversation_list, 3)
        middle_layout.addWidget(self.search)
        middle_layout.addWidget(self.search_results, 2)
        return middle

    def _build_chat(self, messages: MessagesModel) -> ChatPane:
        """The chat pane, its parts named here too, its intents sent on with the chat's id."""
        self.chat = ChatPane(messages)
        self.chat_title = self.chat.chat_title
        self.transcript = self.chat.transcript
        self.preview = self.chat.preview
        self.reply = self.chat.reply
        self.send_button = self.chat.send_button
        chat = self.chat
        chat.reply_requested.connect(self._reply)
        chat.withdraw_requested.connect(self._withdraw)
        chat.retry_requested.connect(self.retry_requested.emit)
        chat.typing_changed.connect(self._typing_changed)
        chat.accept_requested.connect(self._accept)
        chat.close_requested.connect(self._close)
        chat.note_requested.connect(self._note)
        chat.transfer_requested.connect(lambda: self._about_chat(self.transfer_requested))
        chat.escalate_requested.connect(lambda: self._about_chat(self.escalate_requested))
        return chat

    def _build_side(self) -> None:
        """The side tabs: what the relay knows of the visitor, and the phrases."""
        self.visitor_details = VisitorDetailsPanel()
        self.details = self.visitor_details.details
        self.detail_labels = self.visitor_details.labels
        self.earlier_chats = self.visitor_details.earlier_chats
        self.details_scroll = self.visitor_details
        self.visitor_details.history_requested.connect(self.history_requested.emit)
        self.visitor_details.invite_requested.connect(self._invite_shown_visitor)
        self.visitor_details.owner_change_requested.connect(self._change_owner)
        self.visitor_details.invitation_withdraw_requested.connect(
            self.invitation_withdraw_requested.emit
        )
        self.phrases = PhrasesPanel()
        self.side = QTabWidget()
        self.side.addTab(self.details_scroll, self.tr("Visitor"))
        self.side.addTab(self.phrases, self.tr("Phrases"))
        # Ctrl+K: to the phrase search from anywhere, as in chat apps' quick switchers.
        find_phrase = QShortcut(QKeySequence("Ctrl+K"), self)
        find_phrase.activated.connect(self.show_phrases)

    def _build_bars(self) -> None:
        """The connection in the status bar, the agent's status and the menu."""
        self.connection = QLabel()
        # It names the agent, whose display name is anyone's text: never markup.
        self.connection.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.connection)
        self.status_button = StatusButton(self)
        self.menuBar().setCornerWidget(self.status_button, Qt.Corner.TopRightCorner)
        menu = self.menuBar().addMenu(self.tr("&Parley"))
        menu.addAction(self.tr("&Settings…"), self.settings_requested.emit)
        self.withdrawals_action = menu.addAction(self.tr("&Withdrawn messages…"))
        self.withdrawals_action.setVisible(False)  # for admins, once logged in
        self.rules_action = menu.addAction(self.tr("Invitation &rules…"))
        self.rules_action.setVisible(False)  # for admins, once logged in
        self.rules_action.triggered.connect(self.rules_requested.emit)
        self.supervise_action = menu.addAction(self.tr("S&upervise chats…"))
        self.supervise_action.setVisible(False)  # for supervisors and admins
        self.supervise_action.triggered.connect(self.supervise_requested.emit)
        self.team_action = menu.addAction(self.tr("&Team…"))
        self.team_action.setVisible(False)  # for admins
        self.team_action.triggered.connect(self.team_requested.emit)
        menu.addAction(self.tr("&Log out"), self.logout_requested.emit)
        menu.addSeparator()
        menu.addAction(self.tr("&Quit"), self.quit_requested.emit)

    # ------------------------------------------------------------ shown by the desk

    def show_conversation(self, conversation: frames.ConversationInfo | None, title: str) -> None:
        self.chat.show_conversation(conversation, title)
        self._highlight_current()

    def _highlight_current(self) -> None:
        # Runs on every change of the list's order: a scan of its rows here cost a fresh
        # login (25,000 messages moving rows) about 10 s.
        selection = self.conversation_list.selectionModel()
        current = self.selection.conversation
        if current is not None:
            source = self.conversation_proxy.sourceModel()
            assert isinstance(source, ConversationsModel)
            index = self.conversation_proxy.mapFromSource(source.index_of(current))
            if index.isValid():
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                return
        selection.clear()

    def show_preview(self, text: str) -> None:
        self.chat.show_preview(text)

    def show_phrases(self) -> None:
        self.side.setCurrentWidget(self.phrases)
        self.phrases.focus_search()

    def show_details(
        self, details: frames.VisitorDetails, now: float, gone_since: float | None = None
    ) -> None:
        """The visit's path with the time spent on each page, and what came before."""
        self.visitor_details.show_path(details.path, now, gone_since)
        earlier = [
            fill(
                self.tr("visit %1, %2, %n pages", "", visit.pages),
                str(visit.number),
                time.strftime("%Y-%m-%d", time.localtime(visit.started_at)),
            )
            + (
                fill(self.tr(", %1"), untrusted.shown(visit.source_name))
                if visit.source_name
                else ""
            )
            for visit in details.visits[1:]
        ] + [
            fill(
                self.tr("chat #%1, %2, %n messages", "", c.last_seq),
                str(c.id),
                time.strftime("%Y-%m-%d", time.localtime(c.created_at)),
            )
            for c in details.conversations
            if c.id != self.selection.conversation
        ]
        self.detail_labels["Earlier"].setText("\n".join(earlier) or self.tr("nothing before"))
        if details.visitor != self.visitor_details.live_visitor:
            self.show_contact(details.contact)  # gone from the site: what they left stays
        self.visitor_details.list_earlier_chats(details.conversations, self.selection.conversation)

    def show_visitor(
        self,
        info: frames.VisitorInfo | None,
        contact: frames.VisitorContact | None = None,
        *,
        here: bool = True,
    ) -> None:
        """What is known of the visitor: live while on the site (`here`), as last seen
        after they left, and the contact they gave (the conversation's or the details')."""
        self.visitor_details.show_visitor(info, contact, here=here)

    def show_contact(self, contact: frames.VisitorContact | None) -> None:
        """The name, e-mail and phone a visitor left, shown also once they are gone."""
        self.visitor_details.show_contact(contact)

    def show_invitation(
        self, info: frames.InvitationInfo | None, *, can_invite: bool, can_withdraw: bool
    ) -> None:
        """The shown visitor's invitation in the details, and its buttons."""
        self.visitor_details.show_invitation(info, can_invite=can_invite, can_withdraw=can_withdraw)
        self._visitors_chosen()

    def _change_owner(self) -> None:
        if self.selection.visitor is not None:
            self.owner_requested.emit(self.selection.visitor)

    def _invite_shown_visitor(self) -> None:
        if self.selection.visitor is not None:
            self.invite_requested.emit([self.selection.visitor])

    def show_visitor_count(self, text: str) -> None:
        self.visitor_count.setText(text)

    def say(self, text: str) -> None:
        """A passing line in the status bar (an empty text clears it)."""
        self.statusBar().showMessage(text, 15000)

    def show_connection(self, text: str) -> None:
        self.connection.setText(text)

    def show_search_results(self, lines: list[str]) -> None:
        """Found messages, one line each (cut; the whole message in the tooltip)."""
        self.search_results.clear()
        for line in lines:
            item = QListWidgetItem(untrusted.shown(line, max_chars=200, one_line=True))
            item.setToolTip(untrusted.tooltip(line))
            self.search_results.addItem(item)
        if not lines:
            self.search_results.addItem(self.tr("Nothing found"))
        self.search_results.show()

    # ------------------------------------------------------------ intents

    def _reply(self, text: str, quoted: int) -> None:
        if self.selection.conversation is not None:
            self.reply_requested.emit(self.selection.conversation, text, quoted)

    def show_departments(self, departments: list[tuple[int, str]]) -> None:
        """The department filter: All, then each department the agent sees; hidden when
        the site has none."""
        current = self.department_filter.currentData()
        self.department_filter.blockSignals(True)
        self.department_filter.clear()
        self.department_filter.addItem(self.tr("All departments"), None)
        for department, name in departments:
            shown = untrusted.shown(name, max_chars=40, one_line=True)
            self.department_filter.addItem(shown, department)
            if shown != untrusted.shown(name, one_line=True):
                last = self.department_filter.count() - 1
                tip = untrusted.tooltip(name)
                self.department_filter.setItemData(last, tip, Qt.ItemDataRole.ToolTipRole)
        index = self.department_filter.findData(current)
        self.department_filter.setCurrentIndex(max(0, index))
        self.department_filter.blockSignals(False)
        self.conversation_proxy.set_department(self.department_filter.currentData())
        self.department_filter.setVisible(bool(departments))

    def _note(self, text: str, quoted: int) -> None:
        if self.selection.conversation is not None:
            self.note_requested.emit(self.selection.conversation, text, quoted)

    def _about_chat(self, signal: SignalInstance) -> None:
        if self.selection.conversation is not None:
            signal.emit(self.selection.conversation)

    def _withdraw(self, seq: int) -> None:
        if self.selection.conversation is not None:
            self.withdraw_requested.emit(self.selection.conversation, seq)

    def _typing_changed(self, typing: bool) -> None:
        if self.selection.conversation is not None:
            self.typing_changed.emit(self.selection.conversation, typing)

    def _accept(self) -> None:
        if self.selection.conversation is not None:
            self.accept_requested.emit(self.selection.conversation)

    def _close(self) -> None:
        if self.selection.conversation is not None:
            self.close_requested.emit(self.selection.conversation)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.keep_in_tray:
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
        else:
            event.accept()
