"""Which department a new visitor belongs to: their own pick, else the pages, else none."""

from __future__ import annotations

from collections.abc import Sequence

from relay.core.routing.settings import DepartmentRouting


def place(
    choice: int | None,
    page_url: str | None,
    departments: Sequence[tuple[int, DepartmentRouting]],
) -> int | None:
    """The department of a visitor: `choice` (the pre-chat form's pick) when it is one of
    the site's `departments`, since the visitor knows best what they came for; else the
    first department, in the given order, whose `pages` match `page_url`; else None: no
    department, every agent of the site sees them. A pick of a department that is not the
    site's (stale form, forged frame) is ignored rather than refused: the visitor still
    gets an answer."""
    if choice is not None and any(choice == number for number, _ in departments):
        return choice
    if page_url:
        for number, routing in departments:
            if routing.matches_page(page_url):
                return number
    return None
