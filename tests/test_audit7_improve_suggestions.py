"""``crs --improve``: the suggestions' points and the test scores they name, checked by hand (audit7, 2026-12-01).

Points from the CRS tables (research crs.md A-D): without spouse, age 30 = 105, 32 = 94, 33 = 88; bachelor's
120; first official language per ability CLB 8 = 23, 9 = 31, 10 = 34; second official language per ability
NCLC 7-8 = 3, 9 or more = 6; Canadian work 1 year = 40, 2 years = 53; skill transferability bachelor's + CLB 9
= 25, bachelor's + 1 year of Canadian work = 13, + 2 years = 25 (group capped at 50), 3+ years of foreign work
+ CLB 7 (not all 9) = 25, + CLB 9 = 50; French NCLC 7 in all four with English CLB 5+ = 50; additional points
capped at 600. Test scores from IRCC's charts (programs.md 8.1-8.5; TEF Canada by test date as transcribed in
rulesets/language/tests.yaml from IRCC's "Find your language level" page).
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

import eligibility
from eligibility.api import rules
from eligibility.language import TESTS
from eligibility.profile.load import profile_from_data
from eligibility.ranking.improve import Improvement, improve

BASE: dict[str, Any] = {
    "name": "audit7 probe", "birth_date": "1994-05-02", "marital_status": "single", "intended_province": "ON",
    "children": 0, "funds_cad": 25000,
    "education": [{"level": "bachelors", "years": 4, "country": "PK", "completed": "2016-06-30", "full_time": True,
                   "eca": {"issued": "2024-02-01", "level": "bachelors"}}],
    "language_tests": [], "work": [], "job_offer": None, "certificates_of_qualification": [],
    "relatives_in_canada": [], "provincial_nomination": None, "spouse": None,
}
IELTS_9 = {"test": "ielts_general", "listening": 8.0, "reading": 7.5, "writing": 7.0, "speaking": 7.0}
PK_WORK = {"title": "Software engineer", "employer": "Systems Ltd", "noc": "21231", "country": "PK",
           "start": "2019-01-01", "end": None, "hours_per_week": 40}


def _profile(**changes: Any) -> eligibility.Profile:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return profile_from_data(data)


def _improvements(profile: eligibility.Profile, day: str) -> list[Improvement]:
    return list(improve(profile, dt.date.fromisoformat(day), rules()).improvements)


def _score(profile: eligibility.Profile, day: str) -> int | None:
    return eligibility.crs(profile, day, rounds=False).total


# --- PTE Core and the IELTS and CELPIP scores named beside it ---

PTE = _profile(language_tests=[{"test": "pte_core", "taken": "2025-03-10", "listening": 82, "reading": 69,
                                "writing": 79, "speaking": 76}], work=[PK_WORK])


def test_pte_core_bands_and_points() -> None:
    """PTE Core L 82 (CLB 9) R 69 W 79 S 76 (CLB 8): 94 + 120 + 31 + 3 x 23 + 13 + 25 = 352. Reading, writing and
    speaking reach CLB 9 at 78, 88, 84 (IELTS 7, CELPIP 9): +8 each (23 -> 31; transferability still CLB 7);
    listening reaches CLB 10 at 89 (IELTS 8.5, CELPIP 10): +3."""
    assert _score(PTE, "2026-12-01") == 352
    found = {i.says: (i.low, i.high) for i in _improvements(PTE, "2026-12-01") if i.kind == "language"}
    assert found == {
        "PTE Core reading 69 -> 78 = CLB 9 (or IELTS General Training 7, CELPIP-General 9)": (8, 8),
        "PTE Core writing 79 -> 88 = CLB 9 (or IELTS General Training 7, CELPIP-General 9)": (8, 8),
        "PTE Core speaking 76 -> 84 = CLB 9 (or IELTS General Training 7, CELPIP-General 9)": (8, 8),
        "PTE Core listening 82 -> 89 = CLB 10 (or IELTS General Training 8.5, CELPIP-General 10)": (3, 3),
    }


@pytest.mark.parametrize(("ability", "below", "at"), [("reading", 77, 78), ("writing", 87, 88),
                                                      ("speaking", 83, 84), ("listening", 88, 89)])
def test_pte_core_band_edges(ability: str, below: int, at: int) -> None:
    """The PTE Core scores named are the first of their band (programs.md 8.3): one point less is a band lower."""
    kind, day = TESTS["pte_core"], dt.date(2025, 3, 10)
    target = 10 if ability == "listening" else 9
    assert (kind.level(ability, below, day), kind.level(ability, at, day)) == (target - 1, target)


# --- a French-only person: the additional points' cap ---

def test_a_nomination_is_worth_what_the_cap_of_600_leaves() -> None:
    """TEF Canada of 2025-01-10 (new scale) R 462 W 472 L 462 S 494 = NCLC 8 in all four, no English: 94 + 120 +
    92 + 13 + 25 + French 25 = 369; a nomination adds 600 but the additional points stop at 600: +575. The next
    band, NCLC 9 (+8 each), is R 503, W 512, L 503, S 518 (TCF Canada 524, 14, 523, 14)."""
    profile = _profile(language_tests=[{"test": "tef_canada", "taken": "2025-01-10", "reading": 462,
                                        "writing": 472, "listening": 462, "speaking": 494}], work=[PK_WORK])
    assert _score(profile, "2026-12-01") == 369
    found = {i.says: (i.low, i.high) for i in _improvements(profile, "2026-12-01")}
    assert found["a provincial or territorial nomination (Express Entry-aligned)"] == (575, 575)
    assert found["TEF Canada listening 462 -> 503 = NCLC 9 (or TCF Canada 523)"] == (8, 8)
    assert found["TEF Canada reading 462 -> 503 = NCLC 9 (or TCF Canada 524)"] == (8, 8)
    assert found["TEF Canada writing 472 -> 512 = NCLC 9 (or TCF Canada 14)"] == (8, 8)
    assert found["TEF Canada speaking 494 -> 518 = NCLC 9 (or TCF Canada 14)"] == (8, 8)


# --- a TEF Canada result on a scale no longer used ---

OLD_TEF = _profile(language_tests=[{**IELTS_9, "taken": "2024-06-01"},
                                   {"test": "tef_canada", "taken": "2023-06-10", "reading": 450, "writing": 450,
                                    "listening": 450, "speaking": 450}], work=[PK_WORK])


def test_a_tef_of_2023_scores_as_second_language() -> None:
    """TEF of 2023-06-10 (scale of 2019-10-01 to 2023-12-10: 450 = NCLC 7) beside IELTS CLB 9, on 2024-12-01: age
    30 105 + 120 + 124 + 4 x 3 + 25 + 50 + French 50 = 486; NCLC 9 in listening is +3 (3 -> 6). A TEF Canada
    taken that day reads on the scale from 2023-12-11: NCLC 9 in listening from 503, NCLC 8 up to 502."""
    assert _score(OLD_TEF, "2024-12-01") == 486
    kind, day = TESTS["tef_canada"], dt.date(2024, 12, 1)
    assert (kind.level("listening", 502, day), kind.level("listening", 503, day)) == (8, 9)
    listening = [i for i in _improvements(OLD_TEF, "2024-12-01") if i.says.startswith("TEF Canada listening")]
    assert [(i.low, i.high) for i in listening] == [(3, 3)]


def test_a_tef_on_an_old_scale_names_the_score_needed_on_a_test_taken_now() -> None:
    """The person retaking TEF Canada on 2024-12-01 needs 503 in listening for NCLC 9 (scale from 2023-12-11);
    533 exists only on the scale of tests taken before 2023-12-11."""
    listening = [i for i in _improvements(OLD_TEF, "2024-12-01") if i.says.startswith("TEF Canada listening")]
    assert len(listening) == 1 and "503" in listening[0].says, listening


# --- another year of Canadian work with two jobs at once ---

TWO_JOBS = _profile(language_tests=[{**IELTS_9, "taken": "2026-10-10"}],
                    work=[{"title": "Developer", "employer": employer, "noc": "21231", "country": "CA",
                           "province": "ON", "start": "2025-06-01", "end": None, "hours_per_week": hours,
                           "authorized": True} for employer, hours in (("A", 10), ("B", 20))])


def test_two_concurrent_jobs_reach_a_second_year() -> None:
    """10 h + 20 h a week from 2025-06-01 count 30 h a week (30/7 h a day): 3,120 h after 728 days, on 2027-05-30.
    2027-05-29: age 33, 88 + 120 + 124 + 40 + 25 + 13 = 410; 2027-05-30: 88 + 120 + 124 + 53 + 25 + 25 = 435."""
    assert (_score(TWO_JOBS, "2027-05-29"), _score(TWO_JOBS, "2027-05-30")) == (410, 435)


def test_two_concurrent_jobs_are_offered_another_year() -> None:
    """On 2026-12-01 (age 32): 2,348.6 h = 1 year; one more year is +25 (40 -> 53, and 13 -> 25 in the education
    group), 771 h more at 30 h a week, reached on 2027-05-30."""
    found = [(i.low, i.high, i.date) for i in _improvements(TWO_JOBS, "2026-12-01") if i.kind == "canadian_work"]
    assert found == [(25, 25, dt.date(2027, 5, 30))]


# --- another year of Canadian work while old work leaves the 10-year window ---

OLD_AND_NEW = _profile(language_tests=[{**IELTS_9, "taken": "2026-10-10"}],
                       work=[{"title": "Developer", "employer": employer, "noc": "21231", "country": "CA",
                              "province": "ON", "start": start, "end": end, "hours_per_week": 40,
                              "authorized": True}
                             for employer, start, end in (("Old", "2017-01-01", "2017-12-31"),
                                                          ("New", "2026-06-01", None))])


def test_old_work_leaving_the_window_delays_the_second_year() -> None:
    """2017 (365 days) and from 2026-06-01, 30/7 h a day each. From 2027-01-01 every day counted from the new job
    is a day of 2017 leaving the window: 579 days, 2,481.4 h, one year, until 2017 has gone (2028-01-01). Two
    years (728 days) then come from the new job alone: 2026-06-01 + 728 days = 2028-05-29. Age 34 from
    2028-05-02: 83 + 120 + 124 + 40 + 25 + 13 = 405 on 2028-05-28; 83 + 120 + 124 + 53 + 25 + 25 = 430 on
    2028-05-29; on 2027-05-30 still one year (age 33: 88 + 120 + 124 + 40 + 38 = 410)."""
    assert [_score(OLD_AND_NEW, d) for d in ("2027-05-30", "2028-05-28", "2028-05-29")] == [410, 405, 430]


def test_old_work_leaving_the_window_is_counted_in_the_day_reached() -> None:
    """The second year is reached on 2028-05-29, not on 2027-05-30."""
    found = [i.date for i in _improvements(OLD_AND_NEW, "2026-12-01") if i.kind == "canadian_work"]
    assert found == [dt.date(2028, 5, 29)]
