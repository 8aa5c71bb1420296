"""The order programs are evaluated in: each program once, after every program whose verdict it needs."""

from __future__ import annotations

from pathlib import Path

from eligibility.rulebook.library import load_library
from eligibility.rulebook.tree import dependencies, evaluation_order
from tests.test_ruleset_problems import CITE, program

RULES = Path(__file__).resolve().parents[1] / "rulesets"


def _needs(*others: str) -> str:
    return f"{{id: p, kind: program, says: x, any_of: [{', '.join(others)}], {CITE}}}"


def test_shared_dependency_comes_once_and_first(tmp_path: Path) -> None:
    """a needs b and c, b needs c: c, then b, then a, each once (c is reached twice)."""
    files = {"test/a.yaml": program(_needs("test/b", "test/c"), pid="test/a"),
             "test/b.yaml": program(_needs("test/c"), pid="test/b"),
             "test/c.yaml": program(pid="test/c")}
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    assert evaluation_order(load_library(tmp_path).programs) == ["test/c", "test/b", "test/a"]


def test_the_rulesets_order() -> None:
    """Every program of the rulesets comes exactly once, after each program it depends on."""
    programs = load_library(RULES).programs
    order = evaluation_order(programs)
    assert sorted(order) == sorted(programs)
    assert any(dependencies(p) for p in programs.values())
    for pid, p in programs.items():
        assert all(order.index(dep) < order.index(pid) for dep in dependencies(p))
