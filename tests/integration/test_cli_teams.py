"""`parley-relay department …` and the routing settings of `agent set` (departments,
skills, level, chats at once), as IT staff use them, in a real subprocess."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.helpers.cli import cli

PASSWORD = "long enough pw\n"


def _refused(result: subprocess.CompletedProcess[str], words: str) -> None:
    """Exit code 2 and one line saying why, no traceback."""
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("parley-relay: ") and words in line, line


def _site_with_agents(data: Path, key: str = "school", *agents: str) -> None:
    assert cli(data, "site", "add", f"{key}.example", "--key", key).returncode == 0
    for name in agents:
        assert cli(data, "agent", "add", name, stdin=PASSWORD).returncode == 0


def test_departments_are_added_to_a_site_and_listed_with_their_agents(tmp_path: Path) -> None:
    _site_with_agents(tmp_path, "school", "alice", "bob")
    added = cli(tmp_path, "department", "add", "school", "Front desk")
    assert added.returncode == 0, added.stderr
    assert added.stdout == "department Front desk added to site school\n"
    assert cli(tmp_path, "department", "add", "school", "Doctors").returncode == 0
    _refused(cli(tmp_path, "department", "add", "school", "Front desk"), "already")
    listed = cli(tmp_path, "department", "list", "school")
    assert [line.split(None, 2)[0] for line in listed.stdout.splitlines()] == [
        "Doctors",
        "Front",
    ]
    assert all("(no agents)" in line for line in listed.stdout.splitlines())

    changed = cli(
        tmp_path,
        "agent",
        "set",
        "alice",
        "--departments",
        "Front desk, Doctors",
        "--skills",
        "ielts,visa",
        "--level",
        "2",
        "--max-chats",
        "4",
    )
    assert changed.returncode == 0, changed.stderr
    assert "agent alice changed" in changed.stdout
    assert cli(tmp_path, "agent", "set", "bob", "--departments", "Front desk").returncode == 0

    listed = cli(tmp_path, "department", "list", "school")
    assert listed.stdout.splitlines() == [
        f"{'Doctors':<24} alice",
        f"{'Front desk':<24} alice, bob",
    ]
    agents = cli(tmp_path, "agent", "list").stdout.splitlines()
    assert agents[0].split()[:3] == ["alice", "agent", "enabled"]
    assert agents[1] == (
        "    level 2, at most 4 chats at once; "
        "departments: Front desk (school), Doctors (school); skills: ielts, visa"
    )
    assert agents[3] == (
        "    level 1, at most 5 chats at once; departments: Front desk (school); skills: none"
    )

    # An empty list takes the agent out of every department; other settings stay.
    assert cli(tmp_path, "agent", "set", "alice", "--departments", "").returncode == 0
    assert "departments: none; skills: ielts, visa" in cli(tmp_path, "agent", "list").stdout
    assert "alice" not in cli(tmp_path, "department", "list", "school").stdout


def test_unknown_sites_agents_and_departments_are_refused_in_one_line_changing_nothing(
    tmp_path: Path,
) -> None:
    _site_with_agents(tmp_path, "school", "alice")
    assert cli(tmp_path, "department", "add", "school", "Doctors").returncode == 0
    assert cli(tmp_path, "agent", "set", "alice", "--departments", "Doctors").returncode == 0
    before = cli(tmp_path, "agent", "list").stdout

    _refused(cli(tmp_path, "department", "add", "nope", "Doctors"), "no site with key 'nope'")
    _refused(cli(tmp_path, "department", "list", "nope"), "no site with key 'nope'")
    _refused(cli(tmp_path, "agent", "set", "nobody", "--level", "2"), "no agent named 'nobody'")
    _refused(
        cli(tmp_path, "agent", "set", "alice", "--departments", "Doctors,Nurses", "--level", "3"),
        "no department named 'Nurses'",
    )
    _refused(
        cli(tmp_path, "agent", "set", "alice", "--site", "nope", "--departments", "Doctors"),
        "no site with key 'nope'",
    )
    _refused(cli(tmp_path, "agent", "set", "alice", "--site", "school"), "--departments")
    _refused(cli(tmp_path, "agent", "set", "alice", "--level", "0"), "--level")
    _refused(cli(tmp_path, "agent", "set", "alice", "--max-chats", "1000"), "--max-chats")
    _refused(cli(tmp_path, "department", "add", "school", "A, B"), "comma")
    _refused(cli(tmp_path, "department", "add", "school", "  "), "needs a name")
    assert cli(tmp_path, "agent", "list").stdout == before


def test_a_name_two_sites_share_is_looked_up_in_the_site_given(tmp_path: Path) -> None:
    _site_with_agents(tmp_path, "school", "alice")
    _site_with_agents(tmp_path, "clinic")
    for site in ("school", "clinic"):
        assert cli(tmp_path, "department", "add", site, "Front desk").returncode == 0

    _refused(
        cli(tmp_path, "agent", "set", "alice", "--departments", "Front desk"),
        "'Front desk' is a department of several sites (school, clinic): add --site KEY",
    )
    for site in ("school", "clinic"):  # one site at a time; the other's stay
        chosen = cli(
            tmp_path, "agent", "set", "alice", "--site", site, "--departments", "Front desk"
        )
        assert chosen.returncode == 0, chosen.stderr
    assert "departments: Front desk (school), Front desk (clinic);" in chosen.stdout
    for site in ("school", "clinic"):
        assert "alice" in cli(tmp_path, "department", "list", site).stdout

    # Emptied in one site only.
    assert (
        cli(tmp_path, "agent", "set", "alice", "--site", "clinic", "--departments", "").returncode
        == 0
    )
    assert "alice" in cli(tmp_path, "department", "list", "school").stdout
    assert "alice" not in cli(tmp_path, "department", "list", "clinic").stdout


def test_names_are_printed_as_one_line_that_cannot_steer_the_terminal(tmp_path: Path) -> None:
    _site_with_agents(tmp_path, "school")
    hostile = "Bob\x1b[2J\u202eeviL\nroot"
    added = cli(tmp_path, "agent", "add", "bob", "--display-name", hostile, stdin=PASSWORD)
    _refused(added, "display name is printable text")  # visitors would see it
    assert "\x1b" not in added.stderr and "\u202e" not in added.stderr
    refused = cli(tmp_path, "department", "add", "school", "Desk\x1b[2J")
    _refused(refused, "printable")
    assert "\x1b" not in refused.stderr

    # Any language is a name; a terminal that cannot show it gets escapes, not a traceback.
    assert cli(tmp_path, "department", "add", "school", "前台").returncode == 0
    assert cli(tmp_path, "department", "list", "school").stdout.startswith("前台")
    ascii_only = cli(tmp_path, "department", "list", "school", env={"PYTHONIOENCODING": "ascii"})
    assert ascii_only.returncode == 0, ascii_only.stderr
    assert ascii_only.stdout.startswith("\\u524d\\u53f0")


@pytest.mark.parametrize(
    "display_name", ["Eve \u202eNIMDA", "two\nlines", "  ", "x" * 101, "tab\there"]
)
def test_a_display_name_visitors_would_misread_is_refused(
    tmp_path: Path, display_name: str
) -> None:
    refused = cli(tmp_path, "agent", "add", "eve", "--display-name", display_name, stdin=PASSWORD)
    _refused(refused, "display name is printable text of 1 to 100 characters")
    assert len(refused.stderr) < 300
    assert (
        cli(tmp_path, "agent", "add", "eve", "--display-name", "Eve", stdin=PASSWORD).returncode
        == 0
    )
    _refused(
        cli(tmp_path, "agent", "set", "eve", "--display-name", display_name),
        "display name is printable text",
    )
