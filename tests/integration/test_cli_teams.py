"""`parley-relay department …` (departments, their routing settings) and the routing
settings of `agent set` (role, departments, skills, level, chats at once), as IT staff use
them, in a real subprocess."""

from __future__ import annotations

import subprocess
import tomllib
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
    assert listed.stdout.splitlines() == [  # in the order they were added
        f"{'Front desk':<24} (no agents)",
        "    settings: default",
        f"{'Doctors':<24} (no agents)",
        "    settings: default",
    ]

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
    assert listed.stdout.splitlines()[::2] == [
        f"{'Front desk':<24} alice, bob",
        f"{'Doctors':<24} alice",
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
    _refused(cli(tmp_path, "agent", "set", "alice", "--level", "10"), "from 1 to 9")
    _refused(cli(tmp_path, "agent", "set", "alice", "--max-chats", "51"), "from 0 to 50")
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


def test_a_departments_settings_change_only_as_given_and_are_shown(tmp_path: Path) -> None:
    _site_with_agents(tmp_path, "school")
    assert cli(tmp_path, "department", "add", "school", "Front desk").returncode == 0
    changed = cli(
        tmp_path,
        *("department", "set", "school", "Front desk", "--mode", "hybrid"),
        *("--tiers", "2:0,1:30", "--pages", "*/prices*, */courses/*"),
        *("--hours", "mon-fri 09:00-18:00", "--time-zone", "Asia/Shanghai"),
    )
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout.splitlines() == [
        "department Front desk changed",
        '    settings: --mode hybrid --tiers 2:0,1:30 --pages "*/prices*,*/courses/*" '
        '--hours "mon-fri 09:00-18:00" --time-zone Asia/Shanghai',
    ]
    # Only what is given changes; "" clears a list.
    again = cli(tmp_path, "department", "set", "school", "Front desk", "--offer-seconds", "20")
    assert again.returncode == 0, again.stderr
    assert "--mode hybrid --offer-seconds 20 --tiers 2:0,1:30" in again.stdout
    cleared = cli(tmp_path, "department", "set", "school", "Front desk", "--tiers", "")
    assert "--tiers" not in cleared.stdout and "--offer-seconds 20" in cleared.stdout

    shown = cli(tmp_path, "department", "show", "school", "Front desk")
    assert shown.returncode == 0, shown.stderr
    settings = tomllib.loads(shown.stdout)
    assert settings["mode"] == "hybrid" and settings["offer_seconds"] == 20
    assert settings["pages"] == ["*/prices*", "*/courses/*"] and settings["tiers"] == []
    assert settings["time_zone"] == "Asia/Shanghai" and settings["queue_limit"] == 20
    listed = cli(tmp_path, "department", "list", "school").stdout.splitlines()
    assert listed[1].startswith("    settings: --mode hybrid --offer-seconds 20 --pages")


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--offer-seconds", "3"], "--offer-seconds: Expected `int` >= 5"),
        (["--tiers", "2:0,x"], "--tiers: 'x' is not level:after_seconds"),
        (["--tiers", "0:0"], "--tiers (tier 1: level): Expected `int` >= 1"),
        (["--tiers", "1:0,2:30"], "--tiers (tier 2: level): must be lower"),
        (["--max-wait", "5"], "--max-wait: Expected `int` >= 30"),
        (["--time-zone", "Mars/Olympus"], "--time-zone"),
        (["--hours", "someday"], "--hours"),
    ],
)
def test_settings_out_of_bounds_are_refused_naming_the_option_storing_nothing(
    tmp_path: Path, options: list[str], words: str
) -> None:
    _site_with_agents(tmp_path, "school")
    assert cli(tmp_path, "department", "add", "school", "Desk").returncode == 0
    assert (
        cli(tmp_path, "department", "set", "school", "Desk", "--queue-limit", "5").returncode == 0
    )
    before = cli(tmp_path, "department", "show", "school", "Desk").stdout
    _refused(
        cli(tmp_path, "department", "set", "school", "Desk", "--mode", "broadcast", *options), words
    )
    assert cli(tmp_path, "department", "show", "school", "Desk").stdout == before


def test_setting_or_showing_a_department_the_site_lacks_is_refused(tmp_path: Path) -> None:
    _site_with_agents(tmp_path, "school")
    _refused(
        cli(tmp_path, "department", "set", "school", "Nope", "--mode", "hybrid"),
        "no department named 'Nope'",
    )
    _refused(cli(tmp_path, "department", "show", "school", "Nope"), "no department named 'Nope'")
    _refused(cli(tmp_path, "department", "show", "nope", "Nope"), "no site with key 'nope'")
    _refused(cli(tmp_path, "department", "set", "school", "Nope"), "nothing to change")


def test_an_agent_is_made_supervisor_and_back(tmp_path: Path) -> None:
    _site_with_agents(tmp_path, "school", "alice")
    made = cli(tmp_path, "agent", "set", "alice", "--role", "supervisor")
    assert made.returncode == 0, made.stderr
    assert cli(tmp_path, "agent", "list").stdout.split()[:3] == ["alice", "supervisor", "enabled"]
    assert cli(tmp_path, "agent", "set", "alice", "--role", "agent", "--level", "2").returncode == 0
    assert cli(tmp_path, "agent", "list").stdout.split()[:3] == ["alice", "agent", "enabled"]
    added = cli(tmp_path, "agent", "add", "sue", "--role", "supervisor", stdin=PASSWORD)
    assert added.stdout == "agent sue added (supervisor)\n"
    refused = cli(tmp_path, "agent", "set", "alice", "--role", "boss")
    assert refused.returncode == 2 and "invalid choice: 'boss'" in refused.stderr
