"""`parley-relay`: run the relay, and administer its agents and sites (for IT staff)."""

from __future__ import annotations

import argparse
import asyncio
import errno
import getpass
import logging
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from relay import geodata
from relay.app import open_store, run_relay
from relay.config import ConfigError, RelayConfig, load_config
from relay.core.credentials import hash_password
from relay.core.origins import normalize_origin
from relay.store import Store
from relay.store.base import DuplicateName
from shared_protocol.frames import PrechatField, SiteSettings

PRECHAT_FIELDS = ("name", "email", "phone", "question")
LANGUAGES = ("", "en", "zh-CN", "mn")

T = TypeVar("T")

MIN_PASSWORD_CHARS = 8


class CliError(Exception):
    """A mistake the operator can fix; printed without a traceback."""


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level.upper(),
        format="ts=%(asctime)s level=%(levelname)s logger=%(name)s %(message)s",
        stream=sys.stderr,
    )
    # The library logs every connection at INFO; ours are the events worth reading.
    logging.getLogger("websockets").setLevel(
        max(logging.WARNING, logging.getLevelName(level.upper()))
    )


def _with_store(config: RelayConfig, action: Callable[[Store], Awaitable[T]]) -> T:
    async def run() -> T:
        store = open_store(config)
        await store.open()
        try:
            return await action(store)
        finally:
            await store.close()

    return asyncio.run(run())


def _read_password(prompt_twice: bool = True) -> str:
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if prompt_twice and getpass.getpass("Repeat it: ") != password:
            raise CliError("the two passwords differ")
    if len(password) < MIN_PASSWORD_CHARS:
        raise CliError(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
    return password


def _port_taken(host: str, port: int) -> bool:
    """Whether something already listens where the relay would bind (as asyncio binds)."""
    if port == 0:
        return False
    try:
        addresses = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except socket.gaierror:
        return False  # a bad host: the relay's own bind says so
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                probe.bind(address)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    return True
    return False


IN_USE_HINT = "another Parley relay (or another program) may be running; stop it or use --port"


def _serve(config: RelayConfig, _: argparse.Namespace) -> None:
    file_port = "file port" if config.files_port >= 0 else "file port (--port + 1)"
    for port, what in ((config.port, "port"), (config.file_port(), file_port)):
        if _port_taken(config.host, port):
            raise CliError(f"{what} {port} on {config.host} is already in use: {IN_USE_HINT}")
    _configure_logging(config.log_level)
    try:
        try:
            import uvloop

            uvloop.run(run_relay(config))
        except ImportError:
            asyncio.run(run_relay(config))
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        # Taken between the check above and the bind; Relay.start has stopped what it had
        # started, so the process ends as soon as main() returns.
        raise CliError(f"{error.strerror or error}: {IN_USE_HINT}") from None


def _agent_add(config: RelayConfig, args: argparse.Namespace) -> None:
    avatar = _photo_url(args.avatar_url or "")
    password = _read_password()

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

    _with_store(config, add)
    print(f"agent {args.name} added ({args.role})")


def _photo_url(url: str) -> str:
    if url and not url.startswith(("https://", "http://")):
        raise CliError(f"{url!r}: a photo or logo URL must start with https:// or http://")
    return url


def _agent_set(config: RelayConfig, args: argparse.Namespace) -> None:
    avatar = None if args.avatar_url is None else _photo_url(args.avatar_url)

    async def change(store: Store) -> bool:
        return await store.set_agent_profile(
            args.name, display_name=args.display_name, avatar_url=avatar
        )

    if not _with_store(config, change):
        raise CliError(f"no agent named {args.name!r}")
    print(f"agent {args.name} changed")


def _agent_password(config: RelayConfig, args: argparse.Namespace) -> None:
    password = _read_password()

    async def change(store: Store) -> None:
        agent = await store.get_agent(args.name)
        if agent is None:
            raise CliError(f"no agent named {args.name!r}")
        await store.set_agent_password(agent.id, hash_password(password))

    _with_store(config, change)
    print(f"password of {args.name} changed")


def _agent_list(config: RelayConfig, _: argparse.Namespace) -> None:
    agents = _with_store(config, lambda store: store.list_agents())
    if not agents:
        print("no agents: add one with `parley-relay agent add NAME --role admin`")
    for agent in agents:
        state = "disabled" if agent.disabled else "enabled"
        print(f"{agent.name:<24} {agent.role:<6} {state:<9} {agent.display_name}")


def _agent_set_disabled(disabled: bool) -> Callable[[RelayConfig, argparse.Namespace], None]:
    def run(config: RelayConfig, args: argparse.Namespace) -> None:
        found = _with_store(config, lambda store: store.set_agent_disabled(args.name, disabled))
        if not found:
            raise CliError(f"no agent named {args.name!r}")
        if disabled:
            print(f"agent {args.name} disabled; its sessions are ended")
        else:
            print(f"agent {args.name} enabled")

    return run


def _site_add(config: RelayConfig, args: argparse.Namespace) -> None:
    origins = []
    for raw in args.origin or [f"https://{args.domain}"]:
        origin = normalize_origin(raw)
        if origin is None:
            raise CliError(f"{raw!r} is not an origin like https://www.example.com")
        origins.append(origin)
    key = args.key or "s_" + secrets.token_urlsafe(9)

    async def add(store: Store) -> None:
        try:
            await store.add_site(key, args.domain, origins, time.time())
        except DuplicateName as error:
            raise CliError(str(error)) from None

    _with_store(config, add)
    print(f"site {args.domain} added with key {key}; pages allowed: {', '.join(origins)}")
    print("embed it on every page, before </body>:")
    print(f'  <script async src="{config.browser_url()}/widget.js" data-site="{key}"></script>')
    if not config.public_url:
        print(
            "  (the relay's own address; behind a reverse proxy set public_url in the "
            "configuration, or PARLEY_PUBLIC_URL, to the https:// address browsers use)"
        )


def _prechat_fields(spec: str) -> list[PrechatField]:
    """`name,email:required` → the pre-chat form's fields, in that order."""
    fields = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, flag = part.partition(":")
        if name not in PRECHAT_FIELDS or flag not in ("", "required", "optional"):
            raise CliError(
                f"{part!r}: pre-chat fields are {', '.join(PRECHAT_FIELDS)}, "
                "each optionally followed by :required"
            )
        fields.append(PrechatField(field=name, required=flag == "required"))  # type: ignore[arg-type]
    return fields


def _site_set(config: RelayConfig, args: argparse.Namespace) -> None:
    async def change(store: Store) -> SiteSettings:
        site = await store.get_site(args.key)
        if site is None:
            raise CliError(f"no site with key {args.key!r} (see `parley-relay site list`)")
        changes: dict[str, Any] = {}
        if args.name is not None:
            changes["name"] = args.name
        if args.logo_url is not None:
            changes["logo_url"] = _photo_url(args.logo_url)
        if args.language is not None:
            if args.language not in LANGUAGES:
                raise CliError(f"languages: {', '.join(repr(x) for x in LANGUAGES)}")
            changes["language"] = args.language
        if args.prechat is not None:
            changes["prechat"] = _prechat_fields(args.prechat)
        if args.reply_hours is not None:
            changes["reply_hours"] = args.reply_hours
        for name in ("typing_preview", "typing_notice"):
            if getattr(args, name) is not None:
                changes[name] = getattr(args, name) == "on"
        settings = msgspec.structs.replace(site.settings, **changes)
        await store.set_site_settings(args.key, settings)
        return settings

    settings = _with_store(config, change)
    print(f"site {args.key}: {msgspec.json.encode(settings).decode()}")


def _site_list(config: RelayConfig, _: argparse.Namespace) -> None:
    sites = _with_store(config, lambda store: store.list_sites())
    for site in sites:
        print(f"{site.key:<16} {site.name:<28} {' '.join(site.origins)}")


def _withdrawals(config: RelayConfig, args: argparse.Namespace) -> None:
    records = _with_store(config, lambda store: store.withdrawals(args.conversation))
    if not records:
        print("no message was withdrawn")
    for record in records:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(record.withdrawn_at))
        sent = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(record.sent_at))
        what = record.text + (f" [file {record.file_name}]" if record.file_name else "")
        print(
            f"{when}  chat #{record.conversation_id} message {record.seq} (sent {sent})"
            f"  withdrawn by {record.agent_name} (agent #{record.agent_id}): {what}"
        )


def _geo_update(config: RelayConfig, _: argparse.Namespace) -> None:
    folder = config.geo_path()
    try:
        written = geodata.update(folder)
    except (RuntimeError, OSError, subprocess.CalledProcessError) as error:
        raise CliError(f"could not fetch the location databases: {error}") from None
    for path in written:
        print(f"{path}  {path.stat().st_size:,} bytes")
    print("restart the relay to use them")


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, help="TOML configuration file")
    common.add_argument("--data-dir", help="where the database lives (default: ./data)")

    parser = argparse.ArgumentParser(prog="parley-relay", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", parents=[common], help="run the relay")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 8080)")
    serve.set_defaults(run=_serve)

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

    site = commands.add_parser("site", help="manage sites").add_subparsers(
        dest="site_command", required=True
    )
    site_add = site.add_parser("add", parents=[common], help="add a site that embeds the widget")
    site_add.add_argument("domain")
    site_add.add_argument(
        "--origin", action="append", help="page origin allowed to chat (repeatable)"
    )
    site_add.add_argument("--key", help="site key for data-site (default: random)")
    site_add.set_defaults(run=_site_add)
    site.add_parser("list", parents=[common], help="list sites").set_defaults(run=_site_list)
    site_set = site.add_parser("set", parents=[common], help="change how the widget looks")
    site_set.add_argument("key", help="the site key")
    site_set.add_argument("--name", help="shown in the widget's header")
    site_set.add_argument("--logo-url", help="a square logo, https://…; empty to remove")
    site_set.add_argument("--language", help="en, zh-CN or mn; empty: the visitor's browser")
    site_set.add_argument(
        "--prechat",
        help="fields asked before the first message, e.g. name,email:required "
        "(name, email, phone, question); empty for no form",
    )
    site_set.add_argument("--reply-hours", type=int, help="promised reply time when offline")
    site_set.add_argument(
        "--typing-preview", choices=["on", "off"], help="agents see drafts before they are sent"
    )
    site_set.add_argument(
        "--typing-notice", choices=["on", "off"], help="tell visitors that agents see drafts"
    )
    site_set.set_defaults(run=_site_set)

    audit = commands.add_parser("audit", help="what agents did that admins may check")
    audit_of = audit.add_subparsers(dest="audit_command", required=True)
    withdrawals = audit_of.add_parser(
        "withdrawals", parents=[common], help="messages agents withdrew: who, when, what"
    )
    withdrawals.add_argument("--conversation", type=int, help="only this chat")
    withdrawals.set_defaults(run=_withdrawals)

    geo = commands.add_parser("geo", help="location databases").add_subparsers(
        dest="geo_command", required=True
    )
    geo.add_parser(
        "update", parents=[common], help="fetch DB-IP City Lite and ip2region into DATA_DIR/geo"
    ).set_defaults(run=_geo_update)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    overrides: dict[str, Any] = {
        "data_dir": args.data_dir,
        "host": getattr(args, "host", None),
        "port": getattr(args, "port", None),
    }
    try:
        config = load_config(args.config, overrides=overrides)
        args.run(config, args)
    except (CliError, ConfigError) as error:
        print(f"parley-relay: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
