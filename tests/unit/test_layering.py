"""The layers hold: relay and agent_app never import each other, shared_protocol imports
only the standard library and msgspec, relay/core does no I/O, and no module imports
itself back through others. Read from the source (imports under TYPE_CHECKING aside)."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("shared_protocol", "relay", "agent_app")
STDLIB = sys.stdlib_module_names
# What the pure core may not touch: anything that waits on the world or reaches it.
IO_MODULES = frozenset(
    {
        "asyncio",
        "socket",
        "ssl",
        "selectors",
        "subprocess",
        "threading",
        "concurrent",
        "os",
        "pathlib",
        "shutil",
        "sqlite3",
        "aiosqlite",
        "asyncpg",
        "redis",
        "websockets",
        "aiohttp",
        "maxminddb",
        "http",
        "urllib.request",
        "logging",
    }
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def _runtime_nodes(tree: ast.Module) -> Iterator[ast.AST]:
    """Every node except what sits under `if TYPE_CHECKING:` (never imported at run time)."""
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            pending.extend(node.orelse)
            continue
        yield node
        pending.extend(ast.iter_child_nodes(node))


@cache
def imports_of(name: str) -> frozenset[str]:
    """The modules `name` imports at run time, as dotted names (a `from package import
    module` counts as the module)."""
    path = modules()[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in modules() else base)
    return frozenset(found)


def top(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize(
    ("importer", "forbidden"), [("relay", "agent_app"), ("agent_app", "relay")]
)
def test_the_relay_and_the_agent_app_never_import_each_other(importer: str, forbidden: str) -> None:
    crossing = {
        name: sorted(i for i in imports_of(name) if top(i) == forbidden)
        for name in modules()
        if top(name) == importer
    }
    assert {name: found for name, found in crossing.items() if found} == {}


def test_the_wire_contract_imports_only_the_standard_library_and_msgspec() -> None:
    allowed = STDLIB | {"msgspec", "shared_protocol"}
    foreign = {
        name: sorted(i for i in imports_of(name) if top(i) not in allowed)
        for name in modules()
        if top(name) == "shared_protocol"
    }
    assert {name: found for name, found in foreign.items() if found} == {}


def test_the_relay_core_does_no_io_and_depends_on_nothing_else_in_the_relay() -> None:
    def refused(imported: str) -> bool:
        if top(imported) == "relay":
            return not imported.startswith("relay.core")
        return any(imported == m or imported.startswith(f"{m}.") for m in IO_MODULES)

    impure = {
        name: sorted(i for i in imports_of(name) if refused(i))
        for name in modules()
        if name.startswith("relay.core")
    }
    assert {name: found for name, found in impure.items() if found} == {}


def test_only_the_live_layer_and_the_server_use_websockets_in_the_relay() -> None:
    allowed = {"relay.live.connections", "relay.server", "relay.app"}
    users = {
        name
        for name in modules()
        if top(name) == "relay" and any(top(i) == "websockets" for i in imports_of(name))
    }
    assert users <= allowed


def import_cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), among our modules."""
    graph = {name: sorted(i for i in imports_of(name) if i in modules()) for name in modules()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in graph[node]:
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for name in graph:
        if name not in index:
            visit(name)
    return cycles


def test_no_module_imports_itself_back_through_others() -> None:
    assert import_cycles() == []


def test_the_cycle_finder_finds_a_cycle(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}), "d": frozenset()}
    monkeypatch.setitem(globals(), "modules", lambda: dict.fromkeys(fake, Path()))
    monkeypatch.setitem(globals(), "imports_of", fake.__getitem__)
    assert import_cycles() == [["a", "b", "c"]]
