"""A version's walk keeps what is made of kept nodes alone (``evaluator.walk``): a composite whose children are
all kept nodes is kept by their identities, and so is a version's result whose top-level nodes are all kept
(outside a version kept whole by its leaves' keys).

A probe program reads two declarations a and b through "any" (keyed leaves: their nodes are always kept), and a
credential at secondary level or higher (an education leaf: its node is kept by key when the profile does not
list education, built anew when it does). Its version is not kept whole (the education leaf is keyed only after
it is measured), so what is kept here is kept by identities.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest

from eligibility.converter import unstructure
from eligibility.engines.run import evaluate
from eligibility.evaluator.engine import evaluate_program
from eligibility.facts import Facts
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import Profile
from eligibility.result import ProgramResult
from eligibility.rulebook.library import Library, load_library
from tests.test_evaluation_paths import plain_way

DAY = dt.date(2026, 3, 1)
PID = "probe/kept"

PROBE = """\
id: probe/kept
title: Kept probe
authority: tests
kind: permanent_residence
sources:
  - {id: law, title: a law, url: "https://example.org/law", checked: 2026-11-30, confidence: official}
versions:
  - from: 2020-01-01
    to: null
    conditions:
      - id: a-or-b
        says: a or b
        any:
          - {id: a, kind: declaration, key: a, equals: true, says: a holds, citations: [{source: law}]}
          - {id: b, kind: declaration, key: b, equals: true, says: b holds, citations: [{source: law}]}
      - id: schooling
        kind: education
        says: A secondary credential or higher
        minimum_level: secondary
        foreign_needs_eca: false
        citations: [{source: law}]
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The probe's library."""
    root: Path = tmp_path_factory.mktemp("rules")
    (root / "probe").mkdir()
    (root / "probe" / "kept.yaml").write_text(PROBE, encoding="utf-8")
    return load_library(root)


def _profile(name: str, a: bool | None, b: bool | None, schooled: bool | None) -> Profile:
    """A profile declaring a and b (None: not stated) with a Canadian secondary credential (True), a list of
    credentials without one (False: none listed) or no education listed (None)."""
    data: dict[str, Any] = {"name": name,
                            "declarations": {k: v for k, v in (("a", a), ("b", b)) if v is not None}}
    if schooled is not None:
        data["education"] = ([{"level": "secondary", "country": "CA", "years": 4, "completed": "2010-06-30"}]
                             if schooled else [])
    return profile_from_data(data)


def _result(probe: Library, profile: Profile) -> ProgramResult:
    """The probe's result for ``profile``, after a first evaluation (which walks the plan node by node) and a
    second (which writes the walk)."""
    for _ in range(2):
        evaluate(profile, DAY, probe)
    return evaluate(profile, DAY, probe).program(PID)


def test_a_composite_of_kept_nodes_is_kept(probe: Library) -> None:
    """Three profiles stating a true and b false get the same "a or b" node, whether their education is listed or
    not; a profile stating both false gets another, which fails (neither holds)."""
    first = _result(probe, _profile("first", True, False, None))
    second = _result(probe, _profile("second", True, False, True))
    third = _result(probe, _profile("third", True, False, False))
    other = _result(probe, _profile("other", False, False, None))
    assert first.conditions[0] is second.conditions[0] is third.conditions[0]
    node = first.conditions[0]
    assert (node.outcome, node.observed, node.explanation) == ("pass", {"passed": 1, "of": 2}, "1 of 2 passed")
    assert other.conditions[0] is not node
    assert (other.conditions[0].outcome, other.conditions[0].observed) == ("fail", {"passed": 0, "of": 2})


def test_a_result_of_kept_nodes_is_kept(probe: Library) -> None:
    """Two profiles alike in what the probe reads (a true, b false, no education listed) but for their names get
    the same result: the credential is unknown, so the program is undetermined by "schooling". Listed education
    makes the education node anew, and the result with it: a secondary credential passes (eligible), none fails."""
    one = _result(probe, _profile("one", True, False, None))
    two = _result(probe, _profile("two", True, False, None))
    assert one is two
    assert (one.verdict, one.message) == ("undetermined", "the profile does not settle: schooling")
    listed = _result(probe, _profile("listed", True, False, True))
    again = _result(probe, _profile("again", True, False, True))
    assert listed is not again
    assert listed == again
    assert (listed.verdict, listed.message) == ("eligible", "every condition passes")
    none = _result(probe, _profile("none", True, False, False))
    assert (none.verdict, none.message) == ("not_eligible", "fails: schooling")


def test_kept_results_equal_results_built_anew(probe: Library) -> None:
    """On every combination of a, b (true, false, not stated) and education (a credential, none, not listed), the
    walk's result, from kept nodes the second time round, equals the one built node by node anew."""
    program = probe.programs[PID]
    for a, b, schooled in itertools.product((True, False, None), (True, False, None), (True, False, None)):
        profile = _profile("p", a, b, schooled)
        for _ in range(3):
            walked = unstructure(evaluate_program(program, Facts(profile, DAY), probe, {}))
            anew = unstructure(evaluate_program(program, Facts(profile, DAY), probe, {}, plain_way))
            assert walked == anew, (a, b, schooled)
