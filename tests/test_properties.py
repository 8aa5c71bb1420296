"""Properties every valid profile and every date must satisfy, checked with Hypothesis."""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
from collections.abc import Iterable
from typing import Any

import pytest
from hypothesis import assume, example, given, reject, settings
from hypothesis import strategies as st

from eligibility.converter import unstructure
from eligibility.engines.run import evaluate
from eligibility.errors import InputError
from eligibility.language import ABILITIES, TESTS
from eligibility.profile.load import profile_from_data
from eligibility.result import ConditionResult, Evaluation, result_converter
from tests.strategies import DROPPABLE, as_of_dates, examples, library, profile_data, profiles
from tests.support import flat_results as results

DECIDED = ("pass", "fail")
HAS_DURABLE = importlib.util.find_spec("durable_rules_engine") is not None
FAST = settings(max_examples=examples(80), deadline=None)


def outcomes(evaluation: Evaluation, kinds: Iterable[str] | None = None) -> dict[tuple[str, ...], str]:
    """Each program's verdict and each condition's outcome, keyed by program and condition path."""
    wanted = set(kinds) if kinds is not None else None
    out: dict[tuple[str, ...], str] = {}

    def walk(path: tuple[str, ...], conditions: tuple[ConditionResult, ...]) -> None:
        for c in conditions:
            here = (*path, c.id)
            if wanted is None or c.kind in wanted:
                out[here] = c.outcome
            walk(here, c.conditions)

    for program in evaluation.programs:
        if wanted is None:
            out[(program.id,)] = program.verdict
        walk((program.id,), program.conditions)
    return out


def run(data: dict[str, Any], as_of: dt.date, engine: str = "native") -> Evaluation:
    """Evaluate plain profile data against every program."""
    return evaluate(profile_from_data(data), as_of, library(), engine=engine)


def never_pass_to_fail(before: dict[tuple[str, ...], str], after: dict[tuple[str, ...], str]) -> None:
    """No condition that passed fails afterwards."""
    flipped = {k: (before[k], after[k]) for k in before if before[k] == "pass" and after[k] == "fail"}
    assert not flipped


@FAST
@given(profiles(), as_of_dates())
def test_evaluation_never_crashes(profile: Any, as_of: dt.date) -> None:
    """Every program of the library evaluates any valid profile on any date without an error."""
    evaluation = evaluate(profile, as_of, library())
    assert {p.id for p in evaluation.programs} == set(library().programs)


@FAST
@given(profiles())
def test_profile_round_trip(profile: Any) -> None:
    """A profile unstructured to plain data and loaded again is the same profile."""
    assert profile_from_data(unstructure(profile)) == profile


@settings(max_examples=examples(60), deadline=None)
@given(profiles(), as_of_dates())
def test_result_round_trip(profile: Any, as_of: dt.date) -> None:
    """An evaluation unstructured to plain data and structured again is the same evaluation."""
    evaluation = evaluate(profile, as_of, library())
    conv = result_converter()
    assert conv.structure(conv.unstructure(evaluation), Evaluation) == evaluation


def test_profile_round_trip_with_noc_2016() -> None:
    """A profile whose job was given as a NOC 2016 code loads again from its own plain data."""
    profile = profile_from_data({"work": [{"start": "2020-01-01", "hours_per_week": 40, "country": "CA",
                                           "noc_2016": "0011"}]})
    assert profile_from_data(unstructure(profile)) == profile


@settings(max_examples=examples(60), deadline=None)
@given(profiles(), as_of_dates())
def test_result_round_trip_as_plain_data(profile: Any, as_of: dt.date) -> None:
    """An evaluation structured back from its plain data unstructures to the same plain data."""
    conv = result_converter()
    plain = conv.unstructure(evaluate(profile, as_of, library()))
    assert conv.unstructure(conv.structure(plain, Evaluation)) == plain


@FAST
@given(profile_data(keep=("work",), min_jobs=1), as_of_dates(), st.data())
def test_more_hours_never_turn_pass_into_fail(data: dict[str, Any], as_of: dt.date, draw: st.DataObject) -> None:
    """More hours a week in one job never turn a passing work, funds or points condition into a fail."""
    more = copy.deepcopy(data)
    job = more["work"][draw.draw(st.integers(0, len(more["work"]) - 1))]
    job["hours_per_week"] = min(168, job["hours_per_week"] + draw.draw(st.sampled_from((1, 5, 10, 30))))
    # Language is left out on purpose: more hours can change the main occupation, and with it the
    # level CEC requires (CLB 7 for TEER 0-1, CLB 5 for TEER 2-3).
    kinds = ("work_experience", "funds", "points")
    try:
        raised = run(more, as_of)
    except InputError:
        # More hours can take jobs held at once past 168 hours a week: not a profile, so not a case.
        reject()
    never_pass_to_fail(outcomes(run(data, as_of), kinds), outcomes(raised, kinds))


@FAST
@given(profile_data(keep=("language_tests",), min_tests=1), as_of_dates(), st.data())
def test_higher_scores_never_turn_pass_into_fail(data: dict[str, Any], as_of: dt.date,
                                                 draw: st.DataObject) -> None:
    """A higher score in one ability of one test never turns a passing language or points condition into a fail."""
    more = copy.deepcopy(data)
    test = more["language_tests"][draw.draw(st.integers(0, len(more["language_tests"]) - 1))]
    scale = TESTS[test["test"]].scale_on(dt.date.fromisoformat(test["taken"]))
    raisable = [a for a in ("reading", "writing", "listening", "speaking") if test[a] < scale.score_range(a)[1]]
    assume(raisable)
    ability = draw.draw(st.sampled_from(raisable))
    high = scale.score_range(ability)[1]
    steps = round((high - test[ability]) / scale.step)
    test[ability] = test[ability] + draw.draw(st.integers(1, steps)) * scale.step
    kinds = ("language", "points", "work_experience", "funds")
    never_pass_to_fail(outcomes(run(data, as_of), kinds), outcomes(run(more, as_of), kinds))


def _scores(test: str, levels: tuple[int, int, int, int], taken: dt.date = dt.date(2025, 1, 1)) -> dict[str, float]:
    rows = dict(TESTS[test].scale_on(taken).rows)
    return {a: rows[level][i] for i, (a, level) in enumerate(zip(ABILITIES, levels, strict=True))}


def test_better_second_language_never_lowers_the_fsw_grid() -> None:
    """Raising one French ability from NCLC 7 to 9 never turns the FSW selection grid from pass to fail."""
    data: dict[str, Any] = {
        "birth_date": "1995-01-01", "marital_status": "single", "spouse": None, "children": 0,
        "intended_province": "ON", "funds_cad": 50000, "job_offer": None, "relatives_in_canada": [],
        "certificates_of_qualification": [], "education": [{"level": "doctoral", "country": "CA"}],
        "work": [{"start": "2023-01-01", "end": "2024-03-31", "hours_per_week": 40, "country": "IN",
                  "noc": "21231"}],
        "language_tests": [
            {"test": "ielts_general", "taken": "2025-01-01", **_scores("ielts_general", (9, 9, 8, 4))},
            {"test": "tef_canada", "taken": "2025-01-01", **_scores("tef_canada", (7, 7, 7, 7))}]}
    better = copy.deepcopy(data)
    better["language_tests"][1].update(_scores("tef_canada", (9, 7, 7, 7)))
    kinds = ("points",)
    as_of = dt.date(2025, 6, 1)
    never_pass_to_fail(outcomes(run(data, as_of), kinds), outcomes(run(better, as_of), kinds))


@FAST
@given(profile_data(keep=("funds_cad",)), as_of_dates(), st.integers(1, 50000))
def test_more_funds_never_turn_pass_into_fail(data: dict[str, Any], as_of: dt.date, extra: int) -> None:
    """More settlement funds never turn a passing condition of a threshold kind into a fail."""
    more = dict(data, funds_cad=data["funds_cad"] + extra)
    kinds = ("language", "points", "work_experience", "funds")
    never_pass_to_fail(outcomes(run(data, as_of), kinds), outcomes(run(more, as_of), kinds))


#: Once the smallest profile whose funds condition flipped from fail to pass when ``children`` was dropped
#: (funds enough for a family size that was only a lower bound).
FUNDS_FLIP = {"birth_date": "2000-01-01", "marital_status": "single", "intended_province": "AB", "children": 1,
              "funds_cad": 13310, "education": [], "language_tests": [], "work": [], "job_offer": None,
              "certificates_of_qualification": [], "relatives_in_canada": [], "spouse": None}


@FAST
@example(FUNDS_FLIP, dt.date(2022, 11, 16), "children")
@given(profile_data(drop=False), as_of_dates(), st.sampled_from(DROPPABLE))
def test_dropping_a_fact_only_makes_outcomes_unknown(data: dict[str, Any], as_of: dt.date, key: str) -> None:
    """Dropping a top-level fact never flips pass and fail, for any condition or verdict; it may make them unknown."""
    fewer = {k: v for k, v in data.items() if k != key}
    before, after = outcomes(run(data, as_of)), outcomes(run(fewer, as_of))
    undecided = {"unknown", "undetermined"}
    flipped = {k: (before[k], after[k]) for k in before
               if before[k] != after[k] and after[k] not in undecided}
    assert not flipped, f"dropping {key!r} changed {flipped}"


@settings(max_examples=examples(150), deadline=None)
@given(st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31)))
def test_at_most_one_version_in_force(day: dt.date) -> None:
    """On any date, at most one version of every program covers the date."""
    for program in library().programs.values():
        covering = [v for v in program.versions if v.covers(day)]
        assert len(covering) <= 1, f"{program.id}: {len(covering)} versions cover {day}"


@FAST
@given(profile_data(keep=("work",), min_jobs=2), as_of_dates(), st.randoms(use_true_random=False))
def test_work_order_changes_nothing(data: dict[str, Any], as_of: dt.date, rng: Any) -> None:
    """Listing the jobs in another order changes no verdict and no condition outcome."""
    shuffled = dict(data, work=rng.sample(data["work"], len(data["work"])))
    assert outcomes(run(data, as_of)) == outcomes(run(shuffled, as_of))


@pytest.mark.skipif(not HAS_DURABLE, reason="durable_rules_engine is not installed (the optional 'durable' "
                                            "extra, CPython 3.12 or older)")
@settings(max_examples=examples(150), deadline=None)
@given(profile_data(), as_of_dates())
def test_engines_agree(data: dict[str, Any], as_of: dt.date) -> None:
    """The durable and native engines give every program and every condition the same result: outcome, observed
    and required values, explanation, evidence, citations and caveats."""
    native, durable = results(run(data, as_of)), results(run(data, as_of, engine="durable"))
    assert durable.keys() == native.keys()
    differ = {k: (native[k], durable[k]) for k in native if native[k] != durable[k]}
    assert not differ, differ
