"""The fast paths of the CRS give exactly what building everything anew gives, and the rounds table is looked
at about once a second, not for every score.

Kept factor and section results, kept step points and section sums, kept rounds answers and the rules of a
day are checked against a score computed with every kept value forgotten, on the example profiles and on
generated ones; evaluate's result is the evaluation with its score added, every field the same.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.api import evaluate, rounds_of
from eligibility.draws import met
from eligibility.draws import table as tables
from eligibility.draws.model import Round, RoundsTable
from eligibility.draws.person import ROUND_PROGRAMS, rounds_for
from eligibility.draws.update import write_atomically
from eligibility.facts import Facts
from eligibility.profile.load import load_profile
from eligibility.profile.model import Nomination, Profile
from eligibility.ranking import build, compute, plan, work_years
from eligibility.ranking.compute import crs_range, crs_result
from eligibility.render.crs import crs_data
from eligibility.unknown import UNKNOWN
from tests.strategies import as_of_dates, examples, library, profiles

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))


def _scored(profile: Profile, day: dt.date) -> str:
    """The score's JSON with its rounds (as if every Express Entry program and category were undetermined)."""
    undetermined = dict.fromkeys(ROUND_PROGRAMS, "undetermined")
    result = crs_result(profile, day, library(), rounds=rounds_of(profile, day, library(), undetermined))
    return json.dumps(crs_data(result), sort_keys=True, default=str)


def _anew(profile: Profile, day: dt.date) -> str:
    """The score's JSON with every kept plan, layout, result, point, day and round type forgotten first."""
    for kept in (plan._PLANS, build._LAYOUTS, compute._SHARED, compute._ON_DAY, met._ON_DAY, work_years._WINDOWS,
                 work_years._NO_WORK):
        kept.clear()
    return _scored(profile, day)


def _kept(profile: Profile, day: dt.date) -> str:
    """The score's JSON after scoring it once already (every kept value warm)."""
    _scored(profile, day)
    return _scored(profile, day)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_kept_crs_parts_equal_parts_built_anew_on_the_examples(path: Path) -> None:
    """Each example profile, on the days around the changes of 2016-11-19 and 2025-03-25: the same JSON."""
    profile = load_profile(path)
    for day in (dt.date(2016, 11, 18), dt.date(2016, 11, 19), dt.date(2025, 3, 24), dt.date(2025, 3, 25),
                dt.date(2026, 3, 1)):
        assert _kept(profile, day) == _anew(profile, day)


@settings(max_examples=examples(40), deadline=None)
@given(profiles(), as_of_dates())
def test_kept_crs_parts_equal_parts_built_anew(profile: Profile, day: dt.date) -> None:
    """Any profile on any day: the score built with kept parts is the one built from nothing."""
    assert _kept(profile, day) == _anew(profile, day)


@settings(max_examples=examples(40), deadline=None)
@given(profiles(), as_of_dates())
def test_the_total_alone_is_the_explained_total(profile: Profile, day: dt.date) -> None:
    """crs_range (no evidence read) gives the low and high of the explained result, or None when not encoded."""
    result = crs_result(profile, day, library(), Facts(profile, day))
    expected = (result.low, result.high) if result.status == "scored" else None
    assert crs_range(profile, day, library(), Facts(profile, day)) == expected


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_evaluate_adds_the_score_to_the_evaluation_it_made(path: Path) -> None:
    """evaluate() is the evaluation without the CRS with its score added (attrs.evolve), every field the same."""
    profile = load_profile(path)
    for day in (dt.date(2016, 11, 18), dt.date(2025, 3, 25), dt.date(2026, 3, 1)):
        plain = evaluate(profile, day, library=library(), with_crs=False)
        facts = Facts(profile, day)
        verdicts = {r.id: r.verdict for r in plain.programs}
        score = crs_result(profile, day, library(), facts, plain.receipt.profile_sha256,
                           rounds_of(profile, day, library(), verdicts, facts=facts))
        assert evaluate(profile, day, library=library()) == attrs.evolve(plain, crs=score)


VERDICTS = st.sampled_from(["eligible", "undetermined", "not_eligible", "not_in_force", None])


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(VERDICTS, min_size=len(ROUND_PROGRAMS), max_size=len(ROUND_PROGRAMS)),
       st.sampled_from([None, False, True]), st.integers(0, 1200), st.integers(0, 600), as_of_dates())
def test_kept_rounds_answers_are_the_answers_built_anew(drawn: list[str | None], nominated: bool | None, low: int,
                                                        spread: int, day: dt.date) -> None:
    """rounds_for, asked twice (the second answer kept), gives what rounds_met builds from nothing: the same rounds
    open, met or not, for any verdicts of the programs that open rounds, nomination and score."""
    verdicts = {p: v for p, v in zip(ROUND_PROGRAMS, drawn, strict=True) if v is not None}
    profile = load_profile(EXAMPLES[0])
    nomination = (None if nominated is False else Nomination("ON", day) if nominated else UNKNOWN)
    profile = attrs.evolve(profile, provincial_nomination=nomination)
    high = min(1200, low + spread)
    first = rounds_for(profile, verdicts, low, high, day)
    assert rounds_for(profile, verdicts, low, high, day) is first
    met._ON_DAY.clear()
    anew = met.rounds_met((low, high), [p for p, v in verdicts.items() if v == "eligible"], nominated, day,
                          undetermined=[p for p, v in verdicts.items() if v == "undetermined"])
    assert first == anew


def _newer(folder: Path) -> Path:
    """A cache file whose last round (2026-09-30) is after the bundled table's, written without telling anyone."""
    bundled = tables.bundled_table()
    extra = Round("445", bundled.last_round.replace(day=30), "Aviation occupations (Version 1)", "other", 900, 455)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / tables.CACHE_FILE
    path.write_text(json.dumps(RoundsTable((*bundled.rounds, extra), bundled.source,
                                           bundled.fetched.replace(month=10), "cache").data()))
    return path


@pytest.fixture
def clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """An empty cache folder, nothing looked at yet, and a clock the test moves by hand."""
    monkeypatch.setenv(tables.CACHE_ENV, str(tmp_path / "cache"))
    now = [1000.0]
    monkeypatch.setattr(tables.time, "monotonic", lambda: now[0])
    tables.forget_recent()
    return now


def test_the_files_are_looked_at_again_only_after_a_second(clock: list[float], tmp_path: Path) -> None:
    """A cache written by another process is used 1 s after the last look (RECHECK_SECONDS), not 0.999 s after."""
    assert tables.recent_table()[0].origin == "bundled"
    _newer(tmp_path / "cache")
    clock[0] += tables.RECHECK_SECONDS - 0.001
    assert tables.recent_table()[0].origin == "bundled"
    clock[0] += 0.001
    table, note = tables.recent_table()
    assert (table.origin, str(table.last_round), note) == ("cache", "2026-09-30", None)


def test_an_update_in_this_process_is_seen_at_once(clock: list[float], tmp_path: Path) -> None:
    """write_atomically (draws update) makes the next score look at the files, whatever the clock says."""
    assert tables.recent_table()[0].origin == "bundled"
    write_atomically(tables.table_from_data(json.loads(_newer(tmp_path / "other").read_text()), "x", "cache"),
                     tmp_path / "cache" / tables.CACHE_FILE)
    assert str(tables.recent_table()[0].last_round) == "2026-09-30"


def test_another_cache_folder_is_looked_at_at_once(clock: list[float], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Setting ELIGIBILITY_CACHE_DIR to a folder with a newer table: the next score uses it, in the same second."""
    assert tables.recent_table()[0].origin == "bundled"
    _newer(tmp_path / "elsewhere")
    monkeypatch.setenv(tables.CACHE_ENV, str(tmp_path / "elsewhere"))
    assert tables.recent_table()[0].origin == "cache"


def test_scoring_many_profiles_looks_at_the_files_once(clock: list[float], monkeypatch: pytest.MonkeyPatch) -> None:
    """Twenty scores with their rounds within the same second: the table files are looked at once, not 40 times."""
    looked: list[int] = []
    current = tables.current_table

    def counted() -> tuple[RoundsTable, str | None]:
        looked.append(1)
        return current()

    monkeypatch.setattr(tables, "current_table", counted)
    profile, day = load_profile(EXAMPLES[0]), dt.date(2026, 3, 1)
    for _ in range(20):
        crs_result(profile, day, library(), rounds=rounds_of(profile, day, library()))
    assert len(looked) == 1
