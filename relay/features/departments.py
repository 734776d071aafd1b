"""The sites' departments on the relay: the copy each relay keeps of them with their
routing settings decoded and checked (read again after DEPARTMENTS_TTL_SECONDS, since
another relay or the CLI may save them; a save through this relay drops the copy at once),
and how a department is shown on the wire.

The assigner, placement, the welcomes and the admins' team setup all read departments
through `site_departments` and `department_routing`, so each relay reads a site's
departments from the store at most once per interval however busy it is.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

import msgspec

from relay.context import RelayContext
from relay.core.routing.settings import DepartmentRouting, SettingsError, compile_settings
from relay.store.records import Department, Site
from shared_protocol import frames

log = logging.getLogger("parley.routing")

# How long a relay trusts its copy of a site's departments: another relay or the CLI may
# have changed them.
DEPARTMENTS_TTL_SECONDS = 5.0

SiteDepartments = list[tuple[Department, DepartmentRouting]]


@dataclass(frozen=True, slots=True)
class LoadedDepartments:
    """A site's departments in the pre-chat form's order, as read at `loaded_at`."""

    departments: tuple[tuple[Department, DepartmentRouting], ...]
    loaded_at: float


def encode_settings(settings: frames.RoutingSettings) -> str:
    """What the store keeps of a department's settings (records.Department.settings_json)."""
    return msgspec.json.encode(settings).decode()


def routing_of(department: Department) -> DepartmentRouting:
    """The department's stored settings, decoded and checked. Saves through the relay and
    the CLI are checked before they are stored, so only a hand-edited database fails here:
    then the defaults route its chats, and the log says why."""
    try:
        settings = msgspec.json.decode(department.settings_json, type=frames.RoutingSettings)
        return compile_settings(settings)
    except (msgspec.DecodeError, SettingsError) as error:
        log.warning(
            "event=department_settings_unusable department=%d why=%s",
            department.id,
            str(error).replace("\n", " "),
        )
        return compile_settings(frames.RoutingSettings())


async def site_departments(ctx: RelayContext, site_id: int) -> SiteDepartments:
    """The site's departments in order, each with its routing; read again when the copy
    here is older than DEPARTMENTS_TTL_SECONDS."""
    now = ctx.clock()
    kept = ctx.department_copies.get(site_id)
    # (A copy "from the future" is read again too: the clock was set back.)
    if kept is None or not 0 <= now - kept.loaded_at < DEPARTMENTS_TTL_SECONDS:
        stored = await ctx.store.departments(site_id)
        kept = LoadedDepartments(tuple((d, routing_of(d)) for d in stored), now)
        ctx.department_copies[site_id] = kept
    return list(kept.departments)


async def department_routing(ctx: RelayContext, department_id: int) -> DepartmentRouting:
    """One department's routing, from the copy of its site. KeyError when there is no
    such department."""
    for kept in ctx.department_copies.values():
        for department, _ in kept.departments:
            if department.id == department_id:
                # Through site_departments: a copy too old is read again.
                return _find(await site_departments(ctx, department.site_id), department_id)
    stored = await ctx.store.department(department_id)
    if stored is None:
        raise KeyError(department_id)
    return _find(await site_departments(ctx, stored.site_id), department_id, stored)


def _find(
    departments: SiteDepartments, department_id: int, stored: Department | None = None
) -> DepartmentRouting:
    for department, routing in departments:
        if department.id == department_id:
            return routing
    if stored is not None:  # added a moment after the copy was read
        return routing_of(stored)
    raise KeyError(department_id)


def forget(ctx: RelayContext, site_id: int) -> None:
    """Drop this relay's copy of the site's departments: a save through it changed them."""
    ctx.department_copies.pop(site_id, None)


def department_info(
    department: Department, routing: DepartmentRouting, site_key: str, now: float
) -> frames.DepartmentInfo:
    return frames.DepartmentInfo(
        id=department.id,
        site=site_key,
        name=department.name,
        settings=routing.settings,
        open_now=routing.open_at(now),
    )


async def department_infos(ctx: RelayContext, sites: Iterable[Site]) -> list[frames.DepartmentInfo]:
    """The departments of these sites, site by site in order, as agents are shown them."""
    now = ctx.clock()
    return [
        department_info(department, routing, site.key, now)
        for site in sites
        for department, routing in await site_departments(ctx, site.id)
    ]
