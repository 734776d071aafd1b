"""Visitor changes told to agents in batches: one `visitors` frame per interval.

A busy site changes visitors (pages, names) hundreds of times a second; agents need the
newest state of each, a few times a second, not every step.
"""

from __future__ import annotations

import msgspec

from relay.live.audiences import ToDepartment
from relay.live.broker import Broker
from relay.live.presence import Presence
from shared_protocol import frames


class VisitorChanges:
    def __init__(self, presence: Presence, broker: Broker) -> None:
        self._presence = presence
        self._broker = broker
        # Visitor changes not yet told: id → newest info, or None when gone.
        self._pending: dict[int, frames.VisitorInfo | None] = {}

    def update(self, visitor_id: int, **changes: object) -> None:
        """Change what agents are shown of an online visitor, and tell them at the flush."""
        info = self._presence.visitor_info(visitor_id)
        if info is not None:
            updated = msgspec.structs.replace(info, **changes)
            self._presence.update_visitor(updated)
            self.changed(updated)

    def changed(self, info: frames.VisitorInfo) -> None:
        """Tell agents at the next flush; a newer change of the same visitor replaces it."""
        self._pending[info.id] = info

    def gone(self, visitor_id: int) -> None:
        self._pending[visitor_id] = None

    def flush(self) -> int:
        """Send what changed as one `visitors` frame to every agent; returns the count.
        A visitor who left and came back (the next page) counts as changed, not gone."""
        if not self._pending:
            return 0
        changes, self._pending = self._pending, {}
        updated = [info for info in changes.values() if info is not None]
        left = [
            visitor_id
            for visitor_id, info in changes.items()
            if info is None and not self._presence.is_visitor_online(visitor_id)
        ]
        publish_visitor_changes(self._broker, updated, left)
        return len(updated) + len(left)


def publish_visitor_changes(
    broker: Broker, updated: list[frames.VisitorInfo], left: list[int]
) -> None:
    """One `visitors` frame per department the changed visitors belong to, to the agents
    who may see it; who left goes to every agent (an id tells nothing, and an agent who
    never saw that visitor ignores it)."""
    by_department: dict[int | None, list[frames.VisitorInfo]] = {}
    for info in updated:
        by_department.setdefault(info.department, []).append(info)
    if left and None not in by_department:
        by_department[None] = []
    for department, infos in by_department.items():
        gone = left if department is None else []
        broker.publish(ToDepartment(department), frames.VisitorsChanged(updated=infos, left=gone))
