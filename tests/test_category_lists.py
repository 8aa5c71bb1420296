"""Express Entry category-based selection: the occupation lists and the dependence on Express Entry.

The expected lists below are typed by hand from section 3.4 of research/programs.md, code and TEER as
printed there, independently of the rulesets; the tests check the rulesets against them and against
the NOC 2021 table.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.engines.run import evaluate
from eligibility.language import TESTS
from eligibility.noc import noc_table
from eligibility.profile.load import profile_from_data
from eligibility.rulebook.library import Library, load_library
from eligibility.rulebook.model import Program, WorkExperienceCondition
from eligibility.rulebook.tree import walk
from tests.strategies import examples

CATEGORIES = ("french", "healthcare", "stem", "trades", "transport", "agriculture", "education",
              "physicians", "senior-managers", "researchers", "military")
EXPRESS_ENTRY = ("express-entry/fsw", "express-entry/cec", "express-entry/fst")


def _teers(text: str) -> dict[str, int]:
    """'31100 1, 32101 2' -> {'31100': 1, '32101': 2}."""
    pairs = (item.split() for item in text.split(","))
    return {code: int(teer) for code, teer in pairs}


# research/programs.md §3.4.1, Healthcare 2023 and 2024: 35 occupations.
HEALTH_2023 = _teers("""31100 1, 31101 1, 31102 1, 31103 1, 31110 1, 31111 1, 31112 1, 31121 1, 31200 1,
    31201 1, 31202 1, 31203 1, 31204 1, 31209 1, 31300 1, 31301 1, 31302 1, 31303 1, 32101 2, 32102 2,
    32103 2, 32109 2, 32120 2, 32121 2, 32122 2, 32129 2, 32200 2, 32201 2, 32209 2, 33101 3, 33102 3,
    33103 3, 33109 3, 41320 1, 42203 2""")
# §3.4.2, Healthcare and social services 2025: 35 - 6 + 8 = 37.
HEALTH_2025 = {c: t for c, t in HEALTH_2023.items()
               if c not in {"31204", "32200", "32209", "33109", "41320", "42203"}} | _teers(
    "31120 1, 32104 2, 32111 2, 32123 2, 32124 2, 41300 1, 41301 1, 42201 2")
# §3.4.3, STEM 2023 and 2024: 24 occupations.
STEM_2023 = _teers("""20010 0, 20011 0, 20012 0, 21200 1, 21201 1, 21202 1, 21203 1, 21210 1, 21211 1,
    21220 1, 21221 1, 21222 1, 21223 1, 21230 1, 21231 1, 21232 1, 21233 1, 21234 1, 21300 1, 21310 1,
    21311 1, 21321 1, 21322 1, 41400 1""")
# §3.4.4, STEM 2025: 11 occupations.
STEM_2025 = _teers("""20011 0, 21220 1, 21300 1, 21301 1, 21310 1, 21321 1, 21331 1, 22300 2, 22301 2,
    22310 2, 63100 3""")
# §3.4.5, Trades 2023 and 2024: 10 occupations.
TRADES_2023 = _teers("""72014 2, 72106 2, 72200 2, 72300 2, 72310 2, 72400 2, 72402 2, 72405 2, 72406 2,
    73200 3""")
# §3.4.6, Trades 2025: 25 occupations.
TRADES_2025 = _teers("""22303 2, 63200 3, 70010 0, 70011 0, 72100 2, 72102 2, 72106 2, 72200 2, 72201 2,
    72300 2, 72302 2, 72310 2, 72311 2, 72320 2, 72400 2, 72401 2, 72402 2, 72422 2, 72501 2, 72999 2,
    73100 3, 73110 3, 73112 3, 73113 3, 82021 2""")
# §3.4.7, Trades 2026: the 2025 list without cooks, with butchers (TEER 3). UNCONFIRMED beyond that.
TRADES_2026 = {c: t for c, t in TRADES_2025.items() if c != "63200"} | {"63201": 3}
# §3.4.8 and §3.4.9, Transport.
TRANSPORT_2023 = _teers("""70020 0, 72403 2, 72404 2, 72600 2, 72601 2, 72602 2, 72603 2, 72604 2,
    73300 3, 93200 3""")
TRANSPORT_2026 = _teers("22313 2, 72404 2, 72410 2, 72600 2")
# §3.4.10, Agriculture and agri-food.
AGRICULTURE_2023 = _teers("82030 2, 82031 2, 63201 3")
AGRICULTURE_2025 = _teers("63201 3")
# §3.4.11 to §3.4.14.
EDUCATION_2025 = _teers("41220 1, 41221 1, 42202 2, 42203 2, 43100 3")
PHYSICIANS = _teers("31100 1, 31101 1, 31102 1")
SENIOR_MANAGERS = _teers("00012 0, 00013 0, 00014 0, 00015 0")
RESEARCHERS = _teers("41200 1, 41201 1")

#: (category, version start) -> the expected list of the experience condition.
EXPECTED: dict[tuple[str, str], dict[str, int]] = {
    ("healthcare", "2023-05-31"): HEALTH_2023, ("healthcare", "2024-01-01"): HEALTH_2023,
    ("healthcare", "2025-02-27"): HEALTH_2025, ("healthcare", "2026-02-18"): HEALTH_2025,
    ("stem", "2023-05-31"): STEM_2023, ("stem", "2024-01-01"): STEM_2023,
    ("stem", "2025-02-27"): STEM_2025, ("stem", "2026-02-18"): STEM_2025,
    ("trades", "2023-05-31"): TRADES_2023, ("trades", "2024-01-01"): TRADES_2023,
    ("trades", "2025-02-27"): TRADES_2025, ("trades", "2026-02-18"): TRADES_2026,
    ("transport", "2023-05-31"): TRANSPORT_2023, ("transport", "2024-01-01"): TRANSPORT_2023,
    ("transport", "2026-02-18"): TRANSPORT_2026,
    ("agriculture", "2023-05-31"): AGRICULTURE_2023, ("agriculture", "2024-01-01"): AGRICULTURE_2023,
    ("agriculture", "2025-02-27"): AGRICULTURE_2025,
    ("education", "2025-02-27"): EDUCATION_2025, ("education", "2026-02-18"): EDUCATION_2025,
    ("physicians", "2026-02-18"): PHYSICIANS,
    ("senior-managers", "2026-02-18"): SENIOR_MANAGERS,
    ("researchers", "2026-02-18"): RESEARCHERS,
}


@cache
def library() -> Library:
    """The repository's rules, loaded once."""
    return load_library()


def program(name: str) -> Program:
    """The category's program."""
    return library().program(f"category/{name}")


def occupation_lists() -> list[Any]:
    """(category, version start, codes) of every experience condition of every category version."""
    out = []
    for name in CATEGORIES:
        for version in program(name).versions:
            for cond, _ in walk(version.conditions, "$"):
                if isinstance(cond, WorkExperienceCondition):
                    codes = cond.occupations.codes or ()
                    out.append(pytest.param(name, version.valid_from.isoformat(), codes,
                                            id=f"{name}@{version.valid_from}"))
    return out


def test_every_category_is_encoded() -> None:
    """Each of the eleven categories has its ruleset, and each has an expected list per listed version."""
    for name in CATEGORIES:
        assert program(name).id == f"category/{name}"
    found = {(p.values[0], p.values[1]) for p in occupation_lists()}
    assert found == set(EXPECTED)


@pytest.mark.parametrize(("name", "start", "codes"), occupation_lists())
def test_list_matches_the_research_notes(name: str, start: str, codes: tuple[str, ...]) -> None:
    """The ruleset's list is exactly the list typed from programs.md for that version."""
    assert set(codes) == set(EXPECTED[(name, start)])


@pytest.mark.parametrize(("name", "start", "codes"), occupation_lists())
def test_list_is_sorted_without_duplicates(name: str, start: str, codes: tuple[str, ...]) -> None:
    """Each list is in code order with every code once."""
    assert list(codes) == sorted(set(codes))


@pytest.mark.parametrize(("name", "start", "codes"), occupation_lists())
def test_codes_exist_in_noc_2021_with_the_printed_teer(name: str, start: str, codes: tuple[str, ...]) -> None:
    """Every code is a NOC 2021 unit group whose TEER (the second digit) is the TEER programs.md prints."""
    table = noc_table()
    expected = EXPECTED[(name, start)]
    for code in codes:
        group = table.get(code)
        assert group is not None, f"{code} is not a NOC 2021 unit group"
        assert group.teer == int(code[1]) == expected[code], f"{code}: TEER {group.teer}, expected {expected[code]}"


@pytest.mark.parametrize("name", CATEGORIES)
def test_at_most_one_version_in_force_each_day(name: str) -> None:
    """From 2023-01-01 to 2027-01-01 no day is covered by two versions of a category."""
    versions = program(name).versions
    day = dt.date(2023, 1, 1)
    while day <= dt.date(2027, 1, 1):
        covering = [v for v in versions if v.covers(day)]
        assert len(covering) <= 1, f"{name}: {len(covering)} versions on {day}"
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("name", CATEGORIES)
def test_every_in_force_version_requires_express_entry(name: str) -> None:
    """Each version in force starts with the Express Entry program condition on FSW, CEC or FST."""
    for version in program(name).versions:
        if version.in_force:
            first = version.conditions[0]
            assert first.kind == "program"
            assert tuple(first.any_of) == EXPRESS_ENTRY  # type: ignore[union-attr]


# A few listed occupations from every category, and some on no list.
CODES = ("21211", "21231", "21300", "31301", "31102", "41300", "63200", "63201", "72106", "72600",
         "73300", "82030", "41221", "42203", "00012", "41200", "11101", "13112", "64100")
DAYS = st.dates(dt.date(2023, 1, 1), dt.date(2027, 1, 1))


@st.composite
def work_histories(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Up to three jobs in or outside Canada, some paid, some self-employed or while studying."""
    jobs = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.dates(dt.date(2019, 1, 1), dt.date(2026, 6, 1)))
        days = draw(st.integers(30, 900))
        job: dict[str, Any] = {"noc": draw(st.sampled_from(CODES)),
                               "country": draw(st.sampled_from(("CA", "CA", "IN"))),
                               "start": start.isoformat(), "end": (start + dt.timedelta(days=days)).isoformat(),
                               "hours_per_week": draw(st.sampled_from((15, 29, 30, 40)))}
        if job["country"] == "CA":
            job["province"] = "ON"
        job["paid"] = draw(st.booleans())
        job["self_employed"] = draw(st.booleans())
        job["full_time_student"] = draw(st.booleans())
        jobs.append(job)
    return jobs


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A profile with a generated work history, tests in either language and maybe an education."""
    taken = draw(st.dates(dt.date(2022, 1, 1), dt.date(2026, 6, 1))).isoformat()
    tests = [{"test": "ielts_general", "taken": taken, "listening": draw(st.sampled_from((5.5, 6.0, 8.0))),
              "reading": 7.0, "writing": 7.0, "speaking": 7.0}]
    if draw(st.booleans()):
        # NCLC 7 in every ability on the scale of the test date, reading sometimes one point under it.
        seven = dict(TESTS["tef_canada"].scale_on(dt.date.fromisoformat(taken)).rows)[7]
        tests.append({"test": "tef_canada", "taken": taken, "reading": seven[0] - draw(st.sampled_from((0, 1))),
                      "writing": seven[1], "listening": seven[2], "speaking": seven[3]})
    education = [] if draw(st.booleans()) else [
        {"level": "bachelors", "country": "CA", "years": 4, "completed": "2018-05-31", "province": "ON"}]
    return {"birth_date": "1992-03-15", "marital_status": "single", "intended_province": "ON", "children": 0,
            "funds_cad": draw(st.sampled_from((5000, 30000))), "education": education, "language_tests": tests,
            "work": draw(work_histories()), "job_offer": None, "certificates_of_qualification": [],
            "relatives_in_canada": [], "spouse": None}


@settings(max_examples=examples(40), deadline=None)
@given(data=profiles(), as_of=DAYS)
def test_no_category_without_an_express_entry_program(data: dict[str, Any], as_of: dt.date) -> None:
    """A category verdict is never eligible when no Express Entry program is eligible on that date."""
    profile = profile_from_data(data, "generated")
    wanted = [f"category/{n}" for n in CATEGORIES] + list(EXPRESS_ENTRY)
    evaluation = evaluate(profile, as_of, library(), programs=wanted)
    express_entry = [evaluation.program(p).verdict for p in EXPRESS_ENTRY]
    for name in CATEGORIES:
        verdict = evaluation.program(f"category/{name}").verdict
        if verdict == "eligible":
            assert "eligible" in express_entry, f"category/{name} eligible on {as_of} without an Express Entry program"
