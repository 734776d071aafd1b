"""A counter under a text box with a limit (a transfer's note, a reply): it shows from
near the limit, turns red past it, and says how much to cut. Past the limit the box's
owner does not send: text is never dropped without the agent seeing it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QWidget

from agent_app import theme
from agent_app.i18n import fill

NEAR = 0.8  # shown from this share of the limit on


def counted(text: str) -> int:
    """What the limit counts: characters (code points, as the relay counts them) of the
    text as it is sent, its ends trimmed."""
    return len(text.strip())


class LimitCounter(QLabel):
    """Watches `box`; `fits()` says whether its text may be sent."""

    fits_changed = Signal(bool)

    def __init__(
        self, box: QPlainTextEdit | QTextEdit, limit: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.box = box
        self.limit = limit
        self._fits = True
        theme.set_tone(self, theme.MUTED)
        box.textChanged.connect(self.refresh)
        self.refresh()

    def fits(self) -> bool:
        return counted(self.box.toPlainText()) <= self.limit

    def refresh(self) -> None:
        count = counted(self.box.toPlainText())
        over = count - self.limit
        if over > 0:
            text = fill(
                self.tr("%1 / %2 characters: cut %3 to send it"),
                str(count),
                str(self.limit),
                str(over),
            )
        else:
            text = fill(self.tr("%1 / %2 characters"), str(count), str(self.limit))
        self.setText(text)
        theme.set_tone(self, theme.ALERT if over > 0 else theme.MUTED)
        self.setVisible(count >= self.limit * NEAR)
        if (over <= 0) != self._fits:
            self._fits = over <= 0
            self.fits_changed.emit(self._fits)
