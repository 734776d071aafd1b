"""The login dialog: relay address, user name, password, and "remember me"."""

from __future__ import annotations

from PySide6.QtCore import Qt
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


class LoginDialog(QDialog):
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
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _accept_if_complete(self) -> None:
        if not (self.relay.text().strip() and self.user.text().strip() and self.password.text()):
            self.show_error(self.tr("Fill in the relay address, your user name and your password."))
            return
        self.accept()
