"""The estimated wait (relay/core/routing/wait.py): the first taken chat sets the average
per place, later ones move it by α = 0.1, the estimate is that times the place, rounded to
10 s, unknown before the first sample and 0 for a visitor no longer waiting."""

from __future__ import annotations

import math

import pytest

from relay.core.routing.wait import WaitEstimate

NEW = WaitEstimate()


def test_unknown_before_the_first_chat_is_taken() -> None:
    assert NEW.estimate(1) is None
    assert NEW.estimate(7) is None


@pytest.mark.parametrize("estimate", [NEW, WaitEstimate().taken(60, 1)])
def test_no_wait_once_no_longer_waiting(estimate: WaitEstimate) -> None:
    assert estimate.estimate(0) == 0


def test_the_first_sample_sets_the_average_per_place() -> None:
    first = NEW.taken(waited_seconds=90, position_when_queued=3)
    assert first.seconds_per_place == 30
    assert first.estimate(1) == 30
    assert first.estimate(4) == 120


def test_later_samples_move_the_average_by_a_tenth() -> None:
    estimate = NEW.taken(30, 1).taken(130, 1)  # 30 + 0.1 × (130 − 30)
    assert estimate.seconds_per_place == pytest.approx(40)
    estimate = estimate.taken(0, 2)  # 40 + 0.1 × (0 − 40)
    assert estimate.seconds_per_place == pytest.approx(36)


def test_the_estimate_does_not_change_the_average_it_came_from() -> None:
    estimate = NEW.taken(30, 1)
    estimate.taken(300, 1)
    assert estimate.seconds_per_place == 30


@pytest.mark.parametrize(
    ("per_place", "position", "seconds"),
    [(14, 1, 10), (15, 1, 20), (4.9, 1, 0), (5, 1, 10), (12.5, 2, 30), (33, 3, 100)],
)
def test_the_estimate_is_rounded_to_the_nearest_10_seconds_halves_up(
    per_place: float, position: int, seconds: int
) -> None:
    assert WaitEstimate(per_place).estimate(position) == seconds


@pytest.mark.parametrize(
    ("waited", "position", "words"),
    [(-1, 1, "≥ 0"), (math.nan, 1, "≥ 0"), (math.inf, 1, "≥ 0"), (10, 0, "1 or more")],
)
def test_a_sample_that_cannot_be_is_refused(waited: float, position: int, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        NEW.taken(waited, position)
