"""The login dialog: relay address, user name, password, and "remember me".

It stays open while the login it sent is checked, and after a refusal, with what was
typed: a wrong password, an address where no relay answers, or a wait the relay asked for
(too many failed logins, a busy relay), which the Log in button counts down.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from agent_app import theme
from agent_app.net.client import LoginWait
from agent_app.wait_words import WaitWords

TICK_MILLISECONDS = 250


class LoginDialog(QDialog):
    """`submitted` when Log in is pressed with every field filled in; the box stays open
    (busy) until whoever logs in closes it or says why not."""

    submitted = Signal()

    def __init__(self, relay_url: str, user: str, *, can_remember: bool) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Log in to Parley"))
        self.setMinimumWidth(380)
        self.relay = QLineEdit(relay_url)
        self.relay.setPlaceholderText("https://chat.example.com")
        self.user = QLineEdit(user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember me on this computer"))
        self.remember.setChecked(can_remember)
        self.remember.setEnabled(can_remember)
        self._can_remember = can_remember
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        theme.set_tone(self.error, theme.ALERT)
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("Relay"), self.relay)
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        if not can_remember:
            note = QLabel(
                self.tr(
                    "This desktop has no keyring service, so Parley cannot remember the login "
                    "safely; you will be asked for the password at every start."
                )
            )
            note.setWordWrap(True)
            theme.set_tone(note, theme.MUTED)
            form.addRow("", note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Log in"))
        self.log_in = ok
        self.words = WaitWords(self)
        # A wait the relay asked for, and the relay and user it holds for: another name
        # (a colleague at the same desk) or another relay is not held up by it.
        self._held: tuple[LoginWait, str, str] | None = None
        self._ticker = QTimer(self, interval=TICK_MILLISECONDS)
        self._ticker.timeout.connect(self._show_wait)
        self.relay.textChanged.connect(self._show_wait)
        self.user.textChanged.connect(self._show_wait)
        buttons.accepted.connect(self._accept_if_complete)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        title = QLabel("Parley")  # the brand: the same in every language
        title.setFont(theme.scaled_font(title, 1.6, bold=True))
        theme.set_tone(title, theme.ACCENT_TEXT)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if user else self.user).setFocus()

    def show_error(self, text: str) -> None:
        if text == self.error.text() and bool(text) != self.error.isHidden():
            return
        self.error.setText(text)
        self.error.setVisible(bool(text))
        # The box is open when a refusal comes: it grows to show the line whole (and the
        # wrapped lines above it), as it is when it opens with one.
        self.adjustSize()

    def set_busy(self, busy: bool) -> None:
        """While a login is checked: nothing to change, the button says so. The fields are
        read-only rather than disabled, so that the focus stays in them: on a disabled
        Log in, Qt would move it to Cancel, and the next Enter would quit the app."""
        for field in (self.relay, self.user, self.password):
            field.setReadOnly(busy)
        self.remember.setEnabled(not busy and self._can_remember)
        self.log_in.setEnabled(not busy)
        self.log_in.setText(self.tr("Logging in…") if busy else self.tr("Log in"))
        if busy:
            self.show_error("")
            return
        if not isinstance(self.focusWidget(), QLineEdit):
            self.password.setFocus()
        self._show_wait()

    def hold_back(self, wait: LoginWait) -> None:
        """The relay refused the login for now: say why and for how long, and count the
        Log in button down until it may be pressed again (for this relay and user)."""
        self._held = (wait, self.relay.text().strip(), self.user.text().strip())
        self._ticker.start()
        self._show_wait()

    def _show_wait(self) -> None:
        if self._held is None or self.relay.isReadOnly():
            return
        wait, relay, user = self._held
        if (self.relay.text().strip(), self.user.text().strip()) != (relay, user):
            self.log_in.setEnabled(True)
            self.log_in.setText(self.tr("Log in"))
            self.show_error("")
            return
        left = wait.left()
        self.show_error(self.words.login_refused(wait, left))
        self.log_in.setEnabled(left <= 0)
        self.log_in.setText(self.words.log_in_button(left) if left > 0 else self.tr("Log in"))
        if left <= 0:
            self._held = None
            self._ticker.stop()

    def _accept_if_complete(self) -> None:
        if not (self.relay.text().strip() and self.user.text().strip() and self.password.text()):
            self.show_error(self.tr("Fill in the relay address, your user name and your password."))
            return
        self._held = None
        self._ticker.stop()
        self.set_busy(True)
        self.submitted.emit()
