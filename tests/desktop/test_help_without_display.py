"""`parley-agent --help` on a machine with no display prints the options and exits 0: the
arguments are read before Qt, which would fail without a display, is started."""

from __future__ import annotations

import os
import subprocess
import sys

START = "import sys; from agent_app.app import main; sys.argv[0] = 'parley-agent'; main()"


def test_help_needs_no_display() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [sys.executable, "-c", START, "--help"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: parley-agent") and "--relay" in done.stdout
