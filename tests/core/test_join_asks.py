"""Who may ask whom to join a chat, and where an ask stands by the event log
(relay/core/routing/join_asks.py): a table of refusals, and the log read with the time."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from relay.core.routing import join_asks as rules
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import AgentStatus

SALES, SERVICES = 1, 2
OWNER = rules.Asker(10, "agent", (SALES,), in_chat=True)


def colleague(**changes: object) -> rules.Colleague:
    fields: dict[str, object] = {
        "id": 20,
        "name": "Sun",
        "role": "agent",
        "departments": (SALES,),
        "status": AgentStatus.ONLINE,
        "in_chat": False,
    }
    fields.update(changes)
    return rules.Colleague(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("asker", "asked", "department", "already", "refusal"),
    [
        (OWNER, colleague(), SALES, False, None),
        (OWNER, colleague(status=AgentStatus.AWAY), SALES, False, None),
        (OWNER, colleague(role="admin", departments=()), SALES, False, None),
        (OWNER, colleague(departments=(SERVICES,)), None, False, None),  # no department: anyone
        (OWNER, colleague(departments=(SERVICES,)), SALES, False,
         (ErrorCode.FORBIDDEN, "Sun is not in this chat's department; transfer instead")),
        (OWNER, colleague(status=AgentStatus.OFFLINE), SALES, False,
         (ErrorCode.CONFLICT, "Sun is offline")),
        (OWNER, colleague(in_chat=True), SALES, False,
         (ErrorCode.CONFLICT, "Sun is in this chat already")),
        (OWNER, colleague(id=10, name="Me"), SALES, False,
         (ErrorCode.CONFLICT, "Me is in this chat already")),
        (OWNER, colleague(), SALES, True,
         (ErrorCode.CONFLICT, "Sun was asked already; wait for the answer")),
        (rules.Asker(11, "agent", (SALES,), in_chat=False), colleague(), SALES, False,
         (ErrorCode.FORBIDDEN, "only the agents in this chat ask a colleague to join it")),
        (rules.Asker(12, "supervisor", (SALES,), in_chat=False), colleague(), SALES, False, None),
        (rules.Asker(12, "supervisor", (SERVICES,), in_chat=False), colleague(), SALES, False,
         (ErrorCode.FORBIDDEN, "only the agents in this chat ask a colleague to join it")),
        (rules.Asker(13, "admin", (), in_chat=False), colleague(), SALES, False, None),
    ],
)  # fmt: skip
def test_who_may_ask_whom(
    asker: rules.Asker,
    asked: rules.Colleague,
    department: int | None,
    already: bool,
    refusal: tuple[ErrorCode, str] | None,
) -> None:
    if refusal is None:
        rules.check_ask(asker, asked, department, asked_already=already)
        return
    with pytest.raises(ProtocolError) as refused:
        rules.check_ask(asker, asked, department, asked_already=already)
    assert (refused.value.code, refused.value.detail) == refusal


@dataclass(frozen=True)
class Logged:
    id: int
    kind: str
    at: float
    agent: int | None


LOG = [
    Logged(1, "created", 100.0, None),
    Logged(2, rules.ASKED, 110.0, 20),
    Logged(3, rules.ASKED, 111.0, 30),
    Logged(4, rules.DECLINED, 112.0, 30),
    Logged(5, "accepted", 113.0, 10),
]


def test_the_newest_entry_of_a_colleague_says_where_their_ask_stands() -> None:
    waiting = rules.unanswered(LOG, 20, 30)
    assert waiting == rules.OpenAsk(entry=2, agent=20, at=110.0, expires_at=140.0)
    assert rules.unanswered(LOG, 30, 30) is None  # declined
    assert rules.unanswered(LOG, 40, 30) is None  # never asked
    assert rules.newest_id(LOG) == 4  # what a compare-and-set expects, any colleague's


def test_an_ask_is_open_until_its_time_is_up_even_with_no_entry_saying_so() -> None:
    assert rules.open_ask(LOG, 20, 30, now=139.9) is not None
    assert rules.open_ask(LOG, 20, 30, now=140.0) is None
    assert rules.unanswered(LOG, 20, 30) is not None  # the expiry still has it to end


def test_the_asks_still_waiting_in_a_chat_are_those_neither_answered_nor_past_their_time() -> None:
    assert rules.waiting_for(LOG, 30, now=120.0) == [20]  # 30 declined
    assert rules.waiting_for(LOG, 30, now=140.0) == []  # 20's time is up
    later = [*LOG, Logged(6, rules.ASKED, 125.0, 30), Logged(7, rules.EXPIRED, 126.0, 20)]
    assert rules.waiting_for(later, 30, now=127.0) == [30]  # asked again; 20 ended
