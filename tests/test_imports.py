"""The package's import graph, read from the source with ast: acyclic, and each layer imports only below it.

The layers are described in docs/architecture.md; ``ALLOWED`` below is the same table. A unit is a
top-level module (``facts``) or sub-package (``noc``) of ``eligibility``. A unit missing from the table
is an application (command line, servers): it may import anything, and no listed unit may import it.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "eligibility"

#: Shared leaf helpers: they import nothing of the package but one another.
HELPERS = frozenset({"eligibility", "errors", "unknown", "suggest", "dates", "documents", "logic", "limits",
                     "numbers", "record", "codecache"})

#: What each unit may import besides itself and the helpers.
ALLOWED: dict[str, frozenset[str]] = {
    **{h: frozenset() for h in HELPERS},
    "noc": frozenset(),
    "language": frozenset(),
    "work": frozenset(),
    "converter": frozenset(),
    "profile": frozenset({"converter", "language", "noc"}),
    "rulebook": frozenset({"converter", "noc", "profile"}),
    "result": frozenset({"converter", "draws"}),
    "facts": frozenset({"language", "noc", "profile", "work"}),
    "citations": frozenset({"result", "rulebook"}),
    "freshness": frozenset({"result", "rulebook"}),
    "draws": frozenset({"converter", "profile"}),
    "measure": frozenset({"facts", "language", "noc", "profile", "result", "rulebook", "work"}),
    "kinds": frozenset({"converter", "facts", "language", "measure", "noc", "profile", "result", "rulebook"}),
    "evaluator": frozenset({"citations", "facts", "kinds", "measure", "result", "rulebook"}),
    "engines": frozenset({"converter", "evaluator", "facts", "freshness", "kinds", "measure", "noc", "profile",
                          "result", "rulebook"}),
    "render": frozenset({"converter", "draws", "freshness", "result"}),
    "listings": frozenset({"converter", "measure", "noc", "rulebook"}),
    "explain": frozenset({"citations", "converter", "render", "rulebook"}),
    "declarations": frozenset({"profile", "rulebook"}),
    "diff": frozenset({"converter", "engines", "profile", "result", "rulebook", "timeline"}),
    "schema": frozenset({"profile"}),
    "ranking": frozenset({"citations", "converter", "engines", "facts", "freshness", "language", "measure", "profile",
                          "render", "result", "rulebook", "work"}),
    "timeline": frozenset({"converter", "engines", "freshness", "language", "listings", "measure", "profile",
                           "ranking", "result", "rulebook", "work"}),
    "whatif": frozenset({"converter", "declarations", "engines", "profile", "ranking", "render", "result", "rulebook",
                         "timeline"}),
    "reporting": frozenset({"draws", "engines", "profile", "ranking", "render", "result", "rulebook", "timeline"}),
    "api": frozenset({"converter", "declarations", "draws", "engines", "facts", "profile", "ranking", "render",
                      "reporting", "result", "rulebook", "timeline", "whatif"}),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports anywhere in its source (functions and type checks too)."""
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    found.add(full if full in paths else base)
        graph[name] = {m for m in found if m in paths and m != name}
    return graph


def unit(module: str) -> str:
    """The layer unit of a module: ``eligibility.noc.table`` -> ``noc``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path that ends where it starts, or None."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        trail.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*trail[trail.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        state[node] = 2
        trail.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


def test_the_package_has_no_import_cycle() -> None:
    """No module of the package imports, directly or through others, a module that imports it."""
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_find_cycle_finds_a_cycle() -> None:
    """The cycle finder reports a three-module cycle, and nothing on a graph without one."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_each_layer_imports_only_what_the_architecture_allows() -> None:
    """Every import between units is one the layer table of docs/architecture.md allows."""
    wrong = []
    for module, imports in import_graph().items():
        here = unit(module)
        if here not in ALLOWED or module.endswith("__main__"):
            continue  # applications and entry points sit above every layer
        for target in imports:
            there = unit(target)
            if there != here and there not in HELPERS | ALLOWED[here]:
                wrong.append(f"{module} imports {target}")
    assert not wrong, "; ".join(sorted(wrong))


def test_the_noc_package_is_a_leaf() -> None:
    """eligibility/noc/ imports nothing of the package but itself and the shared helpers."""
    outside = {target for module, imports in import_graph().items() if unit(module) == "noc"
               and not module.endswith("__main__") for target in imports
               if unit(target) not in HELPERS | {"noc"}}
    assert not outside


def test_every_layer_in_the_table_exists() -> None:
    """The layer table names only units the package has (a renamed module updates the table)."""
    units = {unit(m) for m in import_graph()}
    assert set(ALLOWED) - units == set()
