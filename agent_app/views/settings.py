"""The settings dialog: sound, which pop-ups to show, start minimised, Away when idle,
relay address, language and theme."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from agent_app import i18n, theme
from agent_app.i18n import QT_TRANSLATE_NOOP
from agent_app.idle import MAX_IDLE_MINUTES
from agent_app.settings import Preferences

ARRIVAL_CHOICES = (
    ("all", QT_TRANSLATE_NOOP("SettingsDialog", "every arrival")),
    ("search", QT_TRANSLATE_NOOP("SettingsDialog", "only from search engines")),
    ("returning", QT_TRANSLATE_NOOP("SettingsDialog", "only returning visitors")),
    ("pages", QT_TRANSLATE_NOOP("SettingsDialog", "only on these pages")),
)
THEME_CHOICES = (
    (theme.SYSTEM, QT_TRANSLATE_NOOP("SettingsDialog", "System")),
    (theme.LIGHT, QT_TRANSLATE_NOOP("SettingsDialog", "Light")),
    (theme.DARK, QT_TRANSLATE_NOOP("SettingsDialog", "Dark")),
)


def _(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


class SettingsDialog(QDialog):
    def __init__(self, preferences: Preferences) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Parley settings"))
        self.relay = QLineEdit(preferences.relay_url)
        self.sound = QCheckBox(self.tr("Play a sound for new conversations and messages"))
        self.sound.setChecked(preferences.sound)
        self._build_popups(preferences)
        self.minimised = QCheckBox(self.tr("Start minimised in the tray"))
        self.minimised.setChecked(preferences.start_minimised)
        # 0 reads "never", not "0 min": Away after no time at all would mean always Away.
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(0, MAX_IDLE_MINUTES)
        self.idle_minutes.setSpecialValueText(self.tr("never"))
        self.idle_minutes.setSuffix(self.tr(" min without input"))
        self.idle_minutes.setValue(max(0, min(MAX_IDLE_MINUTES, int(preferences.idle_minutes))))
        self.idle_minutes.setToolTip(
            self.tr("Any key or mouse move in Parley sets you Online again, if it set you Away")
        )
        self._build_looks(preferences)
        form = self._form()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _build_popups(self, preferences: Preferences) -> None:
        """Which pop-ups to show: arrivals (all, or which), conversations, messages."""
        self.arrivals = QCheckBox(self.tr("A visitor arrives:"))
        self.arrivals.setChecked(preferences.popup_arrivals)
        self.arrivals_from = QComboBox()
        for value, label in ARRIVAL_CHOICES:
            self.arrivals_from.addItem(_(label), value)
        self.arrivals_from.setCurrentIndex(
            max(0, self.arrivals_from.findData(preferences.arrivals_from))
        )
        self.arrival_pages = QLineEdit(preferences.arrival_pages)
        self.arrival_pages.setPlaceholderText("/courses, /prices")
        self.conversations = QCheckBox(self.tr("A visitor starts a conversation"))
        self.conversations.setChecked(preferences.popup_conversations)
        self.messages = QCheckBox(self.tr("A new message arrives"))
        self.messages.setChecked(preferences.popup_messages)

    def _build_looks(self, preferences: Preferences) -> None:
        """The language (from the next start) and the theme."""
        # Languages by their own names, so an agent who cannot read the one shown now
        # still finds theirs.
        self.language = QComboBox()
        self.language.addItem(self.tr("System"), i18n.SYSTEM)
        for code in i18n.LANGUAGES:
            self.language.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.language)))
        # The windows are built in one language: switching them all while they are open is
        # not worth the risk of half-translated screens, so the choice counts from the next
        # start, and the dialog says so.
        self.language_note = QLabel(self.tr("A new language shows from the next start."))
        self.language_note.setWordWrap(True)
        theme.set_tone(self.language_note, theme.MUTED)
        self.theme = QComboBox()
        for value, label in THEME_CHOICES:
            self.theme.addItem(_(label), value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(preferences.theme)))

    def _form(self) -> QFormLayout:
        """Every choice on its labelled row."""
        form = QFormLayout()
        form.addRow(self.tr("Relay"), self.relay)
        form.addRow(self.tr("Sound"), self.sound)
        form.addRow(self.tr("Pop-ups when"), self.arrivals)
        form.addRow("", self.arrivals_from)
        form.addRow(self.tr("  pages"), self.arrival_pages)
        form.addRow("", self.conversations)
        form.addRow("", self.messages)
        form.addRow(self.tr("Start"), self.minimised)
        form.addRow(self.tr("Away after"), self.idle_minutes)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", self.language_note)
        form.addRow(self.tr("Theme"), self.theme)
        return form

    def apply_to(self, preferences: Preferences) -> None:
        """Copy the choices into `preferences` (the relay address counts from the next login,
        the language from the next start); a new theme shows at once."""
        preferences.relay_url = self.relay.text().strip() or preferences.relay_url
        preferences.sound = self.sound.isChecked()
        preferences.popup_arrivals = self.arrivals.isChecked()
        preferences.arrivals_from = str(self.arrivals_from.currentData())
        preferences.arrival_pages = self.arrival_pages.text().strip()
        preferences.popup_conversations = self.conversations.isChecked()
        preferences.popup_messages = self.messages.isChecked()
        preferences.start_minimised = self.minimised.isChecked()
        preferences.idle_minutes = self.idle_minutes.value()  # counts at once
        preferences.language = str(self.language.currentData())
        chosen = str(self.theme.currentData())
        if chosen != preferences.theme:
            preferences.theme = chosen
            current = theme.current_theme()
            if current is not None:
                current.choose(chosen)
