"""The digest's text of objects with unknown attributes (engines/digest.py): the attributes given alone, as
``json.dumps`` writes the converter's data, whichever attribute is unknown, at the top or inside a list."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest

from eligibility.converter import unstructure
from eligibility.engines.digest import canonical_json
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import Profile, WorkEntry
from eligibility.unknown import UNKNOWN

JOB = WorkEntry(start=dt.date(2020, 1, 1), hours_per_week=37.5, country="CA", noc="21231", title="Dev",
                employer="Acme", province="ON", end=dt.date(2021, 6, 30))


def _dumped(value: Any) -> str:
    return json.dumps(unstructure(value), sort_keys=True, ensure_ascii=False, default=str)


# The attributes of text and flags (the converter itself writes no unknown date).
@pytest.mark.parametrize("name", ["title", "employer", "noc", "noc_2016", "province", "country", "paid",
                                  "hours_per_week"])
def test_a_job_with_one_attribute_unknown(name: str) -> None:
    """Each attribute of a job unknown in turn: left out, key and all; the others written as given."""
    job = attrs.evolve(JOB, **{name: UNKNOWN})
    text = canonical_json(job)
    assert text == _dumped(job)
    assert f'"{name}"' not in text and '"start": "2020-01-01"' in text


def test_unknowns_at_every_level() -> None:
    """A profile stating little (most of its facts unknown) holding jobs with unknown attributes."""
    profile = profile_from_data({"name": "Little", "birth_date": "1990-05-01"})
    jobs = (attrs.evolve(JOB, title=UNKNOWN), JOB, attrs.evolve(JOB, employer=UNKNOWN, noc=UNKNOWN))
    profile = attrs.evolve(profile, work=jobs)
    assert canonical_json(profile) == _dumped(profile)
    assert isinstance(profile, Profile)
