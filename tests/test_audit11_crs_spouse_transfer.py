"""CRS spouse factors, skill transferability and additional points checked by hand (audit11, 2026-12-01).

Expected numbers come from research/crs.md, sections B, C and D and its "Traps" (the IRCC CRS criteria page):
both sides of each edge, each group's cap of 50, the block's cap of 100 and the additional points' cap of 600.
The base profile (single, born 1996-06-15, every fact stated as none) scores age 30 = 105 on 2026-11-30, 95
with an accompanying spouse.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_audit11_support import canadian, celpip, crs, foreign, job, points, sections, spouse, tcf

MARRIED: dict[str, Any] = {"marital_status": "married"}

# --- spouse or common-law partner factors ---------------------------------------------------------------------

# Spouse's first official language per ability: CLB 4 or less 0 (not 1); 5 or 6 1; 7 or 8 3; 9 or more 5.
SPOUSE_LANGUAGE = [(3, 0), (4, 0), (5, 4), (6, 4), (7, 12), (8, 12), (9, 20), (10, 20)]


@pytest.mark.parametrize(("clb", "language_points"), SPOUSE_LANGUAGE)
def test_spouse_language_per_ability(clb: int, language_points: int) -> None:
    """The spouse's CLB in all four: 0 up to CLB 4, then 1 / 3 / 5 an ability."""
    result = crs(**MARRIED, spouse=spouse(language_tests=[celpip(clb)]))
    assert points(result).get("spouse.language", 0) == language_points
    assert result.total == 95 + language_points


def test_spouse_at_clb_4_earning_nothing_else() -> None:
    """Trap: a spouse at CLB 4 with no credential and no work adds 0 (not 1 an ability): 95 in all."""
    assert crs(**MARRIED, spouse=spouse(language_tests=[celpip(4)])).total == 95


def test_spouse_language_mixed_and_french() -> None:
    """Spouse CLB 9/9/9/4: 5 + 5 + 5 + 0 = 15; a spouse's French NCLC 9 counts the same: 20."""
    assert points(crs(**MARRIED, spouse=spouse(language_tests=[celpip(9, 9, 9, 4)])))["spouse.language"] == 15
    assert points(crs(**MARRIED, spouse=spouse(language_tests=[tcf(9)])))["spouse.language"] == 20


def test_spouse_test_older_than_2_years_scores_zero() -> None:
    """A spouse's test taken 2 years before the day no longer counts."""
    assert crs(**MARRIED, spouse=spouse(language_tests=[celpip(9, taken="2024-11-30")])).total == 95


# Spouse's education: secondary 2; one-year 6; two-year 7; bachelor's 8; two or more 9; master's 10; doctoral 10.
SPOUSE_EDUCATION = [([canadian("secondary")], 2), ([canadian("one_year", 1)], 6), ([canadian("two_year", 2)], 7),
                    ([canadian("bachelors", 4)], 8), ([canadian("bachelors", 4), canadian("one_year", 1)], 9),
                    ([foreign("masters")], 10), ([foreign("professional")], 10), ([foreign("doctoral")], 10),
                    ([foreign("masters", eca_issued=None)], 0)]


@pytest.mark.parametrize(("education", "education_points"), SPOUSE_EDUCATION)
def test_spouse_education(education: list[dict[str, object]], education_points: int) -> None:
    """The spouse's highest recognized credential (a foreign one needs a valid ECA)."""
    assert crs(**MARRIED, spouse=spouse(education=education)).total == 95 + education_points


# Spouse's Canadian work: 1 year 5; 2 7; 3 8; 4 9; 5 or more 10.
SPOUSE_WORK = [(job("2025-01-01", "2025-12-29"), 0), (job("2025-01-01", "2025-12-30"), 5),
               (job("2024-01-01", "2025-12-30"), 7), (job("2023-01-01", "2025-12-30"), 8),
               (job("2022-01-01", "2025-12-30"), 9), (job("2021-01-01", "2025-12-30"), 10),
               (job("2010-01-01", "2016-11-29"), 0)]


@pytest.mark.parametrize(("work", "work_points"), SPOUSE_WORK)
def test_spouse_canadian_work(work: dict[str, object], work_points: int) -> None:
    """The spouse's whole years of skilled Canadian work in the last 10 years."""
    assert crs(**MARRIED, spouse=spouse(work=[work])).total == 95 + work_points


def test_spouse_block_at_its_most() -> None:
    """Doctoral 10 + CLB 9 in all four 20 + 5 years 10 = 40, the block's maximum."""
    result = crs(**MARRIED, spouse=spouse(education=[foreign("doctoral")], language_tests=[celpip(10)],
                                          work=[job("2019-01-01", "2025-12-30")]))
    assert sections(result)["spouse"]["subtotal"] == 40 and result.total == 135


@pytest.mark.parametrize("who", [{"canadian_citizen_or_pr": True}, {"accompanying": False}])
def test_a_spouse_who_does_not_count_is_no_spouse(who: dict[str, bool]) -> None:
    """A spouse who is a citizen or PR, or is not accompanying: the no-spouse columns (105), spouse factors 0."""
    result = crs(**MARRIED, spouse=spouse(language_tests=[celpip(9)], **who))
    assert result.with_spouse is False and result.total == 105


# --- skill transferability: education ---------------------------------------------------------------------------

CDN_1 = job("2025-01-01", "2025-12-30")         # 1 year of Canadian work: 40 (35 with a spouse)
CDN_2 = job("2024-01-01", "2025-12-30")         # 2 years: 53 (46)
# Education with CLB 7+ / CLB 9+ and with 1 / 2+ years of Canadian work: one year or longer (a single bachelor's
# included) 13 / 25; two or more, master's, professional, doctoral 25 / 50; the two together at most 50.
EDUCATION_GROUP = [
    # credential, first language (CLB in all four), Canadian work, (education + language, education + work)
    ("secondary", 9, CDN_2, (0, 0)),
    ("one_year", 7, CDN_1, (13, 13)),
    ("two_year", 9, CDN_2, (25, 25)),
    ("bachelors", 7, CDN_1, (13, 13)),   # trap: a single bachelor's is 13 / 25, not 25 / 50
    ("bachelors", 9, CDN_2, (25, 25)),
    ("masters", 7, CDN_1, (25, 25)),
    ("masters", 9, None, (50, 0)),
    ("professional", 9, CDN_1, (50, 25)),
    ("doctoral", 9, CDN_2, (50, 50)),
]


@pytest.mark.parametrize(("level", "clb", "work", "expected"), EDUCATION_GROUP)
def test_education_transferability(level: str, clb: int, work: dict[str, object] | None,
                                   expected: tuple[int, int]) -> None:
    """Each combination's points, and the group capped at 50."""
    result = crs(education=[foreign(level)], language_tests=[celpip(clb)], work=[work] if work else [])
    found = points(result)
    assert (found.get("transferability.education.language", 0),
            found.get("transferability.education.canadian_work", 0)) == expected
    assert sections(result)["transferability"]["education"] == min(50, sum(expected))


def test_two_credentials_get_the_higher_row() -> None:
    """A bachelor's and a one-year diploma ("two or more, one of 3 years") with CLB 9: 50, not 25."""
    found = points(crs(education=[canadian("bachelors", 4), canadian("one_year", 1)], language_tests=[celpip(9)]))
    assert found["transferability.education.language"] == 50


@pytest.mark.parametrize(("tests", "expected"), [
    ([celpip(9, 9, 9, 8)], 13),   # all four 7 or more, one under 9: the CLB 7 column
    ([celpip(9, 9, 9, 6)], 0),    # one ability under 7: nothing
    ([celpip(10, 9, 9, 9)], 25),  # all four 9 or more
])
def test_clb_7_and_9_mean_all_four_abilities(tests: list[dict[str, object]], expected: int) -> None:
    """The language columns read the lowest ability of the first official language (bachelor's row)."""
    found = points(crs(education=[foreign("bachelors")], language_tests=tests))
    assert found.get("transferability.education.language", 0) == expected


def test_transferability_reads_the_first_official_language() -> None:
    """French NCLC 9 first, English CLB 5 second, a master's: education + language 50 from the French test."""
    result = crs(education=[foreign("masters")], language_tests=[tcf(9), celpip(5)], first_official_language="french")
    assert points(result)["transferability.education.language"] == 50
    english = crs(education=[foreign("masters")], language_tests=[tcf(9), celpip(5)], first_official_language="english")
    assert points(english).get("transferability.education.language", 0) == 0


# --- skill transferability: foreign work --------------------------------------------------------------------

# Foreign work 1 or 2 years: 13 (CLB 7+) / 25 (CLB 9+); 3 years or more 25 / 50; with 1 / 2+ years of Canadian
# work the same numbers; together at most 50.
FOREIGN_LANGUAGE = [
    (job("2025-01-01", "2025-12-29", country="IN"), 7, 0),   # 363 days: under a year
    (job("2025-01-01", "2025-12-30", country="IN"), 7, 13),
    (job("2025-01-01", "2025-12-30", country="IN"), 9, 25),
    (job("2024-01-01", "2025-12-30", country="IN"), 9, 25),  # 2 years: still the 1-or-2 row
    (job("2023-01-05", "2025-12-30", country="IN"), 9, 25),  # 1,091 days: 4,675.7 h, 2 years
    (job("2023-01-03", "2025-12-30", country="IN"), 7, 25),  # 1,093 days: 4,684.3 h, 3 years
    (job("2023-01-03", "2025-12-30", country="IN"), 9, 50),
    (job("2015-01-01", "2017-11-27", country="IN"), 9, 0),   # 363 days in the window
    (job("2015-01-01", "2017-11-28", country="IN"), 9, 25),  # 364 days in the window
    (job("2019-01-01", "2025-12-30", country="IN", noc="64100"), 9, 0),  # TEER 4 abroad: not skilled
]


@pytest.mark.parametrize(("work", "clb", "expected"), FOREIGN_LANGUAGE)
def test_foreign_work_with_language(work: dict[str, object], clb: int, expected: int) -> None:
    """Foreign skilled work in the last 10 years with the first official language."""
    found = points(crs(work=[work], language_tests=[celpip(clb)]))
    assert found.get("transferability.foreign_work.language", 0) == expected


@pytest.mark.parametrize(("foreign_work", "canadian_work", "expected"), [
    (job("2024-01-01", "2024-12-30", country="IN"), CDN_1, 13),
    (job("2022-01-01", "2022-12-30", country="IN"), CDN_2, 25),
    (job("2020-01-01", "2022-12-30", country="IN"), CDN_1, 25),
    (job("2020-01-01", "2022-12-30", country="IN"), CDN_2, 50),
])
def test_foreign_work_with_canadian_work(foreign_work: dict[str, object], canadian_work: dict[str, object],
                                         expected: int) -> None:
    """1-2 / 3+ years abroad with 1 / 2+ years in Canada."""
    found = points(crs(work=[foreign_work, canadian_work]))
    assert found["transferability.foreign_work.canadian_work"] == expected


def test_foreign_work_group_capped_at_50() -> None:
    """3 years abroad, CLB 9, 2 years in Canada: 50 + 50, the group 50; 105 + 124 + 53 + 50 = 332."""
    result = crs(work=[job("2020-01-01", "2022-12-30", country="IN"), CDN_2], language_tests=[celpip(9)])
    assert sections(result)["transferability"]["foreign_work"] == 50 and result.total == 332


# --- skill transferability: certificate of qualification ---------------------------------------------------

CERTIFICATE = [{"noc": "72200", "issued_by": "AB", "issued": "2025-03-10"}]


@pytest.mark.parametrize(("tests", "expected"), [
    ([celpip(4)], 0), ([celpip(5)], 25), ([celpip(6)], 25), ([celpip(9, 9, 9, 6)], 25), ([celpip(7)], 50),
    ([celpip(9)], 50), ([celpip(7, 7, 7, 4)], 0), ([], 0),
])
def test_certificate_of_qualification(tests: list[dict[str, object]], expected: int) -> None:
    """A certificate with CLB 5+ in all four, one under 7: 25; CLB 7+ in all four: 50; otherwise 0."""
    found = points(crs(certificates_of_qualification=CERTIFICATE, language_tests=tests))
    assert found.get("transferability.certificate.language", 0) == expected


def test_a_certificate_issued_after_the_day_does_not_count() -> None:
    """Issued 2025-03-10: nothing on 2025-03-09, 50 with CLB 9 on 2025-03-10."""
    assert points(crs("2025-03-09", certificates_of_qualification=CERTIFICATE, language_tests=[celpip(
        9, taken="2025-01-10")])).get("transferability.certificate.language", 0) == 0
    assert points(crs("2025-03-10", certificates_of_qualification=CERTIFICATE, language_tests=[celpip(
        9, taken="2025-01-10")]))["transferability.certificate.language"] == 50


def test_transferability_capped_at_100() -> None:
    """Master's, CLB 9, 3 years abroad, 2 years in Canada and a certificate: 50 + 50 + 50 -> 100.
    105 + 135 + 124 + 53 = 417 core, + 100 = 517."""
    result = crs(education=[foreign("masters")], language_tests=[celpip(9)], certificates_of_qualification=CERTIFICATE,
                 work=[job("2015-01-01", "2019-12-30", country="IN"), CDN_2])
    found = sections(result)["transferability"]
    assert (found["education"], found["foreign_work"], found["certificate"], found["subtotal"]) == (50, 50, 50, 100)
    assert result.total == 517


# --- additional points -------------------------------------------------------------------------------------------

NOMINATION = {"province": "ON", "issued": "2026-01-10"}


def test_provincial_nomination_from_its_day() -> None:
    """600 from the day it is issued, 0 the day before (age 29 in January 2026: 110)."""
    assert crs("2026-01-09", provincial_nomination=NOMINATION).total == 110
    assert crs("2026-01-10", provincial_nomination=NOMINATION).total == 710


def test_additional_points_capped_at_600() -> None:
    """Nomination 600 + Canadian bachelor's 30 + sibling 15 + French 50 = 695 -> 600.
    Core: 105 + bachelor's 120 + French NCLC 7 first 68 + English CLB 5 second 4 = 297; transferability:
    bachelor's with NCLC 7 = 13. Total 297 + 13 + 600 = 910."""
    result = crs(provincial_nomination=NOMINATION, relatives_in_canada=["sibling"],
                 education=[canadian("bachelors", 4)], language_tests=[tcf(7), celpip(5)])
    assert sections(result)["additional"]["subtotal"] == 600 and result.total == 910


@pytest.mark.parametrize(("relatives", "expected"), [(["sibling"], 15), (["parent", "aunt_uncle"], 0)])
def test_sibling(relatives: list[str], expected: int) -> None:
    """A brother or sister in Canada: 15; other relatives: 0."""
    assert crs(relatives_in_canada=relatives).total == 105 + expected


def test_a_sibling_with_an_accompanying_spouse() -> None:
    """The sibling points are the same with a spouse: 95 + 15."""
    assert crs(**MARRIED, spouse=spouse(), relatives_in_canada=["sibling"]).total == 110


# French: NCLC 7+ in all four with English CLB 4 or less (or no English test) 25; with CLB 5+ in all four 50.
FRENCH = [
    ([tcf(7)], 25, 105 + 68 + 25),
    ([tcf(7), celpip(4)], 25, 105 + 68 + 0 + 25),
    ([tcf(7), celpip(5)], 50, 105 + 68 + 4 + 50),
    # English 10/10/10/4: one ability at 4, so 25; English first (34 x 3 + 6 = 108), French second 12.
    ([tcf(7), celpip(10, 10, 10, 4)], 25, 105 + 108 + 12 + 25),
    # French NCLC 7/7/7/6: not NCLC 7 in all four, no bonus; French first 17 x 3 + 9 = 60, English 4.
    ([tcf(7, speaking=8), celpip(5)], 0, 105 + 60 + 4),
    # An English test 2 years old does not count: no English test, 25.
    ([tcf(7), celpip(9, taken="2024-11-30")], 25, 105 + 68 + 25),
]


@pytest.mark.parametrize(("tests", "french", "total"), FRENCH)
def test_french_bonus(tests: list[dict[str, object]], french: int, total: int) -> None:
    """The French bonus reads French in all four and English in all four."""
    result = crs(language_tests=tests)
    assert points(result).get("additional.french", 0) == french and result.total == total


@pytest.mark.parametrize(("years", "expected"), [(None, (15, 30))])
def test_canadian_bachelors_of_unstated_length_is_a_range(years: int | None, expected: tuple[int, int]) -> None:
    """A Canadian bachelor's without its length: 15 (if 1-2 years) to 30 (3+), total null."""
    result = crs(education=[canadian("bachelors", years)])
    factor = next(f for f in result.factors if f.id == "additional.canadian_education")
    assert (factor.low, factor.high) == expected and result.total is None
    assert (result.low, result.high) == (105 + 120 + 15, 105 + 120 + 30)


@pytest.mark.parametrize(("credential", "expected"), [
    (canadian("secondary"), 0), (canadian("one_year", 1), 15), (canadian("two_year", 2), 15),
    (canadian("bachelors", 3), 30), (canadian("masters", 1), 30), (canadian("professional", 4), 30),
    (canadian("doctoral", 4), 30), (canadian("two_year", 2, full_time=False), 0), (foreign("doctoral"), 0),
])
def test_canadian_education(credential: dict[str, object], expected: int) -> None:
    """A Canadian credential of 1-2 years 15; 3+ years, master's, professional or doctoral 30; part-time or
    foreign 0."""
    assert points(crs(education=[credential])).get("additional.canadian_education", 0) == expected


def test_transferability_is_the_same_with_a_spouse() -> None:
    """A bachelor's with CLB 9 and 2 years in Canada: 25 + 25 with an accompanying spouse too (one column)."""
    found = points(crs(**MARRIED, spouse=spouse(), education=[foreign("bachelors")], language_tests=[celpip(9)],
                       work=[CDN_2]))
    assert (found["transferability.education.language"], found["transferability.education.canadian_work"]) == (25, 25)
    assert found["core.canadian_work"] == 46 and found["core.education"] == 112 and found["core.first_language"] == 116


def test_nomination_and_offer_in_2015_capped_at_600() -> None:
    """On 2015-06-01 a nomination (600) and an LMIA-based offer of no end date (600): 600 in all; age 18 (99)."""
    result = crs("2015-06-01", job_offer={"noc": "21231", "employer": "Acme", "province": "ON", "hours_per_week": 40,
                                          "duration_months": None, "lmia": "positive", "seasonal": False},
                 provincial_nomination={"province": "ON", "issued": "2015-03-01"})
    assert sections(result)["additional"]["subtotal"] == 600 and result.total == 699


def test_spouse_work_unknown_is_a_range() -> None:
    """A spouse whose work is not given: 0 to 10 for it, 95 .. 105."""
    described = spouse()
    described.pop("work")
    result = crs(**MARRIED, spouse=described)
    assert (result.low, result.high, result.total) == (95, 105, None)
    assert list(result.settled_by) == ["$.spouse.work"]
