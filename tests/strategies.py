"""Hypothesis strategies for valid profiles and as-of dates, aimed at the rules' thresholds and dates.

Profiles are drawn as plain data (what a profile file holds) and built through ``profile_from_data``,
so every one of them passes the loader's checks. Top-level keys are dropped at random to make facts
unknown.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from hypothesis import strategies as st

from eligibility.language import TESTS
from eligibility.noc import noc_table
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import EDUCATION_ORDER, Profile
from eligibility.rulebook.library import Library, load_library
from eligibility.rulebook.model import DeclarationCondition, JudgementCondition, Occupations
from eligibility.rulebook.tree import walk

#: How many times more examples each property test tries (``ELIGIBILITY_PROPERTY_SCALE``, default 1;
#: above 1 the seed is random too: see tests/conftest.py and docs/testing.md).
PROPERTY_SCALE = max(1, int(os.environ.get("ELIGIBILITY_PROPERTY_SCALE", "1") or "1"))


def examples(n: int) -> int:
    """``n`` examples for a property test, times the property scale."""
    return n * PROPERTY_SCALE


#: Days on which some rule, list or table changes.
BOUNDARIES = tuple(dt.date.fromisoformat(d) for d in (
    "2022-11-16", "2023-05-31", "2025-02-27", "2025-07-07", "2026-02-18"))
FIRST_AS_OF = dt.date(2022, 11, 16)
LAST_AS_OF = dt.date(2027, 6, 30)
#: The last day a test, ECA or completed credential can be dated: the loader refuses them after today.
LAST_PAST = min(LAST_AS_OF, dt.date.today())
PROVINCES = ("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT")
COUNTRIES = ("CA", "CA", "CA", "IN", "PK", "PH", "FR", "US", "NG")
#: Top-level keys that may be dropped (an absent key means "not known").
DROPPABLE = ("birth_date", "marital_status", "intended_province", "children", "funds_cad", "education",
             "language_tests", "work", "job_offer", "certificates_of_qualification", "relatives_in_canada",
             "spouse")


@cache
def library() -> Library:
    """The packaged rules library, loaded once."""
    return load_library()


@cache
def ruleset_codes() -> tuple[str, ...]:
    """Unit groups the rulesets name, by code or by group prefix."""
    occupations: set[Occupations] = set()
    for program in library().programs.values():
        for version in program.versions:
            for cond, _ in walk(version.conditions, "$"):
                occ = getattr(cond, "occupations", None)
                if isinstance(occ, Occupations):
                    occupations.add(occ)
    codes = set()
    for occ in occupations:
        codes |= set(occ.codes or ())
        for unit in noc_table().unit_groups():
            if any(unit.code.startswith(g) for g in occ.groups or ()):
                codes.add(unit.code)
    return tuple(sorted(c for c in codes if c in noc_table()))


@cache
def skilled_codes() -> tuple[str, ...]:
    """Unit groups of TEER 0 to 3."""
    return tuple(u.code for u in noc_table().unit_groups() if u.teer <= 3)


@cache
def declaration_keys() -> dict[str, str]:
    """Every declarations key the rulesets read: "number" for a minimum, else "flag"."""
    keys: dict[str, str] = {}
    for program in library().programs.values():
        for version in program.versions:
            for cond, _ in walk(version.conditions, "$"):
                if isinstance(cond, DeclarationCondition):
                    keys[cond.key] = "number" if cond.min is not None else "flag"
                elif isinstance(cond, JudgementCondition):
                    keys.setdefault(cond.key, "flag")
    return keys


def noc_codes() -> st.SearchStrategy[str]:
    """Real NOC 2021 codes, weighted toward the rulesets' codes and TEER 0 to 3."""
    return st.one_of(st.sampled_from(ruleset_codes()), st.sampled_from(ruleset_codes()),
                     st.sampled_from(skilled_codes()),
                     st.sampled_from(tuple(u.code for u in noc_table().unit_groups())))


def dates(low: dt.date = dt.date(2008, 1, 1), high: dt.date = LAST_AS_OF) -> st.SearchStrategy[dt.date]:
    """Dates in [low, high], often a few days around a rule boundary or whole years before one."""
    anchors = sorted({b.replace(year=b.year - y) for b in BOUNDARIES for y in range(11)
                      if low <= b.replace(year=b.year - y) <= high})
    anywhere = st.dates(low, high)
    if not anchors:
        return anywhere
    # Clamped rather than filtered, so that no draw is thrown away.
    near = st.builds(lambda a, d: min(high, max(low, a + dt.timedelta(days=d))), st.sampled_from(anchors),
                     st.integers(-3, 3))
    return st.one_of(anywhere, near, near)


def as_of_dates() -> st.SearchStrategy[dt.date]:
    """As-of dates from 2022-11-16 to 2027-06-30, often on or next to a boundary."""
    return dates(FIRST_AS_OF, LAST_AS_OF)


@st.composite
def scores(draw: st.DrawFn, test: str, taken: dt.date) -> dict[str, float]:
    """Valid scores of one test taken that day (on that day's scale): a level's minimum, one step below it, or any."""
    scale = TESTS[test].scale_on(taken)
    out = {}
    for i, ability in enumerate(("reading", "writing", "listening", "speaking")):
        low, high = scale.score_range(ability)
        minimums = [row[1][i] for row in scale.rows]
        steps = round((high - low) / scale.step)
        anywhere = low + draw(st.integers(0, steps)) * scale.step
        at_level = draw(st.sampled_from(minimums))
        below = max(low, at_level - scale.step)
        out[ability] = draw(st.sampled_from((anywhere, at_level, at_level, below)))
    return out


@st.composite
def language_tests(draw: st.DrawFn) -> dict[str, Any]:
    """One language test result with valid scores on the scale of its test date (TEF Canada has three)."""
    test = draw(st.sampled_from(tuple(TESTS)))
    taken = draw(dates(dt.date(2019, 6, 1), LAST_PAST))
    result: dict[str, Any] = {"test": test, "taken": taken.isoformat(), **draw(scores(test, taken))}
    if draw(st.booleans()):
        result["result_date"] = min(LAST_PAST, taken + dt.timedelta(days=draw(st.integers(0, 45)))).isoformat()
    return result


@st.composite
def education(draw: st.DrawFn) -> dict[str, Any]:
    """One credential, Canadian or foreign, with or without an ECA."""
    country = draw(st.sampled_from(COUNTRIES))
    level = draw(st.sampled_from(EDUCATION_ORDER))
    item: dict[str, Any] = {"level": level, "country": country, "years": draw(st.integers(1, 6)),
                            "full_time": draw(st.booleans())}
    if draw(st.booleans()):
        item["completed"] = draw(dates(dt.date(2000, 1, 1), LAST_PAST)).isoformat()
    if country == "CA" and draw(st.booleans()):
        item["province"] = draw(st.sampled_from(PROVINCES))
    if country != "CA" and draw(st.integers(0, 3)):
        item["eca"] = {"issued": draw(dates(dt.date(2015, 1, 1), LAST_PAST)).isoformat(),
                       "level": draw(st.sampled_from(EDUCATION_ORDER))}
    return item


@st.composite
def work_entries(draw: st.DrawFn) -> dict[str, Any]:
    """One job with a real NOC code (sometimes none), in Canada or abroad, often near a boundary."""
    start = draw(dates(dt.date(2012, 1, 1), dt.date(2027, 6, 1)))
    country = draw(st.sampled_from(COUNTRIES))
    item: dict[str, Any] = {"start": start.isoformat(), "country": country,
                            "hours_per_week": draw(st.sampled_from((15, 20, 30, 35, 40, 45, 60, 12.5))),
                            "employer": draw(st.sampled_from(("Acme", "Maple Ltd", "Northwind")))}
    if draw(st.integers(0, 9)):
        item["noc"] = draw(noc_codes())
    days = draw(st.one_of(st.integers(0, 4000), st.sampled_from((364, 365, 546, 547, 1094, 1095))))
    item["end"] = None if draw(st.integers(0, 3)) == 0 else (start + dt.timedelta(days=days)).isoformat()
    if country == "CA" and draw(st.booleans()):
        item["province"] = draw(st.sampled_from(PROVINCES))
    for flag, default in (("paid", True), ("self_employed", False), ("full_time_student", False),
                          ("authorized", True)):
        if draw(st.integers(0, 7)) == 0:
            item[flag] = not default
    return item


@st.composite
def job_offers(draw: st.DrawFn) -> dict[str, Any] | None:
    """No offer, or one with any of its optional details."""
    if draw(st.integers(0, 2)) == 0:
        return None
    offer: dict[str, Any] = {"lmia": draw(st.sampled_from(("positive", "exempt", "none")))}
    optional = {
        "noc": noc_codes(), "employer": st.sampled_from(("Acme", "Maple Ltd", "Northwind")),
        "province": st.sampled_from(PROVINCES), "hours_per_week": st.sampled_from((20, 29.5, 30, 37.5, 40)),
        "duration_months": st.sampled_from((6, 11, 12, 24)), "wage_hourly": st.sampled_from((15.0, 30.0, 55.5)),
        "wage_annual": st.sampled_from((40000.0, 90000.0, 150000.0)), "seasonal": st.booleans(),
        "issued": dates(dt.date(2020, 1, 1))}
    for key, strategy in optional.items():
        if draw(st.integers(0, 3)):
            offer[key] = draw(strategy)
    return offer


@st.composite
def spouses(draw: st.DrawFn) -> dict[str, Any]:
    """A spouse with some of what the grid's adaptability factor reads."""
    spouse: dict[str, Any] = {}
    if draw(st.booleans()):
        spouse["accompanying"] = draw(st.booleans())
    if draw(st.booleans()):
        spouse["language_tests"] = draw(st.lists(language_tests(), max_size=1))
    if draw(st.booleans()):
        spouse["education"] = draw(st.lists(education(), max_size=1))
    if draw(st.booleans()):
        spouse["work"] = draw(st.lists(work_entries(), max_size=2))
    return spouse


@st.composite
def declarations(draw: st.DrawFn) -> dict[str, Any]:
    """Some of the declarations the rulesets read, with values of the kind they expect (another kind is an
    input error, tested in tests/test_bad_input.py)."""
    keys = declaration_keys()
    chosen = draw(st.lists(st.sampled_from(sorted(keys)), max_size=6, unique=True)) if keys else []
    out: dict[str, Any] = {}
    for key in chosen:
        if keys[key] == "number":
            out[key] = draw(st.one_of(st.integers(0, 900), st.sampled_from((9.5, 10, 299, 300, 301))))
        else:
            out[key] = draw(st.booleans())
    return out


@st.composite
def profile_data(draw: st.DrawFn, drop: bool = True, keep: tuple[str, ...] = (), min_jobs: int = 0,
                 min_tests: int = 0) -> dict[str, Any]:
    """Plain data of a valid profile; some top-level keys except ``keep`` dropped (unknown) when ``drop``."""
    marital = draw(st.sampled_from(("single", "married", "common_law", "divorced", "separated", "widowed")))
    partnered = marital in ("married", "common_law")
    data: dict[str, Any] = {
        "name": "Generated",
        "birth_date": draw(dates(dt.date(1955, 1, 1), dt.date(2009, 12, 31))).isoformat(),
        "marital_status": marital,
        "intended_province": draw(st.sampled_from(PROVINCES)),
        "children": draw(st.integers(0, 4)),
        "funds_cad": draw(st.one_of(st.integers(0, 60000), st.sampled_from((14690, 15263, 20000, 40000)))),
        "education": draw(st.lists(education(), max_size=2)),
        "language_tests": draw(st.lists(language_tests(), min_size=min_tests, max_size=max(2, min_tests))),
        "work": draw(st.lists(work_entries(), min_size=min_jobs, max_size=max(4, min_jobs))),
        "job_offer": draw(job_offers()),
        "certificates_of_qualification": draw(st.lists(
            st.fixed_dictionaries({"noc": noc_codes(), "issued_by": st.sampled_from(PROVINCES)}),
            max_size=1)),
        "relatives_in_canada": draw(st.lists(st.sampled_from(("sibling", "parent", "aunt_uncle")), max_size=1)),
        # A partner is described (possibly with unknown details) exactly when the status says there is one.
        "spouse": draw(spouses()) if partnered else None,
        "declarations": draw(declarations()),
    }
    if draw(st.integers(0, 9)) == 0:
        # Never below what the profile implies (1 + spouse + children): the loader refuses that.
        data["family_size"] = max(draw(st.integers(1, 7)), 1 + partnered + data["children"])
    _possible(data)
    if drop:
        for key in draw(st.sets(st.sampled_from([k for k in DROPPABLE if k not in keep]), max_size=4)):
            del data[key]
    return data


def _possible(data: dict[str, Any]) -> None:
    """Move what the loader would refuse as impossible: study before birth, an ECA before completion,
    jobs held at once adding up to more than the 168 hours of a week."""
    birth = data["birth_date"]
    people = [data, data["spouse"]] if data["spouse"] else [data]
    for person in people:
        work = person.get("work", [])
        if sum(w["hours_per_week"] for w in work) > 168:
            for w in work:
                w["hours_per_week"] = min(w["hours_per_week"], 168 // len(work))
        for item in person.get("education", ()):
            if person is data and "completed" in item and item["completed"] < birth:
                item["completed"] = birth
            if "eca" in item and "completed" in item and item["eca"]["issued"] < item["completed"]:
                item["eca"]["issued"] = item["completed"]


def profiles(drop: bool = True) -> st.SearchStrategy[Profile]:
    """Valid Profile objects built through the loader."""
    return profile_data(drop).map(profile_from_data)


def drawn_profile_data(count: int, seed: int) -> list[dict[str, Any]]:
    """``count`` valid profiles' data drawn from ``profile_data``, the same ones for the same seed (for the
    benchmarks and tools that need many generated profiles outside a property test), whatever the process
    imported before (``_seed_alone``)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as seeded

    drawn: list[dict[str, Any]] = []

    @seeded(seed)
    @settings(max_examples=count, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(profile_data())
    def collect(data: dict[str, Any]) -> None:
        drawn.append(data)

    with _seed_alone():
        collect()
    return drawn


class _NoConstants:
    """Hypothesis's pool of local constants, empty (it is asked for the constants of a type alone)."""

    def set_for_type(self, _: object) -> tuple[()]:
        return ()


@contextmanager
def _seed_alone() -> Iterator[None]:
    """Draws that depend on the seed alone.

    Hypothesis (since 6.131) also draws now and then from the literal constants of the local modules loaded at
    the time (every module of this package, a benchmark script, a tool). With them, the same seed drew other
    profiles in a process that had imported other modules (the CRS benchmark and the evaluation benchmark drew
    different sets), and after any constant was added to the package (an A/B of two commits compared different
    profiles). This empties that pool while drawing, through Hypothesis's internals; where they are not as
    expected (another version), the draw goes on as before.
    """
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:
        yield
        return
    get = getattr(providers, "_get_local_constants", None)
    cache = getattr(getattr(providers, "CONSTANTS_CACHE", None), "cache", None)
    if get is None or not hasattr(cache, "clear"):
        yield
        return
    none = _NoConstants()
    cache.clear()  # values allowed per type were worked out with the pool: work them out without it
    providers._get_local_constants = lambda: none
    try:
        yield
    finally:
        providers._get_local_constants = get
        cache.clear()
