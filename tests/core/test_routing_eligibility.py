"""Who may be offered a chat now (relay/core/routing/eligibility.py): status, room counting
pending offers, skill, an escalation's level, declines forgotten once everyone declined, the
owner's turn, and tiers counted from when the chat entered the department."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import msgspec
import pytest

from relay.core.routing.eligibility import eligible, next_eligibility_change
from relay.core.routing.model import AgentState, WaitingChat
from shared_protocol import frames

T0 = 1_000_000.0  # the fake clock: the moment the chat entered the department
NO_OWNER_TURN = frames.RoutingSettings(owner_first_seconds=0)
OWNER_FIRST = frames.RoutingSettings(owner_first_seconds=30)
SENIORS_FIRST = frames.RoutingSettings(
    owner_first_seconds=30,
    tiers=[frames.Tier(level=2, after_seconds=0), frames.Tier(level=1, after_seconds=30)],
)

ANN = AgentState(id=1, available=True)
BOB = AgentState(id=2, available=True, level=2, skills=frozenset({"billing"}))
CAT = AgentState(id=3, available=True, level=3, skills=frozenset({"billing", "visa"}))
TEAM = (ANN, BOB, CAT)
CHAT = WaitingChat(conversation=10, entered_at=T0)


@pytest.mark.parametrize(
    ("agents", "chat", "pending", "expected"),
    [
        (TEAM, CHAT, {}, {1, 2, 3}),
        ((replace(ANN, available=False), BOB), CHAT, {}, {2}),  # Away, Offline, invisible
        ((replace(ANN, chats=5), BOB), CHAT, {}, {2}),  # full
        ((replace(ANN, chats=4), BOB), CHAT, {}, {1, 2}),  # one chat of room left
        ((replace(ANN, chats=4), BOB), CHAT, {1: 1}, {2}),  # an offer takes room
        ((replace(ANN, max_chats=0), BOB), CHAT, {}, {2}),  # takes no chats at all
        (TEAM, replace(CHAT, skill="billing"), {}, {2, 3}),
        (TEAM, replace(CHAT, skill="visa"), {}, {3}),
        (TEAM, replace(CHAT, skill="tax"), {}, set()),
        (TEAM, replace(CHAT, min_level=2), {}, {2, 3}),  # escalated above level 1
        (TEAM, replace(CHAT, min_level=3, skill="billing"), {}, {3}),
        (TEAM, replace(CHAT, declined_by=frozenset({1, 3})), {}, {2}),
        # Everyone declined: the declines are forgotten and it goes round again.
        (TEAM, replace(CHAT, declined_by=frozenset({1, 2, 3})), {}, {1, 2, 3}),
        # Only among those who could take it: Bob is full, so Ann's decline is forgotten.
        ((ANN, replace(BOB, chats=5)), replace(CHAT, declined_by=frozenset({1})), {}, {1}),
        # Bob has room but is answering another offer: he still counts, Ann is not asked.
        ((ANN, BOB), replace(CHAT, declined_by=frozenset({1})), {2: 1}, {2}),
        ((), CHAT, {}, set()),
    ],
)
def test_eligible_agents(
    agents: tuple[AgentState, ...],
    chat: WaitingChat,
    pending: Mapping[int, int],
    expected: set[int],
) -> None:
    assert eligible(chat, agents, NO_OWNER_TURN, T0 + 5, pending) == expected


OWNED = replace(CHAT, owner=1)


@pytest.mark.parametrize(
    ("agents", "chat", "settings", "now", "expected"),
    [
        (TEAM, OWNED, OWNER_FIRST, T0, {1}),
        (TEAM, OWNED, OWNER_FIRST, T0 + 29.9, {1}),
        (TEAM, OWNED, OWNER_FIRST, T0 + 30, {1, 2, 3}),  # the turn is over
        (TEAM, OWNED, NO_OWNER_TURN, T0, {1, 2, 3}),  # 0: no owner's turn
        # An owner who cannot take it does not hold it up.
        ((replace(ANN, available=False), BOB, CAT), OWNED, OWNER_FIRST, T0, {2, 3}),
        ((replace(ANN, chats=5), BOB, CAT), OWNED, OWNER_FIRST, T0, {2, 3}),
        ((BOB, CAT), OWNED, OWNER_FIRST, T0, {2, 3}),  # not in this department's list
        (TEAM, replace(OWNED, declined_by=frozenset({1})), OWNER_FIRST, T0, {2, 3}),
        (TEAM, replace(OWNED, skill="billing"), OWNER_FIRST, T0, {2, 3}),  # lacks the skill
        (TEAM, replace(OWNED, min_level=2), OWNER_FIRST, T0, {2, 3}),  # escalated away
        # The owner's turn comes before the tiers: a junior owner gets them first.
        (TEAM, OWNED, SENIORS_FIRST, T0, {1}),
        (TEAM, OWNED, SENIORS_FIRST, T0 + 30, {1, 2, 3}),
        # A transferred chat's turn counts from when it entered this department.
        (TEAM, replace(OWNED, entered_at=T0 + 100), OWNER_FIRST, T0 + 120, {1}),
    ],
)
def test_the_owners_turn(
    agents: tuple[AgentState, ...],
    chat: WaitingChat,
    settings: frames.RoutingSettings,
    now: float,
    expected: set[int],
) -> None:
    assert eligible(chat, agents, settings, now) == expected


THREE_TIERS = frames.RoutingSettings(
    owner_first_seconds=0,
    tiers=[
        frames.Tier(level=3, after_seconds=0),
        frames.Tier(level=2, after_seconds=20),
        frames.Tier(level=1, after_seconds=60),
    ],
)


@pytest.mark.parametrize(
    ("chat", "now", "expected"),
    [
        (CHAT, T0, {3}),
        (CHAT, T0 + 19.9, {3}),
        (CHAT, T0 + 20, {2, 3}),
        (CHAT, T0 + 59, {2, 3}),
        (CHAT, T0 + 60, {1, 2, 3}),
        (CHAT, T0 + 3600, {1, 2, 3}),
        # Entered later (a transfer): its tiers start again from then.
        (replace(CHAT, entered_at=T0 + 50), T0 + 60, {3}),
        # An escalation's level holds whatever tier is reached.
        (replace(CHAT, min_level=2), T0 + 60, {2, 3}),
        # The senior tier declined: nobody else is reached yet, so they are asked again.
        (replace(CHAT, declined_by=frozenset({3})), T0, {3}),
        (replace(CHAT, declined_by=frozenset({3})), T0 + 20, {2}),
    ],
)
def test_tiers_reached_so_far_apply_from_entering(
    chat: WaitingChat, now: float, expected: set[int]
) -> None:
    assert eligible(chat, TEAM, THREE_TIERS, now) == expected


def test_nobody_is_eligible_before_the_first_tier_of_unchecked_settings() -> None:
    # compile_settings refuses a first tier after 0; the rule still says what happens.
    late = frames.RoutingSettings(
        owner_first_seconds=0, tiers=[frames.Tier(level=1, after_seconds=10)]
    )
    assert eligible(CHAT, TEAM, late, T0 + 9) == frozenset()
    assert eligible(CHAT, TEAM, late, T0 + 10) == {1, 2, 3}


@pytest.mark.parametrize(
    ("chat", "settings", "now", "expected"),
    [
        (CHAT, NO_OWNER_TURN, T0, None),  # nothing changes by time alone
        (OWNED, NO_OWNER_TURN, T0, None),
        (CHAT, OWNER_FIRST, T0, None),  # no owner: no turn to end
        (OWNED, OWNER_FIRST, T0, T0 + 30),
        (OWNED, OWNER_FIRST, T0 + 30, None),  # the end of the turn is not ahead any more
        (CHAT, THREE_TIERS, T0, T0 + 20),
        (CHAT, THREE_TIERS, T0 + 20, T0 + 60),
        (CHAT, THREE_TIERS, T0 + 60, None),
        (OWNED, SENIORS_FIRST, T0, T0 + 30),  # the turn's end and a tier at once
        (
            replace(OWNED, entered_at=T0 + 5),
            msgspec.structs.replace(THREE_TIERS, owner_first_seconds=10),
            T0 + 5,
            T0 + 15,
        ),
    ],
)
def test_next_eligibility_change(
    chat: WaitingChat, settings: frames.RoutingSettings, now: float, expected: float | None
) -> None:
    assert next_eligibility_change(chat, settings, now) == expected


def test_half_an_offer_cannot_be_described() -> None:
    with pytest.raises(ValueError, match="together"):
        WaitingChat(conversation=1, entered_at=T0, offered_to=2)
    with pytest.raises(ValueError, match="together"):
        WaitingChat(conversation=1, entered_at=T0, offer_deadline=T0 + 30)
