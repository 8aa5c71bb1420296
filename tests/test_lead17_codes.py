"""A code written as a whole number with a decimal point (``noc: 21231.0``): the profile schema accepts it (JSON
Schema's "integer" is any number without a fraction), so the loader reads it as the code, as it reads ``21231``."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import eligibility
from eligibility.cli import app

BASE = {"birth_date": "1990-01-01", "marital_status": "single"}
JOB = {"country": "CA", "start": "2020-01-01", "end": "2021-01-01", "hours_per_week": 40}


def test_a_whole_number_with_a_point_is_the_code_in_the_schema_and_in_the_loader() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    out = CliRunner().invoke(app, ["schema"]).output
    validator = jsonschema.Draft202012Validator(json.loads(out))
    data = {**BASE, "work": [{**JOB, "noc": 21231.0}],
            "job_offer": {"noc": 63200.0, "province": "BC", "hours_per_week": 40}}
    assert list(validator.iter_errors(data)) == []
    profile = eligibility.profile_from_data(data)
    assert profile.work[0].noc == "21231"
    assert profile.job_offer.noc == "63200"


@pytest.mark.parametrize(("value", "why"), [(21231.5, "expected text, found 21231.5"),
                                          (float("nan"), "expected a finite number, found nan")])
def test_a_number_with_a_fraction_is_not_a_code(value: float, why: str) -> None:
    with pytest.raises(eligibility.EligibilityError, match=rf"\$\.work\[0\]\.noc: {why}"):
        eligibility.profile_from_data({**BASE, "work": [{**JOB, "noc": value}]})
