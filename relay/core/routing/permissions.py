"""Who may see and act on a department's conversations, by role (docs/routing.md, "Roles").

- admin: every department.
- supervisor: their departments; they also supervise them (whisper, barge in, transfer
  others' chats).
- agent: their departments; they supervise nothing.
A conversation of no department is everyone's, as before departments existed; supervisors
may supervise it too (they could take over any chat then: core/conversations.py).
"""

from __future__ import annotations

from collections.abc import Collection

from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames.routing import Role


def may_see(role: Role, agent_departments: Collection[int], department: int | None) -> bool:
    """Whether the conversations and visitors of `department` are shown to this agent
    (lists, typing previews, pop-ups)."""
    return role == "admin" or department is None or department in agent_departments


def check_may_act(role: Role, agent_departments: Collection[int], department: int | None) -> None:
    """Raises FORBIDDEN unless the agent may act on a conversation of `department` (a
    frame naming it). The detail names nothing of the other department: not its name,
    not who is in it."""
    if not may_see(role, agent_departments, department):
        raise ProtocolError(ErrorCode.FORBIDDEN, "this conversation belongs to another department")


def may_supervise(role: Role, agent_departments: Collection[int], department: int | None) -> bool:
    """Whether the agent may watch, whisper into, barge into or transfer others' chats of
    `department`."""
    if role == "admin":
        return True
    if role == "supervisor":
        return department is None or department in agent_departments
    return False
