"""Conditions of equal rules in different programs are measured and reported once an evaluation
(``evaluator.plan.twin``, ``evaluator.walk``): their nodes keep their own ids, words and citations and share what
the report made; conditions whose rules differ share nothing.

Two probe programs each ask for a credential at bachelor's level or higher in their own words (the same rules);
a third asks for a master's. A profile lists a Canadian bachelor's degree: the first two pass, the third fails.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eligibility.converter import unstructure
from eligibility.engines.run import evaluate
from eligibility.evaluator.engine import evaluate_program
from eligibility.facts import Facts
from eligibility.profile.load import profile_from_data
from eligibility.result import Evaluation
from eligibility.rulebook.library import Library, load_library
from tests.test_evaluation_paths import plain_way

DAY = dt.date(2026, 3, 1)


def _program(name: str, says: str, level: str) -> str:
    return f"""\
id: probe/{name}
title: Probe {name}
authority: tests
kind: permanent_residence
sources:
  - {{id: {name}-law, title: the law of {name}, url: "https://example.org/{name}", checked: 2026-11-30,
      confidence: official}}
versions:
  - from: 2020-01-01
    to: null
    conditions:
      - id: {name}-degree
        kind: education
        says: {says}
        minimum_level: {level}
        foreign_needs_eca: false
        citations: [{{source: {name}-law}}]
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The three probe programs' library."""
    root: Path = tmp_path_factory.mktemp("rules")
    (root / "probe").mkdir()
    for name, says, level in (("first", "A bachelor's degree", "bachelors"),
                              ("second", "A degree of three years or more", "bachelors"),
                              ("third", "A master's degree", "masters")):
        (root / "probe" / f"{name}.yaml").write_text(_program(name, says, level), encoding="utf-8")
    return load_library(root)


def _evaluation(probe: Library) -> Evaluation:
    """The probe programs on a profile listing a Canadian bachelor's degree, once the walks are written (the first
    evaluation walks each plan node by node, the second writes the walks)."""
    profile = profile_from_data({"name": "graduate", "education": [
        {"level": "bachelors", "country": "CA", "years": 4, "completed": "2015-06-30"}]})
    for _ in range(2):
        evaluate(profile, DAY, probe)
    return evaluate(profile, DAY, probe)


def test_equal_rules_share_the_report_and_keep_their_own_words(probe: Library) -> None:
    """The first and second programs' nodes share the evidence the report made and keep their own id, words and
    citations; the third's rules differ (a master's), so its evidence is its own, and it fails."""
    found = _evaluation(probe)
    first, second, third = (found.program(f"probe/{n}").conditions[0] for n in ("first", "second", "third"))
    assert first.evidence is second.evidence
    assert (first.id, first.says, first.citations[0].source) == ("first-degree", "A bachelor's degree", "first-law")
    assert (second.id, second.says, second.citations[0].source) == ("second-degree",
                                                                   "A degree of three years or more", "second-law")
    assert first.outcome == second.outcome == "pass"
    assert first.explanation == second.explanation == ("highest recognized credential: bachelors; needs bachelors "
                                                       "or higher")
    assert third.evidence is not first.evidence
    assert third.outcome == "fail"
    # A credential below the level asked is not named as blocked (only one at the level that fails for another
    # reason is).
    assert third.explanation == "highest recognized credential: bachelors; needs masters or higher"


def test_shared_results_equal_results_built_anew(probe: Library) -> None:
    """Each program's result in the evaluation equals its result built node by node anew, alone."""
    found = _evaluation(probe)
    profile = profile_from_data({"name": "graduate", "education": [
        {"level": "bachelors", "country": "CA", "years": 4, "completed": "2015-06-30"}]})
    for name in ("first", "second", "third"):
        pid = f"probe/{name}"
        anew = evaluate_program(probe.programs[pid], Facts(profile, DAY), probe, {}, plain_way)
        assert unstructure(found.program(pid)) == unstructure(anew)
