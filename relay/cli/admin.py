"""`parley-relay audit …` and `geo …`: what agents did that admins may check, and the
location databases."""

from __future__ import annotations

import argparse
import subprocess
import time
from typing import TYPE_CHECKING

from relay import geodata
from relay.cli.common import CliError, with_store
from relay.config import RelayConfig

if TYPE_CHECKING:
    from relay.cli.common import Commands


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
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


def _withdrawals(config: RelayConfig, args: argparse.Namespace) -> None:
    records = with_store(config, lambda store: store.withdrawals(args.conversation))
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
