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
from eligibility.dates import window
from eligibility.draws import met
from eligibility.draws import table as tables
from eligibility.draws.model import Round, RoundsTable
from eligibility.draws.person import ROUND_PROGRAMS, rounds_for
from eligibility.draws.update import write_atomically
from eligibility.engines.run import evaluate as engine_evaluate
from eligibility.facts import Facts, Person
from eligibility.facts import TestFact as _TestFact  # named apart: pytest would collect a "Test..." class
from eligibility.measure.work import select_rows, work_table
from eligibility.profile.load import load_profile, profile_from_data
from eligibility.profile.model import LanguageTest, Nomination, Profile
from eligibility.ranking import build, compute, plan, work_years
from eligibility.ranking.compute import crs_range, crs_result
from eligibility.ranking.languages import read_language, read_languages
from eligibility.ranking.measures import CANADIAN_EXCLUDED, FOREIGN_EXCLUDED, SPOUSE_EXCLUDED
from eligibility.ranking.reading import Reading, reading_of
from eligibility.render.crs import crs_data
from eligibility.rulebook.model import Exclusion, Location
from eligibility.unknown import UNKNOWN
from eligibility.work import HOURS_PER_YEAR, sweep
from tests.strategies import as_of_dates, drawn_profile_data, examples, library, profiles

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


WORK_MEASURES: tuple[tuple[Person, Location, tuple[Exclusion, ...], str, str], ...] = (
    ("applicant", "canada", CANADIAN_EXCLUDED, "canadian_work_years", "$.work"),
    ("applicant", "abroad", FOREIGN_EXCLUDED, "foreign_work_years", "$.work"),
    ("spouse", "canada", SPOUSE_EXCLUDED, "spouse_canadian_work_years", "$.spouse.work"))


def _years_from_select_rows(facts: Facts, person: Person, location: Location, exclude: tuple[Exclusion, ...],
                            measure: str, path: str, explain: bool) -> Reading:
    """The work years read from ``select_rows`` (the classification the evaluation's conditions share), each job's
    share from ``sweep``: what the CRS read before it made one pass over the rows itself."""
    version = compute.on_day(library().crs["crs"], facts.as_of).version
    assert version is not None
    counting = version.counting
    table = work_table(facts, person)
    if table is None:
        return Reading((0, 10), None, (), (path,))
    first, last = window(facts.as_of, counting.work_window_months)
    if not table.rows:
        observed = {"hours": 0.0, "years": 0, "from": first.isoformat(), "to": last.isoformat()} if explain else None
        return Reading((0, 0), observed)
    certain, uncertain, left_out = select_rows(table, counting.skilled, first, last, location, exclude,
                                               explain=explain)
    parts = [part for _, part in certain]
    total, shares = sweep(parts, table.cap_units)
    top = sweep(parts + [part for _, part in uncertain], table.cap_units)[0]
    per_hour = 7 * table.units
    year = HOURS_PER_YEAR * per_hour
    years = (int(total // year), int(top // year))
    settle = tuple(f"{path}[{row.index}].noc" for row, _ in uncertain)
    if not explain:
        return Reading(years, None, (), settle)
    evidence = [{"measure": measure, "job": index, "title": row.entry.title, "noc": row.noc, "counted": True,
                 "from": dt.date.fromordinal(start).isoformat(), "to": dt.date.fromordinal(end).isoformat(),
                 "hours": round(float(shares[index] / per_hour) if not isinstance(shares[index], int)
                                else shares[index] / per_hour, 1)}
                for row, (index, start, end, _) in certain]
    evidence += [{"measure": measure, "job": row.index, "title": row.entry.title, "counted": False,
                  "reason": "no NOC code: it may or may not count"} for row, _ in uncertain]
    evidence += [{"measure": measure, **item} for item in left_out]
    observed = {"hours": round(total / per_hour, 1), "years": years[0], "from": first.isoformat(),
                "to": last.isoformat()}
    return Reading(years, observed, tuple(evidence), settle)


@settings(max_examples=examples(60), deadline=None)
@given(profiles(), as_of_dates(), st.booleans())
def test_the_work_years_are_those_select_rows_classifies(profile: Profile, day: dt.date, explain: bool) -> None:
    """The CRS's one pass over the work table gives the years, words and evidence select_rows' classification
    gives (after an evaluation has classified the table its own ways), for each of the three measures, and so
    does the applicant's Canadian and foreign years read together (what a score reads)."""
    version = compute.on_day(library().crs["crs"], day).version
    if version is None:
        return
    facts = Facts(profile, day)
    engine_evaluate(profile, day, library(), facts=facts)  # the table as the evaluation leaves it
    reference = Facts(profile, day)
    together = work_years.applicant_work_years(facts, version.counting, explain)
    for i, (person, location, exclude, measure, path) in enumerate(WORK_MEASURES):
        found = work_years.work_years(facts, version.counting, explain, measure, person, location, exclude, path)
        expected = _years_from_select_rows(reference, person, location, exclude, measure, path, explain)
        assert json.dumps(found, default=str) == json.dumps(expected, default=str)
        if i < 2:
            assert json.dumps(together[i], default=str) == json.dumps(expected, default=str)


def test_the_work_years_of_many_drawn_profiles_are_those_select_rows_classifies() -> None:
    """The same on 200 drawn profiles on two days (many with jobs that overlap, jobs without a NOC code, jobs
    abroad and in Canada; a property test draws few histories with counted jobs), the applicant's two read
    together too."""
    checked = counted = 0
    for data in drawn_profile_data(200, 20261201):
        profile = profile_from_data(data)
        for day in (dt.date(2026, 3, 1), dt.date(2024, 6, 30)):
            facts = Facts(profile, day)
            engine_evaluate(profile, day, library(), facts=facts)
            version = compute.on_day(library().crs["crs"], day).version
            assert version is not None
            together = work_years.applicant_work_years(facts, version.counting, True)
            for i, (person, location, exclude, measure, path) in enumerate(WORK_MEASURES):
                found = work_years.work_years(facts, version.counting, True, measure, person, location, exclude, path)
                expected = _years_from_select_rows(Facts(profile, day), person, location, exclude, measure, path,
                                                   True)
                assert json.dumps(found, default=str) == json.dumps(expected, default=str)
                if i < 2:
                    assert json.dumps(together[i], default=str) == json.dumps(expected, default=str)
                checked += 1
                counted += any(e.get("counted") for e in found.evidence)
    assert (checked, counted >= 100) == (1200, True), counted  # the draws do count jobs


def test_a_reading_made_from_its_fields_is_the_named_tuple() -> None:
    """reading_of (the fast constructor) makes the Reading the named tuple's constructor makes, of its type."""
    fields = ((1, 2), "seen", ({"measure": "age"},), ("$.x",), ((1, 1),))
    made = reading_of(fields)
    assert type(made) is Reading
    assert made == Reading(*fields)
    assert (made.value, made.observed, made.evidence, made.settle, made.abilities) == fields


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


def test_a_receipt_is_reused_only_from_a_native_evaluation_of_that_day_and_library() -> None:
    """crs_result takes an evaluation's receipt as its own only when that evaluation ran natively on the same day
    under the same library (the score is always computed natively): any other receipt gives it a receipt of its
    own, naming the native engine, its day and the library."""
    profile = load_profile(EXAMPLES[0])
    day = dt.date(2026, 3, 1)
    evaluated = evaluate(profile, day, library=library(), with_crs=False).receipt
    assert evaluated.engine == "native"
    assert crs_result(profile, day, library(), receipt=evaluated).receipt is evaluated
    others = (attrs.evolve(evaluated, engine="durable"), attrs.evolve(evaluated, as_of=dt.date(2026, 2, 28)),
              attrs.evolve(evaluated, rulesets_sha256="0" * 64))
    for other in others:
        own = crs_result(profile, day, library(), receipt=other).receipt
        assert (own.engine, own.as_of, own.rulesets_sha256, own.profile_sha256) == (
            "native", day, library().digest, evaluated.profile_sha256)


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


def _test_fact(index: int, test: str, taken: dt.date, language: str, levels: tuple[int, int, int, int],
               why_not: str | None = None) -> _TestFact:
    r, w, li, s = levels
    scores = LanguageTest(test, taken, 0.0, 0.0, 0.0, 0.0)  # type: ignore[arg-type]  # the scores are not read
    return _TestFact(index, scores, language, {"reading": r, "writing": w, "listening": li, "speaking": s},
                    why_not is None, why_not)


def test_english_and_french_are_read_from_their_own_tests() -> None:
    """read_languages: each language's reading is its best valid test (the highest lowest ability, then the highest
    sum), its lowest ability the value, one span per ability (R/W/L/S), its words naming the test, day, scale and
    levels as printed, and every test of that language (valid or not) as evidence; the same as read_language."""
    day = dt.date(2025, 5, 1)
    tests = (_test_fact(0, "ielts_general", day, "english", (9, 7, 10, 8)),
             _test_fact(1, "tef_canada", dt.date(2025, 2, 3), "french", (5, 6, 7, 4)),
             _test_fact(2, "celpip_general", dt.date(2025, 1, 9), "english", (7, 7, 9, 9)),  # lowest 7, sum 32 < 34
             _test_fact(3, "ielts_general", dt.date(2019, 1, 9), "english", (10, 10, 10, 10), "too old"))
    english, french = read_languages(tests, "$.language_tests", True)
    assert english.value == (7, 7)
    assert english.abilities == ((9, 9), (7, 7), (10, 10), (8, 8))
    assert english.observed == "ielts_general 2025-05-01: CLB 9/7/10/8 (R/W/L/S)"
    assert [e["taken"] for e in english.evidence] == ["2025-05-01", "2025-01-09", "2019-01-09"]
    assert english.evidence[2]["valid"] is False and english.evidence[2]["reason"] == "too old"
    assert french.value == (4, 4)
    assert french.abilities == ((5, 5), (6, 6), (7, 7), (4, 4))
    assert french.observed == "tef_canada 2025-02-03: NCLC 5/6/7/4 (R/W/L/S)"
    assert len(french.evidence) == 1
    assert (english, french) == (read_language(tests, "english", "$.language_tests", True),
                                 read_language(tests, "french", "$.language_tests", True))
    # Without evidence the levels are the same; no test of a language reads "no valid test".
    quiet = read_languages(tests[:1], "$.language_tests", False)
    assert (quiet[0].value, quiet[0].observed, quiet[0].evidence) == ((7, 7), None, ())
    assert quiet[1].observed == "no valid test" and quiet[1].abilities == ((0, 0),) * 4
    assert read_languages(UNKNOWN, "$.language_tests", True)[0].settle == ("$.language_tests",)
