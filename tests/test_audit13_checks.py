"""``crs --improve`` checked by hand on six profiles (audit13, 2026-12-01): the edges found right.

Every expected number is worked out from the CRS tables (research crs.md, A-D) and the test charts (research
programs.md 8.1 IELTS General Training, 8.2 CELPIP-General, 8.3 PTE Core, 8.5 TCF Canada), never read from
the engine. Conventions checked against docs/crs.md: 30 h a week count, 1,560 h = one year, so a year of
full-time work is 364 days; a test counts 2 years from its result date (else its test date), an ECA 5 years;
a 29 February date runs to 1 March.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from eligibility.api import rules
from eligibility.profile.load import profile_from_data
from eligibility.ranking.compute import crs_result
from eligibility.ranking.improve import Improvements, improve

# Single, born 1997-03-15 (29 on 2026-12-01, 30 on 2027-03-15: 110 -> 105). Bachelor's from India with an ECA of
# 2022-01-10 (120; the ECA stops counting on 2027-01-10). IELTS GT of 2025-12-01, L 7.5 R 6.5 W 6.5 S 6.5 = CLB 8
# in all four (4 x 23 = 92), counting until 2027-11-30. Foreign TEER 1 work 2019-07 to 2025-05 (3 years or more),
# Canadian TEER 1 work from 2025-06-01 at 40 h (548 days by 2026-12-01 = 2,349 h = 1 year: 40). Transferability:
# bachelor's + CLB 7 13, + 1 year Canadian 13; foreign 3+ years + CLB 7 25, + 1 year Canadian 25 (group 50).
# Total 110 + 120 + 92 + 40 + 26 + 50 = 438.
SINGLE: dict[str, Any] = {
    "name": "audit13 single", "birth_date": "1997-03-15", "marital_status": "single", "intended_province": "ON",
    "children": 0, "funds_cad": 25000,
    "education": [{"level": "bachelors", "years": 4, "country": "IN", "completed": "2019-06-30", "full_time": True,
                   "eca": {"issued": "2022-01-10", "level": "bachelors"}}],
    "language_tests": [{"test": "ielts_general", "taken": "2025-12-01", "listening": 7.5, "reading": 6.5,
                        "writing": 6.5, "speaking": 6.5}],
    "work": [{"title": "Developer", "employer": "X", "noc": "21231", "country": "IN",
              "start": "2019-07-01", "end": "2025-05-31", "hours_per_week": 40},
             {"title": "Developer", "employer": "Y", "noc": "21231", "country": "CA", "authorized": True,
              "start": "2025-06-01", "end": None, "hours_per_week": 40}],
    "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [],
    "provincial_nomination": None, "spouse": None,
}

# Married, spouse accompanying, foreign. Born 1990-12-01: 36 on the as-of day 2026-12-01 (65 with spouse), 37 on
# 2027-12-01 (60). Master's from Nigeria with a valid ECA (126). Two English tests: IELTS of 2025-06-01 L 8 R 7
# W 7 S 6.5 = CLB 9 9 9 8 (29 + 29 + 29 + 22 = 109) and CELPIP of 2026-02-01 L 10 R 8 W 9 S 9 (32 + 22 + 29 +
# 29 = 112): one test is scored, the better, 112. Foreign TEER 1 work since 2016 (3 years or more): master's +
# CLB 7 25, foreign + CLB 7 25. Nominated 2026-10-01: 600, the cap. Spouse: bachelor's without an ECA (0),
# CELPIP L 7 R 8 W 6 S 4 = 3 + 3 + 1 + 0 = 7. Total 65 + 126 + 112 + 7 + 50 + 600 = 960.
MARRIED: dict[str, Any] = {
    "name": "audit13 married", "birth_date": "1990-12-01", "marital_status": "married", "intended_province": "BC",
    "children": 0, "funds_cad": 25000,
    "education": [{"level": "masters", "years": 2, "country": "NG", "completed": "2015-06-30", "full_time": True,
                   "eca": {"issued": "2023-05-01", "level": "masters"}}],
    "language_tests": [{"test": "ielts_general", "taken": "2025-06-01", "listening": 8.0, "reading": 7.0,
                        "writing": 7.0, "speaking": 6.5},
                       {"test": "celpip_general", "taken": "2026-02-01", "listening": 10, "reading": 8,
                        "writing": 9, "speaking": 9}],
    "work": [{"title": "Engineer", "employer": "X", "noc": "21300", "country": "NG",
              "start": "2016-01-01", "end": None, "hours_per_week": 40}],
    "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [],
    "provincial_nomination": {"province": "BC", "issued": "2026-10-01"},
    "spouse": {"accompanying": True, "canadian_citizen_or_pr": False,
               "education": [{"level": "bachelors", "years": 4, "country": "NG", "completed": "2014-06-30",
                              "full_time": True, "eca": None}],
               "language_tests": [{"test": "celpip_general", "taken": "2026-03-01", "listening": 7, "reading": 8,
                                   "writing": 6, "speaking": 4}],
               "work": []},
}

# Married to a Canadian citizen: the no-spouse columns. Born 1996-06-15: 30 (105), 31 on 2027-06-15 (99).
# Master's from India without an ECA and a Canadian two-year diploma: education 98. CELPIP 9 in all four of
# 2025-03-01 (124); TCF Canada of 2026-01-10 L 458 R 406 W 9 S 10 = NCLC 7 6 6 7, second language 3 + 1 + 1 + 3
# = 8. Canadian TEER 2 work from 2023-06-01 at 37.5 h: 3 years (64). Transferability: diploma + CLB 9 25, + 2
# years Canadian 25 (group at its cap, 50). Canadian education (two-year) 15, sibling 15. Total 479.
CITIZEN_SPOUSE: dict[str, Any] = {
    "name": "audit13 citizen spouse", "birth_date": "1996-06-15", "marital_status": "married",
    "intended_province": "ON", "children": 0, "funds_cad": 25000,
    "education": [{"level": "masters", "years": 2, "country": "IN", "completed": "2020-06-30", "full_time": True,
                   "eca": None},
                  {"level": "two_year", "years": 2, "country": "CA", "completed": "2023-04-30", "full_time": True}],
    "language_tests": [{"test": "celpip_general", "taken": "2025-03-01", "listening": 9, "reading": 9,
                        "writing": 9, "speaking": 9},
                       {"test": "tcf_canada", "taken": "2026-01-10", "listening": 458, "reading": 406,
                        "writing": 9, "speaking": 10}],
    "work": [{"title": "Technologist", "employer": "Y", "noc": "22310", "country": "CA", "authorized": True,
              "start": "2023-06-01", "end": None, "hours_per_week": 37.5}],
    "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": ["sibling"],
    "provincial_nomination": None,
    "spouse": {"accompanying": True, "canadian_citizen_or_pr": True,
               "education": [{"level": "bachelors", "years": 4, "country": "IN", "completed": "2014-06-30",
                              "full_time": True, "eca": None}],
               "language_tests": [], "work": []},
}

# Married, spouse accompanying. Born 1996-02-29: 29 on 2025-12-01 (100 with spouse), 30 on 2026-03-01 (95), 31 on
# 2027-03-01 (90). Canadian bachelor's (112; Canadian education 30). IELTS taken 2024-02-20, result dated
# 2024-02-29, L 8 R 7 W 7 S 7 = CLB 9 in all four (116): counts until 2026-02-28. Canadian TEER 1 work from
# 2021-07-01 at 40 h: 4 years on 2025-12-01 (63); 5 years (7,800 h = 1,820 days) on 2026-06-25 (70). Spouse:
# master's with an ECA of 2020-12-20 (10, until 2025-12-19), CELPIP 8 in all four of 2024-05-15 (4 x 3 = 12,
# until 2026-05-14). Transferability: bachelor's + CLB 9 25, + 2 years Canadian 25. Total 493 on 2025-12-01.
LEAP: dict[str, Any] = {
    "name": "audit13 leap", "birth_date": "1996-02-29", "marital_status": "married", "intended_province": "ON",
    "children": 0, "funds_cad": 25000,
    "education": [{"level": "bachelors", "years": 4, "country": "CA", "completed": "2021-05-31", "full_time": True}],
    "language_tests": [{"test": "ielts_general", "taken": "2024-02-20", "result_date": "2024-02-29",
                        "listening": 8.0, "reading": 7.0, "writing": 7.0, "speaking": 7.0}],
    "work": [{"title": "Developer", "employer": "Y", "noc": "21231", "country": "CA", "authorized": True,
              "start": "2021-07-01", "end": None, "hours_per_week": 40}],
    "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [],
    "provincial_nomination": None,
    "spouse": {"accompanying": True, "canadian_citizen_or_pr": False,
               "education": [{"level": "masters", "years": 2, "country": "PH", "completed": "2018-06-30",
                              "full_time": True, "eca": {"issued": "2020-12-20", "level": "masters"}}],
               "language_tests": [{"test": "celpip_general", "taken": "2024-05-15", "listening": 8, "reading": 8,
                                   "writing": 8, "speaking": 8}],
               "work": []},
}


def _improve(data: dict[str, Any], day: str) -> Improvements:
    return improve(profile_from_data(data), dt.date.fromisoformat(day), rules())


def _total(data: dict[str, Any], day: str) -> int | None:
    return crs_result(profile_from_data(data), dt.date.fromisoformat(day), rules()).low


def _ways(found: Improvements) -> list[tuple[int, int, str]]:
    return [(i.low, i.high, i.says) for i in found.improvements]


def _falls(found: Improvements) -> list[tuple[str, int, str]]:
    return [(d.date.isoformat(), d.points_lost, d.cause) for d in found.declines]


def test_single_applicant_each_way_and_fall_by_hand() -> None:
    """438 on 2026-12-01. Nomination +600; a French test at NCLC 7 (TCF 453 / 10 / 458 / 10): second language 4 x 3
    = 12 and French with CLB 5+ 50, +62; the second Canadian year (3,120 h = 728 days from 2025-06-01: 2027-05-30)
    53 - 40 + bachelor's + 2 years 25 - 13 (the foreign group is at 50) = +25; each ability CLB 8 -> 9 (IELTS L 8,
    R 7, W 7, S 7; CELPIP 9; PTE Core L 82, R 78, W 88, S 84) 31 - 23 = +8 (CLB 9 in all four is not reached by one).
    Falls: the ECA on 2027-01-10, 120 + 26 = 146; age 30 on 2027-03-15, 110 -> 105; the IELTS on 2027-12-01,
    exactly 12 months on and still listed: 92 (the foreign group stays at 50 with 2 Canadian years)."""
    found = _improve(SINGLE, "2026-12-01")
    assert (found.low, found.high) == (438, 438)
    assert _ways(found) == [
        (600, 600, "a provincial or territorial nomination (Express Entry-aligned)"),
        (62, 62, "a French test at NCLC 7 in all four abilities (TCF Canada: reading 453, writing 10, "
                 "listening 458, speaking 10)"),
        (25, 25, "one more year of Canadian work (771 h more at 30 h a week), reached on 2027-05-30"),
        (8, 8, "IELTS General Training listening 7.5 -> 8 = CLB 9 (or CELPIP-General 9, PTE Core 82)"),
        (8, 8, "IELTS General Training reading 6.5 -> 7 = CLB 9 (or CELPIP-General 9, PTE Core 78)"),
        (8, 8, "IELTS General Training speaking 6.5 -> 7 = CLB 9 (or CELPIP-General 9, PTE Core 84)"),
        (8, 8, "IELTS General Training writing 6.5 -> 7 = CLB 9 (or CELPIP-General 9, PTE Core 88)"),
    ]
    assert _falls(found) == [
        ("2027-01-10", 146, "ECA of 2022-01-10 expires (60 months)"),
        ("2027-03-15", 5, "birthday: 30"),
        ("2027-12-01", 92, "IELTS General Training of 2025-12-01 expires (24 months)"),
    ]
    canadian = next(i for i in found.improvements if i.kind == "canadian_work")
    assert canadian.date == dt.date(2027, 5, 30)
    assert (_total(SINGLE, "2027-05-29"), _total(SINGLE, "2027-05-30")) == (287, 300)


def test_part_time_hours_reach_the_first_canadian_year_on_the_same_day() -> None:
    """At 15 h a week the 548 days to 2026-12-01 are 1,174 h (0 years): 360. The first year (1,560 h at 15 h = 728
    days) is reached on 2027-05-30: 40 + bachelor's + 1 year 13 + foreign + 1 year 25 = +78."""
    data = copy.deepcopy(SINGLE)
    data["work"][1]["hours_per_week"] = 15
    found = _improve(data, "2026-12-01")
    assert found.low == 360
    canadian = next(i for i in found.improvements if i.kind == "canadian_work")
    assert (canadian.low, canadian.high, canadian.date) == (78, 78, dt.date(2027, 5, 30))


def test_two_tests_a_birthday_today_a_capped_nomination_and_the_spouse_bands() -> None:
    """960 on 2026-12-01 (the birthday of today is not a fall). CELPIP reading 8 -> 9 makes CLB 9 in all four:
    +7, master's + CLB 9 50 (+25), foreign + CLB 9 50 (+25) = +57; IELTS speaking 6.5 -> 7 makes that test CLB 9
    in all four (116, better than CELPIP's 112) = +4 + 50 = +54; French NCLC 7: second language 12, the additional
    600 already at its cap = +12; the spouse's ECA: bachelor's 8; CELPIP writing / speaking 9 -> 10 (IELTS 7.5, PTE
    90 / 89) +3 each; the spouse: listening 7 -> 9 and reading 8 -> 9 (1 band of 2 adds nothing) +2, writing 6 -> 7
    +2, speaking 4 -> 5 +1. No nomination to suggest. One fall: age 37 on 2027-12-01, 65 -> 60."""
    found = _improve(MARRIED, "2026-12-01")
    assert found.low == 960
    assert _ways(found) == [
        (57, 57, "CELPIP-General reading 8 -> 9 = CLB 9 (or IELTS General Training 7, PTE Core 78)"),
        (54, 54, "IELTS General Training speaking 6.5 -> 7 = CLB 9 (or CELPIP-General 9, PTE Core 84)"),
        (12, 12, "a French test at NCLC 7 in all four abilities (TCF Canada: reading 453, writing 10, "
                 "listening 458, speaking 10)"),
        (8, 8, "the spouse's ECA for the bachelors credential from NG (education 0), assessed at that level"),
        (3, 3, "CELPIP-General speaking 9 -> 10 = CLB 10 (or IELTS General Training 7.5, PTE Core 89)"),
        (3, 3, "CELPIP-General writing 9 -> 10 = CLB 10 (or IELTS General Training 7.5, PTE Core 90)"),
        (2, 2, "the spouse's CELPIP-General listening 7 -> 9 = CLB 9 (or IELTS General Training 8, PTE Core 82)"),
        (2, 2, "the spouse's CELPIP-General reading 8 -> 9 = CLB 9 (or IELTS General Training 7, PTE Core 78)"),
        (2, 2, "the spouse's CELPIP-General writing 6 -> 7 = CLB 7 (or IELTS General Training 6, PTE Core 69)"),
        (1, 1, "the spouse's CELPIP-General speaking 4 -> 5 = CLB 5 (or IELTS General Training 5, PTE Core 51)"),
    ]
    assert _falls(found) == [("2027-12-01", 5, "birthday: 37")]


def test_a_citizen_spouse_groups_at_their_cap_and_the_nomination_under_the_600_cap() -> None:
    """479 on 2026-12-01, no spouse factors and no spouse suggestions. Nomination: 600 - 30 already = +570; French
    NCLC 7 (held NCLC 6/7): second language 12 - 8 = 4, French 50, +54; the master's ECA: 135 - 98 = +37 and
    nothing in the education group, already at 50; the fourth Canadian year (6,240 h = 1,456 days from
    2023-06-01: 2027-05-27) 72 - 64 = +8; each CELPIP 9 -> 10 (IELTS L 8.5 R 8 W 7.5 S 7.5; PTE 89 / 88 / 90 / 89)
    +3; TCF listening 458 -> 523 and speaking 10 -> 14 (NCLC 9: 3 -> 6) +3, reading 406 -> 453 and writing 9 -> 10
    (NCLC 7: 1 -> 3) +2. Falls: CELPIP on 2027-03-01: French becomes first (NCLC 6 7 6 7: 9 + 17 + 9 + 17 = 52),
    transferability language 0: 124 + 8 + 25 - 52 = 105; age 31 on 2027-06-15, 105 -> 99."""
    found = _improve(CITIZEN_SPOUSE, "2026-12-01")
    assert found.low == 479
    ways = _ways(found)
    assert ways[:4] == [
        (570, 570, "a provincial or territorial nomination (Express Entry-aligned)"),
        (54, 54, "a French test at NCLC 7 in all four abilities (TCF Canada: reading 453, writing 10, "
                 "listening 458, speaking 10)"),
        (37, 37, "an ECA for the masters credential from IN (education 0), assessed at that level"),
        (8, 8, "one more year of Canadian work (759 h more at 30 h a week), reached on 2027-05-27"),
    ]
    assert [(lo, says) for lo, _, says in ways[4:8]] == [
        (3, "CELPIP-General listening 9 -> 10 = CLB 10 (or IELTS General Training 8.5, PTE Core 89)"),
        (3, "CELPIP-General reading 9 -> 10 = CLB 10 (or IELTS General Training 8, PTE Core 88)"),
        (3, "CELPIP-General speaking 9 -> 10 = CLB 10 (or IELTS General Training 7.5, PTE Core 89)"),
        (3, "CELPIP-General writing 9 -> 10 = CLB 10 (or IELTS General Training 7.5, PTE Core 90)"),
    ]
    assert [(lo, says.split(" (or")[0]) for lo, _, says in ways[8:]] == [
        (3, "TCF Canada listening 458 -> 523 = NCLC 9"), (3, "TCF Canada speaking 10 -> 14 = NCLC 9"),
        (2, "TCF Canada reading 406 -> 453 = NCLC 7"), (2, "TCF Canada writing 9 -> 10 = NCLC 7"),
    ]
    assert not any("spouse" in i.kind for i in found.improvements)
    assert _falls(found) == [
        ("2027-03-01", 105, "CELPIP-General of 2025-03-01 expires (24 months)"),
        ("2027-06-15", 6, "birthday: 31"),
    ]


def test_a_29_february_birthday_and_result_fall_together_with_the_spouse_expiries() -> None:
    """493 on 2025-12-01. Falls: the spouse's ECA on 2025-12-20, 10; on 2026-03-01 both the 30th birthday (100 -> 95)
    and the IELTS of result date 2024-02-29 (116 + 25 of the education group) in one line, 146; the spouse's CELPIP
    on 2026-05-15, 12. The fifth Canadian year is reached on 2026-06-25 (70 - 63 = +7)."""
    found = _improve(LEAP, "2025-12-01")
    assert found.low == 493
    assert _falls(found) == [
        ("2025-12-20", 10, "the spouse's ECA of 2020-12-20 expires (60 months)"),
        ("2026-03-01", 146, "birthday: 30; IELTS General Training of 2024-02-20 expires (24 months)"),
        ("2026-05-15", 12, "the spouse's CELPIP-General of 2024-05-15 expires (24 months)"),
    ]
    canadian = next(i for i in found.improvements if i.kind == "canadian_work")
    assert (canadian.low, canadian.date) == (7, dt.date(2026, 6, 25))
    spouse = [(i.low, i.says) for i in found.improvements if i.kind == "spouse_language"]
    assert spouse == [(2, f"the spouse's CELPIP-General {a} 8 -> 9 = CLB 9 (or IELTS General Training {i}, "
                         f"PTE Core {p})")
                      for a, i, p in [("listening", 8, 82), ("reading", 7, 78), ("speaking", 7, 84),
                                      ("writing", 7, 88)]]


def test_without_valid_tests_the_spouse_first_tests_and_french_as_first_language() -> None:
    """On 2026-06-01 (325: 95 + 112 + 63 + 25 + 30, no valid test of either person, the spouse's ECA expired): a
    French test at NCLC 7 is the first language, 4 x 16 = 64, bachelor's + CLB 7 13, French with no English 25:
    +102; the spouse's first test at CLB 9 / 7 / 5: 4 x 5 / 3 / 1 = +20 / +12 / +4; the spouse's new ECA +10;
    the fifth year on 2026-06-25 +7. One fall: age 31 on 2027-03-01, 95 -> 90."""
    found = _improve(LEAP, "2026-06-01")
    assert found.low == 325
    assert [(i.low, i.kind) for i in found.improvements] == [
        (570, "nomination"), (102, "french"), (20, "spouse_language"), (12, "spouse_language"), (10, "eca"),
        (7, "canadian_work"), (4, "spouse_language")]
    assert _falls(found) == [("2027-03-01", 5, "birthday: 31")]


def test_work_leaving_the_window_falls_on_the_day_the_year_is_lost() -> None:
    """Canadian TEER 1 work 2015-06-01 to 2017-12-31 only: the window from D - 10 years holds 364 days (1,560 h)
    up to D = 2027-01-02, 363 days on 2027-01-03: 40 + bachelor's + 1 year 13 = 53 lost that day."""
    data = copy.deepcopy(SINGLE)
    data["work"] = [{"title": "Developer", "employer": "Y", "noc": "21231", "country": "CA", "authorized": True,
                     "start": "2015-06-01", "end": "2017-12-31", "hours_per_week": 40}]
    found = _improve(data, "2026-12-01")
    assert found.low == 388
    assert _falls(found)[0] == ("2027-01-03", 53, "work leaving the 10-year window "
                                "(core.canadian_work, transferability.education.canadian_work)")


def test_before_pte_core_is_accepted_it_is_not_named() -> None:
    """On 2023-12-01 (PTE Core accepted from 2024-01-30) the other test named for CLB 9 is CELPIP alone; the second
    Canadian year from 2022-06-01 is reached 728 days on, on 2024-05-29 (across 29 February 2024)."""
    data = copy.deepcopy(SINGLE)
    data["language_tests"][0]["taken"] = "2023-06-01"
    data["work"][1]["start"] = "2022-06-01"
    found = _improve(data, "2023-12-01")
    assert found.low == 438
    listening = next(i.says for i in found.improvements if i.says.startswith("IELTS General Training listening"))
    assert listening == "IELTS General Training listening 7.5 -> 8 = CLB 9 (or CELPIP-General 9)"
    canadian = next(i for i in found.improvements if i.kind == "canadian_work")
    assert (canadian.low, canadian.date) == (25, dt.date(2024, 5, 29))


def test_a_spouse_with_a_french_test_gets_the_next_nclc_band() -> None:
    """The spouse's TCF of 2025-05-15 L 458 R 406 W 9 S 14 = NCLC 7 6 6 9: 3 + 1 + 1 + 5 = 10 (491 on 2025-12-01).
    Listening to NCLC 9 (523) +2, reading 406 -> 453 and writing 9 -> 10 (NCLC 7) +2; speaking, already 9, none."""
    data = copy.deepcopy(LEAP)
    data["spouse"]["language_tests"] = [{"test": "tcf_canada", "taken": "2025-05-15", "listening": 458,
                                         "reading": 406, "writing": 9, "speaking": 14}]
    found = _improve(data, "2025-12-01")
    assert found.low == 491
    spouse = [(i.low, i.says.split(" (or")[0]) for i in found.improvements if i.kind == "spouse_language"]
    assert spouse == [(2, "the spouse's TCF Canada listening 458 -> 523 = NCLC 9"),
                      (2, "the spouse's TCF Canada reading 406 -> 453 = NCLC 7"),
                      (2, "the spouse's TCF Canada writing 9 -> 10 = NCLC 7")]
