"""The team as this agent knows it: the departments, the colleagues connected now (with
their role, departments and level, from presence), and who this agent is. Plain Python,
no Qt: the routing feature keeps it current and the views ask it questions."""

from __future__ import annotations

from dataclasses import dataclass, field

import msgspec

from shared_protocol import frames
from shared_protocol.frames import AgentStatus, ConversationStatus, RoutingMode

SUPERVISING_ROLES = ("supervisor", "admin")
UNTAKEN = (ConversationStatus.WAITING, ConversationStatus.QUEUED, ConversationStatus.OFFERED)


@dataclass
class Team:
    me: frames.AgentInfo | None = None
    departments: dict[int, frames.DepartmentInfo] = field(default_factory=dict)  # in order
    colleagues: dict[int, frames.AgentPresenceInfo] = field(default_factory=dict)
    # Names learnt from elsewhere (the team window's agents, participants seen before).
    known_names: dict[int, str] = field(default_factory=dict)

    # ------------------------------------------------------------ kept current

    def welcome(self, welcome: frames.LoginOk) -> None:
        self.me = welcome.agent
        self.departments = {d.id: d for d in welcome.departments}
        self.colleagues = {a.agent: a for a in welcome.agents}
        self.known_names[welcome.agent.id] = welcome.agent.display_name
        for agent in welcome.agents:
            self.known_names[agent.agent] = agent.display_name

    def presence(self, info: frames.AgentPresenceInfo) -> bool:
        """A colleague's presence, or this agent's own: an admin's change to them (role,
        departments, level) arrives so, and is held as theirs from now on. True when this
        agent's own record changed."""
        self.known_names[info.agent] = info.display_name
        mine = self.me is not None and info.agent == self.me.id
        if mine and self.me is not None:
            before = self.me
            self.me = msgspec.structs.replace(
                before,
                display_name=info.display_name,
                role=info.role,
                departments=list(info.departments),
                level=info.level,
            )
            mine = self.me != before
        if info.status is AgentStatus.OFFLINE:
            self.colleagues.pop(info.agent, None)
        else:
            self.colleagues[info.agent] = info
        return mine

    def set_departments(self, departments: list[frames.DepartmentInfo]) -> None:
        """`departments` or `team`: the ones named replace those held, the rest stay."""
        for department in departments:
            self.departments[department.id] = department

    # ------------------------------------------------------------ questions

    @property
    def my_id(self) -> int | None:
        return self.me.id if self.me is not None else None

    @property
    def role(self) -> str:
        return self.me.role if self.me is not None else "agent"

    @property
    def supervises(self) -> bool:
        """Supervisors and admins watch every chat of their departments and barge in."""
        return self.role in SUPERVISING_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def my_departments(self) -> list[frames.DepartmentInfo]:
        """The departments whose chats this agent sees: every one for an admin."""
        if self.is_admin or self.me is None:
            return list(self.departments.values())
        mine = set(self.me.departments)
        return [d for d in self.departments.values() if d.id in mine]

    def offers_chats(self, department: int | None) -> bool:
        """Whether routing offers this department's chats to one agent at a time."""
        info = self.departments.get(department) if department is not None else None
        return info is not None and info.settings.mode is not RoutingMode.BROADCAST

    def department_name(self, department: int | None) -> str:
        if department is None:
            return ""
        info = self.departments.get(department)
        return info.name if info is not None else f"#{department}"

    def name_of(self, agent: int | None) -> str:
        """An agent's display name, "" when not known (the caller words a fallback)."""
        if agent is None:
            return ""
        colleague = self.colleagues.get(agent)
        if colleague is not None:
            return colleague.display_name
        return self.known_names.get(agent, "")

    def role_of(self, agent: int) -> str:
        if self.me is not None and agent == self.me.id:
            return self.me.role
        colleague = self.colleagues.get(agent)
        return colleague.role if colleague is not None else "agent"

    def transfer_targets(self) -> list[frames.AgentPresenceInfo]:
        """Colleagues connected now, this agent left out: Online first, then by name."""
        me = self.my_id
        others = [c for c in self.colleagues.values() if c.agent != me]
        return sorted(
            others, key=lambda c: (c.status is not AgentStatus.ONLINE, c.display_name.casefold())
        )

    def higher_level_in(self, department: int | None) -> bool:
        """Whether someone above this agent's level works in the department (escalating
        then has somewhere to go). Known only of colleagues connected now."""
        if self.me is None:
            return False
        level = self.me.level
        return any(
            c.level > level and (department is None or department in c.departments)
            for c in self.colleagues.values()
            if c.agent != self.me.id
        )

    def whisperers(self) -> set[int]:
        """Agents whose notes read as a supervisor's whisper."""
        return {c.agent for c in self.colleagues.values() if c.role == "supervisor"} | (
            {self.me.id} if self.me is not None and self.me.role == "supervisor" else set()
        )


def participants_of(
    info: frames.ConversationInfo, role: frames.ParticipantRole | None = None
) -> list[int]:
    """Agents in the conversation now (not left), in the order they joined."""
    return [
        p.agent for p in info.participants if p.left_at is None and (role is None or p.role is role)
    ]
