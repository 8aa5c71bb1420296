"""The three-valued (Kleene) logic of conditions: truth tables for all, any, not and at_least.

``unknown`` means "the profile does not settle it": a combination is decided only when every way of
settling the unknowns gives the same answer. The reference below says exactly that, by trying them.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eligibility.engines.run import evaluate
from eligibility.logic import at_least, kleene_all, kleene_any, threshold
from eligibility.profile.load import profile_from_data
from eligibility.result import Outcome
from eligibility.rulebook.library import load_library

VALUES: tuple[Outcome, ...] = ("pass", "fail", "unknown")
HAS_DURABLE = importlib.util.find_spec("durable_rules_engine") is not None


def settled(outcomes: tuple[Outcome, ...], decide: Callable[[list[bool]], bool]) -> Outcome:
    """The outcome when every way of replacing the unknowns by pass or fail is tried."""
    slots = [[True, False] if o == "unknown" else [o == "pass"] for o in outcomes]
    answers = {decide(list(choice)) for choice in itertools.product(*slots)}
    if answers == {True}:
        return "pass"
    return "fail" if answers == {False} else "unknown"


def rows(max_len: int = 4) -> list[tuple[Outcome, ...]]:
    """Every tuple of outcomes of length 0 to ``max_len``."""
    return [row for n in range(max_len + 1) for row in itertools.product(VALUES, repeat=n)]


@pytest.mark.parametrize("row", rows())
def test_all_and_any_read_only_what_settles_them(row: tuple[Outcome, ...]) -> None:
    """all stops reading at the first fail, any at the first pass, with the outcome of the whole row."""
    for combine, settles in ((kleene_all, "fail"), (kleene_any, "pass")):
        read: list[Outcome] = []

        def reading(outcomes: tuple[Outcome, ...] = row, seen: list[Outcome] = read) -> Any:
            for o in outcomes:
                seen.append(o)
                yield o

        assert combine(reading()) == combine(list(row))
        stop = row.index(settles) + 1 if settles in row else len(row)
        assert read == list(row[:stop])


@pytest.mark.parametrize("row", rows())
def test_all_truth_table(row: tuple[Outcome, ...]) -> None:
    """all: fail if one fails, pass if all pass (an empty all passes), unknown otherwise."""
    assert kleene_all(list(row)) == settled(row, all)


@pytest.mark.parametrize("row", rows())
def test_any_truth_table(row: tuple[Outcome, ...]) -> None:
    """any: pass if one passes, fail if all fail (an empty any fails), unknown otherwise."""
    assert kleene_any(list(row)) == settled(row, any)


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 5])
@pytest.mark.parametrize("row", rows())
def test_at_least_truth_table(row: tuple[Outcome, ...], n: int) -> None:
    """at_least n: pass with n passes, fail when even every unknown passing cannot reach n."""
    assert at_least(n, list(row)) == settled(row, lambda xs: sum(xs) >= n)


def test_at_least_small_table_by_hand() -> None:
    """Two of (pass, unknown, fail) is unknown; two of (pass, pass, unknown) passes; of (pass, fail, fail) fails."""
    assert at_least(2, ["pass", "unknown", "fail"]) == "unknown"
    assert at_least(2, ["pass", "pass", "unknown"]) == "pass"
    assert at_least(2, ["pass", "fail", "fail"]) == "fail"
    assert at_least(2, ["unknown", "unknown", "fail"]) == "unknown"


@pytest.mark.parametrize(("low", "high", "minimum", "expected"), [
    (1560, 1560, 1560, "pass"), (1559.9, 1559.9, 1560, "fail"), (1560, 2000, 1560, "pass"),
    (1000, 1560, 1560, "unknown"), (1000, 1559, 1560, "fail"), (67, 67, 67, "pass"), (66, 66, 67, "fail"),
    (60, 70, 67, "unknown"),
])
def test_threshold_on_a_range(low: float, high: float, minimum: float, expected: Outcome) -> None:
    """value >= minimum with the value known to lie in [low, high]: decided only if the whole range agrees."""
    assert threshold(low, high, minimum) == expected


# A one-program library whose conditions are declarations: true passes, false fails, absent is unknown.
PROGRAM = """
id: logic/probe
title: Logic probe
authority: tests
kind: permanent_residence
sources: [{id: s, title: test source, url: "https://example.org", checked: 2026-11-21}]
versions:
  - from: 2020-01-01
    to: null
    conditions:
      - id: negation
        says: not a
        not: {id: a, kind: declaration, key: a, equals: true, says: a holds, citations: [{source: s}]}
      - id: two-of-three
        says: two of b, c, d
        at_least: 2
        of:
          - {id: b, kind: declaration, key: b, equals: true, says: b holds, citations: [{source: s}]}
          - {id: c, kind: declaration, key: c, equals: true, says: c holds, citations: [{source: s}]}
          - {id: d, kind: declaration, key: d, equals: true, says: d holds, citations: [{source: s}]}
"""
ENGINES = ["native", pytest.param("durable", marks=pytest.mark.skipif(not HAS_DURABLE, reason="no durable engine"))]


@pytest.fixture(scope="module")
def probe_rules(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The logic probe library."""
    root = tmp_path_factory.mktemp("rules")
    (root / "logic").mkdir()
    (root / "logic" / "probe.yaml").write_text(PROGRAM, encoding="utf-8")
    return load_library(root)


def declared(**outcomes: Outcome) -> dict[str, bool]:
    """Declarations giving those outcomes: true for pass, false for fail, absent for unknown."""
    return {key: o == "pass" for key, o in outcomes.items() if o != "unknown"}


def outcomes_of(library: Any, declarations: dict[str, bool], engine: str) -> dict[str, str]:
    """Each condition's outcome of the probe program."""
    profile = profile_from_data({"name": "probe", "declarations": declarations})
    result = evaluate(profile, dt.date(2025, 1, 1), library, engine=engine).program("logic/probe")
    return {c.id: c.outcome for c in result.conditions}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("a", VALUES)
def test_not_in_a_ruleset(probe_rules: Any, a: Outcome, engine: str) -> None:
    """`not` turns pass into fail and fail into pass, and leaves unknown unknown, in both engines."""
    assert outcomes_of(probe_rules, declared(a=a), engine)["negation"] == {"pass": "fail", "fail": "pass",
                                                                  "unknown": "unknown"}[a]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("row", list(itertools.product(VALUES, repeat=3)))
def test_at_least_in_a_ruleset(probe_rules: Any, row: tuple[Outcome, Outcome, Outcome], engine: str) -> None:
    """`at_least: 2` over three declarations follows the truth table, in both engines."""
    b, c, d = row
    got = outcomes_of(probe_rules, declared(b=b, c=c, d=d), engine)["two-of-three"]
    assert got == settled(row, lambda xs: sum(xs) >= 2)


def test_probe_file_is_where_the_loader_expects(tmp_path: Path) -> None:
    """The probe library loads under its id's path (a guard for the tests above)."""
    (tmp_path / "logic").mkdir()
    (tmp_path / "logic" / "probe.yaml").write_text(PROGRAM, encoding="utf-8")
    assert "logic/probe" in load_library(tmp_path).programs
