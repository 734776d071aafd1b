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


class LoginDialog(QDialog):
    def __init__(self, relay_url: str, user: str, *, can_remember: bool) -> None:
        super().__init__()
        self.setWindowTitle("Log in to Parley")
        self.setMinimumWidth(380)
        self.relay = QLineEdit(relay_url)
        self.relay.setPlaceholderText("https://chat.example.com")
        self.user = QLineEdit(user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox("Remember me on this computer")
        self.remember.setChecked(can_remember)
        self.remember.setEnabled(can_remember)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b91c1c")
        self.error.hide()

        form = QFormLayout()
        form.addRow("Relay", self.relay)
        form.addRow("User name", self.user)
        form.addRow("Password", self.password)
        form.addRow("", self.remember)
        if not can_remember:
            note = QLabel(
                "This desktop has no keyring service, so Parley cannot remember the login "
                "safely; you will be asked for the password at every start."
            )
            note.setWordWrap(True)
            note.setStyleSheet("color: #6b7280")
            form.addRow("", note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Log in")
        buttons.accepted.connect(self._accept_if_complete)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        title = QLabel("Parley")
        title.setStyleSheet("font-size: 20px; font-weight: 600; color: #0f766e")
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
            self.show_error("Fill in the relay address, your user name and your password.")
            return
        self.accept()
