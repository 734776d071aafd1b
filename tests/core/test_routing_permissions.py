"""Who may see, act on and supervise a department's conversations (relay/core/routing/
permissions.py): admins everything, others their departments, a conversation of no
department everyone's, and a refusal that tells nothing of the other department."""

from __future__ import annotations

import pytest

from relay.core.routing.permissions import check_may_act, may_see, may_supervise
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames.routing import Role

MINE = frozenset({1, 2})

# role, the agent's departments, the conversation's department, see/act, supervise
TABLE: list[tuple[Role, frozenset[int], int | None, bool, bool]] = [
    ("admin", frozenset(), 5, True, True),
    ("admin", MINE, 5, True, True),
    ("admin", frozenset(), None, True, True),
    ("supervisor", MINE, 1, True, True),
    ("supervisor", MINE, 5, False, False),
    ("supervisor", MINE, None, True, True),  # no department: as before departments
    ("supervisor", frozenset(), 1, False, False),
    ("agent", MINE, 2, True, False),
    ("agent", MINE, 5, False, False),
    ("agent", MINE, None, True, False),
    ("agent", frozenset(), None, True, False),
]


@pytest.mark.parametrize(("role", "departments", "department", "sees", "supervises"), TABLE)
def test_who_sees_acts_and_supervises(
    role: Role, departments: frozenset[int], department: int | None, sees: bool, supervises: bool
) -> None:
    assert may_see(role, departments, department) is sees
    assert may_supervise(role, departments, department) is supervises
    if sees:
        check_may_act(role, departments, department)
    else:
        with pytest.raises(ProtocolError) as refused:
            check_may_act(role, departments, department)
        assert refused.value.code is ErrorCode.FORBIDDEN
        assert not refused.value.fatal  # a refused frame, not a closed connection


def test_the_refusal_names_nothing_of_the_other_department() -> None:
    with pytest.raises(ProtocolError) as refused:
        check_may_act("agent", MINE, 5)
    assert refused.value.detail == "this conversation belongs to another department"
    assert "5" not in refused.value.detail
