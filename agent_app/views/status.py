"""The agent's status in the main window (Online, Away, Offline): a button at the top right
that shows it with its colour and changes it, so the app works without a system tray."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from agent_app.tray import STATUS_COLOURS, status_name
from shared_protocol.frames import AgentStatus


def status_dot(status: AgentStatus) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(STATUS_COLOURS[status]))
    painter.drawEllipse(QRect(3, 3, 10, 10))
    painter.end()
    return QIcon(pixmap)


class StatusButton(QToolButton):
    """Shows the status the relay sees (Offline while disconnected) and offers the three."""

    status_requested = Signal(object)  # AgentStatus

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setToolTip(self.tr("Your status: visitors see you online only when you are Online"))
        menu = QMenu(self)
        group = QActionGroup(menu)
        self.actions_by_status: dict[AgentStatus, QAction] = {}
        for status in AgentStatus:
            action = QAction(status_dot(status), status_name(status), menu, checkable=True)
            action.triggered.connect(lambda _=False, s=status: self.status_requested.emit(s))
            group.addAction(action)
            menu.addAction(action)
            self.actions_by_status[status] = action
        self.setMenu(menu)
        self.show_status(AgentStatus.ONLINE, AgentStatus.OFFLINE)

    def show_status(self, chosen: AgentStatus, shown: AgentStatus, *, idle: bool = False) -> None:
        """`chosen` is ticked in the menu; `shown` is what visitors see now (Offline while
        the connection is down, whatever was chosen); `idle`: the app set Away because
        nobody used it (it says so, and that any input sets Online again)."""
        self.actions_by_status[chosen].setChecked(True)
        self.setIcon(status_dot(shown))
        idle = idle and shown is AgentStatus.AWAY
        self.setText(self.tr("Away (idle)") if idle else status_name(shown))
        self.setToolTip(
            self.tr("Away: nobody used the app for a while. Any key or mouse move sets Online")
            if idle
            else self.tr("Your status: visitors see you online only when you are Online")
        )

    def sizeHint(self) -> QSize:
        """As wide as its widest text, whatever it shows now: a menu bar sizes its corner
        widget when it lays itself out, not when the text changes, and "Away (idle)" (in
        Mongolian twice "Online") kept the first width and read "Awa…le)". One width also
        keeps the menu bar from shifting as the status changes."""
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        texts = [status_name(status) for status in AgentStatus] + [self.tr("Away (idle)")]
        room = max(metrics.horizontalAdvance(text) for text in texts)
        return QSize(
            hint.width() + max(0, room - metrics.horizontalAdvance(self.text())), hint.height()
        )
