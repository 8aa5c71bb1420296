"""The verdict-only evaluation (``evaluate_verdicts``, behind ``batch --verdicts-only``) gives exactly the full
evaluation's verdicts: on the example profiles and the ruleset cases' profiles on many dates, on generated
profiles, on every outcome of not / at_least, and when a kind's decision changes."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.api import rules
from eligibility.batch.run import evaluate_chunk
from eligibility.documents import read_document
from eligibility.engines.run import evaluate, evaluate_verdicts
from eligibility.errors import UsageError
from eligibility.facts import Facts
from eligibility.kinds import KINDS
from eligibility.kinds.base import Decision
from eligibility.measure.work import measure_work
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import Profile
from eligibility.rulebook.library import CASES_SUFFIX, Library, load_library
from eligibility.rulebook.model import WorkExperienceCondition
from tests.strategies import BOUNDARIES, FIRST_AS_OF, LAST_AS_OF, as_of_dates, examples, profile_data, profiles
from tests.test_logic import PROGRAM as PROBE
from tests.test_logic import VALUES, declared

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))
#: Each day on which a rule, list or table changes, the day before it, and the first of every quarter.
DAYS = sorted({*BOUNDARIES, *(d - dt.timedelta(days=1) for d in BOUNDARIES),
               *(dt.date(y, m, 1) for y in range(FIRST_AS_OF.year, LAST_AS_OF.year + 1) for m in (1, 4, 7, 10)
                 if FIRST_AS_OF <= dt.date(y, m, 1) <= LAST_AS_OF)})


def full_verdicts(profile: Profile, day: dt.date, library: Library,
                  programs: set[str] | None = None) -> dict[str, str]:
    """The verdicts of the full evaluation, in its order of programs."""
    return {p.id: p.verdict for p in evaluate(profile, day, library, programs).programs}


def case_profiles() -> list[tuple[str, dict[str, Any], dt.date]]:
    """The profile and date of every case beside a ruleset."""
    found = []
    for path in sorted((ROOT / "rulesets").rglob(f"*{CASES_SUFFIX}")):
        for case in read_document(path)["cases"]:
            found.append((f"{path.name}: {case['name']}", case["profile"], dt.date.fromisoformat(str(case["as_of"]))))
    return found


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_profiles_on_many_days(path: Path) -> None:
    """Each example profile, on every rule-change day, the day before and each quarter: the same verdicts."""
    library = rules()
    profile = profile_from_data(read_document(path), str(path))
    for day in DAYS:
        verdicts = evaluate_verdicts(profile, day, library)
        assert list(verdicts.items()) == list(full_verdicts(profile, day, library).items()), day


def test_ruleset_cases_profiles_on_their_day_and_the_day_before() -> None:
    """Every ruleset case's profile, on its as-of date and the day before, for all programs: the same verdicts."""
    library = rules()
    cases = case_profiles()
    assert len(cases) > 1000
    for name, data, day in cases:
        profile = profile_from_data(data, name)
        for when in (day, day - dt.timedelta(days=1)):
            assert evaluate_verdicts(profile, when, library) == full_verdicts(profile, when, library), (name, when)


@settings(max_examples=examples(40))
@given(profile=profiles(), days=st.lists(as_of_dates(), min_size=1, max_size=4))
def test_generated_profiles(profile: Profile, days: list[dt.date]) -> None:
    """A generated profile on a few dates: the same verdicts as the full evaluation."""
    library = rules()
    for day in days:
        assert evaluate_verdicts(profile, day, library) == full_verdicts(profile, day, library), day


@settings(max_examples=examples(15))
@given(profile=profiles(), day=as_of_dates(), programs=st.sets(st.sampled_from(sorted(rules().programs)), min_size=1,
                                                              max_size=3))
def test_a_selection_of_programs(profile: Profile, day: dt.date, programs: set[str]) -> None:
    """Asked for a few programs: those programs alone, with the verdicts the full evaluation gives them."""
    library = rules()
    verdicts = evaluate_verdicts(profile, day, library, programs)
    assert list(verdicts) == sorted(programs)
    assert verdicts == full_verdicts(profile, day, library, programs)


def test_an_unknown_program_is_a_usage_error() -> None:
    """An unknown program id is refused as by the full evaluation."""
    with pytest.raises(UsageError, match="no-such/program"):
        evaluate_verdicts(profile_from_data({"name": "a"}), dt.date(2026, 3, 1), rules(), {"no-such/program"})


@pytest.fixture(scope="module")
def probe_rules(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The logic probe library of tests/test_logic.py (a `not` and an `at_least: 2 of 3`)."""
    root = tmp_path_factory.mktemp("rules")
    (root / "logic").mkdir()
    (root / "logic" / "probe.yaml").write_text(PROBE, encoding="utf-8")
    return load_library(root)


@pytest.mark.parametrize("row", list(itertools.product(VALUES, repeat=4)))
def test_every_outcome_of_not_and_at_least(probe_rules: Library, row: tuple[Any, ...]) -> None:
    """The probe program under every outcome of its four declarations: the same verdict."""
    a, b, c, d = row
    profile = profile_from_data({"name": "probe", "declarations": declared(a=a, b=b, c=c, d=d)})
    day = dt.date(2025, 1, 1)
    assert evaluate_verdicts(profile, day, probe_rules) == full_verdicts(profile, day, probe_rules)


def test_a_changed_decision_changes_both(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the work experience kind decides otherwise (always fail), both evaluations see it: the decision is one
    function (the kinds with a compiled outcome are held to their decision by tests/test_verdict_outcomes.py)."""
    profile = profile_from_data(read_document(ROOT / "profiles" / "ayesha-software-engineer.yaml"))
    day = dt.date(2026, 3, 1)
    library = rules()
    before = full_verdicts(profile, day, library)
    assert evaluate_verdicts(profile, day, library) == before and before["express-entry/fsw"] == "eligible"
    monkeypatch.setitem(KINDS, "work_experience", attrs.evolve(KINDS["work_experience"],
                                                               decide=lambda c, m: Decision("fail")))
    patched = load_library()  # a library of its own, compiled from the patched kind on first use
    after = full_verdicts(profile, day, patched)
    assert after["express-entry/fsw"] == "not_eligible"
    assert evaluate_verdicts(profile, day, patched) == after


def _work_conditions(library: Library) -> list[WorkExperienceCondition]:
    found: list[WorkExperienceCondition] = []

    def walk(conditions: tuple[Any, ...]) -> None:
        for c in conditions:
            if isinstance(c, WorkExperienceCondition):
                found.append(c)
            walk(getattr(c, "children", None) or ())

    for program in library.programs.values():
        for version in program.versions:
            walk(version.conditions)
    return found


@settings(max_examples=examples(30))
@given(profile=profiles(), day=as_of_dates())
def test_work_measured_without_evidence(profile: Profile, day: dt.date) -> None:
    """Every work condition measured for verdicts alone: the same hours and occupations, only the evidence left out."""
    facts = Facts(profile, day)
    for c in _work_conditions(rules()):
        assert measure_work(c, facts, explain=False) == attrs.evolve(measure_work(c, facts), evidence=())


def _chunk(data: list[dict[str, Any]], day: dt.date, verdicts_only: bool) -> list[tuple[bool, bytes]]:
    lines = [json.dumps(d, default=str).encode("utf-8") for d in data]
    return evaluate_chunk(list(enumerate(lines, start=1)), day, rules(), None, verdicts_only).lines


def _without_result(line: bytes) -> bytes:
    record = json.loads(line)
    record.pop("result", None)
    return json.dumps(record, separators=(",", ":"), ensure_ascii=False).encode("utf-8") + b"\n"


@pytest.mark.parametrize("day", [BOUNDARIES[-1] - dt.timedelta(days=1), BOUNDARIES[-1], dt.date(2026, 11, 30)])
def test_batch_lines_are_the_full_lines_without_the_result(day: dt.date) -> None:
    """batch --verdicts-only writes, byte for byte, the line the full batch writes less its result (same CRS)."""
    data = [{**read_document(p), "id": p.stem} for p in EXAMPLES] + [{"id": "bad", "children": -1}]
    short, full = _chunk(data, day, True), _chunk(data, day, False)
    assert [ok for ok, _ in short] == [ok for ok, _ in full] == [True] * len(EXAMPLES) + [False]
    assert [line for _, line in short] == [_without_result(line) for _, line in full]
    assert all(b'"crs":' in line for _, line in short[:-1])


@settings(max_examples=examples(15))
@given(data=st.lists(profile_data(), min_size=1, max_size=3), day=as_of_dates())
def test_batch_lines_of_generated_profiles(data: list[dict[str, Any]], day: dt.date) -> None:
    """Generated rows: the --verdicts-only lines are the full lines without their result."""
    short, full = _chunk(data, day, True), _chunk(data, day, False)
    assert [line for _, line in short] == [_without_result(line) for _, line in full]


def test_the_public_verdicts_function_equals_evaluate() -> None:
    """``eligibility.verdicts`` gives ``evaluate``'s verdicts, in its order, from a file or a Profile; a subset of
    programs comes in evaluation order; an unknown program is refused with a "did you mean", and a bad file with
    its problems, as ``evaluate`` does."""
    import eligibility

    library = rules()
    for path in EXAMPLES:
        expected = {p.id: p.verdict for p in eligibility.evaluate(path, "2026-03-01", library=library).programs}
        assert list(eligibility.verdicts(path, "2026-03-01", library=library).items()) == list(expected.items())
        profile = eligibility.load_profile(path)
        assert eligibility.verdicts(profile, dt.date(2026, 3, 1), library=library) == expected
    ayesha = ROOT / "profiles" / "ayesha-software-engineer.yaml"
    assert eligibility.verdicts(ayesha, "2026-03-01", ["express-entry/cec", "express-entry/fsw"]) == {
        "express-entry/fsw": "eligible", "express-entry/cec": "not_eligible"}
    assert list(eligibility.verdicts(ayesha, "2026-03-01", ["express-entry/cec", "express-entry/fsw"])) == [
        p.id for p in eligibility.evaluate(ayesha, "2026-03-01", ["express-entry/fsw", "express-entry/cec"]).programs]
    with pytest.raises(UsageError, match="did you mean 'express-entry/fsw'"):
        eligibility.verdicts(ayesha, "2026-03-01", ["express-entry/fws"])
    with pytest.raises(eligibility.InputError, match=r"\$\.birth_date"):
        eligibility.verdicts(ROOT / "tests" / "fixtures" / "bad_profiles" / "future-birth.yaml", "2026-03-01")


def test_the_references_read_are_those_the_rulebook_resolves() -> None:
    """The verdict-only evaluation measures (rather than counts the hours of) exactly the work conditions another
    condition reads: its list of reference fields is the rulebook's, and FSW's skilled work is among them."""
    from eligibility.evaluator.plan import version_on
    from eligibility.evaluator.verdict import SOURCES, read_by_others
    from eligibility.rulebook.structure import RESOLVED

    assert set(SOURCES) == set(RESOLVED.values())
    fsw = rules().programs["express-entry/fsw"]
    version = version_on(fsw, dt.date(2026, 3, 1))
    assert version is not None
    work = [c for c in version.conditions if isinstance(c, WorkExperienceCondition)]
    assert [c.id for c in work] == ["skilled-work"] and read_by_others(version) == {id(work[0])}
