"""`parley-relay invitations …`: a site's proactive invitations (issue 14) for IT staff: the
setup as a TOML file to read, edit and load back, the rules with their counts, and each
A/B test's honest state.

The file is the store's document (relay/core/invitations/setup.py SetupDocument) written
for people: settings, then the rules in order, fields at their defaults left out, and
`changed_at` never written (it is the relay's). `import` reads it with tomllib, refuses
fields the document has not (a misspelt condition would otherwise silently ask nothing),
converts it with msgspec against the frames' types (so types and bounds are checked),
compiles it whole, and saves it by compare-and-set. A rule keeps its counts and its A/B
test when its id and what it does are unchanged (relay/core/invitations/rules.py `placed`).
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import tomli_w

from relay.cli.common import CliError, known_site, shown, with_store
from relay.config import RelayConfig
from relay.core.invitations.rules import new_id, placed, removed
from relay.core.invitations.setup import (
    SetupDocument,
    SetupError,
    read_document,
    write_document,
)
from relay.features.invitation_reports import rule_stats
from relay.features.invitation_setup import SETUP_TTL_SECONDS, check_setup
from relay.store import Store
from relay.store.records import Site
from shared_protocol import frames

if TYPE_CHECKING:
    from relay.cli.common import Commands

SAVE_ATTEMPTS = 3  # compare-and-set tries while someone else saves the same site
ONE_LINE_CHARS = 88  # a list longer than this is written an item a line
EXAMPLE = "docs/examples/invitations.toml"
PICKED_UP = (
    f"A relay that is running uses the imported setup within {SETUP_TTL_SECONDS:g} seconds "
    "(relays read a site's setup again after that long); nothing needs restarting."
)


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    invitations = commands.add_parser(
        "invitations",
        help="a site's proactive invitations: export, import, list, report",
        description="A site's invitation settings and rules as a TOML file (export, edit, "
        f"import), the rules with their counts, and their A/B tests. {PICKED_UP}",
    ).add_subparsers(dest="invitations_command", required=True)

    export = invitations.add_parser(
        "export",
        parents=[common],
        help="write a site's invitation setup as TOML",
        description="Write the site's invitation settings and rules as TOML, for a person to "
        "read and edit and for `invitations import` to load back. Fields at their defaults "
        "are left out.",
    )
    export.add_argument("site", help="the site key (see `site list`)")
    export.add_argument("--to", type=Path, help="write to this file (default: standard output)")
    export.set_defaults(run=_export)

    load = invitations.add_parser(
        "import",
        parents=[common],
        help="load a site's invitation setup from TOML (it replaces the whole setup)",
        description="Load the site's invitation settings and rules from a TOML file like "
        f"`invitations export` writes (see {EXAMPLE}). The file is the whole setup: rules "
        "not in it are removed; a rule without an `id` is the rule of that name, or a new one. "
        "A rule whose id and content "
        "are unchanged keeps its counts and A/B test; a changed one starts them again. The "
        f"file is checked whole first: a mistake stores nothing. {PICKED_UP}",
    )
    load.add_argument("site", help="the site key (see `site list`)")
    load.add_argument("file", help="the TOML file; - for standard input")
    load.add_argument(
        "--dry-run", action="store_true", help="check the file and say what would change"
    )
    load.set_defaults(run=_import)

    listing = invitations.add_parser(
        "list",
        parents=[common],
        help="a site's invitation rules in order, with counts since each was changed",
    )
    listing.add_argument("site", help="the site key (see `site list`)")
    listing.set_defaults(run=_list)

    report = invitations.add_parser(
        "report",
        parents=[common],
        help="each rule's counts and A/B test: planned sample, variants, verdict",
        description="Each rule's counts since it was last changed and, for a rule with an "
        "A/B test, its planned sample per variant and the verdict. No winner is named "
        "before every variant has its planned sample and the minimum duration has passed.",
    )
    report.add_argument("site", help="the site key (see `site list`)")
    report.add_argument("rule", nargs="?", help="one rule, by id or name (default: all)")
    report.set_defaults(run=_report)


# ------------------------------------------------------------------ TOML out

_HEADER = """\
# Proactive invitations of site {site}: its settings, then its rules in order (the first
# rule whose conditions hold invites the visitor), as `parley-relay invitations export`
# wrote them. Edit it and load it back with
#     parley-relay invitations import {site} FILE --dry-run   (check, store nothing)
#     parley-relay invitations import {site} FILE
# The file is the whole setup: a rule left out is removed; a [[rules]] without `id` is
# the rule of that name, or a new one. A rule keeps its counts and A/B test while its id
# and content stay the same; changing it starts them again.
# Fields left out take their defaults. An example with every part and what it means:
# {example} in Parley's source.
"""

# A rule's fields that become tables of their own, in the order they are written.
_RULE_TABLES = ("conditions", "policy", "variants", "experiment")
_RELAYS_OWN = frozenset({"changed_at"})  # set by the relay, never written nor read


def _default(spec: msgspec.structs.FieldInfo) -> Any:
    if spec.default is not msgspec.NODEFAULT:
        return spec.default
    if spec.default_factory is not msgspec.NODEFAULT:
        return spec.default_factory()
    return msgspec.NODEFAULT


def _plain(value: Any) -> Any:
    """A value as TOML writes it: structs as tables of their set fields, 30.0 as 30."""
    if isinstance(value, msgspec.Struct):
        return _set_fields(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _set_fields(struct: msgspec.Struct) -> dict[str, Any]:
    """The fields not at their defaults, in the struct's order. A struct in a field whose
    default is None (a rule's own policy) stays even with every field at its default:
    it says something the absent table does not."""
    table: dict[str, Any] = {}
    for spec in msgspec.structs.fields(struct):
        if spec.name in _RELAYS_OWN:
            continue
        value = getattr(struct, spec.name)
        if value == _default(spec):
            continue
        table[spec.encode_name] = _plain(value)
    return table


def _value(value: Any) -> str:
    """One value as TOML writes it (tomli_w quotes and escapes)."""
    return tomli_w.dumps({"v": value}).removeprefix("v = ").removesuffix("\n")


def _lines(table: dict[str, Any]) -> str:
    """`key = value` lines of a table without sub-tables; a short list on one line
    (`page_url = ["/prices*"]`), a long one as tomli_w lays it out, an item a line."""
    lines = []
    for key, value in table.items():
        if isinstance(value, list) and value:
            one_line = f"{key} = [{', '.join(_value(item) for item in value)}]"
            if len(one_line) <= ONE_LINE_CHARS and "\n" not in one_line:
                lines.append(one_line + "\n")
                continue
        lines.append(tomli_w.dumps({key: value}))
    return "".join(lines)


def setup_as_toml(document: SetupDocument, site_key: str) -> str:
    """The document as a person reads it: tomli_w writes the values (quoting, escapes),
    the tables are laid out here so that each rule reads as one block, its conditions
    first and its variants as [[rules.variants]], never as inline tables."""
    chunks = [_HEADER.format(site=shown(site_key), example=EXAMPLE)]
    settings = _set_fields(document.settings)
    policy = settings.pop("policy", None)
    chunks.append("[settings]\n" + _lines(settings))
    if policy is not None:
        chunks.append("[settings.policy]\n" + _lines(policy))
    if not document.rules:
        chunks.append("# No rules yet: add [[rules]] tables (see the example named above).\n")
    for rule in document.rules:
        fields = _set_fields(rule)
        tables = {name: fields.pop(name, None) for name in _RULE_TABLES}
        block = ["[[rules]]\n" + _lines(fields)]
        block.append("[rules.conditions]\n" + _lines(tables["conditions"] or {}))
        if tables["policy"] is not None:
            block.append("[rules.policy]\n" + _lines(tables["policy"]))
        for variant in tables["variants"] or []:
            block.append("[[rules.variants]]\n" + _lines(variant))
        if tables["experiment"] is not None:
            block.append("[rules.experiment]\n" + _lines(tables["experiment"]))
        chunks.append("\n".join(block))
    return "\n".join(chunks)


# ------------------------------------------------------------------ TOML in

_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_MSGSPEC_WHERE = re.compile(r"^(?P<why>.*) - at `\$\.?(?P<path>[^`]*)`$", re.DOTALL)
_RULE_PATH = re.compile(r"^rules\[(\d+)\]")


def _unknown_field(data: object, info: msgspec.inspect.Type, path: str) -> str | None:
    """The first key of `data` that the type has no field for, as `path: why`; None when
    every key is known. Values of the wrong shape are left to msgspec.convert."""
    if isinstance(info, msgspec.inspect.Metadata):
        return _unknown_field(data, info.type, path)
    if isinstance(info, msgspec.inspect.UnionType):  # `RuleSpec.policy`: a table or absent
        structs = [t for t in info.types if isinstance(t, msgspec.inspect.StructType)]
        return _unknown_field(data, structs[0], path) if structs else None
    if isinstance(info, msgspec.inspect.ListType) and isinstance(data, list):
        for i, item in enumerate(data):
            found = _unknown_field(item, info.item_type, f"{path}[{i}]")
            if found:
                return found
    if isinstance(info, msgspec.inspect.StructType) and isinstance(data, dict):
        fields = {f.encode_name: f.type for f in info.fields if f.name not in _RELAYS_OWN}
        for key, value in data.items():
            where = f"{path}.{key}" if path else key
            if key not in fields:
                close = difflib.get_close_matches(key, list(fields), n=1)
                hint = f" (did you mean `{close[0]}`?)" if close else ""
                return f"{shown(where)}: no such field{hint}"
            found = _unknown_field(value, fields[key], where)
            if found:
                return found
    return None


def _rule_named(data: dict[str, Any], path: str) -> str:
    """` (rule 'Prices')` for a path inside a rule that has a name, else nothing."""
    found = _RULE_PATH.match(path)
    rules = data.get("rules")
    if found is None or not isinstance(rules, list) or int(found[1]) >= len(rules):
        return ""
    rule = rules[int(found[1])]
    name = rule.get("name") if isinstance(rule, dict) else None
    return f" (rule {shown(name)!r})" if isinstance(name, str) and name else ""


def read_setup(text: str, source: str) -> SetupDocument:
    """The TOML file's document, types and bounds checked; CliError in one line naming
    the line (a TOML mistake) or the field's path (a wrong field, type or value)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        place = _TOML_WHERE.search(message)
        if place is not None:
            raise CliError(
                f"{source}: line {place[1]}, column {place[2]}: "
                f"{message[: place.start()]} (not valid TOML)"
            ) from None
        raise CliError(f"{source}: {message} (not valid TOML)") from None
    unknown = _unknown_field(data, msgspec.inspect.type_info(SetupDocument), "")
    if unknown is not None:
        raise CliError(f"{source}: {unknown}")
    try:
        return msgspec.convert(data, SetupDocument)
    except msgspec.ValidationError as error:
        found = _MSGSPEC_WHERE.match(str(error))
        why = found["why"] if found else str(error)
        path = found["path"] if found else ""
        # The words are msgspec's, for JSON; the file is TOML.
        why = why.replace(" | null", "").replace("`object`", "`table`")
        why = why[:1].lower() + why[1:]
        at = f"{path}{_rule_named(data, path)}: " if path else ""
        raise CliError(f"{source}: {shown(at + why)}") from None


def _file_text(name: str) -> tuple[str, str]:
    """(the text, the name to show) of the file, or standard input for `-`."""
    if name == "-":
        return sys.stdin.read().removeprefix("\ufeff"), "<stdin>"
    path = Path(name)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CliError(f"{name}: no such file") from None
    except OSError as error:
        raise CliError(f"{name}: cannot be read ({error.strerror})") from None
    try:
        # utf-8-sig: Windows editors may start the file with a byte-order mark.
        return raw.decode("utf-8-sig"), name
    except UnicodeDecodeError as error:
        raise CliError(
            f"{name}: byte {error.start} is not UTF-8 (TOML files are UTF-8 text)"
        ) from None


# ------------------------------------------------------------------ merging


@dataclass
class Changes:
    """What an import does to the stored setup, rule by rule (ids)."""

    added: list[str] = field(default_factory=list)
    restarted: list[str] = field(default_factory=list)  # changed: counts and test start again
    toggled: list[str] = field(default_factory=list)  # enabled or disabled: counts go on
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    settings_changed: bool = False
    order_changed: bool = False

    @property
    def nothing(self) -> bool:
        return not (
            self.added
            or self.restarted
            or self.toggled
            or self.removed
            or self.settings_changed
            or self.order_changed
        )


def merged(
    stored: SetupDocument, imported: SetupDocument, now: float
) -> tuple[SetupDocument, Changes]:
    """The stored document made into the imported one, rule by rule through `placed` (so a
    rule keeps its `changed_at` while it does the same), with ids found for rules without
    one; and what changed. SetupError when two rules of the file share an id."""
    given = [rule.id for rule in imported.rules if rule.id]
    for rule_id in given:
        if given.count(rule_id) > 1:
            raise SetupError(f"two rules have the id {rule_id!r}")
    # A rule without an id is the stored rule of its name that the file names by no id
    # (so a hand-written file imported twice changes nothing), or a new one. Ids in the
    # store or the file are taken: a new rule never gets one a later rule asks for.
    by_name: dict[str, list[str]] = {}
    for rule in stored.rules:
        if rule.id not in given:
            by_name.setdefault(rule.name, []).append(rule.id)
    taken = {rule.id for rule in stored.rules} | set(given)
    rules: list[frames.RuleSpec] = []
    for rule in imported.rules:
        if not rule.id:
            same_name = by_name.get(rule.name)
            rule_id = same_name.pop(0) if same_name else new_id(rule.name, taken)
            rule = msgspec.structs.replace(rule, id=rule_id)
            taken.add(rule_id)
        rules.append(rule)

    document = msgspec.structs.replace(stored, settings=imported.settings)
    for position, rule in enumerate(rules):
        document = placed(document, rule, position, now)
    kept = {rule.id for rule in rules}
    for rule in stored.rules:
        if rule.id not in kept:
            document = removed(document, rule.id)

    before = {rule.id: rule for rule in stored.rules}
    changes = Changes(
        settings_changed=stored.settings != imported.settings,
        removed=[rule.id for rule in stored.rules if rule.id not in kept],
    )
    for rule in document.rules:
        old = before.get(rule.id)
        if old is None:
            changes.added.append(rule.id)
        elif old == rule:
            changes.unchanged.append(rule.id)
        elif old.changed_at == rule.changed_at:
            changes.toggled.append(rule.id)
        else:
            changes.restarted.append(rule.id)
    still_there = [rule.id for rule in stored.rules if rule.id in kept]
    changes.order_changed = still_there != [r.id for r in document.rules if r.id in before]
    return document, changes


def _changes_lines(document: SetupDocument, stored: SetupDocument, changes: Changes) -> list[str]:
    names = {rule.id: rule.name for rule in [*stored.rules, *document.rules]}

    def line(mark: str, rule_id: str, what: str) -> str:
        return f"  {mark} {shown(rule_id)} {shown(names[rule_id])!r}: {what}"

    enabled = {rule.id: rule.enabled for rule in document.rules}
    lines = [line("+", i, "added") for i in changes.added]
    lines += [
        line("~", i, "changed: its counts and A/B test start again") for i in changes.restarted
    ]
    lines += [
        line("~", i, ("enabled" if enabled[i] else "disabled") + ": its counts go on")
        for i in changes.toggled
    ]
    lines += [line("-", i, "removed") for i in changes.removed]
    if changes.settings_changed:
        lines.append("  ~ settings changed")
    if changes.order_changed:
        lines.append("  ~ the rules' order changed")
    lines.append(
        f"rules: {len(changes.added)} added, "
        f"{len(changes.restarted) + len(changes.toggled)} changed, "
        f"{len(changes.unchanged)} unchanged, {len(changes.removed)} removed; "
        f"settings {'changed' if changes.settings_changed else 'unchanged'}"
    )
    return lines


# ------------------------------------------------------------------ commands


def _export(config: RelayConfig, args: argparse.Namespace) -> None:
    async def read(store: Store) -> SetupDocument:
        site = await known_site(store, args.site)
        return read_document((await store.invitation_setup(site.id)).document)

    document = with_store(config, read)
    text = setup_as_toml(document, args.site)
    if args.to is None:
        sys.stdout.write(text)
        return
    try:
        args.to.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CliError(f"{args.to}: cannot be written ({error.strerror})") from None
    count = len(document.rules)
    print(
        f"site {shown(args.site)}: settings and {count} rule{'s' if count != 1 else ''} "
        f"written to {shown(str(args.to))}"
    )


@dataclass(frozen=True)
class _Imported:
    document: SetupDocument
    stored: SetupDocument
    changes: Changes
    version: int  # the version stored now (the one found, when nothing was stored)


def _import(config: RelayConfig, args: argparse.Namespace) -> None:
    text, source = _file_text(args.file)
    imported = read_setup(text, source)

    async def run(store: Store) -> _Imported:
        site = await known_site(store, args.site)
        for _ in range(SAVE_ATTEMPTS):
            found = await store.invitation_setup(site.id)
            stored = read_document(found.document)
            try:
                document, changes = merged(stored, imported, time.time())
                await check_setup(store, document)
            except SetupError as error:
                raise CliError(f"{source}: {shown(str(error))}") from None
            if args.dry_run or changes.nothing:
                return _Imported(document, stored, changes, found.version)
            if await store.save_invitation_setup(site.id, write_document(document), found.version):
                return _Imported(document, stored, changes, found.version + 1)
        raise CliError(
            f"site {shown(args.site)}: its invitation setup kept changing while this import "
            "was saved; nothing was stored, try again"
        )

    result = with_store(config, run)
    print(f"site {shown(args.site)}: {shown(source)}")
    for line in _changes_lines(result.document, result.stored, result.changes):
        print(line)
    if args.dry_run:
        print("dry run: the file is fine; nothing was stored")
    elif result.changes.nothing:
        print("nothing to store: the site's setup is already this")
    else:
        print(
            f"stored (version {result.version}); running relays use it within "
            f"{SETUP_TTL_SECONDS:g} seconds"
        )


async def _setup_and_stats(
    store: Store, key: str
) -> tuple[Site, SetupDocument, list[frames.RuleStats]]:
    site = await known_site(store, key)
    document = read_document((await store.invitation_setup(site.id)).document)
    now = time.time()
    stats = [await rule_stats(store, site, rule, now) for rule in document.rules]
    return site, document, stats


def _no_rules(key: str) -> str:
    return (
        f"site {shown(key)} has no invitation rules: write them in a TOML file (see "
        f"{EXAMPLE}) and load it with `parley-relay invitations import {shown(key)} FILE`"
    )


def _when(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")


def _rate(shown_: int, accepted: int) -> str:
    # A lost `shown` report must not make the rate exceed 100 % (as rule_stats counts).
    seen = max(shown_, accepted)
    return f"{accepted / seen:.2%}" if seen else "n/a"


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _any(values: Iterable[str]) -> str:
    return " or ".join(shown(v) for v in values)


def conditions_line(conditions: frames.RuleConditions) -> str:
    """The conditions a rule asks, in one line: `engine Baidu; page /prices*; …`."""
    c = conditions
    parts: list[str] = []
    if c.time_on_page is not None:
        parts.append(f"{_seconds(c.time_on_page)} on the page")
    if c.time_on_site is not None:
        parts.append(f"{_seconds(c.time_on_site)} on the site")
    if c.pages_viewed is not None:
        parts.append(f"at least {c.pages_viewed} pages viewed")
    if c.page_url:
        parts.append(f"page {_any(c.page_url)}")
    if c.landing_url:
        parts.append(f"landed on {_any(c.landing_url)}")
    if c.source:
        parts.append(f"source {_any(c.source)}")
    if c.engine.strip():
        parts.append(f"engine {shown(c.engine)}")
    if c.keyword_contains.strip():
        parts.append(f"keyword contains {shown(c.keyword_contains)!r}")
    if c.referrer_domain:
        parts.append(f"from {_any(c.referrer_domain)}")
    if c.returning is not None:
        parts.append("returning visitor" if c.returning else "first visit")
    if c.chatted_before is not None:
        parts.append("chatted before" if c.chatted_before else "never chatted")
    if c.places:
        parts.append(f"in {_any(c.places)}")
    if c.device:
        parts.append(f"on {_any(c.device)}")
    if c.language:
        parts.append(f"language {_any(c.language)}")
    if c.business_hours is not None:
        parts.append("within business hours" if c.business_hours else "outside business hours")
    if c.agent_has_room:
        parts.append("an agent has room")
    return "; ".join(parts) or "every visitor (no conditions)"


def _rule_line(number: int, rule: frames.RuleSpec) -> str:
    what = [
        "enabled" if rule.enabled else "disabled",
        "on exit intent" if rule.trigger == "exit" else "on a page",
    ]
    if rule.kind == "survey":
        what.append("survey")
    if rule.delay:
        what.append(f"after {_seconds(rule.delay)}")
    if rule.variants:
        what.append(
            f"A/B test of {len(rule.variants)}"
            if rule.experiment
            else f"{len(rule.variants)} variants"
        )
    return f"{number:>2}. {shown(rule.id)} {shown(rule.name)!r}: {', '.join(what)}"


def _since(ts: float) -> str:
    return f"since {_when(ts)}" if ts else "since it was added"


def _list(config: RelayConfig, args: argparse.Namespace) -> None:
    _, document, stats = with_store(config, lambda store: _setup_and_stats(store, args.site))
    if not document.rules:
        print(_no_rules(args.site))
        return
    for number, (rule, stat) in enumerate(zip(document.rules, stats, strict=True), start=1):
        shown_count = sum(v.shown for v in stat.variants)
        accepted = sum(v.accepted for v in stat.variants)
        print(_rule_line(number, rule))
        print(f"    when: {conditions_line(rule.conditions)}")
        print(
            f"    {_since(rule.changed_at)}: shown {shown_count:,}, accepted {accepted:,}, "
            f"rate {_rate(shown_count, accepted)}"
        )


def _plan_line(experiment: frames.ExperimentSpec, planned: int) -> str:
    days = f"{experiment.min_days:g} day{'s' if experiment.min_days != 1 else ''}"
    return (
        f"    planned: {planned:,} shown per variant and at least {days} "
        f"({experiment.baseline:.2%} → {experiment.target:.2%} to detect, "
        f"alpha {experiment.alpha:g}, power {experiment.power:g})"
    )


def _report(config: RelayConfig, args: argparse.Namespace) -> None:
    _, document, stats = with_store(config, lambda store: _setup_and_stats(store, args.site))
    pairs = list(zip(document.rules, stats, strict=True))
    if args.rule is not None:
        pairs = [p for p in pairs if p[0].id == args.rule] or [
            p for p in pairs if p[0].name == args.rule
        ]
        if not pairs:
            raise CliError(
                f"site {shown(args.site)} has no rule {args.rule!r} "
                f"(see `parley-relay invitations list {shown(args.site)}`)"
            )
    elif not pairs:
        print(_no_rules(args.site))
        return
    for number, (rule, stat) in enumerate(pairs):
        if number:
            print()
        tested = rule.experiment is not None and stat.planned_per_variant > 0
        kind = "A/B test" if tested else "counts"
        print(f"{shown(rule.id)} {shown(rule.name)!r}: {kind} {_since(rule.changed_at)}")
        if tested:
            assert rule.experiment is not None
            print(_plan_line(rule.experiment, stat.planned_per_variant))
        for index, variant in enumerate(stat.variants):
            name = shown(variant.name) or "all"
            if tested and index == 0:
                name += " (control)"
            words = f", {variant.verdict}" if variant.verdict else ""
            print(
                f"    {name}: sent {variant.sent:,}, shown {variant.shown:,}, "
                f"accepted {variant.accepted:,}, rate {_rate(variant.shown, variant.accepted)}, "
                f"declined {variant.declined:,}{words}"
            )
        if tested:
            print(f"    verdict: {stat.verdict}")
        elif rule.variants:
            print("    no A/B test planned: add [rules.experiment] to have a verdict")
