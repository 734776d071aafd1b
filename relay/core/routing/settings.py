"""A department's routing settings (frames.RoutingSettings) checked whole and made into what
the plan decides with (DepartmentRouting).

The decoder already holds every number to its bounds; `compile_settings` checks what a
bound cannot, and refuses with SettingsError naming the field the way the app's dialog
shows it (`tiers[1].after_seconds: …`). Settings it accepts never fail later in the plan.

`reclaim_after_seconds` is 0 (never) or at least MIN_RECLAIM_SECONDS.

Tiers (docs/routing.md: "the lowest level reached so far applies"):
- `after_seconds` rises strictly: two tiers reached at the same moment would be one;
- the first tier starts at 0: before any tier is reached nobody would be eligible and
  chats would wait for no reason (an admin who wants seniors first writes level 2 at 0);
- `level` falls strictly: a tier whose level is not lower than the one before it would
  change nothing, since the lower level reached earlier already applies. Refusing it tells
  the admin their "juniors first, then seniors" does not do what they think.
"""

from __future__ import annotations

from dataclasses import dataclass

from relay.core.invitations.conditions import PageUrlMatches, url_matches
from relay.core.routing.hours import HoursError, OpeningHours, parse_opening_hours
from shared_protocol import frames


class SettingsError(ValueError):
    """Settings that cannot be used: `field` names the setting (`tiers[1].level`),
    `message` says why, for a person; str() is both."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class DepartmentRouting:
    settings: frames.RoutingSettings
    hours: OpeningHours | None  # None: always open

    def matches_page(self, url: str) -> bool:
        """Whether a visitor on `url` belongs here by the department's `pages`."""
        return any(url_matches(pattern, url) for pattern in self.settings.pages)

    def open_at(self, ts: float) -> bool:
        return self.hours is None or self.hours.open_at(ts)


# The shortest grace before a chat whose agent lost every connection goes back to routing:
# an app reconnects within seconds after a network blink or a relay's restart, and taking
# the chat from an agent who is back a moment later would hand the visitor around for
# nothing.
MIN_RECLAIM_SECONDS = 15


def compile_settings(settings: frames.RoutingSettings) -> DepartmentRouting:
    """The settings ready to route with; SettingsError naming the first problem."""
    _check_tiers(settings.tiers)
    if 0 < settings.reclaim_after_seconds < MIN_RECLAIM_SECONDS:
        raise SettingsError(
            "reclaim_after_seconds",
            f"0 (never) or at least {MIN_RECLAIM_SECONDS} seconds: an agent's app reconnects "
            "within seconds, and a shorter wait would take chats from agents still there",
        )
    for index, pattern in enumerate(settings.pages):
        try:
            PageUrlMatches(pattern)  # the invitation rules' pattern syntax and checks
        except ValueError as error:
            raise SettingsError(f"pages[{index}]", str(error)) from None
    try:
        hours = parse_opening_hours(settings.hours, settings.time_zone, settings.exceptions)
    except HoursError as error:
        raise SettingsError(error.field, str(error)) from None
    return DepartmentRouting(settings=settings, hours=hours)


def _check_tiers(tiers: list[frames.Tier]) -> None:
    if tiers and tiers[0].after_seconds != 0:
        raise SettingsError(
            "tiers[0].after_seconds",
            "the first tier starts at 0 (before it nobody would be offered the chat)",
        )
    for index in range(1, len(tiers)):
        before, tier = tiers[index - 1], tiers[index]
        if tier.after_seconds <= before.after_seconds:
            raise SettingsError(
                f"tiers[{index}].after_seconds",
                f"must be later than the tier before ({before.after_seconds})",
            )
        if tier.level >= before.level:
            raise SettingsError(
                f"tiers[{index}].level",
                f"must be lower than the tier before ({before.level}): the lowest level "
                "reached so far applies, so this tier would change nothing",
            )
