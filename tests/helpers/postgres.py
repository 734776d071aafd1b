"""A throwaway PostgreSQL server for a test session (the `postgres_server` fixture): made
with initdb in a temporary directory, listening on 127.0.0.1 at a free port and on a
socket in that directory, fsync off, stopped with `pg_ctl -m fast -w stop` at the end.

PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user
(runuser). Each test gets a database of its own, copied from a template in about 40 ms:
`fresh_database()` has the relay's schema (migrated once, by the real migrations),
`fresh_database(migrated=False)` is empty. `restart()` and `stop()`/`start()` are for the
tests that take the server away from a running store.

Missing binaries fail the fixture with what to install, never skip: a suite that skips
its PostgreSQL half without a word proves nothing about it.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import asyncpg

from relay.store.postgres import PostgresStore

BIN_DIRS = ("/usr/lib/postgresql/*/bin",)
TEMPLATE = "parley_template"
USER = "postgres"


T = TypeVar("T")


class PostgresMissing(RuntimeError):
    pass


def run_apart(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run `coroutine` to its end on an event loop of its own, in a thread of its own:
    callable from synchronous code whether or not an event loop runs in this thread."""
    result: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(asyncio.run(coroutine))
        except BaseException as error:
            failure.append(error)

    thread = threading.Thread(target=run, name="postgres-helper")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return result[0]


def find_binaries() -> Path:
    """The newest installed PostgreSQL's bin directory (PARLEY_PG_BIN to choose one)."""
    chosen = os.environ.get("PARLEY_PG_BIN")
    candidates = [Path(chosen)] if chosen else []
    for pattern in BIN_DIRS:
        root = Path(pattern.split("*")[0])
        if root.is_dir():
            versions = [p for p in root.glob("*/bin") if p.parent.name.isdigit()]
            found = sorted(versions, key=lambda p: int(p.parent.name))
            candidates += reversed(found)
    for candidate in candidates:
        if (candidate / "initdb").is_file() and (candidate / "pg_ctl").is_file():
            return candidate
    raise PostgresMissing(
        "PostgreSQL's initdb and pg_ctl were not found (looked in "
        f"{', '.join(BIN_DIRS)}{' and PARLEY_PG_BIN' if chosen else ''}): the PostgreSQL "
        "tests need them; `./dev test` installs them (apt-get install postgresql)"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class PostgresServer:
    def __init__(self, directory: Path, binaries: Path) -> None:
        self.directory = directory
        self.binaries = binaries
        self.data = directory / "data"
        self.log = directory / "postgres.log"
        self.port = free_port()
        self._names = itertools.count()
        self._as_postgres = os.geteuid() == 0

    # ------------------------------------------------------------ processes

    def _command(self, program: str, *args: str) -> list[str]:
        command = [str(self.binaries / program), *args]
        return ["runuser", "-u", USER, "--", *command] if self._as_postgres else command

    def _pg_ctl(self, *args: str) -> list[str]:
        return self._command("pg_ctl", "-D", str(self.data), "-l", str(self.log), *args)

    def _start_command(self) -> list[str]:
        options = f"-k {self.directory} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off"
        return self._pg_ctl("-w", "-t", "30", "-o", options, "start")

    def _stop_command(self) -> list[str]:
        return self._pg_ctl("-m", "fast", "-w", "stop")

    def _run(self, command: list[str]) -> None:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")

    def create(self) -> None:
        """initdb, start, and the template database with the relay's schema."""
        if self._as_postgres:
            shutil.chown(self.directory, USER)
        self._run(
            self._command(
                "initdb",
                *("-D", str(self.data), "-A", "trust", "-U", USER),
                *("--no-sync", "-E", "UTF8", "--locale=C.UTF-8"),
            )
        )
        self._run(self._start_command())
        run_apart(self._make_template())

    async def _make_template(self) -> None:
        await self.execute(f"CREATE DATABASE {TEMPLATE}")
        store = PostgresStore(self.url(TEMPLATE))
        await store.open()  # the real migrations make the template's schema
        await store.close()

    def destroy(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self._run(self._stop_command())
        shutil.rmtree(self.directory, ignore_errors=True)

    async def stop(self) -> None:
        """Take the server away (its clients' connections are closed), as a restart or
        a failover does."""
        await self._run_async(self._stop_command())

    async def start(self) -> None:
        await self._run_async(self._start_command())

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def _run_async(self, command: list[str]) -> None:
        # Not subprocess.run: the event loop keeps running meanwhile, as it would while a
        # real server restarts, so the store sees its connections close when they do.
        process = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
        )
        output, _ = await process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{output.decode()}")

    # ------------------------------------------------------------ databases

    def url(self, database: str) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    async def execute(self, statement: str, database: str = "postgres") -> None:
        connection = await asyncpg.connect(self.url(database))
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    async def fresh_database(self, *, migrated: bool = True) -> str:
        """The URL of a new database: the relay's schema in it, or nothing (template0)."""
        name = f"test_{os.getpid()}_{next(self._names)}"
        # FILE_COPY copies the template's files rather than writing them through the WAL
        # (PostgreSQL 15's default); its checkpoints cost little with fsync off.
        template = TEMPLATE if migrated else "template0"
        await self.execute(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY")
        return self.url(name)

    async def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        await self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextlib.contextmanager
def running_server() -> Iterator[PostgresServer]:
    """A server for the session; PostgresMissing (with what to install) without binaries."""
    binaries = find_binaries()
    directory = Path(tempfile.mkdtemp(prefix="parley-pg-"))
    server = PostgresServer(directory, binaries)
    try:
        server.create()
        yield server
    finally:
        server.destroy()


class OutsideConnection:
    """A connection beside the store's, usable from synchronous code that runs on the
    test's event loop (a future's callback) while that loop waits: it has a loop of its
    own in a thread, so what it reads is what is committed at that very moment."""

    def __init__(self, url: str) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="outside-db")
        self._thread.start()
        self._connection: asyncpg.Connection = self._call(asyncpg.connect(url))

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=30)

    def column(self, query: str) -> list[Any]:
        return [row[0] for row in self._call(self._connection.fetch(query))]

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._call(self._connection.close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()
