"""Which department a new visitor belongs to (relay/core/routing/placement.py): their own
pick when it is the site's, else the first department whose pages match, else none."""

from __future__ import annotations

import pytest

from relay.core.routing.placement import place
from relay.core.routing.settings import DepartmentRouting, compile_settings
from shared_protocol import frames


def pages(*patterns: str) -> DepartmentRouting:
    return compile_settings(frames.RoutingSettings(pages=list(patterns)))


SITE = [
    (7, pages("*/visa*")),
    (3, pages("*/prices*", "/checkout*")),
    (5, pages("*/prices/group*")),  # after 3: never reached for prices pages
    (9, pages()),
]
PRICES = "https://school.example/prices/group?term=1"


@pytest.mark.parametrize(
    ("choice", "url", "expected"),
    [
        (9, PRICES, 9),  # the visitor's pick wins over the pages
        (5, None, 5),
        (42, PRICES, 3),  # not the site's: ignored, the pages decide
        (None, PRICES, 3),  # the first match in the given order
        (None, "https://school.example/Visa/apply", 7),
        (None, "https://school.example/checkout", 3),
        (None, "https://school.example/about", None),  # no match: every agent sees them
        (None, None, None),
        (None, "", None),
        (None, "not a url at all", None),
    ],
)
def test_the_department_of_a_visitor(
    choice: int | None, url: str | None, expected: int | None
) -> None:
    assert place(choice, url, SITE) == expected


def test_a_site_without_departments_places_nobody() -> None:
    assert place(3, PRICES, []) is None
