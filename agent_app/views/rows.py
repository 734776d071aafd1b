"""The width a delegate's row may use, the same when its height is asked and when it is
painted."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QListView, QStyleOptionViewItem


def available_width(option: QStyleOptionViewItem) -> int:
    """The width a row may use: the viewport less the list's spacing on both sides. Both
    sizeHint and paint use this (not the item's rect, unknown when sizeHint is asked),
    so a row is painted at exactly the width its height was computed for."""
    view = option.widget
    if isinstance(view, QAbstractItemView):
        spacing = view.spacing() if isinstance(view, QListView) else 0
        return max(1, view.viewport().width() - 2 * spacing)
    return max(1, option.rect.width())
