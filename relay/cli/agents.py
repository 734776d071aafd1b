"""`parley-relay agent …`: add, change, list, disable and enable agents, set passwords."""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING

from relay.cli.common import CliError, Command, photo_url, read_password, with_store
from relay.config import RelayConfig
from relay.core.credentials import hash_password
from relay.store import Store
from relay.store.base import DuplicateName

if TYPE_CHECKING:
    from relay.cli.common import Commands


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    agent = commands.add_parser("agent", help="manage agents").add_subparsers(
        dest="agent_command", required=True
    )
    add = agent.add_parser(
        "add", parents=[common], help="add an agent (password from a prompt or stdin)"
    )
    add.add_argument("name")
    add.add_argument("--role", choices=["admin", "agent"], default="agent")
    add.add_argument("--display-name", help="the name visitors see (default: NAME)")
    add.add_argument("--avatar-url", help="the photo visitors see, https://…")
    add.set_defaults(run=_agent_add)
    agent_set = agent.add_parser("set", parents=[common], help="change what visitors see")
    agent_set.add_argument("name")
    agent_set.add_argument("--display-name", help="the name visitors see")
    agent_set.add_argument("--avatar-url", help="the photo visitors see; empty to remove")
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
    avatar = photo_url(args.avatar_url or "")
    password = read_password()

    async def add(store: Store) -> None:
        try:
            await store.add_agent(
                args.name,
                args.display_name or args.name,
                args.role,
                hash_password(password),
                time.time(),
            )
            if avatar:
                await store.set_agent_profile(args.name, display_name=None, avatar_url=avatar)
        except DuplicateName as error:
            raise CliError(str(error)) from None

    with_store(config, add)
    print(f"agent {args.name} added ({args.role})")


def _agent_set(config: RelayConfig, args: argparse.Namespace) -> None:
    avatar = None if args.avatar_url is None else photo_url(args.avatar_url)

    async def change(store: Store) -> bool:
        return await store.set_agent_profile(
            args.name, display_name=args.display_name, avatar_url=avatar
        )

    if not with_store(config, change):
        raise CliError(f"no agent named {args.name!r}")
    print(f"agent {args.name} changed")


def _agent_password(config: RelayConfig, args: argparse.Namespace) -> None:
    password = read_password()

    async def change(store: Store) -> None:
        agent = await store.get_agent(args.name)
        if agent is None:
            raise CliError(f"no agent named {args.name!r}")
        await store.set_agent_password(agent.id, hash_password(password))

    with_store(config, change)
    print(f"password of {args.name} changed")


def _agent_list(config: RelayConfig, _: argparse.Namespace) -> None:
    agents = with_store(config, lambda store: store.list_agents())
    if not agents:
        print("no agents: add one with `parley-relay agent add NAME --role admin`")
    for agent in agents:
        state = "disabled" if agent.disabled else "enabled"
        print(f"{agent.name:<24} {agent.role:<6} {state:<9} {agent.display_name}")


def _agent_set_disabled(disabled: bool) -> Command:
    def run(config: RelayConfig, args: argparse.Namespace) -> None:
        found = with_store(config, lambda store: store.set_agent_disabled(args.name, disabled))
        if not found:
            raise CliError(f"no agent named {args.name!r}")
        if disabled:
            print(f"agent {args.name} disabled; its sessions are ended")
        else:
            print(f"agent {args.name} enabled")

    return run
