"""`parley-relay department add` refuses a name that differs from a department's only in
case, and `department set` finds a department whatever the case it is written in."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import cli


def test_a_department_name_differing_only_in_case_is_refused_and_found(tmp_path: Path) -> None:
    assert cli(tmp_path, "site", "add", "school.example", "--key", "school").returncode == 0
    assert cli(tmp_path, "department", "add", "school", "Sales").returncode == 0
    assert cli(tmp_path, "department", "add", "school", "学生服务").returncode == 0
    for name in ("sales", "SALES", " Sales "):
        refused = cli(tmp_path, "department", "add", "school", name)
        assert refused.returncode == 2, refused
        [line] = refused.stderr.splitlines()
        assert "department named 'Sales' already" in line, line
    listed = cli(tmp_path, "department", "list", "school").stdout
    assert "Sales" in listed and "sales" not in listed and "SALES" not in listed
    # Another site may have its own "sales".
    assert cli(tmp_path, "site", "add", "shop.example", "--key", "shop").returncode == 0
    assert cli(tmp_path, "department", "add", "shop", "sales").returncode == 0
    changed = cli(tmp_path, "department", "set", "school", "SALES", "--offer-seconds", "45")
    assert changed.returncode == 0, changed
    assert changed.stdout.startswith("department Sales changed")
    assert "offer_seconds = 45" in cli(tmp_path, "department", "show", "school", "sales").stdout
