"""Express Entry category-based selection checked by hand against the research (audit9, 2026-12-01).

Every expected value comes from research/programs.md section 3 (the experience rule by period, 3.1; the
lists by year, 3.4; the French category, 3.2) and from the counting rule of section 0 (1 year = 1,560 h =
30 h x 52 weeks, so a day of full-time work is 30/7 h and 6 months is 780 h = 182 days). Hours are worked out
below each case; none is copied from the engine's output.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

import eligibility
from eligibility.profile.load import profile_from_data

# Born 1992-03-10 (33 or 34 on the dates below: FSW age 12), a Canadian four-year bachelor's (FSW 21), CELPIP 9
# in all four on two tests (valid 2023-01-15 to 2025-01-14 and 2025-01-10 to 2027-01-09: FSW language 24), and
# a continuous two years abroad as a software engineer in 2019-2020 (FSW experience 11 or more): the FSW grid
# is at least 12 + 21 + 24 + 11 = 68 >= 67, so FSW is met on every date used here and the category turns on
# its own conditions.
BASE: dict[str, Any] = {
    "name": "audit9 category probe", "birth_date": "1992-03-10", "marital_status": "single",
    "intended_province": "ON", "children": 0, "funds_cad": 50000,
    "education": [{"level": "bachelors", "years": 4, "country": "CA", "province": "ON", "completed": "2015-05-01",
                   "full_time": True}],
    "language_tests": [
        {"test": "celpip_general", "taken": "2023-01-15", "listening": 9, "reading": 9, "writing": 9, "speaking": 9},
        {"test": "celpip_general", "taken": "2025-01-10", "listening": 9, "reading": 9, "writing": 9, "speaking": 9}],
    "work": [{"title": "Software engineer", "employer": "Infosys", "noc": "21231", "country": "IN",
              "start": "2019-01-01", "end": "2020-12-31", "hours_per_week": 40}],
    "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [],
    "provincial_nomination": None, "spouse": None, "declarations": {"performed_noc_duties": True},
}


def _job(noc: str, start: str, end: str | None, country: str = "IN", hours: float = 40,
         **extra: Any) -> dict[str, Any]:
    job: dict[str, Any] = {"title": "job", "employer": extra.pop("employer", "Employer"), "noc": noc,
                           "country": country, "start": start, "end": end, "hours_per_week": hours}
    if country == "CA":
        job["province"] = "ON"
    return job | extra


def _program(day: str, program: str, *jobs: dict[str, Any], **changes: Any) -> eligibility.ProgramResult:
    data = copy.deepcopy(BASE)
    data["work"] = data["work"] + list(jobs)
    data.update(copy.deepcopy(changes))
    return eligibility.evaluate(profile_from_data(data), day, programs=[program]).program(program)


def _condition(result: eligibility.ProgramResult, cid: str) -> Any:
    return next(c for c in result.conditions if c.id == cid)


def _experience(day: str, program: str, *jobs: dict[str, Any], **changes: Any) -> tuple[str, float]:
    c = _condition(_program(day, program, *jobs, **changes), "experience")
    return c.outcome, c.observed["hours"]


# --- The experience rule on both sides of 2026-02-18 (programs.md 3.1) -------------------------------------

# Three stints abroad as a civil engineer (21300, STEM in 2025 and 2026), none 6 months long:
# 2024-01-01..05-31 = 152 days, 2024-07-01..11-30 = 153 days, 2025-01-01..02-28 = 59 days: 364 days in all,
# 364 x 30/7 = 1,560 h; the longest continuous run is 153 days = 655.7 h.
STINTS = (_job("21300", "2024-01-01", "2024-05-31"), _job("21300", "2024-07-01", "2024-11-30"),
          _job("21300", "2025-01-01", "2025-02-28"))


def test_stem_the_day_before_2026_02_18_needs_six_continuous_months() -> None:
    """2026-02-17: the 2023-2025 rule (780 h continuous in one occupation): the longest run, 153 days, is 655.7 h."""
    outcome, hours = _experience("2026-02-17", "category/stem", *STINTS)
    assert (outcome, hours) == ("fail", 655.7)


def test_stem_from_2026_02_18_twelve_months_need_not_be_continuous() -> None:
    """2026-02-18: 12 months (1,560 h) in one occupation in 3 years, continuous or not: 364 days = 1,560 h; the
    candidate meets FSW, so the category is eligible."""
    result = _program("2026-02-18", "category/stem", *STINTS)
    assert (_condition(result, "experience").outcome, _condition(result, "experience").observed["hours"]) == (
        "pass", 1560.0)
    assert result.verdict == "eligible"


def test_stem_from_2026_02_18_one_day_short_of_twelve_months_fails() -> None:
    """The last stint ending 2025-02-27: 363 days = 1,555.7 h, short of 1,560."""
    short = (*STINTS[:2], _job("21300", "2025-01-01", "2025-02-27"))
    assert _experience("2026-02-18", "category/stem", *short) == ("fail", 1555.7)


@pytest.mark.parametrize(("end", "expected"), [("2024-06-30", ("pass", 780.0)), ("2024-06-29", ("fail", 775.7))])
def test_healthcare_2024_six_continuous_months_is_182_days(end: str, expected: tuple[str, float]) -> None:
    """A nurse (31301) abroad from 2024-01-01: to 06-30 is 182 days = 780 h (met); to 06-29 is 181 = 775.7 h."""
    assert _experience("2024-07-01", "category/healthcare", _job("31301", "2024-01-01", end, "PH")) == expected


def test_healthcare_2025_continuity_is_counted_in_the_one_occupation() -> None:
    """31301 Jan-Mar 2025, an unlisted job (21231) Apr-Jun, 31301 Jul-Sep: the nurse's runs are 90 and 92 days,
    never 6 months; the longest counts, 92 x 30/7 = 394.3 h."""
    jobs = (_job("31301", "2025-01-01", "2025-03-31", "PH"), _job("21231", "2025-04-01", "2025-06-30", "PH"),
            _job("31301", "2025-07-01", "2025-09-30", "PH"))
    assert _experience("2025-12-01", "category/healthcare", *jobs) == ("fail", 394.3)


def test_healthcare_2024_part_time_continuous_year_is_six_months_equivalent() -> None:
    """15 h a week without a break from 2024-01-01 to 12-29 (364 days): 364 x 15/7 = 780 h, the part-time
    equivalent of 6 months."""
    job = _job("31301", "2024-01-01", "2024-12-29", "PH", hours=15)
    assert _experience("2025-01-10", "category/healthcare", job) == ("pass", 780.0)


def test_healthcare_2026_twelve_months_must_be_in_one_occupation() -> None:
    """2026 rule: 181 days as a nurse (31301) and 184 as a nurse practitioner (31302) add to a year, but no single
    occupation has 1,560 h; the better one is 184 x 30/7 = 788.6 h."""
    jobs = (_job("31301", "2025-01-01", "2025-06-30", "PH"), _job("31302", "2025-07-01", "2025-12-31", "PH"))
    assert _experience("2026-03-01", "category/healthcare", *jobs) == ("fail", 788.6)


# --- Lists by year, on both sides of the day they changed (programs.md 3.3, 3.4) ---------------------------

YEAR_ABROAD = "2024-01-01", "2024-12-31"  # 366 days continuous: 1,568.6 h, enough for every rule


@pytest.mark.parametrize(("program", "noc", "day", "outcome"), [
    # STEM 2025: 19 removed, among them the software occupations (3.4.3 -> 3.4.4).
    ("category/stem", "21231", "2025-02-26", "pass"),
    ("category/stem", "21231", "2025-02-27", "fail"),
    # STEM 2025 added mechanical engineers (21301) and insurance agents (63100).
    ("category/stem", "21301", "2025-02-26", "fail"),
    ("category/stem", "21301", "2025-02-27", "pass"),
    ("category/stem", "63100", "2025-02-27", "pass"),
    # Healthcare 2025: pharmacists (31120) and social workers (41300) added, kinesiologists (31204) removed.
    ("category/healthcare", "31120", "2025-02-26", "fail"),
    ("category/healthcare", "31120", "2025-02-27", "pass"),
    ("category/healthcare", "41300", "2025-02-27", "pass"),
    ("category/healthcare", "31204", "2025-02-26", "pass"),
    ("category/healthcare", "31204", "2025-02-27", "fail"),
    # 42203 moved from healthcare to the new education category.
    ("category/healthcare", "42203", "2025-02-26", "pass"),
    ("category/healthcare", "42203", "2025-02-27", "fail"),
    ("category/education", "42203", "2025-02-27", "pass"),
    # Trades 2025: 4 removed (72014, 72405, 72406, 73200), 19 added (cooks 63200 among them).
    ("category/trades", "73200", "2025-02-26", "pass"),
    ("category/trades", "73200", "2025-02-27", "fail"),
    ("category/trades", "63200", "2025-02-26", "fail"),
    ("category/trades", "63200", "2025-02-27", "pass"),
    # Trades 2026: cooks out, butchers (63201) in.
    ("category/trades", "63200", "2026-02-17", "pass"),
    ("category/trades", "63200", "2026-02-18", "fail"),
    ("category/trades", "63201", "2026-02-17", "fail"),
    ("category/trades", "63201", "2026-02-18", "pass"),
    # Agriculture 2025: 82030 and 82031 removed, butchers left.
    ("category/agriculture", "82030", "2025-02-26", "pass"),
    ("category/agriculture", "82030", "2025-02-27", "fail"),
    ("category/agriculture", "63201", "2026-02-17", "pass"),
    # Transport 2023-2024 list (truck drivers) and the redesigned 2026 list (automotive technicians).
    ("category/transport", "73300", "2025-02-26", "pass"),
    ("category/transport", "73300", "2026-02-18", "fail"),
    ("category/transport", "72410", "2026-02-18", "pass"),
])
def test_a_year_abroad_in_an_occupation_meets_the_list_of_the_day(program: str, noc: str, day: str,
                                                                 outcome: str) -> None:
    """A continuous year abroad in 2024 (366 days) meets the experience rule of every period exactly when the
    occupation is on that day's list."""
    assert _experience(day, program, _job(noc, *YEAR_ABROAD))[0] == outcome


@pytest.mark.parametrize(("program", "before", "first"), [
    ("category/french", "2023-05-30", "2023-05-31"),
    ("category/healthcare", "2023-05-30", "2023-05-31"),
    ("category/education", "2025-02-26", "2025-02-27"),
    ("category/physicians", "2026-02-17", "2026-02-18"),
    ("category/senior-managers", "2026-02-17", "2026-02-18"),
    ("category/researchers", "2026-02-17", "2026-02-18"),
    ("category/military", "2026-02-17", "2026-02-18"),
])
def test_each_category_exists_from_the_day_it_was_announced(program: str, before: str, first: str) -> None:
    """2023 categories from 31 May 2023, education from 27 February 2025, the 2026 categories from 18 February
    2026 (programs.md 3.3): not in force the day before."""
    assert _program(before, program).verdict == "not_in_force"
    assert _program(first, program).verdict != "not_in_force"


@pytest.mark.parametrize(("program", "last", "gone"), [
    ("category/transport", "2025-02-26", "2025-02-27"),
    ("category/agriculture", "2026-02-17", "2026-02-18"),
])
def test_removed_categories_stop_the_day_they_were_dropped(program: str, last: str, gone: str) -> None:
    """Transport was removed on 27 February 2025 (back redesigned on 18 February 2026); agriculture was retired
    on 18 February 2026."""
    assert _program(last, program).verdict != "not_in_force"
    assert _program(gone, program).verdict == "not_in_force"
    if program == "category/transport":
        assert _program("2026-02-17", program).verdict == "not_in_force"
        assert _program("2026-02-18", program).verdict != "not_in_force"


# --- Canadian experience only: physicians, senior managers, researchers (3.1, 3.4.12-3.4.14) ---------------

@pytest.mark.parametrize(("program", "noc", "country", "outcome"), [
    ("category/physicians", "31102", "CA", "pass"),
    ("category/physicians", "31102", "GB", "fail"),
    ("category/senior-managers", "00012", "CA", "pass"),
    ("category/senior-managers", "00011", "CA", "fail"),  # senior government managers: not on the list
    ("category/senior-managers", "00015", "US", "fail"),
    ("category/researchers", "41200", "CA", "pass"),
    ("category/researchers", "41201", "FR", "fail"),
    ("category/transport", "72600", "AU", "pass"),  # transport: Canada or abroad
])
def test_2026_canadian_experience_categories(program: str, noc: str, country: str, outcome: str) -> None:
    """A continuous year (366 days of 2024) in the occupation, evaluated 2026-06-01: in Canada it counts for
    every 2026 category; abroad only for the categories that take foreign experience."""
    assert _experience("2026-06-01", program, _job(noc, *YEAR_ABROAD, country))[0] == outcome


# --- French-language proficiency (3.2, 8.5) ------------------------------------------------------------------

TCF_7 = {"test": "tcf_canada", "taken": "2025-01-10", "reading": 453, "writing": 10, "listening": 458, "speaking": 10}


@pytest.mark.parametrize(("change", "outcome"), [
    ({}, "pass"),  # every ability at the first score of NCLC 7
    ({"reading": 452}, "fail"),  # NCLC 6
    ({"writing": 9}, "fail"),
    ({"listening": 457}, "fail"),
    ({"speaking": 9}, "fail"),
])
def test_french_category_needs_nclc_7_in_each_ability(change: dict[str, int], outcome: str) -> None:
    """TCF Canada NCLC 7 starts at reading 453, writing 10, listening 458, speaking 10; one point less in any
    ability is NCLC 6 and fails."""
    tests = [*BASE["language_tests"], TCF_7 | change]
    result = _program("2025-06-01", "category/french", language_tests=tests)
    assert _condition(result, "french-language").outcome == outcome
    assert result.verdict == ("eligible" if outcome == "pass" else "not_eligible")


def test_french_category_result_is_valid_less_than_two_years() -> None:
    """The TCF of 2025-01-10 counts on 2027-01-09 and not on 2027-01-10 (less than 2 years old); CELPIP 9 in
    English never stands in for French."""
    tests = [*BASE["language_tests"], TCF_7]
    assert _condition(_program("2027-01-09", "category/french", language_tests=tests),
                      "french-language").outcome == "pass"
    assert _condition(_program("2027-01-10", "category/french", language_tests=tests),
                      "french-language").outcome == "fail"
    assert _condition(_program("2025-06-01", "category/french"), "french-language").outcome == "fail"


def test_a_category_needs_an_express_entry_program_the_same_day() -> None:
    """A pharmacist with a year in Canada but every language test past 2 years on 2027-06-01 meets the 2026
    healthcare experience rule yet no Express Entry program (no valid test), so the category is not eligible."""
    result = _program("2027-06-01", "category/healthcare", _job("31120", "2025-01-01", "2026-06-30", "CA"))
    assert _condition(result, "experience").outcome == "pass"
    assert _condition(result, "express-entry").outcome == "fail"
    assert result.verdict == "not_eligible"


def test_physicians_summary_does_not_ask_for_continuous_experience() -> None:
    """The summary of a category in force only from 2026-02-18 states the 2026 rule: 12 months of Canadian
    experience, continuous or not."""
    summary = eligibility.rules().programs["category/physicians"].summary
    assert "12 months" in summary
    assert "continuous" not in summary.replace("not necessarily continuous", "").replace("continuous or not", "")


def test_physicians_two_stints_in_canada_meet_the_2026_rule() -> None:
    """Two stints as a family physician (31102) in Canada with a gap: 2024-01-01..06-30 (182 days) and
    2025-01-01..06-30 (181 days) = 363 days = 1,555.7 h, short; to 07-01 (182 days) = 364 days = 1,560 h, met."""
    first = _job("31102", "2024-01-01", "2024-06-30", "CA")
    assert _experience("2026-03-01", "category/physicians", first, _job("31102", "2025-01-01", "2025-06-30", "CA")) == (
        "fail", 1555.7)
    assert _experience("2026-03-01", "category/physicians", first, _job("31102", "2025-01-01", "2025-07-01", "CA")) == (
        "pass", 1560.0)
