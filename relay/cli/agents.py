"""`parley-relay agent …`: add, change, list, disable and enable agents, set passwords, and
say what each may do and how chats reach them (role, departments, skills, level, chats at
once)."""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING, Any

from relay.cli.common import (
    CliError,
    Command,
    checked_name,
    photo_url,
    read_password,
    shown,
    with_store,
)
from relay.cli.departments import department_ids, department_labels, listed_names
from relay.config import RelayConfig
from relay.core.credentials import hash_password
from relay.store import Store
from relay.store.base import DuplicateName
from relay.store.records import Agent
from shared_protocol import limits

if TYPE_CHECKING:
    from relay.cli.common import Commands

# What --level and --max-chats take: what the team frames carry (0 chats: an agent, such as
# a supervisor who only watches, whom routing never offers a chat).
ROUTING_NUMBERS = {
    "level": range(1, limits.MAX_ROUTING_LEVEL + 1),
    "max-chats": range(limits.MAX_CHATS_AT_ONCE + 1),
}
# docs/routing.md "Roles": admins manage everything; supervisors watch, whisper, barge in
# and transfer in their departments; agents answer in theirs.
ROLES = ["admin", "supervisor", "agent"]


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    agent = commands.add_parser("agent", help="manage agents").add_subparsers(
        dest="agent_command", required=True
    )
    add = agent.add_parser(
        "add", parents=[common], help="add an agent (password from a prompt or stdin)"
    )
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, default="agent")
    add.add_argument("--display-name", help="the name visitors see (default: NAME)")
    add.add_argument("--avatar-url", help="the photo visitors see, https://…")
    add.set_defaults(run=_agent_add)
    agent_set = agent.add_parser(
        "set", parents=[common], help="change what visitors see and how chats reach the agent"
    )
    agent_set.add_argument("name")
    agent_set.add_argument("--display-name", help="the name visitors see")
    agent_set.add_argument("--avatar-url", help="the photo visitors see; empty to remove")
    _add_routing_options(agent_set)
    agent_set.set_defaults(run=_agent_set)
    agent.add_parser("list", parents=[common], help="list agents").set_defaults(run=_agent_list)
    for verb, disabled in (("disable", True), ("enable", False)):
        command = agent.add_parser(verb, parents=[common], help=f"{verb} an agent")
        command.add_argument("name")
        command.set_defaults(run=_agent_set_disabled(disabled))
    password = agent.add_parser("password", parents=[common], help="set an agent's password")
    password.add_argument("name")
    password.set_defaults(run=_agent_password)


def _agent_add(config: RelayConfig, args: argparse.Namespace) -> None:
    display_name = checked_name(args.display_name or args.name, "display name")
    avatar = photo_url(args.avatar_url or "")
    password = read_password()

    async def add(store: Store) -> None:
        try:
            await store.add_agent(
                args.name,
                display_name,
                args.role,
                hash_password(password),
                time.time(),
            )
            if avatar:
                await store.set_agent_profile(args.name, display_name=None, avatar_url=avatar)
        except DuplicateName as error:
            raise CliError(str(error)) from None

    with_store(config, add)
    print(f"agent {shown(args.name)} added ({args.role})")


def _add_routing_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--departments",
        help='the departments the agent answers for, e.g. "Front desk,Doctors", replacing '
        "those before; empty for none (names from `department list SITE`)",
    )
    command.add_argument(
        "--site",
        help="with --departments: look the names up in this site (key) and keep the "
        "agent's departments of other sites",
    )
    command.add_argument("--role", choices=ROLES, help="what the agent may see and do")
    command.add_argument("--skills", help="e.g. ielts,visa, replacing those before; empty: none")
    command.add_argument("--level", type=int, help="1 for the first line, higher for seniors")
    command.add_argument(
        "--max-chats", type=int, help="chats at once before routing passes the agent by"
    )


def _routing_changes(args: argparse.Namespace) -> dict[str, Any]:
    """The routing settings the options name, checked; those not given are left out."""
    if args.site is not None and args.departments is None:
        raise CliError("--site says where --departments are looked up: give both")
    changes: dict[str, Any] = {}
    if args.role is not None:
        changes["role"] = args.role
    if args.skills is not None:
        changes["skills"] = listed_names(args.skills, "skill")
    for option, value in (("level", args.level), ("max-chats", args.max_chats)):
        if value is None:
            continue
        allowed = ROUTING_NUMBERS[option]
        if value not in allowed:
            raise CliError(
                f"--{option} is a whole number from {allowed.start} to {allowed.stop - 1}"
            )
        changes[option.replace("-", "_")] = value
    return changes


def _agent_set(config: RelayConfig, args: argparse.Namespace) -> None:
    display_name = None
    if args.display_name is not None:
        display_name = checked_name(args.display_name, "display name")
    avatar = None if args.avatar_url is None else photo_url(args.avatar_url)
    routing = _routing_changes(args)
    wanted = None if args.departments is None else listed_names(args.departments, "department")

    async def change(store: Store) -> str | None:
        agent = await store.get_agent(args.name)
        if agent is None:
            raise CliError(f"no agent named {args.name!r}")
        departments = None
        if wanted is not None:  # looked up before anything changes: a wrong name changes nothing
            chosen, replaced = await department_ids(store, wanted, args.site)
            departments = chosen + [d for d in agent.departments if d not in replaced]
        await store.set_agent_profile(args.name, display_name=display_name, avatar_url=avatar)
        if departments is not None:
            await store.set_agent_departments(args.name, departments)
        if routing:
            await store.set_agent_routing(args.name, **routing)
        if departments is None and not routing:
            return None
        changed = await store.get_agent(args.name)
        assert changed is not None  # agents are never deleted
        return _routing_line(changed, await department_labels(store))

    routing_line = with_store(config, change)
    print(f"agent {shown(args.name)} changed")
    if routing_line is not None:
        print(routing_line)


def _agent_password(config: RelayConfig, args: argparse.Namespace) -> None:
    password = read_password()

    async def change(store: Store) -> None:
        agent = await store.get_agent(args.name)
        if agent is None:
            raise CliError(f"no agent named {args.name!r}")
        await store.set_agent_password(agent.id, hash_password(password))

    with_store(config, change)
    print(f"password of {shown(args.name)} changed")


def _agent_list(config: RelayConfig, _: argparse.Namespace) -> None:
    async def read(store: Store) -> tuple[list[Agent], dict[int, str]]:
        return await store.list_agents(), await department_labels(store)

    agents, labels = with_store(config, read)
    if not agents:
        print("no agents: add one with `parley-relay agent add NAME --role admin`")
    for agent in agents:
        state = "disabled" if agent.disabled else "enabled"
        print(f"{shown(agent.name):<24} {agent.role:<10} {state:<9} {shown(agent.display_name)}")
        print(_routing_line(agent, labels))


def _routing_line(agent: Agent, labels: dict[int, str]) -> str:
    """`    level 2, at most 4 chats at once; departments: …; skills: …` (indented)."""
    departments = ", ".join(labels.get(d, f"#{d}") for d in agent.departments) or "none"
    skills = ", ".join(shown(skill) for skill in agent.skills) or "none"
    return (
        f"    level {agent.level}, at most {agent.max_chats} chats at once; "
        f"departments: {departments}; skills: {skills}"
    )


def _agent_set_disabled(disabled: bool) -> Command:
    def run(config: RelayConfig, args: argparse.Namespace) -> None:
        found = with_store(config, lambda store: store.set_agent_disabled(args.name, disabled))
        if not found:
            raise CliError(f"no agent named {args.name!r}")
        if disabled:
            print(f"agent {shown(args.name)} disabled; its sessions are ended")
        else:
            print(f"agent {shown(args.name)} enabled")

    return run
