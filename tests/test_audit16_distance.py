"""Audit 16: the distance and the plan's words, as a person reads them (mutants of timeline/gaps.py and
timeline/render.py that survived a sampled mutmut run: benchmarks/mutation.py code timeline, seed 1216).

Numbers worked out by hand from IRPR ss. 78 to 83 (programs.md 1.1; the FSW grid of rulesets/grids/fsw-selection.yaml).
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import eligibility
from eligibility.timeline.render import plan_markdown, plan_text

#: On 2025-06-01, born 1975-05-02 (age 50: 0 points, s. 81); IELTS 6.0 in each ability (CLB 7: 4 points each, 16,
#: s. 79(2)); a 4-year bachelor's with an ECA and a Canadian one-year credential (two or more, one of three years
#: or more: 22, s. 78(2)(e)); 21231 abroad from 2024-06-01 (365 days = 1,564.3 h: 1 year, 9 points, s. 80); no
#: offer (0); adaptability: full-time study in Canada of a length not given may be the two years (0 or 5, s. 83),
#: no relative. The grid is 47 to 52 of 67: it fails, 20 points short of the low end.
SIXTIES: dict[str, Any] = {
    "name": "FSW short of the pass mark", "birth_date": "1975-05-02", "marital_status": "single",
    "intended_province": "ON", "children": 0, "funds_cad": 25000, "relatives_in_canada": [],
    "education": [{"level": "bachelors", "years": 4, "country": "PK", "completed": "2016-06-30",
                   "eca": {"issued": "2024-02-01", "level": "bachelors"}},
                  {"level": "one_year", "country": "CA", "province": "ON", "full_time": True,
                   "completed": "2021-04-30"}],
    "language_tests": [{"test": "ielts_general", "taken": "2025-03-10", "listening": 6.0, "reading": 6.0,
                        "writing": 6.0, "speaking": 6.0}],
    "work": [{"noc": "21231", "country": "PK", "start": "2024-06-01", "end": None, "hours_per_week": 40}],
    "job_offer": None, "certificates_of_qualification": [], "spouse": None,
}
DAY = "2025-06-01"


def _gaps(data: dict[str, Any], day: str, program: str) -> list[Any]:
    found = eligibility.distance(eligibility.profile_from_data(data), day, [program])
    assert [d.program for d in found] == [program]
    return list(found[0].gaps)


def test_points_short_are_counted_from_the_low_end_of_a_range() -> None:
    """47 to 52 of 67: 20 points more (47 of 67), then the room in each factor the person can change: language 28 -
    16 = 12, education 25 - 22 = 3, experience 15 - 9 = 6, arranged employment 10 and the 5 of adaptability's
    arranged-employment element it also earns (s. 83(1)(e); adaptability is 0 at the low end, capped at 10): 15,
    adaptability 10 (age cannot)."""
    (gap,) = _gaps(SIXTIES, DAY, "express-entry/fsw")
    assert gap.condition == "selection-grid" and gap.outcome == "fail" and gap.changeable is True
    assert gap.needs.startswith("20 points more (47 of 67); room in language +12 (a higher score on a retest), "
                                "education +3 ")
    assert "; alone enough:" not in gap.needs  # 15 < 20: none is enough alone
    assert gap.needs.endswith("; no single factor is enough")
    assert (gap.detail["points_short"], gap.detail["points"], gap.detail["pass_mark"]) == (20, 47, 67)
    assert [(f["factor"], f["room"]) for f in gap.detail["factors"]] == [
        ("language", 12), ("education", 3), ("experience", 6), ("arranged_employment", 15), ("adaptability", 10)]


def test_an_unknown_grid_asks_for_its_unknown_fields_and_is_the_persons_to_settle() -> None:
    """Born 1994 (31: 12 points) with the relatives not stated: 16 + 22 + 9 + 12 = 59, adaptability 0 to 10 (the
    study's length and a relative unknown): 59 to 69, unknown; the gap asks for the fields that settle it, which the
    person can state."""
    data = copy.deepcopy(SIXTIES)
    data["birth_date"] = "1994-05-02"
    del data["relatives_in_canada"]
    (gap,) = _gaps(data, DAY, "express-entry/fsw")
    assert (gap.condition, gap.outcome, gap.changeable) == ("selection-grid", "unknown", True)
    assert gap.needs == "state $.education, $.relatives_in_canada"
    assert gap.detail == {"fields": ["$.education", "$.relatives_in_canada"]}


def test_unknown_funds_ask_for_the_funds_and_are_the_persons_to_settle() -> None:
    """FSW met in every other way (72 points: CLB 9 24, bachelor's 21, 6 years 15, age 31 12), the funds not
    given: the gap asks for $.funds_cad, which the person can state."""
    data = copy.deepcopy(SIXTIES)
    data.update(birth_date="1994-05-02", education=SIXTIES["education"][:1])
    data["language_tests"][0].update(listening=8.0, reading=7.5, writing=7.0, speaking=7.0)
    data["work"][0]["start"] = "2019-01-01"
    del data["funds_cad"]
    (gap,) = _gaps(data, DAY, "express-entry/fsw")
    assert (gap.condition, gap.outcome, gap.changeable, gap.needs) == (
        "settlement-funds", "unknown", True, "state $.funds_cad")


def test_a_day_before_the_first_encoded_rules_names_the_day_they_start() -> None:
    """On 2022-11-15, the day before CEC's first encoded (NOC 2021) version, nothing is guessed: the gap names the
    day the encoded rules start, for no one to change."""
    (gap,) = _gaps(SIXTIES, "2022-11-15", "express-entry/cec")
    assert gap.needs == "the rules for this day are not encoded (nothing is guessed); encoded from 2022-11-16"
    assert gap.changeable is False
    assert gap.detail == {"opens": None, "encoded_from": "2022-11-16"}


def test_plan_text_keeps_its_header_and_lists_what_the_last_day_needs() -> None:
    """The plan's text of the short profile over June 2025: its header first, and under "Next:" the grid's gap."""
    plan = eligibility.plan(eligibility.profile_from_data(SIXTIES), "2025-06-01", "2025-07-01",
                            programs=["express-entry/fsw"])
    text = plan_text(plan)
    assert text.startswith("Eligibility timeline of FSW short of the pass mark")
    lines = text.splitlines()
    nxt = lines.index("Next:")
    assert lines[nxt + 1] == "  express-entry/fsw: not before 2025-07-01; on its last day it still needs:"
    assert lines[nxt + 2].startswith("    - selection-grid: 20 points more (47 of 67)")


def test_plan_markdown_keeps_its_header_with_a_program_not_in_force() -> None:
    """The agriculture category was retired on 2026-02-18: over March 2026 it is not in force, said after the
    header and the programs."""
    plan = eligibility.plan(eligibility.profile_from_data(SIXTIES), dt.date(2026, 3, 1), dt.date(2026, 4, 1),
                            programs=["category/agriculture", "express-entry/fsw"])
    md = plan_markdown(plan)
    assert md.startswith("# Eligibility timeline")
    assert "## Federal Skilled Worker Program (`express-entry/fsw`)" in md
    assert "Not in force over the whole period: `category/agriculture`" in md
