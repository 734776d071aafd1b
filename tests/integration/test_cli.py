"""`parley-relay` administration as IT staff use it, in a real subprocess."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import cli


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


def test_the_embed_snippet_names_the_relay_where_it_really_is(tmp_path: Path) -> None:
    # No public_url: the address the relay serves on, from the configuration file, with a
    # word on what to set behind a proxy.
    config = tmp_path / "parley.toml"
    config.write_text('host = "10.1.2.3"\nport = 8444\n', encoding="utf-8")
    added = cli(
        tmp_path, "site", "add", "school.example", "--key", "school", "--config", str(config)
    )
    assert added.returncode == 0, added.stderr
    assert 'src="http://10.1.2.3:8444/widget.js" data-site="school"' in added.stdout
    assert "RELAY" not in added.stdout
    [hint] = [line for line in added.stdout.splitlines() if "public_url" in line]
    assert "proxy" in hint

    # The environment overrides the file, as for `serve`.
    by_env = cli(tmp_path, "site", "add", "b.example", "--key", "b", env={"PARLEY_PORT": "9000"})
    assert 'src="http://127.0.0.1:9000/widget.js"' in by_env.stdout

    # With public_url set, that is the address, and there is nothing to advise.
    public = cli(
        tmp_path,
        "site",
        "add",
        "c.example",
        "--key",
        "c",
        env={"PARLEY_PUBLIC_URL": "https://chat.example.com/"},
    )
    assert public.returncode == 0, public.stderr
    assert 'src="https://chat.example.com/widget.js" data-site="c"' in public.stdout
    assert "public_url" not in public.stdout
