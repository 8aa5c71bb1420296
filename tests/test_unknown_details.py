"""A detail not given is a fact not known: it may make an outcome unknown, never the opposite of the truth.

A NOC code (of a job or the offer) and a credential's ``years``, ``completed`` and ``province`` are unknown when
absent (docs/profile-format.md; a credential without ``completed`` was completed before the day evaluated).

Whatever code the job (or the offer) really has, an outcome decided without it must be the outcome with it: a
condition or verdict that passes or fails with the code unknown passes or fails alike once it is given, and the CRS
range found without it holds the score found with it. These properties found the FST certificate and offer read in
no trade, CEC's language level read from the main known occupation, and FSW's designated body read from it, while a
job without a code could change each (fixed 1 December 2026)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.engines.run import evaluate
from eligibility.profile.load import profile_from_data
from eligibility.ranking.compute import crs_result
from eligibility.result import CrsResult
from tests.strategies import as_of_dates, examples, library, noc_codes, profile_data
from tests.test_properties import outcomes

UNDECIDED = ("unknown", "undetermined")
SETTINGS = settings(max_examples=examples(120), deadline=None)

#: Codes the linked conditions turn on: trades (72200, 73300, 63200), TEER 1 and 2 occupations (21231, 21221,
#: 22310), the designated professions (31102, 31120, 21200) and TEER 4 and 5 (44101, 65310).
FOCUS = ("72200", "73300", "63200", "21231", "21221", "22310", "31102", "31120", "21200", "44101", "65310")
FOCUS_DAYS = tuple(dt.date.fromisoformat(d) for d in ("2024-06-01", "2025-06-01", "2026-03-01"))


@st.composite
def linked_profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A profile around the conditions that read another's occupations (FST's certificate and offer in the trade,
    CEC's language level by the main occupation's TEER, FSW's designated ECA body by the primary occupation): a few
    jobs in a handful of codes, scores near CLB 4 to 7, ECAs from WES or a designated body."""
    band = st.sampled_from((4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0))
    jobs = []
    for _ in range(draw(st.integers(1, 3))):
        start = dt.date(draw(st.integers(2018, 2024)), draw(st.sampled_from((1, 6))), 1)
        days = draw(st.sampled_from((364, 365, 729, 730, 1094, 1095, None)))
        job: dict[str, Any] = {"noc": draw(st.sampled_from(FOCUS)), "start": start.isoformat(),
                               "end": None if days is None else (start + dt.timedelta(days)).isoformat(),
                               "hours_per_week": draw(st.sampled_from((30, 40))), "employer": "Acme"}
        job.update({"country": "CA", "province": "ON"} if draw(st.booleans()) else {"country": "PK"})
        jobs.append(job)
    eca: dict[str, Any] = {"issued": "2024-02-01", "level": "masters"}
    body = draw(st.sampled_from(("WES", "Medical Council of Canada", "PEBC", "cacb", None)))
    if body is not None:
        eca["by"] = body
    offer = None
    if draw(st.booleans()):
        offer = {"noc": draw(st.sampled_from(FOCUS)), "employer": "Acme", "province": "ON", "hours_per_week": 40,
                 "lmia": draw(st.sampled_from(("positive", "exempt")))}
    return {
        "name": "Linked", "birth_date": "1990-08-20", "marital_status": "single", "intended_province": "ON",
        "children": 0, "funds_cad": 20000,
        "education": [{"level": "masters", "years": 2, "country": "PK", "completed": "2016-06-30", "eca": eca}],
        "language_tests": [{"test": "ielts_general", "taken": "2025-01-10", "listening": draw(band),
                            "reading": draw(band), "writing": draw(band), "speaking": draw(band)}],
        "work": jobs, "job_offer": offer,
        "certificates_of_qualification": [{"noc": draw(st.sampled_from(FOCUS)), "issued_by": "ON"}]
        if draw(st.booleans()) else [],
        "relatives_in_canada": [], "spouse": None}


def _flipped(known: dict[Any, str], unknown: dict[Any, str]) -> dict[Any, tuple[str, str]]:
    """Outcomes decided with the code unknown that differ from the outcome with the code given."""
    return {k: (known[k], unknown[k]) for k in known if unknown[k] not in UNDECIDED and unknown[k] != known[k]}


def _without_code(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in ("noc", "noc_2016")}


def _without(items: list[dict[str, Any]], i: int, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """The list with item ``i`` lacking ``keys``."""
    return [{k: v for k, v in x.items() if not (j == i and k in keys)} for j, x in enumerate(items)]


def _flips(data: dict[str, Any], fewer: dict[str, Any], as_of: dt.date) -> dict[Any, tuple[str, str]]:
    """``_flipped`` of the evaluations of the profile with the detail (``data``) and without it (``fewer``)."""
    return _flipped(outcomes(evaluate(profile_from_data(data), as_of, library())),
                    outcomes(evaluate(profile_from_data(fewer), as_of, library())))


def _scores(data: dict[str, Any], fewer: dict[str, Any], as_of: dt.date) -> tuple[CrsResult, CrsResult]:
    """The CRS results of the profile with the detail and without it."""
    return crs_result(profile_from_data(data), as_of, library()), crs_result(profile_from_data(fewer), as_of, library())


def _holds(known: CrsResult, unknown: CrsResult) -> bool:
    """Whether the range without the detail holds each end of the score with it (both scored)."""
    return (unknown.low is not None and unknown.high is not None and known.low is not None
            and known.high is not None and unknown.low <= known.low and known.high <= unknown.high)


@SETTINGS
@given(profile_data(keep=("work",), min_jobs=1), as_of_dates(), st.data())
def test_a_jobs_code_not_given_never_decides_against_the_code(data: dict[str, Any], as_of: dt.date,
                                                               draw: st.DataObject) -> None:
    """One job's code dropped: every decided condition and verdict is the one with the code."""
    i = draw.draw(st.integers(0, len(data["work"]) - 1))
    data["work"][i] = dict(_without_code(data["work"][i]), noc=draw.draw(noc_codes()))
    fewer = dict(data, work=_without(data["work"], i, ("noc", "noc_2016")))
    flipped = _flips(data, fewer, as_of)
    assert not flipped, f"job {i} without its code {data['work'][i]['noc']}: {flipped}"


@SETTINGS
@given(linked_profiles(), st.sampled_from(FOCUS_DAYS), st.data())
def test_a_jobs_code_not_given_never_decides_against_the_code_near_linked_conditions(
        data: dict[str, Any], as_of: dt.date, draw: st.DataObject) -> None:
    """The same, on profiles built around the conditions that read another condition's occupations."""
    i = draw.draw(st.integers(0, len(data["work"]) - 1))
    fewer = dict(data, work=_without(data["work"], i, ("noc", "noc_2016")))
    flipped = _flips(data, fewer, as_of)
    assert not flipped, f"job {i} without its code {data['work'][i]['noc']}: {flipped}"


@SETTINGS
@given(profile_data(keep=("work",), min_jobs=1), as_of_dates(), st.data())
def test_a_jobs_code_not_given_keeps_the_crs_score_in_range(data: dict[str, Any], as_of: dt.date,
                                                             draw: st.DataObject) -> None:
    """One job's code dropped: the CRS range holds the score with the code (each end of it)."""
    i = draw.draw(st.integers(0, len(data["work"]) - 1))
    data["work"][i] = dict(_without_code(data["work"][i]), noc=draw.draw(noc_codes()))
    fewer = dict(data, work=_without(data["work"], i, ("noc", "noc_2016")))
    known, unknown = _scores(data, fewer, as_of)
    if known.status != "scored":
        return
    assert _holds(known, unknown), (
        f"job {i} without its code {data['work'][i]['noc']}: {unknown.low}..{unknown.high} does not hold "
        f"{known.low}..{known.high}")


@SETTINGS
@given(profile_data(drop=False), as_of_dates(), noc_codes())
def test_an_offers_code_not_given_never_decides_against_the_code(data: dict[str, Any], as_of: dt.date,
                                                                 code: str) -> None:
    """The job offer's code dropped: every decided condition and verdict is the one with the code."""
    if not data.get("job_offer"):
        data["job_offer"] = {"lmia": "positive", "hours_per_week": 40}
    data["job_offer"] = dict(_without_code(data["job_offer"]), noc=code)
    fewer = dict(data, job_offer=_without_code(data["job_offer"]))
    flipped = _flips(data, fewer, as_of)
    assert not flipped, f"the offer without its code {code}: {flipped}"


@SETTINGS
@given(linked_profiles(), st.sampled_from(FOCUS_DAYS), st.data())
def test_a_code_not_given_keeps_the_crs_score_in_range_near_linked_conditions(data: dict[str, Any], as_of: dt.date,
                                                                             draw: st.DataObject) -> None:
    """A job's or the offer's code dropped, on the profiles built around the linked conditions: the CRS range
    holds the score with the code."""
    i = draw.draw(st.integers(-1 if data["job_offer"] else 0, len(data["work"]) - 1))
    if i < 0:
        fewer = dict(data, job_offer=_without_code(data["job_offer"]))
    else:
        fewer = dict(data, work=_without(data["work"], i, ("noc", "noc_2016")))
    known, unknown = _scores(data, fewer, as_of)
    assert _holds(known, unknown), (
        f"{'the offer' if i < 0 else f'job {i}'} without its code: {unknown.low}..{unknown.high} does not hold "
        f"{known.low}..{known.high}")


@SETTINGS
@given(profile_data(drop=False), as_of_dates(), st.data())
def test_a_credentials_detail_not_given_never_decides_against_it(data: dict[str, Any], as_of: dt.date,
                                                                 draw: st.DataObject) -> None:
    """A credential's years, completion date or province dropped: every decided condition and verdict is the one
    with it, and the CRS range holds the score with it."""
    if not data["education"]:
        data["education"] = [{"level": "bachelors", "country": "CA", "province": "ON", "years": 4,
                              "completed": "2020-06-30", "full_time": True}]
    i = draw.draw(st.integers(0, len(data["education"]) - 1))
    item = data["education"][i]
    # A credential without ``completed`` is one completed before the day evaluated, on a day not known: only a
    # date before that day is a detail the profile may leave out.
    present = [k for k in ("years", "completed", "province") if k in item
               and (k != "completed" or dt.date.fromisoformat(item[k]) < as_of)]
    if not present:
        return
    key = draw.draw(st.sampled_from(present))
    fewer = dict(data, education=_without(data["education"], i, (key,)))
    flipped = _flips(data, fewer, as_of)
    assert not flipped, f"credential {i} without its {key}: {flipped}"
    a, b = _scores(data, fewer, as_of)
    if a.status == "scored":
        assert _holds(a, b), f"credential {i} without its {key}: {b.low}..{b.high} vs {a.low}..{a.high}"


#: The offer's details a rule may ask and a profile may leave out (unknown when absent: the rule is then unknown).
OFFER_DETAILS = ("province", "hours_per_week", "wage_hourly", "wage_annual", "employer")


@SETTINGS
@given(profile_data(drop=False), as_of_dates(), st.data())
def test_an_offers_detail_not_given_never_decides_against_it(data: dict[str, Any], as_of: dt.date,
                                                             draw: st.DataObject) -> None:
    """One of the offer's details dropped: every decided condition and verdict is the one with it."""
    offer = data.get("job_offer")
    present = [k for k in OFFER_DETAILS if offer and k in offer]
    if not present:
        return
    key = draw.draw(st.sampled_from(present))
    fewer = dict(data, job_offer={k: v for k, v in offer.items() if k != key})
    flipped = _flips(data, fewer, as_of)
    assert not flipped, f"the offer without its {key}: {flipped}"


@SETTINGS
@given(profile_data(keep=("work",), min_jobs=1, drop=False), as_of_dates(), st.data())
def test_a_jobs_province_or_employer_not_given_never_decides_against_it(data: dict[str, Any], as_of: dt.date,
                                                                        draw: st.DataObject) -> None:
    """A job's province or employer dropped: every decided condition and verdict is the one with it."""
    i = draw.draw(st.integers(0, len(data["work"]) - 1))
    present = [k for k in ("province", "employer") if k in data["work"][i]]
    if not present:
        return
    key = draw.draw(st.sampled_from(present))
    fewer = dict(data, work=_without(data["work"], i, (key,)))
    flipped = _flips(data, fewer, as_of)
    assert not flipped, f"job {i} without its {key}: {flipped}"
