"""Rulesets written out by the ruleset converter (``eligibility explain --json`` shows a version so) read back
as the same rules: nothing a file states is lost on the way out, composites included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eligibility.rulebook.crs import CrsRules
from eligibility.rulebook.library import Library, load_library
from eligibility.rulebook.model import Composite, Condition, Program
from eligibility.rulebook.structure import ruleset_converter
from eligibility.rulebook.tables import AmountTable, Grid

RULES = Path(__file__).resolve().parents[1] / "rulesets"


@pytest.fixture(scope="module")
def library() -> Library:
    """The repository's rules, loaded once."""
    return load_library(RULES)


def _round_trip(value: Any, cls: type) -> Any:
    conv = ruleset_converter()
    return conv.structure(conv.unstructure(value, cls), cls)


def test_every_ruleset_reads_back_the_same(library: Library) -> None:
    """Every program, grid, amount table and CRS ruleset, written out and read back, equals the one loaded."""
    kinds: list[tuple[dict[str, Any], type]] = [(library.programs, Program), (library.grids, Grid),
                                                (library.tables, AmountTable), (library.crs, CrsRules)]
    changed = [key for rules, cls in kinds for key, value in rules.items() if _round_trip(value, cls) != value]
    assert changed == []
    assert all(rules for rules, _ in kinds)


def test_composite_written_as_a_file_writes_it() -> None:
    """A composite is written with its operator key and every field a file may give it, none added."""
    conv = ruleset_converter()
    leaf = {"id": "a", "kind": "age", "says": "y", "min": 18, "citations": [{"source": "irpr"}]}
    leaf_written = conv.unstructure(conv.structure(leaf, Condition), Condition)
    data = {"id": "c", "says": "x", "quote": "the law's words", "at_least": 1, "of": [leaf],
            "citations": [{"source": "irpr", "at": "s. 75"}], "confidence": "unconfirmed", "note": "why"}
    composite = conv.structure(data, Condition)
    assert isinstance(composite, Composite)
    assert conv.unstructure(composite, Condition) == {**data, "of": [leaf_written]}
    for op, children, written in (("all", [leaf], [leaf_written]), ("any", [leaf], [leaf_written]),
                                  ("not", leaf, leaf_written)):
        plain = conv.structure({"id": "c", op: children}, Condition)
        assert conv.unstructure(plain, Condition) == {"id": "c", op: written}
