"""The settings dialog: sound, which pop-ups to show, start minimised, relay address."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
)

from agent_app.settings import Preferences

ARRIVAL_CHOICES = (
    ("all", "every arrival"),
    ("search", "only from search engines"),
    ("returning", "only returning visitors"),
    ("pages", "only on these pages"),
)


class SettingsDialog(QDialog):
    def __init__(self, preferences: Preferences) -> None:
        super().__init__()
        self.setWindowTitle("Parley settings")
        self.relay = QLineEdit(preferences.relay_url)
        self.sound = QCheckBox("Play a sound for new conversations and messages")
        self.sound.setChecked(preferences.sound)
        self.arrivals = QCheckBox("A visitor arrives:")
        self.arrivals.setChecked(preferences.popup_arrivals)
        self.arrivals_from = QComboBox()
        for value, label in ARRIVAL_CHOICES:
            self.arrivals_from.addItem(label, value)
        self.arrivals_from.setCurrentIndex(
            max(0, self.arrivals_from.findData(preferences.arrivals_from))
        )
        self.arrival_pages = QLineEdit(preferences.arrival_pages)
        self.arrival_pages.setPlaceholderText("/courses, /prices")
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
        form.addRow("", self.arrivals_from)
        form.addRow("  pages", self.arrival_pages)
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
        preferences.arrivals_from = str(self.arrivals_from.currentData())
        preferences.arrival_pages = self.arrival_pages.text().strip()
        preferences.popup_conversations = self.conversations.isChecked()
        preferences.popup_messages = self.messages.isChecked()
        preferences.start_minimised = self.minimised.isChecked()
