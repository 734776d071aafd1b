"""`parley-relay department …`: the departments (teams) of a site, such as a front desk
or the doctors, and finding them by name for `agent set --departments`.

A department belongs to one site; two sites may each have one of the same name. Names are
listed with commas (`--departments "Front desk,Doctors"`), so a name holds no comma. The
store cannot remove a department yet, so neither can this command.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from relay.cli.common import CliError, known_site, shown, with_store
from relay.config import RelayConfig
from relay.store import Store
from relay.store.base import DuplicateName
from relay.store.records import Department, Site
from shared_protocol.limits import MAX_NAME_CHARS

if TYPE_CHECKING:
    from relay.cli.common import Commands


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    department = commands.add_parser(
        "department", help="manage the departments (teams) of a site"
    ).add_subparsers(dest="department_command", required=True)
    add = department.add_parser("add", parents=[common], help="add a department to a site")
    add.add_argument("site", help="the site key (see `site list`)")
    add.add_argument("name", help='what agents and visitors see, e.g. "Front desk"')
    add.set_defaults(run=_department_add)
    listing = department.add_parser(
        "list", parents=[common], help="a site's departments and the agents in each"
    )
    listing.add_argument("site", help="the site key (see `site list`)")
    listing.set_defaults(run=_department_list)


def listed_names(spec: str, what: str) -> list[str]:
    """`"Front desk, Doctors"` → the names, each checked, in order and once; empty: none."""
    names: list[str] = []
    for part in spec.split(","):
        name = part.strip()
        if not name:
            continue
        if len(name) > MAX_NAME_CHARS or not name.isprintable():
            raise CliError(
                f"{name!r}: a {what} is printable text of at most {MAX_NAME_CHARS} characters"
            )
        if name not in names:
            names.append(name)
    return names


def _department_name(raw: str) -> str:
    if "," in raw:
        raise CliError(f"{raw!r}: a department name cannot hold a comma (lists use commas)")
    names = listed_names(raw, "department name")
    if not names:
        raise CliError("a department needs a name")
    return names[0]


def _department_add(config: RelayConfig, args: argparse.Namespace) -> None:
    name = _department_name(args.name)

    async def add(store: Store) -> tuple[Site, Department]:
        site = await known_site(store, args.site)
        try:
            return site, await store.add_department(site.id, name, time.time())
        except DuplicateName as error:
            raise CliError(str(error)) from None

    site, department = with_store(config, add)
    print(f"department {shown(department.name)} added to site {shown(site.key)}")


def _department_list(config: RelayConfig, args: argparse.Namespace) -> None:
    async def read(store: Store) -> tuple[Site, list[tuple[Department, list[str]]]]:
        site = await known_site(store, args.site)
        agents = {agent.id: agent for agent in await store.list_agents()}
        listing = []
        for department in await store.departments(site.id):
            members = [agents[i] for i in await store.department_members(department.id)]
            names = [shown(a.name) + (" (disabled)" if a.disabled else "") for a in members]
            listing.append((department, names))
        return site, listing

    site, listing = with_store(config, read)
    if not listing:
        key = shown(site.key)
        print(
            f"site {key} has no departments: add one with `parley-relay department add {key} NAME`"
        )
    for department, members in listing:
        print(f"{shown(department.name):<24} {', '.join(members) or '(no agents)'}")


async def department_labels(store: Store) -> dict[int, str]:
    """Every department's id → `Front desk (school)`: its name and its site's key."""
    labels: dict[int, str] = {}
    for site in await store.list_sites():
        for department in await store.departments(site.id):
            labels[department.id] = f"{shown(department.name)} ({shown(site.key)})"
    return labels


async def department_ids(
    store: Store, names: Iterable[str], site_key: str | None
) -> tuple[list[int], set[int]]:
    """The ids of the departments named, looked up in the site `site_key` or, with None, in
    every site (a name two sites share must then be told apart); and the ids of every
    department looked through, those the names replace."""
    sites = (
        [await known_site(store, site_key)] if site_key is not None else await store.list_sites()
    )
    by_name: dict[str, list[tuple[Site, Department]]] = {}
    for site in sites:
        for department in await store.departments(site.id):
            by_name.setdefault(department.name, []).append((site, department))
    chosen = []
    for name in names:
        found = by_name.get(name, [])
        if not found:
            where = f"site {shown(site_key)} has" if site_key is not None else "there is"
            raise CliError(
                f"{where} no department named {name!r} (see `parley-relay department list SITE`)"
            )
        if len(found) > 1:
            keys = ", ".join(shown(site.key) for site, _ in found)
            raise CliError(f"{name!r} is a department of several sites ({keys}): add --site KEY")
        chosen.append(found[0][1].id)
    scope = {department.id for found in by_name.values() for _, department in found}
    return chosen, scope
