"""The admins' view of withdrawn messages: who took back what, and when."""

from __future__ import annotations

import time

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

from shared_protocol import frames

COLUMNS = ("Withdrawn", "Chat", "By", "Sent", "What it said")


def _when(ts: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(ts))


class WithdrawalsDialog(QDialog):
    def __init__(self, records: list[frames.WithdrawalRecord], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Withdrawn messages")
        self.resize(820, 420)
        self.table = QTableWidget(len(records), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch
        )
        for row, record in enumerate(records):
            what = record.text + (f" [file: {record.file_name}]" if record.file_name else "")
            cells = (
                _when(record.withdrawn_at),
                f"#{record.conversation}, message {record.seq}",
                record.agent_name,
                _when(record.sent_at),
                what,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))  # items are plain text
        self.table.resizeColumnsToContents()
        layout = QVBoxLayout(self)
        count = f"{len(records)} withdrawn, newest first" if records else "Nothing was withdrawn."
        layout.addWidget(QLabel(count))
        layout.addWidget(self.table)
