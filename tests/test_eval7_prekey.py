"""A node found by a key worked out without measuring, when the profile gives one at a glance (``Kind.prekey``: no
work history listed or no job begun yet, no job offer): every profile with the same key reports the same, and
the evaluation gives exactly what it gives with every node built anew."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.api import rules
from eligibility.documents import read_document
from eligibility.facts import Facts
from eligibility.kinds import KINDS
from eligibility.measure.context import Measurer
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import JobOffer, Profile, WorkEntry
from eligibility.rulebook.model import Leaf
from eligibility.unknown import UNKNOWN
from tests.strategies import as_of_dates, examples, profiles
from tests.support import rule_leaves
from tests.test_evaluation_paths import both_ways

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))
PREKEYED = sorted(name for name, kind in KINDS.items() if kind.prekey is not None)
CONDITIONS = rule_leaves(PREKEYED)
DAY = dt.date(2026, 3, 1)


def _example(name: str) -> Profile:
    return profile_from_data(read_document(ROOT / "profiles" / name))


def _prekey(cond: Leaf, profile: Profile, day: dt.date) -> object:
    prekey = KINDS[cond.kind].prekey
    assert prekey is not None
    return prekey(cond)(Measurer(Facts(profile, day), rules(), {}))


def _report(cond: Leaf, profile: Profile, day: dt.date) -> object:
    kind = KINDS[cond.kind]
    measured = kind.measure(cond, Measurer(Facts(profile, day), rules(), {}))
    return kind.report(cond, measured, kind.decide(cond, measured))


def test_the_kinds_keyed_at_a_glance() -> None:
    """Work experience, job offers, language, education and certificates, each with conditions in the rules for the
    properties below to read."""
    assert PREKEYED == ["certificate_of_qualification", "education", "job_offer", "language", "work_experience"]
    assert {c.kind for c in CONDITIONS} == set(PREKEYED)


def test_no_job_begun_reads_no_hours_in_the_window_of_the_day() -> None:
    """FSW's skilled work as of 2026-03-01 with no job begun: no hours in the ten years before the day (IRPR s.
    75(2)(a): one year of continuous full-time work in the 10 years before applying), no occupation, no job
    to list; the same for a profile listing no job and one whose only job starts on the day itself."""
    fsw = next(c for c in CONDITIONS if c.id == "skilled-work" and "teer" in repr(c))
    base = _example("ayesha-software-engineer.yaml")
    job = base.work[0]
    later = attrs.evolve(base, work=(attrs.evolve(job, start=DAY, end=None),))
    for profile in (attrs.evolve(base, work=()), later):
        assert _prekey(fsw, profile, DAY) == DAY
        found = _report(fsw, profile, DAY)
        assert found.outcome == "fail"  # type: ignore[attr-defined]
        assert found.observed == {"hours": 0.0, "occupation": None}  # type: ignore[attr-defined]
        assert found.evidence == ()  # type: ignore[attr-defined]
        assert found.explanation == ("0 h in TEER 0, 1, 2, 3 (longest continuous run) between 2016-03-01 and "  # type: ignore[attr-defined]
                                     "2026-02-28; 1,560 h needed")
    # A job begun the day before is measured (a day of work to count).
    begun = attrs.evolve(base, work=(attrs.evolve(job, start=DAY - dt.timedelta(1), end=None),))
    assert _prekey(fsw, begun, DAY) is None
    # An unknown history is keyed as the measure's own key says.
    assert _prekey(fsw, attrs.evolve(base, work=UNKNOWN), DAY) == ()


def test_an_offer_is_measured_and_no_offer_is_keyed() -> None:
    """With an offer the condition is measured; without one (none, unknown, or issued after the day) the key is
    the measure's own key: whether the profile says, and why the offer does not count yet."""
    base = _example("ayesha-software-engineer.yaml")
    offer = JobOffer(noc="21231", lmia="approved", issued=dt.date(2026, 5, 1))
    for cond in (c for c in CONDITIONS if c.kind == "job_offer"):
        # An offer that must be in the trade of the experience (FST) is keyed with the trades too: Ayesha, a
        # software engineer, has none.
        def keyed(base_key: object, cond: object = cond) -> object:
            return base_key if getattr(cond, "same_occupation_as", None) is None else (base_key, ())
        assert _prekey(cond, attrs.evolve(base, job_offer=None), DAY) == keyed((True, None))
        assert _prekey(cond, attrs.evolve(base, job_offer=UNKNOWN), DAY) == keyed((False, None))
        assert _prekey(cond, attrs.evolve(base, job_offer=offer), DAY) == keyed((
            True, "the job offer was issued on 2026-05-01, after 2026-03-01: it did not exist yet"))
        assert _prekey(cond, attrs.evolve(base, job_offer=offer), dt.date(2026, 5, 1)) is None


def _glance(profile: Profile, day: dt.date, work: str, offer: str) -> Profile:
    """The profile with no job begun by ``day`` (none listed, or each moved to start on or after it) or an unknown
    history, and no offer, an unknown one or one issued after the day."""
    jobs = {"kept": profile.work, "none": (), "unknown": UNKNOWN}.get(work)
    if work == "later" and isinstance(profile.work, tuple):
        jobs = tuple(attrs.evolve(w, start=day + dt.timedelta(i), end=None) for i, w in enumerate(profile.work))
    elif work == "later":
        jobs = (WorkEntry(title="Cook", start=day, hours_per_week=40, noc="63200", country="CA"),)
    offers = {"kept": profile.job_offer, "none": None, "unknown": UNKNOWN,
              "later": JobOffer(noc="63200", lmia="approved", issued=day + dt.timedelta(30))}
    return attrs.evolve(profile, work=jobs, job_offer=offers[offer])


GLANCES = st.tuples(st.sampled_from(["kept", "none", "later", "unknown"]),
                    st.sampled_from(["kept", "none", "later", "unknown"]))


@settings(max_examples=examples(40), deadline=None)
@given(first=profiles(), second=profiles(), day=as_of_dates(), glances=st.lists(GLANCES, min_size=2, max_size=2))
def test_the_same_key_reports_the_same(first: Profile, second: Profile, day: dt.date,
                                       glances: list[tuple[str, str]]) -> None:
    """Two profiles that the same condition keys alike at a glance have the same report, and a key of a job offer
    is the key of its measure."""
    a, b = _glance(first, day, *glances[0]), _glance(second, day, *glances[1])
    for cond in CONDITIONS:
        key_a, key_b = _prekey(cond, a, day), _prekey(cond, b, day)
        if key_a is not None and key_a == key_b:
            assert _report(cond, a, day) == _report(cond, b, day), cond.id
        kind = KINDS[cond.kind]
        if key_a is not None and cond.kind == "job_offer":
            assert kind.key is not None
            assert kind.key(cond, kind.measure(cond, Measurer(Facts(a, day), rules(), {}))) == key_a


@settings(max_examples=examples(25), deadline=None)
@given(first=profiles(), second=profiles(), day=as_of_dates(), glances=st.lists(GLANCES, min_size=2, max_size=2))
def test_nodes_found_by_a_glance_equal_nodes_built_anew(first: Profile, second: Profile, day: dt.date,
                                                        glances: list[tuple[str, str]]) -> None:
    """Each profile's evaluation, its nodes found by key (the second profile finding those the first kept), equals
    the evaluation with every node built anew."""
    lib = rules()
    for profile, glance in ((first, glances[0]), (second, glances[1])):
        kept, anew = both_ways(_glance(profile, day, *glance), day, lib)
        assert kept == anew


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_examples_without_jobs_or_offer(path: Path) -> None:
    """Each example profile with no job listed and no offer, then with an unknown history and offer."""
    profile = profile_from_data(read_document(path))
    for work, offer in (("none", "none"), ("unknown", "unknown"), ("later", "later")):
        kept, anew = both_ways(_glance(profile, DAY, work, offer), DAY, rules())
        assert kept == anew
