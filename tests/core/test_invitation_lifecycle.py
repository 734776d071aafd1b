"""The invitation lifecycle: every (status, input) pair, the deadline, the auto-reply."""

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
    IllegalTransition,
    InvitationInput,
    InvitationState,
    InvitationStatus,
    send_invitation,
)
from shared_protocol.lifecycle.invitation import (
    Accept,
    Decline,
    Expire,
    Show,
    Withdraw,
    apply,
)

AGENT, VISITOR = 3, 7
SENT_AT, TIMEOUT = 1000.0, 20.0
AUTO_REPLY = "Sorry we missed you: leave a message and we will answer."


def state_in(status: str) -> InvitationState:
    return InvitationState(
        status=InvitationStatus(status),
        visitor=VISITOR,
        sent_by=Actor.agent(AGENT),
        sent_at=SENT_AT,
        timeout=TIMEOUT,
        auto_reply=AUTO_REPLY,
    )


INPUTS: dict[str, InvitationInput] = {
    "Show": Show(),
    "Accept": Accept(),
    "Decline": Decline(),
    "Expire": Expire(),
    "Withdraw": Withdraw(by=Actor.agent(AGENT)),
}
# Each input at a time its guard allows: Expire at the deadline, the others before it.
WHEN = {name: SENT_AT + (TIMEOUT if name == "Expire" else 5.0) for name in INPUTS}

STATUSES = ["sent", "shown", "accepted", "declined", "expired", "withdrawn"]

# (status, input) -> (status after, kinds logged). Every pair not listed is refused.
EXPECTED: dict[tuple[str, str], tuple[str, list[str]]] = {
    ("sent", "Show"): ("shown", ["shown"]),
    ("sent", "Accept"): ("accepted", ["accepted"]),
    ("sent", "Decline"): ("declined", ["declined"]),
    ("sent", "Expire"): ("expired", ["expired", "auto_replied"]),
    ("sent", "Withdraw"): ("withdrawn", ["withdrawn"]),
    ("shown", "Accept"): ("accepted", ["accepted"]),
    ("shown", "Decline"): ("declined", ["declined"]),
    ("shown", "Expire"): ("expired", ["expired", "auto_replied"]),
    ("shown", "Withdraw"): ("withdrawn", ["withdrawn"]),
}


def test_the_pairs_cover_every_status_and_input_type() -> None:
    assert set(STATUSES) == {s.value for s in InvitationStatus}
    assert {type(i) for i in INPUTS.values()} == set(get_args(InvitationInput))


@pytest.mark.parametrize(("status", "name"), list(product(STATUSES, INPUTS)))
def test_every_status_and_input_pair(status: str, name: str) -> None:
    before = state_in(status)
    now = WHEN[name]
    expected = EXPECTED.get((status, name))
    if expected is None:
        with pytest.raises(IllegalTransition) as refused:
            apply(before, INPUTS[name], now)
        assert refused.value.state is before and refused.value.event is INPUTS[name]
        assert before == state_in(status)
        return
    after, entries = apply(before, INPUTS[name], now)
    assert (after.status.value, [e.kind.value for e in entries]) == expected
    assert all(e.at == now for e in entries)
    assert before == state_in(status)
    if name == "Show":
        assert (after.shown_at, after.ended_at) == (now, None)
    else:
        assert after.ended_at == now


def test_an_invitation_expires_at_its_timeout_and_not_before() -> None:
    state, _ = send_invitation(VISITOR, Actor.agent(AGENT), SENT_AT, timeout=TIMEOUT)
    with pytest.raises(IllegalTransition, match="runs until"):
        apply(state, Expire(), SENT_AT + TIMEOUT - 0.001)
    after, _ = apply(state, Expire(), SENT_AT + TIMEOUT)
    assert after.status == "expired"


def test_the_default_timeout_is_20_seconds() -> None:
    state, entries = send_invitation(VISITOR, Actor.agent(AGENT), SENT_AT)
    assert (state.status, state.timeout, state.expires_at) == ("sent", 20.0, SENT_AT + 20.0)
    assert [(e.kind, e.actor) for e in entries] == [("sent", Actor.agent(AGENT))]


@pytest.mark.parametrize("timeout", [0.0, -1.0, float("nan")])
def test_a_timeout_must_be_positive(timeout: float) -> None:
    with pytest.raises(ValueError, match="positive"):
        send_invitation(VISITOR, SYSTEM, SENT_AT, timeout=timeout)


@pytest.mark.parametrize("name", ["Show", "Accept", "Decline", "Withdraw"])
def test_from_its_deadline_an_open_invitation_can_only_expire(name: str) -> None:
    # The timer may not have fired yet: a late answer is refused all the same.
    sent = state_in("sent")
    with pytest.raises(IllegalTransition, match="ended"):
        apply(sent, INPUTS[name], SENT_AT + TIMEOUT)


def test_accepting_after_expiry_is_refused() -> None:
    expired, _ = apply(state_in("shown"), Expire(), SENT_AT + TIMEOUT)
    with pytest.raises(IllegalTransition, match="not allowed while expired"):
        apply(expired, Accept(), SENT_AT + TIMEOUT + 1)


def test_expiry_leaves_the_sites_auto_reply_in_the_chat() -> None:
    state, _ = send_invitation(VISITOR, Actor.agent(AGENT), SENT_AT, auto_reply=AUTO_REPLY)
    _, entries = apply(state, Expire(), SENT_AT + 20)
    assert [(e.kind, e.actor, e.text) for e in entries] == [
        ("expired", SYSTEM, ""),
        ("auto_replied", SYSTEM, AUTO_REPLY),
    ]


def test_expiry_without_an_auto_reply_leaves_nothing_in_the_chat() -> None:
    state, _ = send_invitation(VISITOR, Actor.agent(AGENT), SENT_AT)
    _, entries = apply(state, Expire(), SENT_AT + 20)
    assert [e.kind for e in entries] == ["expired"]


def test_the_visitor_answers_and_the_withdrawer_is_recorded() -> None:
    shown = state_in("shown")
    _, accepted = apply(shown, Accept(), SENT_AT + 1)
    assert accepted[0].actor == Actor.visitor(VISITOR)
    supervisor = Actor.agent(9)
    _, withdrawn = apply(shown, Withdraw(by=supervisor), SENT_AT + 1)
    assert withdrawn[0].actor == supervisor


FINAL = {InvitationStatus(s) for s in ("accepted", "declined", "expired", "withdrawn")}
inputs = st.one_of(
    st.just(Show()),
    st.just(Accept()),
    st.just(Decline()),
    st.just(Expire()),
    st.builds(Withdraw, by=st.just(Actor.agent(AGENT))),
)


@settings(max_examples=100, deadline=None, database=None)
@given(steps=st.lists(st.tuples(inputs, st.floats(0, 8, allow_nan=False)), max_size=12))
def test_random_inputs_end_at_most_once_and_never_after_the_deadline(
    steps: list[tuple[InvitationInput, float]],
) -> None:
    state, _ = send_invitation(VISITOR, Actor.agent(AGENT), SENT_AT, auto_reply=AUTO_REPLY)
    now = SENT_AT
    for event, elapsed in steps:
        now += elapsed
        was = state
        try:
            state, _ = apply(state, event, now)
        except IllegalTransition as refused:
            assert refused.state is was and state is was
            continue
        assert was.status not in FINAL
        assert (state.status is InvitationStatus.EXPIRED) == (now >= state.expires_at)
        assert (state.status in FINAL) == (state.ended_at == now)
        assert msgspec.structs.replace(state, status=was.status, shown_at=None, ended_at=None) == (
            msgspec.structs.replace(was, shown_at=None)
        )
