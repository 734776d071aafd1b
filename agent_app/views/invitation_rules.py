"""The admins' "Invitation rules" window, per site: the rules in order (the first that
matches a visitor wins) with each one's counts since it was last changed, the results of
the selected rule (per variant, the A/B test's plan and verdict), and the settings every
invitation of the site follows (greeting, how long it stays, how often a visitor may be
invited).

It displays and asks; the invitations feature sends the frames and hands back the relay's
`invitation_setup` (show_setup) or its refusal (show_problem).
"""

from __future__ import annotations

import time

import msgspec
from msgspec.structs import replace
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from agent_app import text as untrusted
from agent_app import theme
from agent_app.i18n import fill
from agent_app.models.invitation_rules import (
    rate_text,
    settings_problem,
    stats_of,
    totals,
    variant_verdict_text,
)
from agent_app.views.invitation_policy import PolicyForm
from agent_app.views.plain import plain_label, show_untrusted
from agent_app.views.rule_editor import RuleEditor
from shared_protocol import frames

RULE_ROLE = Qt.ItemDataRole.UserRole + 1


def _cell(text: str, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if tooltip:
        item.setToolTip(tooltip)
    return item


def _number(value: int) -> QTableWidgetItem:
    item = _cell(str(value))
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class InvitationRulesDialog(QDialog):
    site_chosen = Signal(str)
    settings_save_requested = Signal(str, object)  # site, frames.InvitationSettings
    rule_save_requested = Signal(str, object, object)  # site, frames.RuleSpec, position or None
    rule_delete_requested = Signal(str, str)  # site, rule id

    def __init__(self, sites: dict[str, str], parent: QWidget | None = None) -> None:
        """`sites`: site key → the name visitors see."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Invitation rules"))
        self.setup: frames.InvitationSetup | None = None
        self.editor: RuleEditor | None = None
        self.pending = ""  # what was asked of the relay and not yet answered
        self.site = QComboBox()
        for key, name in sorted(sites.items(), key=lambda item: item[1] or item[0]):
            shown = untrusted.shown(name or key, max_chars=50, one_line=True)
            code = untrusted.shown(key, max_chars=30, one_line=True)
            self.site.addItem(fill(self.tr("%1 (%2)"), shown, code) if name else shown, key)
        self.site.currentIndexChanged.connect(self._site_changed)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Site")))
        top.addWidget(self.site, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_rules(), self.tr("Rules"))
        self.tabs.addTab(self._build_settings(), self.tr("For every invitation"))
        self.status = QLabel()
        theme.set_tone(self.status, theme.MUTED)
        self.problem = plain_label()
        theme.set_tone(self.problem, theme.ALERT)
        self.problem.hide()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.resize(820, 640)
        self._enable(False)

    # ------------------------------------------------------------ the rules tab

    def _build_rules(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            self.tr(
                "Rules invite visitors by themselves. The first rule that matches a visitor "
                "wins; counts are since the rule was last changed."
            )
        )
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        theme.set_tone(intro, theme.MUTED)
        self.rules = QTableWidget(0, 7)
        self.rules.setHorizontalHeaderLabels(
            [
                self.tr("On"),
                self.tr("Rule"),
                self.tr("Shown"),
                self.tr("Accepted"),
                self.tr("Rate"),
                self.tr("Chats"),
                self.tr("Replied"),
            ]
        )
        self.rules.verticalHeader().hide()
        self.rules.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.rules.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4, 5, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.rules.itemSelectionChanged.connect(self._rule_selected)
        self.rules.itemDoubleClicked.connect(lambda _item: self.edit_rule())
        self.rules.itemChanged.connect(self._switched)
        self.new_button = QPushButton(self.tr("New rule…"))
        self.new_button.clicked.connect(lambda: self.edit_rule(new=True))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(lambda: self.edit_rule())
        self.up_button = QPushButton(self.tr("Up"))
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton(self.tr("Down"))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(self._delete)
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.edit_button,
            self.up_button,
            self.down_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.rules, 3)
        layout.addLayout(buttons)
        layout.addWidget(self._build_results(), 2)
        return page

    def _build_results(self) -> QGroupBox:
        """The selected rule's counts per variant, the test's plan and its verdict."""
        self.results = QGroupBox(self.tr("Results of the selected rule"))
        self.since = QLabel()
        self.variant_table = QTableWidget(0, 9)
        self.variant_table.setHorizontalHeaderLabels(
            [
                self.tr("Variant"),
                self.tr("Sent"),
                self.tr("Shown"),
                self.tr("Accepted"),
                self.tr("Rate"),
                self.tr("Declined"),
                self.tr("Chats"),
                self.tr("Replied"),
                self.tr("Test says"),
            ]
        )
        self.variant_table.verticalHeader().hide()
        self.variant_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.variant_table.horizontalHeader()
        for column in range(8):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(8, QHeaderView.ResizeMode.Stretch)
        self.variant_table.setMaximumHeight(self.variant_table.fontMetrics().height() * 9)
        self.plan = QLabel()
        self.plan.setWordWrap(True)
        self.verdict = plain_label()
        layout = QVBoxLayout(self.results)
        layout.addWidget(self.since)
        layout.addWidget(self.variant_table)
        layout.addWidget(self.plan)
        layout.addWidget(self.verdict)
        return self.results

    # ------------------------------------------------------------ the settings tab

    def _build_settings(self) -> QWidget:
        page = QWidget()
        self.greeting = QPlainTextEdit()
        self.greeting.setPlaceholderText(self.tr("Hello! Can we help you?"))
        self.greeting.setMaximumHeight(70)
        greeting_hint = QLabel(
            self.tr(
                "Sent when an agent invites without words of their own, and by rules without words."
            )
        )
        greeting_hint.setWordWrap(True)
        greeting_hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        theme.set_tone(greeting_hint, theme.MUTED)
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(5, 600)
        self.timeout.setDecimals(0)
        self.timeout.setSuffix(self.tr(" s"))
        self.auto_reply = QPlainTextEdit()
        self.auto_reply.setPlaceholderText(
            self.tr("Sorry we missed you. Write to us any time and we will answer.")
        )
        self.auto_reply.setMaximumHeight(70)
        self.site_policy = PolicyForm()
        self.save_settings_button = QPushButton(self.tr("Save settings"))
        self.save_settings_button.clicked.connect(self._save_settings)
        form = QFormLayout()
        form.addRow(self.tr("Greeting"), self.greeting)
        form.addRow("", greeting_hint)
        form.addRow(self.tr("Shown for"), self.timeout)
        form.addRow(self.tr("Left in the chat after no answer"), self.auto_reply)
        policy = QGroupBox(self.tr("How often a visitor may be invited"))
        policy_layout = QVBoxLayout(policy)
        policy_layout.addWidget(self.site_policy)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_settings_button)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(policy)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    # ------------------------------------------------------------ shown

    def current_site(self) -> str:
        return str(self.site.currentData() or "")

    def start(self) -> None:
        """Ask for the first site's setup (the feature calls it once the dialog shows)."""
        self._site_changed()

    def _site_changed(self) -> None:
        site = self.current_site()
        if not site:
            self.status.setText(self.tr("No site to set up."))
            return
        self.setup = None
        self._enable(False)
        self.status.setText(self.tr("Loading…"))
        self.pending = "load"
        self.site_chosen.emit(site)

    def _enable(self, on: bool) -> None:
        for widget in (self.tabs,):
            widget.setEnabled(on)

    def show_setup(self, setup: frames.InvitationSetup) -> None:
        """The site's setup as the relay holds it now (after a load or a save)."""
        if setup.site != self.current_site():
            return
        answered, self.pending = self.pending, ""
        selected = self.selected_rule()
        self.setup = setup
        self._enable(True)
        self.problem.hide()
        self._fill_rules(setup, selected.id if selected else "")
        self._fill_settings(setup.settings)
        if answered == "settings":
            self.status.setText(self.tr("Settings saved."))
        elif answered == "rule":
            self.status.setText(self.tr("Rule saved."))
        elif answered == "delete":
            self.status.setText(self.tr("Rule deleted."))
        else:
            self.status.setText("")
        if self.editor is not None and self.editor.saving:
            self.editor.accept()
            self.editor = None

    def show_problem(self, text: str) -> None:
        """The relay refused what was asked: in the open rule editor when it asked,
        else under the tabs."""
        asked, self.pending = self.pending, ""
        self.status.setText("")
        if asked == "load":
            self._enable(False)
        if self.editor is not None and self.editor.saving:
            self.editor.show_problem(text)
            return
        self.save_settings_button.setEnabled(True)
        show_untrusted(self.problem, text, max_chars=600)
        self.problem.show()

    def _fill_rules(self, setup: frames.InvitationSetup, selected: str) -> None:
        self.rules.blockSignals(True)
        self.rules.setRowCount(0)
        for row, rule in enumerate(setup.rules):
            self.rules.insertRow(row)
            on = _cell("")
            on.setFlags(on.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on.setCheckState(Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked)
            on.setData(RULE_ROLE, rule)
            on.setToolTip(self.tr("On: the rule invites visitors"))
            self.rules.setItem(row, 0, on)
            name = untrusted.shown(rule.name, max_chars=80, one_line=True)
            self.rules.setItem(row, 1, _cell(name, untrusted.tooltip(rule.name)))
            counted = totals(stats_of(setup, rule))
            self.rules.setItem(row, 2, _number(counted.shown))
            self.rules.setItem(row, 3, _number(counted.accepted))
            self.rules.setItem(row, 4, _cell(rate_text(counted.accepted, counted.shown)))
            self.rules.setItem(row, 5, _number(counted.chats))
            self.rules.setItem(row, 6, _number(counted.replied))
            if rule.id and rule.id == selected:
                self.rules.selectRow(row)
        self.rules.blockSignals(False)
        if not self.rules.selectedItems() and setup.rules:
            self.rules.selectRow(0)
        self._rule_selected()

    def _fill_settings(self, settings: frames.InvitationSettings) -> None:
        self.greeting.setPlainText(settings.greeting)
        self.timeout.setValue(settings.timeout)
        self.auto_reply.setPlainText(settings.auto_reply)
        self.site_policy.set_policy(settings.policy)
        self.save_settings_button.setEnabled(True)

    def selected_rule(self) -> frames.RuleSpec | None:
        rows = {index.row() for index in self.rules.selectionModel().selectedRows()}
        if not rows:
            return None
        item = self.rules.item(min(rows), 0)
        rule = item.data(RULE_ROLE) if item is not None else None
        return rule if isinstance(rule, frames.RuleSpec) else None

    def _row_of(self, rule: frames.RuleSpec) -> int:
        rules = self.setup.rules if self.setup else []
        return next((n for n, r in enumerate(rules) if r.id == rule.id), -1)

    def _rule_selected(self) -> None:
        rule = self.selected_rule()
        row = self._row_of(rule) if rule else -1
        count = self.rules.rowCount()
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(rule is not None)
        self.up_button.setEnabled(rule is not None and row > 0)
        self.down_button.setEnabled(rule is not None and 0 <= row < count - 1)
        self._show_results(rule)

    def _show_results(self, rule: frames.RuleSpec | None) -> None:
        stats = stats_of(self.setup, rule) if self.setup and rule else None
        self.variant_table.setRowCount(0)
        if rule is None:
            self.results.setTitle(self.tr("Results of the selected rule"))
            self.since.setText(self.tr("Choose a rule to see how it does."))
            self.plan.setText("")
            self.verdict.setText("")
            return
        self.results.setTitle(
            fill(
                self.tr("Results of “%1”"),
                untrusted.shown(rule.name, max_chars=60, one_line=True),
            )
        )
        since = stats.since if stats else rule.changed_at
        self.since.setText(
            fill(
                self.tr("Counted since %1, when the rule was last changed."),
                time.strftime("%Y-%m-%d %H:%M", time.localtime(since)),
            )
            if since
            else self.tr("Nothing counted yet.")
        )
        for row, variant in enumerate(stats.variants if stats else []):
            self.variant_table.insertRow(row)
            name = untrusted.shown(variant.name, max_chars=40, one_line=True) or "—"
            self.variant_table.setItem(row, 0, _cell(name))
            values = (variant.sent, variant.shown, variant.accepted)
            for column, value in enumerate(values, start=1):
                self.variant_table.setItem(row, column, _number(value))
            self.variant_table.setItem(row, 4, _cell(rate_text(variant.accepted, variant.shown)))
            for column, value in enumerate(
                (variant.declined, variant.chats, variant.replied), start=5
            ):
                self.variant_table.setItem(row, column, _number(value))
            # The relay's words for this variant, in the agent's language where known.
            said = variant_verdict_text(variant.verdict)
            words = untrusted.shown(said, max_chars=200, one_line=True)
            self.variant_table.setItem(row, 8, _cell(words, untrusted.tooltip(said)))
        planned = stats.planned_per_variant if stats else 0
        if planned:
            self.plan.setText(
                self.tr(
                    "A/B test: each variant is shown to %n visitor(s) before the result counts.",
                    "",
                    planned,
                )
            )
        else:
            self.plan.setText(self.tr("No A/B test: every visitor gets the same invitation."))
        verdict = self.verdict_text(stats.verdict if stats else "")
        if verdict:
            self.verdict.setText(fill(self.tr("Verdict: %1"), verdict))
        else:
            self.verdict.setText("")

    def verdict_text(self, verdict: str) -> str:
        """The relay's verdict in the agent's language where its words are known
        ("collecting", "winner: B", "no difference detected"); else as it says it."""
        if verdict == "collecting":
            return self.tr("still collecting, no result yet")
        if verdict == "no difference detected":
            return self.tr("no difference between the variants")
        if verdict.startswith("winner: "):
            name = untrusted.shown(verdict.removeprefix("winner: "), max_chars=40, one_line=True)
            return fill(self.tr("%1 is accepted more often"), name)
        return untrusted.shown(verdict, max_chars=400) if verdict else ""

    # ------------------------------------------------------------ asking

    def edit_rule(self, *, new: bool = False) -> RuleEditor | None:
        """Open the editor on the selected rule (or a new one); window-modal, not blocking."""
        if self.setup is None:
            return None
        rule = None if new else self.selected_rule()
        if not new and rule is None:
            return None
        others = [r for r in self.setup.rules if rule is None or r.id != rule.id]
        editor = RuleEditor(rule, others=others, parent=self)
        site = self.current_site()
        position = None if rule is not None else len(self.setup.rules)

        def save(spec: frames.RuleSpec) -> None:
            self.pending = "rule"
            self.rule_save_requested.emit(site, spec, position)

        editor.save_requested.connect(save)
        editor.finished.connect(lambda _result: self._editor_closed(editor))
        self.editor = editor
        editor.open()
        return editor

    def _editor_closed(self, editor: RuleEditor) -> None:
        if self.editor is editor:
            self.editor = None

    def _switched(self, item: QTableWidgetItem) -> None:
        """The On box of a rule ticked or cleared: saved at once."""
        if item.column() != 0:
            return
        rule = item.data(RULE_ROLE)
        if not isinstance(rule, frames.RuleSpec):
            return
        on = item.checkState() == Qt.CheckState.Checked
        if on != rule.enabled:
            self.pending = "rule"
            self.status.setText(self.tr("Saving…"))
            self.rule_save_requested.emit(self.current_site(), replace(rule, enabled=on), None)

    def _move(self, step: int) -> None:
        rule = self.selected_rule()
        if rule is None:
            return
        row = self._row_of(rule) + step
        if 0 <= row < self.rules.rowCount():
            self.pending = "rule"
            self.status.setText(self.tr("Saving…"))
            self.rule_save_requested.emit(self.current_site(), rule, row)

    def _delete(self) -> None:
        rule = self.selected_rule()
        if rule is None:
            return
        name = untrusted.shown(rule.name, max_chars=60, one_line=True)
        answer = QMessageBox.question(
            self,
            self.tr("Delete rule"),
            fill(self.tr("Delete the rule “%1” and its counts?"), name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_rule(rule)

    def delete_rule(self, rule: frames.RuleSpec) -> None:
        self.pending = "delete"
        self.status.setText(self.tr("Deleting…"))
        self.rule_delete_requested.emit(self.current_site(), rule.id)

    def settings(self) -> frames.InvitationSettings:
        # What this form does not show (business hours, time zone) is kept as read.
        read = self.setup.settings if self.setup is not None else frames.InvitationSettings()
        return msgspec.structs.replace(
            read,
            greeting=self.greeting.toPlainText().strip(),
            timeout=self.timeout.value(),
            auto_reply=self.auto_reply.toPlainText().strip(),
            policy=self.site_policy.policy(),
        )

    def _save_settings(self) -> None:
        settings = self.settings()
        problem = settings_problem(settings)
        if problem is not None:
            show_untrusted(self.problem, problem, max_chars=600)
            self.problem.show()
            return
        self.problem.hide()
        self.pending = "settings"
        self.save_settings_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        self.settings_save_requested.emit(self.current_site(), settings)
