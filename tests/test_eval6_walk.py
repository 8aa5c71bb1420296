"""A version's walk (``evaluator.walk``, the function written per version) on composites and caveats.

A probe program reads three declarations a, b and c (stated true: pass, false: fail, not stated: unknown)
through each operator: all, any, at least two, and not. The outcome of each composite is worked out here by
hand from Kleene's three-valued logic (docs/ruleset-language.md), for every combination of the three; the
composite's observed value and explanation say how many of its conditions passed. The caveats (a rule on
a blog's word, a judgement an officer makes) come in the order of the conditions. The walk is also held to
the evaluator's plain path (``engine._evaluate``, every node built anew) on every combination.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from eligibility.converter import unstructure
from eligibility.engines.run import evaluate
from eligibility.evaluator.engine import evaluate_program, native_leaf
from eligibility.facts import Facts
from eligibility.kinds.base import LeafOutcome
from eligibility.measure.context import Measurer
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import Profile
from eligibility.rulebook.library import Library, load_library
from eligibility.rulebook.model import Leaf

DAY = dt.date(2026, 3, 1)


def _leaf(under: str, name: str, source: str = "law") -> str:
    return (f"{{id: {under}-{name}, kind: declaration, key: {name}, equals: true, says: {name} holds, "
            f"citations: [{{source: {source}}}]}}")


PROBE = f"""\
id: probe/walk
title: Walk probe
authority: tests
kind: permanent_residence
sources:
  - {{id: law, title: a law, url: "https://example.org/law", checked: 2026-11-30, confidence: official}}
  - {{id: blog, title: a blog, url: "https://example.org/blog", checked: 2026-11-30, confidence: blog}}
versions:
  - from: 2020-01-01
    to: null
    conditions:
      - id: all-three
        says: a, b and c
        all: [{_leaf("all", "a")}, {_leaf("all", "b", "blog")}, {_leaf("all", "c")}]
      - id: any-of-three
        says: a, b or c
        any: [{_leaf("any", "a")}, {_leaf("any", "b")}, {_leaf("any", "c", "blog")}]
      - id: two-of-three
        says: two of a, b and c
        at_least: 2
        of: [{_leaf("two", "a")}, {_leaf("two", "b")}, {_leaf("two", "c")}]
      - id: not-a
        says: not a
        not: {_leaf("negated", "a")}
      - id: officer
        kind: judgement
        says: an officer agrees
        key: officer
        reason: An officer reads the file
        citations: [{{source: law}}]
"""

OUTCOMES = ("pass", "fail", "unknown")


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The walk probe's library."""
    root = tmp_path_factory.mktemp("rules")
    (root / "probe").mkdir()
    (root / "probe" / "walk.yaml").write_text(PROBE, encoding="utf-8")
    return load_library(root)


def _declared(**outcomes: str) -> Profile:
    """A profile declaring true for pass, false for fail, nothing for unknown."""
    return profile_from_data({"declarations": {k: o == "pass" for k, o in outcomes.items() if o != "unknown"}})


def _expected(op: str, outcomes: tuple[str, ...]) -> str:
    """Kleene's outcome of ``op`` over ``outcomes``, by the definitions (docs/ruleset-language.md)."""
    passed, failed = outcomes.count("pass"), outcomes.count("fail")
    if op == "all":  # fails when one fails, passes when all pass
        return "fail" if failed else "pass" if passed == len(outcomes) else "unknown"
    if op == "any":  # passes when one passes, fails when all fail
        return "pass" if passed else "fail" if failed == len(outcomes) else "unknown"
    if op == "two":  # passes with two passing, fails when even the unknown ones could not make two
        return "pass" if passed >= 2 else "fail" if len(outcomes) - failed < 2 else "unknown"
    return {"pass": "fail", "fail": "pass", "unknown": "unknown"}[outcomes[0]]  # not


@pytest.mark.parametrize("row", list(itertools.product(OUTCOMES, repeat=3)), ids="-".join)
def test_each_composite_by_hand(probe: Library, row: tuple[str, str, str]) -> None:
    """Each composite's outcome, count of conditions passed, requirement and explanation, worked out by hand."""
    a, b, c = row
    result = evaluate(_declared(a=a, b=b, c=c), DAY, probe).program("probe/walk")
    nodes = {n.id: n for n in result.conditions}
    for cid, op, required, of in (("all-three", "all", "all", row), ("any-of-three", "any", "any", row),
                                  ("two-of-three", "two", 2, row), ("not-a", "not", "not", (a,))):
        node = nodes[cid]
        passed = of.count("pass")
        assert node.outcome == _expected(op, of), cid
        assert node.observed == {"passed": passed, "of": len(of)}, cid
        assert node.required == required, cid
        assert node.explanation == f"{passed} of {len(of)} passed", cid
        assert [k.outcome for k in node.conditions] == list(of), cid


def test_caveats_in_the_order_of_the_conditions(probe: Library) -> None:
    """b under "all" and c under "any" rest on a blog (a caveat each, whatever their outcome), and the officer's
    judgement passing is a caveat: in that order, the order the conditions are written in."""
    result = evaluate(_declared(a="pass", b="fail", c="unknown"), DAY, probe).program("probe/walk")
    assert [c.condition for c in result.caveats] == ["all-b", "any-c", "officer"]
    assert result.caveats[2].reason == "An officer reads the file (not stated; an officer will assess it)"


def _plain_way(cond: Leaf, mm: Measurer) -> LeafOutcome:
    return native_leaf(cond, mm)  # another function: the evaluator's plain path, every node built anew


def test_the_walk_gives_what_the_plain_path_gives(probe: Library) -> None:
    """On every combination of a, b, c and the officer's word, the walk's result equals the plain path's, caveats
    and all (the second run of each reads the nodes kept by key)."""
    program = probe.programs["probe/walk"]
    for row in itertools.product(OUTCOMES, repeat=4):
        a, b, c, officer = row
        profile = _declared(a=a, b=b, c=c, officer=officer)
        for _ in range(2):
            walked: Any = unstructure(evaluate_program(program, Facts(profile, DAY), probe, {}))
            plain: Any = unstructure(evaluate_program(program, Facts(profile, DAY), probe, {}, _plain_way))
            assert walked == plain, row


def test_a_version_is_walked_node_by_node_first_and_by_its_written_walk_after() -> None:
    """A fresh library's first evaluation walks each version's plan node by node (nothing written yet); the
    second writes the walk, which the days already worked out call from then on; the three results are equal."""
    from pathlib import Path

    from eligibility.evaluator.engine import _FirstWalk
    from eligibility.evaluator.plan import program_plan
    from eligibility.profile.load import load_profile

    root = Path(__file__).resolve().parents[1]
    library = load_library(root / "rulesets")
    profile = load_profile(root / "profiles" / "cook-in-canada.yaml")
    day = dt.date(2026, 3, 1)
    first = evaluate(profile, day, library)
    cec = program_plan(library.programs["express-entry/cec"])
    assert isinstance(cec.steps[day], _FirstWalk) and cec.steps[day].walk is None
    second = evaluate(profile, day, library)
    assert not isinstance(cec.steps[day], _FirstWalk)
    assert first == second == evaluate(profile, day, library)
