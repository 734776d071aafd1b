"""When two department names are the same name: whatever their case ("Sales", "sales",
"SALES"), since agents and visitors pick a department by what it reads, not by its bytes.
Pure: the relay and the CLI ask it before the store (whose unique index is exact)."""

from __future__ import annotations

from collections.abc import Iterable


def name_key(name: str) -> str:
    """What two names that read the same share: case folded (ß and ss alike), ends trimmed."""
    return name.strip().casefold()


def taken_by(
    existing: Iterable[tuple[int, str]], name: str, itself: int | None = None
) -> str | None:
    """The name among `existing` (id, name) that `name` would repeat, None when it is free;
    `itself` (a department being renamed) may keep its own name in another case."""
    key = name_key(name)
    for department, other in existing:
        if department != itself and name_key(other) == key:
            return other
    return None
