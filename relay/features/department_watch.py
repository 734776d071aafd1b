"""Agents hear when a department opens or closes, or is changed elsewhere (docs/protocol.md
§6.8, `departments`): each relay tells its own agents, and re-checks whether its visitors
of those departments can chat (relay.features.availability).

Each relay looks at its copy of the departments (relay.features.departments, read again
once older than DEPARTMENTS_TTL_SECONDS: the CLI or another relay may have saved them)
every DEPARTMENTS_TTL_SECONDS, and at the moment the next department opens or closes by
its hours (OpeningHours.next_change), and sends `departments` with those that differ from
what its agents were last told. A save through this relay is told at once by
relay.features.team_admin; the next look may send the same department again, which the
app takes as it takes any `departments` frame (it replaces what it shows).
"""

from __future__ import annotations

import logging

from relay.context import RelayContext
from relay.features import availability, departments
from relay.live.audiences import ToAgents
from relay.timers import Timer
from shared_protocol import frames

log = logging.getLogger("parley.routing")


class DepartmentWatch:
    def __init__(self, ctx: RelayContext) -> None:
        self._ctx = ctx
        self._told: dict[int, frames.DepartmentInfo] | None = None  # None: not looked yet
        self._next: Timer | None = None

    def start(self) -> None:
        """Look now, then every DEPARTMENTS_TTL_SECONDS (and at each opening or closing)."""
        seconds = departments.DEPARTMENTS_TTL_SECONDS
        self._ctx.timers.every(seconds, "departments-watch", self.look, first_in=0)

    async def look(self) -> None:
        """Tell the agents here of departments that changed since they were last told,
        and plan a look at the next opening or closing."""
        ctx, now = self._ctx, self._ctx.clock()
        current: dict[int, frames.DepartmentInfo] = {}
        changes: list[float] = []
        for site in await ctx.store.list_sites():
            for department, routing in await departments.site_departments(ctx, site.id):
                info = departments.department_info(department, routing, site.key, now)
                current[department.id] = info
                if routing.hours is not None and (at := routing.hours.next_change(now)):
                    changes.append(at)
        told, self._told = self._told, current
        if told is not None:  # (at the first look, agents here have what their login said)
            changed = [info for info in current.values() if told.get(info.id) != info]
            if changed:
                log.info(
                    "event=departments_changed departments=%s",
                    ",".join(str(info.id) for info in changed),
                )
                notice = frames.DepartmentsChanged(departments=changed)
                ctx.broker.publish(ToAgents(), notice, here_only=True)  # each relay its own
                await availability.tell_department_visitors(ctx, tuple(i.id for i in changed))
        self._plan_next(min(changes, default=None))

    def _plan_next(self, when: float | None) -> None:
        if self._next is not None:
            self._next.cancel()
            self._next = None
        if when is not None:
            self._next = self._ctx.timers.at(when, "departments-hours", self.look)
