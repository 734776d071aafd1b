"""What a visitor downloads for the widget, raw and gzip-compressed, against the budget.

Run: .venv/bin/python bench/widget_size.py
The budget (docs/performance.md): at most 15 KB gzip for all of the widget's JS and CSS.
"""

from __future__ import annotations

import gzip
from pathlib import Path

WIDGET = Path(__file__).resolve().parent.parent / "widget_static"
FILES = ("widget.js", "widget.css")  # everything the widget fetches
BUDGET_GZIP = 15 * 1024


def sizes() -> dict[str, tuple[int, int]]:
    """File name → (raw bytes, gzip bytes at level 9, as the relay serves it)."""
    result = {}
    for name in FILES:
        body = (WIDGET / name).read_bytes()
        result[name] = (len(body), len(gzip.compress(body, 9, mtime=0)))
    return result


def main() -> None:
    measured = sizes()
    for name, (raw, packed) in measured.items():
        print(f"{name:<12}{raw:>9,} B raw{packed:>9,} B gzip")
    raw_total = sum(raw for raw, _ in measured.values())
    gzip_total = sum(packed for _, packed in measured.values())
    verdict = "within" if gzip_total <= BUDGET_GZIP else "OVER"
    print(f"{'total':<12}{raw_total:>9,} B raw{gzip_total:>9,} B gzip")
    print(f"budget {BUDGET_GZIP:,} B gzip: {verdict} ({gzip_total / BUDGET_GZIP:.0%} of it)")


if __name__ == "__main__":
    main()
