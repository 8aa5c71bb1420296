"""The measuring layer: typed values both engines share, measured once, with no decision in the durable engine."""

from __future__ import annotations

import datetime as dt
import importlib.util
from typing import Any

import attrs
import pytest

from eligibility.engines.run import evaluate
from eligibility.facts import Facts
from eligibility.kinds import KINDS, language, work_experience
from eligibility.measure.context import Measurer
from eligibility.measure.occupations import describe_occupations
from eligibility.measure.work import measure_work
from eligibility.profile.load import profile_from_data
from eligibility.rulebook.library import Library, load_library
from eligibility.rulebook.model import LanguageCondition, Occupations, WorkExperienceCondition
from eligibility.rulebook.tree import walk

HAS_DURABLE = importlib.util.find_spec("durable_rules_engine") is not None
AS_OF = dt.date(2026, 3, 1)
#: Two jobs in Canada: 21231 full time for the last 2 years, 21232 half time before that.
PROFILE: dict[str, Any] = {
    "work": [{"start": "2024-03-01", "hours_per_week": 40, "country": "CA", "noc": "21231", "employer": "A"},
             {"start": "2023-03-01", "end": "2024-02-29", "hours_per_week": 15, "country": "CA", "noc": "21232",
              "employer": "B"}],
    "language_tests": [{"test": "celpip_general", "taken": "2025-06-01", "reading": 7, "writing": 7,
                        "listening": 7, "speaking": 7}]}


@pytest.fixture(scope="module")
def library() -> Library:
    """The packaged rules."""
    return load_library()


def _cec(library: Library) -> tuple[WorkExperienceCondition, LanguageCondition]:
    version = library.programs["express-entry/cec"].version_on(AS_OF)
    assert version is not None
    conds = [c for c, _ in walk(version.conditions, "$")]
    work = next(c for c in conds if isinstance(c, WorkExperienceCondition))
    lang = next(c for c in conds if isinstance(c, LanguageCondition))
    return work, lang


def test_work_is_measured_as_typed_hours_per_job(library: Library) -> None:
    """CEC's work measure: the 3-year window, each job's credited hours, the main occupation, the qualifying codes."""
    work, _ = _cec(library)
    m = measure_work(work, Facts(profile_from_data(PROFILE), AS_OF))
    # 2024-03-01 to 2026-02-28 at 30 h/week (capped): 730 days * 30 / 7; 2023-03-01 to 2024-02-29 at 15 h/week.
    assert (m.first, m.last) == (dt.date(2023, 3, 1), dt.date(2026, 2, 28))
    assert [(j.noc, j.counted, j.hours) for j in m.jobs] == [("21231", True, round(730 * 30 / 7, 1)),
                                                            ("21232", True, round(366 * 15 / 7, 1))]
    assert m.low == m.high == pytest.approx(366 * 15 / 7 + 730 * 30 / 7)
    assert m.main_occupation == "21231"
    assert m.qualifying_codes == ("21231", "21232")  # across occupations, the total reaches 1,560 h



def test_work_in_other_provinces_is_left_out_when_the_condition_names_provinces(library: Library) -> None:
    """``provinces`` keeps only the jobs there; each condition of one evaluation gets its own provinces' count."""
    work, _ = _cec(library)
    profile = profile_from_data({"work": [
        {"start": "2024-03-01", "hours_per_week": 40, "country": "CA", "province": "ON", "noc": "21231"},
        {"start": "2023-03-01", "end": "2024-02-29", "hours_per_week": 15, "country": "CA", "province": "BC",
         "noc": "21232"}]})
    facts = Facts(profile, AS_OF)
    ontario = measure_work(attrs.evolve(work, provinces=("ON",)), facts)
    anywhere = measure_work(work, facts)
    west = measure_work(attrs.evolve(work, provinces=("BC", "AB")), facts)
    # ON: 2024-03-01 to 2026-02-28, 730 days at 30 h/week (capped); BC: 2023-03-01 to 2024-02-29, 366 days at 15.
    assert ontario.low == pytest.approx(730 * 30 / 7)
    assert [(j.noc, j.counted, j.reason) for j in ontario.jobs] == [("21231", True, None),
                                                                     ("21232", False, "not in ON")]
    assert anywhere.low == pytest.approx(730 * 30 / 7 + 366 * 15 / 7)
    assert west.low == pytest.approx(366 * 15 / 7)
    assert [(j.noc, j.counted, j.reason) for j in west.jobs] == [("21232", True, None),
                                                                  ("21231", False, "not in BC, AB")]


def _work_condition(library: Library, pid: str, cid: str) -> WorkExperienceCondition:
    version = library.programs[pid].version_on(AS_OF)
    assert version is not None
    found = next(c for c, _ in walk(version.conditions, "$") if c.id == cid)
    assert isinstance(found, WorkExperienceCondition)
    return found


def test_the_main_occupation_has_the_most_hours_not_the_longest_run(library: Library) -> None:
    """FSW counts the longest continuous run in one occupation, but the main occupation is the one with the most
    hours in the window; the jobs of the other occupation are left out with the reason."""
    skilled = _work_condition(library, "express-entry/fsw", "skilled-work")
    profile = profile_from_data({"work": [
        {"noc": "21231", "country": "PK", "start": "2020-01-01", "end": "2020-12-31", "hours_per_week": 40},
        {"noc": "21231", "country": "PK", "start": "2022-01-01", "end": "2022-12-31", "hours_per_week": 40},
        {"noc": "21232", "country": "PK", "start": "2024-01-01", "end": "2025-06-30", "hours_per_week": 40}]})
    m = measure_work(skilled, Facts(profile, AS_OF))
    # 21231: 366 + 365 = 731 days (3,132.9 h), its longest run 366 days (1,568.6 h); 21232: one run of
    # 366 + 181 = 547 days (2,344.3 h). The best run is 21232's; the most hours are 21231's.
    assert (m.best_code, m.low) == ("21232", pytest.approx(547 * 30 / 7))
    assert m.main_occupation == "21231"
    assert m.qualifying_codes == ("21231", "21232")
    assert [(j.noc, j.counted, j.reason) for j in m.jobs] == [
        ("21231", False, "not part of the best occupation or run"),
        ("21231", False, "not part of the best occupation or run"), ("21232", True, None)]


@pytest.mark.parametrize(("last_day", "qualifying"), [("2025-07-01", ("21231", "21232")), ("2025-06-30", ())])
def test_work_across_occupations_qualifies_from_exactly_the_minimum(library: Library, last_day: str,
                                                                    qualifying: tuple[str, ...]) -> None:
    """CEC adds up its occupations: 182 + 182 days = 1,560 h qualify both codes; a day less (1,555.7 h), none."""
    work, _ = _cec(library)
    profile = profile_from_data({"work": [
        {"noc": "21231", "country": "CA", "start": "2024-01-01", "end": "2024-06-30", "hours_per_week": 40},
        {"noc": "21232", "country": "CA", "start": "2025-01-01", "end": last_day, "hours_per_week": 40}]})
    m = measure_work(work, Facts(profile, AS_OF))
    assert m.qualifying_codes == qualifying
    assert m.low == pytest.approx((364 if qualifying else 363) * 30 / 7)


def test_no_job_in_the_occupations_counts_zero_hours_and_an_unknown_history_nothing(library: Library) -> None:
    """Work abroad only gives CEC 0 h at both ends of the range, each job left out with its reason; without a
    work history the measure is not known."""
    work, _ = _cec(library)
    abroad = measure_work(work, Facts(profile_from_data({"work": [
        {"noc": "21231", "country": "PK", "start": "2020-01-01", "end": None, "hours_per_week": 40}]}), AS_OF))
    assert (abroad.known, abroad.low, abroad.high, abroad.uncertain) == (True, 0.0, 0.0, False)
    assert (abroad.first, abroad.last) == (dt.date(2023, 3, 1), dt.date(2026, 2, 28))
    assert [(j.counted, j.reason) for j in abroad.jobs] == [(False, "not in Canada")]
    unknown = measure_work(work, Facts(profile_from_data({}), AS_OF))
    assert unknown.known is False
    assert (unknown.low, unknown.high, unknown.jobs) == (0.0, 0.0, ())

def test_a_condition_is_measured_once_and_shared(library: Library) -> None:
    """The language leaf reads the very measure of the work leaf it names, not a second count."""
    work, lang = _cec(library)
    mm = Measurer(Facts(profile_from_data(PROFILE), AS_OF), library, {})
    first = work_experience.measure(work, mm)
    measured = language.measure(lang, mm)
    assert work_experience.measure(work, mm) is first
    assert (measured.main_occupation, measured.teer) == ("21231", 1)


@pytest.mark.skipif(not HAS_DURABLE, reason="durable_rules_engine is not installed (the optional 'durable' "
                                            "extra, CPython 3.12 or older)")
def test_the_durable_engine_runs_no_native_decision(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every kind's Python decision made to raise, the durable engine still gives the native result."""
    profile = profile_from_data(PROFILE)
    native = evaluate(profile, AS_OF, library)

    def refuse(*_: Any) -> Any:
        raise AssertionError("a native decision ran")

    for name, kind in list(KINDS.items()):
        monkeypatch.setitem(KINDS, name, attrs.evolve(kind, decide=refuse))
    durable = evaluate(profile, AS_OF, library, engine="durable")
    assert durable.programs == native.programs


def test_work_in_canada_is_left_out_when_only_work_abroad_counts(library: Library) -> None:
    """``location: abroad`` keeps the jobs outside Canada and says why a Canadian job is left out."""
    work, _ = _cec(library)
    profile = profile_from_data({"work": [
        {"noc": "21231", "country": "CA", "start": "2024-03-01", "hours_per_week": 40},
        {"noc": "21231", "country": "PK", "start": "2023-03-01", "end": "2024-02-29", "hours_per_week": 40}]})
    m = measure_work(attrs.evolve(work, location="abroad"), Facts(profile, AS_OF))
    # PK: 2023-03-01 to 2024-02-29, 366 days at 30 h/week (capped)
    assert m.low == pytest.approx(366 * 30 / 7)
    assert [(j.job, j.counted, j.reason) for j in m.jobs] == [(1, True, None),
                                                              (0, False, "in Canada, and only work abroad counts")]


def test_a_selector_in_words_names_its_groups_and_exclusions() -> None:
    """Groups and exclusions are listed comma-separated after "NOC groups" and "except"."""
    occ = Occupations(groups=("2123", "2124"), exclude=("21231", "21232"))
    assert describe_occupations(occ) == "NOC groups 2123, 2124; except 21231, 21232"


def test_work_evidence_shared_between_conditions_is_what_each_condition_makes_alone(library: Library) -> None:
    """Every work condition in force, measured in one evaluation (items shared through its work table), gives
    the evidence it gives measured alone; a job explained in the same words by two conditions is one item."""
    jobs = [{"title": f"Job {i}", "employer": f"E{i % 3}", "noc": ("63200", "62200", None)[i % 3],
             "country": ("CA", "IT")[i % 2], "start": (dt.date(2008, 1, 1) + dt.timedelta(days=120 * i)).isoformat(),
             "end": None if i == 59 else (dt.date(2008, 1, 1) + dt.timedelta(days=120 * i + 100)).isoformat(),
             "hours_per_week": (40, 30, 20)[i % 3]} for i in range(60)]
    profile = profile_from_data({**PROFILE, "work": jobs})
    conditions = [c for program in library.programs.values() if (v := program.version_on(AS_OF)) is not None
                  for c, _ in walk(v.conditions, "$") if isinstance(c, WorkExperienceCondition)]
    assert len(conditions) > 10
    shared = Facts(profile, AS_OF)
    together = [measure_work(c, shared) for c in conditions]
    alone = [measure_work(c, Facts(profile, AS_OF)) for c in conditions]
    assert together == alone
    items = [item for m in together for item in m.evidence]
    by_words = {repr(sorted(item.items())): id(item) for item in items}
    assert len({id(item) for item in items}) == len(by_words) < len(items)


def test_selects_answers_as_matches_for_every_selector_of_the_rules() -> None:
    """``selects`` (the answer kept with the selector by identity) gives ``matches``' answer, asked once or twice,
    for every occupation selector of the rules' education bodies and certificates, on codes in and out of them."""
    from eligibility.api import rules
    from eligibility.measure.occupations import matches, selects
    from eligibility.rulebook.model import CertificateCondition, EducationCondition

    selectors: list[Occupations] = []
    for program in rules().programs.values():
        for version in program.versions:
            for c, _ in walk(version.conditions, ""):
                if isinstance(c, EducationCondition):
                    selectors += [b.occupations for b in c.designated_bodies]
                if isinstance(c, CertificateCondition) and c.occupations is not None:
                    selectors.append(c.occupations)
    assert selectors
    codes = ["21231", "31102", "72200", "63200", "00010", "99999", "21300", "32101"]
    for occ in selectors:
        for code in codes + list(occ.codes or ())[:3]:
            assert selects(occ, code) == matches(occ, code) == selects(occ, code)
