"""The invite dialog: who will be invited, what they will read (the site's greeting, a
canned phrase, or words typed on the spot), and after sending, who was not invited and why.

It only displays and asks: `send_requested` carries the visitors and the text ("" for the
site's greeting); the invitations feature sends, and answers with show_sending, show_result
or show_problem. Non-modal, so that a pop-up's "Invite" can open it over anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from agent_app import text as untrusted
from agent_app import theme
from agent_app.i18n import fill
from agent_app.views.invitation_words import refusal_text
from agent_app.views.plain import plain_label, show_untrusted
from shared_protocol import frames, limits

GREETING, PHRASE, OWN_WORDS = 0, 1, 2


@dataclass(frozen=True)
class Invitee:
    """One visitor in the dialog's list: their name and where they are (their own words,
    shown untrusted), and a note of ours ("is already chatting") or ""."""

    visitor: int
    name: str
    where: str = ""
    note: str = ""


class InviteDialog(QDialog):
    send_requested = Signal(list, str)  # visitor ids, text ("" = the site's greeting)

    def __init__(
        self,
        invitees: list[Invitee],
        phrases: list[frames.Phrase],
        *,
        phrase_text: Callable[[frames.Phrase], str],
        preview: Callable[[str], str] = lambda text: text,
        greeting: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`phrase_text` gives what inviting with a phrase sends; `preview` what the
        visitor reads of a text (the relay fills in their name, city…); `greeting` is the
        site's greeting when this app knows it (admins do), else None."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Invite to chat"))
        self.setMinimumWidth(460)
        self.invitees = invitees
        self.phrase_text = phrase_text
        self.preview_of = preview
        self.phrases = [p for p in phrases if p.kind is not frames.PhraseKind.FILE]
        self.sending = False
        layout = QVBoxLayout(self)
        self.heading = QLabel(self.tr("Invite %n visitor(s) to chat:", "", len(invitees)))
        layout.addWidget(self.heading)
        self.who = QListWidget()
        self.who.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.who.setMaximumHeight(max(48, min(6, len(invitees)) * 24 + 8))
        for invitee in invitees:
            self.who.addItem(self._who_item(invitee))
        layout.addWidget(self.who)
        layout.addWidget(self._build_words(greeting))
        self.outcome = plain_label()
        self.outcome.hide()
        layout.addWidget(self.outcome)
        self.problem = plain_label()
        theme.set_tone(self.problem, theme.ALERT)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox()
        self.send_button = QPushButton(self.tr("Send invitation"))
        self.send_button.setDefault(True)
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.send_button.clicked.connect(self._send)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self._choice_changed()

    def _who_item(self, invitee: Invitee) -> QListWidgetItem:
        name = untrusted.shown(invitee.name, max_chars=40, one_line=True)
        parts = [name]
        if invitee.where:
            parts.append(untrusted.shown(invitee.where, max_chars=60, one_line=True))
        line = " · ".join(parts)
        if invitee.note:
            line = fill(self.tr("%1 (%2)"), line, invitee.note)
        item = QListWidgetItem(line)
        item.setToolTip(untrusted.tooltip(f"{invitee.name}\n{invitee.where}"))
        item.setData(Qt.ItemDataRole.UserRole, invitee.visitor)
        return item

    def _build_words(self, greeting: str | None) -> QGroupBox:
        """The three ways to say it, one chosen, and what the visitor will read."""
        box = QGroupBox(self.tr("What they read"))
        self.choice = QButtonGroup(self)
        self.use_greeting = QRadioButton(self.tr("The site's greeting"))
        self.use_phrase = QRadioButton(self.tr("A phrase:"))
        self.use_own = QRadioButton(self.tr("My own words:"))
        for number, button in enumerate((self.use_greeting, self.use_phrase, self.use_own)):
            self.choice.addButton(button, number)
        self.use_greeting.setChecked(True)
        self.greeting = greeting
        self.phrase = QComboBox()
        for phrase in self.phrases:
            title = untrusted.shown(phrase.title, max_chars=50, one_line=True)
            self.phrase.addItem(title, phrase.id)
        if not self.phrases:
            self.phrase.addItem(self.tr("(no phrases yet)"), None)
            self.use_phrase.setEnabled(False)
        self.own = QPlainTextEdit()
        self.own.setPlaceholderText(self.tr("Hello! Can I help you find the right course?"))
        self.own.setMaximumHeight(80)
        self.count = QLabel()
        theme.set_tone(self.count, theme.MUTED)
        self.preview_title = QLabel(
            self.tr("They read:")
            if len(self.invitees) < 2
            else self.tr("They read (each with their own name and place):")
        )
        theme.set_tone(self.preview_title, theme.MUTED)
        self.preview = plain_label()
        self.choice.idToggled.connect(self._toggled)
        self.phrase.currentIndexChanged.connect(self._phrase_chosen)
        self.own.textChanged.connect(self._own_changed)
        layout = QVBoxLayout(box)
        layout.addWidget(self.use_greeting)
        row = QHBoxLayout()
        row.addWidget(self.use_phrase)
        row.addWidget(self.phrase, 1)
        layout.addLayout(row)
        layout.addWidget(self.use_own)
        layout.addWidget(self.own)
        layout.addWidget(self.count, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.preview_title)
        layout.addWidget(self.preview)
        return box

    # ------------------------------------------------------------ choosing

    def chosen_phrase(self) -> frames.Phrase | None:
        phrase_id = self.phrase.currentData()
        return next((p for p in self.phrases if p.id == phrase_id), None)

    def text(self) -> str:
        """What is sent: "" for the site's greeting."""
        match self.choice.checkedId():
            case 1:
                phrase = self.chosen_phrase()
                return self.phrase_text(phrase).strip() if phrase is not None else ""
            case 2:
                return self.own.toPlainText().strip()
        return ""

    def _toggled(self, _id: int, on: bool) -> None:
        if on:
            self._choice_changed()

    def _phrase_chosen(self) -> None:
        if self.chosen_phrase() is not None and not self.use_phrase.isChecked():
            self.use_phrase.setChecked(True)  # choosing a phrase means using it
        self._choice_changed()

    def _own_changed(self) -> None:
        if self.own.toPlainText() and not self.use_own.isChecked():
            self.use_own.setChecked(True)
        self._choice_changed()

    def _choice_changed(self) -> None:
        length = len(self.own.toPlainText().strip())
        most = str(limits.MAX_INVITATION_CHARS)
        self.count.setText(fill(self.tr("%1 of %2 characters"), str(length), most))
        self.count.setVisible(self.use_own.isChecked())
        if self.use_greeting.isChecked():
            if self.greeting:
                show_untrusted(self.preview, self.preview_of(self.greeting))
            else:
                self.preview.setText(
                    self.tr(
                        "The greeting an admin set for the site (Invitation rules), or a "
                        "hello in the visitor's language."
                    )
                )
                self.preview.setToolTip("")
        else:
            words = self.text()
            if words:
                show_untrusted(self.preview, self.preview_of(words))
            else:
                self.preview.setText("—")
                self.preview.setToolTip("")
        if not self.sending:
            self.problem.hide()

    # ------------------------------------------------------------ sending

    def _send(self) -> None:
        text = self.text()
        if self.use_own.isChecked() and not text:
            self.show_problem(
                self.tr("Write what they should read, or choose the site's greeting.")
            )
            return
        if self.use_phrase.isChecked() and not text:
            self.show_problem(self.tr("This phrase has no text to send."))
            return
        if len(text) > limits.MAX_INVITATION_CHARS:
            self.show_problem(
                fill(
                    self.tr("An invitation holds at most %1 characters; this one has %2."),
                    str(limits.MAX_INVITATION_CHARS),
                    str(len(text)),
                )
            )
            return
        self.send_requested.emit([i.visitor for i in self.invitees], text)

    def show_sending(self) -> None:
        self.sending = True
        self.problem.hide()
        self.send_button.setEnabled(False)
        self.send_button.setText(self.tr("Sending…"))

    def show_problem(self, text: str) -> None:
        """What went wrong, said next to the buttons; the agent may try again."""
        self.sending = False
        self.send_button.setEnabled(True)
        self.send_button.setText(self.tr("Send invitation"))
        show_untrusted(self.problem, text, max_chars=400)  # the relay's words may quote theirs
        self.problem.show()

    def show_result(self, sent: int, refused: Sequence[tuple[str, str]]) -> None:
        """How it went: `sent` invited; `refused` as (the visitor's name, reason code)."""
        self.sending = False
        lines = [self.tr("%n visitor(s) invited.", "", sent)]
        if refused:
            lines.append(self.tr("Not invited:"))
            for name, reason in refused:
                who = untrusted.shown(name, max_chars=40, one_line=True)
                lines.append(fill(self.tr("• %1 %2"), who, refusal_text(reason)))
        self.outcome.setText("\n".join(lines))
        self.outcome.show()
        self.problem.hide()
        self.send_button.setText(self.tr("Sent"))
        self.send_button.setEnabled(False)
        self.close_button.setFocus()
