"""Occupation lists and version periods of the GTS, GSS, Quebec pilot and provincial tech rulesets.

The expected TEERs and lists below are copied by hand from the sources (programs.md sections 4 to 6,
the ESDC and ontario.ca pages, and StatCan's NOC 2021 classification for codes those pages do not
give a TEER for), so a typo in a ruleset or a change in the packaged NOC table shows up here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from eligibility.noc import noc_table
from eligibility.rulebook.library import Library, load_library
from eligibility.rulebook.model import CertificateCondition, JobOfferCondition, Program, WorkExperienceCondition
from eligibility.rulebook.tree import walk

RULES = Path(__file__).resolve().parents[1] / "rulesets"

PROGRAMS = (
    "gts/category-a", "gts/category-b", "gss/two-week", "quebec/ai-pilot", "quebec/it-vfx-pilot",
    "ontario/hcp-tech", "bc/pnp-tech", "alberta/accelerated-tech",
)

# TEER of every code the rulesets list, as the source states it.
EXPECTED_TEER = {
    # GTS list (ESDC, programs.md 4.2) and the NOC 2016 -> 2021 mapping (programs.md 6.4)
    "20012": 0, "21210": 1, "21211": 1, "21220": 1, "21221": 1, "21222": 1, "21223": 1, "21230": 1,
    "21231": 1, "21232": 1, "21233": 1, "21234": 1, "21300": 1, "21310": 1, "21311": 1, "21330": 1,
    "21390": 1, "22220": 2, "22221": 2, "22222": 2, "22310": 2, "51120": 1, "52120": 2, "10030": 0,
    "50011": 0, "52113": 2,
    # BC PNP Tech and Alberta ATP codes not in those tables (StatCan NOC 2021 V1.0)
    "21100": 1, "21301": 1, "21320": 1, "22110": 2, "22311": 2, "22312": 2, "51110": 1, "51111": 1,
    "51112": 1, "51114": 1, "52112": 2, "52119": 2, "53111": 3, "62100": 2, "00012": 0, "10011": 0,
    "11200": 1, "11202": 1, "12101": 2, "20010": 0, "20011": 0, "60010": 0,
}

# The Global Talent Occupations List (updated December 2022), NOC 2021 codes with their hourly floors.
GTS_LIST = ("20012", "21210", "21211", "21220", "21221", "21222", "21223", "21230", "21231", "21232",
            "21233", "21234", "21300", "21310", "21311", "21330", "21390", "22220", "22222", "22310",
            "51120", "52120")
GTS_FLOORS = {"22310": 41.35, "22220": 40.87, "22222": 41.03, "51120": 40.87, "52120": 38.46}
# Each NOC 2016 line of the ESDC page and the NOC 2021 codes ESDC gives for it.
GTS_LINES = {
    "0213": {"20012"}, "2131": {"21300"}, "2133": {"21310"}, "2143": {"21330"}, "2146": {"21390"},
    "2147": {"21311"}, "2161": {"21210"}, "2171": {"21211", "21220", "21221", "21222", "21233"},
    "2172": {"21211", "21223"}, "2173": {"21231", "21211"}, "2174": {"21230", "21232", "21234"},
    "2175": {"21233", "21234"}, "2241": {"22310"}, "2281": {"22220"}, "2283": {"22222"},
    "5131": {"51120"}, "5241": {"52120"},
}
# The nine codes of ontario.ca's tech draw page (updated 2023-11-20) and the six NOC 2016 codes before.
ONTARIO_LIST = ("20012", "21211", "21223", "21230", "21231", "21232", "21233", "21234", "21311")
ONTARIO_2016 = ("0213", "2147", "2172", "2173", "2174", "2175")


@pytest.fixture(scope="module")
def library() -> Library:
    """The repository's rules, loaded once."""
    return load_library(RULES)


def code_lists(program: Program) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(where, codes) for every occupation list and wage-floor table of every version."""
    for vi, version in enumerate(program.versions):
        for cond, path in walk(version.conditions, f"versions[{vi}].conditions"):
            kinds = WorkExperienceCondition | JobOfferCondition | CertificateCondition
            occupations = cond.occupations if isinstance(cond, kinds) else None
            if occupations is not None and occupations.codes is not None:
                yield f"{program.id} {path} ({cond.id})", occupations.codes
            if isinstance(cond, JobOfferCondition) and cond.wage_floors_hourly:
                yield f"{program.id} {path} ({cond.id}) wage floors", tuple(cond.wage_floors_hourly)


def all_lists(library: Library) -> list[tuple[str, tuple[str, ...]]]:
    """Every list of every program of this file."""
    return [item for pid in PROGRAMS for item in code_lists(library.programs[pid])]


def test_every_program_is_loaded(library: Library) -> None:
    """Each program of this file is in the library."""
    assert set(PROGRAMS) <= set(library.programs)


def test_every_code_exists_with_the_teer_the_source_states(library: Library) -> None:
    """Every listed code is a NOC 2021 unit group whose TEER is the one the source gives."""
    table = noc_table()
    problems = []
    for where, codes in all_lists(library):
        for code in codes:
            group = table.get(code)
            if group is None:
                problems.append(f"{where}: {code} is not a NOC 2021 unit group")
            elif code not in EXPECTED_TEER:
                problems.append(f"{where}: {code} has no hand-copied TEER in this test")
            elif group.teer != EXPECTED_TEER[code]:
                problems.append(f"{where}: {code} is TEER {group.teer}, the source says {EXPECTED_TEER[code]}")
    assert not problems, "\n".join(problems)


def test_every_list_is_sorted_without_duplicates(library: Library) -> None:
    """Each occupation list is in ascending order with no code twice."""
    problems = [f"{where}: {list(codes)}" for where, codes in all_lists(library)
                if list(codes) != sorted(set(codes))]
    assert not problems, "\n".join(problems)


def test_gts_list_and_floors_match_the_esdc_page(library: Library) -> None:
    """Category B lists exactly the December 2022 codes with exactly the published hourly floors."""
    version = library.programs["gts/category-b"].version_on(dt.date(2024, 6, 1))
    assert version is not None
    by_id = {c.id: c for c, _ in walk(version.conditions, "$")}
    offer = by_id["listed-occupation"]
    assert isinstance(offer, JobOfferCondition) and offer.occupations is not None
    assert offer.occupations.codes == GTS_LIST
    assert offer.wage_floors_hourly == GTS_FLOORS
    # In Quebec MIFI sets the floors: the same five occupations are held to MIFI's floor there.
    for cid in ("floored-occupation", "quebec-floored-offer"):
        floored = by_id[cid]
        assert isinstance(floored, JobOfferCondition) and floored.occupations is not None
        assert floored.occupations.codes == tuple(sorted(GTS_FLOORS))


def test_gts_category_a_sends_the_list_to_category_b(library: Library) -> None:
    """Category A refuses the codes Category B holds whole, and its three partial codes only within their
    subsets (21210, 51120, 52120)."""
    version = library.programs["gts/category-a"].version_on(dt.date(2024, 6, 1))
    assert version is not None
    by_id = {c.id: c for c, _ in walk(version.conditions, "$")}
    whole = by_id["offer-listed-whole"]
    assert isinstance(whole, JobOfferCondition) and whole.occupations is not None
    assert whole.occupations.codes == tuple(c for c in GTS_LIST if c not in ("21210", "51120", "52120"))
    for cid, code in (("offer-in-21210", "21210"), ("offer-in-51120", "51120"), ("offer-in-52120", "52120")):
        partial = by_id[cid]
        assert isinstance(partial, JobOfferCondition) and partial.occupations is not None
        assert partial.occupations.codes == (code,)


def test_gts_codes_follow_the_statcan_concordance() -> None:
    """Each NOC 2016 line of the GTS page maps, in StatCan's concordance, onto the codes ESDC gives."""
    table = noc_table()
    problems = []
    for old, new in GTS_LINES.items():
        targets = {row.noc2021 for row in table.from_2016(old)}
        if not new <= targets:
            problems.append(f"{old}: ESDC gives {sorted(new)}, the concordance {sorted(targets)}")
    assert not problems, "\n".join(problems)
    assert set().union(*GTS_LINES.values()) == set(GTS_LIST)


def test_ontario_list_is_the_image_of_the_2016_list(library: Library) -> None:
    """Every Ontario list is the official nine codes, exactly the concordance image of the six 2016 codes."""
    table = noc_table()
    image = {row.noc2021 for old in ONTARIO_2016 for row in table.from_2016(old)}
    assert image == set(ONTARIO_LIST)
    lists = {codes for _, codes in code_lists(library.programs["ontario/hcp-tech"])}
    assert lists == {ONTARIO_LIST}


@pytest.mark.parametrize("program_id", PROGRAMS)
def test_at_most_one_version_on_any_day(program_id: str, library: Library) -> None:
    """From 2017-01-01 to 2027-01-01, no day is covered by two versions of the program."""
    program = library.programs[program_id]
    day, last = dt.date(2017, 1, 1), dt.date(2027, 1, 1)
    while day <= last:
        covering = [v for v in program.versions if v.covers(day)]
        assert len(covering) <= 1, f"{program_id}: {len(covering)} versions cover {day}"
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(("program_id", "day", "in_force"), [
    ("quebec/ai-pilot", dt.date(2025, 12, 31), True),
    ("quebec/ai-pilot", dt.date(2026, 1, 1), False),
    ("quebec/it-vfx-pilot", dt.date(2025, 12, 31), True),
    ("quebec/it-vfx-pilot", dt.date(2026, 1, 1), False),
    ("ontario/hcp-tech", dt.date(2026, 5, 29), True),
    ("ontario/hcp-tech", dt.date(2026, 5, 30), False),
    ("bc/pnp-tech", dt.date(2025, 4, 13), True),
    ("bc/pnp-tech", dt.date(2025, 4, 14), False),
    ("alberta/accelerated-tech", dt.date(2026, 11, 21), True),
    ("gts/category-a", dt.date(2026, 11, 21), True),
    ("gts/category-b", dt.date(2026, 11, 21), True),
    ("gss/two-week", dt.date(2022, 11, 16), False),
    ("gss/two-week", dt.date(2023, 6, 26), False),
    ("gss/two-week", dt.date(2023, 6, 27), True),
    ("gss/two-week", dt.date(2026, 11, 21), True),
])
def test_closing_dates(program_id: str, day: dt.date, in_force: bool, library: Library) -> None:
    """Each program is in force, or closed, on the days the sources say."""
    version = library.programs[program_id].version_on(day)
    assert version is not None
    assert version.in_force is in_force


def test_alberta_current_job_route_reads_the_same_occupations_as_the_offer(library: Library) -> None:
    """The current-job route's work counts in exactly the occupations an offer may be in (known and probable)."""
    for version in library.programs["alberta/accelerated-tech"].versions:
        by_id = {c.id: c for c, _ in walk(version.conditions, "$")}
        offer_codes: set[str] = set()
        for cid in ("known-codes", "probable-codes"):
            offer = by_id[cid]
            assert isinstance(offer, JobOfferCondition) and offer.occupations is not None
            offer_codes |= set(offer.occupations.codes or ())
        work = by_id["current-alberta-tech-work"]
        assert isinstance(work, WorkExperienceCondition)
        assert work.occupations.codes == tuple(sorted(offer_codes))
        assert len(offer_codes) == 28
