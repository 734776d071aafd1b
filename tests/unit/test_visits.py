"""The pure visit rules: when a hello continues the page view the visitor is on, when a
visit goes on, and how often connected visitors are noted as present."""

from __future__ import annotations

import pytest

from relay.core.visits import (
    REJOIN_SECONDS,
    NewestPageView,
    continued_view,
    continues_visit,
    presence_interval,
)

PRICES = "https://school.example/prices"


def test_a_hello_from_the_page_the_visitor_is_still_on_continues_its_view() -> None:
    open_view = NewestPageView(id=7, url=PRICES, left_at=None)
    assert continued_view(open_view, PRICES, now=1000.0) == open_view
    # Open after a crash: still the page the visitor never left, however long ago.
    assert continued_view(open_view, PRICES, now=1_000_000.0) == open_view


def test_a_hello_moments_after_the_disconnect_closed_the_view_continues_it() -> None:
    closed = NewestPageView(id=7, url=PRICES, left_at=1000.0)
    assert continued_view(closed, PRICES, now=1000.0) == closed
    assert continued_view(closed, PRICES, now=1000.0 + REJOIN_SECONDS - 0.1) == closed
    assert continued_view(closed, PRICES, now=999.0) == closed  # the clock stepped back


@pytest.mark.parametrize(
    ("newest", "url", "now"),
    [
        (None, PRICES, 1000.0),  # the visit's first page
        (NewestPageView(7, PRICES, None), "https://school.example/contact", 1000.0),
        (NewestPageView(7, PRICES, 1000.0), "https://school.example/contact", 1001.0),
        (NewestPageView(7, PRICES, 1000.0), PRICES, 1000.0 + REJOIN_SECONDS),  # a reload later
        (NewestPageView(7, PRICES, 1000.0), PRICES + "?term=autumn", 1001.0),  # another URL
    ],
)
def test_another_page_or_the_same_page_long_after_is_a_new_view(
    newest: NewestPageView | None, url: str, now: float
) -> None:
    assert continued_view(newest, url, now) is None


def test_a_visit_goes_on_until_the_gap_passes_without_activity() -> None:
    assert continues_visit(last_activity=100.0, now=100.0, gap=1800.0)
    assert continues_visit(last_activity=100.0, now=1899.9, gap=1800.0)
    assert not continues_visit(last_activity=100.0, now=1900.0, gap=1800.0)


def test_presence_is_noted_at_least_four_times_per_gap_and_once_a_minute() -> None:
    assert presence_interval(30 * 60) == 60.0
    assert presence_interval(120.0) == 30.0
    assert presence_interval(0.0) > 0  # a zero gap must not make the relay spin
