"""The chat pane: the transcript, the visitor's draft, the reply box and the message tools
(quote, withdraw). It shows what the desk gives it and emits what the agent asks for."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from agent_app import text as untrusted
from agent_app import theme
from agent_app.i18n import fill
from agent_app.models.messages import ENTRY_ROLE, Delivery, Entry, MessagesModel, excerpt
from agent_app.views.bubbles import MessageBubbleDelegate
from agent_app.views.plain import plain_label
from agent_app.views.reply_box import ReplyBox, local_files
from agent_app.views.text_limit import LimitCounter
from agent_app.views.transcript_view import TranscriptView
from shared_protocol import frames, limits
from shared_protocol.frames import AuthorKind

PREVIEW_CHARS = 300
WEB_LINK = re.compile(r"https?://[^\s<>\"']+")


class ChatPane(QWidget):
    reply_requested = Signal(str, int)  # text, the seq it quotes (0: none)
    files_chosen = Signal(list)  # [Path] to send
    save_requested = Signal(object)  # frames.Attachment to download
    withdraw_requested = Signal(int)  # seq of an own message
    retry_requested = Signal(str)  # client id of a failed reply
    typing_changed = Signal(bool)
    accept_requested = Signal()
    close_requested = Signal()
    note_requested = Signal(str, int)  # a note for the agents only: text, quoted seq
    transfer_requested = Signal()
    escalate_requested = Signal()
    ask_colleague_requested = Signal()  # ask a colleague to join this chat
    leave_requested = Signal()  # leave a chat joined to help; it stays open

    def __init__(self, messages: MessagesModel) -> None:
        super().__init__()
        self.messages = messages
        self.quoting: Entry | None = None
        self._typing = False
        self.whispering = False  # a supervisor's notes are whispers
        header = self._build_header()
        self._build_transcript(messages)
        self.preview = plain_label()
        self.preview.setFont(theme.scaled_font(self.preview, 1.0, italic=True))
        theme.set_tone(self.preview, theme.MUTED)
        self._build_quote_bar()
        self._build_compose()
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(self.routing_row)
        layout.addWidget(self.transcript, 1)
        layout.addWidget(self.preview)
        layout.addWidget(self.quote_bar)
        layout.addWidget(self.compose_mode)
        layout.addLayout(self.compose)
        layout.addWidget(self.reply_counter)

    def _build_header(self) -> QHBoxLayout:
        """The chat's title, and the buttons that take and close it."""
        self.chat_title = plain_label(self.tr("Choose a conversation"))
        self.chat_title.setFont(theme.scaled_font(self.chat_title, 1.15, bold=True))
        self.accept_button = QPushButton(self.tr("Take"))
        self.accept_button.setToolTip(self.tr("Answer this chat yourself"))
        self.close_button = QPushButton(self.tr("Close chat"))
        self.accept_button.clicked.connect(self.accept_requested.emit)
        self.close_button.clicked.connect(self.close_requested.emit)
        self.transfer_button = QPushButton(self.tr("Transfer…"))
        self.transfer_button.setToolTip(self.tr("Hand this chat to a colleague or a department"))
        self.transfer_button.clicked.connect(self.transfer_requested.emit)
        self.escalate_button = QPushButton(self.tr("Escalate…"))
        self.escalate_button.setToolTip(self.tr("Hand this chat to a senior of its department"))
        self.escalate_button.clicked.connect(self.escalate_requested.emit)
        self.ask_button = QPushButton(self.tr("Ask a colleague…"))
        self.ask_button.setToolTip(self.tr("Ask a colleague to join this chat and help"))
        self.ask_button.clicked.connect(self.ask_colleague_requested.emit)
        self.leave_button = QPushButton(self.tr("Leave chat"))
        self.leave_button.setToolTip(self.tr("Stop helping in this chat; it stays open"))
        self.leave_button.clicked.connect(self.leave_requested.emit)
        self.transfer_button.hide()
        self.escalate_button.hide()
        self.ask_button.hide()
        self.leave_button.hide()
        self._can_ask = False
        # Who is in the chat, its department, and a transfer under way: one plain line.
        self.routing_line = plain_label()
        self.routing_line.setFont(theme.scaled_font(self.routing_line, 0.92))
        theme.set_tone(self.routing_line, theme.MUTED)
        self.routing_line.hide()
        header = QHBoxLayout()
        header.addWidget(self.chat_title, 1)
        header.addWidget(self.accept_button)
        header.addWidget(self.close_button)
        # Who is in the chat on a line of its own, the hand-overs under it at the right:
        # the title and the line keep their width in a narrow pane and in long languages.
        self.routing_row = QVBoxLayout()
        self.routing_row.setSpacing(2)
        self.routing_row.addWidget(self.routing_line)
        # The colleagues asked to join and their answers ("Sun joined"): agents only.
        self.ask_line = plain_label()
        self.ask_line.setFont(theme.scaled_font(self.ask_line, 0.92))
        self.ask_line.hide()
        self.routing_row.addWidget(self.ask_line)
        self.handover_buttons = QWidget()
        buttons = QHBoxLayout(self.handover_buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.ask_button)
        buttons.addWidget(self.leave_button)
        buttons.addWidget(self.transfer_button)
        buttons.addWidget(self.escalate_button)
        self.handover_buttons.hide()
        self.routing_row.addWidget(self.handover_buttons)
        return header

    def _build_transcript(self, messages: MessagesModel) -> None:
        """The messages as bubbles, scrolled to the newest, with their tools."""
        self.transcript = TranscriptView()
        self.transcript.setModel(messages)
        self.transcript.setItemDelegate(MessageBubbleDelegate(self.transcript))
        self.transcript.setWordWrap(True)  # with it, Qt lays rows out again on a resize
        # A message taller than the view must scroll smoothly, not jump to the next one.
        self.transcript.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.transcript.setIconSize(QSize(240, 160))
        # Wrap long messages to the pane's width instead of scrolling sideways.
        self.transcript.setResizeMode(QListView.ResizeMode.Adjust)
        self.transcript.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.transcript.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.transcript.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.transcript.customContextMenuRequested.connect(self._message_menu)
        self.transcript.doubleClicked.connect(self._activated)
        self.transcript.setToolTip(
            self.tr("Right-click (or the menu key) a message to copy, quote or withdraw it")
        )
        messages.rowsInserted.connect(lambda *_: self.transcript.scrollToBottom())
        messages.modelReset.connect(self.transcript.scrollToBottom)
        # A row that grows after it was placed (an image preview arriving, a relayout at a
        # new width) would push the newest message out of sight: stay at the bottom when
        # the agent was there.
        self._at_bottom = True
        bar = self.transcript.verticalScrollBar()
        bar.valueChanged.connect(self._note_scrolled)
        bar.rangeChanged.connect(self._keep_bottom)
        self.transcript.quote_pressed.connect(self._quote_selected)
        self.transcript.delete_pressed.connect(self._withdraw_selected)
        self.transcript.copy_pressed.connect(self._copy_selected)

    def _build_quote_bar(self) -> None:
        """The quoted message: a soft panel with the accent's bar at its left, coloured from
        the palette (a style sheet would keep light colours in dark mode)."""
        self.quote_text = plain_label()
        self.quote_cancel = QToolButton()
        self.quote_cancel.setText("✕")
        self.quote_cancel.setToolTip(self.tr("Do not quote (Esc)"))
        self.quote_cancel.clicked.connect(self.clear_quote)
        self.quote_bar = QWidget()
        theme.set_tone(self.quote_bar, theme.QUOTE)
        accent_bar = QWidget()
        accent_bar.setFixedWidth(3)
        accent_bar.setAutoFillBackground(True)
        accent_palette = accent_bar.palette()
        accent_palette.setColor(accent_bar.backgroundRole(), QColor(theme.ACCENT))
        accent_bar.setPalette(accent_palette)
        quote_layout = QHBoxLayout(self.quote_bar)
        quote_layout.setContentsMargins(0, 0, 4, 0)
        quote_layout.addWidget(accent_bar)
        quote_layout.addSpacing(4)
        quote_layout.addWidget(self.quote_text, 1)
        quote_layout.addWidget(self.quote_cancel)
        self.quote_bar.hide()

    def _build_compose(self) -> None:
        """The reply box between the file and send buttons; files dropped on the pane."""
        self.reply = ReplyBox(
            placeholderText=self.tr("Write a reply. Enter sends, Shift+Enter: new line")
        )
        self.reply.setMaximumHeight(90)
        self.reply.send_requested.connect(self._send)
        self.reply.escape_pressed.connect(self.clear_quote)
        self.reply.textChanged.connect(self._typing_changed)
        # A reply or note near its limit counts; past it, it is not sent (the relay would
        # refuse it): the agent sees why, and nothing is dropped.
        self.reply_counter = LimitCounter(self.reply, limits.MAX_TEXT_CHARS)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.clicked.connect(self._send)
        self.attach_button = QPushButton(self.tr("File…"))
        self.attach_button.setToolTip(self.tr("Send a file (or drop files on the chat)"))
        self.attach_button.clicked.connect(self._choose_file)
        self.reply.files_dropped.connect(self.files_chosen.emit)
        self.setAcceptDrops(True)
        # Reply or note: two tabs over one box, the note's amber and worded apart, so
        # that nothing meant for colleagues is sent to the visitor by mistake.
        self.compose_mode = QTabBar()
        self.compose_mode.addTab(self.tr("Reply to visitor"))
        self.compose_mode.addTab(self.tr("Internal note"))
        self.compose_mode.setExpanding(False)
        self.compose_mode.setDrawBase(False)
        self.compose_mode.currentChanged.connect(lambda _index: self._show_mode())
        self.compose = QHBoxLayout()
        self.compose.addWidget(self.attach_button)
        self.compose.addWidget(self.reply, 1)
        self.compose.addWidget(self.send_button)

    @property
    def noting(self) -> bool:
        """Whether the box writes a note (agents only) rather than a reply."""
        return self.compose_mode.currentIndex() == 1

    def set_noting(self, noting: bool) -> None:
        self.compose_mode.setCurrentIndex(1 if noting else 0)
        self._show_mode()

    def set_whispering(self, whispering: bool) -> None:
        """A supervisor's notes are whispers: the tab and the box say so."""
        self.whispering = whispering
        self.compose_mode.setTabText(
            1, self.tr("Whisper to agents") if whispering else self.tr("Internal note")
        )
        self._show_mode()

    def _show_mode(self) -> None:
        if self.noting:
            if self.whispering:
                hint = self.tr("Whisper: only the agents of this chat see it. Enter sends")
            else:
                hint = self.tr("Internal note: only agents see it, never the visitor. Enter saves")
            self.reply.setPlaceholderText(hint)
            theme.set_tone(self.reply, theme.NOTE)
            self.send_button.setText(self.tr("Whisper") if self.whispering else self.tr("Add note"))
            self.attach_button.setEnabled(False)  # files go to the visitor: not from here
            if self._typing:  # the visitor must not see "typing…" for a note
                self._typing = False
                self.typing_changed.emit(False)
        else:
            self.reply.setPlaceholderText(
                self.tr("Write a reply. Enter sends, Shift+Enter: new line")
            )
            theme.clear_tone(self.reply)
            self.send_button.setText(self.tr("Send"))
            self.attach_button.setEnabled(self.reply.isEnabled())

    def show_routing(self, line: str, *, can_transfer: bool, can_escalate: bool) -> None:
        """The chat's people, department and transfer state (built by the routing feature,
        visitors' and agents' words already isolated), and which hand-overs are offered."""
        self.routing_line.setText(line)
        self.routing_line.setVisible(bool(line))
        self.transfer_button.setVisible(can_transfer)
        self.escalate_button.setVisible(can_escalate)
        self.handover_buttons.setVisible(can_transfer or can_escalate or self._can_ask)

    def show_asks(self, line: str, *, can_ask: bool, can_leave: bool = False) -> None:
        """Colleagues asked to join and how each answered (built by the colleagues
        feature, names isolated), whether this agent may ask one now, and whether they
        joined this chat to help and may leave it."""
        self.ask_line.setText(line)
        self.ask_line.setVisible(bool(line))
        self._can_ask = can_ask or can_leave
        self.ask_button.setVisible(can_ask)
        self.leave_button.setVisible(can_leave)
        shown = (self.transfer_button, self.escalate_button, self.ask_button, self.leave_button)
        self.handover_buttons.setVisible(any(not b.isHidden() for b in shown))

    def _note_scrolled(self, value: int) -> None:
        self._at_bottom = value >= self.transcript.verticalScrollBar().maximum() - 4

    def _keep_bottom(self, _minimum: int, maximum: int) -> None:
        if self._at_bottom:
            self.transcript.verticalScrollBar().setValue(maximum)

    # ------------------------------------------------------------ shown by the window

    def show_conversation(self, conversation: frames.ConversationInfo | None, title: str) -> None:
        self.chat_title.setText(title or self.tr("Choose a conversation"))
        open_now = conversation is not None and (
            conversation.status is not frames.ConversationStatus.CLOSED
        )
        for widget in (self.reply, self.send_button, self.close_button, self.attach_button):
            widget.setEnabled(open_now)
        self.compose_mode.setEnabled(open_now)
        self._show_mode()
        self.accept_button.setEnabled(
            open_now and conversation is not None and conversation.agent is None
        )
        self.preview.clear()
        self.clear_quote()

    def show_preview(self, text: str) -> None:
        # The end of a long draft is what is being typed now.
        draft = text[-PREVIEW_CHARS:]
        typing = fill(self.tr("Typing: %1"), untrusted.shown(draft, one_line=True))
        self.preview.setText(typing if draft else "")

    def quote(self, entry: Entry) -> None:
        """Reply to this message: it shows above the reply box until sent or dropped."""
        if entry.seq is None or entry.withdrawn:
            return
        self.quoting = entry
        who, quoted = untrusted.shown(entry.who()), untrusted.shown(excerpt(entry.text, 120))
        self.quote_text.setText(fill(self.tr("Replying to %1: %2"), who, quoted))
        self.quote_bar.show()
        self.reply.setFocus()

    def insert(self, text: str) -> None:
        """A phrase to edit before sending: at the cursor, replacing what is selected."""
        self.reply.insertPlainText(text)
        self.reply.setFocus()

    def can_reply(self) -> bool:
        """Whether a chat is open that takes replies (not closed, not a watched visitor)."""
        return self.reply.isEnabled()

    def clear_quote(self) -> None:
        self.quoting = None
        self.quote_bar.hide()

    # ------------------------------------------------------------ intents

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.reply.isEnabled() and local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if self.reply.isEnabled() and files:
            event.acceptProposedAction()
            self.files_chosen.emit(files)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Send a file"))
        if path:
            self.files_chosen.emit([Path(path)])

    def _send(self) -> None:
        text = self.reply.toPlainText().strip()
        if not text or not self.reply.isEnabled() or not self.reply_counter.fits():
            return
        quoted = self.quoting.seq if self.quoting and self.quoting.seq else 0
        if self.noting:
            self.note_requested.emit(text, quoted)
        else:
            self.reply_requested.emit(text, quoted)
        self.reply.clear()
        self.clear_quote()

    def _typing_changed(self) -> None:
        typing = bool(self.reply.toPlainText().strip()) and not self.noting
        if typing != self._typing:
            self._typing = typing
            self.typing_changed.emit(typing)

    def _entry_at(self, index: QModelIndex) -> Entry | None:
        entry = index.data(ENTRY_ROLE) if index.isValid() else None
        return entry if isinstance(entry, Entry) else None

    def _quote_selected(self) -> None:
        entry = self._entry_at(self.transcript.currentIndex())
        if entry is not None:
            self.quote(entry)

    def _copy_selected(self) -> None:
        entry = self._entry_at(self.transcript.currentIndex())
        if entry is not None:
            self.copy(entry)

    @staticmethod
    def copy(entry: Entry) -> None:
        """The message's text (a file's name) to the clipboard, as plain text only."""
        if entry.withdrawn:
            return
        QGuiApplication.clipboard().setText(entry.file.name if entry.file else entry.text)

    def _withdraw_selected(self) -> None:
        entry = self._entry_at(self.transcript.currentIndex())
        if entry is not None and self._withdrawable(entry):
            self._withdraw(entry)

    @staticmethod
    def _withdrawable(entry: Entry) -> bool:
        return (
            entry.author is AuthorKind.AGENT
            and entry.delivery is Delivery.SENT
            and entry.seq is not None
            and not entry.withdrawn
        )

    def _message_menu(self, position: QPoint) -> None:
        entry = self._entry_at(self.transcript.indexAt(position))
        menu = self.message_menu(entry) if entry is not None else None
        if menu is not None:
            menu.exec(self.transcript.viewport().mapToGlobal(position))

    def message_menu(self, entry: Entry) -> QMenu | None:
        """What can be done with a message: copy it, quote it, withdraw an own one."""
        if entry.withdrawn:
            return None
        menu = QMenu(self)
        copy = menu.addAction(self.tr("Copy"), lambda: self.copy(entry))
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        quote = menu.addAction(self.tr("Quote in reply"), lambda: self.quote(entry))
        quote.setEnabled(self.reply.isEnabled() and entry.seq is not None)
        if self._withdrawable(entry):
            menu.addAction(self.tr("Withdraw…"), lambda: self._withdraw(entry))
        return menu

    def _withdraw(self, entry: Entry) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Withdraw message"),
            fill(
                self.tr(
                    "Withdraw this message? It disappears for the visitor too; the relay "
                    "keeps a record for admins.\n\n%1"
                ),
                untrusted.shown(excerpt(entry.text, 200)),
            ),
        )
        if answer == QMessageBox.StandardButton.Yes and entry.seq is not None:
            self.withdraw_requested.emit(entry.seq)

    def _activated(self, index: QModelIndex) -> None:
        """Double-click: retry a failed reply, or open the message's first web link."""
        entry = self._entry_at(index)
        if entry is None:
            return
        if entry.delivery is Delivery.FAILED:
            self.retry_requested.emit(entry.id)
            return
        if entry.file is not None:
            self.save_requested.emit(entry.file)
            return
        link = WEB_LINK.search(entry.text)
        if link is not None:  # only http(s): nothing else a visitor writes is ever opened
            QDesktopServices.openUrl(QUrl(link.group(0)))
