"""Teams and routing, pure (docs/routing.md): a department's checked settings and opening
hours, who is eligible for a chat, the plan of offers and the queue, the estimated wait,
which department a visitor belongs to, and who may see or act on whose conversations. No
I/O: the relay gathers the inputs and the time, asks, and carries the answers out."""

from relay.core.routing.eligibility import eligible, next_eligibility_change
from relay.core.routing.hours import HoursError, OpeningHours, parse_opening_hours
from relay.core.routing.model import AgentState, WaitingChat
from relay.core.routing.permissions import check_may_act, may_see, may_supervise
from relay.core.routing.placement import place
from relay.core.routing.plan import Offer, Plan, after_missed_offer, plan
from relay.core.routing.settings import DepartmentRouting, SettingsError, compile_settings
from relay.core.routing.wait import WaitEstimate

__all__ = [
    "AgentState",
    "DepartmentRouting",
    "HoursError",
    "Offer",
    "OpeningHours",
    "Plan",
    "SettingsError",
    "WaitEstimate",
    "WaitingChat",
    "after_missed_offer",
    "check_may_act",
    "compile_settings",
    "eligible",
    "may_see",
    "may_supervise",
    "next_eligibility_change",
    "parse_opening_hours",
    "place",
    "plan",
]
