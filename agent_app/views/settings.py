"""The settings dialog: sound, which pop-ups to show, start minimised, relay address."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
)

from agent_app.settings import Preferences


class SettingsDialog(QDialog):
    def __init__(self, preferences: Preferences) -> None:
        super().__init__()
        self.setWindowTitle("Parley settings")
        self.relay = QLineEdit(preferences.relay_url)
        self.sound = QCheckBox("Play a sound for new conversations and messages")
        self.sound.setChecked(preferences.sound)
        self.arrivals = QCheckBox("A visitor arrives")
        self.arrivals.setChecked(preferences.popup_arrivals)
        self.conversations = QCheckBox("A visitor starts a conversation")
        self.conversations.setChecked(preferences.popup_conversations)
        self.messages = QCheckBox("A new message arrives")
        self.messages.setChecked(preferences.popup_messages)
        self.minimised = QCheckBox("Start minimised in the tray")
        self.minimised.setChecked(preferences.start_minimised)
        form = QFormLayout()
        form.addRow("Relay", self.relay)
        form.addRow("Sound", self.sound)
        form.addRow("Pop-ups when", self.arrivals)
        form.addRow("", self.conversations)
        form.addRow("", self.messages)
        form.addRow("Start", self.minimised)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def apply_to(self, preferences: Preferences) -> None:
        """Copy the choices into `preferences` (the relay address counts from the next login)."""
        preferences.relay_url = self.relay.text().strip() or preferences.relay_url
        preferences.sound = self.sound.isChecked()
        preferences.popup_arrivals = self.arrivals.isChecked()
        preferences.popup_conversations = self.conversations.isChecked()
        preferences.popup_messages = self.messages.isChecked()
        preferences.start_minimised = self.minimised.isChecked()
