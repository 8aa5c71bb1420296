"""The CRS's compiled code: a plan's score written out per step (``score._compiled``) gives every step the points
``step_points`` gives it over every level its measures may have, and every section the sum ``_section`` adds up;
the factors built without calling their class (``build._compiled``) equal factors built by it, field by field and
in the order of their fields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.api import evaluate
from eligibility.profile.load import load_profile
from eligibility.ranking.measures import LANGUAGE
from eligibility.ranking.plan import plan
from eligibility.ranking.reading import Reading
from eligibility.ranking.score import NONE, _section, score_plan, step_points
from eligibility.result import CrsResult, FactorScore
from tests.strategies import library

ROOT = Path(__file__).resolve().parents[1]


def _versions() -> list[object]:
    return list(library().crs["crs"].versions)


_span = st.tuples(st.integers(0, 14), st.integers(0, 4)).map(lambda t: (t[0], t[0] + t[1]))
_exact = st.integers(0, 14).map(lambda level: (level, level))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_compiled_score_gives_each_step_its_points_over_every_level(data: st.DataObject) -> None:
    """Every version, both spouse cases, levels exact or spans: each step's points are ``step_points``', each
    section's parts and subtotal ``_section``'s, the total the sum of the subtotals."""
    version = data.draw(st.sampled_from(_versions()))
    with_spouse = data.draw(st.booleans())
    p = plan(version, with_spouse)
    readings = {}
    for m in {*p.measures, *LANGUAGE}:
        level = st.one_of(_exact, _span)
        readings[m] = Reading(data.draw(level), None, (), (), tuple(data.draw(level) for _ in range(4)))
    scored = score_plan(p, readings)
    for i, s in enumerate(p.steps):
        assert scored.factors[i] == (step_points(s, readings) if s.applies else NONE), s.id
    for si, (_, shape, _) in enumerate(p.adding):
        assert (scored.parts[si], scored.sections[si]) == _section(shape, scored.factors)
    assert (scored.low, scored.high) == (sum(s[0] for s in scored.sections), sum(s[1] for s in scored.sections))


def test_factors_and_results_made_without_their_class_equal_those_made_by_it() -> None:
    """Each example profile on days of three versions: every factor and the result equal the same fields passed to
    the class, with the fields in the class's order (what ``vars``, ``repr`` and pickling read)."""
    for path in sorted((ROOT / "profiles").glob("*.yaml")):
        profile = load_profile(path)
        for day in (dt.date(2016, 11, 19), dt.date(2025, 3, 25), dt.date(2026, 3, 1)):
            crs = evaluate(profile, day, library=library()).crs
            assert crs is not None
            for f in (*crs.factors, crs):
                cls = type(f)
                assert cls in (FactorScore, CrsResult)
                fields = [a.name for a in attrs.fields(cls)]
                again = cls(**{name: getattr(f, name) for name in fields})
                assert again == f
                assert repr(again) == repr(f)
                assert list(vars(f)) == fields
