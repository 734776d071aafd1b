"""The installed `parley-agent` on a real X display (Xvfb), with Qt's xcb platform.

Every other desktop test runs Qt offscreen, which needs none of the xcb libraries a real
screen needs; this one proves the app opens its login window where agents will see it.

How it was checked to fail without the xcb libraries (Debian 12, PySide6 6.11.3): on this
machine, which had every other xcb package already (from its image) but not
libxcb-icccm4 and libxcb-keysyms1, parley-agent aborted at once (exit -6, "Could not load
the Qt platform plugin "xcb"", Qt wrongly blaming xcb-cursor0) and this test failed with
that message; once `./dev` had installed them, it passed. With them installed, running it
with LD_LIBRARY_PATH set to a folder holding an empty `libxcb-icccm.so.4` (so the loader
cannot use the real one) makes it fail the same way again.
"""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

from tests.helpers.display import (
    AGENT,
    LOGIN_TITLE,
    WINDOW_WAIT_SECONDS,
    desktop_environment,
    process_end,
    require_tools,
    viewable_windows,
    wait_for_window,
    xvfb_display,
)


def test_installed_app_shows_its_login_window_on_a_real_x_display(tmp_path: Path) -> None:
    require_tools("Xvfb", "xwininfo")
    log = tmp_path / "parley-agent.log"
    with xvfb_display() as display, log.open("wb") as errors:
        app = subprocess.Popen(
            [AGENT],
            env=desktop_environment(tmp_path / "home", display),
            stdin=subprocess.DEVNULL,
            stdout=errors,
            stderr=errors,
        )
        try:
            windows = wait_for_window(
                display, LOGIN_TITLE, WINDOW_WAIT_SECONDS, lambda: process_end(app, log)
            )
            assert len(windows) == 1
            assert app.poll() is None  # still running, waiting for the agent to log in
        finally:
            app.terminate()
            try:
                app.wait(timeout=5)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
                raise
        assert app.returncode == 0  # SIGTERM: it quit as its Quit does, not killed
        assert "Could not load the Qt platform plugin" not in log.read_text(errors="replace")


def test_ctrl_c_quits_the_app_at_its_login_box_even_when_started_in_the_background(
    tmp_path: Path,
) -> None:
    """A shell starts background jobs with SIGINT ignored (./dev run does): Ctrl+C must
    still quit the app, and at once, though Qt waits in a modal dialog."""
    require_tools("Xvfb", "xwininfo")
    log = tmp_path / "parley-agent.log"
    with xvfb_display() as display, log.open("wb") as errors:
        app = subprocess.Popen(
            [AGENT],
            env=desktop_environment(tmp_path / "home", display),
            stdin=subprocess.DEVNULL,
            stdout=errors,
            stderr=errors,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
        )
        try:
            wait_for_window(
                display, LOGIN_TITLE, WINDOW_WAIT_SECONDS, lambda: process_end(app, log)
            )
            app.send_signal(signal.SIGINT)
            assert app.wait(timeout=10) == 0
        finally:
            if app.poll() is None:
                app.kill()
                app.wait()
        assert viewable_windows(display, LOGIN_TITLE) == []
