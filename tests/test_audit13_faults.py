"""``crs --improve``: faults found by the audit of 2026-12-01 (audit13), each a strict expected failure.

The profile is the single applicant of ``tests/test_audit13_checks.py`` (438 on 2026-12-01, worked out there by
hand from the CRS tables of research crs.md): born 1997-03-15, bachelor's with an ECA of 2022-01-10, IELTS CLB 8
in all four, foreign work of 3 years or more, Canadian TEER 1 work from 2025-06-01 at 40 h (30 h count). The
scorer is right on every day below; the faults are in ``eligibility/ranking/improve.py`` (``_canadian_year`` and
``_declines``), which the audit does not change.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from eligibility.api import rules
from eligibility.cli import app
from eligibility.profile.load import profile_from_data
from eligibility.ranking.compute import crs_result
from eligibility.ranking.improve import Improvements, improve
from tests.test_audit13_checks import SINGLE


def _improve(data: dict[str, Any], day: str) -> Improvements:
    return improve(profile_from_data(data), dt.date.fromisoformat(day), rules())


def _range(data: dict[str, Any], day: str) -> tuple[int | None, int | None]:
    result = crs_result(profile_from_data(data), dt.date.fromisoformat(day), rules())
    return result.low, result.high


def _planned_end() -> dict[str, Any]:
    data = copy.deepcopy(SINGLE)
    data["work"][1]["end"] = "2028-12-31"
    return data


def _noc_unknown() -> dict[str, Any]:
    data = copy.deepcopy(SINGLE)
    del data["work"][1]["noc"]
    return data


def _window_noc_unknown() -> dict[str, Any]:
    data = copy.deepcopy(SINGLE)
    data["work"] = [{"title": "Developer", "employer": "Y", "country": "CA", "authorized": True,
                     "start": "2015-06-01", "end": "2017-12-31", "hours_per_week": 40}]
    return data


def test_the_scorer_counts_a_job_with_a_planned_end_going_on() -> None:
    """The premise of the first fault, right today: ``end`` is the last day worked (docs/profile-format.md), so a
    job ending 2028-12-31 is going on; the second Canadian year is reached on 2027-05-30 (728 days from
    2025-06-01), 287 -> 300 (+13 core; the education group +12 from 1 to 2 years)."""
    assert _range(_planned_end(), "2027-05-29") == (287, 287)
    assert _range(_planned_end(), "2027-05-30") == (300, 300)


def test_a_job_with_a_planned_end_gets_its_next_canadian_year() -> None:
    """Same as end: null: +25, reached on 2027-05-30 (before the planned end)."""
    found = _improve(_planned_end(), "2026-12-01")
    years = [(i.low, i.high, i.date) for i in found.improvements if i.kind == "canadian_work"]
    assert years == [(25, 25, dt.date(2027, 5, 30))]


def test_a_current_job_without_a_noc_gets_its_next_year_as_a_span() -> None:
    """The span 0..25: nothing when the job is not skilled, +25 when it is."""
    assert _range(_noc_unknown(), "2026-12-01") == (360, 438)
    found = _improve(_noc_unknown(), "2026-12-01")
    years = [(i.low, i.high) for i in found.improvements if i.kind == "canadian_work"]
    assert years == [(0, 25)]


def test_the_high_end_falls_when_work_of_an_unknown_noc_leaves_the_window() -> None:
    """The premise of the next fault, right today: Canadian work 2015-06-01 to 2017-12-31 of unknown NOC is 0 or 1
    year (335..388); on 2027-01-03 the window keeps 363 days (under 1,560 h): 335..335, the high -53."""
    assert _range(_window_noc_unknown(), "2027-01-02") == (335, 388)
    assert _range(_window_noc_unknown(), "2027-01-03") == (335, 335)


def test_a_fall_of_the_high_end_of_a_range_is_listed() -> None:
    """A fall on 2027-01-03."""
    found = _improve(_window_noc_unknown(), "2026-12-01")
    assert "2027-01-03" in [d.date.isoformat() for d in found.declines]


def test_an_eca_expiry_on_a_range_loses_different_points_at_each_end() -> None:
    """The premise of the last fault, right today: with the Canadian job's NOC unknown the score is 360..438 on
    2027-01-09 and 227..292 on 2027-01-10, the day the ECA of 2022-01-10 stops counting: 133 and 146 lost."""
    assert _range(_noc_unknown(), "2027-01-09") == (360, 438)
    assert _range(_noc_unknown(), "2027-01-10") == (227, 292)


def test_the_points_lost_on_a_range_give_the_high_end_too(tmp_path: Path) -> None:
    """The line of 2027-01-10 in ``crs --improve`` names 146 as well as 133."""
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(_noc_unknown()))
    out = CliRunner().invoke(app, ["crs", str(path), "--as-of", "2026-12-01", "--improve"]).output
    line = next(x for x in out.splitlines() if x.strip().startswith("2027-01-10"))
    assert "133" in line and "146" in line


def test_a_current_job_without_a_noc_reaches_its_next_year_on_the_day_the_high_end_rises() -> None:
    """Its day is the first on which the scorer's high end of Canadian work rises: the job (from 2025-06-01, 30 h
    a week counted) holds 1 year if skilled (40 points, single) until 2027-05-29, and 2 years (53) on 2027-05-30,
    when 2025-06-01..2027-05-29 is 728 days x 30/7 = 3,120 h."""
    found = _improve(_noc_unknown(), "2026-12-01")
    assert [i.date for i in found.improvements if i.kind == "canadian_work"] == [dt.date(2027, 5, 30)]
    spans = []
    for day in (dt.date(2027, 5, 29), dt.date(2027, 5, 30)):
        result = crs_result(profile_from_data(_noc_unknown()), day, rules())
        work = next(f for f in result.factors if f.id == "core.canadian_work")
        spans.append((work.low, work.high))
    assert spans == [(0, 40), (0, 53)]
