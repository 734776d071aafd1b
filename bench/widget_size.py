"""What a visitor downloads for the widget, raw and gzip-compressed, against the budget.

Run: .venv/bin/python bench/widget_size.py
The budget (docs/performance.md): at most 15 KB gzip for what every visitor downloads before
the chat is opened (widget.js and widget.css). The other parts come on demand, from where
widget.js came from: widget-chat.* when the panel first opens, widget-invite.* with the first
invitation. "All of it" is everything a visitor can download, printed and not capped.
"""

from __future__ import annotations

import gzip
from pathlib import Path

WIDGET = Path(__file__).resolve().parent.parent / "widget_static"
BEFORE_OPEN = ("widget.js", "widget.css")  # every visitor, on every page
ON_OPEN = ("widget-chat.js", "widget-chat.css")  # when the chat panel first opens
WITH_INVITATION = ("widget-invite.js", "widget-invite.css")  # with the first invitation
FILES = BEFORE_OPEN + ON_OPEN + WITH_INVITATION  # everything the widget fetches
BUDGET_GZIP = 15 * 1024


def sizes() -> dict[str, tuple[int, int]]:
    """File name → (raw bytes, gzip bytes at level 9, as the relay serves it)."""
    result = {}
    for name in FILES:
        body = (WIDGET / name).read_bytes()
        result[name] = (len(body), len(gzip.compress(body, 9, mtime=0)))
    return result


def total(measured: dict[str, tuple[int, int]], names: tuple[str, ...]) -> tuple[int, int]:
    """(raw, gzip) of these files together."""
    return sum(measured[n][0] for n in names), sum(measured[n][1] for n in names)


def before_open_gzip() -> int:
    """What the budget caps: the gzip bytes every visitor downloads before opening the chat."""
    return total(sizes(), BEFORE_OPEN)[1]


def main() -> None:
    measured = sizes()
    for name, (raw, packed) in measured.items():
        print(f"{name:<22}{raw:>9,} B raw{packed:>9,} B gzip")
    figures = (
        ("before the chat opens", BEFORE_OPEN),
        ("  + an invitation", BEFORE_OPEN + WITH_INVITATION),
        ("  + the open chat", BEFORE_OPEN + ON_OPEN),
        ("all of it", FILES),
    )
    for label, names in figures:
        raw, packed = total(measured, names)
        print(f"{label:<22}{raw:>9,} B raw{packed:>9,} B gzip")
    before = total(measured, BEFORE_OPEN)[1]
    verdict = "within" if before <= BUDGET_GZIP else "OVER"
    print(
        f"budget {BUDGET_GZIP:,} B gzip before the chat opens: {verdict} "
        f"({before / BUDGET_GZIP:.0%} of it, {BUDGET_GZIP - before:,} B left)"
    )


if __name__ == "__main__":
    main()
