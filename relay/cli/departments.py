"""`parley-relay department …`: the departments (teams) of a site, such as a front desk
or the doctors, their routing settings (docs/routing.md), and finding them by name for
`agent set --departments`.

A department belongs to one site; two sites may each have one of the same name. Names are
listed with commas (`--departments "Front desk,Doctors"`), so a name holds no comma. The
store cannot remove a department yet, so neither can this command. `department set`
changes only the settings named, checked as the relay checks an admin's save
(frames.RoutingSettings' bounds, then relay.core.routing.settings.compile_settings);
a refusal names the option and stores nothing.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import msgspec
import tomli_w

from relay.cli.common import CliError, known_site, shown, with_store
from relay.config import RelayConfig
from relay.core.department_names import taken_by
from relay.core.routing.settings import SettingsError, compile_settings
from relay.store import Store
from relay.store.base import DuplicateName
from relay.store.records import Department, Site
from shared_protocol.frames import RoutingMode, RoutingSettings, Selection
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
    change = department.add_parser(
        "set",
        parents=[common],
        help="change a department's routing settings (only the options given)",
        description="Change how a department routes its chats (docs/routing.md); options "
        "not given keep their values. Checked before anything is stored.",
    )
    change.add_argument("site", help="the site key (see `site list`)")
    change.add_argument("name", help="the department (see `department list SITE`)")
    _add_settings_options(change)
    change.set_defaults(run=_department_set)
    show = department.add_parser(
        "show", parents=[common], help="a department's routing settings, as TOML"
    )
    show.add_argument("site", help="the site key (see `site list`)")
    show.add_argument("name", help="the department (see `department list SITE`)")
    show.set_defaults(run=_department_show)


# ------------------------------------------------------------------ settings options

# Option → the field of frames.RoutingSettings it sets.
SETTINGS_OPTIONS = {
    "--mode": "mode",
    "--selection": "selection",
    "--offer-seconds": "offer_seconds",
    "--owner-first-seconds": "owner_first_seconds",
    "--tiers": "tiers",
    "--queue-limit": "queue_limit",
    "--max-wait": "max_wait_seconds",
    "--away-after-missed": "away_after_missed",
    "--reclaim-after": "reclaim_after_seconds",
    "--pages": "pages",
    "--hours": "hours",
    "--time-zone": "time_zone",
    "--exceptions": "exceptions",
}
_OPTION_OF = {field: option for option, field in SETTINGS_OPTIONS.items()}
_TIER = re.compile(r"^\s*(\d+)\s*:\s*(\d+)\s*$")
# msgspec's "Expected `int` >= 5 - at `$.offer_seconds`": the words and the path.
_AT = re.compile(r"^(?P<words>.*?)(?: - at `\$\.(?P<path>[^`]*)`)?$")


def _add_settings_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--mode", choices=[m.value for m in RoutingMode])
    command.add_argument("--selection", choices=[s.value for s in Selection])
    command.add_argument(
        "--offer-seconds", type=int, help="how long an offered agent has to accept (5-300)"
    )
    command.add_argument(
        "--owner-first-seconds",
        type=int,
        help="how long a returning visitor waits for their own agent (0-600; 0: off)",
    )
    command.add_argument(
        "--tiers",
        help='level:after_seconds in order, e.g. "2:0,1:30" (seniors first, anyone after '
        '30 s); "" clears',
    )
    command.add_argument("--queue-limit", type=int, help="visitors who may wait at once (0-1000)")
    command.add_argument(
        "--max-wait", type=int, help="seconds before a waiting visitor gets the offline form"
    )
    command.add_argument(
        "--away-after-missed", type=int, help="missed offers in a row before Away (0: never)"
    )
    command.add_argument(
        "--reclaim-after",
        type=int,
        help="seconds an agent holding a chat may be disconnected before it goes back to "
        "routing (0: never, else 15-3600)",
    )
    command.add_argument(
        "--pages", help='URL patterns that place a visitor here, e.g. "*/prices*,*/courses/*"'
    )
    command.add_argument("--hours", help='opening hours, e.g. "mon-fri 09:00-18:00"; "": always')
    command.add_argument("--time-zone", help="of the hours, e.g. Asia/Shanghai")
    command.add_argument("--exceptions", help='dates with other hours, e.g. "2026-12-25 closed"')


def _tiers(spec: str) -> list[dict[str, int]]:
    tiers = []
    for part in spec.split(","):
        if not part.strip():
            continue
        matched = _TIER.match(part)
        if matched is None:
            raise CliError(
                f'--tiers: {shown(part.strip())!r} is not level:after_seconds (e.g. "2:0,1:30")'
            )
        tiers.append({"level": int(matched[1]), "after_seconds": int(matched[2])})
    return tiers


def settings_changes(args: argparse.Namespace) -> dict[str, Any]:
    """The settings the options name, as fields of frames.RoutingSettings (unchecked);
    those not given are left out."""
    changes: dict[str, Any] = {}
    for option, field in SETTINGS_OPTIONS.items():
        value = getattr(args, option.removeprefix("--").replace("-", "_"))
        if value is None:
            continue
        if field == "tiers":
            value = _tiers(value)
        elif field == "pages":
            value = [p.strip() for p in value.split(",") if p.strip()]
        changes[field] = value
    return changes


def _option(path: str) -> str:
    """`tiers[1].level` → `--tiers (tier 2: level)`; `offer_seconds` → `--offer-seconds`."""
    field, _, rest = path.partition("[")
    option = _OPTION_OF.get(field.partition(".")[0], field)
    if not rest:
        return option
    index, _, inner = rest.partition("]")
    if field == "tiers" and index.isdigit():
        inner = inner.removeprefix(".")
        return f"{option} (tier {int(index) + 1}{': ' + inner if inner else ''})"
    if field == "pages" and index.isdigit():
        return f"{option} (pattern {int(index) + 1})"
    return option


def checked_settings(stored: str, changes: dict[str, Any]) -> RoutingSettings:
    """The department's stored settings (JSON) with `changes` made, checked as the relay
    checks an admin's save: the frame's bounds, then compile_settings (rising tiers,
    patterns, hours). CliError naming the option otherwise."""
    try:
        current = msgspec.json.decode(stored, type=RoutingSettings)
    except msgspec.DecodeError as error:  # written by something else than the relay
        raise CliError(f"the stored settings cannot be read ({error}): set them all") from None
    merged = {**msgspec.to_builtins(current), **changes}
    try:
        settings = msgspec.convert(merged, RoutingSettings)
    except msgspec.ValidationError as error:
        found = _AT.match(str(error))
        assert found is not None  # the pattern matches any text
        where = _option(found["path"]) if found["path"] else "settings"
        raise CliError(f"{where}: {found['words']}") from None
    try:
        compile_settings(settings)
    except SettingsError as error:
        raise CliError(f"{_option(error.field)}: {error.message}") from None
    return settings


def settings_line(settings_json: str) -> str:
    """What differs from the defaults, as `department set` options would give it; "default"
    when nothing does."""
    try:
        settings = msgspec.json.decode(settings_json, type=RoutingSettings)
    except msgspec.DecodeError:
        return "(stored settings cannot be read)"
    values = msgspec.to_builtins(settings)
    defaults = msgspec.to_builtins(RoutingSettings())
    parts = []
    for option, field in SETTINGS_OPTIONS.items():
        value = values[field]
        if value == defaults[field]:
            continue
        if field == "tiers":
            value = ",".join(f"{t['level']}:{t['after_seconds']}" for t in value)
        elif field == "pages":
            value = ",".join(value)
        text = shown(str(value))
        parts.append(
            f'{option} "{text}"' if not re.fullmatch(r"[\w./+:,-]+", text) else f"{option} {text}"
        )
    return " ".join(parts) or "default"


async def _site_department(store: Store, site_key: str, name: str) -> tuple[Site, Department]:
    site = await known_site(store, site_key)
    listed = await store.departments(site.id)
    for department in listed:
        if department.name == name:
            return site, department
    # Names are unique whatever their case: "sales" finds "Sales".
    if (other := taken_by([(d.id, d.name) for d in listed], name)) is not None:
        return site, next(d for d in listed if d.name == other)
    key = shown(site.key)
    raise CliError(
        f"site {key} has no department named {name!r} "
        f"(add it with `parley-relay department add {key} NAME`)"
    )


def _department_set(config: RelayConfig, args: argparse.Namespace) -> None:
    changes = settings_changes(args)
    if not changes:
        raise CliError(f"nothing to change: give one of {', '.join(SETTINGS_OPTIONS)}")

    async def change(store: Store) -> Department:
        site, department = await _site_department(store, args.site, args.name)
        settings = checked_settings(department.settings_json, changes)
        encoded = msgspec.json.encode(settings).decode()
        saved = await store.save_department(
            site.id, department.id, department.name, encoded, time.time()
        )
        if saved is None:
            raise CliError(f"department {args.name!r} was removed meanwhile")
        return saved

    saved = with_store(config, change)
    print(f"department {shown(saved.name)} changed")
    print(f"    settings: {settings_line(saved.settings_json)}")


def settings_toml(department: Department, site: Site) -> str:
    """The department's settings, every field, as TOML (as `invitations export` writes)."""
    settings = msgspec.json.decode(department.settings_json, type=RoutingSettings)
    table = msgspec.to_builtins(settings)
    tiers = table.pop("tiers")
    header = (
        f"# Routing settings of department {shown(department.name)} of site {shown(site.key)}\n"
        "# (docs/routing.md); change them with `parley-relay department set`.\n"
    )
    body = tomli_w.dumps(table)
    if tiers:
        body += "\n" + tomli_w.dumps({"tiers": tiers})
    else:
        body += "tiers = []\n"
    return header + body


def _department_show(config: RelayConfig, args: argparse.Namespace) -> None:
    site, department = with_store(
        config, lambda store: _site_department(store, args.site, args.name)
    )
    try:
        print(settings_toml(department, site), end="")
    except msgspec.DecodeError as error:
        raise CliError(f"the stored settings cannot be read ({error})") from None


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
        # Before the store, whose unique index is exact (see relay.core.department_names).
        existing = [(d.id, d.name) for d in await store.departments(site.id)]
        if (other := taken_by(existing, name)) is not None:
            raise CliError(
                f"site {shown(site.key)} has a department named {other!r} already "
                "(names must differ by more than case)"
            )
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
        print(f"    settings: {settings_line(department.settings_json)}")


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
