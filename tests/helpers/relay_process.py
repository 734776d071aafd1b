"""The relay as a real subprocess (`python -m relay serve`), for crash and benchmark runs."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

_LISTENING = re.compile(rb"listening on http://127\.0\.0\.1:(\d+)")


@dataclass
class RelayProcess:
    process: asyncio.subprocess.Process
    port: int

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    async def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a crash or an OOM kill."""
        self.process.kill()
        await self.process.wait()

    async def terminate(self) -> int:
        self.process.terminate()
        return await self.process.wait()


async def start_relay_process(
    data_dir: Path, *, port: int = 0, env: dict[str, str] | None = None
) -> RelayProcess:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "relay",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
        stdout=asyncio.subprocess.PIPE,
        stderr=None if os.environ.get("PARLEY_TEST_RELAY_LOGS") else asyncio.subprocess.DEVNULL,
        env={**os.environ, "PARLEY_LOG_LEVEL": "warning", **(env or {})},
    )
    assert process.stdout is not None
    async with asyncio.timeout(30):
        while True:
            line = await process.stdout.readline()
            if not line:
                raise RuntimeError(f"relay exited early with {await process.wait()}")
            if match := _LISTENING.search(line):
                # Keep draining stdout so the relay never blocks on a full pipe.
                asyncio.get_running_loop().create_task(_drain(process.stdout))
                return RelayProcess(process, int(match.group(1)))


async def _drain(stream: asyncio.StreamReader) -> None:
    while await stream.read(65536):
        pass
