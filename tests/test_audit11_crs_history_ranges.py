"""The CRS's dated versions and its ranges for unknown facts, checked by hand (audit11, 2026-12-01).

History (research/crs.md, "CRS history"): one profile scored the day before and the day of each change.
Ranges (docs/crs.md, "Three values"): low..high holds every score the unknown facts allow and is tight, and
the settling paths are named. The base profile states every fact as none (tests/test_audit11_support.py).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import eligibility
from tests.support import run_cli
from tests.test_audit11_support import canadian, celpip, crs, foreign, job, offer, points, spouse, tcf

# --- history -----------------------------------------------------------------------------------------------------

# Born 1990-01-15 (no birthday near a change date); a Canadian 4-year bachelor's; French TCF NCLC 7 and English
# CELPIP 5 in all four, both taken 180 days before the day scored; a sibling in Canada; an LMIA-based offer in
# TEER 1 (21231) with no end date.
# Language: French first (17 x 4 = 68) with English second (1 x 4 = 4) = 72 beats English first (6 x 4 = 24)
# with French second (3 x 4 = 12) = 36. Transferability: bachelor's with NCLC 7 in all four = 13.
# Core = age + 120 + 72.
HISTORY = [
    # day, age points, additional points (offer, Canadian education, sibling, French), total
    ("2015-01-01", 110, 600, 110 + 192 + 13 + 600),            # start: offer 600, nothing else
    ("2015-01-29", 110, 600, 915),
    ("2015-01-30", 110, 600, 915),                              # technical amendment: no change
    ("2016-11-18", 110, 600, 915),
    ("2016-11-19", 110, 50 + 30, 110 + 192 + 13 + 80),          # offer 50; Canadian education 30
    ("2017-06-05", 110, 80, 395),
    ("2017-06-06", 110, 50 + 30 + 15 + 30, 110 + 192 + 13 + 125),  # sibling 15; French 30 (English CLB 5+)
    ("2017-10-23", 110, 125, 440),
    ("2017-10-24", 110, 125, 440),                              # MI 2017-2: no change
    ("2020-10-26", 105, 125, 105 + 192 + 13 + 125),             # age 30
    ("2020-10-27", 105, 50 + 30 + 15 + 50, 105 + 192 + 13 + 145),  # French 50
    ("2022-07-27", 94, 145, 94 + 192 + 13 + 145),               # age 32
    ("2022-07-28", 94, 145, 444),                               # no change in points
    ("2022-11-15", 94, 145, 444),
    ("2022-11-16", 94, 145, 444),                               # NOC 2021: no change in points
    ("2025-03-24", 77, 145, 77 + 192 + 13 + 145),               # age 35
    ("2025-03-25", 77, 30 + 15 + 50, 77 + 192 + 13 + 95),       # offer 0
    ("2026-11-02", 72, 95, 72 + 192 + 13 + 95),                 # age 36
    ("2026-11-03", 72, 95, 372),                                # reported change: not applied
]


def _history_profile(day: str) -> dict[str, Any]:
    taken = (dt.date.fromisoformat(day) - dt.timedelta(days=180)).isoformat()
    return {"birth_date": "1990-01-15", "education": [canadian("bachelors", 4)],
            "language_tests": [tcf(7, taken=taken), celpip(5, taken=taken)], "relatives_in_canada": ["sibling"],
            "job_offer": offer()}


@pytest.mark.parametrize(("day", "age", "additional", "total"), HISTORY)
def test_each_version_the_day_before_and_the_day_of(day: str, age: int, additional: int, total: int) -> None:
    """Each change of the CRS history takes effect on its day, not the day before."""
    result = crs(day, **_history_profile(day))
    found = points(result)
    assert found["core.age"] == age and found["core.first_language"] == 68 and found["core.second_language"] == 4
    assert found["transferability.education.language"] == 13
    assert sum(v for k, v in found.items() if k.startswith("additional.")) == additional
    assert result.total == total


def test_before_2015_not_encoded() -> None:
    """2014-12-31: no score (the CRS starts 2015-01-01)."""
    result = crs("2014-12-31", **_history_profile("2014-12-31"))
    assert result.status == "not_encoded" and result.total is None


@pytest.mark.parametrize(("day", "french"), [("2017-06-05", 0), ("2017-06-06", 15), ("2020-10-26", 15),
                                             ("2020-10-27", 25)])
def test_french_with_english_clb_4_or_less_by_date(day: str, french: int) -> None:
    """French NCLC 7 alone: nothing before 2017-06-06, 15 from then, 25 from 2020-10-27."""
    taken = (dt.date.fromisoformat(day) - dt.timedelta(days=180)).isoformat()
    assert points(crs(day, birth_date="1990-01-15", language_tests=[tcf(7, taken=taken)])).get(
        "additional.french", 0) == french


@pytest.mark.parametrize(("day", "major_group_00", "other"), [("2016-11-19", 200, 50), ("2025-03-24", 200, 50),
                                                              ("2025-03-25", 0, 0)])
def test_job_offer_points_around_2025_03_25(day: str, major_group_00: int, other: int) -> None:
    """Major group 00 (00012) 200, another TEER 0 (10010) or TEER 1 (21231) 50; 0 for all from 2025-03-25."""
    def job_offer(noc: str) -> int:
        return points(crs(day, job_offer=offer(noc))).get("additional.job_offer", 0)
    assert (job_offer("00012"), job_offer("10010"), job_offer("21231")) == (major_group_00, other, other)


def test_an_offer_outside_teer_0_to_3_scores_nothing() -> None:
    """A TEER 5 offer (65200) on 2025-03-24: 0."""
    assert points(crs("2025-03-24", job_offer=offer("65200"))).get("additional.job_offer", 0) == 0


@pytest.mark.parametrize(("day", "canadian_education"), [("2016-11-18", 0), ("2016-11-19", 15)])
def test_canadian_education_from_2016_11_19(day: str, canadian_education: int) -> None:
    """A Canadian two-year diploma: nothing before 2016-11-19, 15 from then."""
    found = points(crs(day, education=[canadian("two_year", 2)]))
    assert found.get("additional.canadian_education", 0) == canadian_education


@pytest.mark.parametrize(("day", "sibling"), [("2017-06-05", 0), ("2017-06-06", 15)])
def test_sibling_from_2017_06_06(day: str, sibling: int) -> None:
    """A sibling in Canada: nothing before 2017-06-06, 15 from then."""
    assert points(crs(day, relatives_in_canada=["sibling"])).get("additional.sibling", 0) == sibling


@pytest.mark.parametrize(("day", "told"), [("2026-11-02", False), ("2026-11-03", True)])
def test_the_reported_change_of_2026_11_03_is_told_not_applied(day: str, told: bool) -> None:
    """From 2026-11-03 the result carries the unconfirmed change as a caveat; the points do not change."""
    result = crs(day)
    assert result.total == 105
    assert any("2026-11-03" in c.says for c in result.caveats) is told


# --- ranges for unknown facts -------------------------------------------------------------------------------------

# Each case: keys left out, facts stated, (low, high) worked out by hand, the paths that settle it.
BACHELORS = [foreign("bachelors")]
RANGES = [
    # Age unknown: 0 (17 or less, 45 or more) to 110 (20-29).
    (("birth_date",), {}, (0, 110), ["$.birth_date"]),
    # With a spouse: 0 to 100.
    (("birth_date",), {"marital_status": "married", "spouse": spouse()}, (0, 100), ["$.birth_date"]),
    # Education unknown: none (0) to a Canadian doctorate (150 + Canadian education 30).
    (("education",), {}, (105, 105 + 150 + 30), ["$.education"]),
    # ... with CLB 9: the doctorate adds 50 in transferability: 105 + 124 .. + 150 + 50 + 30.
    (("education",), {"language_tests": [celpip(9)]}, (229, 229 + 230), ["$.education"]),
    # Tests unknown, a bachelor's: low 105 + 120; high English CLB 10 first (136), French NCLC 9+ second (24),
    # bachelor's with CLB 9 (25), French bonus (50): 225 + 235.
    (("language_tests",), {"education": BACHELORS}, (225, 460), ["$.language_tests"]),
    # Work unknown, bachelor's and CLB 9 (374): up to 5+ years in Canada (80), education group 25 + 25 = 50,
    # foreign group 50, transferability 100 in all: 374 + 80 + 75 = 529.
    (("work",), {"education": BACHELORS, "language_tests": [celpip(9)]}, (374, 529), ["$.work"]),
    # Nomination unknown, a sibling (15): 120 .. 105 + 600 (the additional points capped at 600).
    (("provincial_nomination",), {"relatives_in_canada": ["sibling"]}, (120, 705), ["$.provincial_nomination"]),
    # Relatives unknown beside a nomination: 600 either way.
    (("relatives_in_canada",), {"provincial_nomination": {"province": "ON", "issued": "2026-01-10"}}, (705, 705),
     None),
    # Certificate unknown with CLB 9: 0 to 50.
    (("certificates_of_qualification",), {"language_tests": [celpip(9)]}, (229, 279),
     ["$.certificates_of_qualification"]),
    # An offer unknown after 2025-03-25: 0 either way.
    (("job_offer",), {}, (105, 105), []),
]


@pytest.mark.parametrize(("drop", "facts", "span", "settled_by"), RANGES)
def test_ranges_for_unknown_facts(drop: tuple[str, ...], facts: dict[str, Any], span: tuple[int, int],
                                  settled_by: list[str] | None) -> None:
    """low..high is the lowest and highest score the unknown fact allows; total is null unless they meet."""
    result = crs(drop=drop, **facts)
    assert (result.low, result.high) == span
    assert result.total == (span[0] if span[0] == span[1] else None)
    if settled_by is not None:
        assert list(result.settled_by) == settled_by


def test_an_offer_unknown_before_2025_03_25() -> None:
    """On 2025-03-24 an unknown offer is 0 to 200 (major group 00); age 28 there: 110 .. 310."""
    result = crs("2025-03-24", drop=("job_offer",))
    assert (result.low, result.high, result.total) == (110, 310, None)


def test_a_spouse_not_described() -> None:
    """Married, spouse unknown, a bachelor's and CLB 9: no spouse 105 + 120 + 124 + 25 = 374; with one
    95 + 112 + 116 + 25 = 348 and up to 40 more = 388: the range is 348 .. 388."""
    result = crs(marital_status="married", education=BACHELORS, language_tests=[celpip(9)])
    assert (result.low, result.high, result.with_spouse) == (348, 388, None)
    assert result.settled_by[0] == "$.spouse"


def test_whether_the_spouse_comes_is_unknown() -> None:
    """A spouse at CLB 9 whose coming is not stated: no spouse 105, or 95 + 20 = 115."""
    described = spouse(language_tests=[celpip(9)])
    described.pop("accompanying")
    result = crs(marital_status="married", spouse=described)
    assert (result.low, result.high) == (105, 115)


def test_a_job_without_its_code() -> None:
    """Seven years in Canada with no NOC code, CLB 9: 229 (not skilled) to 229 + 80 (5 years or more)."""
    work = job("2019-01-01", "2025-12-30")
    work.pop("noc")
    result = crs(work=[work], language_tests=[celpip(9)])
    assert (result.low, result.high) == (229, 309) and list(result.settled_by) == ["$.work[0].noc"]


# --- the command line gives the same numbers --------------------------------------------------------------------

def test_cli_json_factor_by_factor(tmp_path: Any, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`eligibility crs FILE --as-of DATE --format json`: a master's, CLB 9, 2 years in Canada, a sibling.
    Core 105 + 135 + 124 + 53 = 417; education group 50 + 50 -> 50; sibling 15: 482."""
    from tests.test_audit11_support import BASE

    data = BASE | {"education": [foreign("masters")], "language_tests": [celpip(9)],
                   "work": [job("2024-01-01", "2025-12-30")], "relatives_in_canada": ["sibling"]}
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data))
    code, out, _ = run_cli(["crs", str(path), "--as-of", "2026-11-30", "--format", "json"], capsys, monkeypatch)
    found = json.loads(out)
    assert code == 0 and (found["total"], found["low"], found["high"]) == (482, 482, 482)
    assert found["sections"]["core"] == {"subtotal": 417, "max": 500, "age": 105, "education": 135,
                                         "first_language": 124, "second_language": 0, "canadian_work": 53}
    assert found["sections"]["transferability"]["education"] == 50
    assert found["sections"]["additional"]["sibling"] == 15
    assert found == eligibility.to_data(eligibility.crs(eligibility.profile_from_data(data), "2026-11-30"))
