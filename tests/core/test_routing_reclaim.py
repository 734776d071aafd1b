"""Handing back chats whose agent is gone (relay/core/routing/reclaim.py), with a fake clock:
the grace per department, an agent who comes back in time, 0 meaning never; and the
setting's check, naming the field."""

from __future__ import annotations

import msgspec
import pytest

from relay.core.routing.model import WaitingChat
from relay.core.routing.plan import plan
from relay.core.routing.reclaim import HeldChat, reclaims
from relay.core.routing.settings import SettingsError, compile_settings
from shared_protocol import frames

ANN, BOB = 1, 2
T = 1_000.0


def test_a_chat_goes_back_once_its_agent_was_gone_for_the_grace() -> None:
    held = [HeldChat(10, ANN, 120), HeldChat(11, ANN, 60), HeldChat(12, BOB, 120)]
    first = reclaims(held, present={BOB}, gone_since={}, now=T)
    assert (first.due, dict(first.gone_since), first.next_wake) == ((), {ANN: T}, T + 60)
    later = reclaims(held, present={BOB}, gone_since=first.gone_since, now=T + 60)
    assert (later.due, later.next_wake) == ((11,), T + 120)  # the shorter grace first
    last = reclaims(held, present={BOB}, gone_since=later.gone_since, now=T + 120)
    assert last.due == (10, 11)  # (11 still held: its compare-and-set failed, say)


def test_an_agent_back_within_the_grace_keeps_their_chats_and_the_count_starts_again() -> None:
    held = [HeldChat(10, ANN, 120)]
    gone = reclaims(held, present=set(), gone_since={}, now=T).gone_since
    back = reclaims(held, present={ANN}, gone_since=gone, now=T + 100)
    assert (back.due, dict(back.gone_since), back.next_wake) == ((), {}, None)
    again = reclaims(held, present=set(), gone_since=back.gone_since, now=T + 110)
    assert (again.due, again.next_wake) == ((), T + 230)


def test_a_department_with_no_grace_never_takes_chats_back() -> None:
    held = [HeldChat(10, ANN, 0)]
    gone = reclaims(held, present=set(), gone_since={ANN: T - 10_000}, now=T)
    assert (gone.due, dict(gone.gone_since), gone.next_wake) == ((), {ANN: T - 10_000}, None)


def test_holders_who_hold_nothing_any_more_are_forgotten() -> None:
    assert dict(reclaims([], present=set(), gone_since={ANN: T}, now=T).gone_since) == {}


def test_a_chat_back_in_line_keeps_its_place_and_waits_from_its_return() -> None:
    routing = compile_settings(frames.RoutingSettings(max_wait_seconds=300))
    back = WaitingChat(conversation=1, entered_at=T, returned_at=T + 1_000)
    newer = WaitingChat(conversation=2, entered_at=T + 900)
    decided = plan(routing, [], [newer, back], T + 1_100)
    assert decided.positions == {1: 1, 2: 2}  # first come keeps its place
    assert decided.overflow == ()  # back 100 s ago: not past the maximum wait
    assert decided.next_wake == T + 1_200  # newer's maximum wait, before back's (T + 1_300)


@pytest.mark.parametrize("seconds", [1, 14])
def test_a_grace_of_a_few_seconds_is_refused_naming_the_field(seconds: int) -> None:
    with pytest.raises(SettingsError) as refused:
        compile_settings(frames.RoutingSettings(reclaim_after_seconds=seconds))
    assert refused.value.field == "reclaim_after_seconds"


@pytest.mark.parametrize("seconds", [0, 15, 120, 3600])
def test_never_and_graces_from_fifteen_seconds_are_accepted(seconds: int) -> None:
    settings = frames.RoutingSettings(reclaim_after_seconds=seconds)
    assert compile_settings(settings).settings.reclaim_after_seconds == seconds


def test_the_decoder_holds_the_grace_to_an_hour() -> None:
    assert frames.RoutingSettings().reclaim_after_seconds == 120
    with pytest.raises(msgspec.ValidationError, match="reclaim_after_seconds"):
        msgspec.convert({"reclaim_after_seconds": 3601}, frames.RoutingSettings)
