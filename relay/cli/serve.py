"""`parley-relay serve`: run the relay, after checking that its ports are free."""

from __future__ import annotations

import argparse
import asyncio
import errno
import logging
import socket
import sys
from typing import TYPE_CHECKING

from relay.app import run_relay
from relay.cli.common import CliError
from relay.cluster.leader import DatabaseTaken
from relay.config import RelayConfig

if TYPE_CHECKING:
    from relay.cli.common import Commands

IN_USE_HINT = "another Parley relay (or another program) may be running; stop it or use --port"
FILES_PORT_HINT = (
    "another program may be using it; change files_port, or leave it out (the relay's port + 1)"
)


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    serve = commands.add_parser("serve", parents=[common], help="run the relay")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 8080)")
    serve.set_defaults(run=_serve)


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level.upper(),
        format="ts=%(asctime)s level=%(levelname)s logger=%(name)s %(message)s",
        stream=sys.stderr,
    )
    # The library logs every connection at INFO; ours are the events worth reading.
    logging.getLogger("websockets").setLevel(
        max(logging.WARNING, logging.getLevelName(level.upper()))
    )
    # While PostgreSQL is down its pool logs a traceback on every reconnect; the relay
    # says it once (event=database_unreachable) and /healthz says it for as long as it lasts.
    logging.getLogger("asyncpg").setLevel(logging.ERROR)


def port_taken(host: str, port: int) -> bool:
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


def _serve(config: RelayConfig, _: argparse.Namespace) -> None:
    # An explicit files_port is moved by the configuration, not by --port.
    explicit = config.files_port >= 0
    file_port = "file port (files_port)" if explicit else "file port (--port + 1)"
    for port, what in ((config.port, "port"), (config.file_port(), file_port)):
        if port_taken(config.host, port):
            hint = FILES_PORT_HINT if explicit and what != "port" else IN_USE_HINT
            raise CliError(f"{what} {port} on {config.host} is already in use: {hint}")
    configure_logging(config.log_level)
    try:
        try:
            import uvloop

            uvloop.run(run_relay(config))
        except ImportError:
            asyncio.run(run_relay(config))
    except DatabaseTaken as error:
        raise CliError(str(error)) from None
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        # Taken between the check above and the bind; Relay.start has stopped what it had
        # started, so the process ends as soon as main() returns.
        raise CliError(f"{error.strerror or error}: {IN_USE_HINT}") from None
