"""The digest's writers (engines/digest.py) take a short way when every flag of an object holds its default, and
write a positive finite float's text kept by value: the text is still ``json.dumps`` of the converter's data, for
flags holding their defaults or not (or values of other types), and for any float (zero of either sign, NaN, the
infinities, the smallest and largest)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.converter import unstructure
from eligibility.engines import digest
from eligibility.engines.digest import canonical_json
from eligibility.profile.model import Education, JobOffer, WorkEntry
from eligibility.unknown import UNKNOWN
from tests.strategies import examples

FLAGS = ("paid", "self_employed", "full_time_student", "authorized", "publicly_funded")
ODD_FLAGS = st.sampled_from((True, False, True, False, 1, 0, None, "yes", UNKNOWN))
FLOATS = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                   st.sampled_from((0.0, -0.0, 40.0, 37.5, 5e-324, 1.7976931348623157e308, 1e16, 0.1)))


def _dumped(value: Any) -> str:
    return json.dumps(unstructure(value), sort_keys=True, ensure_ascii=False, default=str)


@settings(max_examples=examples(150), deadline=None)
@given(flags=st.fixed_dictionaries(dict.fromkeys(FLAGS, ODD_FLAGS)), hours=FLOATS,
       noc=st.sampled_from(("21231", None)), end=st.sampled_from((None, dt.date(2021, 6, 30))))
def test_a_job_with_any_flags_and_hours(flags: dict[str, Any], hours: float, noc: str | None,
                                        end: dt.date | None) -> None:
    job = WorkEntry(start=dt.date(2020, 1, 1), hours_per_week=hours, country="CA", noc=noc, end=end, **flags)
    assert canonical_json(job) == _dumped(job)
    assert canonical_json((job, job)) == _dumped((job, job))


def test_a_job_with_its_flags_at_their_defaults_by_hand() -> None:
    """The usual job (paid, authorized, not self-employed, not a student, not publicly funded), written by hand."""
    job = WorkEntry(start=dt.date(2020, 1, 1), hours_per_week=37.5, country="CA", noc="21231", title="Dev",
                    employer="Acme", province="ON", end=dt.date(2021, 6, 30))
    assert canonical_json(job) == (
        '{"authorized": true, "country": "CA", "employer": "Acme", "end": "2021-06-30", "full_time_student": false, '
        '"hours_per_week": 37.5, "noc": "21231", "noc_2016": null, "paid": true, "province": "ON", '
        '"publicly_funded": false, "self_employed": false, "start": "2020-01-01", "title": "Dev"}')
    unpaid = attrs.evolve(job, paid=False)
    assert '"paid": false' in canonical_json(unpaid) and canonical_json(unpaid) == _dumped(unpaid)


@settings(max_examples=examples(60), deadline=None)
@given(full_time=ODD_FLAGS, seasonal=ODD_FLAGS, wage=FLOATS)
def test_other_classes_with_flags(full_time: Any, seasonal: Any, wage: float) -> None:
    education = Education(level="bachelors", country="CA", years=4, full_time=full_time)
    offer = JobOffer(noc="21231", seasonal=seasonal, wage_hourly=wage, hours_per_week=wage)
    assert canonical_json(education) == _dumped(education)
    assert canonical_json(offer) == _dumped(offer)


def test_zero_of_either_sign_is_not_taken_for_the_other() -> None:
    """0.0 and -0.0 are equal (one key of a dict): neither is kept, each written as it is."""
    jobs = [WorkEntry(start=dt.date(2020, 1, 1), hours_per_week=h, country="CA") for h in (0.0, -0.0, 0.0, -0.0)]
    assert [canonical_json(j).count('"hours_per_week": -0.0') for j in jobs] == [0, 1, 0, 1]


def test_floats_past_the_bound_are_written_and_not_kept() -> None:
    """Once FLOATS_KEPT texts are kept, a new float is written all the same, and not kept."""
    kept = digest._NAMES["FT"]
    assert isinstance(kept, dict)
    saved = dict(kept)
    try:
        kept.clear()
        kept.update({float(n) + 0.5: "wrong" for n in range(digest.FLOATS_KEPT)})  # full (no real text is "wrong")
        job = WorkEntry(start=dt.date(2020, 1, 1), hours_per_week=12.25, country="CA")
        assert '"hours_per_week": 12.25' in canonical_json(job)
        assert 12.25 not in kept and len(kept) == digest.FLOATS_KEPT
    finally:
        kept.clear()
        kept.update(saved)
