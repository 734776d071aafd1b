"""Qt's side of `agent_app.text`: labels that hold a visitor's words as plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from agent_app import text as untrusted


def plain_label(initial: str = "") -> QLabel:
    """A label that shows text as text, never markup, and never widens its pane: a long
    name or an unbroken URL is cut (the whole of it is in the tooltip) instead."""
    label = QLabel(initial)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    # A wrapped label's height follows its width (a new policy would drop that, and a
    # dialog's explanation would stand as tall as a narrow column of its words).
    policy.setHeightForWidth(True)
    label.setSizePolicy(policy)
    label.setMinimumWidth(0)
    return label


def show_untrusted(label: QLabel, value: str, *, max_chars: int = 300) -> None:
    """Put a visitor's text on a plain label: isolated, cut when long, whole in the tooltip."""
    cut = untrusted.shown(value, max_chars=max_chars)
    label.setText(cut)
    label.setToolTip(untrusted.tooltip(value) if cut != untrusted.shown(value) else "")
