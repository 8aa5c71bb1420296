"""The rounds a profile could have been invited in, from its own verdicts, checked by hand against the feed
snapshot (shared/data/ee-rounds/draws.json) on both sides of the day a program opens (audit7, 2026-12-01).

Rounds read by hand from the snapshot: CEC #443 2026-09-15 519, #439 09-01 521, #436 08-18 523, #432 08-05 516,
#428 07-21 516, #424 07-07 517, #420 06-23 516; French (either version's name) #437 2026-08-19 382, #433 08-06
391, #429 07-22 399, #425 07-09 420, #418 05-28 409, #414 04-29 400, #411 04-15 419; the last general round
("General") #294 of 2024-04-23; the last FSW round #240 of 2023-02-02. Scores from the CRS tables (crs.md).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

import eligibility
from eligibility.draws.kinds import GENERAL, title
from eligibility.draws.table import bundled_table
from eligibility.profile.load import profile_from_data

# A web developer (21234, TEER 1) in Canada from 2026-03-01 at 40 h a week, CELPIP 7 in all four, a Canadian
# four-year bachelor's: CEC and FSW open on 2027-02-28 (364 days x 30/7 h = 1,560 h; the as-of day not counted).
CEC_PROBE: dict[str, Any] = {
    "name": "CEC probe", "birth_date": "1995-07-15", "marital_status": "single", "intended_province": "ON",
    "children": 0, "funds_cad": 20000,
    "education": [{"level": "bachelors", "years": 4, "country": "CA", "province": "ON", "completed": "2025-12-20",
                   "full_time": True}],
    "language_tests": [{"test": "celpip_general", "taken": "2026-01-10", "listening": 7, "reading": 7, "writing": 7,
                        "speaking": 7}],
    "work": [{"title": "Web developer", "employer": "Maple Web", "noc": "21234", "country": "CA", "province": "ON",
              "start": "2026-03-01", "end": None, "hours_per_week": 40, "authorized": True}],
    "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [],
    "provincial_nomination": None, "spouse": None, "declarations": {"performed_noc_duties": True},
}


def _rounds(data: dict[str, Any], day: str) -> tuple[int | None, dict[str, list[tuple[str, int, str]]]]:
    result = eligibility.crs(profile_from_data(copy.deepcopy(data)), day)
    assert result.rounds is not None
    return result.total, {t.type: [(r.round.number, r.round.lowest_score, r.meets) for r in t.rounds]
                          for t in result.rounds.types}


def test_no_round_type_is_open_the_day_before_cec_opens() -> None:
    """2027-02-27: 1,556 h in Canada, no Express Entry program, so no round type; CRS 99 + 120 + 68 + 13 + 30 =
    330."""
    assert _rounds(CEC_PROBE, "2027-02-27") == (330, {})


def test_the_day_cec_opens_the_general_cec_and_fsw_rounds_are_listed() -> None:
    """2027-02-28: CRS 383 (+ 40 for a year in Canada, + 13 in the education group). Twelve months back reach
    2026-02-28: the last six CEC rounds #443 to #424, every cut-off above 383; no general round since 2024-04-23
    and no FSW round since 2023-02-02."""
    total, types = _rounds(CEC_PROBE, "2027-02-28")
    assert total == 383
    assert types == {"general": [], "express-entry/cec": [("443", 519, "no"), ("439", 521, "no"),
                                                          ("436", 523, "no"), ("432", 516, "no"),
                                                          ("428", 516, "no"), ("424", 517, "no")],
                     "express-entry/fsw": []}


def test_a_french_speaker_meets_the_last_six_french_rounds() -> None:
    """An FSW candidate (IELTS CLB 9, a master's abroad with an ECA, 7 years abroad) with TEF Canada NCLC 7 in all
    four on 2026-09-16: age 31 99 + 135 + 124 + 12 + 50 + 50 + French 50 = 520. The French rounds of the 12 months
    are the last six listed above (382 to 420), all met; #411 of 2026-04-15 is the seventh, left out."""
    data = copy.deepcopy(CEC_PROBE)
    data.update(
        education=[{"level": "masters", "years": 2, "country": "IN", "completed": "2019-05-31", "full_time": True,
                    "eca": {"issued": "2025-08-01", "level": "masters"}}],
        language_tests=[{"test": "ielts_general", "taken": "2026-01-10", "listening": 8.0, "reading": 7.0,
                         "writing": 7.0, "speaking": 7.0},
                        {"test": "tef_canada", "taken": "2026-02-01", "reading": 434, "writing": 428,
                         "listening": 434, "speaking": 456}],
        work=[{"title": "Developer", "employer": "Infosys", "noc": "21234", "country": "IN", "start": "2019-06-01",
               "end": None, "hours_per_week": 40}])
    total, types = _rounds(data, "2026-09-16")
    assert total == 520
    assert types["category/french"] == [("437", 382, "yes"), ("433", 391, "yes"), ("429", 399, "yes"),
                                        ("425", 420, "yes"), ("418", 409, "yes"), ("414", 400, "yes")]
    assert list(types) == ["general", "express-entry/fsw", "category/french"]


def test_the_general_title_dates_no_program_specified_rightly() -> None:
    """The snapshot's 'No Program Specified' rounds run to #268 of 2023-10-10; the title a person reads must not
    bound them before a year they reach into."""
    last = max(r.date for r in bundled_table().rounds if r.name == "No Program Specified")
    assert last == dt.date(2023, 10, 10)
    bound = re.search(r"before (\d{4})\b", title(GENERAL))
    assert bound is None or last < dt.date(int(bound[1]), 1, 1), title(GENERAL)
