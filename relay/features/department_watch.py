"""Agents hear when a department opens or closes, or is changed elsewhere (docs/protocol.md
§6.8, `departments`): each relay tells its own agents, and re-checks whether its visitors
of those departments can chat (relay.features.availability).

Each relay looks at its copies of the sites' departments (relay.features.departments, read
again once older than DEPARTMENTS_TTL_SECONDS: the CLI or another relay may have saved
them) every DEPARTMENTS_TTL_SECONDS, and at the moment the next department opens or closes
by its hours (OpeningHours.next_change), and sends `departments` with those that differ
from what its agents were last told. It looks only at sites the relay has a copy of: an
agent's login makes one, and an agent who logs in later is told the departments then. A
save through this relay is told at once by relay.features.team_admin; the next look may
send the same department again, which the app takes as it takes any `departments` frame
(it replaces what it shows).
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
        # site → its departments as the agents here were last told them
        self._told: dict[int, dict[int, frames.DepartmentInfo]] = {}
        self._next: Timer | None = None

    def start(self) -> None:
        """Look now, then every DEPARTMENTS_TTL_SECONDS (and at each opening or closing)."""
        seconds = departments.DEPARTMENTS_TTL_SECONDS
        self._ctx.timers.every(seconds, "departments-watch", self.look, first_in=0)

    async def look(self) -> None:
        """Tell the agents here of departments that changed since they were last told,
        and plan a look at the next opening or closing."""
        ctx, now = self._ctx, self._ctx.clock()
        changed: list[frames.DepartmentInfo] = []
        changes: list[float] = []
        for site_id in sorted(ctx.department_copies):
            key = await self._site_key(site_id)
            current: dict[int, frames.DepartmentInfo] = {}
            for department, routing in await departments.site_departments(ctx, site_id):
                current[department.id] = departments.department_info(department, routing, key, now)
                if routing.hours is not None and (at := routing.hours.next_change(now)):
                    changes.append(at)
            told = self._told.get(site_id)
            self._told[site_id] = current
            if told is not None:  # (a site first seen: the logins here said it as it is)
                changed += [info for info in current.values() if told.get(info.id) != info]
        if changed:
            log.info(
                "event=departments_changed departments=%s",
                ",".join(str(info.id) for info in changed),
            )
            notice = frames.DepartmentsChanged(departments=changed)
            ctx.broker.publish(ToAgents(), notice, here_only=True)  # each relay its own
            await availability.tell_department_visitors(ctx, tuple(i.id for i in changed))
        self._plan_next(min(changes, default=None))

    async def _site_key(self, site_id: int) -> str:
        key = self._ctx.site_keys.get(site_id)
        if key is None:
            site = next((s for s in await self._ctx.store.list_sites() if s.id == site_id), None)
            key = site.key if site is not None else ""
            self._ctx.site_keys[site_id] = key
        return key

    def _plan_next(self, when: float | None) -> None:
        if self._next is not None:
            self._next.cancel()
            self._next = None
        if when is not None:
            self._next = self._ctx.timers.at(when, "departments-hours", self.look)
