"""A throwaway Redis for the cluster tests: Debian's redis-server on 127.0.0.1, no disk.

Started once per test session (the `redis_server` fixture in tests/conftest.py); tests that
restart it (to prove relays notice and recover) use `restart()` or `stopped()`. Each test
gets a database number of its own (`url()`) and flushes nothing of another's.
"""

from __future__ import annotations

import contextlib
import itertools
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tests.helpers.postgres import free_port

REDIS_SERVER = "/usr/bin/redis-server"
DATABASES = 256  # one per test that asks, cycled


class RedisServer:
    def __init__(self) -> None:
        if shutil.which(REDIS_SERVER) is None:
            raise RuntimeError(
                f"{REDIS_SERVER} is missing: `./dev test` installs Debian's redis-server"
            )
        self.directory = Path(tempfile.mkdtemp(prefix="parley-redis-"))
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None
        self._databases = itertools.cycle(range(DATABASES))

    def url(self) -> str:
        """A database of its own for the caller, emptied."""
        number = next(self._databases)
        self._command("-n", str(number), "FLUSHDB")
        return f"redis://127.0.0.1:{self.port}/{number}"

    def start(self) -> None:
        # fmt: off
        arguments = [
            REDIS_SERVER,
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--databases", str(DATABASES),
            "--dir", str(self.directory),
            "--logfile", str(self.directory / "redis.log"),
        ]
        # fmt: on
        self._process = subprocess.Popen(
            arguments,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(subprocess.CalledProcessError):
                if self._command("PING") == "PONG":
                    return
            if self._process.poll() is not None:
                break
            time.sleep(0.02)
        raise RuntimeError(f"redis-server did not start; see {self.directory / 'redis.log'}")

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()  # as a crash would: clients see their connections drop
            self._process.wait()
            self._process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    @contextlib.contextmanager
    def stopped(self) -> Iterator[None]:
        self.stop()
        try:
            yield
        finally:
            self.start()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def _command(self, *words: str) -> str:
        done = subprocess.run(
            ["redis-cli", "-p", str(self.port), *words],
            capture_output=True,
            check=True,
            timeout=5,
        )
        return done.stdout.decode().strip()
