"""The eligibility timeline, on hand-worked cases: each boundary day is derived by hand in the docstring."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from eligibility.engines.run import evaluate
from eligibility.profile.load import load_profile, profile_from_data
from eligibility.timeline.build import Plan, plan
from tests.strategies import library
from tests.support import run_cli as run

ROOT = Path(__file__).resolve().parents[1]
D = dt.date


def cec_person(work: list[dict[str, Any]], taken: str = "2025-01-10") -> dict[str, Any]:
    """Someone who meets every CEC condition but the work: Ontario, CLB 9 on a CELPIP taken ``taken``."""
    return {"name": "Case", "intended_province": "ON", "birth_date": "1995-01-01",
            "language_tests": [{"test": "celpip_general", "taken": taken, "listening": 9, "reading": 9,
                                "writing": 9, "speaking": 9}],
            "work": work}


def job(start: str, end: str | None, hours: float, noc: str = "21231", employer: str = "Acme") -> dict[str, Any]:
    """A paid, authorized job in Ontario."""
    return {"title": "Engineer", "employer": employer, "noc": noc, "country": "CA", "province": "ON",
            "start": start, "end": end, "hours_per_week": hours}


def timeline(data: dict[str, Any], start: D, until: D, *programs: str) -> Plan:
    """The plan of plain profile data."""
    return plan(profile_from_data(data), start, until, library(), list(programs))


def spans(p: Plan, program: str) -> list[tuple[D, D, str]]:
    """(from, to, verdict) of each interval of one program."""
    return [(i.start, i.end, i.verdict) for i in p.program(program).intervals]


def verdict(data: dict[str, Any], day: D, program: str) -> str:
    """What 'evaluate --as-of day' says."""
    return evaluate(profile_from_data(data), day, library(), [program]).program(program).verdict


def test_full_time_job_started_on_d_reaches_1560_hours_on_d_plus_364() -> None:
    """40 h/week count as 30, i.e. 30/7 h a day; days D..X-1 give (X-D)*30/7 >= 1,560 first when X = D + 364."""
    data = cec_person([job("2025-03-03", None, 40)])
    p = timeline(data, D(2025, 6, 1), D(2026, 12, 1), "express-entry/cec")
    day = D(2025, 3, 3) + dt.timedelta(days=364)
    assert day == D(2026, 3, 2)
    assert spans(p, "express-entry/cec") == [(D(2025, 6, 1), day, "not_eligible"), (day, D(2026, 12, 1), "eligible")]
    assert p.program("express-entry/cec").intervals[1].because == (
        "1,560 h in 21231 Software engineers and designers reached")
    assert p.program("express-entry/cec").next.eligible_from == day
    assert verdict(data, day - dt.timedelta(days=1), "express-entry/cec") == "not_eligible"
    assert verdict(data, day, "express-entry/cec") == "eligible"


def test_a_20_hour_week_takes_78_weeks() -> None:
    """20 h/week: 1,560 / 20 = 78 weeks = 546 days, so the first day with 1,560 h is D + 546."""
    p = timeline(cec_person([job("2025-03-03", None, 20)]), D(2025, 6, 1), D(2026, 12, 1), "express-entry/cec")
    assert D(2025, 3, 3) + dt.timedelta(days=546) == D(2026, 8, 31)
    assert spans(p, "express-entry/cec")[1][0] == D(2026, 8, 31)


def test_concurrent_part_time_jobs_add_up_to_the_weekly_cap() -> None:
    """15 h + 15 h from D make 30 h/week: D + 364; a third 10 h job from D adds nothing (30 h cap)."""
    two = [job("2025-03-03", None, 15), job("2025-03-03", None, 15, employer="Maple")]
    three = [*two, job("2025-03-03", None, 10, employer="North")]
    for work in (two, three):
        p = timeline(cec_person(work), D(2025, 6, 1), D(2026, 12, 1), "express-entry/cec")
        assert spans(p, "express-entry/cec")[1][0] == D(2026, 3, 2)


def test_staggered_part_time_jobs_are_reached_on_the_day_derived_by_hand() -> None:
    """20 h from 2025-01-06 alone for 70 days (200 h), then 20 h + 20 h capped at 30: 1,360 h more need 317.33
    days, so 318 days after 2025-03-17: 2026-01-29."""
    work = [job("2025-01-06", None, 20), job("2025-03-17", None, 20, employer="Maple")]
    p = timeline(cec_person(work), D(2025, 6, 1), D(2026, 12, 1), "express-entry/cec")
    assert D(2025, 3, 17) - D(2025, 1, 6) == dt.timedelta(days=70)
    assert D(2025, 3, 17) + dt.timedelta(days=318) == D(2026, 1, 29)
    assert spans(p, "express-entry/cec")[1][0] == D(2026, 1, 29)


def test_a_test_taken_on_t_stops_counting_on_t_plus_2_years() -> None:
    """CELPIP of 2025-03-10: valid on 2027-03-09, too old (taken on or before the day 24 months back) on 2027-03-10."""
    data = cec_person([job("2020-01-01", None, 40)], taken="2025-03-10")
    p = timeline(data, D(2026, 1, 1), D(2028, 1, 1), "express-entry/cec")
    assert spans(p, "express-entry/cec") == [(D(2026, 1, 1), D(2027, 3, 10), "eligible"),
                                              (D(2027, 3, 10), D(2028, 1, 1), "not_eligible")]
    assert p.program("express-entry/cec").intervals[1].because == "CELPIP-General of 2025-03-10 is 2 years old"


def fsw_person() -> dict[str, Any]:
    """67 FSW points at 46: language 24 (CLB 9), bachelor's 21, 3 years 11, age 1, adaptability 10 (study in
    Canada 5, a sibling 5); 66 from the 47th birthday, 1980-05-15 + 47 years = 2027-05-15."""
    return {"name": "Age case", "birth_date": "1980-05-15", "marital_status": "single", "children": 0,
            "intended_province": "ON", "funds_cad": 40000, "job_offer": None, "spouse": None,
            "relatives_in_canada": ["sibling"], "certificates_of_qualification": [],
            "education": [{"level": "bachelors", "country": "CA", "province": "ON", "years": 4,
                           "full_time": True, "completed": "2004-05-01"}],
            "language_tests": [{"test": "celpip_general", "taken": "2026-01-05", "listening": 9, "reading": 9,
                                "writing": 9, "speaking": 9}],
            "work": [{"title": "Analyst", "noc": "21223", "country": "IN", "start": "2021-01-01",
                      "end": "2023-12-31", "hours_per_week": 40}]}


def test_the_47th_birthday_costs_the_last_age_point() -> None:
    """Age 46 gives 1 point, 47 gives 0: FSW falls from 67 to 66 points, under the pass mark, on 2027-05-15."""
    p = timeline(fsw_person(), D(2026, 6, 1), D(2027, 12, 1), "express-entry/fsw")
    assert spans(p, "express-entry/fsw") == [(D(2026, 6, 1), D(2027, 5, 15), "eligible"),
                                              (D(2027, 5, 15), D(2027, 12, 1), "not_eligible")]
    assert p.program("express-entry/fsw").intervals[1].because == "age 47: age points 1 -> 0, grid 67 -> 66"


def test_a_job_that_ended_leaves_the_3_year_window() -> None:
    """Full time 2022-01-01 to 2023-06-30: 364 days from 2022-07-02 give 1,560 h; the window of 2025-07-02
    starts 2022-07-02, the one of 2025-07-03 on 2022-07-03 (363 days): not eligible from 2025-07-03."""
    data = cec_person([job("2022-01-01", "2023-06-30", 40)], taken="2024-09-01")
    p = timeline(data, D(2025, 1, 1), D(2026, 1, 1), "express-entry/cec")
    assert spans(p, "express-entry/cec") == [(D(2025, 1, 1), D(2025, 7, 3), "eligible"),
                                              (D(2025, 7, 3), D(2026, 1, 1), "not_eligible")]
    assert p.program("express-entry/cec").intervals[1].because == (
        "21231 Software engineers and designers falls below 1,560 h in the 3-year window")


def test_a_list_change_removing_an_occupation() -> None:
    """Cooks (63200) leave the trades category with the 2026 lists, which start on 2026-02-18 (rulesets)."""
    p = plan(load_profile(ROOT / "profiles" / "cook-in-canada.yaml"), D(2026, 1, 1), D(2026, 6, 1), library(),
             ["category/trades"])
    assert spans(p, "category/trades") == [(D(2026, 1, 1), D(2026, 2, 18), "eligible"),
                                            (D(2026, 2, 18), D(2026, 6, 1), "not_eligible")]
    assert "63200 Cooks removed" in p.program("category/trades").intervals[1].because


def test_a_program_closing() -> None:
    """Ontario's tech draws close on 2026-05-30 (the version with in_force: false): not in force from that day."""
    p = plan(load_profile(ROOT / "profiles" / "cook-in-canada.yaml"), D(2026, 1, 1), D(2026, 12, 1), library(),
             ["ontario/hcp-tech"])
    last = p.program("ontario/hcp-tech").intervals[-1]
    assert (last.start, last.verdict) == (D(2026, 5, 30), "not_in_force")
    assert "closes" in last.because


def test_next_says_what_still_fails_when_not_before_until() -> None:
    """A cook with CLB 5-6 never reaches FSW's CLB 7: next is 'not before' with the language condition named."""
    p = plan(load_profile(ROOT / "profiles" / "cook-in-canada.yaml"), D(2026, 1, 1), D(2026, 3, 1), library(),
             ["express-entry/fsw"])
    nxt = p.program("express-entry/fsw").next
    assert nxt.eligible_from is None and not nxt.eligible_at_start
    assert any("CLB/NCLC 7" in b for b in nxt.blocking)


def test_intervals_cover_the_horizon_and_neighbours_differ() -> None:
    """Every program's intervals run from --from to --until without gaps, and two neighbours never share a verdict."""
    p = plan(load_profile(ROOT / "profiles" / "married-couple.yaml"), D(2025, 1, 1), D(2028, 1, 1), library())
    for program in p.programs:
        ivs = program.intervals
        assert ivs[0].start == D(2025, 1, 1) and ivs[-1].end == D(2028, 1, 1)
        assert all(a.end == b.start and a.verdict != b.verdict for a, b in itertools.pairwise(ivs))


COOK = str(ROOT / "profiles" / "cook-in-canada.yaml")


def test_plan_json_validates_against_the_plan_schema(capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """plan --format json prints from, until, assumptions, programs with intervals, and validates."""
    import jsonschema

    code, out, _ = run(["plan", COOK, "--from", "2026-01-01", "--until", "2029-01-01", "--format", "json"],
                       capsys, monkeypatch)
    data = json.loads(out)
    assert code == 0
    jsonschema.validate(data, json.loads((ROOT / "eligibility" / "data" / "plan-schema.json").read_text()))
    cec = next(p for p in data["programs"] if p["id"] == "express-entry/cec")
    assert cec["intervals"] == [
        {"from": "2026-01-01", "to": "2027-09-20", "verdict": "eligible", "because": "every condition passes"},
        {"from": "2027-09-20", "to": "2029-01-01", "verdict": "not_eligible",
         "because": "CELPIP-General of 2025-09-20 is 2 years old"}]
    assert data["assumptions"]


def test_plan_text_and_markdown(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Text shows assumptions, intervals with inclusive last days, and Next; Markdown shows a table per program."""
    _, out, _ = run(["plan", COOK, "--from", "2026-01-01", "-p", "express-entry/cec"], capsys, monkeypatch)
    assert "Assumptions:" in out
    assert "2026-01-01 to 2027-09-19  ELIGIBLE" in out
    assert "express-entry/cec: eligible on 2026-01-01" in out
    _, md, _ = run(["plan", COOK, "--from", "2026-01-01", "-p", "express-entry/cec", "-f", "markdown"],
                   capsys, monkeypatch)
    assert "| 2027-09-20 | 2028-12-31 | not eligible |" in md


def test_plan_bad_dates_are_one_line_errors(capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """--until before --from, or a malformed date, exits 2 with one line naming the option."""
    code, _, err = run(["plan", COOK, "--from", "2026-01-01", "--until", "2025-01-01"], capsys, monkeypatch)
    assert code == 2 and err.strip() == "--until: expected a day after --from 2026-01-01, found 2025-01-01"
    code, _, err = run(["plan", COOK, "--from", "2026-13-01"], capsys, monkeypatch)
    assert code == 2 and err.strip() == "--from: expected a date YYYY-MM-DD, found '2026-13-01'"


def test_api_plan_defaults_to_three_years_from_today() -> None:
    """eligibility.plan(profile) runs from today to the same day 3 years on."""
    import eligibility

    p = eligibility.plan(ROOT / "profiles" / "cook-in-canada.yaml", programs=["express-entry/cec"])
    assert p.start == dt.date.today()
    assert (p.until - p.start).days in (1095, 1096, 1097)


def test_the_crs_steps_down_on_a_birthday_and_when_a_test_expires() -> None:
    """Marco (born 1992-11-03) turns 34 on 2026-11-03; his CELPIP of 2025-09-20 stops counting on 2027-09-20,
    taking its 30 first-language points."""
    p = plan(load_profile(ROOT / "profiles" / "cook-in-canada.yaml"), D(2026, 1, 1), D(2029, 1, 1), library(),
             ["express-entry/cec"])
    by_start = {s.start: s for s in p.crs}
    assert by_start[D(2026, 11, 3)].because.startswith("age 34: core.age")
    assert by_start[D(2027, 9, 20)].because.startswith("CELPIP-General of 2025-09-20 is 2 years old")
    # CLB 6, 5, 5, 6 (listening, reading, writing, speaking) score 9 + 6 + 6 + 9 = 30 single-applicant points.
    before = next(s for s in p.crs if s.end == D(2027, 9, 20))
    assert before.low is not None and by_start[D(2027, 9, 20)].low == before.low - 30
    assert p.crs[-1].end == D(2029, 1, 1)
    assert all(a.end == b.start for a, b in itertools.pairwise(p.crs)) and p.crs[0].start == D(2026, 1, 1)
