"""The admins' record of withdrawn messages: asked for from the menu, shown in a dialog."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from agent_app.bridge import FrameRouter
from agent_app.features.effects import Effects
from agent_app.views.audit import WithdrawalsDialog
from shared_protocol import frames


class AuditController:
    def __init__(
        self, *, action: QAction, parent: QWidget, effects: Effects, router: FrameRouter
    ) -> None:
        self.action = action  # the menu entry, shown to admins only
        self.parent = parent
        self.dialog: WithdrawalsDialog | None = None
        action.triggered.connect(lambda: effects.send(frames.WithdrawalsRequest()))
        router.on(frames.LoginOk, lambda f: action.setVisible(f.agent.role == "admin"))
        router.on(frames.Withdrawals, self._show)

    def _show(self, withdrawals: frames.Withdrawals) -> None:
        self.dialog = WithdrawalsDialog(withdrawals.records, self.parent)
        self.dialog.show()
