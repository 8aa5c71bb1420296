"""A version whose every leaf is keyed without measuring keeps the program's result by all its leaves' keys
together (``evaluator.walk``): a profile whose keys were all met before gets that result itself, one whose keys
differ gets its own, and each equals the result built node by node anew."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
from hypothesis import given, settings

from eligibility.api import rules
from eligibility.converter import unstructure
from eligibility.documents import read_document
from eligibility.engines.run import library_plan
from eligibility.evaluator.engine import evaluate_program
from eligibility.facts import Facts
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import Profile
from eligibility.unknown import UNKNOWN
from tests.strategies import as_of_dates, examples, profiles
from tests.test_evaluation_paths import both_ways, plain_way

ROOT = Path(__file__).resolve().parents[1]
DAY = dt.date(2026, 3, 1)
#: A program of declarations, verdicts of other programs, the age and the work history alone.
STEM = "category/stem"


def _results(profile: Profile, day: dt.date) -> dict[str, object]:
    """Every program's result on ``day``, in evaluation order (the walk of each version, twice over)."""
    lib = rules()
    found: dict[str, object] = {}
    for _ in range(3):
        facts, verdicts = Facts(profile, day), {}
        for pid in library_plan(lib).needed(frozenset(lib.programs)):
            result = found[pid] = evaluate_program(lib.programs[pid], facts, lib, verdicts)
            verdicts[pid] = result.verdict  # type: ignore[attr-defined]
    return found


def _plain(profile: Profile, day: dt.date, pid: str) -> object:
    lib = rules()
    facts, verdicts = Facts(profile, day), {}
    result = None
    for needed in library_plan(lib).needed(frozenset(lib.programs)):
        result = evaluate_program(lib.programs[needed], facts, lib, verdicts, plain_way)
        verdicts[needed] = result.verdict
        if needed == pid:
            return result
    raise AssertionError(pid)


def test_the_same_keys_give_the_same_result_and_other_keys_another() -> None:
    """Two profiles alike in everything the STEM category's conditions read (no work listed, the same birth date,
    declarations and other verdicts) but for their names and funds get one result, the same object; a third whose
    work history is unknown gets another, and each equals the result built anew."""
    base = profile_from_data(read_document(ROOT / "profiles" / "ayesha-software-engineer.yaml"))
    first = attrs.evolve(base, work=(), name="first")
    second = attrs.evolve(base, work=(), name="second", funds_cad=1.0)
    unknown = attrs.evolve(base, work=UNKNOWN)
    one, two, three = (_results(p, DAY)[STEM] for p in (first, second, unknown))
    assert one is two
    assert one != three
    for profile, result in ((first, one), (second, two), (unknown, three)):
        assert unstructure(result) == unstructure(_plain(profile, DAY, STEM))
    # STEM's work condition with no work listed fails (no hours in its window), with the history unknown it is
    # undetermined: the verdicts say which result each got.
    assert one.verdict == "not_eligible"  # type: ignore[attr-defined]
    assert "experience" in one.message  # type: ignore[attr-defined]


@settings(max_examples=examples(30), deadline=None)
@given(first=profiles(), second=profiles(), day=as_of_dates())
def test_results_found_whole_equal_results_built_anew(first: Profile, second: Profile, day: dt.date) -> None:
    """Generated profiles without work or offer (so that more versions are found whole), one after the other."""
    lib = rules()
    for profile in (first, second, attrs.evolve(first, work=(), job_offer=None),
                    attrs.evolve(second, work=UNKNOWN, job_offer=UNKNOWN)):
        kept, anew = both_ways(profile, day, lib)
        assert kept == anew
