"""Relay configuration: defaults that work on one machine, a TOML file, PARLEY_* overrides.

Precedence, lowest first: the defaults below, the TOML file, the environment
(`PARLEY_PORT=9000`, `PARLEY_TRUSTED_PROXIES=10.0.0.1,10.0.0.2`), command-line flags.
"""

from __future__ import annotations

import os
import socket
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

from relay.core.urls import without_password
from relay.store.base import Durability

_SOURCE_ROOT = Path(__file__).resolve().parent.parent
ANY_ADDRESS = ("0.0.0.0", "::", "")  # noqa: S104 - compared against, never bound


class ConfigError(Exception):
    """The configuration file or an override is not valid; the message says which key."""


class RelayConfig(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    host: str = "127.0.0.1"
    port: int = 8080
    data_dir: str = "data"
    # Public address of the relay as visitors' browsers see it (for printed embed snippets).
    public_url: str = ""
    static_dir: str = str(_SOURCE_ROOT / "widget_static")
    demo_dir: str = str(Path(__file__).resolve().parent / "demo_site")
    demo: bool = True  # serve /demo and keep a site with key "demo" for it
    trusted_proxies: list[str] = []
    geo_dir: str = ""  # location databases; empty: DATA_DIR/geo (`parley-relay geo update`)
    log_level: str = "info"

    # Sessions and visits
    session_days: float = 30.0
    visit_gap_minutes: float = 30.0
    revocation_check_seconds: float = 2.0
    visitor_batch_seconds: float = 1.0  # how often agents hear of visitor changes, at most

    # Connections
    hello_timeout_seconds: float = 10.0
    ping_interval_seconds: float = 20.0  # the relay pings every connection this often
    ping_timeout_seconds: float = 20.0  # and closes it (1011) when no pong comes in time
    outbox_frames: int = 2000  # frames queued for a slow reader before it is disconnected
    abuse_strikes: int = 30  # refused frames per minute (not rate_limited) before 1008

    # Frame rates, each across all the sender's connections (docs/protocol.md 3, 5.8): per
    # visitor, per address (all visitors there together: the real address behind
    # trusted_proxies) and per agent. A sender that finds its bucket empty waits until it
    # is full again; one refused more than shut_out_bursts bursts' worth of frames within
    # a minute (it kept sending while told to wait) is shut out for shut_out_seconds.
    visitor_frames_per_second: float = 10.0
    visitor_frame_burst: float = 30.0
    address_frames_per_second: float = 40.0
    address_frame_burst: float = 120.0
    agent_frames_per_second: float = 50.0
    agent_frame_burst: float = 200.0
    shut_out_bursts: float = 5.0
    shut_out_seconds: float = 60.0

    # Password logins, throttled per account and per address (docs/protocol.md 4.2): after
    # the free failures each further one doubles the wait before the next attempt, from
    # login_first_delay_seconds; the lockout failures lock out for login_lockout_minutes,
    # which is also how long a failure is remembered. Checks run in password_check_threads
    # threads off the event loop; past password_check_queue waiting, logins are refused.
    login_free_failures: int = 3
    login_lockout_failures: int = 10
    login_address_free_failures: int = 10
    login_address_lockout_failures: int = 30
    login_first_delay_seconds: float = 1.0
    login_lockout_minutes: float = 15.0
    password_check_threads: int = 1
    password_check_queue: int = 8

    # Storage and fan-out. Empty: SQLite in data_dir, and one relay alone. Several relays
    # share a `postgresql://user:password@host/db` database and a `redis://host:6379/0`
    # broker (docs/operations.md).
    database_url: str = ""
    broker_url: str = ""
    # How often a relay of a cluster says it is alive and checks for the lead; one that
    # goes silent stops counting after three of these (its agents and visitors with it).
    cluster_heartbeat_seconds: float = 5.0

    commit_batch_max: int = 1000
    # full: a message is acknowledged once its commit is synced to the disk (one sync per
    # group commit). fast: once committed, not synced; a power cut or OS crash can lose
    # up to about a second of acknowledged messages (a killed relay loses none).
    durability: Durability = Durability.FULL

    # Files: uploads and downloads over HTTP on a port of their own (websockets serves GET only)
    files_port: int = -1  # -1: the relay's port + 1 (0, any free port, when port is 0)
    files_url: str = ""  # public URL of /files behind a proxy, e.g. https://chat.example/files
    max_file_bytes: int = 10 * 1024 * 1024
    uploads_per_minute: float = 6.0  # per visitor or agent, with bursts of upload_burst
    upload_burst: float = 10.0
    unsent_file_hours: float = 24.0  # files not sent (or withdrawn) are deleted after this

    def browser_url(self) -> str:
        """Where browsers reach the relay (for embed snippets): `public_url` when it is set,
        as it must be behind a proxy, else the address and port it serves on; listening on
        every address, the machine's name stands for them."""
        if self.public_url:
            return self.public_url.rstrip("/")
        host = socket.gethostname() if self.host in ANY_ADDRESS else self.host
        return f"http://{f'[{host}]' if ':' in host else host}:{self.port}"

    def clustered(self) -> bool:
        """Whether this relay is one of several (they share PostgreSQL and Redis)."""
        return bool(self.broker_url)

    def data_path(self) -> Path:
        return Path(self.data_dir).expanduser()

    def files_path(self) -> Path:
        return self.data_path() / "files"

    def file_port(self) -> int:
        if self.files_port >= 0:
            return self.files_port
        return self.port + 1 if self.port else 0

    def geo_path(self) -> Path:
        return Path(self.geo_dir).expanduser() if self.geo_dir else self.data_path() / "geo"


def _from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """PARLEY_<FIELD> values; lists are comma-separated, booleans 1/true/yes/on."""
    overrides: dict[str, Any] = {}
    for field in msgspec.structs.fields(RelayConfig):
        raw = environ.get(f"PARLEY_{field.name.upper()}")
        if raw is None:
            continue
        if field.type is bool:
            overrides[field.name] = raw.strip().lower() in ("1", "true", "yes", "on")
        elif getattr(field.type, "__origin__", None) is list:
            overrides[field.name] = [part.strip() for part in raw.split(",") if part.strip()]
        else:
            overrides[field.name] = raw  # msgspec converts it to the field's type
    return overrides


def load_config(
    path: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> RelayConfig:
    values: dict[str, Any] = {}
    if path is not None:
        try:
            values.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"cannot read {path}: {error}") from None
    values.update(_from_environment(os.environ if environ is None else environ))
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    try:
        config = msgspec.convert(values, RelayConfig, strict=False)
    except msgspec.ValidationError as error:
        raise ConfigError(f"invalid configuration: {error}") from None
    _check_urls(config)
    return config


# What the drivers accept (asyncpg, redis-py); checked here so that a typo is one line
# at start rather than a traceback later.
DATABASE_SCHEMES = ("postgresql://", "postgres://")
BROKER_SCHEMES = ("redis://", "rediss://", "unix://")


def _check_urls(config: RelayConfig) -> None:
    database, broker = config.database_url, config.broker_url
    if database and not database.startswith(DATABASE_SCHEMES):
        raise ConfigError(
            f"database_url {without_password(database)!r}: give "
            "postgresql://user:password@host/database, or nothing for SQLite in data_dir"
        )
    if broker and not broker.startswith(BROKER_SCHEMES):
        raise ConfigError(
            f"broker_url {without_password(broker)!r}: give redis://host:6379/0 "
            "(rediss:// with TLS), or nothing for a relay alone"
        )
    if broker and not database:
        raise ConfigError(
            "broker_url needs database_url: relays that share a broker must share one "
            "PostgreSQL database (docs/operations.md)"
        )
