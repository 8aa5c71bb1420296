"""audit10: distance to eligibility checked by hand: each change it suggests is laid over the profile and
evaluated on the day it names, and each number a person reads (hours, dollars, points, levels and scores, days)
is right one unit on each side of the edge.

Hand derivations: hours are counted IRCC's way, day by day, at most 30 a week (h/7 a day), the as-of day not
counted, so a job of h hours a week from S holds (D - S) x min(h, 30) / 7 hours on day D; CEC asks 1,560 h in the
36 months before (IRPR s. 87.1(2)(a)); FSW's grid passes at 67 of 100 (IRPR s. 76), age 36 scoring 11 and 37
scoring 10; the 2025 funds table asks $15,263 for one person and $23,360 for three
(research/programs.md, "Proof of settlement funds"); CLB 7 is IELTS 6.0 in each ability, CELPIP 7, PTE Core R60
W69 L60 S68, TEF Canada (from 2023-12-11) R434 W428 L434 S456, TCF Canada R453 W10 L458 S10 (docs/language-tests.md).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import eligibility
from eligibility.timeline.gaps import Gap

ROOT = Path(__file__).resolve().parents[1]
COOK = ROOT / "profiles" / "cook-in-canada.yaml"
ABILITIES = ("reading", "writing", "listening", "speaking")


def _gaps(profile: Any, day: str, program: str) -> dict[str, Gap]:
    """The gaps of one program on a day, by condition."""
    return {g.condition: g for d in eligibility.distance(profile, day, [program]) for g in d.gaps}


def _condition(profile: Any, day: str | dt.date, program: str, condition: str) -> Any:
    result = eligibility.evaluate(profile, day, [program]).program(program)
    return next(c for c in result.conditions if c.id == condition)


def _cec(work: list[dict[str, Any]]) -> Any:
    """A single person with CLB 9 on CELPIP and the jobs given: only CEC's Canadian work is in question."""
    return eligibility.profile_from_data({
        "marital_status": "single", "intended_province": "ON", "declarations": {"performed_noc_duties": True},
        "language_tests": [{"test": "celpip_general", "taken": "2025-06-01", "listening": 9, "reading": 9,
                            "writing": 9, "speaking": 9}], "work": work})


def _job(start: str, hours: float, end: str | None = None, noc: str = "21231") -> dict[str, Any]:
    return {"noc": noc, "country": "CA", "province": "ON", "start": start, "end": end, "hours_per_week": hours}


@pytest.mark.parametrize(("work", "hours", "missing", "reached"), [
    # 17 h/week from 2025-03-03: 364 days x 17/7 = 884 h on 2026-03-02; 1,560 h need 643 days: 2026-12-06.
    ([_job("2025-03-03", 17)], 884.0, 676.0, "2026-12-06"),
    # 10 h/week from 2025-03-03 (364 days: 520 h) and 10 h/week from 2025-09-01 (182 days: 260 h): 780 h; the
    # 780 h missing at 20 h a week take 273 days: 2026-11-30.
    ([_job("2025-03-03", 10), _job("2025-09-01", 10)], 780.0, 780.0, "2026-11-30"),
    # A 2022 job is outside the window 2023-03-02 to 2026-03-01; 15 h/week from 2025-06-01: 274 days, 587.1 h;
    # 1,560 h need 728 days: 2027-05-30.
    ([_job("2022-01-01", 30, "2022-12-31"), _job("2025-06-01", 15)], 587.1, 972.9, "2027-05-30"),
], ids=["one part-time job", "two part-time jobs", "a job outside the window"])
def test_hours_missing_and_the_day_they_are_reached(work: list[dict[str, Any]], hours: float, missing: float,
                                                     reached: str) -> None:
    """The hours, the hours missing and the day they are reached are as counted by hand; CEC's work condition
    fails the day before that day and passes on it."""
    person = _cec(work)
    gap = _gaps(person, "2026-03-02", "express-entry/cec")["canadian-work"]
    assert (gap.detail["hours"], gap.detail["hours_missing"], gap.detail["reached_on"]) == (hours, missing, reached)
    day = dt.date.fromisoformat(reached)
    assert _condition(person, day - dt.timedelta(days=1), "express-entry/cec", "canadian-work").outcome == "fail"
    assert _condition(person, day, "express-entry/cec", "canadian-work").outcome == "pass"
    assert _condition(person, day, "express-entry/cec", "canadian-work").observed["hours"] >= 1560


@pytest.mark.parametrize(("funds", "outcome"), [(15262, "fail"), (15263, "pass")])
def test_funds_one_dollar_on_each_side(funds: int, outcome: str) -> None:
    """The cook (a family of 1) with $15,262 is $1 short of FST's $15,263 and fails; with $15,263 he passes."""
    person = eligibility.what_if(COOK, {"funds_cad": funds})
    assert _condition(person, "2026-03-01", "express-entry/fst", "settlement-funds").outcome == outcome
    gap = _gaps(person, "2026-03-01", "express-entry/fst").get("settlement-funds")
    if outcome == "fail":
        assert gap is not None and (gap.detail["cad_short"], gap.detail["family_size"]) == (1.0, 1)
        assert gap.needs.startswith("$1 more for a family of 1 ($15,262 of $15,263)")
    else:
        assert gap is None


def test_funds_short_for_a_family_of_three() -> None:
    """A single cook with 2 children is a family of 3: $23,360 needed, $9,000 held, $14,360 short; stating
    $23,360 passes."""
    person = eligibility.what_if(COOK, {"children": 2})
    gap = _gaps(person, "2026-03-01", "express-entry/fst")["settlement-funds"]
    assert (gap.detail["cad_short"], gap.detail["family_size"], gap.detail["required_cad"]) == (14360.0, 3, 23360.0)
    enough = eligibility.what_if(person, {"funds_cad": 23360})
    assert _condition(enough, "2026-03-01", "express-entry/fst", "settlement-funds").outcome == "pass"


CLB7 = {"ielts_general": (6.0, 6.0, 6.0, 6.0), "celpip_general": (7, 7, 7, 7), "pte_core": (60, 69, 60, 68),
        "tef_canada": (434, 428, 434, 456), "tcf_canada": (453, 10, 458, 10)}
#: One step below each test's CLB 7 reading score: the smallest score step of the test.
BELOW = {"ielts_general": 0.5, "celpip_general": 1, "pte_core": 1, "tef_canada": 1, "tcf_canada": 1}


@pytest.mark.parametrize("test", list(CLB7))
def test_the_scores_offered_for_fsw_reach_clb_7_and_one_step_less_does_not(test: str) -> None:
    """The cook (CELPIP R5 W5 L6 S6) is offered, on each test, exactly the CLB 7 minimums written out by hand; a
    test taken on 2026-03-01 with those scores passes FSW's language condition, and one step less in reading
    fails it."""
    gap = _gaps(eligibility.load_profile(COOK), "2026-03-01", "express-entry/fsw")["language"]
    assert gap.detail["levels_needed"] == dict.fromkeys(ABILITIES, 7)
    assert tuple(gap.detail["scores"][a][test] for a in ABILITIES) == CLB7[test]
    scores = dict(zip(ABILITIES, CLB7[test], strict=True))
    retest = eligibility.what_if(COOK, {"language_tests": [{"test": test, "taken": "2026-03-01", **scores}]})
    assert _condition(retest, "2026-03-01", "express-entry/fsw", "language").outcome == "pass"
    lower = eligibility.what_if(COOK, {"language_tests": [
        {"test": test, "taken": "2026-03-01", **scores, "reading": scores["reading"] - BELOW[test]}]})
    assert _condition(lower, "2026-03-01", "express-entry/fsw", "language").outcome == "fail"


def test_cec_asks_the_level_of_the_cooks_teer() -> None:
    """On 2028-01-01 the cook's test of 2025-09-20 has expired; CEC asks CLB 5 of a TEER 3 cook (not 7): CELPIP 5
    in each ability, IELTS R4.0 W5.0 L5.0 S5.0; a CELPIP test of 5s taken that day makes him eligible, and a
    reading of 4 does not."""
    gap = _gaps(eligibility.load_profile(COOK), "2028-01-01", "express-entry/cec")["language"]
    assert gap.detail["levels_needed"] == dict.fromkeys(ABILITIES, 5)
    assert tuple(gap.detail["scores"][a]["ielts_general"] for a in ABILITIES) == (4.0, 5.0, 5.0, 5.0)
    fives = dict.fromkeys(ABILITIES, 5)
    for reading, verdict in [(5, "eligible"), (4, "not_eligible")]:
        retest = eligibility.what_if(COOK, {"language_tests": [
            {"test": "celpip_general", "taken": "2028-01-01", **fives, "reading": reading}]})
        assert eligibility.evaluate(retest, "2028-01-01", ["express-entry/cec"]).program(
            "express-entry/cec").verdict == verdict


GRID = {
    "birth_date": "1990-06-15", "marital_status": "single", "intended_province": "ON", "children": 0,
    "funds_cad": 50000, "job_offer": None, "relatives_in_canada": [], "certificates_of_qualification": [],
    "provincial_nomination": None, "declarations": {"performed_noc_duties": True},
    "education": [{"level": "bachelors", "years": 4, "country": "IN", "completed": "2012-05-31",
                   "eca": {"issued": "2025-01-10", "level": "bachelors", "by": "WES"}}],
    "language_tests": [{"test": "celpip_general", "taken": "2026-01-10", "listening": 7, "reading": 7, "writing": 7,
                        "speaking": 7}],
    "work": [_job("2025-06-01", 40, "2026-06-30")],
}


def test_the_grid_one_point_on_each_side_of_a_birthday() -> None:
    """Language 16 (CLB 7), education 21 (a bachelor's with its ECA), experience 9 (one year), adaptability 10 (a
    year of work in Canada): 67 at 36 on 2027-06-14 (eligible), 66 at 37 on 2027-06-15: 1 point short, with room
    in language +12, education +4, experience +6 and arranged employment +10, each enough alone."""
    person = eligibility.profile_from_data(GRID)
    assert eligibility.evaluate(person, "2027-06-14", ["express-entry/fsw"]).program(
        "express-entry/fsw").verdict == "eligible"
    gap = _gaps(person, "2027-06-15", "express-entry/fsw")["selection-grid"]
    assert (gap.detail["points"], gap.detail["points_short"], gap.detail["pass_mark"]) == (66, 1, 67)
    rooms = {f["factor"]: (f["room"], f["closes_the_gap_alone"]) for f in gap.detail["factors"]}
    assert rooms == {"language": (12, True), "education": (4, True), "experience": (6, True),
                     "arranged_employment": (10, True)}


@pytest.mark.parametrize(("factor", "patch"), [
    ("language", {"language_tests": [{"index": 0, "listening": 8, "reading": 8, "writing": 8, "speaking": 8}]}),
    ("education", {"education": [{"index": 0, "level": "masters", "eca": {"level": "masters"}}]}),
    ("experience", {"work": [{"index": 1, "noc": "21231", "country": "IN", "start": "2022-01-01",
                              "end": "2022-12-31", "hours_per_week": 40}]}),
    ("arranged_employment", {"job_offer": {"noc": "21231", "province": "ON", "hours_per_week": 40, "lmia": "positive",
                                           "duration_months": None, "seasonal": False, "employer": "Acme"}}),
])
def test_each_factor_said_to_close_the_gap_alone_does(factor: str, patch: dict[str, Any]) -> None:
    """Laying each single change over the 66-point profile on 2027-06-15 makes FSW eligible: CLB 8 (+4), a
    master's with its ECA (+2), a second year of skilled work (+2), an LMIA-based offer without end (+10)."""
    person = eligibility.what_if(eligibility.profile_from_data(GRID), patch)
    fsw = eligibility.evaluate(person, "2027-06-15", ["express-entry/fsw"]).program("express-entry/fsw")
    assert fsw.verdict == "eligible", factor


# --- faults -------------------------------------------------------------------------------------------------


def test_hours_short_by_a_fraction_never_read_as_enough() -> None:
    """29.995 h a week from 2025-03-03 give 364 x 29.995 / 7 = 1,559.7 h on 2026-03-02: CEC's work fails, and
    neither the gap nor the explanation says 0 h missing or 1,560 h held."""
    person = _cec([_job("2025-03-03", 29.995)])
    work = _condition(person, "2026-03-02", "express-entry/cec", "canadian-work")
    assert (work.outcome, work.observed["hours"]) == ("fail", 1559.7)
    gap = _gaps(person, "2026-03-02", "express-entry/cec")["canadian-work"]
    assert not gap.needs.startswith("0 h more")
    assert "(1,560 of 1,560 h)" not in gap.needs
    assert not work.explanation.startswith("1,560 h")


def test_funds_short_by_cents_never_read_as_enough() -> None:
    """$15,262.60 is 40 cents short of $15,263: FST's funds fail, and neither the gap nor the explanation says $0
    short or $15,263 held."""
    person = eligibility.what_if(COOK, {"funds_cad": 15262.6})
    funds = _condition(person, "2026-03-01", "express-entry/fst", "settlement-funds")
    assert funds.outcome == "fail"
    gap = _gaps(person, "2026-03-01", "express-entry/fst")["settlement-funds"]
    assert not gap.needs.startswith("$0 more")
    assert "($15,263 of $15,263)" not in gap.needs
    assert not funds.explanation.startswith("$15,263 available")


def test_unknown_funds_name_the_field_that_is_missing() -> None:
    """$50,000 stated, children not: the family size is unknown ($50,000 does not cover every size), so the gap
    asks for $.children, not for the funds already given."""
    data = {k: v for k, v in GRID.items() if k != "children"}
    gap = _gaps(eligibility.profile_from_data(data), "2026-03-01", "express-entry/fsw")["settlement-funds"]
    assert gap.outcome == "unknown"
    assert "$.children" in gap.detail["fields"] and "$.funds_cad" not in gap.detail["fields"]


def test_an_unknown_grid_names_the_field_that_is_missing() -> None:
    """A single person of 35 (age 12) with CLB 7 (16), a Canadian bachelor's (21, and 5 of adaptability for study
    in Canada) and a year and a half of work abroad (9) has 63 points, or 68 with a relative in Canada (5): with
    relatives_in_canada absent she is asked for $.relatives_in_canada, never for a spouse she cannot have."""
    data = {**{k: v for k, v in GRID.items() if k != "relatives_in_canada"},
            "education": [{"level": "bachelors", "years": 4, "country": "CA", "province": "ON",
                           "completed": "2012-05-31"}],
            "work": [_job("2019-01-01", 40, "2020-06-30") | {"country": "IN", "province": None}]}
    person = eligibility.profile_from_data(data)
    grid = _condition(person, "2026-03-01", "express-entry/fsw", "selection-grid")
    assert (grid.outcome, grid.observed) == ("unknown", {"low": 63, "high": 68})
    gap = _gaps(person, "2026-03-01", "express-entry/fsw")["selection-grid"]
    assert gap.detail["fields"] == ["$.relatives_in_canada"]


def test_the_distance_is_the_same_from_the_command_line_the_api_and_a_plan(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """evaluate --distance --format json, eligibility.distance, and the gaps a plan of 2026 gives on its last day
    (2026-12-31) say the same for the cook's FSW and FST."""
    import json

    from eligibility.timeline.distance import distance_data
    from tests.support import run_cli

    programs = ["express-entry/fsw", "express-entry/fst"]
    code, out, _ = run_cli(["evaluate", str(COOK), "--as-of", "2026-12-31", "--distance", "-f", "json",
                            *[a for p in programs for a in ("-p", p)]], capsys, monkeypatch)
    assert code == 0
    cli = json.loads(out)["distance"]
    api = json.loads(json.dumps(distance_data(eligibility.distance(COOK, "2026-12-31", programs))))
    assert cli == api
    plan = eligibility.plan(COOK, "2026-01-01", "2027-01-01", programs)
    for entry in api:
        assert [(g.condition, g.needs) for g in plan.program(entry["program"]).next.gaps] == [
            (g["condition"], g["needs"]) for g in entry["gaps"]]
    fsw = next(entry for entry in api if entry["program"] == "express-entry/fsw")
    assert {g["condition"] for g in fsw["gaps"]} >= {"language", "settlement-funds"}


def test_a_program_not_encoded_on_the_day_is_not_said_to_be_closed() -> None:
    """On 2020-01-01, before the first encoded CEC version (2022-11-16), the distance says the rules are not
    encoded for that day, not that the program is not in force."""
    [gap] = _gaps(_cec([_job("2019-01-01", 40)]), "2020-01-01", "express-entry/cec").values()
    assert gap.outcome == "not_encoded"
    assert "not in force" not in gap.needs and "not encoded" in gap.needs
