"""`./dev run` as a developer uses it: the relay and the agent app on a screen (Xvfb),
started in order and stopped together, and one clear line when the relay cannot start."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers.display import (
    LOGIN_TITLE,
    desktop_environment,
    process_end,
    require_tools,
    viewable_windows,
    wait_for_window,
    xvfb_display,
)
from tests.helpers.geo import needs_geo_data

REPO = Path(__file__).resolve().parents[2]
RELAY = str(REPO / ".venv" / "bin" / "parley-relay")
START_SECONDS = 60  # ./dev run checks the venv, Qt and the agents before the relay starts
STOP_SECONDS = 15


# ./dev run fetches the location databases (150 MB) when data/geo lacks them; a test must
# never do that, so without them these tests are skipped.
pytestmark = needs_geo_data


def free_port_pair() -> int:
    """A port P on 127.0.0.1 with P + 1 (the relay's file port) free too."""
    for _ in range(50):
        with socket.socket() as first:
            first.bind(("127.0.0.1", 0))
            port = int(first.getsockname()[1])
            with socket.socket() as second:
                try:
                    second.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
                return port
    raise RuntimeError("no two free ports in a row on 127.0.0.1")


def healthy(port: int) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"http://127.0.0.1:{port}/healthz", timeout=2) as reply:
            return bool(reply.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def session_is_gone(process: subprocess.Popen[bytes]) -> bool:
    """Whether nothing ./dev run started (relay, app) is left in its process group."""
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        return True
    return False


def environment(tmp_path: Path, display: str | None) -> dict[str, str]:
    env = desktop_environment(tmp_path / "home", display or "")
    env["PARLEY_DATA_DIR"] = str(tmp_path / "data")
    # ./dev run looks for the location databases in the data directory it is given.
    geo = tmp_path / "data" / "geo"
    if not geo.exists():
        geo.parent.mkdir(exist_ok=True)
        geo.symlink_to(REPO / "data" / "geo")
    del env["QT_QPA_PLATFORM"]  # ./dev run must find xcb by itself (pytest may say offscreen)
    env.pop("PARLEY_NO_APP", None)
    if display is None:
        del env["DISPLAY"]
    return env


def add_admin(tmp_path: Path) -> None:
    """The agent ./dev run would create, so that it has nothing to say about it."""
    subprocess.run(
        [RELAY, "agent", "add", "admin", "--data-dir", str(tmp_path / "data")],
        input="long enough pw\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


@contextmanager
def dev_run(
    tmp_path: Path, env: dict[str, str], port: int, *extra: str
) -> Iterator[subprocess.Popen[bytes]]:
    """`./dev run --port PORT` in a process group of its own, as a terminal would run it."""
    with (tmp_path / "dev-run.log").open("wb") as log:
        process = subprocess.Popen(
            [str(REPO / "dev"), "run", "--port", str(port), *extra],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def app_command_line(process: subprocess.Popen[bytes]) -> str:
    """How ./dev run started the agent app (a process of its session)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            session = int(stat.read_text().rsplit(")", 1)[1].split()[3])
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            if session == process.pid and "parley-agent" in command:
                return command
    raise AssertionError("no parley-agent in the session of ./dev run")


def log_of(tmp_path: Path) -> str:
    return (tmp_path / "dev-run.log").read_text(errors="replace")


def wait_until_healthy(process: subprocess.Popen[bytes], port: int, tmp_path: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while not healthy(port):
        if process.poll() is not None:
            pytest.fail(f"./dev run exited with {process.returncode}:\n{log_of(tmp_path)}")
        if time.monotonic() > deadline:
            pytest.fail(f"no relay on port {port} within {START_SECONDS} s:\n{log_of(tmp_path)}")
        time.sleep(0.2)


def assert_everything_stopped(process: subprocess.Popen[bytes], port: int) -> None:
    process.wait(timeout=STOP_SECONDS)
    deadline = time.monotonic() + STOP_SECONDS
    while not (session_is_gone(process) and port_is_free(port)):
        assert time.monotonic() < deadline, "the relay (or the app) outlived ./dev run"
        time.sleep(0.1)
    assert not healthy(port)


def test_quitting_the_app_stops_the_relay_too(tmp_path: Path) -> None:
    require_tools("Xvfb", "xwininfo", "xdotool")
    port = free_port_pair()
    with xvfb_display() as display, dev_run(tmp_path, environment(tmp_path, display), port) as dev:
        wait_until_healthy(dev, port, tmp_path)
        (window,) = wait_for_window(
            display, LOGIN_TITLE, START_SECONDS, lambda: process_end(dev, tmp_path / "dev-run.log")
        )
        assert healthy(port)  # the app came up against a relay that answers
        # … and was told where it is: a relay on another port than the default 8080.
        assert f"--relay http://127.0.0.1:{port}" in app_command_line(dev)
        # The agent cancels the login (Escape): the app quits by itself, with 0.
        subprocess.run(
            ["xdotool", "windowfocus", "--sync", window, "key", "Escape"],
            env={**os.environ, "DISPLAY": display},
            timeout=10,
            check=True,
        )
        assert_everything_stopped(dev, port)
        assert dev.returncode == 0, log_of(tmp_path)
        assert "Traceback" not in log_of(tmp_path)


def test_ctrl_c_stops_both_the_app_and_the_relay(tmp_path: Path) -> None:
    require_tools("Xvfb", "xwininfo")
    port = free_port_pair()
    with xvfb_display() as display, dev_run(tmp_path, environment(tmp_path, display), port) as dev:
        wait_until_healthy(dev, port, tmp_path)
        wait_for_window(
            display, LOGIN_TITLE, START_SECONDS, lambda: process_end(dev, tmp_path / "dev-run.log")
        )
        os.killpg(dev.pid, signal.SIGINT)  # what Ctrl+C in its terminal sends
        assert_everything_stopped(dev, port)
        assert dev.returncode == 130, log_of(tmp_path)
        assert viewable_windows(display, LOGIN_TITLE) == []


@pytest.mark.parametrize("with_screen", [True, False], ids=["app-mode", "relay-only"])
def test_a_taken_port_gives_one_line_a_failure_and_no_app(
    tmp_path: Path, with_screen: bool
) -> None:
    if with_screen:
        require_tools("Xvfb", "xwininfo")
    add_admin(tmp_path)
    with contextlib.ExitStack() as stack:
        display = stack.enter_context(xvfb_display()) if with_screen else None
        holder = stack.enter_context(socket.socket())
        holder.bind(("127.0.0.1", free_port_pair()))
        holder.listen()
        port = int(holder.getsockname()[1])
        dev = stack.enter_context(dev_run(tmp_path, environment(tmp_path, display), port))
        dev.wait(timeout=START_SECONDS)
        output = log_of(tmp_path)
        assert dev.returncode != 0
        assert "Traceback" not in output
        (line,) = output.strip().splitlines()
        assert f"port {port} on 127.0.0.1 is already in use" in line
        assert "another Parley relay" in line
        if display is not None:
            assert viewable_windows(display, LOGIN_TITLE) == []
        assert session_is_gone(dev)


def test_a_data_directory_given_as_a_flag_gets_the_first_agent_and_the_relay(
    tmp_path: Path,
) -> None:
    port = free_port_pair()
    chosen = tmp_path / "elsewhere"
    (chosen / "geo").parent.mkdir()
    (chosen / "geo").symlink_to(REPO / "data" / "geo")  # never a 150 MB fetch in a test
    env = environment(tmp_path, None)
    del env["PARLEY_DATA_DIR"]
    with dev_run(tmp_path, env, port, "--data-dir", str(chosen)) as dev:
        wait_until_healthy(dev, port, tmp_path)
        agents = subprocess.run(
            [RELAY, "agent", "list", "--data-dir", str(chosen)],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert "admin" in agents.stdout  # the password ./dev run printed opens this relay
        assert "created the first agent" in log_of(tmp_path)
        assert "no agents yet" not in log_of(tmp_path)
