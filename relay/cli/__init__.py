"""`parley-relay`, the relay's command line for IT staff: serve, administer, back up.

One module per command group, each adding its commands with register(commands, common):
serve (run the relay), agents, sites, departments, invitations, admin (audit, geo),
backup; common holds what they share (CliError, the store opened for one command,
passwords, safe printing). main() parses, loads the configuration and runs the command: a
CliError or ConfigError is one line on standard error and exit code 2.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

from relay.cli import admin, agents, backup, database, departments, invitations, serve, sites
from relay.cli.common import CliError
from relay.config import ConfigError, load_config
from relay.core.urls import without_password as shown_url
from relay.store import StoreError

DESCRIPTION = (
    "`parley-relay`: run the relay, administer its agents, sites, departments and "
    "invitations, and back up its database (for IT staff)."
)
# As `--help` lists them.
GROUPS = (serve, agents, sites, departments, invitations, admin, backup, database)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, help="TOML configuration file")
    common.add_argument("--data-dir", help="where the database lives (default: ./data)")
    common.add_argument(
        "--database-url", help="postgresql://… to use PostgreSQL (default: SQLite in --data-dir)"
    )
    common.add_argument("--broker-url", help="redis://… when several relays serve together")

    parser = argparse.ArgumentParser(prog="parley-relay", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(commands, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Names are anyone's text: on a terminal or a cron mail that cannot show a character,
    # it is written as an escape rather than ending the command with a traceback.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    overrides: dict[str, Any] = {
        "data_dir": args.data_dir,
        "database_url": args.database_url,
        "broker_url": args.broker_url,
        "host": getattr(args, "host", None),
        "port": getattr(args, "port", None),
    }
    try:
        config = load_config(args.config, overrides=overrides)
        args.run(config, args)
    except (CliError, ConfigError) as error:
        print(f"parley-relay: {error}", file=sys.stderr)
        return 2
    except StoreError as error:  # the database cannot be reached or opened
        where = shown_url(config.database_url) or str(config.data_path())
        print(f"parley-relay: the database at {where} cannot be used: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
