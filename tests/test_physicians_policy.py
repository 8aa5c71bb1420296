"""IRCC's temporary public policy for physicians (signed 2023-04-25; programs.md 1.2, official): a physician's
publicly funded, fee-for-service medical work in Canada counts as Canadian work experience for CEC although it
is self-employment (IRPR s. 87.1(3) otherwise leaves it out).

Expected values are worked out by hand: hours are days x 30 / 7 (IRCC's 30 h a week, 1,560 h a year); the
window of an as-of day ends the day before it.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import eligibility

ROOT = Path(__file__).resolve().parents[1]

# A GP (NOC 31102, TEER 1: CLB 7 for CEC) self-employed in Ontario from 2025-02-01, 40 h a week; no
# education, so FSW fails on it; IELTS 6.0 in each ability (CLB 7), taken 2025-11-10.
GP: dict[str, Any] = {
    "name": "physician probe", "birth_date": "1985-03-15", "marital_status": "single", "intended_province": "ON",
    "children": 0, "education": [], "job_offer": None, "spouse": None,
    "language_tests": [{"test": "ielts_general", "taken": "2025-11-10", "listening": 6.0, "reading": 6.0,
                        "writing": 6.0, "speaking": 6.0}],
    "work": [{"noc": "31102", "country": "CA", "province": "ON", "start": "2025-02-01", "end": None,
              "hours_per_week": 40, "self_employed": True, "publicly_funded": True}],
}


@pytest.fixture(scope="module")
def library() -> eligibility.Library:
    """The repository's rules."""
    return eligibility.load_library(ROOT / "rulesets")


def _profile(**job: Any) -> Any:
    data = copy.deepcopy(GP)
    data["work"][0].update(job)
    return eligibility.profile_from_data(data)


def _work(library: eligibility.Library, profile: Any, day: str) -> dict[str, Any]:
    evaluation = eligibility.evaluate(profile, day, programs=["express-entry/cec"], library=library, with_crs=False)
    cec = eligibility.to_data(evaluation)["programs"][0]
    return next(c for c in cec["conditions"] if c["id"] == "canadian-work")


def test_a_publicly_funded_gp_meets_cec_and_with_it_the_physicians_category(library: eligibility.Library) -> None:
    # On 2026-02-18 (the category's first day): 2025-02-01..2026-02-17 = 382 days = 1,637.14 h in Canada.
    verdicts = eligibility.verdicts(_profile(), "2026-02-18", library=library)
    assert verdicts["express-entry/cec"] == "eligible"
    assert verdicts["category/physicians"] == "eligible"
    assert verdicts["express-entry/fsw"] == "not_eligible"
    work = _work(library, _profile(), "2026-02-18")
    assert work["outcome"] == "pass"
    assert work["observed"]["hours"] == 1637.1


def test_the_same_gp_not_stated_as_publicly_funded_fails_cec_and_the_category(library: eligibility.Library) -> None:
    verdicts = eligibility.verdicts(_profile(publicly_funded=False), "2026-02-18", library=library)
    assert verdicts["express-entry/cec"] == "not_eligible"
    # The category asks for an Express Entry program, and the GP meets none.
    assert verdicts["category/physicians"] == "not_eligible"
    work = _work(library, _profile(publicly_funded=False), "2026-02-18")
    assert work["observed"]["hours"] == 0.0
    assert [e["reason"] for e in work["evidence"]] == [
        "self-employed, not stated as publicly funded (publicly funded medical work would count: the physicians' "
        "public policy)"]


def test_publicly_funded_is_read_only_for_self_employment(library: eligibility.Library) -> None:
    # An employee's job counts whether or not it states publicly_funded: the same 1,637.1 h.
    for flag in (True, False):
        work = _work(library, _profile(self_employed=False, publicly_funded=flag), "2026-02-18")
        assert work["observed"]["hours"] == 1637.1


def test_the_verdicts_alone_and_the_durable_engine_agree_on_each_side(library: eligibility.Library) -> None:
    pytest.importorskip("durable_rules_engine")
    for flag, verdict in ((True, "eligible"), (False, "not_eligible")):
        profile = _profile(publicly_funded=flag)
        assert eligibility.verdicts(profile, "2026-02-18", library=library)["express-entry/cec"] == verdict
        durable = eligibility.evaluate(profile, "2026-02-18", programs=["express-entry/cec"], library=library,
                                       engine="durable", with_crs=False)
        assert durable.programs[0].verdict == verdict


def test_the_plan_opens_cec_on_the_policy_s_first_day(library: eligibility.Library) -> None:
    # Self-employed since 2022-04-25, IELTS of 2022-11-10: on 2023-04-24 the 364 days before would be 1,560 h,
    # but self-employment is left out until the policy; on 2023-04-25 its 365 days count (1,564.3 h).
    data = copy.deepcopy(GP)
    data["work"][0]["start"] = "2022-04-25"
    data["language_tests"][0]["taken"] = "2022-11-10"
    profile = eligibility.profile_from_data(data)
    plan = eligibility.plan(profile, "2023-04-01", "2023-05-01", programs=["express-entry/cec"], library=library)
    (cec,) = plan.programs
    assert [(i.start, i.end, i.verdict) for i in cec.intervals] == [
        (dt.date(2023, 4, 1), dt.date(2023, 4, 25), "not_eligible"),
        (dt.date(2023, 4, 25), dt.date(2023, 5, 1), "eligible")]
    assert "the rules of 2023-04-25 start" in cec.intervals[1].because
    assert "physicians' public policy" in cec.intervals[1].because
    assert cec.next.eligible_from == dt.date(2023, 4, 25)
    assert _work(library, profile, "2023-04-24")["observed"]["hours"] == 0.0
    assert _work(library, profile, "2023-04-25")["observed"]["hours"] == 1564.3


def test_each_self_employed_job_is_judged_on_its_own_occupation_and_funding(library: eligibility.Library) -> None:
    # Four self-employed jobs in Ontario, all alike in what the rules read but the occupation and the funding:
    # only the publicly funded GP's counts (2025-02-01..2026-02-17 = 382 days = 1,637.1 h); each other says why.
    data = copy.deepcopy(GP)
    gp = data["work"][0]
    data["work"] = [gp, {**gp, "publicly_funded": False}, {**gp, "noc": "21231"},
                    {**gp, "noc": "31101", "full_time_student": True}]
    work = _work(library, eligibility.profile_from_data(data), "2026-02-18")
    assert work["observed"]["hours"] == 1637.1
    assert [(e["job"], e["counted"], e.get("reason")) for e in work["evidence"]] == [
        (0, True, None),
        (1, False, "self-employed, not stated as publicly funded (publicly funded medical work would count: the "
                   "physicians' public policy)"),
        (2, False, "self-employed"),
        (3, False, "while a full-time student")]
