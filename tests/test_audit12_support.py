"""Profiles and readers shared by the audit12 tests of plan, rounds, impact and the categories by year (no test here).

The base person (``BASE``) was born on 29 February 1996, is single, holds a four-year Canadian bachelor's
degree (completed 2018), took CELPIP-General with 9 in all four abilities on 2025-06-10 (valid to 2027-06-09)
and worked in Canada as a software engineer (21231, TEER 1) from 2022-01-03 to 2024-12-31 at 40 h a week.
Hours are counted IRCC's way (programs.md section 0): at most 30 h a week, so a day of full-time work is 30/7 h,
1,560 h (one year) is 364 days and 780 h (six months) is 182 days. A job's first day counts from the day after it
(the as-of day itself is not counted: docs/plan.md), so a job started on S has d days on S + d.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import eligibility
from eligibility.api import rules
from eligibility.batch.impact import Impact, impact
from eligibility.batch.rows import jsonl_rows
from eligibility.profile.load import profile_from_data

SOFTWARE: dict[str, Any] = {"title": "Software engineer", "employer": "Acme", "noc": "21231", "country": "CA",
                            "province": "ON", "start": "2022-01-03", "end": "2024-12-31", "hours_per_week": 40,
                            "authorized": True}

BASE: dict[str, Any] = {
    "name": "audit12 probe", "birth_date": "1996-02-29", "marital_status": "single",
    "intended_province": "ON", "children": 0, "funds_cad": 50000,
    "education": [{"level": "bachelors", "years": 4, "country": "CA", "province": "ON", "completed": "2018-05-01",
                   "full_time": True}],
    "language_tests": [{"test": "celpip_general", "taken": "2025-06-10", "listening": 9, "reading": 9,
                        "writing": 9, "speaking": 9}],
    "work": [SOFTWARE],
    "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [],
    "provincial_nomination": None, "spouse": None, "declarations": {"performed_noc_duties": True},
}


def celpip(level: int, taken: str, **extra: Any) -> dict[str, Any]:
    """A CELPIP-General result with ``level`` in all four abilities (the CELPIP level is the CLB level)."""
    return {"test": "celpip_general", "taken": taken, "listening": level, "reading": level, "writing": level,
            "speaking": level} | extra


def job(noc: str, start: str, end: str | None, title: str = "job", country: str = "CA") -> dict[str, Any]:
    """A full-time job (40 h a week, counted as 30) in ``noc``; authorized when in Canada (Ontario)."""
    found: dict[str, Any] = {"title": title, "employer": "Employer", "noc": noc, "country": country,
                             "start": start, "end": end, "hours_per_week": 40}
    if country == "CA":
        found |= {"province": "ON", "authorized": True}
    return found


def data(**changes: Any) -> dict[str, Any]:
    """The base profile's data with ``changes`` laid over it (whole keys replaced)."""
    found = copy.deepcopy(BASE)
    found.update(copy.deepcopy(changes))
    return found


def profile(**changes: Any) -> eligibility.Profile:
    """The base profile with ``changes``."""
    return profile_from_data(data(**changes))


def plan(person: eligibility.Profile, start: str, until: str, *programs: str) -> eligibility.Plan:
    """The plan of ``person`` over [start, until) for ``programs``."""
    return eligibility.plan(person, start, until, programs=list(programs))


def intervals(found: eligibility.Plan, program: str) -> list[tuple[str, str, str]]:
    """A program's intervals as (first day, first day after, verdict)."""
    return [(i.start.isoformat(), i.end.isoformat(), i.verdict) for i in found.program(program).intervals]


def because(found: eligibility.Plan, program: str, start: str) -> str:
    """The cause of the program's interval that starts on ``start``."""
    return next(i.because for i in found.program(program).intervals if i.start.isoformat() == start)


def crs_steps(found: eligibility.Plan) -> list[tuple[str, int | None]]:
    """The CRS steps of a plan as (first day, score)."""
    return [(s.start.isoformat(), s.low if s.low == s.high else None) for s in found.crs]


def crs_because(found: eligibility.Plan, start: str) -> str:
    """The cause of the CRS step that starts on ``start``."""
    return next(s.because for s in found.crs if s.start.isoformat() == start)


def impact_of(tmp_path: Path, rows: list[dict[str, Any]], before: str, after: str,
              programs: set[str]) -> list[tuple[str, str, str, str, int, list[str]]]:
    """The impact groups of ``rows`` (each with an ``id``) between two dates: (program, from, to, cause, count,
    ids)."""
    source = tmp_path / "clients.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    found: Impact = impact(jsonl_rows(source), dt.date.fromisoformat(before), dt.date.fromisoformat(after),
                           rules(), programs)
    return [(program, g["from"], g["to"], g["cause"], g["count"], g["ids"])
            for program, groups in found.data()["programs"].items() for g in groups]
