"""The tray icon: status at a glance, an unread badge, a menu, and Qt's balloon pop-ups."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from agent_app.i18n import QT_TRANSLATE_NOOP, fill
from agent_app.notify import NotifierUnavailable, OnClick
from shared_protocol.frames import AgentStatus

STATUS_NAMES = {
    AgentStatus.ONLINE: QT_TRANSLATE_NOOP("Tray", "Online"),
    AgentStatus.AWAY: QT_TRANSLATE_NOOP("Tray", "Away"),
    AgentStatus.OFFLINE: QT_TRANSLATE_NOOP("Tray", "Offline"),
}
STATUS_COLOURS = {
    AgentStatus.ONLINE: "#16a34a",
    AgentStatus.AWAY: "#d97706",
    AgentStatus.OFFLINE: "#6b7280",
}


def tray_icon(status: AgentStatus, unread: int) -> QIcon:
    """A speech bubble in the status colour, with a red unread count when there is one."""
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(STATUS_COLOURS[status]))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRect(4, 8, 56, 40), 12, 12)
    painter.drawPolygon([QPoint(14, 46), QPoint(14, 60), QPoint(28, 46)])
    if unread:
        painter.setBrush(QColor("#dc2626"))
        painter.drawEllipse(QRect(34, 0, 30, 30))
        painter.setPen(QColor("white"))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(18)
        painter.setFont(font)
        painter.drawText(QRect(34, 0, 30, 30), Qt.AlignmentFlag.AlignCenter, _count(unread))
    painter.end()
    return QIcon(pixmap)


def _count(unread: int) -> str:
    return "9+" if unread > 9 else str(unread)


def status_name(status: AgentStatus) -> str:
    """The status in the agent's language (a status added to the protocol shows as is)."""
    name = STATUS_NAMES.get(status)
    return QCoreApplication.translate("Tray", name) if name else status.value.capitalize()


class Tray(QObject):
    """Wraps QSystemTrayIcon; `available` is False on desktops without a tray."""

    open_requested = Signal()
    quit_requested = Signal()
    status_requested = Signal(object)  # AgentStatus

    def __init__(self) -> None:
        super().__init__()
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        self.status = AgentStatus.ONLINE
        self.unread = 0
        self._on_click: OnClick | None = None
        self._shown: tuple[AgentStatus, int] | None = None
        self.icon = QSystemTrayIcon()
        self.menu = QMenu()
        self.menu.addAction(self.tr("Open Parley"), self.open_requested.emit)
        self.menu.addSeparator()
        group = QActionGroup(self.menu)
        self.status_actions: dict[AgentStatus, QAction] = {}
        for status in AgentStatus:
            action = QAction(status_name(status), self.menu, checkable=True)
            action.triggered.connect(lambda _=False, s=status: self.status_requested.emit(s))
            group.addAction(action)
            self.menu.addAction(action)
            self.status_actions[status] = action
        self.menu.addSeparator()
        self.menu.addAction(self.tr("Quit Parley"), self.quit_requested.emit)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self._message_clicked)
        self.show_state(AgentStatus.OFFLINE, 0)  # until a login reaches the relay
        if self.available:
            self.icon.show()

    def show_state(self, status: AgentStatus, unread: int) -> None:
        if (status, unread) == self._shown:
            return  # the desk calls this after every message; drawing the icon is not free
        self._shown = (status, unread)
        self.status, self.unread = status, unread
        self.icon.setIcon(tray_icon(status, unread))
        self.status_actions[status].setChecked(True)
        tip = fill(self.tr("Parley: %1"), status_name(status))
        if unread:
            tip += self.tr(", %n unread", "", unread)
        self.icon.setToolTip(tip)

    def balloon(self, title: str, body: str, on_click: OnClick | None) -> None:
        self._on_click = on_click
        self.icon.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 8000)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()

    def _message_clicked(self) -> None:
        if self._on_click is not None:
            self._on_click()


class TrayNotifier:
    """The last resort: Qt's own balloon from the tray icon (plain text by design)."""

    name = "tray"

    def __init__(self, tray: Tray) -> None:
        if not tray.available:
            raise NotifierUnavailable("this desktop has no system tray")
        self._tray = tray

    def notify(
        self, title: str, body: str, on_click: OnClick | None = None, *, key: str = ""
    ) -> None:
        self._tray.balloon(title, body, on_click)  # one balloon at a time: a new one replaces
