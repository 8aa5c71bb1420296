"""A leaf measured, decided and reported by one compiled function (``Kind.explained``) gives exactly what its kind's
measure, decision and report give; the evaluation walking it gives what it gives with every node built anew."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

from eligibility.api import rules
from eligibility.documents import read_document
from eligibility.facts import Facts
from eligibility.kinds import KINDS
from eligibility.kinds.base import plain
from eligibility.kinds.job_offer import explained
from eligibility.measure.context import Measurer
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import Profile
from eligibility.rulebook.model import JobOfferCondition, Leaf, Occupations
from eligibility.unknown import UNKNOWN, known
from tests.strategies import as_of_dates, examples, profiles
from tests.support import rule_leaves
from tests.test_evaluation_paths import both_ways

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))
EXPLAINED = sorted(name for name, kind in KINDS.items() if kind.explained is not None)
CONDITIONS = rule_leaves(EXPLAINED)
DAY = dt.date(2026, 3, 1)


def _profile(path: Path) -> Profile:
    return profile_from_data(read_document(path))


def _both(cond: Leaf, profile: Profile, day: dt.date) -> tuple[str, str]:
    """The compiled function's values and the report's, each as JSON text (``==`` would take 1 for 1.0 and a
    tuple for a list), with the confidence of the data read; the report's checked plain, as the walk takes it."""
    kind = KINDS[cond.kind]
    assert kind.explained is not None
    fused = kind.explained(cond)(Measurer(Facts(profile, day), rules(), {}))
    measured = kind.measure(cond, Measurer(Facts(profile, day), rules(), {}))
    leaf = kind.report(cond, measured, kind.decide(cond, measured))
    # The walk calls the compiled function where the kind has no key, or once its prekey gave None: the key is
    # None then too, and the report's values plain (``plain`` of the others compared below).
    walked = kind.key is None
    if kind.key is not None:
        assert kind.prekey is not None
        walked = kind.prekey(cond)(Measurer(Facts(profile, day), rules(), {})) is None
        if walked:
            assert kind.key(cond, measured) is None
    if walked:
        assert leaf.plain
    expected = (leaf.outcome, plain(leaf.observed), plain(leaf.required), leaf.explanation,
                tuple([plain(e) for e in leaf.evidence]), leaf.confidence)
    assert type(fused) is tuple and type(fused[4]) is tuple
    return _text(fused), _text(expected)


def _text(values: Any) -> str:
    return json.dumps(values, sort_keys=False, allow_nan=True)


def test_the_kinds_compiled() -> None:
    """Certificates, education, funds, job offers, language and the points grid, with conditions in the rules for
    the properties below to read."""
    assert EXPLAINED == ["certificate_of_qualification", "education", "funds", "job_offer", "language", "points"]
    assert {c.kind for c in CONDITIONS} == set(EXPLAINED)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_compiled_equals_the_report_on_the_examples(path: Path) -> None:
    """Every compiled leaf of the rules, on each example profile, on two dates."""
    profile = _profile(path)
    for day in (DAY, dt.date(2024, 7, 15)):
        for cond in CONDITIONS:
            fused, expected = _both(cond, profile, day)
            assert fused == expected, cond.id


@settings(max_examples=examples(60), deadline=None)
@given(profiles(), as_of_dates())
def test_compiled_equals_the_report(profile: Profile, day: dt.date) -> None:
    """Every compiled leaf of the rules on any profile and date: offers with or without each detail, none, unknown,
    issued after the day."""
    for cond in CONDITIONS:
        fused, expected = _both(cond, profile, day)
        assert fused == expected, cond.id


@settings(max_examples=examples(20), deadline=None)
@given(profiles(), as_of_dates())
def test_the_walk_with_compiled_leaves_equals_nodes_built_anew(profile: Profile, day: dt.date) -> None:
    """The evaluation through the versions' walks (their job offer leaves compiled) equals every node built anew."""
    kept, anew = both_ways(profile, day, rules())
    assert kept == anew


def _offer_profile(offer: dict[str, Any]) -> Profile:
    return profile_from_data({"name": "offer", "birth_date": "1990-01-01", "job_offer": offer})


def test_an_offer_held_to_hours_duration_province_and_wages_by_hand() -> None:
    """A condition asking 30 h/week, 12 months, Alberta or Quebec, $25.00/h and $60,000/yr, for an offer of 37.5
    h/week with no end date in Ontario at $24.50/h and $70,000/yr: the hours and duration pass, the province and the
    hourly wage fail (so the condition fails), and the words of the two that failed are the explanation."""
    cond = JobOfferCondition(id="offer", kind="job_offer", says="An offer", min_hours_per_week=30,
                             min_duration_months=12, provinces=("AB", "QC"), min_wage_hourly=25.0,
                             min_wage_annual=60000.0, occupations=Occupations(codes=("21231",)))
    profile = _offer_profile({"lmia": "positive", "noc": "21231", "hours_per_week": 37.5, "province": "ON",
                              "wage_hourly": 24.5, "wage_annual": 70000.0})
    outcome, observed, required, words, evidence, _ = explained(cond)(Measurer(Facts(profile, DAY), rules(), {}))
    assert outcome == "fail"
    assert words == "province: ON; needs AB, QC; wage_hourly: $24.50/h; needs $25.00"
    assert [(e["check"], e["outcome"]) for e in evidence] == [
        ("occupation", "pass"), ("hours", "pass"), ("duration", "pass"), ("province", "fail"),
        ("wage_hourly", "fail"), ("wage_annual", "pass")]
    assert evidence[1]["detail"] == "37.5 h/week; needs 30"
    assert evidence[2]["detail"] == "no end date; needs 12 months or more"
    assert evidence[5]["detail"] == "$70,000/yr; needs $60,000"
    assert observed["province"] == "ON" and required["provinces"] == ["AB", "QC"]



#: The kinds given a prekey with their compiled function, and the part of the profile whose absence keys them.
UNLISTED = {"language": "language_tests", "education": "education",
            "certificate_of_qualification": "certificates_of_qualification"}
PREKEYED = rule_leaves(list(UNLISTED))


@settings(max_examples=examples(40), deadline=None)
@given(first=profiles(), second=profiles(), day=as_of_dates())
def test_keyed_at_a_glance_when_nothing_is_listed(first: Profile, second: Profile, day: dt.date) -> None:
    """A language, education or certificate condition's prekey is None when the tests (the education, the
    certificates) are listed, else the key of its measure; two profiles whose tests (education, certificates) are not
    listed and keyed alike report alike (their work, which may pick the minimum, the designated body or the trades,
    kept)."""
    for cond in PREKEYED:
        kind = KINDS[cond.kind]
        assert kind.prekey is not None and kind.key is not None
        part = UNLISTED[cond.kind]
        a, b = attrs.evolve(first, **{part: UNKNOWN}), attrs.evolve(second, **{part: UNKNOWN})
        for profile in (first, a, b):
            found = kind.prekey(cond)(Measurer(Facts(profile, day), rules(), {}))
            assert (found is None) == known(getattr(profile, part))
            if found is not None:
                assert found == kind.key(cond, kind.measure(cond, Measurer(Facts(profile, day), rules(), {})))
        key_a = kind.prekey(cond)(Measurer(Facts(a, day), rules(), {}))
        if key_a == kind.prekey(cond)(Measurer(Facts(b, day), rules(), {})):
            reports = []
            for profile in (a, b):
                measured = kind.measure(cond, Measurer(Facts(profile, day), rules(), {}))
                reports.append(kind.report(cond, measured, kind.decide(cond, measured)))
            assert reports[0] == reports[1], cond.id
