"""The conversation lifecycle: every (status, input) pair, the guards, and random sequences."""

from __future__ import annotations

from itertools import product
from typing import get_args

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared_protocol.lifecycle import (
    SYSTEM,
    Actor,
    ConversationInput,
    ConversationState,
    ConversationStatus,
    IllegalTransition,
    open_conversation,
)
from shared_protocol.lifecycle.conversation import (
    Accept,
    Assign,
    Close,
    Decline,
    Offer,
    OfferExpired,
    Queue,
    Rate,
    Reclaim,
    ToAgent,
    ToDepartment,
    Transfer,
    TransferAccepted,
    TransferDeclined,
    TransferExpired,
    apply,
)

NOW = 100.0
OWNER, OFFERED_AGENT, TARGET, OTHER, SUPERVISOR, VISITOR = 1, 2, 3, 4, 9, 7
SALES = 5  # a department


def state_in(status: str) -> ConversationState:
    """A typical conversation in each status; offer and transfer deadlines fall due at NOW."""
    return {
        "waiting": ConversationState(status=ConversationStatus.WAITING, opened_at=0.0),
        "queued": ConversationState(status=ConversationStatus.QUEUED, opened_at=0.0),
        "offered": ConversationState(
            status=ConversationStatus.OFFERED,
            opened_at=0.0,
            offered_to=OFFERED_AGENT,
            offer_deadline=NOW,
        ),
        "active": ConversationState(status=ConversationStatus.ACTIVE, opened_at=0.0, owner=OWNER),
        "transferring": ConversationState(
            status=ConversationStatus.TRANSFERRING,
            opened_at=0.0,
            owner=OWNER,
            transfer_to=ToAgent(TARGET),
            transfer_deadline=NOW,
        ),
        "closed": ConversationState(
            status=ConversationStatus.CLOSED, opened_at=0.0, owner=OWNER, closed_at=50.0
        ),
    }[status]


# One input of each type, sent by whoever the guards let send it to the states above.
INPUTS: dict[str, ConversationInput] = {
    "Queue": Queue(),
    "Offer": Offer(agent=OFFERED_AGENT, deadline=NOW + 30),
    "Decline": Decline(agent=OFFERED_AGENT),
    "OfferExpired": OfferExpired(),
    "Accept": Accept(agent=OFFERED_AGENT),
    "Assign": Assign(agent=OTHER, by=Actor.agent(SUPERVISOR)),
    "Transfer": Transfer(to=ToAgent(TARGET), by=Actor.agent(OWNER), deadline=NOW + 30),
    "TransferAccepted": TransferAccepted(agent=TARGET),
    "TransferDeclined": TransferDeclined(agent=TARGET),
    "TransferExpired": TransferExpired(),
    "Reclaim": Reclaim(agent=OWNER, why="logged_out"),
    "Close": Close(by=Actor.agent(OWNER)),
    "Rate": Rate(score=4, by=Actor.visitor(VISITOR)),
}

STATUSES = ["waiting", "queued", "offered", "active", "transferring", "closed"]

# (status, input) -> (status after, kinds logged). Every pair not listed is refused.
EXPECTED: dict[tuple[str, str], tuple[str, list[str]]] = {
    ("waiting", "Queue"): ("queued", ["queued"]),
    ("waiting", "Offer"): ("offered", ["offered"]),
    ("waiting", "Accept"): ("active", ["accepted"]),
    ("waiting", "Assign"): ("active", ["assigned"]),
    ("waiting", "Close"): ("closed", ["closed"]),
    ("queued", "Offer"): ("offered", ["offered"]),
    ("queued", "Accept"): ("active", ["accepted"]),
    ("queued", "Assign"): ("active", ["assigned"]),
    ("queued", "Close"): ("closed", ["closed"]),
    ("offered", "Decline"): ("queued", ["declined", "queued"]),
    ("offered", "OfferExpired"): ("queued", ["offer_expired", "queued"]),
    ("offered", "Accept"): ("active", ["accepted"]),
    ("offered", "Assign"): ("active", ["assigned"]),
    ("offered", "Close"): ("closed", ["closed"]),
    ("active", "Assign"): ("active", ["assigned"]),
    ("active", "Transfer"): ("transferring", ["transfer_requested"]),
    ("active", "Reclaim"): ("waiting", ["reclaimed"]),
    ("active", "Close"): ("closed", ["closed"]),
    ("active", "Rate"): ("active", ["rated"]),
    ("transferring", "Assign"): ("active", ["assigned"]),
    ("transferring", "TransferAccepted"): ("active", ["transferred"]),
    ("transferring", "TransferDeclined"): ("active", ["transfer_declined"]),
    ("transferring", "TransferExpired"): ("active", ["transfer_expired"]),
    ("transferring", "Reclaim"): ("waiting", ["reclaimed"]),
    ("transferring", "Close"): ("closed", ["closed"]),
    ("transferring", "Rate"): ("transferring", ["rated"]),
    ("closed", "Rate"): ("closed", ["rated"]),
}

# Who owns it afterwards, where a legal pair changes or keeps an owner.
EXPECTED_OWNER: dict[str, int | None] = {
    "Queue": None,
    "Offer": None,
    "Decline": None,
    "OfferExpired": None,
    "Accept": OFFERED_AGENT,
    "Assign": OTHER,
    "Transfer": OWNER,
    "TransferAccepted": TARGET,
    "TransferDeclined": OWNER,
    "TransferExpired": OWNER,
    "Reclaim": None,
}


def test_the_pairs_cover_every_status_and_input_type() -> None:
    assert set(STATUSES) == {s.value for s in ConversationStatus}
    assert {type(i) for i in INPUTS.values()} == set(get_args(ConversationInput))


@pytest.mark.parametrize(("status", "name"), list(product(STATUSES, INPUTS)))
def test_every_status_and_input_pair(status: str, name: str) -> None:
    before = state_in(status)
    expected = EXPECTED.get((status, name))
    if expected is None:
        with pytest.raises(IllegalTransition) as refused:
            apply(before, INPUTS[name], NOW)
        assert refused.value.state is before and refused.value.event is INPUTS[name]
        assert before == state_in(status)
        return
    after, entries = apply(before, INPUTS[name], NOW)
    assert (after.status.value, [e.kind.value for e in entries]) == expected
    assert all(e.at == NOW for e in entries)
    assert before == state_in(status)  # the input state is never changed
    if name in EXPECTED_OWNER:
        assert after.owner == EXPECTED_OWNER[name]
    if name == "Close":
        assert (after.closed_at, after.owner) == (NOW, before.owner)
    if name == "Rate":
        assert after == msgspec.structs.replace(before, rated=True)


def test_accept_refuses_a_conversation_another_agent_holds() -> None:
    held = state_in("active")
    with pytest.raises(IllegalTransition, match=f"held by agent {OWNER}"):
        apply(held, Accept(agent=OTHER), NOW)
    with pytest.raises(IllegalTransition):
        apply(state_in("transferring"), Accept(agent=TARGET), NOW)


def test_only_the_offered_agent_accepts_or_declines_an_offer() -> None:
    offered = state_in("offered")
    for wrong in (Accept(agent=OTHER), Decline(agent=OTHER)):
        with pytest.raises(IllegalTransition, match=f"offered to agent {OFFERED_AGENT}"):
            apply(offered, wrong, NOW - 1)


def test_an_offer_expires_at_its_deadline_and_not_before() -> None:
    offered = state_in("offered")
    with pytest.raises(IllegalTransition):
        apply(offered, OfferExpired(), NOW - 0.001)
    after, entries = apply(offered, OfferExpired(), NOW)
    assert (after.status, after.offered_to, after.offer_deadline) == ("queued", None, None)
    assert entries[0].agent == OFFERED_AGENT and entries[0].actor == SYSTEM


def test_an_offer_or_transfer_whose_deadline_has_passed_is_refused() -> None:
    with pytest.raises(IllegalTransition, match="deadline"):
        apply(state_in("queued"), Offer(agent=OTHER, deadline=NOW), NOW)
    late = Transfer(to=ToAgent(TARGET), by=Actor.agent(OWNER), deadline=NOW - 1)
    with pytest.raises(IllegalTransition, match="deadline"):
        apply(state_in("active"), late, NOW)


def test_a_declined_offer_goes_back_in_line_and_is_offered_to_the_next_agent() -> None:
    state, _ = apply(state_in("offered"), Decline(agent=OFFERED_AGENT), NOW - 5)
    state, entries = apply(state, Offer(agent=OTHER, deadline=NOW + 30), NOW)
    assert (state.status, state.offered_to, state.opened_at) == ("offered", OTHER, 0.0)
    assert entries[0].agent == OTHER


def test_a_transfer_expires_at_its_deadline_and_the_owner_keeps_the_conversation() -> None:
    transferring = state_in("transferring")
    with pytest.raises(IllegalTransition):
        apply(transferring, TransferExpired(), NOW - 0.001)
    after, entries = apply(transferring, TransferExpired(), NOW)
    assert (after.status, after.owner, after.transfer_to) == ("active", OWNER, None)
    assert entries[0].agent == TARGET


def test_only_the_target_agent_accepts_or_declines_a_transfer() -> None:
    transferring = state_in("transferring")
    for wrong in (TransferAccepted(agent=OTHER), TransferDeclined(agent=OTHER)):
        with pytest.raises(IllegalTransition, match=f"to agent {TARGET}"):
            apply(transferring, wrong, NOW - 1)
    after, entries = apply(transferring, TransferAccepted(agent=TARGET), NOW - 1)
    assert (after.owner, after.transfer_to) == (TARGET, None)
    assert (entries[0].agent, entries[0].from_agent) == (TARGET, OWNER)


def test_a_department_transfer_is_taken_by_any_agent_but_the_owner() -> None:
    to_sales = Transfer(to=ToDepartment(SALES), by=Actor.agent(OWNER), deadline=NOW, note="pricing")
    state, entries = apply(state_in("active"), to_sales, NOW - 10)
    assert (entries[0].department, entries[0].agent, entries[0].note) == (SALES, None, "pricing")
    with pytest.raises(IllegalTransition, match="already owns"):
        apply(state, TransferAccepted(agent=OWNER), NOW - 5)
    with pytest.raises(IllegalTransition, match="department"):
        apply(state, TransferDeclined(agent=OTHER), NOW - 5)
    after, entries = apply(state, TransferAccepted(agent=OTHER), NOW - 5)
    assert after.owner == OTHER
    assert (entries[0].agent, entries[0].department, entries[0].from_agent) == (OTHER, SALES, OWNER)


def test_assigning_or_transferring_to_the_owner_is_refused() -> None:
    active = state_in("active")
    with pytest.raises(IllegalTransition, match="already owns"):
        apply(active, Assign(agent=OWNER, by=Actor.agent(SUPERVISOR)), NOW)
    to_self = Transfer(to=ToAgent(OWNER), by=Actor.agent(OWNER), deadline=NOW + 30)
    with pytest.raises(IllegalTransition, match="already owns"):
        apply(active, to_self, NOW)


def test_a_supervisor_assignment_takes_it_from_the_owner_and_cancels_a_transfer() -> None:
    after, entries = apply(state_in("transferring"), INPUTS["Assign"], NOW - 1)
    assert (after.owner, after.transfer_to, after.transfer_deadline) == (OTHER, None, None)
    assert (entries[0].from_agent, entries[0].actor) == (OWNER, Actor.agent(SUPERVISOR))


def test_a_visitor_neither_assigns_nor_transfers() -> None:
    by_visitor = Actor.visitor(VISITOR)
    with pytest.raises(IllegalTransition, match="visitor"):
        apply(state_in("waiting"), Assign(agent=OTHER, by=by_visitor), NOW)
    with pytest.raises(IllegalTransition, match="visitor"):
        apply(
            state_in("active"), Transfer(to=ToAgent(TARGET), by=by_visitor, deadline=NOW + 1), NOW
        )


def test_a_conversation_is_rated_once_and_only_by_the_visitor() -> None:
    with pytest.raises(IllegalTransition, match="only the visitor"):
        apply(state_in("closed"), Rate(score=5, by=Actor.agent(OWNER)), NOW)
    rated, entries = apply(state_in("active"), Rate(score=5, by=Actor.visitor(VISITOR)), NOW)
    assert entries[0].score == 5
    closed, _ = apply(rated, Close(by=Actor.visitor(VISITOR)), NOW)
    with pytest.raises(IllegalTransition, match="already rated"):
        apply(closed, Rate(score=1, by=Actor.visitor(VISITOR)), NOW)


@pytest.mark.parametrize("score", [0, 6])
def test_a_rating_is_from_1_to_5(score: int) -> None:
    with pytest.raises(ValueError, match=r"1\.\.5"):
        Rate(score=score, by=Actor.visitor(VISITOR))
    raw = msgspec.json.encode({"score": score, "by": {"kind": "visitor", "id": VISITOR}})
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(raw, type=Rate)


def test_a_new_conversation_waits_and_logs_its_creation() -> None:
    state, entries = open_conversation(Actor.visitor(VISITOR), NOW)
    assert (state.status, state.opened_at, state.owner) == ("waiting", NOW, None)
    assert [(e.kind, e.at, e.actor) for e in entries] == [("created", NOW, Actor.visitor(VISITOR))]


# Random sequences: agents 1..4, deadlines and times over the same few minutes, so that
# offers, transfers and expiries meet each other often.
agents = st.integers(1, 4)
times = st.floats(0, 300, allow_nan=False)
actors = st.one_of(st.just(SYSTEM), agents.map(Actor.agent), st.integers(1, 2).map(Actor.visitor))
inputs = st.one_of(
    st.just(Queue()),
    st.builds(Offer, agent=agents, deadline=times),
    st.builds(Decline, agent=agents),
    st.just(OfferExpired()),
    st.builds(Accept, agent=agents),
    st.builds(Assign, agent=agents, by=actors),
    st.builds(
        Transfer,
        to=st.one_of(agents.map(ToAgent), st.integers(1, 2).map(ToDepartment)),
        by=actors,
        deadline=times,
    ),
    st.builds(TransferAccepted, agent=agents),
    st.builds(TransferDeclined, agent=agents),
    st.just(TransferExpired()),
    st.builds(Close, by=actors),
    st.builds(Rate, score=st.integers(1, 5), by=actors),
)


def assert_well_formed(state: ConversationState) -> None:
    s = ConversationStatus
    assert state.status in set(s)
    offered = state.status is s.OFFERED
    assert offered == (state.offered_to is not None) == (state.offer_deadline is not None)
    transferring = state.status is s.TRANSFERRING
    assert transferring == (state.transfer_to is not None) == (state.transfer_deadline is not None)
    owned = state.status in (s.ACTIVE, s.TRANSFERRING)
    if state.status is not s.CLOSED:
        assert owned == (state.owner is not None)
    assert (state.status is s.CLOSED) == (state.closed_at is not None)
    if state.rated:
        assert state.status in (s.ACTIVE, s.TRANSFERRING, s.CLOSED)


@settings(max_examples=150, deadline=None, database=None)
@given(steps=st.lists(st.tuples(inputs, st.floats(0, 20, allow_nan=False)), max_size=40))
def test_random_inputs_never_reach_an_undefined_state_and_closed_is_final(
    steps: list[tuple[ConversationInput, float]],
) -> None:
    state, _ = open_conversation(Actor.visitor(1), 0.0)
    now, ratings = 0.0, 0
    for event, elapsed in steps:
        now += elapsed
        was = state
        try:
            state, entries = apply(state, event, now)
        except IllegalTransition as refused:
            assert refused.state is was and state is was
            continue
        assert_well_formed(state)
        assert entries and all(e.at == now for e in entries)
        if was.status is ConversationStatus.CLOSED:
            # Closed is final: only the one rating is still taken, and it changes nothing else.
            assert isinstance(event, Rate)
            assert state == msgspec.structs.replace(was, rated=True)
        ratings += isinstance(event, Rate)
    assert ratings <= 1


def test_a_chat_is_reclaimed_from_the_agent_who_holds_it_only_and_the_log_says_whose() -> None:
    with pytest.raises(IllegalTransition, match=f"held by agent {OWNER}"):
        apply(state_in("active"), Reclaim(agent=OTHER), NOW)
    after, [entry] = apply(state_in("transferring"), Reclaim(agent=OWNER, why="disconnected"), NOW)
    assert (after.status, after.owner, after.transfer_to, after.transfer_deadline) == (
        "waiting",
        None,
        None,
        None,
    )  # a pending transfer is cancelled with it
    assert (entry.actor, entry.from_agent, entry.note) == (SYSTEM, OWNER, "disconnected")
