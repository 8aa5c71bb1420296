"""The CRS's cheaper paths of the ninth session (docs/performance.md, CRS): the factors settled by the spouse made
without ``attrs.evolve``, each kind of job's exclusion kept per rules, and a language's last measure named in its
reading's own evidence items."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.api import evaluate
from eligibility.facts import Facts
from eligibility.measure.work_rows import excluded_because, work_table
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import Profile
from eligibility.ranking.build import layout
from eligibility.ranking.compute import on_day, score_on, settled_by_spouse
from eligibility.ranking.measures import DESIGNATED, LANGUAGE
from eligibility.ranking.plan import plan
from eligibility.ranking.reading import Reading
from eligibility.ranking.score import score_again, score_plan
from eligibility.ranking.work_years import CANADIAN_EXCLUDED, FOREIGN_EXCLUDED, SPOUSE_EXCLUDED, _reasons
from eligibility.result import FactorScore
from tests.strategies import library, profiles

DAY = dt.date(2026, 3, 1)


def _factor(low: int, high: int, settled_by: tuple[str, ...] = ()) -> FactorScore:
    return FactorScore("core.age", "core", "Age", low, high, 110, {"age": None}, (), (), settled_by, True)


def test_a_factor_spanning_a_range_with_nothing_to_settle_it_is_settled_by_the_spouse() -> None:
    """MI s. 1: whether a spouse counts decides the column. A factor that spans a range and names no path of its own
    names ``$.spouse``; one that is exact, or already names its own paths, is left as it is (the same object)."""
    exact, spanning, own = _factor(20, 20), _factor(100, 110), _factor(0, 110, ("$.birth_date",))
    found = settled_by_spouse((exact, spanning, own))
    assert found[0] is exact and found[2] is own
    assert found[1].settled_by == ("$.spouse",)
    assert (found[1].low, found[1].high) == (100, 110)
    # The same value as attrs.evolve gives, its fields in the class's order (what ``vars``, ``repr`` and pickling
    # read), and a new object: the one passed in is not changed.
    expected = attrs.evolve(spanning, settled_by=("$.spouse",))
    assert found[1] == expected
    assert list(vars(found[1]).items()) == list(vars(expected).items())
    assert spanning.settled_by == ()


def _job(country: str, **flags: object) -> dict[str, object]:
    return {"title": "Cook", "noc": "63200", "country": country, "start": "2022-01-01", "end": "2024-12-31",
            "hours_per_week": 40, **flags}


def _with_jobs(*jobs: dict[str, object]) -> Profile:
    return profile_from_data({"name": "Jobs", "birth_date": "1990-01-01", "marital_status": "single",
                              "work": list(jobs)})


def test_each_kind_of_job_is_excluded_by_the_crs_rules_whoever_holds_it() -> None:
    """MI: Canadian work excludes self-employment, work while a full-time student and (as every count) unpaid and
    unauthorized work; foreign work is abroad and paid. Two people whose jobs are of the same kinds get the same
    reasons (the second finds the first's kept)."""
    for _ in range(2):
        facts = Facts(_with_jobs(_job("CA"), _job("IN", paid=False), _job("CA", self_employed=True),
                                 _job("FR")), DAY)
        table = work_table(facts, "applicant")
        assert table is not None
        assert list(_reasons(table, "canada", CANADIAN_EXCLUDED)) == [
            None, "not in Canada", "self-employed", "not in Canada"]
        assert list(_reasons(table, "abroad", FOREIGN_EXCLUDED)) == [
            "in Canada, and only work abroad counts", "unpaid", "in Canada, and only work abroad counts", None]


@settings(max_examples=150, deadline=None)
@given(profiles())
def test_the_kept_reasons_are_those_of_each_job(profile: Profile) -> None:
    """Any profile, each of the CRS's three rules, twice: every row's reason is ``excluded_because``'s for its job."""
    facts = Facts(profile, DAY)
    for person, rules in (("applicant", (("canada", CANADIAN_EXCLUDED), ("abroad", FOREIGN_EXCLUDED))),
                          ("spouse", (("canada", SPOUSE_EXCLUDED),))):
        table = work_table(facts, person)  # type: ignore[arg-type]
        if table is None:
            continue
        for location, exclude in rules:
            for _ in range(2):
                assert list(_reasons(table, location, exclude)) == [  # type: ignore[arg-type]
                    excluded_because(row.entry, location, exclude) for row in table.rows]  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(profiles())
def test_each_evidence_item_names_the_measure_of_its_factor(profile: Profile) -> None:
    """Any profile: every evidence item of a factor names one of the measures that factor reads, and an item of one
    measure is never the same object as an item of another (the language's items named in place for its last
    measure, copies for the others)."""
    lib = library()
    rules = lib.crs["crs"]
    version = on_day(rules, DAY).version
    assert version is not None
    result = evaluate(profile, DAY, library=lib).crs
    assert result is not None and result.status == "scored"
    shape = layout(rules, score_on(profile, version, Facts(profile, DAY)).plans)
    named: dict[int, str] = {}
    for static, factor in zip(shape.factors, result.factors, strict=True):
        measures = {m for m in static[7:] if m is not None}
        for item in factor.evidence:
            assert item["measure"] in measures, (factor.id, item)
            assert named.setdefault(id(item), item["measure"]) == item["measure"], (factor.id, item)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_score_again_for_another_designation_is_the_score_of_its_readings(data: st.DataObject) -> None:
    """Every version, both spouse cases, levels exact or spans: the score of readings whose designated languages
    changed, made from the score before the change (``score_again``), is the score of those readings made whole
    (``score_plan``), every step, part and section."""
    version = data.draw(st.sampled_from(list(library().crs["crs"].versions)))
    p = plan(version, data.draw(st.booleans()))
    level = st.one_of(st.integers(0, 14).map(lambda x: (x, x)),
                      st.tuples(st.integers(0, 14), st.integers(0, 4)).map(lambda t: (t[0], t[0] + t[1])))

    def reading() -> Reading:
        return Reading(data.draw(level), None, (), (), tuple(data.draw(level) for _ in range(4)))
    readings = {m: reading() for m in {*p.measures, *LANGUAGE}}
    before = score_plan(p, readings)
    for m in DESIGNATED:
        readings[m] = reading()
    assert score_again(p, readings, before) == score_plan(p, readings)
