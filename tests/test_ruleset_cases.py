"""Run the sentence-named YAML cases that sit beside each ruleset (``rulesets/**/*.cases.yaml``).

A case file holds ``cases:``, each with a ``name`` (a sentence), an ``as_of`` date, a ``profile`` (inline
profile data, YAML anchors and ``<<`` merges welcome), and what to expect:
``expect: {program-id: verdict}`` and optionally ``conditions: {"program-id#condition-id": outcome}``.

The figures a person reads are asserted too, keyed ``"program-id#condition-id"``:

- ``observed:`` / ``required:``: the condition's observed / required value matches (a mapping matches
  when each key given matches; numbers agree to 0.05, so hours are written to one decimal);
- ``evidence:``: a list of mappings, each matching (as above) at least one item of the evidence
  (a job with its hours, a grid factor with its points, a funds table with its amount);
- ``explanation:``: a list of texts that the explanation line contains.

A case with ``crs:`` checks the Comprehensive Ranking System score instead (``rulesets/crs/``):
``total`` (or ``low`` and ``high``), ``with_spouse``, ``sections: {id: subtotal}``,
``parts: {"section.part": points}`` (a group after its cap) and ``factors: {"section[.group].factor": points}``,
where points are a number or ``{low, high}``; and ``settled_by``: paths that must be named.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from eligibility.declarations import check_declarations
from eligibility.documents import read_document
from eligibility.engines.run import evaluate
from eligibility.profile.load import profile_from_data
from eligibility.result import ConditionResult
from eligibility.rulebook.library import CASES_SUFFIX, Library, load_library

RULES = Path(__file__).resolve().parents[1] / "rulesets"


def _cases(crs: bool = False) -> list[Any]:
    params = []
    for path in sorted(RULES.rglob(f"*{CASES_SUFFIX}")):
        data = read_document(path)
        for case in data["cases"]:
            if ("crs" in case) == crs:
                params.append(pytest.param(path, case, id=f"{path.relative_to(RULES)}: {case['name']}"))
    return params


@pytest.fixture(scope="module")
def library() -> Library:
    """The repository's rules, loaded once."""
    return load_library(RULES)


def matches(expected: Any, actual: Any) -> bool:
    """True when ``actual`` has everything ``expected`` states (mappings by key, lists item by item)."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and matches(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return (isinstance(actual, list) and len(actual) == len(expected)
                and all(matches(e, a) for e, a in zip(expected, actual, strict=True)))
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return abs(expected - actual) <= 0.05
    if isinstance(expected, dt.date):
        return expected.isoformat() == actual
    return bool(expected == actual)


FIGURE_KEYS = ("observed", "required", "evidence", "explanation")


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
    figures: dict[str, dict[str, Any]] = {key: case.get(key, {}) for key in FIGURE_KEYS}
    wanted = set(expect) | {k.split("#")[0] for k in conditions}
    wanted |= {k.split("#")[0] for table in figures.values() for k in table}
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
    for what, table in figures.items():
        for key, want in table.items():
            pid, cid = key.split("#")
            result = _find(evaluation.program(pid).conditions, cid)
            assert result is not None, f"{pid} has no condition {cid} on {as_of}"
            if what == "evidence":
                for item in want:
                    assert any(matches(item, e) for e in result.evidence), (
                        f"{key}: no evidence item matches {item}; evidence: {list(result.evidence)}")
            elif what == "explanation":
                for text in want:
                    assert text in result.explanation, f"{key}: {text!r} not in {result.explanation!r}"
            else:
                got = getattr(result, what)
                assert matches(want, got), f"{key}: {what} expected {want}, got {got}"


def _span(want: Any, low: int, high: int) -> bool:
    if isinstance(want, dict):
        return bool(want == {"low": low, "high": high})
    return bool(low == high == want)


@pytest.mark.parametrize(("path", "case"), _cases(crs=True))
def test_crs_case(path: Path, case: dict[str, Any], library: Library) -> None:
    """Each CRS case's total, sections, groups and factor points, worked out by hand from the tables, hold."""
    from eligibility.ranking.compute import crs_result

    profile = profile_from_data(case["profile"], f"{path}: {case['name']}")
    result = crs_result(profile, dt.date.fromisoformat(str(case["as_of"])), library)
    want = case["crs"]
    if "status" in want:
        assert result.status == want["status"], result.message
    if "total" in want:
        assert result.total == want["total"], f"total: expected {want['total']}, got {result.low} to {result.high}"
    for key in ("low", "high", "with_spouse"):
        if key in want:
            assert getattr(result, key) == want[key], f"{key}: expected {want[key]}, got {getattr(result, key)}"
    for sid, pts in want.get("sections", {}).items():
        s = result.section(sid)
        assert _span(pts, s.low, s.high), f"section {sid}: expected {pts}, got {s.low} to {s.high}"
    for key, pts in want.get("parts", {}).items():
        sid, pid = key.split(".")
        part = next(p for p in result.section(sid).parts if p.id == pid)
        assert _span(pts, part.low, part.high), f"part {key}: expected {pts}, got {part.low} to {part.high}"
    for fid, pts in want.get("factors", {}).items():
        f = result.factor(fid)
        assert _span(pts, f.low, f.high), f"factor {fid}: expected {pts}, got {f.low} to {f.high} ({f.observed})"
    for settle in want.get("settled_by", []):
        assert settle in result.settled_by, f"{settle} not among {result.settled_by}"
