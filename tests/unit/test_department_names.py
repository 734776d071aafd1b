"""Department names are the same name whatever their case (relay.core.department_names)."""

from __future__ import annotations

import pytest

from relay.core.department_names import taken_by

EXISTING = [(1, "Sales"), (2, "学生服务"), (3, "Straße")]


@pytest.mark.parametrize(
    ("name", "itself", "taken"),
    [
        ("sales", None, "Sales"),
        ("SALES", None, "Sales"),
        (" Sales ", None, "Sales"),
        ("STRASSE", None, "Straße"),  # case folding, not just lower()
        ("学生服务", None, "学生服务"),
        ("Sales", 1, None),  # a department may recase its own name
        ("sales", 2, "Sales"),  # but not take another's
        ("Sales team", None, None),
        ("{{sales}}", None, None),
    ],
)
def test_taken_by(name: str, itself: int | None, taken: str | None) -> None:
    assert taken_by(EXISTING, name, itself) == taken
