"""Profiles and readers shared by the audit11 tests of the CRS (no test here; tests/test_audit11_crs_*.py).

The base profile is a single person born 1996-06-15 who states every fact as none: no credential, no test,
no work, no offer, no certificate, no relative, no nomination. On 2026-11-30 only age counts (30: 105 points
without a spouse), so each test adds the facts it checks and works out their points by hand.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import eligibility
from eligibility.profile.load import profile_from_data

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = eligibility.load_library(ROOT / "rulesets")
DAY = "2026-11-30"

BASE: dict[str, Any] = {
    "name": "audit11 CRS probe", "birth_date": "1996-06-15", "marital_status": "single", "education": [],
    "language_tests": [], "work": [], "job_offer": None, "certificates_of_qualification": [],
    "relatives_in_canada": [], "provincial_nomination": None,
}

# TCF Canada scores inside each NCLC band (docs/language-tests.md, TCF Canada): reading, writing, listening,
# speaking. Reading 453-498 / listening 458-502 / writing and speaking 10-11 are NCLC 7, and so on.
TCF = {4: (350, 4, 350, 4), 5: (380, 6, 380, 6), 6: (420, 8, 420, 8), 7: (460, 10, 460, 10),
       8: (510, 12, 510, 12), 9: (530, 14, 530, 14), 10: (560, 16, 560, 16)}


def celpip(listening: int, reading: int | None = None, writing: int | None = None, speaking: int | None = None,
           taken: str = "2026-01-10") -> dict[str, Any]:
    """A CELPIP-General result: the CELPIP level is the CLB level (4 to 9; 10 to 12 are CLB 10+)."""
    return {"test": "celpip_general", "taken": taken, "listening": listening,
            "reading": listening if reading is None else reading, "writing": listening if writing is None else writing,
            "speaking": listening if speaking is None else speaking}


def tcf(nclc: int, taken: str = "2026-01-10", **scores: int) -> dict[str, Any]:
    """A TCF Canada result at NCLC ``nclc`` in all four (``scores`` overrides an ability's score)."""
    r, w, li, s = TCF[nclc]
    return {"test": "tcf_canada", "taken": taken, "reading": r, "writing": w, "listening": li, "speaking": s} | scores


def job(start: str, end: str | None, hours: float = 30, country: str = "CA", noc: str = "21231",
        **extra: Any) -> dict[str, Any]:
    """A job (a software engineer, TEER 1, unless ``noc`` says otherwise)."""
    found: dict[str, Any] = {"title": "job", "employer": extra.pop("employer", "Employer"), "noc": noc,
                             "country": country, "start": start, "end": end, "hours_per_week": hours}
    if country == "CA":
        found["province"] = "ON"
    return found | extra


def canadian(level: str, years: int | None = None, completed: str = "2012-05-01", **extra: Any) -> dict[str, Any]:
    """A full-time Canadian credential (no ECA needed)."""
    found: dict[str, Any] = {"level": level, "country": "CA", "province": "ON", "completed": completed,
                             "full_time": True}
    if years is not None:
        found["years"] = years
    return found | extra


def foreign(level: str, eca_issued: str | None = "2024-01-10", eca_level: str | None = None,
            years: int | None = None) -> dict[str, Any]:
    """A credential from India, with an ECA at ``eca_level`` (its own level by default) or none."""
    found: dict[str, Any] = {"level": level, "country": "IN", "completed": "2018-05-01",
                             "eca": None if eca_issued is None else {"issued": eca_issued,
                                                                     "level": eca_level or level}}
    if years is not None:
        found["years"] = years
    return found


def spouse(**changes: Any) -> dict[str, Any]:
    """An accompanying spouse who is not a citizen or permanent resident, with every fact stated as none."""
    return {"accompanying": True, "canadian_citizen_or_pr": False, "education": [], "language_tests": [],
            "work": []} | changes


def offer(noc: str = "21231", **changes: Any) -> dict[str, Any]:
    """A full-time, non-seasonal, LMIA-based offer with no end date."""
    return {"noc": noc, "employer": "Acme", "province": "ON", "hours_per_week": 40, "duration_months": None,
            "lmia": "positive", "seasonal": False} | changes


def crs(day: str = DAY, drop: tuple[str, ...] = (), **changes: Any) -> eligibility.CrsResult:
    """The CRS of the base profile with ``changes`` (and without the keys ``drop``) on ``day``."""
    data = copy.deepcopy(BASE)
    data.update(copy.deepcopy(changes))
    for key in drop:
        data.pop(key)
    return eligibility.crs(profile_from_data(data), day, LIBRARY)


def points(result: eligibility.CrsResult) -> dict[str, int]:
    """Each factor's points, for a result where every factor is exact (the factors scoring 0 left out)."""
    assert all(f.low == f.high for f in result.factors), [(f.id, f.low, f.high) for f in result.factors]
    return {f.id: f.low for f in result.factors if f.low}


def sections(result: eligibility.CrsResult) -> dict[str, Any]:
    """The JSON's sections (subtotal and each part's points)."""
    found: dict[str, Any] = eligibility.to_data(result)["sections"]
    return found
