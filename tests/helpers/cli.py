"""The relay's command line (`parley-relay`, as IT staff run it) in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def cli(
    data: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `parley-relay ARGS --data-dir DATA`; `env` adds to (not replaces) the environment,
    with the caller's own PARLEY_* settings left out so that only the test's count."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")}
    return subprocess.run(
        [sys.executable, "-m", "relay", *args, "--data-dir", str(data)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**environment, **(env or {})},
    )
