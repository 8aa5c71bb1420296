"""Distance to eligibility: the numbers each failing or unknown condition lacks, derived by hand."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import eligibility
from eligibility.cli import main
from eligibility.profile.load import load_profile, profile_from_data
from eligibility.timeline.distance import ProgramDistance, distance
from eligibility.timeline.gaps import Gap
from tests.strategies import library

ROOT = Path(__file__).resolve().parents[1]
COOK = ROOT / "profiles" / "cook-in-canada.yaml"


def gaps(result: tuple[ProgramDistance, ...], program: str) -> dict[str, Gap]:
    """The gaps of one program, by condition path."""
    found = next(d for d in result if d.program == program)
    return {g.condition: g for g in found.gaps}


def of(profile: Any, day: str, *programs: str) -> tuple[ProgramDistance, ...]:
    """The distance of a profile on a day for some programs."""
    evaluation = eligibility.evaluate(profile, day, list(programs), library=library())
    return distance(profile, evaluation, library())


def test_hours_missing_and_the_day_they_are_reached() -> None:
    """20 h/week from 2025-03-03, on 2026-03-02 (364 days): 364 x 20 / 7 = 1,040 h, 520 h short; 1,560 h are
    reached after 546 days, on 2026-08-31."""
    person = profile_from_data({
        "intended_province": "ON", "language_tests": [{"test": "celpip_general", "taken": "2025-06-01",
                                                       "listening": 9, "reading": 9, "writing": 9, "speaking": 9}],
        "work": [{"noc": "21231", "country": "CA", "start": "2025-03-03", "end": None, "hours_per_week": 20}]})
    gap = gaps(of(person, "2026-03-02", "express-entry/cec"), "express-entry/cec")["canadian-work"]
    assert (gap.detail["hours"], gap.detail["hours_missing"], gap.detail["reached_on"]) == (1040.0, 520.0,
                                                                                            "2026-08-31")
    assert gap.needs == "520 h more (1,040 of 1,560 h); reached on 2026-08-31 at current hours"


def test_levels_missing_per_ability_with_the_score_on_each_test() -> None:
    """Marco's CELPIP R5 W5 L6 S6 against FSW's CLB 7: every ability short; CLB 7 is IELTS 6.0 in each, CELPIP 7,
    PTE Core reading 60, writing 69, listening 60, speaking 68; NCLC 7 on a TEF Canada taken now (the scale of
    tests from 2023-12-11) is reading 434, writing 428, and on TCF Canada reading 453, writing 10."""
    gap = gaps(of(load_profile(COOK), "2026-03-01", "express-entry/fsw"), "express-entry/fsw")["language"]
    assert gap.detail["levels_needed"] == {"reading": 7, "writing": 7, "listening": 7, "speaking": 7}
    assert gap.detail["levels"] == {"reading": 5, "writing": 5, "listening": 6, "speaking": 6}
    scores = gap.detail["scores"]
    assert {a: scores[a]["pte_core"] for a in scores} == {"reading": 60, "writing": 69, "listening": 60,
                                                          "speaking": 68}
    assert {a: scores[a]["ielts_general"] for a in scores} == dict.fromkeys(scores, 6.0)
    assert (scores["reading"]["tef_canada"], scores["writing"]["tef_canada"]) == (434, 428)
    assert (scores["reading"]["tcf_canada"], scores["writing"]["tcf_canada"]) == (453, 10)


def test_only_the_tests_of_the_language_asked_for_are_offered() -> None:
    """The French category asks for NCLC 7 on TEF Canada or TCF Canada: no English test is offered."""
    gap = gaps(of(load_profile(COOK), "2026-03-01", "category/french"), "category/french")["french-language"]
    assert set(gap.detail["scores"]["reading"]) == {"tef_canada", "tcf_canada"}


def test_funds_short_for_the_family_size() -> None:
    """A single cook with $9,000 against the 2025 table's $15,263 for one person: $6,263 short."""
    gap = gaps(of(load_profile(COOK), "2026-03-01", "express-entry/fsw"), "express-entry/fsw")["settlement-funds"]
    assert (gap.detail["cad_short"], gap.detail["family_size"]) == (6263.0, 1)


def test_grid_points_short_and_the_factors_that_close_the_gap() -> None:
    """The cook's FSW grid: language 0 (points start at CLB 7), education 0 (a foreign diploma without ECA),
    experience 15 (6 years or more), age 12 (33), arranged employment 0, adaptability 10 (a year of skilled work
    in Canada): 37, 30 short of 67; language (+28) and education (+25) each fall short alone; age is not offered."""
    gap = gaps(of(load_profile(COOK), "2026-03-01", "express-entry/fsw"), "express-entry/fsw")["selection-grid"]
    assert (gap.detail["points"], gap.detail["points_short"]) == (37, 30)
    rooms = {f["factor"]: f for f in gap.detail["factors"]}
    assert "age" not in rooms
    assert rooms["language"]["room"] == 28 and not rooms["language"]["closes_the_gap_alone"]
    assert "no single factor is enough" in gap.needs


def test_an_unknown_names_the_field_to_state() -> None:
    """A profile without language tests: CEC's language condition asks for $.language_tests."""
    person = profile_from_data({"intended_province": "ON", "work": [
        {"noc": "21231", "country": "CA", "start": "2020-01-01", "end": None, "hours_per_week": 40}]})
    gap = gaps(of(person, "2026-03-01", "express-entry/cec"), "express-entry/cec")["language"]
    assert gap.outcome == "unknown" and gap.detail.get("fields", ["$.language_tests"]) == ["$.language_tests"]


def test_an_unknown_declaration_names_its_key() -> None:
    """A missing declaration is stated as declarations.KEY with its path."""
    gap = gaps(of(load_profile(COOK), "2026-03-01", "category/military"),
               "category/military")["serving-foreign-military"]
    assert gap.detail["fields"] == ["$.declarations.serving_in_recognized_foreign_military"]


def test_an_occupation_not_on_the_list_cannot_be_changed_and_the_lists_it_is_on_are_named() -> None:
    """Cooks (63200) are not a healthcare occupation; on 2026-03-01 CEC, FST and FSW include them."""
    gap = gaps(of(load_profile(COOK), "2026-03-01", "category/healthcare"), "category/healthcare")["experience"]
    assert not gap.changeable
    assert {"express-entry/cec", "express-entry/fst", "express-entry/fsw"} <= set(gap.detail["listed_in"]["63200"])


def test_a_closed_program_cannot_be_changed() -> None:
    """Ontario's tech draws are closed from 2026-05-30 and no encoded version reopens them."""
    [gap] = of(load_profile(COOK), "2026-06-01", "ontario/hcp-tech")[0].gaps
    assert not gap.changeable and gap.detail["opens"] is None


def run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """Run the CLI in-process; return the exit code and standard output."""
    monkeypatch.setattr(sys, "argv", ["eligibility", *argv])
    with pytest.raises(SystemExit) as exit_info:
        main()
    return int(exit_info.value.code or 0), capsys.readouterr().out


def test_evaluate_distance_in_text_and_json(capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """--distance adds 'What would change it' to the text and a distance list to the JSON, which validates."""
    import jsonschema

    _, out = run(["evaluate", str(COOK), "--as-of", "2026-03-01", "-p", "express-entry/fsw", "--distance"],
                 capsys, monkeypatch)
    assert "What would change it:" in out and "$6,263 more for a family of 1" in out
    code, out = run(["evaluate", str(COOK), "--as-of", "2026-03-01", "-p", "express-entry/fsw", "--distance",
                     "-f", "json"], capsys, monkeypatch)
    data = json.loads(out)
    assert code == 0 and data["distance"][0]["program"] == "express-entry/fsw"
    jsonschema.validate(data, json.loads((ROOT / "eligibility" / "data" / "result-schema.json").read_text()))


def test_a_plan_never_eligible_lists_the_gaps_of_its_last_day() -> None:
    """The cook's FSW plan over 2026: next has no eligible day, and its gaps name the funds short."""
    p = eligibility.plan(COOK, "2026-01-01", "2027-01-01", ["express-entry/fsw"])
    nxt = p.program("express-entry/fsw").next
    assert nxt.eligible_from is None
    assert {g.condition for g in nxt.gaps} >= {"language", "settlement-funds"}
    assert dt.date(2027, 1, 1) == p.until


def test_a_plans_hours_gap_speaks_of_its_last_day() -> None:
    """The married couple's CEC plan: no Canadian work, so on the plan's last day (2027-02-28) 1,560 h are still
    missing, and looked for 5 years on from that day (docs/plan.md: as ``distance`` says it) they are never
    reached: not before 2032-02-28."""
    p = eligibility.plan(ROOT / "profiles" / "married-couple.yaml", "2026-03-01", "2027-03-01", ["express-entry/cec"])
    gap = {g.condition: g for g in p.program("express-entry/cec").next.gaps}["canadian-work"]
    assert gap.needs == "1,560 h more (0 of 1,560 h); not reached before 2032-02-28 at current hours"
    assert gap.detail["reached_on"] is None
