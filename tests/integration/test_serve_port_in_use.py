"""`parley-relay serve` on a port something else holds: one clear line and a quick exit;
and `Relay.start` that fails on a taken port leaves nothing of itself running."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from relay.app import Relay
from relay.config import RelayConfig
from relay.store import StoreUnavailable

RELAY = str(Path(sys.executable).parent / "parley-relay")
EXIT_WITHIN_SECONDS = 15  # a relay that hangs instead of exiting fails with TimeoutExpired


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port on 127.0.0.1 with a listener on it, as another relay would hold it."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def serve(
    data: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [RELAY, "serve", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=EXIT_WITHIN_SECONDS,
        check=False,
        env={**os.environ, **(env or {})},
    )


def assert_one_clear_line(result: subprocess.CompletedProcess[str], port: int) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(port) in lines[0] and "in use" in lines[0]


def test_serve_on_a_taken_port_says_so_in_one_line_and_exits(
    tmp_path: Path, taken_port: int
) -> None:
    result = serve(tmp_path / "data", "--port", str(taken_port))
    assert_one_clear_line(result, taken_port)
    assert result.stderr.startswith(f"parley-relay: port {taken_port} on 127.0.0.1")
    assert "another Parley relay" in result.stderr


def test_serve_with_its_file_port_taken_says_so_in_one_line_and_exits(
    tmp_path: Path, taken_port: int
) -> None:
    result = serve(tmp_path / "data", "--port", "0", env={"PARLEY_FILES_PORT": str(taken_port)})
    assert_one_clear_line(result, taken_port)
    # Set in the configuration: --port would not move it.
    assert "file port (files_port)" in result.stderr and "change files_port" in result.stderr


def test_a_port_taken_between_the_check_and_the_bind_still_exits_with_one_line(
    tmp_path: Path, taken_port: int
) -> None:
    # The race the up-front check cannot close: the relay's own bind fails after its store
    # opened. Before the fix this printed a traceback and never exited.
    data = str(tmp_path / "data")
    skip_check = (
        "import sys; from relay import cli; cli.serve.port_taken = lambda host, port: False; "
        "sys.exit(cli.main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", skip_check, "serve", "--port", str(taken_port), "--data-dir", data],
        capture_output=True,
        text=True,
        timeout=EXIT_WITHIN_SECONDS,
        check=False,
    )
    assert_one_clear_line(result, taken_port)


def _non_daemon_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if not t.daemon and t.is_alive()}


async def _threads_left(before: set[threading.Thread]) -> set[threading.Thread]:
    """Threads started since `before` that are still alive after a moment to wind down."""
    for _ in range(50):
        left = _non_daemon_threads() - before
        if not left:
            break
        await asyncio.sleep(0.1)
    return left


async def _start_fails_and_leaves_nothing(config: RelayConfig) -> Relay:
    before = _non_daemon_threads()
    relay = Relay(config)
    try:
        with pytest.raises(OSError) as refused:
            await relay.start()
        assert "in use" in str(refused.value)
        assert await _threads_left(before) == set()  # the store's reader thread is gone
        with pytest.raises(StoreUnavailable):  # and the store is closed
            await relay.store.list_agents()
    finally:
        await relay.store.close()  # after a failed assertion: let this process still exit
    return relay


async def test_a_relay_whose_port_is_taken_raises_and_stops_what_it_had_started(
    tmp_path: Path, taken_port: int
) -> None:
    config = RelayConfig(
        host="127.0.0.1", port=taken_port, files_port=0, data_dir=str(tmp_path / "data")
    )
    relay = await _start_fails_and_leaves_nothing(config)
    # The file server had started before the bind failed; its port is free again.
    assert relay.ctx.files_port
    with socket.socket() as again:
        again.bind(("127.0.0.1", relay.ctx.files_port))


async def test_a_relay_whose_file_port_is_taken_raises_and_closes_its_store(
    tmp_path: Path, taken_port: int
) -> None:
    config = RelayConfig(
        host="127.0.0.1", port=0, files_port=taken_port, data_dir=str(tmp_path / "data")
    )
    await _start_fails_and_leaves_nothing(config)
