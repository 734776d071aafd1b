"""How often a visitor may be invited (InvitationPolicySpec) as a form: the site's settings
and a rule's own policy use the same one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from agent_app.i18n import QT_TRANSLATE_NOOP
from agent_app.models.invitation_rules import join_values, split_values
from shared_protocol import frames

FREQUENCIES = (
    ("once_per_visit", QT_TRANSLATE_NOOP("PolicyForm", "once a visit")),
    ("once_per_visitor", QT_TRANSLATE_NOOP("PolicyForm", "once per visitor, ever")),
    ("repeat", QT_TRANSLATE_NOOP("PolicyForm", "again and again")),
)


class PolicyForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frequency = QComboBox()
        for value, label in FREQUENCIES:
            self.frequency.addItem(QCoreApplication.translate("PolicyForm", label), value)
        self.repeat_every = QSpinBox()
        self.repeat_every.setRange(0, 86_400)
        self.repeat_every.setSuffix(self.tr(" s"))
        self.repeat_every.setValue(300)
        self.max_per_visit = QSpinBox()
        self.max_per_visit.setRange(0, 100)
        self.max_per_visit.setSuffix(self.tr(" a visit"))
        self.max_per_visit.setValue(3)
        self.decline_quiet_days = QDoubleSpinBox()
        self.decline_quiet_days.setRange(0, 3650)
        self.decline_quiet_days.setDecimals(1)
        self.decline_quiet_days.setSuffix(self.tr(" days"))
        self.decline_quiet_days.setToolTip(self.tr("0: only for the rest of that visit"))
        self.after_chat_hours = QDoubleSpinBox()
        self.after_chat_hours.setRange(0, 87_600)
        self.after_chat_hours.setDecimals(1)
        self.after_chat_hours.setSuffix(self.tr(" hours"))
        self.excluded_pages = QLineEdit()
        self.excluded_pages.setPlaceholderText(self.tr("/checkout*, /order/*"))
        self.excluded_pages.setToolTip(
            self.tr("Page patterns, separated by commas: * stands for anything")
        )
        self.returning_only = QCheckBox(self.tr("Only visitors who were here before"))
        self.needs_agent_with_room = QCheckBox(
            self.tr("Only while an agent has room for another chat")
        )
        self.frequency.currentIndexChanged.connect(self._frequency_changed)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Invite a visitor"), self.frequency)
        form.addRow(self.tr("Again after"), self.repeat_every)
        form.addRow(self.tr("At most"), self.max_per_visit)
        form.addRow(self.tr("Quiet after a “no”"), self.decline_quiet_days)
        form.addRow(self.tr("Quiet after a chat"), self.after_chat_hours)
        form.addRow(self.tr("Never on pages"), self.excluded_pages)
        form.addRow("", self.returning_only)
        form.addRow("", self.needs_agent_with_room)
        self.set_policy(frames.InvitationPolicySpec())

    def _frequency_changed(self) -> None:
        repeat = self.frequency.currentData() == "repeat"
        self.repeat_every.setEnabled(repeat)
        self.max_per_visit.setEnabled(repeat)

    def set_policy(self, policy: frames.InvitationPolicySpec) -> None:
        self.frequency.setCurrentIndex(max(0, self.frequency.findData(policy.frequency)))
        if policy.frequency == "repeat":
            self.repeat_every.setValue(round(policy.repeat_every))
            self.max_per_visit.setValue(policy.max_per_visit)
        self.decline_quiet_days.setValue(policy.decline_quiet_days)
        self.after_chat_hours.setValue(policy.after_chat_hours)
        self.excluded_pages.setText(join_values(policy.excluded_pages))
        self.returning_only.setChecked(policy.returning_only)
        self.needs_agent_with_room.setChecked(policy.needs_agent_with_room)
        self._frequency_changed()

    def policy(self) -> frames.InvitationPolicySpec:
        frequency = self.frequency.currentData()
        repeat = frequency == "repeat"
        return frames.InvitationPolicySpec(
            frequency=frequency,
            repeat_every=float(self.repeat_every.value()) if repeat else 0.0,
            max_per_visit=self.max_per_visit.value() if repeat else 1,
            decline_quiet_days=self.decline_quiet_days.value(),
            after_chat_hours=self.after_chat_hours.value(),
            excluded_pages=split_values(self.excluded_pages.text()),
            returning_only=self.returning_only.isChecked(),
            needs_agent_with_room=self.needs_agent_with_room.isChecked(),
        )
