"""audit8: the numbers a client reads in the report, worked out by hand and held to `crs`, `evaluate` and
`plan` for the same profile and date.

The married couple (profiles/married-couple.yaml) on 2026-03-01: Priya, born 1990-09-12 (35), a master's
with an ECA of 2023-10-01, PTE Core 80/75/85/80 of 2025-05-20 (CLB 8 in all four), a data scientist (21211)
in India since 2018-07-01 at 45 h/week; Arjun accompanies, a Canadian two-year diploma, CELPIP 7/6/6/7,
and Canadian work (11202) from 2015-06-01 to 2017-06-30 at 37.5 h/week; one child; $30,000.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import eligibility
from eligibility.documents import read_document

ROOT = Path(__file__).resolve().parents[1]
COUPLE = ROOT / "profiles" / "married-couple.yaml"
COOK = ROOT / "profiles" / "cook-in-canada.yaml"
DAY = dt.date(2026, 3, 1)


def _markdown(path: Path, day: dt.date) -> str:
    return eligibility.report(path, day, fmt="markdown")


def _factor_row(report: str, starts: str) -> tuple[int, int, str]:
    """The points, the maximum and what counted of the CRS table row whose factor starts with ``starts``."""
    (row,) = [line for line in report.splitlines() if line.startswith(f"| {starts}")]
    cells = [c.strip() for c in row.strip("|").split(" | ")]
    return int(cells[1]), int(cells[2]), cells[3]


def test_the_couples_crs_factor_by_factor() -> None:
    """With a spouse: age 35 = 70 of 100; master's = 126 of 140; CLB 8 x 4 = 22 x 4 = 88 of 128; spouse's
    two-year diploma 7, CELPIP 7/6/6/7 = 3+1+1+3 = 8, 2016-03-01 to 2017-06-30 (487 days x 30/7 = 2,087.1 h,
    one year) = 5; master's with CLB 7-8 = 25; 3+ years abroad with CLB 7-8 = 25: 354 in all."""
    report = _markdown(COUPLE, DAY)
    assert "**354** of 1200 points." in report
    assert eligibility.crs(COUPLE, DAY).total == 354
    assert _factor_row(report, "Age on the date")[:2] == (70, 100)
    assert _factor_row(report, "Highest level of education")[:2] == (126, 140)
    assert _factor_row(report, "First official language")[:2] == (88, 128)
    assert _factor_row(report, "Spouse's highest level of education")[:2] == (7, 10)
    assert _factor_row(report, "Spouse's first official language")[:2] == (8, 20)
    spouse_work = _factor_row(report, "Spouse's Canadian skilled work")
    assert spouse_work[:2] == (5, 10)
    assert "2016-03-01 to 2017-06-30: 2,087.1 h" in spouse_work[2]
    assert _factor_row(report, "Post-secondary education with CLB 7+")[:2] == (25, 50)
    assert _factor_row(report, "1 or 2 years of foreign skilled work with CLB 7+")[:2] == (25, 50)


@pytest.mark.parametrize(("day", "total", "points", "hours"), [
    (dt.date(2026, 7, 2), 354, 5, "2016-07-02 to 2017-06-30: 1,560.0 h"),
    (dt.date(2026, 7, 3), 349, 0, "2016-07-03 to 2017-06-30: 1,555.7 h")])
def test_the_spouses_year_in_canada_leaves_the_window_on_2026_07_03(day: dt.date, total: int, points: int,
                                                                     hours: str) -> None:
    """On 2026-07-02 the window starts 2016-07-02: 364 days x 30/7 = 1,560 h, one year (5 points); on 2026-07-03
    363 days give 1,555.7 h, less than a year: 349. The report, `crs`, and the report's own forecast agree."""
    report = _markdown(COUPLE, day)
    assert f"**{total}** of 1200 points." in report
    assert eligibility.crs(COUPLE, day).total == total
    spouse_work = _factor_row(report, "Spouse's Canadian skilled work")
    assert spouse_work[0] == points
    assert hours in spouse_work[2]
    if day == dt.date(2026, 7, 2):
        assert "On 2026-07-03 the score falls by 5 points" in report


def test_the_couples_fsw_numbers() -> None:
    """FSW: a family of 3 needs $23,360 (2025 table) and has $30,000; grid 80 (language CLB 8: 5 x 4 = 20,
    master's 23, 6+ years 15, age 35: 12, adaptability 10); 2018-07-01 to 2026-02-28 is 2,800 days x 30/7 =
    12,000 h. The PTE of 2025-05-20 counts until 2027-05-19."""
    report = _markdown(COUPLE, DAY)
    evaluation = eligibility.evaluate(COUPLE, DAY)
    assert evaluation.program("express-entry/fsw").verdict == "eligible"
    assert "$30,000 available; $23,360 needed for a family of 3" in report
    assert "80 points of 100; pass mark 67" in report
    assert "12,000 h in 21211 Data scientists" in report
    assert "Federal Skilled Worker stays open until 2027-05-19" in report
    first = eligibility.plan(COUPLE, DAY).program("express-entry/fsw").intervals[0]
    # The plan's interval is half-open: eligible up to 2027-05-20, so the last open day is 2027-05-19.
    assert (first.verdict, first.start, first.end) == ("eligible", DAY, dt.date(2027, 5, 20))


@pytest.mark.parametrize(("day", "verdict", "line"), [
    (dt.date(2026, 2, 17), "eligible", "- ✔ **eligible**: Trades category (Permanent residence)"),
    (dt.date(2026, 2, 18), "not_eligible",
     "- ✘ not eligible: Trades category: 0 h in 25 listed NOC codes between 2023-02-18 and 2026-02-17; "
     "1,560 h needed")])
def test_the_cooks_trades_line_on_each_side_of_2026_02_18(day: dt.date, verdict: str, line: str) -> None:
    """The cook's report says what `evaluate` says of the trades category: eligible on the 2025 list up to
    2026-02-17; from 2026-02-18, 0 h in the 25 occupations of the 2026 list (63200 is not one). CRS 221 on both."""
    report = _markdown(COOK, day)
    assert eligibility.evaluate(COOK, day).program("category/trades").verdict == verdict
    assert line in report.splitlines()
    assert "**221** of 1200 points." in report


def test_the_html_report_has_the_same_numbers() -> None:
    """The HTML report shows the couple's 354 and the $23,360 for a family of 3 as the Markdown does."""
    html = eligibility.report(COUPLE, DAY)
    assert re.search(r'<span class="total">354</span>', html)
    assert "$30,000 available; $23,360 needed for a family of 3" in html


AYESHA = ROOT / "profiles" / "ayesha-software-engineer.yaml"


@pytest.mark.parametrize(("day", "verdict", "found"), [
    (dt.date(2025, 7, 6), "eligible", "$15,000 available; $14,690 needed for a family of 1 (2024 table"),
    (dt.date(2025, 7, 7), "not_eligible", "$15,000 available; $15,263 needed for a family of 1 (2025 table")])
def test_the_funds_a_client_reads_on_each_side_of_the_2025_table(day: dt.date, verdict: str, found: str) -> None:
    """A single person with $15,000 meets the 2024 table ($14,690) on 2025-07-06 and not the 2025 table ($15,263)
    on 2025-07-07; the report and `evaluate` agree, and the day before the report names the day FSW closes."""
    profile = eligibility.profile_from_data({**read_document(AYESHA), "funds_cad": 15000}, "ayesha-15000")
    report = eligibility.report(profile, day, fmt="markdown")
    assert eligibility.evaluate(profile, day).program("express-entry/fsw").verdict == verdict
    assert found in report
    if verdict == "eligible":
        assert "- Federal Skilled Worker stays open until 2025-07-06, then closes if nothing changes" in report
