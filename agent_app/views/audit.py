"""The admins' view of withdrawn messages: who took back what, and when."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_app.i18n import QT_TRANSLATE_NOOP, fill
from shared_protocol import frames

COLUMNS = (
    QT_TRANSLATE_NOOP("WithdrawalsDialog", "Withdrawn"),
    QT_TRANSLATE_NOOP("WithdrawalsDialog", "Chat"),
    QT_TRANSLATE_NOOP("WithdrawalsDialog", "By"),
    QT_TRANSLATE_NOOP("WithdrawalsDialog", "Sent"),
    QT_TRANSLATE_NOOP("WithdrawalsDialog", "What it said"),
)


def _when(ts: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(ts))


class WithdrawalsDialog(QDialog):
    def __init__(self, records: list[frames.WithdrawalRecord], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Withdrawn messages"))
        self.resize(820, 420)
        self.table = QTableWidget(len(records), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("WithdrawalsDialog", column) for column in COLUMNS]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch
        )
        for row, record in enumerate(records):
            what = record.text + (
                fill(self.tr(" [file: %1]"), record.file_name) if record.file_name else ""
            )
            cells = (
                _when(record.withdrawn_at),
                fill(self.tr("#%1, message %2"), str(record.conversation), str(record.seq)),
                record.agent_name,
                _when(record.sent_at),
                what,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))  # items are plain text
        self.table.resizeColumnsToContents()
        layout = QVBoxLayout(self)
        count = (
            self.tr("%n withdrawn, newest first", "", len(records))
            if records
            else self.tr("Nothing was withdrawn.")
        )
        layout.addWidget(QLabel(count))
        layout.addWidget(self.table)
