"""relay.core.conversations: who may take, post into and withdraw from a conversation."""

from __future__ import annotations

import pytest

from relay.core.conversations import (
    Taker,
    check_closing,
    check_withdrawal,
    may_post,
    opens_offline,
    taking,
)
from relay.core.resends import is_resend
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import AuthorKind
from shared_protocol.lifecycle import conversation as lifecycle

WAITING = lifecycle.ConversationState(status=lifecycle.ConversationStatus.WAITING, opened_at=0)
HELD_BY_7 = lifecycle.ConversationState(
    status=lifecycle.ConversationStatus.ACTIVE, opened_at=0, owner=7
)
CLOSED = lifecycle.ConversationState(
    status=lifecycle.ConversationStatus.CLOSED, opened_at=0, owner=7, closed_at=1
)
AGENT = Taker(agent=3, role="agent")
ADMIN = Taker(agent=4, role="admin")


def test_a_conversation_nobody_holds_is_accepted_by_whoever_takes_it() -> None:
    assert taking(WAITING, AGENT, holder="", holder_online=False) == lifecycle.Accept(agent=3)


def test_taking_ones_own_conversation_changes_nothing() -> None:
    mine = Taker(agent=7, role="agent")
    assert taking(HELD_BY_7, mine, holder="Bob", holder_online=True) is None


def test_an_agent_cannot_take_a_chat_its_online_holder_is_answering() -> None:
    with pytest.raises(ProtocolError) as refused:
        taking(HELD_BY_7, AGENT, holder="Bob", holder_online=True)
    assert refused.value.code is ErrorCode.FORBIDDEN
    assert "Bob is answering" in refused.value.detail


@pytest.mark.parametrize(
    ("taker", "holder_online"), [(ADMIN, True), (AGENT, False), (ADMIN, False)]
)
def test_admins_and_anyone_when_the_holder_is_offline_take_it_over(
    taker: Taker, holder_online: bool
) -> None:
    move = taking(HELD_BY_7, taker, holder="Bob", holder_online=holder_online)
    assert isinstance(move, lifecycle.Assign) and move.agent == taker.agent
    state, entries = lifecycle.apply(HELD_BY_7, move, 5.0)
    assert state.owner == taker.agent
    assert [e.kind for e in entries] == [lifecycle.ConversationEventKind.ASSIGNED]


def test_nobody_takes_a_closed_conversation() -> None:
    with pytest.raises(ProtocolError) as refused:
        taking(CLOSED, ADMIN, holder="Bob", holder_online=False)
    assert refused.value.code is ErrorCode.CONVERSATION_CLOSED


def test_the_owner_and_those_who_joined_post_and_nobody_else() -> None:
    assert may_post(HELD_BY_7, 7, joined=())
    assert may_post(HELD_BY_7, 3, joined=(3,))
    assert not may_post(HELD_BY_7, 3, joined=(5,))


def test_only_ones_own_message_is_withdrawn_and_only_once() -> None:
    check_withdrawal(AuthorKind.AGENT, 3, withdrawn=False, agent=3)
    for author, author_id, withdrawn, code in [
        (AuthorKind.AGENT, 7, False, ErrorCode.FORBIDDEN),
        (AuthorKind.VISITOR, 3, False, ErrorCode.FORBIDDEN),
        (AuthorKind.AGENT, 3, True, ErrorCode.CONFLICT),
    ]:
        with pytest.raises(ProtocolError) as refused:
            check_withdrawal(author, author_id, withdrawn=withdrawn, agent=3)
        assert refused.value.code is code


def test_a_conversation_opened_with_no_agent_online_is_an_offline_message() -> None:
    assert opens_offline(agents_online=False)
    assert not opens_offline(agents_online=True)


def test_an_agent_closes_what_they_could_take_and_nothing_else() -> None:
    bob = Taker(agent=7, role="agent")
    check_closing(WAITING, AGENT, holder="", holder_online=False)  # nobody holds it
    check_closing(HELD_BY_7, bob, holder="Bob", holder_online=True)  # one's own
    check_closing(HELD_BY_7, ADMIN, holder="Bob", holder_online=True)
    check_closing(HELD_BY_7, AGENT, holder="Bob", holder_online=False)  # Bob went home
    with pytest.raises(ProtocolError) as refused:
        check_closing(HELD_BY_7, AGENT, holder="Bob", holder_online=True)
    assert refused.value.code is ErrorCode.FORBIDDEN and "Bob" in refused.value.detail


def test_a_note_is_never_the_resend_of_a_message_nor_the_reverse() -> None:
    def again(*, stored_internal: bool, internal: bool) -> bool:
        return is_resend(
            AuthorKind.AGENT,
            stored_in=1,
            sent_text="hi",
            sent_to=1,
            text="hi",
            stored_internal=stored_internal,
            internal=internal,
        )

    assert again(stored_internal=False, internal=False)
    assert again(stored_internal=True, internal=True)
    assert not again(stored_internal=True, internal=False)
    assert not again(stored_internal=False, internal=True)
