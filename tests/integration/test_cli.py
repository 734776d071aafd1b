"""`parley-relay` administration as IT staff use it, in a real subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def cli(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "relay", *args, "--data-dir", str(data)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_agents_are_added_from_stdin_listed_and_disabled(tmp_path: Path) -> None:
    added = cli(tmp_path, "agent", "add", "alice", "--role", "admin", stdin="long enough pw\n")
    assert added.returncode == 0, added.stderr
    assert "agent alice added (admin)" in added.stdout
    again = cli(tmp_path, "agent", "add", "alice", stdin="long enough pw\n")
    assert again.returncode == 2 and "exists already" in again.stderr
    short = cli(tmp_path, "agent", "add", "bob", stdin="short\n")
    assert short.returncode == 2 and "at least 8 characters" in short.stderr
    assert cli(tmp_path, "agent", "disable", "alice").returncode == 0
    listed = cli(tmp_path, "agent", "list")
    assert listed.stdout.split()[:3] == ["alice", "admin", "disabled"]
    assert "nobody" in cli(tmp_path, "agent", "disable", "nobody").stderr


def test_sites_are_added_with_their_origins_and_configured(tmp_path: Path) -> None:
    added = cli(
        tmp_path,
        "site",
        "add",
        "school.example",
        "--origin",
        "https://School.example:443/",
        "--key",
        "school",
    )
    assert added.returncode == 0, added.stderr
    assert 'data-site="school"' in added.stdout
    assert "https://school.example" in cli(tmp_path, "site", "list").stdout
    bad_origin = cli(tmp_path, "site", "add", "x.example", "--origin", "school.example")
    assert bad_origin.returncode == 2 and "not an origin" in bad_origin.stderr

    configured = cli(
        tmp_path,
        "site",
        "set",
        "school",
        "--name",
        "School",
        "--prechat",
        "name:required,email",
        "--language",
        "mn",
    )
    assert configured.returncode == 0, configured.stderr
    assert '"prechat":[{"field":"name","required":true},{"field":"email","required":false}]' in (
        configured.stdout
    )
    wrong = cli(tmp_path, "site", "set", "school", "--prechat", "age")
    assert wrong.returncode == 2 and "pre-chat fields are" in wrong.stderr
    assert cli(tmp_path, "site", "set", "nope", "--name", "x").returncode == 2
