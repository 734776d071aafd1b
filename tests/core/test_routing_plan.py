"""The plan for a department (relay/core/routing/plan.py): first come first served, expired
offers, one offer per agent and per chat, the three selections, assigned, broadcast and
hybrid, the queue, positions, overflow, the next wake, the auto-away count, and properties
that hold for any department."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relay.core.routing.eligibility import eligible
from relay.core.routing.model import AgentState, WaitingChat
from relay.core.routing.plan import Offer, Plan, after_missed_offer, plan
from relay.core.routing.settings import DepartmentRouting, compile_settings
from shared_protocol import frames
from shared_protocol.frames import RoutingMode, Selection

NOW = 1_000_000.0  # the fake clock


def routing(**changes: Any) -> DepartmentRouting:
    """A department's checked settings; without an owner's turn unless a test sets one."""
    return compile_settings(frames.RoutingSettings(**{"owner_first_seconds": 0, **changes}))


ASSIGNED = routing()
ANN = AgentState(id=1, available=True)
BOB = AgentState(id=2, available=True)
CAT = AgentState(id=3, available=True)


def chat(conversation: int, entered: float = -60, **fields: Any) -> WaitingChat:
    """A chat that entered `entered` seconds from NOW."""
    return WaitingChat(conversation=conversation, entered_at=NOW + entered, **fields)


def offered(conversation: int, agent: int, in_seconds: float, **fields: Any) -> WaitingChat:
    return chat(conversation, offered_to=agent, offer_deadline=NOW + in_seconds, **fields)


# Order and positions ----------------------------------------------------------------------


def test_positions_are_first_come_then_by_conversation() -> None:
    waiting = [chat(30, entered=-10), chat(20, entered=-50), chat(10, entered=-10)]
    result = plan(ASSIGNED, [], waiting, NOW)
    assert result.positions == {20: 1, 10: 2, 30: 3}
    assert result.queued == (20, 10, 30)  # nobody to take them: queued, in order


def test_a_transferred_chat_queues_by_when_it_entered_the_department() -> None:
    waiting = [chat(1, entered=-10), chat(2, entered=-300)]  # 1 just came in by transfer
    assert plan(ASSIGNED, [], waiting, NOW).positions == {2: 1, 1: 2}


def test_the_first_chat_gets_the_first_agent() -> None:
    result = plan(ASSIGNED, [ANN], [chat(2, entered=-5), chat(1, entered=-30)], NOW)
    assert result.offers == (Offer(conversation=1, agent=1, deadline=NOW + 30),)
    assert result.queued == ()  # Ann has room: chat 2 waits for her answer, not queued
    assert result.cursor == 1


def test_a_listed_twice_chat_is_a_mistake() -> None:
    with pytest.raises(ValueError, match="twice"):
        plan(ASSIGNED, [ANN], [chat(1), chat(1)], NOW)


# Offers: running, expired, one per agent ----------------------------------------------------


def test_a_running_offer_is_kept_and_its_agent_gets_no_other() -> None:
    result = plan(ASSIGNED, [ANN, BOB], [offered(1, agent=1, in_seconds=10), chat(2)], NOW)
    assert result.expired == ()
    assert result.offers == (Offer(2, 2, NOW + 30),)  # Bob, not Ann
    assert result.next_wake == NOW + 10


def test_an_agent_answering_an_offer_makes_the_next_chat_wait_not_queue() -> None:
    """Ann has room but is answering chat 1: chat 2 is not offered (one offer at a time)
    and not queued either (an eligible agent has room); the next plan offers it."""
    result = plan(ASSIGNED, [ANN], [offered(1, agent=1, in_seconds=10), chat(2)], NOW)
    assert result.offers == ()
    assert result.queued == ()
    assert result.cursor is None


def test_capacity_counts_pending_offers() -> None:
    ann = replace(ANN, max_chats=1)
    result = plan(ASSIGNED, [ann], [offered(1, agent=1, in_seconds=10), chat(2)], NOW)
    assert result.queued == (2,)  # Ann's one place is promised to chat 1


@pytest.mark.parametrize("deadline", [0.0, -1.0])  # at the deadline or after it
def test_an_expired_offer_goes_to_someone_else(deadline: float) -> None:
    result = plan(ASSIGNED, [ANN, BOB], [offered(1, agent=1, in_seconds=deadline)], NOW)
    assert result.expired == (1,)
    assert result.offers == (Offer(1, 2, NOW + 30),)


def test_an_expired_offer_comes_back_when_nobody_else_can_take_it() -> None:
    result = plan(ASSIGNED, [ANN], [offered(1, agent=1, in_seconds=0)], NOW)
    assert result.expired == (1,)
    assert result.offers == (Offer(1, 1, NOW + 30),)


def test_an_expired_offer_frees_its_agent_for_the_next_chat() -> None:
    waiting = [offered(1, agent=1, in_seconds=-1, declined_by=frozenset({2})), chat(2)]
    result = plan(ASSIGNED, [ANN, BOB], waiting, NOW)
    # Chat 1: Ann missed it, Bob declined it: round again, to Ann by least_active's id.
    assert result.offers == (Offer(1, 1, NOW + 30), Offer(2, 2, NOW + 30))


def test_a_declined_agent_is_passed_over() -> None:
    result = plan(ASSIGNED, [ANN, BOB], [chat(1, declined_by=frozenset({1}))], NOW)
    assert result.offers == (Offer(1, 2, NOW + 30),)


def test_nobody_eligible_queues() -> None:
    away = replace(ANN, available=False)
    full = replace(BOB, chats=5)
    result = plan(ASSIGNED, [away, full], [chat(1), chat(2)], NOW)
    assert result.offers == ()
    assert result.queued == (1, 2)
    assert result.audiences == {}  # assigned: nobody is shown chats to take


# Selection ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("selection", "agents", "expected"),
    [
        # least_active: fewest chats, then longest since the last accept (never first), id.
        (Selection.LEAST_ACTIVE, [replace(ANN, chats=2), replace(BOB, chats=1)], 2),
        (
            Selection.LEAST_ACTIVE,
            [
                replace(ANN, chats=1, last_accept_at=50.0),
                replace(BOB, chats=1, last_accept_at=40.0),
            ],
            2,
        ),
        (Selection.LEAST_ACTIVE, [replace(BOB, last_accept_at=1.0), ANN], 1),  # never: first
        (Selection.LEAST_ACTIVE, [BOB, ANN], 1),
        # longest_idle: longest since the last accept, whatever the load; then id.
        (
            Selection.LONGEST_IDLE,
            [
                replace(ANN, chats=0, last_accept_at=50.0),
                replace(BOB, chats=4, last_accept_at=40.0),
            ],
            2,
        ),
        (Selection.LONGEST_IDLE, [BOB, ANN], 1),
    ],
)
def test_selection_picks_the_best_agent(
    selection: Selection, agents: list[AgentState], expected: int
) -> None:
    result = plan(routing(selection=selection), agents, [chat(1)], NOW)
    assert [offer.agent for offer in result.offers] == [expected]


ROUND_ROBIN = routing(selection=Selection.ROUND_ROBIN)


@pytest.mark.parametrize(
    ("cursor", "expected"),
    [(None, [1, 2]), (1, [2, 3]), (2, [3, 1]), (3, [1, 2]), (99, [1, 2]), (0, [1, 2])],
)
def test_round_robin_goes_on_after_the_last_agent_offered(
    cursor: int | None, expected: list[int]
) -> None:
    result = plan(ROUND_ROBIN, [CAT, ANN, BOB], [chat(1), chat(2, entered=-1)], NOW, cursor=cursor)
    assert [offer.agent for offer in result.offers] == expected
    assert result.cursor == expected[-1]


def test_round_robin_skips_agents_who_cannot_take_it() -> None:
    agents = [ANN, replace(BOB, available=False), CAT]
    result = plan(ROUND_ROBIN, agents, [chat(1)], NOW, cursor=1)
    assert result.offers == (Offer(1, 3, NOW + 30),)


def test_the_cursor_stays_when_nothing_is_offered() -> None:
    assert plan(ROUND_ROBIN, [], [chat(1)], NOW, cursor=7).cursor == 7


# Broadcast and hybrid --------------------------------------------------------------------


def test_broadcast_offers_nothing_and_shows_each_chat_to_its_eligible_agents() -> None:
    broadcast = routing(mode=RoutingMode.BROADCAST)
    agents = [ANN, replace(BOB, skills=frozenset({"visa"})), replace(CAT, chats=5)]
    result = plan(broadcast, agents, [chat(1), chat(2, skill="visa"), chat(3, skill="tax")], NOW)
    assert result.offers == ()
    assert result.audiences == {1: {1, 2}, 2: {2}, 3: frozenset()}
    assert result.queued == (3,)  # nobody eligible has room for it


def test_hybrid_offers_to_one_and_shows_to_all() -> None:
    hybrid = routing(mode=RoutingMode.HYBRID)
    ann = replace(ANN, max_chats=1)
    result = plan(hybrid, [ann, BOB], [chat(1), chat(2, entered=-1)], NOW)
    assert result.offers == (Offer(1, 1, NOW + 30), Offer(2, 2, NOW + 30))
    # Ann's one place is promised to chat 1: she still sees it, not chat 2.
    assert result.audiences == {1: {1, 2}, 2: {2}}
    assert result.queued == ()


def test_hybrid_keeps_a_running_offer_and_shows_the_chat_to_everyone() -> None:
    hybrid = routing(mode=RoutingMode.HYBRID)
    result = plan(hybrid, [ANN, BOB], [offered(1, agent=1, in_seconds=5)], NOW)
    assert result.offers == ()
    assert result.audiences == {1: {1, 2}}


# Tiers and the owner in the plan ---------------------------------------------------------

SENIORS_FIRST = routing(
    owner_first_seconds=20,
    tiers=[frames.Tier(level=2, after_seconds=0), frames.Tier(level=1, after_seconds=30)],
)


def test_a_chat_only_juniors_could_take_queues_until_its_tier_and_wakes_the_plan() -> None:
    result = plan(SENIORS_FIRST, [ANN], [chat(1, entered=-10)], NOW)
    assert result.queued == (1,)
    assert result.next_wake == NOW + 20  # entered at -10: anyone from +20
    later = plan(SENIORS_FIRST, [ANN], [chat(1, entered=-10)], NOW + 20)
    assert later.offers == (Offer(1, 1, NOW + 50),)


def test_the_owner_is_offered_their_visitor_first() -> None:
    senior = replace(BOB, level=2)
    result = plan(SENIORS_FIRST, [ANN, senior], [chat(1, entered=-5, owner=1)], NOW)
    assert result.offers == (Offer(1, 1, NOW + 30),)


def test_an_owner_busy_with_another_offer_holds_their_visitor_until_their_turn_ends() -> None:
    waiting = [offered(1, agent=1, in_seconds=25), chat(2, entered=-5, owner=1)]
    result = plan(SENIORS_FIRST, [ANN, replace(BOB, level=2)], waiting, NOW)
    assert result.offers == ()
    assert result.queued == ()
    assert result.next_wake == NOW + 15  # the owner's turn ends before Ann's offer does


# Overflow and the next wake ---------------------------------------------------------------


def test_overflow_past_the_queue_limit_or_the_maximum_wait() -> None:
    short = routing(queue_limit=2, max_wait_seconds=60)
    waiting = [chat(1, entered=-60), chat(2, entered=-59.9), chat(3, entered=-10)]
    result = plan(short, [], waiting, NOW)
    assert result.positions == {1: 1, 2: 2, 3: 3}
    assert result.overflow == (1, 3)  # 1 waited 60 s; 3 is third of two places
    assert result.next_wake == NOW + 0.1  # chat 2's maximum wait


def test_an_overflowed_chat_may_still_be_offered() -> None:
    none_may_wait = routing(queue_limit=0)
    result = plan(none_may_wait, [ANN], [chat(1)], NOW)
    assert result.overflow == (1,)
    assert result.offers == (Offer(1, 1, NOW + 30),)


def test_next_wake_is_the_earliest_deadline_tier_or_maximum_wait() -> None:
    tiers = routing(
        max_wait_seconds=300,
        tiers=[frames.Tier(level=2, after_seconds=0), frames.Tier(level=1, after_seconds=100)],
    )
    cases = [
        ([], None),
        ([chat(1, entered=-250)], NOW + 50),  # every tier reached: the maximum wait
        ([chat(1, entered=-50)], NOW + 50),  # the next tier
        ([chat(1, entered=-100)], NOW + 200),  # the tier at 100 s is reached now
        ([chat(1, entered=-100), offered(2, agent=1, in_seconds=7)], NOW + 7),
        ([chat(1, entered=-400)], None),  # overflowed already, every tier reached
    ]
    for waiting, wake in cases:
        assert plan(tiers, [], waiting, NOW).next_wake == wake, waiting


def test_in_assigned_mode_an_offered_chat_wakes_at_its_deadline_not_its_tier() -> None:
    tiers = routing(
        tiers=[frames.Tier(level=2, after_seconds=0), frames.Tier(level=1, after_seconds=40)]
    )
    senior = replace(BOB, level=2)
    result = plan(tiers, [senior], [chat(1, entered=-30)], NOW)
    assert result.offers == (Offer(1, 2, NOW + 30),)
    assert result.next_wake == NOW + 30  # not the tier at +10: the chat is offered
    hybrid = msgspec.structs.replace(tiers.settings, mode=RoutingMode.HYBRID)
    result = plan(compile_settings(hybrid), [senior], [chat(1, entered=-30)], NOW)
    assert result.next_wake == NOW + 10  # hybrid: who sees it changes at the tier


# Auto-away ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("missed", "away_after", "expected"),
    [
        (0, 2, (1, False)),
        (1, 2, (0, True)),  # the second miss in a row: Away, and the count starts again
        (0, 1, (0, True)),
        (5, 0, (6, False)),  # 0: never
        (3, 2, (0, True)),  # a count above the setting (it was lowered): Away
    ],
)
def test_missed_offers_in_a_row_set_an_agent_away(
    missed: int, away_after: int, expected: tuple[int, bool]
) -> None:
    assert after_missed_offer(missed, away_after) == expected


# Properties -----------------------------------------------------------------------------

SKILLS = ("", "billing", "visa")


@st.composite
def departments(draw: st.DrawFn) -> tuple[DepartmentRouting, list[AgentState], list[WaitingChat]]:
    mode = draw(st.sampled_from(RoutingMode))
    selection = draw(st.sampled_from(Selection))
    levels = draw(st.lists(st.integers(1, 3), unique=True, min_size=0, max_size=3))
    after = sorted(
        draw(st.lists(st.integers(1, 120), unique=True, min_size=len(levels), max_size=len(levels)))
    )
    tiers = [
        frames.Tier(level=level, after_seconds=0 if i == 0 else after[i])
        for i, level in enumerate(sorted(levels, reverse=True))
    ]
    department = routing(
        mode=mode,
        selection=selection,
        tiers=tiers,
        owner_first_seconds=draw(st.sampled_from([0, 30])),
        queue_limit=draw(st.integers(0, 5)),
    )
    ids = draw(st.lists(st.integers(1, 12), unique=True, max_size=8))
    agents = [
        AgentState(
            id=agent,
            available=draw(st.sampled_from([True, True, True, False])),
            level=draw(st.integers(1, 3)),
            skills=frozenset(draw(st.lists(st.sampled_from(SKILLS[1:]), max_size=2))),
            max_chats=draw(st.integers(0, 4)),
            chats=draw(st.integers(0, 2)),
            last_accept_at=draw(st.sampled_from([0.0, NOW - 100, NOW - 50])),
        )
        for agent in ids
    ]
    someone = st.sampled_from(ids) if ids else st.just(99)
    busy: set[int] = set()
    chats = []
    for conversation in draw(st.lists(st.integers(1, 40), unique=True, max_size=10)):
        offered_to = draw(st.none() | someone)
        if offered_to in busy:  # the lifecycle and earlier plans never give two at once
            offered_to = None
        if offered_to is not None:
            busy.add(offered_to)
        chats.append(
            WaitingChat(
                conversation=conversation,
                entered_at=NOW - draw(st.integers(0, 400)),
                offered_to=offered_to,
                offer_deadline=None if offered_to is None else NOW + draw(st.integers(-30, 30)),
                declined_by=frozenset(draw(st.lists(someone, max_size=3))),
                owner=draw(st.none() | someone),
                min_level=draw(st.sampled_from([1, 1, 1, 2, 3])),
                skill=draw(st.sampled_from(SKILLS[:1] * 3 + SKILLS[1:])),
            )
        )
    return department, agents, chats


def pending_after(result: Plan, chats: list[WaitingChat]) -> Counter[int]:
    expired = set(result.expired)
    kept = [
        c.offered_to for c in chats if c.offered_to is not None and c.conversation not in expired
    ]
    return Counter(kept + [offer.agent for offer in result.offers])


@settings(max_examples=400, deadline=None)
@given(departments(), st.sampled_from([None, 1, 5, 12]))
def test_any_plan_keeps_the_rules(
    department: tuple[DepartmentRouting, list[AgentState], list[WaitingChat]], cursor: int | None
) -> None:
    routing_, agents, chats = department
    result = plan(routing_, agents, chats, NOW, cursor=cursor)
    by_id = {agent.id: agent for agent in agents}
    by_chat = {c.conversation: c for c in chats}
    pending = pending_after(result, chats)

    # Positions are 1..n in first-come order.
    order = sorted(chats, key=lambda c: (c.entered_at, c.conversation))
    assert result.positions == {c.conversation: i for i, c in enumerate(order, start=1)}
    # Exactly the offers whose deadline came expired.
    assert set(result.expired) == {
        c.conversation for c in chats if c.offer_deadline is not None and c.offer_deadline <= NOW
    }
    if routing_.settings.mode is RoutingMode.BROADCAST:
        assert result.offers == ()
    # A chat is never offered twice, nor while its offer runs; an agent never has two.
    offered_chats = [offer.conversation for offer in result.offers]
    assert len(offered_chats) == len(set(offered_chats))
    assert all(pending[agent] <= 1 for agent in pending)
    for offer in result.offers:
        waiting = by_chat[offer.conversation]
        assert waiting.offered_to is None or offer.conversation in result.expired
        assert offer.deadline == NOW + routing_.settings.offer_seconds
        agent = by_id[offer.agent]
        # Never beyond capacity, offers counted; only to someone who may take it.
        assert agent.available and agent.chats + pending[agent.id] <= agent.max_chats
        assert agent.level >= waiting.min_level
        assert not waiting.skill or waiting.skill in agent.skills
        # Never to an agent who declined (or just missed it), unless everyone who could
        # take it now did too.
        declined = set(waiting.declined_by)
        if waiting.offered_to is not None:
            declined.add(waiting.offered_to)
        if offer.agent in declined:
            undeclined = replace(waiting, declined_by=frozenset())
            others = {a: n for a, n in pending.items() if a != offer.agent}
            could = eligible(undeclined, agents, routing_.settings, NOW, others)
            assert could <= declined
    # Queued chats have no offer, and nobody eligible has room for them.
    offered_now = set(offered_chats) | {
        c.conversation
        for c in chats
        if c.offered_to is not None and c.conversation not in result.expired
    }
    for conversation in result.queued:
        assert conversation not in offered_now
    # Audiences: every chat where chats are shown, none in assigned mode.
    if routing_.settings.mode is RoutingMode.ASSIGNED:
        assert result.audiences == {}
    else:
        assert set(result.audiences) == set(by_chat)
        for conversation, audience in result.audiences.items():
            assert all(by_id[a].available for a in audience)
            assert (conversation in result.queued) == (
                not audience and conversation not in offered_now
            )
    # Overflow, and a wake strictly ahead.
    limit, longest = routing_.settings.queue_limit, routing_.settings.max_wait_seconds
    assert set(result.overflow) == {
        c.conversation
        for c in chats
        if result.positions[c.conversation] > limit or NOW - c.entered_at >= longest
    }
    assert result.next_wake is None or result.next_wake > NOW
    if result.offers:
        assert result.cursor == result.offers[-1].agent
    else:
        assert result.cursor == cursor
