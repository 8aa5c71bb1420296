"""Run the sentence-named YAML cases that sit beside each ruleset (``rulesets/**/*.cases.yaml``).

A case file holds ``cases:``, each with a ``name`` (a sentence), an ``as_of`` date, a ``profile`` (inline
profile data, YAML anchors and ``<<`` merges welcome), and what to expect:
``expect: {program-id: verdict}`` and optionally ``conditions: {"program-id#condition-id": outcome}``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from eligibility.declarations import check_declarations
from eligibility.documents import read_document
from eligibility.evaluator.engine import evaluate
from eligibility.profile.load import profile_from_data
from eligibility.result import ConditionResult
from eligibility.rulebook.library import CASES_SUFFIX, Library, load_library

RULES = Path(__file__).resolve().parents[1] / "rulesets"


def _cases() -> list[Any]:
    params = []
    for path in sorted(RULES.rglob(f"*{CASES_SUFFIX}")):
        data = read_document(path)
        for case in data["cases"]:
            params.append(pytest.param(path, case, id=f"{path.relative_to(RULES)}: {case['name']}"))
    return params


@pytest.fixture(scope="module")
def library() -> Library:
    """The repository's rules, loaded once."""
    return load_library(RULES)


def _find(results: tuple[ConditionResult, ...], cid: str) -> ConditionResult | None:
    for r in results:
        if r.id == cid:
            return r
        found = _find(r.conditions, cid)
        if found:
            return found
    return None


@pytest.mark.parametrize(("path", "case"), _cases())
def test_case(path: Path, case: dict[str, Any], library: Library) -> None:
    """Each case's expected verdicts and condition outcomes, worked out by hand from the law, hold."""
    profile = profile_from_data(case["profile"], f"{path}: {case['name']}")
    check_declarations(profile, library, f"{path}: {case['name']}")
    as_of = dt.date.fromisoformat(str(case["as_of"]))
    expect: dict[str, str] = case.get("expect", {})
    conditions: dict[str, str] = case.get("conditions", {})
    wanted = set(expect) | {k.split("#")[0] for k in conditions}
    assert wanted, "a case must expect something"
    evaluation = evaluate(profile, as_of, library, programs=wanted)
    for pid, verdict in expect.items():
        got = evaluation.program(pid)
        assert got.verdict == verdict, f"{pid}: expected {verdict}, got {got.verdict} ({got.message})"
    for key, outcome in conditions.items():
        pid, cid = key.split("#")
        result = _find(evaluation.program(pid).conditions, cid)
        assert result is not None, f"{pid} has no condition {cid} on {as_of}"
        assert result.outcome == outcome, f"{key}: expected {outcome}, got {result.outcome} ({result.explanation})"
