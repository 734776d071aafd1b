"""A real X display (Xvfb) for tests of the installed agent app on the screen agents use:
starting one, the environment the app runs in there, and finding its windows."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

AGENT = str(Path(sys.executable).parent / "parley-agent")
LOGIN_TITLE = "Log in to Parley"
WINDOW_WAIT_SECONDS = 10


def require_tools(*names: str) -> None:
    """Skip when a tool is missing on a developer's machine; under CI, fail instead."""
    missing = [name for name in names if shutil.which(name) is None]
    if not missing:
        return
    message = f"not installed: {', '.join(missing)} (./dev test installs them)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def xvfb_display() -> Iterator[str]:
    """A fresh Xvfb on a display number it picks itself (-displayfd), no TCP; yields ':N'."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as announced:
            number = announced.readline().strip()  # written once the server accepts clients
        if not number:
            _, errors = server.communicate(timeout=5)
            pytest.fail(f"Xvfb did not start: {errors.decode(errors='replace')[-2000:]}")
        yield f":{number.decode()}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def desktop_environment(home: Path, display: str) -> dict[str, str]:
    """The caller's environment with an empty profile, on `display`, with Qt's xcb platform."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XAUTHORITY")
    }
    runtime = home / "runtime"
    for folder in (home, home / "config", home / "data", home / "cache", runtime):
        folder.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(runtime),
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
    )
    return env


def viewable_windows(display: str, title: str) -> list[str]:
    """Ids of the windows on `display` titled `title` that are mapped and viewable."""
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree", "-display", display],
        capture_output=True,
        text=True,
        timeout=5,
        check=True,
    ).stdout
    ids = re.findall(rf'^\s*(0x[0-9a-f]+) "{re.escape(title)}":', tree, flags=re.MULTILINE)
    viewable = []
    for window in ids:
        info = subprocess.run(
            ["xwininfo", "-id", window, "-display", display],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout
        if "Map State: IsViewable" in info:
            viewable.append(window)
    return viewable


def process_end(process: subprocess.Popen[bytes], log: Path) -> str | None:
    """None while `process` runs; once it has ended, how, with the end of its log."""
    if process.poll() is None:
        return None
    return f"exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}"


def wait_for_window(
    display: str, title: str, seconds: float, ended: Callable[[], str | None]
) -> list[str]:
    """Poll until a viewable window titled `title` exists; fail at once when `ended` says."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (end := ended()) is not None:
            pytest.fail(f"no window titled {title!r}: the app {end}")
        if windows := viewable_windows(display, title):
            return windows
        time.sleep(0.2)
    pytest.fail(f"no window titled {title!r} appeared on {display} within {seconds} s")
