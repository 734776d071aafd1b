"""`parley-relay invitations …` as IT staff use it, in a real subprocess: the setup
exported as TOML, edited and imported back (rules that did not change keep their counts),
dry runs, mistakes in one line that store nothing, the rules listed with their counts and
the A/B tests reported honestly; the example in the docs imports as it is."""

from __future__ import annotations

import contextlib
import re
import subprocess
import time
import tomllib
from collections.abc import AsyncIterator
from pathlib import Path

import msgspec

from relay.core.invitations.setup import SetupDocument, read_document
from relay.store.base import Store
from relay.store.records import NewInvitation
from relay.store.sqlite import SqliteStore
from shared_protocol.lifecycle import SYSTEM, invitation
from tests.helpers.cli import cli
from tests.helpers.postgres import PostgresServer

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "invitations.toml"
PRICES, SURVEY = "prices-page-from-baidu", "exit-survey"  # the example's rules' ids


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def _refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit code 2 and one line saying why, no traceback; the line."""
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("parley-relay: "), line
    for word in words:
        assert word in line, line
    return line


def _site(data: Path, key: str = "school") -> None:
    _ok(cli(data, "site", "add", f"{key}.example", "--key", key))


def _with_ab_test(text: str) -> str:
    """The example with its commented A/B test taken in, as its comment says to do."""
    lines = text.splitlines()
    first = lines.index("# --- A/B test")
    last = lines.index("# --- end of the A/B test")
    block = [line.removeprefix("# ").removeprefix("#") for line in lines[first + 1 : last]]
    return "\n".join([*lines[:first], *block, *lines[last + 1 :]]) + "\n"


@contextlib.asynccontextmanager
async def _store(data: Path) -> AsyncIterator[Store]:
    store = SqliteStore(data / "parley.db")
    await store.open()
    try:
        yield store
    finally:
        await store.close()


async def _stored(data: Path, key: str = "school") -> tuple[SetupDocument, int]:
    async with _store(data) as store:
        site = await store.get_site(key)
        assert site is not None
        found = await store.invitation_setup(site.id)
        return read_document(found.document), found.version


def _as_document(text: str) -> SetupDocument:
    return msgspec.convert(tomllib.loads(text), SetupDocument)


def _what_they_do(document: SetupDocument) -> SetupDocument:
    """The document without what the relay sets (ids and changed_at)."""
    rules = [msgspec.structs.replace(r, id="", changed_at=0) for r in document.rules]
    return msgspec.structs.replace(document, rules=rules)


async def test_the_example_in_the_docs_imports_as_it_is_and_exports_the_same_setup(
    tmp_path: Path,
) -> None:
    _site(tmp_path)
    imported = _ok(cli(tmp_path, "invitations", "import", "school", str(EXAMPLE)))
    assert f"  + {PRICES} 'Prices page, from Baidu': added" in imported
    assert f"  + {SURVEY} 'Exit survey': added" in imported
    assert "rules: 2 added, 0 changed, 0 unchanged, 0 removed; settings changed" in imported
    assert "running relays use it within 5 seconds" in imported

    stored, version = await _stored(tmp_path)
    assert version == 1
    example = _as_document(EXAMPLE.read_text(encoding="utf-8"))
    assert _what_they_do(stored) == _what_they_do(example)
    prices, survey = stored.rules
    assert prices.conditions.engine == "Baidu" and prices.conditions.page_url == ["*/prices*"]
    assert prices.conditions.time_on_page == 30 and prices.policy is None  # the site's
    assert stored.settings.policy.frequency == "once_per_visit"
    assert (survey.trigger, survey.kind, survey.text) == (
        "exit",
        "survey",
        "What were you looking for?",
    )
    assert survey.policy is not None and survey.policy.needs_agent_with_room is False

    # What export writes reads back as the same document, ids included; it is short and
    # laid out for a person: settings first, a block per rule, defaults left out.
    exported = _ok(cli(tmp_path, "invitations", "export", "school"))
    assert _as_document(exported) == msgspec.structs.replace(
        stored, rules=[msgspec.structs.replace(r, changed_at=0) for r in stored.rules]
    )
    assert exported.startswith("# ") and "invitations import school" in exported
    tables = re.findall(r"^\[+[a-z.]+\]+$", exported, flags=re.MULTILINE)
    assert tables == [
        "[settings]",
        "[settings.policy]",
        "[[rules]]",
        "[rules.conditions]",
        "[[rules]]",
        "[rules.conditions]",
        "[rules.policy]",
    ]
    assert 'page_url = ["*/prices*"]' in exported and "time_on_page = 30\n" in exported
    assert "changed_at" not in exported
    assert "enabled" not in exported and "timeout" not in exported  # at their defaults

    # The same file again changes nothing, not even the version.
    again = _ok(cli(tmp_path, "invitations", "import", "school", str(EXAMPLE)))
    assert "rules: 0 added, 0 changed, 2 unchanged, 0 removed; settings unchanged" in again
    assert "nothing to store" in again
    assert (await _stored(tmp_path))[1] == 1


async def test_an_exported_setup_edited_and_imported_keeps_the_counts_of_rules_not_changed(
    tmp_path: Path,
) -> None:
    _site(tmp_path)
    _ok(cli(tmp_path, "invitations", "import", "school", str(EXAMPLE)))
    before, _ = await _stored(tmp_path)
    exported = tmp_path / "school.toml"
    written = _ok(cli(tmp_path, "invitations", "export", "school", "--to", str(exported)))
    assert written == f"site school: settings and 2 rules written to {exported}\n"

    # A person edits the file: new words for the survey, and a rule of their own, first.
    text = exported.read_text(encoding="utf-8")
    text = text.replace('"What were you looking for?"', '"Did you find what you wanted?"')
    new_rule = (
        '[[rules]]\nname = "Mobile visitors"\ntext = "Questions? Tap here."\n\n'
        '[rules.conditions]\ndevice = ["mobile"]\npages_viewed = 3\n\n'
    )
    first = text.index("\n[[rules]]\n") + 1
    exported.write_text(text[:first] + new_rule + text[first:], encoding="utf-8")

    imported = _ok(cli(tmp_path, "invitations", "import", "school", str(exported)))
    assert "  + mobile-visitors 'Mobile visitors': added" in imported
    assert f"  ~ {SURVEY} 'Exit survey': changed: its counts and A/B test start again" in imported
    assert "rules: 1 added, 1 changed, 1 unchanged, 0 removed; settings unchanged" in imported
    after, version = await _stored(tmp_path)
    assert version == 2
    assert [r.id for r in after.rules] == ["mobile-visitors", PRICES, SURVEY]
    assert after.rules[1] == before.rules[0]  # the prices rule: changed_at kept
    assert after.rules[2].changed_at > before.rules[1].changed_at  # the survey's renewed
    assert after.rules[2].text == "Did you find what you wanted?"

    # Disabling a rule keeps its counts; leaving one out of the file removes it.
    text = exported.read_text(encoding="utf-8")
    text = text.replace(f'id = "{PRICES}"\n', f'id = "{PRICES}"\nenabled = false\n')
    survey_at = text.index('name = "Exit survey"')
    exported.write_text(text[: text.rindex("[[rules]]", 0, survey_at)], encoding="utf-8")
    imported = _ok(cli(tmp_path, "invitations", "import", "school", str(exported)))
    assert f"  ~ {PRICES} 'Prices page, from Baidu': disabled: its counts go on" in imported
    assert f"  - {SURVEY} 'Exit survey': removed" in imported
    assert "rules: 0 added, 1 changed, 1 unchanged, 1 removed" in imported
    final, _ = await _stored(tmp_path)
    assert [r.id for r in final.rules] == ["mobile-visitors", PRICES]
    assert final.rules[1].changed_at == before.rules[0].changed_at
    assert final.rules[1].enabled is False


async def test_a_dry_run_says_what_would_change_and_stores_nothing(tmp_path: Path) -> None:
    _site(tmp_path)
    dry = _ok(cli(tmp_path, "invitations", "import", "school", str(EXAMPLE), "--dry-run"))
    assert "rules: 2 added, 0 changed, 0 unchanged, 0 removed; settings changed" in dry
    assert "dry run: the file is fine; nothing was stored" in dry
    assert await _stored(tmp_path) == (SetupDocument(), 0)
    assert "has no invitation rules" in _ok(cli(tmp_path, "invitations", "list", "school"))


async def test_mistakes_are_one_line_with_exit_code_2_and_store_nothing(tmp_path: Path) -> None:
    _site(tmp_path)
    _ok(cli(tmp_path, "invitations", "import", "school", str(EXAMPLE)))
    before = await _stored(tmp_path)
    good = EXAMPLE.read_text(encoding="utf-8")
    mistakes = {
        # TOML that does not parse: the line (and column) tomllib names.
        "unclosed.toml": (
            good.replace("[rules.conditions]\n# All", "[rules.conditions\n# All"),
            (
                "unclosed.toml: line ",
                "Expected ']' at the end of a table declaration (not valid TOML)",
            ),
        ),
        # A wrong type: the field's path, with the rule's name.
        "wrong-type.toml": (
            good.replace("time_on_page = 30", 'time_on_page = "30"'),
            ("rules[0].conditions.time_on_page (rule 'Prices page, from Baidu'):", "`str`"),
        ),
        "out-of-bounds.toml": (
            good.replace("timeout = 20", "timeout = 2"),
            ("settings.timeout: expected `float` >= 5.0",),
        ),
        "bad-choice.toml": (
            good.replace('trigger = "exit"', 'trigger = "leave"'),
            ("rules[1].trigger (rule 'Exit survey'):", "'leave'"),
        ),
        # A misspelt field would otherwise ask nothing.
        "misspelt.toml": (
            good.replace("time_on_page = 30", "time_on_pge = 30"),
            ("rules[0].conditions.time_on_pge: no such field (did you mean `time_on_page`?)",),
        ),
        # Rules that do not compile: the rule and the field.
        "empty-pattern.toml": (
            good.replace('page_url = ["*/prices*"]', 'page_url = ["*/prices*", ""]'),
            ("rule 'Prices page, from Baidu': conditions.page_url: a URL pattern cannot be empty",),
        ),
        "survey-without-question.toml": (
            good.replace('text = "What were you looking for?"', 'text = ""'),
            ("rule 'Exit survey': a survey needs its question in `text`",),
        ),
        "bad-hours.toml": (
            good.replace("sat 10:00-14:00", "sat 10:00-04:00"),
            ("business hours:", "ends before it starts"),
        ),
        "one-variant.toml": (
            good.replace('# [[rules.variants]]\n# name = "A"', '[[rules.variants]]\nname = "A"'),
            ("rule 'Prices page, from Baidu': an A/B test needs at least two variants",),
        ),
        "same-id.toml": (
            good.replace('name = "Exit survey"', f'name = "Exit survey"\nid = "{PRICES}"').replace(
                'name = "Prices page, from Baidu"',
                f'name = "Prices page, from Baidu"\nid = "{PRICES}"',
            ),
            (f"two rules have the id '{PRICES}'",),
        ),
    }
    for name, (text, words) in mistakes.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert text != good, name
        _refused(cli(tmp_path, "invitations", "import", "school", str(path)), f"{path}: ", *words)
        _refused(cli(tmp_path, "invitations", "import", "school", str(path), "--dry-run"), *words)
    line = _refused(
        cli(tmp_path, "invitations", "import", "school", str(tmp_path / "unclosed.toml"))
    )
    assert re.search(r"unclosed\.toml: line \d+, column \d+: ", line), line
    (tmp_path / "latin1.toml").write_bytes('name = "Café"'.encode("latin-1"))
    _refused(
        cli(tmp_path, "invitations", "import", "school", str(tmp_path / "latin1.toml")),
        "is not UTF-8",
    )
    _refused(
        cli(tmp_path, "invitations", "import", "school", str(tmp_path / "nope.toml")),
        "nope.toml: no such file",
    )
    _refused(
        cli(tmp_path, "invitations", "import", "nope", str(EXAMPLE)), "no site with key 'nope'"
    )
    _refused(cli(tmp_path, "invitations", "report", "school", "nope"), "has no rule 'nope'")
    assert await _stored(tmp_path) == before


async def _invite(
    store: Store, site_id: int, rule_id: str, variant: int | None, answer: str, n: int
) -> None:
    """A new visitor invited by the rule now: left `sent`, or `shown`, or `accepted`."""
    visitor = await store.create_visitor(site_id, f"visitor-{rule_id}-{variant}-{n}", time.time())
    visit = await store.begin_visit(visitor.id, time.time(), 1800, "10.0.0.1", "UA")
    state, events = invitation.send_invitation(visitor.id, SYSTEM, time.time())
    new = NewInvitation(site_id, visit.id, state, "Hi", "card", rule_id=rule_id, variant=variant)
    record = await store.add_invitation(new, events)
    assert record is not None
    steps: dict[str, list[invitation.InvitationInput]] = {
        "sent": [],
        "shown": [invitation.Show()],
        "accepted": [invitation.Show(), invitation.Accept()],
    }
    for step in steps[answer]:
        moved, events = invitation.apply(state, step, time.time())
        assert await store.transition_invitation(record.id, state, moved, events)
        state = moved


async def test_list_and_report_show_each_rules_counts_and_an_honest_ab_verdict(
    tmp_path: Path,
) -> None:
    _site(tmp_path)
    with_test = tmp_path / "ab.toml"
    with_test.write_text(_with_ab_test(EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    _ok(cli(tmp_path, "invitations", "import", "school", str(with_test)))
    # Variants and the experiment go out as [[rules.variants]] and [rules.experiment] and
    # come back the same: the test goes on.
    exported = tmp_path / "exported.toml"
    _ok(cli(tmp_path, "invitations", "export", "school", "--to", str(exported)))
    text = exported.read_text(encoding="utf-8")
    assert '[[rules.variants]]\nname = "A"\n' in text
    assert "[rules.experiment]\nbaseline = 0.03\ntarget = 0.04\n" in text
    again = _ok(cli(tmp_path, "invitations", "import", "school", str(exported)))
    assert "rules: 0 added, 0 changed, 2 unchanged, 0 removed" in again
    async with _store(tmp_path) as store:
        site = await store.get_site("school")
        assert site is not None
        # Variant A: 3 shown, 1 accepted; B: 2 shown; the survey: 1 answered of 2 shown.
        answers = [
            (PRICES, 0, "accepted"),
            (PRICES, 0, "shown"),
            (PRICES, 0, "shown"),
            (PRICES, 1, "shown"),
            (PRICES, 1, "shown"),
            (PRICES, 1, "sent"),
            (SURVEY, None, "accepted"),
            (SURVEY, None, "shown"),
            ("some-other-rule", None, "accepted"),
        ]
        for n, (rule_id, variant, answer) in enumerate(answers):
            await _invite(store, site.id, rule_id, variant, answer, n)

    listed = _ok(cli(tmp_path, "invitations", "list", "school")).splitlines()
    assert listed[0] == f" 1. {PRICES} 'Prices page, from Baidu': enabled, on a page, A/B test of 2"
    assert listed[1] == "    when: 30 s on the page; page */prices*; engine Baidu"
    assert re.fullmatch(
        r"    since \d{4}-\d\d-\d\d \d\d:\d\d UTC: shown 5, accepted 1, rate 20\.00%", listed[2]
    ), listed[2]
    assert listed[3] == f" 2. {SURVEY} 'Exit survey': enabled, on exit intent, survey"
    assert listed[4] == "    when: every visitor (no conditions)"
    assert listed[5].endswith(": shown 2, accepted 1, rate 50.00%"), listed[5]
    assert len(listed) == 6

    report = _ok(cli(tmp_path, "invitations", "report", "school")).splitlines()
    assert report[0].startswith(f"{PRICES} 'Prices page, from Baidu': A/B test since ")
    assert report[1].startswith("    planned: 5,301 shown per variant and at least 7 days")
    assert "3.00% → 4.00%" in report[1]
    assert report[2].startswith(
        "    A (control): sent 3, shown 3, accepted 1, rate 33.33%, declined 0, "
        "collecting: needs 5,298 more shown, 9 more accepted, minimum duration ends "
    )
    assert report[3].startswith(
        "    B: sent 3, shown 2, accepted 0, rate 0.00%, declined 0, "
        "collecting: needs 5,299 more shown, 10 more accepted"
    )
    assert report[4] == "    verdict: collecting"
    assert report[5] == ""
    assert report[6].startswith(f"{SURVEY} 'Exit survey': counts since ")
    assert report[7] == "    all: sent 2, shown 2, accepted 1, rate 50.00%, declined 0"
    assert not any("winner" in line for line in report)

    one = _ok(cli(tmp_path, "invitations", "report", "school", "Exit survey")).splitlines()
    assert one == report[6:8]
    assert _ok(cli(tmp_path, "invitations", "report", "school", SURVEY)).splitlines() == one


async def test_import_and_export_use_postgresql_when_given_its_url(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    url = await postgres_server.fresh_database()
    try:
        on_postgres = ("--database-url", url)
        _ok(cli(tmp_path, "site", "add", "school.example", "--key", "school", *on_postgres))
        _ok(cli(tmp_path, "invitations", "import", "school", str(EXAMPLE), *on_postgres))
        exported = _ok(cli(tmp_path, "invitations", "export", "school", *on_postgres))
        assert _what_they_do(_as_document(exported)) == _what_they_do(
            _as_document(EXAMPLE.read_text(encoding="utf-8"))
        )
        assert not (tmp_path / "parley.db").exists()  # nothing went to SQLite
        assert "has no invitation rules" not in _ok(
            cli(tmp_path, "invitations", "list", "school", *on_postgres)
        )
    finally:
        await postgres_server.drop_database(url)
