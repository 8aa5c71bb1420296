"""Tests that kill the plan code's mutation survivors (benchmarks/mutation.py, area timeline; seeds 1202 and 1203).

Each boundary day and number is derived by hand in the test's comments, from the rules (rulesets/) and the
charts: a language result is valid while less than 2 years old, counted from the date on the result when the
profile gives one (so a test of day T, or with a result of day T, is too old from T + 2 years); CLB levels
are CELPIP-General scores; IELTS General Training CLB 9 = listening 8.0, reading 7.0, writing 7.0, speaking
7.0, and CLB 7 = 6.0 in each; FSW grid points as in tests/test_plan.py's ``fsw_person``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eligibility.engines.run import evaluate
from eligibility.errors import UsageError
from eligibility.profile.load import profile_from_data
from eligibility.timeline.build import plan
from eligibility.timeline.distance import distance, distance_text
from eligibility.timeline.render import plan_text
from tests.strategies import library
from tests.test_plan import cec_person, fsw_person, job, spans, timeline

D = dt.date


def test_a_plan_of_no_days_is_refused() -> None:
    """--until on the --from day itself leaves no day to plan: a usage error naming both days."""
    with pytest.raises(UsageError, match=r"^--until: expected a day after --from 2026-01-01, found 2026-01-01$"):
        plan(profile_from_data(cec_person([job("2020-01-01", None, 40)])), D(2026, 1, 1), D(2026, 1, 1), library())


def test_an_ielts_that_expires_is_named_ielts_and_the_text_lines_are_aligned() -> None:
    """An IELTS of 2025-03-10 (CLB 9) is too old from 2027-03-10: the cause names it "IELTS", and the plan's text
    shows each interval with its inclusive last day and the verdict padded to 12 characters."""
    data = cec_person([job("2020-01-01", None, 40)])
    data["language_tests"] = [{"test": "ielts_general", "taken": "2025-03-10", "listening": 8.0, "reading": 7.0,
                               "writing": 7.0, "speaking": 7.0}]
    p = timeline(data, D(2026, 1, 1), D(2028, 1, 1), "express-entry/cec")
    assert spans(p, "express-entry/cec") == [(D(2026, 1, 1), D(2027, 3, 10), "eligible"),
                                              (D(2027, 3, 10), D(2028, 1, 1), "not_eligible")]
    assert p.program("express-entry/cec").intervals[1].because == "IELTS of 2025-03-10 is 2 years old"
    lines = plan_text(p).splitlines()
    assert "  2026-01-01 to 2027-03-09  ELIGIBLE      every condition passes" in lines
    assert "  2027-03-10 to 2027-12-31  not eligible  IELTS of 2025-03-10 is 2 years old" in lines
    assert "  express-entry/cec: eligible on 2026-01-01" in lines
    assert p.assumptions[1] == ("Nothing else in the profile changes: no new job, credential, ECA or job offer, no "
                                "change of funds or family, and no language test is retaken.")


def test_a_result_issued_later_than_the_test_starts_and_ends_the_validity() -> None:
    """A CELPIP taken 2025-03-01 with its result issued 2025-03-20 counts from 2025-03-20 (the cause names the
    result) and is too old from 2027-03-20."""
    data = cec_person([job("2020-01-01", None, 40)])
    data["language_tests"] = [{"test": "celpip_general", "taken": "2025-03-01", "result_date": "2025-03-20",
                               "listening": 9, "reading": 9, "writing": 9, "speaking": 9}]
    p = timeline(data, D(2025, 3, 5), D(2028, 1, 1), "express-entry/cec")
    assert spans(p, "express-entry/cec") == [(D(2025, 3, 5), D(2025, 3, 20), "not_eligible"),
                                              (D(2025, 3, 20), D(2027, 3, 20), "eligible"),
                                              (D(2027, 3, 20), D(2028, 1, 1), "not_eligible")]
    assert [i.because for i in p.program("express-entry/cec").intervals[1:]] == [
        "CELPIP-General of 2025-03-01: result issued 2025-03-20",
        "CELPIP-General of 2025-03-01, result of 2025-03-20, is 2 years old"]
    assert "  express-entry/cec: first eligible on 2025-03-20" in plan_text(p).splitlines()


def test_an_eca_issued_in_the_plan_makes_fsw_eligible_that_day() -> None:
    """A foreign bachelor's whose ECA is issued 2026-08-01: FSW's education passes and the grid rises from 51 to 72
    that day, the ECA named once as the cause (the education condition's words are inside the grid's)."""
    data = fsw_person()
    data["birth_date"] = "1990-05-15"
    data["education"] = [{"level": "bachelors", "country": "IN", "years": 4, "full_time": True,
                          "completed": "2012-05-01", "eca": {"issued": "2026-08-01", "level": "bachelors"}}]
    # Age 36: 11; CLB 9: 24; 3 years abroad: 11; no offer: 0; adaptability: a sibling 5 (no study in Canada):
    # 51 without a recognized credential, 51 + 21 (bachelor's) = 72 with the ECA; pass mark 67.
    p = timeline(data, D(2026, 6, 1), D(2027, 1, 1), "express-entry/fsw")
    assert spans(p, "express-entry/fsw") == [(D(2026, 6, 1), D(2026, 8, 1), "not_eligible"),
                                              (D(2026, 8, 1), D(2027, 1, 1), "eligible")]
    assert p.program("express-entry/fsw").intervals[1].because == (
        "the ECA of 2026-08-01 is issued: education points 0 -> 21, grid 51 -> 72")


def test_a_grid_range_is_written_low_high_in_the_cause() -> None:
    """Without the job-offer key, FSW's arranged employment is 0 to 10: the grid is 67-77 at 46 and 66-76 from the
    47th birthday (2027-05-15), when the verdict becomes undetermined."""
    data = fsw_person()
    del data["job_offer"]
    p = timeline(data, D(2026, 6, 1), D(2027, 12, 1), "express-entry/fsw")
    assert spans(p, "express-entry/fsw") == [(D(2026, 6, 1), D(2027, 5, 15), "eligible"),
                                              (D(2027, 5, 15), D(2027, 12, 1), "undetermined")]
    assert p.program("express-entry/fsw").intervals[1].because == "age 47: age points 1 -> 0, grid 67-77 -> 66-76"


def test_an_unsettled_grid_names_every_field_that_would_settle_it() -> None:
    """At 47 without the job-offer and relatives keys the grid is 24 + 21 + 11 + 0 + (0..10) + (5..10) = 61..76:
    the gap names both fields to state, the job offer's and the relatives' (adaptability's unknown item; never the
    spouse of a single person)."""
    data = fsw_person()
    del data["job_offer"], data["relatives_in_canada"]
    p = timeline(data, D(2027, 6, 1), D(2027, 12, 1), "express-entry/fsw")
    assert spans(p, "express-entry/fsw") == [(D(2027, 6, 1), D(2027, 12, 1), "undetermined")]
    gaps = [(g.condition, g.needs, g.detail) for g in p.program("express-entry/fsw").next.gaps]
    assert gaps == [("selection-grid", "state $.job_offer, $.relatives_in_canada",
                     {"fields": ["$.job_offer", "$.relatives_in_canada"]})]


def test_a_language_gap_without_a_valid_test_asks_the_highest_level_by_teer() -> None:
    """After the CELPIP of 2025-03-10 expires (2027-03-10), with the job's NOC code not given (so neither the main
    occupation nor its TEER is known), CEC's language gap asks CLB 7 in each ability (the higher of its TEER 0-1
    and TEER 2-3 levels, 7 and 5), and each ability says there is no valid test, with the scores."""
    data = cec_person([job("2020-01-01", None, 40)], taken="2025-03-10")
    data["work"][0]["noc"] = None
    p = timeline(data, D(2027, 4, 1), D(2027, 6, 1), "express-entry/cec")
    work, gap = p.program("express-entry/cec").next.gaps
    assert (work.outcome, work.needs) == ("unknown", "state the NOC code of each job ($.work[0].noc)")
    assert gap.outcome == "fail"
    # the interval's words name what fails (the language), not what is unknown (the work's NOC code)
    assert p.program("express-entry/cec").intervals[0].because == (
        "CLB/NCLC 7 in all four abilities if the main occupation is TEER 0 or 1; CLB/NCLC 5 if TEER 2 or 3: no valid "
        "test result in the language required")
    assert gap.detail["levels_needed"] == {"reading": 7, "writing": 7, "listening": 7, "speaking": 7}
    assert gap.detail["levels"] == {}
    parts = gap.needs.split("; ")
    # CLB 7: IELTS General Training 6.0 and CELPIP-General 7 in each ability
    assert [p.split(": ")[0] for p in parts] == [f"{a} level 7 (no valid test now)"
                                                 for a in ("reading", "writing", "listening", "speaking")]
    assert all("IELTS General Training 6, CELPIP-General 7, " in p for p in parts)


def test_a_dependent_program_names_each_program_that_changed() -> None:
    """Alberta's accelerated tech pathway asks for FSW or CEC: when the CELPIP of 2025-03-10 expires on 2027-03-10,
    CEC goes from eligible to not eligible and FSW (CLB 7 needed) from undetermined to not eligible."""
    p = timeline(cec_person([job("2020-01-01", None, 40)], taken="2025-03-10"), D(2026, 6, 1), D(2028, 1, 1),
                 "alberta/accelerated-tech")
    assert spans(p, "alberta/accelerated-tech") == [(D(2026, 6, 1), D(2027, 3, 10), "undetermined"),
                                                     (D(2027, 3, 10), D(2028, 1, 1), "not_eligible")]
    assert p.program("alberta/accelerated-tech").intervals[1].because == (
        "CELPIP-General of 2025-03-10 is 2 years old: express-entry/fsw undetermined -> not eligible, "
        "express-entry/cec eligible -> not eligible")


def test_a_program_closed_over_the_whole_plan_is_listed_once() -> None:
    """Ontario's tech draws are closed from 2026-05-30: a plan from 2026-06-01 lists them as not in force over the
    whole period."""
    data = cec_person([job("2020-01-01", None, 40)], taken="2025-03-10")
    p = timeline(data, D(2026, 6, 1), D(2026, 9, 1), "ontario/hcp-tech", "express-entry/cec")
    assert spans(p, "ontario/hcp-tech") == [(D(2026, 6, 1), D(2026, 9, 1), "not_in_force")]
    closed = evaluate(profile_from_data(data), D(2026, 6, 1), library(), ["ontario/hcp-tech"])
    assert p.program("ontario/hcp-tech").intervals[0].because == closed.program("ontario/hcp-tech").message
    assert "Not in force over the whole period: ontario/hcp-tech" in plan_text(p).splitlines()


def test_a_language_gap_names_the_level_held() -> None:
    """A CELPIP at 6 in each ability with a TEER 1 job (21231): CEC asks CLB 7, and each ability says "6 now"."""
    data = cec_person([job("2020-01-01", None, 40)], taken="2026-01-10")
    data["language_tests"][0].update({"listening": 6, "reading": 6, "writing": 6, "speaking": 6})
    p = timeline(data, D(2026, 6, 1), D(2026, 9, 1), "express-entry/cec")
    (gap,) = p.program("express-entry/cec").next.gaps
    assert [part.split(": ")[0] for part in gap.needs.split("; ")] == [
        f"{a} level 7 (6 now)" for a in ("reading", "writing", "listening", "speaking")]
    assert gap.detail["levels"] == {"reading": 6, "writing": 6, "listening": 6, "speaking": 6}


def test_a_nomination_issued_in_the_plan_raises_the_crs_that_day() -> None:
    """A nomination issued 2026-07-01: the CRS steps up that day, the nomination factor 0 -> 600 and the lowest
    score by 600 (the person's additional points were 0 at the lowest), the nomination named as the cause. The
    highest score rises by 555 only: with a sibling (15) and Canadian education (30) unknown, the additional points
    would be 600 to 645 before their cap of 600 (crs.md D), and the step says so."""
    data = cec_person([job("2020-01-01", None, 40)], taken="2026-01-10")
    data["provincial_nomination"] = {"province": "ON", "issued": "2026-07-01"}
    p = timeline(data, D(2026, 6, 1), D(2026, 9, 1), "express-entry/cec")
    before, after = p.crs
    assert (before.start, after.start) == (D(2026, 6, 1), D(2026, 7, 1))
    assert after.low - before.low == 600
    assert after.high - before.high == 555
    assert after.because == (f"the ON nomination is issued: additional.nomination 0 -> 600, "
                             f"additional capped at 600: 600-645 -> 600, "
                             f"CRS {before.low}-{before.high} -> {after.low}-{after.high}")


def test_a_program_that_closes_is_marked_as_not_for_the_person_to_change() -> None:
    """Ontario's tech draws close on 2026-05-30 and no encoded version opens them again: the text's Next marks that
    gap as not for the person to change."""
    p = timeline(cec_person([job("2020-01-01", None, 40)], taken="2025-03-10"), D(2026, 1, 1), D(2026, 12, 1),
                 "ontario/hcp-tech")
    assert spans(p, "ontario/hcp-tech")[-1] == (D(2026, 5, 30), D(2026, 12, 1), "not_in_force")
    assert ("    - ontario/hcp-tech: the program is not in force (not for the person to change); no encoded version "
            "opens it again [not for the person to change]") in plan_text(p).splitlines()


def test_more_than_eight_jobs_are_read_every_day() -> None:
    """Nine jobs of 5 h a week from 2025-03-03 (45 h, counted as 30): too many to follow their hours' crossings, so
    every day of the plan is evaluated, and 1,560 h are still reached on 2025-03-03 + 364 days = 2026-03-02."""
    data = cec_person([job("2025-03-03", None, 5, employer=f"Employer {i}") for i in range(9)])
    p = timeline(data, D(2026, 2, 20), D(2026, 3, 10), "express-entry/cec")
    assert p.days_evaluated == 18
    assert spans(p, "express-entry/cec") == [(D(2026, 2, 20), D(2026, 3, 2), "not_eligible"),
                                              (D(2026, 3, 2), D(2026, 3, 10), "eligible")]


def test_a_funds_table_that_rises_on_a_birthday_is_named_beside_the_grid() -> None:
    """The 2025 funds table (single person: $15,263, up from $14,690) starts 2025-07-07, the 36th birthday of
    someone born 1989-07-07 with $15,000: FSW turns not eligible that day, and the cause names the table (the
    funds' outcome changed, their amount did not) beside the age point lost."""
    data = fsw_person()
    data["birth_date"], data["funds_cad"] = "1989-07-07", 15000
    data["language_tests"][0]["taken"] = "2025-01-10"
    # Grid: CLB 9 24, bachelor's 21, 3 years abroad 11, adaptability 10 (study in Canada 5, a sibling 5), no
    # offer 0, age 35 12 -> age 36 11: 78 -> 77, above the pass mark of 67 on both days. Funds for a family of
    # 1: $14,690 (2024 table) <= $15,000 < $15,263 (2025 table, from 2025-07-07).
    p = timeline(data, D(2025, 6, 1), D(2025, 9, 1), "express-entry/fsw")
    assert spans(p, "express-entry/fsw") == [(D(2025, 6, 1), D(2025, 7, 7), "eligible"),
                                              (D(2025, 7, 7), D(2025, 9, 1), "not_eligible")]
    table = "the Proof of settlement funds (Express Entry, FSW and FST)"
    # the grid (listed before the funds in the program) first, then the day's table events in table order
    assert p.program("express-entry/fsw").intervals[1].because == (
        f"age 36: age points 12 -> 11, grid 78 -> 77; {table} of 2024-05-28 ends; {table} of 2025-07-07 starts "
        f"($14,690 -> $15,263 for 1 person)")


def test_the_day_missing_hours_are_reached_is_found_with_more_than_eight_jobs() -> None:
    """Nine jobs of 5 h a week from 2025-03-03 (counted as 30 h a week): too many to follow their crossings, so
    the days ahead are read one by one; on 2026-02-20 CEC lacks 43 h, reached on 2026-03-02."""
    data = cec_person([job("2025-03-03", None, 5, employer=f"Employer {i}") for i in range(9)])
    profile = profile_from_data(data)
    # 2025-03-03 .. 2026-02-19 is 354 days x 30/7 h = 1,517.1 h, 42.9 short of 1,560; 1,560 h are reached
    # on 2025-03-03 + 364 days = 2026-03-02 (tests/test_plan.py).
    (cec,) = distance(profile, evaluate(profile, D(2026, 2, 20), library(), ["express-entry/cec"]), library())
    (gap,) = cec.gaps
    assert gap.detail == {"hours_missing": 42.9, "hours": 1517.1, "required_hours": 1560.0, "reached_on": "2026-03-02"}
    assert distance_text([cec])[2] == (
        "    - canadian-work: 43 h more (1,517 of 1,560 h); reached on 2026-03-02 at current hours")
