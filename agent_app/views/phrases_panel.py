"""The canned phrases panel: a category tree, search as you type, one click or Enter uses a
phrase; and the dialog that writes one. Keyboard only works: type to search, Down to the
list, Enter to use, the menu key for edit and delete."""

from __future__ import annotations

from pathlib import Path

import msgspec
from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_app import text as untrusted
from agent_app import theme
from agent_app.i18n import QT_TRANSLATE_NOOP, fill
from agent_app.models.messages import excerpt
from agent_app.phrases import matches
from shared_protocol.frames import Phrase, PhraseDraft, PhraseKind
from shared_protocol.phrases import phrase_problem

PHRASE_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_MARK = {PhraseKind.TEXT: "", PhraseKind.LINK: "🔗 ", PhraseKind.FILE: "📎 "}
KIND_NAMES = {
    PhraseKind.TEXT: QT_TRANSLATE_NOOP("PhraseDialog", "text"),
    PhraseKind.LINK: QT_TRANSLATE_NOOP("PhraseDialog", "link"),
    PhraseKind.FILE: QT_TRANSLATE_NOOP("PhraseDialog", "file"),
}


class SearchBox(QLineEdit):
    """Down moves into the list; Enter uses the first phrase found."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class PhraseTree(QTreeWidget):
    """Enter uses the selected phrase (a click does too)."""

    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
            return
        super().keyPressEvent(event)


class PhrasesPanel(QWidget):
    use_requested = Signal(object, bool)  # Phrase, send (else insert into the reply box)
    save_requested = Signal(object, object, object)  # id or None, PhraseDraft, Path to upload
    delete_requested = Signal(int)
    import_requested = Signal()
    export_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.phrases: list[Phrase] = []
        self.may_share = False
        self.search = SearchBox(placeholderText=self.tr("Search phrases (Ctrl+K)"))
        self.search.setToolTip(self.tr("Or type /shortcut in the reply box, then Space"))
        self.search.textChanged.connect(self._rebuild)
        self.search.returnPressed.connect(self._use_first)
        self.search.down_pressed.connect(self._into_tree)
        self.tree = PhraseTree()
        self.tree.setHeaderHidden(True)
        self.tree.itemClicked.connect(lambda item, _: self._use(item))
        self.tree.enter_pressed.connect(lambda: self._use(self.tree.currentItem()))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.empty = QLabel(
            self.tr(
                "No phrases yet. New… writes one; CSV… imports a list. "
                "Admins' shared phrases appear here for everyone."
            )
        )
        self.empty.setWordWrap(True)
        theme.set_tone(self.empty, theme.MUTED)
        self.enter_sends = QCheckBox(self.tr("Send at once"))
        self.enter_sends.setToolTip(
            self.tr(
                "Checked: a click or Enter sends the phrase. Unchecked: it goes into the reply box"
            )
        )
        add = QPushButton(self.tr("New…"))
        add.clicked.connect(lambda: self.edit(None))
        more = QPushButton(self.tr("CSV…"))
        csv_menu = QMenu(more)
        csv_menu.addAction(self.tr("Import phrases from CSV…"), self.import_requested.emit)
        csv_menu.addAction(self.tr("Export phrases to CSV…"), self.export_requested.emit)
        more.setMenu(csv_menu)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(more)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.enter_sends)
        layout.addLayout(buttons)

    def show_phrases(self, phrases: list[Phrase], *, may_share: bool) -> None:
        self.phrases, self.may_share = phrases, may_share
        self._rebuild()

    def _rebuild(self) -> None:
        """Shared phrases under their categories, then the agent's own under "Mine"."""
        self.tree.clear()
        words = self.search.text()
        folders: dict[tuple[str, ...], QTreeWidgetItem] = {}

        def folder(path: tuple[str, ...]) -> QTreeWidgetItem:
            if path not in folders:
                item = QTreeWidgetItem([path[-1]])
                parent = folder(path[:-1]) if len(path) > 1 else None
                if parent is None:
                    self.tree.addTopLevelItem(item)
                else:
                    parent.addChild(item)
                folders[path] = item
            return folders[path]

        ordered = sorted(self.phrases, key=lambda p: (not p.shared, p.category, p.title))
        for phrase in ordered:
            if words and not matches(phrase, words):
                continue
            parts = [part for part in phrase.category.split("/") if part.strip()]
            path = tuple(([] if phrase.shared else [self.tr("Mine")]) + parts)
            shortcut = f"   /{phrase.shortcut}" if phrase.shortcut else ""
            item = QTreeWidgetItem([f"{KIND_MARK[phrase.kind]}{phrase.title}{shortcut}"])
            item.setData(0, PHRASE_ROLE, phrase)
            item.setToolTip(0, untrusted.tooltip(phrase.url or excerpt(phrase.text, 300)))
            if path:
                folder(path).addChild(item)
            else:
                self.tree.addTopLevelItem(item)
        self.tree.expandAll()
        self.empty.setVisible(not self.phrases)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _phrase_items(self) -> list[QTreeWidgetItem]:
        """Every phrase item, in the order shown."""
        found: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item is None:
                continue
            if isinstance(item.data(0, PHRASE_ROLE), Phrase):
                found.append(item)
            stack[:0] = [item.child(i) for i in range(item.childCount())]
        return found

    def _into_tree(self) -> None:
        items = self._phrase_items()
        if items:
            self.tree.setFocus()
            self.tree.setCurrentItem(items[0])

    def _use_first(self) -> None:
        items = self._phrase_items()
        if items:
            self._use(items[0])

    def _use(self, item: QTreeWidgetItem | None) -> None:
        phrase = item.data(0, PHRASE_ROLE) if item is not None else None
        if isinstance(phrase, Phrase):
            self.use_requested.emit(phrase, self.enter_sends.isChecked())

    def _menu(self, position: QPoint) -> None:
        item = self.tree.itemAt(position)
        phrase = item.data(0, PHRASE_ROLE) if item is not None else None
        if not isinstance(phrase, Phrase) or (phrase.shared and not self.may_share):
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Edit…"), lambda: self.edit(phrase))
        menu.addAction(self.tr("Delete…"), lambda: self._delete(phrase))
        menu.exec(self.tree.viewport().mapToGlobal(position))

    def _delete(self, phrase: Phrase) -> None:
        question = (
            self.tr("Delete “%1”? It goes from every agent's phrases.")
            if phrase.shared
            else self.tr("Delete “%1”? It goes from your phrases.")
        )
        title = untrusted.shown(phrase.title, max_chars=80, one_line=True)
        answer = QMessageBox.question(self, self.tr("Delete phrase"), fill(question, title))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_requested.emit(phrase.id)

    def edit(self, phrase: Phrase | None) -> None:
        dialog = PhraseDialog(phrase, may_share=self.may_share, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.save_requested.emit(phrase.id if phrase else None, dialog.draft(), dialog.path)


class PhraseDialog(QDialog):
    def __init__(
        self, phrase: Phrase | None, *, may_share: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit phrase") if phrase else self.tr("New phrase"))
        self.setMinimumWidth(480)
        self.phrase = phrase
        self.title = QLineEdit(phrase.title if phrase else "")
        self.category = QLineEdit(phrase.category if phrase else "")
        self.category.setPlaceholderText(self.tr("Prices/IELTS: a / makes a sub-category"))
        self.shortcut = QLineEdit(phrase.shortcut if phrase else "")
        self.shortcut.setPlaceholderText(self.tr("price: typing /price in a reply uses it"))
        # The hints are longer than the fields in some languages: whole in the tooltips.
        for field in (self.category, self.shortcut):
            field.setToolTip(field.placeholderText())
        self.kind = QComboBox()
        for kind in PhraseKind:
            name = KIND_NAMES.get(kind)
            self.kind.addItem(
                QCoreApplication.translate("PhraseDialog", name) if name else kind.value, kind
            )
        self.kind.setCurrentIndex(self.kind.findData(phrase.kind if phrase else PhraseKind.TEXT))
        self.text = QPlainTextEdit(phrase.text if phrase else "")
        self.text.setPlaceholderText(
            self.tr("Hello {visitor.name|there}, I'm {agent.name} of {site.name}.")
        )
        self.url = QLineEdit(phrase.url if phrase else "")
        self.url.setPlaceholderText(self.tr("https://… (link phrases)"))
        self.path: Path | None = None  # a file to upload for a file phrase
        self.file_button = QPushButton(
            phrase.file.name if phrase and phrase.file else self.tr("Choose a file…")
        )
        self.file_button.clicked.connect(self._choose_file)
        self.shared = QCheckBox(self.tr("Shared with every agent"))
        self.shared.setChecked(phrase.shared if phrase else False)
        self.shared.setEnabled(may_share)
        form = QFormLayout(self)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Shortcut"), self.shortcut)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Text"), self.text)
        form.addRow(self.tr("Link"), self.url)
        form.addRow(self.tr("File"), self.file_button)
        form.addRow(self.shared)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # may quote what was typed
        theme.set_tone(self.problem, theme.ALERT)
        self.problem.hide()
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _check_and_accept(self) -> None:
        """Say what is missing while the dialog is still open; the relay would refuse it."""
        draft = self.draft()
        if draft.kind is PhraseKind.FILE and self.path is not None:
            # The chosen file is uploaded after Save: it counts as there.
            draft = msgspec.structs.replace(draft, file=self.path.name)
        problem = phrase_problem(draft)
        if problem is None:
            self.accept()
        else:
            self.problem.setText(problem[0].upper() + problem[1:] + ".")
            self.problem.show()

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("The file this phrase sends"))
        if path:
            self.path = Path(path)
            self.file_button.setText(self.path.name)
            self.kind.setCurrentIndex(self.kind.findData(PhraseKind.FILE))

    def draft(self) -> PhraseDraft:
        return PhraseDraft(
            title=self.title.text().strip(),
            text=self.text.toPlainText(),
            category=self.category.text().strip().strip("/"),
            shortcut=self.shortcut.text().strip().lstrip("/"),
            kind=self.kind.currentData(),
            url=self.url.text().strip(),
            file=self.phrase.file.id if self.phrase and self.phrase.file else None,
            shared=self.shared.isChecked(),
        )
