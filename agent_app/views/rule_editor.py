"""The editor of one invitation rule: its name; which visitors (where they came from, what
they read and for how long, and more conditions folded away); what they see (words, look,
when, from whom); how often (the site's settings or its own); and an A/B test of variants.

It checks what it can before asking the relay (agent_app/models/invitation_rules.py) and
shows the relay's answer next to the buttons: Save stays open until the relay has either
stored the rule (the feature then closes the editor) or said what is wrong with it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from agent_app import theme
from agent_app.i18n import QT_TRANSLATE_NOOP
from agent_app.models.invitation_rules import join_values, rule_problem, split_values
from agent_app.views.invitation_policy import PolicyForm
from agent_app.views.plain import plain_label, show_untrusted
from shared_protocol import frames

SOURCES = (
    ("search", QT_TRANSLATE_NOOP("RuleEditor", "a search engine")),
    ("paid_search", QT_TRANSLATE_NOOP("RuleEditor", "a search ad")),
    ("social", QT_TRANSLATE_NOOP("RuleEditor", "social media")),
    ("referral", QT_TRANSLATE_NOOP("RuleEditor", "a link on another site")),
    ("campaign", QT_TRANSLATE_NOOP("RuleEditor", "a campaign link")),
    ("direct", QT_TRANSLATE_NOOP("RuleEditor", "typed or bookmarked")),
    ("internal", QT_TRANSLATE_NOOP("RuleEditor", "another page of this site")),
)
DEVICES = (
    ("desktop", QT_TRANSLATE_NOOP("RuleEditor", "computer")),
    ("mobile", QT_TRANSLATE_NOOP("RuleEditor", "phone")),
    ("tablet", QT_TRANSLATE_NOOP("RuleEditor", "tablet")),
)
STYLES = (
    ("card", QT_TRANSLATE_NOOP("RuleEditor", "a card in the corner")),
    ("bubble", QT_TRANSLATE_NOOP("RuleEditor", "a bubble by the chat button")),
    ("dialog", QT_TRANSLATE_NOOP("RuleEditor", "a box in the middle of the page")),
)
KINDS = (
    ("chat", QT_TRANSLATE_NOOP("RuleEditor", "an invitation to chat")),
    ("survey", QT_TRANSLATE_NOOP("RuleEditor", "one question (the answer arrives as a message)")),
)
TRIGGERS = (
    ("page", QT_TRANSLATE_NOOP("RuleEditor", "as soon as all of the above hold")),
    ("exit", QT_TRANSLATE_NOOP("RuleEditor", "when they move to leave the page")),
)
# Yes/no conditions: not asked, yes, no. Each with its own words.
CHOICES = {
    "returning": (
        QT_TRANSLATE_NOOP("RuleEditor", "new and returning"),
        QT_TRANSLATE_NOOP("RuleEditor", "only returning visitors"),
        QT_TRANSLATE_NOOP("RuleEditor", "only first visits"),
    ),
    "chatted_before": (
        QT_TRANSLATE_NOOP("RuleEditor", "whether or not they chatted"),
        QT_TRANSLATE_NOOP("RuleEditor", "only who chatted before"),
        QT_TRANSLATE_NOOP("RuleEditor", "only who never chatted"),
    ),
    "business_hours": (
        QT_TRANSLATE_NOOP("RuleEditor", "at any hour"),
        QT_TRANSLATE_NOOP("RuleEditor", "only in business hours"),
        QT_TRANSLATE_NOOP("RuleEditor", "only outside business hours"),
    ),
    "agent_has_room": (
        QT_TRANSLATE_NOOP("RuleEditor", "whether or not agents are busy"),
        QT_TRANSLATE_NOOP("RuleEditor", "only while an agent has room"),
        QT_TRANSLATE_NOOP("RuleEditor", "only while every agent is busy"),
    ),
}


def _(text: str) -> str:
    return QCoreApplication.translate("RuleEditor", text)


def _seconds_box(maximum: int, suffix: str, none_text: str) -> QSpinBox:
    """Seconds (or a count) where 0 means "not asked"."""
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setSuffix(suffix)
    box.setSpecialValueText(none_text)
    return box


def _percent_box(value: float, low: float = 0.01, high: float = 99.99) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(2)
    box.setSuffix(" %")
    box.setValue(value)
    return box


class RuleEditor(QDialog):
    save_requested = Signal(object)  # frames.RuleSpec

    def __init__(
        self,
        rule: frames.RuleSpec | None,
        *,
        others: list[frames.RuleSpec] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Edit invitation rule") if rule else self.tr("New invitation rule")
        )
        self.original = rule or frames.RuleSpec(name="")
        self.others = others or []
        self.saving = False
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self._build_name())
        layout.addWidget(self._build_who())
        layout.addWidget(self._build_what())
        layout.addWidget(self._build_how_often())
        layout.addWidget(self._build_test())
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problem = plain_label()
        theme.set_tone(self.problem, theme.ALERT)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.problem)
        outer.addWidget(self.buttons)
        self.resize(640, 720)
        self.set_rule(self.original)

    # ------------------------------------------------------------ the parts

    def _build_name(self) -> QGroupBox:
        box = QGroupBox(self.tr("Rule"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Prices page from Baidu"))
        self.enabled = QCheckBox(self.tr("On: invite visitors with this rule"))
        form = QFormLayout(box)
        form.addRow(self.tr("Name"), self.name)
        form.addRow("", self.enabled)
        return box

    def _build_who(self) -> QGroupBox:
        """Which visitors: the usual conditions first, the rest folded away."""
        box = QGroupBox(self.tr("Which visitors (all that are set must hold)"))
        self.sources: dict[str, QCheckBox] = {}
        sources = QGridLayout()
        for number, (value, label) in enumerate(SOURCES):
            check = QCheckBox(_(label))
            self.sources[value] = check
            sources.addWidget(check, number // 2, number % 2)
        self.engine = QLineEdit()
        self.engine.setPlaceholderText(self.tr("Baidu"))
        self.keyword = QLineEdit()
        self.keyword.setPlaceholderText(self.tr("a word of their search, e.g. 雅思"))
        self.page_url = QLineEdit()
        self.page_url.setPlaceholderText(self.tr("/prices*, /courses/*"))
        pattern_hint = QLabel(
            self.tr(
                "Separate pages with commas. * stands for anything: /prices is that page "
                "only, /prices* also /prices/2024. Empty: any page."
            )
        )
        pattern_hint.setWordWrap(True)
        pattern_hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        theme.set_tone(pattern_hint, theme.MUTED)
        self.time_on_page = _seconds_box(86_400, self.tr(" s"), self.tr("no minimum"))
        form = QFormLayout(box)
        form.addRow(self.tr("Came from"), sources)
        form.addRow(self.tr("Search engine"), self.engine)
        form.addRow(self.tr("Searched for"), self.keyword)
        form.addRow(self.tr("Reading the page"), self.page_url)
        form.addRow("", pattern_hint)
        form.addRow(self.tr("For at least"), self.time_on_page)
        self.more_button = QToolButton()
        self.more_button.setCheckable(True)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setArrowType(Qt.ArrowType.RightArrow)
        self.more_button.setText(self.tr("More conditions"))
        self.more_button.toggled.connect(self._show_more)
        form.addRow(self.more_button)
        self.more = QWidget()
        form.addRow(self.more)
        self._build_more(self.more)
        self.more.hide()
        return box

    def _build_more(self, widget: QWidget) -> None:
        self.time_on_site = _seconds_box(86_400, self.tr(" s"), self.tr("no minimum"))
        self.pages_viewed = _seconds_box(1000, self.tr(" pages"), self.tr("no minimum"))
        self.landing_url = QLineEdit()
        self.landing_url.setPlaceholderText(self.tr("/courses/*"))
        self.referrer_domain = QLineEdit()
        self.referrer_domain.setPlaceholderText(self.tr("zhihu.com, forum.example.org"))
        self.places = QLineEdit()
        self.places.setPlaceholderText(self.tr("中国/浙江省, 中国/上海市, GB//London"))
        self.places.setToolTip(self.tr("country/region/city; leave a part empty to allow any"))
        self.languages = QLineEdit()
        self.languages.setPlaceholderText(self.tr("zh, en-GB"))
        self.devices: dict[str, QCheckBox] = {}
        devices = QHBoxLayout()
        for value, label in DEVICES:
            check = QCheckBox(_(label))
            self.devices[value] = check
            devices.addWidget(check)
        devices.addStretch(1)
        self.choices: dict[str, QComboBox] = {}
        for key, words in CHOICES.items():
            combo = QComboBox()
            for answer, label in zip((None, True, False), words, strict=True):
                combo.addItem(_(label), answer)
            self.choices[key] = combo
        form = QFormLayout(widget)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("On the site at least"), self.time_on_site)
        form.addRow(self.tr("Pages seen at least"), self.pages_viewed)
        form.addRow(self.tr("Landed on"), self.landing_url)
        form.addRow(self.tr("Came from sites"), self.referrer_domain)
        form.addRow(self.tr("From places"), self.places)
        form.addRow(self.tr("Browser language"), self.languages)
        form.addRow(self.tr("Device"), devices)
        form.addRow(self.tr("Visits"), self.choices["returning"])
        form.addRow(self.tr("Chats before"), self.choices["chatted_before"])
        form.addRow(self.tr("Hours"), self.choices["business_hours"])
        form.addRow(self.tr("Agents"), self.choices["agent_has_room"])

    def _show_more(self, shown: bool) -> None:
        self.more.setVisible(shown)
        self.more_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _build_what(self) -> QGroupBox:
        box = QGroupBox(self.tr("What they see"))
        self.trigger = QComboBox()
        for value, label in TRIGGERS:
            self.trigger.addItem(_(label), value)
        self.delay = QSpinBox()
        self.delay.setRange(0, 3600)
        self.delay.setSuffix(self.tr(" s later"))
        self.delay.setSpecialValueText(self.tr("at once"))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Hello {visitor.name}! Questions about our prices?"))
        self.text.setMaximumHeight(90)
        hint = QLabel(
            self.tr(
                "Empty: the site's greeting. {visitor.name}, {visitor.city} and {site.name} "
                "are filled in for each visitor."
            )
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        theme.set_tone(hint, theme.MUTED)
        self.kind = QComboBox()
        for value, label in KINDS:
            self.kind.addItem(_(label), value)
        self.style_choice = QComboBox()
        for value, label in STYLES:
            self.style_choice.addItem(_(label), value)
        self.from_agent = QLineEdit()
        self.from_agent.setPlaceholderText(self.tr("an agent's user name; empty: the team"))
        form = QFormLayout(box)
        form.addRow(self.tr("Invite"), self.trigger)
        form.addRow(self.tr("Wait"), self.delay)
        form.addRow(self.tr("Words"), self.text)
        form.addRow("", hint)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Look"), self.style_choice)
        form.addRow(self.tr("From"), self.from_agent)
        return box

    def _build_how_often(self) -> QGroupBox:
        box = QGroupBox(self.tr("How often"))
        self.site_policy = QRadioButton(self.tr("As the site's settings say"))
        self.own_policy = QRadioButton(self.tr("Its own:"))
        self.policy = PolicyForm()
        self.own_policy.toggled.connect(self.policy.setEnabled)
        layout = QVBoxLayout(box)
        layout.addWidget(self.site_policy)
        layout.addWidget(self.own_policy)
        layout.addWidget(self.policy)
        return box

    def _build_test(self) -> QGroupBox:
        box = QGroupBox(self.tr("Variants (A/B test)"))
        intro = QLabel(
            self.tr(
                "Optional: other words or looks, each shown to a share of the visitors "
                "(weight). An empty cell keeps the rule's own."
            )
        )
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        theme.set_tone(intro, theme.MUTED)
        self.variants = QTableWidget(0, 5)
        self.variants.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Words"), self.tr("Look"), self.tr("Wait"), self.tr("Weight")]
        )
        self.variants.verticalHeader().hide()
        header = self.variants.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        rows = self.variants.fontMetrics().height() * 2
        self.variants.setMinimumHeight(rows * 3)
        self.variants.setMaximumHeight(rows * 6)
        add = QPushButton(self.tr("Add variant"))
        add.clicked.connect(lambda: self._add_variant(None))
        remove = QPushButton(self.tr("Remove variant"))
        remove.clicked.connect(self._remove_variant)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        self.experiment = QGroupBox(self.tr("Measure which variant is accepted more"))
        self.experiment.setCheckable(True)
        self.baseline = _percent_box(3.0)
        self.target = _percent_box(4.0)
        self.alpha = _percent_box(5.0, 0.1, 50.0)
        self.power = _percent_box(80.0, 50.0, 99.9)
        self.min_days = QDoubleSpinBox()
        self.min_days.setRange(0, 365)
        self.min_days.setDecimals(0)
        self.min_days.setSuffix(self.tr(" days"))
        self.min_days.setValue(7)
        test = QFormLayout(self.experiment)
        test.addRow(self.tr("Accepted today"), self.baseline)
        test.addRow(self.tr("Worth finding"), self.target)
        test.addRow(self.tr("False alarm risk"), self.alpha)
        test.addRow(self.tr("Chance to find it"), self.power)
        test.addRow(self.tr("Run at least"), self.min_days)
        layout = QVBoxLayout(box)
        layout.addWidget(intro)
        layout.addWidget(self.variants)
        layout.addLayout(buttons)
        layout.addWidget(self.experiment)
        return box

    def _add_variant(self, variant: frames.VariantSpec | None) -> None:
        row = self.variants.rowCount()
        self.variants.insertRow(row)
        name = variant.name if variant else chr(ord("A") + row) if row < 26 else str(row + 1)
        self.variants.setItem(row, 0, QTableWidgetItem(name))
        self.variants.setItem(row, 1, QTableWidgetItem(variant.text if variant else ""))
        look = QComboBox()
        look.addItem(self.tr("(the rule's)"), None)
        for value, label in STYLES:
            look.addItem(_(label), value)
        look.setCurrentIndex(max(0, look.findData(variant.style if variant else None)))
        self.variants.setCellWidget(row, 2, look)
        wait = QSpinBox()
        wait.setRange(-1, 3600)
        wait.setSpecialValueText(self.tr("(the rule's)"))
        wait.setSuffix(self.tr(" s"))
        delay = variant.delay if variant else None
        wait.setValue(-1 if delay is None else round(delay))
        self.variants.setCellWidget(row, 3, wait)
        weight = QSpinBox()
        weight.setRange(0, 1000)
        weight.setValue(variant.weight if variant else 1)
        self.variants.setCellWidget(row, 4, weight)

    def _remove_variant(self) -> None:
        row = self.variants.currentRow()
        if row < 0:
            row = self.variants.rowCount() - 1
        if row >= 0:
            self.variants.removeRow(row)

    # ------------------------------------------------------------ in and out

    def set_rule(self, rule: frames.RuleSpec) -> None:
        self.name.setText(rule.name)
        self.enabled.setChecked(rule.enabled)
        c = rule.conditions
        for value, check in self.sources.items():
            check.setChecked(value in c.source)
        self.engine.setText(c.engine)
        self.keyword.setText(c.keyword_contains)
        self.page_url.setText(join_values(c.page_url))
        self.time_on_page.setValue(round(c.time_on_page or 0))
        self.time_on_site.setValue(round(c.time_on_site or 0))
        self.pages_viewed.setValue(c.pages_viewed or 0)
        self.landing_url.setText(join_values(c.landing_url))
        self.referrer_domain.setText(join_values(c.referrer_domain))
        self.places.setText(join_values(c.places))
        self.languages.setText(join_values(c.language))
        for value, check in self.devices.items():
            check.setChecked(value in c.device)
        for key, combo in self.choices.items():
            combo.setCurrentIndex(max(0, combo.findData(getattr(c, key))))
        more = any(
            (
                c.time_on_site,
                c.pages_viewed,
                c.landing_url,
                c.referrer_domain,
                c.places,
                c.language,
                c.device,
                *(getattr(c, key) is not None for key in CHOICES),
            )
        )
        self.more_button.setChecked(more)
        self.trigger.setCurrentIndex(max(0, self.trigger.findData(rule.trigger)))
        self.delay.setValue(round(rule.delay))
        self.text.setPlainText(rule.text)
        self.kind.setCurrentIndex(max(0, self.kind.findData(rule.kind)))
        self.style_choice.setCurrentIndex(max(0, self.style_choice.findData(rule.style)))
        self.from_agent.setText(rule.from_agent)
        self.own_policy.setChecked(rule.policy is not None)
        self.site_policy.setChecked(rule.policy is None)
        self.policy.setEnabled(rule.policy is not None)
        self.policy.set_policy(rule.policy or frames.InvitationPolicySpec())
        self.variants.setRowCount(0)
        for variant in rule.variants:
            self._add_variant(variant)
        experiment = rule.experiment
        self.experiment.setChecked(experiment is not None)
        if experiment is not None:
            self.baseline.setValue(experiment.baseline * 100)
            self.target.setValue(experiment.target * 100)
            self.alpha.setValue(experiment.alpha * 100)
            self.power.setValue(experiment.power * 100)
            self.min_days.setValue(experiment.min_days)

    def conditions(self) -> frames.RuleConditions:
        return frames.RuleConditions(
            time_on_page=float(self.time_on_page.value()) or None,
            time_on_site=float(self.time_on_site.value()) or None,
            pages_viewed=self.pages_viewed.value() or None,
            page_url=split_values(self.page_url.text()),
            landing_url=split_values(self.landing_url.text()),
            source=[value for value, check in self.sources.items() if check.isChecked()],  # type: ignore[misc]
            engine=self.engine.text().strip(),
            keyword_contains=self.keyword.text().strip(),
            referrer_domain=split_values(self.referrer_domain.text()),
            returning=self.choices["returning"].currentData(),
            chatted_before=self.choices["chatted_before"].currentData(),
            places=split_values(self.places.text()),
            device=[value for value, check in self.devices.items() if check.isChecked()],  # type: ignore[misc]
            language=split_values(self.languages.text()),
            business_hours=self.choices["business_hours"].currentData(),
            agent_has_room=self.choices["agent_has_room"].currentData(),
        )

    def variant_specs(self) -> list[frames.VariantSpec]:
        found = []
        for row in range(self.variants.rowCount()):
            name_item, text_item = self.variants.item(row, 0), self.variants.item(row, 1)
            look = self.variants.cellWidget(row, 2)
            wait = self.variants.cellWidget(row, 3)
            weight = self.variants.cellWidget(row, 4)
            assert isinstance(look, QComboBox) and isinstance(wait, QSpinBox)
            assert isinstance(weight, QSpinBox)
            found.append(
                frames.VariantSpec(
                    name=(name_item.text() if name_item else "").strip(),
                    text=(text_item.text() if text_item else "").strip(),
                    style=look.currentData(),
                    delay=None if wait.value() < 0 else float(wait.value()),
                    weight=weight.value(),
                )
            )
        return found

    def rule(self) -> frames.RuleSpec:
        """The rule as the form says it (its id kept: a save replaces it)."""
        experiment = None
        if self.experiment.isChecked():
            experiment = frames.ExperimentSpec(
                baseline=round(self.baseline.value() / 100, 6),
                target=round(self.target.value() / 100, 6),
                alpha=round(self.alpha.value() / 100, 6),
                power=round(self.power.value() / 100, 6),
                min_days=self.min_days.value(),
            )
        return frames.RuleSpec(
            name=self.name.text().strip(),
            id=self.original.id,
            enabled=self.enabled.isChecked(),
            trigger=self.trigger.currentData(),
            conditions=self.conditions(),
            text=self.text.toPlainText().strip(),
            kind=self.kind.currentData(),
            style=self.style_choice.currentData(),
            delay=float(self.delay.value()),
            from_agent=self.from_agent.text().strip(),
            policy=self.policy.policy() if self.own_policy.isChecked() else None,
            variants=self.variant_specs(),
            experiment=experiment,
            changed_at=self.original.changed_at,
        )

    # ------------------------------------------------------------ saving

    def _save(self) -> None:
        rule = self.rule()
        problem = rule_problem(rule, self.others)
        if problem is not None:
            self.show_problem(problem)
            return
        self.show_saving()
        self.save_requested.emit(rule)

    def show_saving(self) -> None:
        self.saving = True
        self.problem.hide()
        self.save_button.setEnabled(False)

    def show_problem(self, text: str) -> None:
        """What is wrong, as the app or the relay says it (the relay's words may quote
        the rule's own, so they are shown as text)."""
        self.saving = False
        self.save_button.setEnabled(True)
        show_untrusted(self.problem, text, max_chars=600)
        self.problem.show()
