"""The layers hold: relay and agent_app never import each other, shared_protocol imports
only the standard library and msgspec, relay/core does no I/O, relay/store speaks records
(of the wire only enums of plain values, none of its errors), and no module imports itself
back through others. Read from the source (imports under TYPE_CHECKING aside, except for
the store: a wire type in a signature shapes it as much)."""

from __future__ import annotations

import ast
import enum
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


# What relay/store may take of shared_protocol.frames: enums of plain values both sides
# agree on (relay/store/records.py states the rule); never a structure, never the wire's
# errors (the store refuses with relay.store.errors, the handlers word it for clients).
STORE_WIRE_VALUES = frozenset({"AuthorKind", "ConversationStatus", "PhraseKind"})
WIRE_MODULES = ("shared_protocol.frames", "shared_protocol.errors")


def wire_imports(path: Path) -> set[str]:
    """What a module imports of the wire's frames and errors, as dotted names (a module
    imported whole is its own name), TYPE_CHECKING imports included."""

    def of_the_wire(name: str) -> bool:
        return any(name == m or name.startswith(f"{m}.") for m in WIRE_MODULES)

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if of_the_wire(alias.name))
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = (f"{node.module}.{alias.name}" for alias in node.names)
            found.update(name for name in names if of_the_wire(name))
    return found


def store_may_import(name: str) -> bool:
    module, _, imported = name.rpartition(".")
    return module.startswith("shared_protocol.frames") and imported in STORE_WIRE_VALUES


def test_the_store_takes_of_the_wire_only_plain_value_enums_and_none_of_its_errors() -> None:
    refused = {
        name: sorted(i for i in wire_imports(path) if not store_may_import(i))
        for name, path in modules().items()
        if name == "relay.store" or name.startswith("relay.store.")
    }
    assert {name: found for name, found in refused.items() if found} == {}


def test_what_the_store_may_share_with_the_wire_are_enums_of_plain_values() -> None:
    from shared_protocol import frames

    for name in STORE_WIRE_VALUES:
        shared = getattr(frames, name)
        assert issubclass(shared, enum.Enum), name
        assert all(type(member.value) in (str, int) for member in shared), name


def test_the_store_check_finds_wire_structures_and_errors(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "import shared_protocol.errors\n"
        "from shared_protocol import frames, limits\n"
        "from shared_protocol.frames import AuthorKind, PageInfo\n"
        "from shared_protocol.frames.common import ConversationStatus, Part\n"
        "from shared_protocol.lifecycle import Actor\n"
        "if TYPE_CHECKING:\n"
        "    from shared_protocol.errors import ErrorCode\n"
    )
    found = wire_imports(module)
    assert sorted(i for i in found if not store_may_import(i)) == [
        "shared_protocol.errors",
        "shared_protocol.errors.ErrorCode",
        "shared_protocol.frames",
        "shared_protocol.frames.PageInfo",
        "shared_protocol.frames.common.Part",
    ]
    assert sorted(i for i in found if store_may_import(i)) == [
        "shared_protocol.frames.AuthorKind",
        "shared_protocol.frames.common.ConversationStatus",
    ]


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
