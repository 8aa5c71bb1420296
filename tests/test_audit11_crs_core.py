"""CRS core / human capital factors checked by hand against the official table (audit11, 2026-12-01).

Every expected number is read from research/crs.md, "A. Core / human capital factors" (the IRCC CRS criteria
page), both sides of each edge, with and without an accompanying spouse. The base profile (single, born
1996-06-15, every fact stated as none) scores age 30 = 105 on 2026-11-30 (95 with a spouse); the tests add the
facts they check. Work counts 30 h a week at most, 1,560 h a year, in the window from the same day 10 years
before to the day before the date (364 days at 30 h = 1,560 h).
"""

from __future__ import annotations

import pytest

from tests.test_audit11_support import canadian, celpip, crs, foreign, job, points, spouse, tcf

# --- age -------------------------------------------------------------------------------------------------------

# Age table: 17 or less 0; 18 90/99; 19 95/105; 20-29 100/110; 30 95/105; 44 5/6; 45 or more 0 (with / without).
# On 2026-11-30 a person born 2008-11-30 turns 18 that day; one born 2008-12-01 is still 17.
AGES = [
    ("2008-12-01", 0, 0),       # 17
    ("2008-11-30", 99, 90),     # 18 that day
    ("2007-12-01", 99, 90),     # 18
    ("2007-11-30", 105, 95),    # 19 that day
    ("2006-11-30", 110, 100),   # 20
    ("1996-12-01", 110, 100),   # 29
    ("1996-11-30", 105, 95),    # 30 that day
    ("1995-11-30", 99, 90),     # 31
    ("1986-11-30", 50, 45),     # 40
    ("1985-11-30", 39, 35),     # 41
    ("1982-11-30", 6, 5),       # 44
    ("1981-12-01", 6, 5),       # 44, the day before turning 45
    ("1981-11-30", 0, 0),       # 45 that day
]


@pytest.mark.parametrize(("birth", "without", "with_spouse"), AGES)
def test_age_points_at_each_birthday_edge(birth: str, without: int, with_spouse: int) -> None:
    """Age points follow the table on the birthday and the day before, with and without a spouse."""
    assert crs(birth_date=birth).total == without
    assert crs(birth_date=birth, marital_status="married", spouse=spouse()).total == with_spouse


def test_a_29_february_birthday_counts_from_1_march() -> None:
    """Born 2008-02-29: still 17 (0) on 2026-02-28, 18 (99) on 2026-03-01 (docs/crs.md, how age is counted)."""
    assert crs("2026-02-28", birth_date="2008-02-29").total == 0
    assert crs("2026-03-01", birth_date="2008-02-29").total == 99


# --- education -------------------------------------------------------------------------------------------------

# Education: secondary 28/30; one-year 84/90; two-year 91/98; bachelor's 112/120; two or more (one of 3+ years)
# 119/128; master's or professional 126/135; doctoral 140/150.
LEVELS = [("secondary", 30, 28), ("one_year", 90, 84), ("two_year", 98, 91), ("bachelors", 120, 112),
          ("masters", 135, 126), ("professional", 135, 126), ("doctoral", 150, 140)]


@pytest.mark.parametrize(("level", "without", "with_spouse"), LEVELS)
def test_education_points_per_level(level: str, without: int, with_spouse: int) -> None:
    """A foreign credential with a valid ECA scores its level's row, with and without a spouse."""
    assert points(crs(education=[foreign(level)]))["core.education"] == without
    assert points(crs(education=[foreign(level)], marital_status="married",
                      spouse=spouse()))["core.education"] == with_spouse


@pytest.mark.parametrize(("credentials", "level_points"), [
    # A bachelor's (3+ years) and a one-year diploma: two or more, one of 3 years or more = 128.
    ([canadian("bachelors", 4), canadian("one_year", 1)], 128),
    # Two bachelor's degrees: two or more = 128.
    ([foreign("bachelors"), foreign("bachelors")], 128),
    # A two-year and a one-year diploma: none of 3 years, so only the highest, two-year = 98.
    ([canadian("two_year", 2), canadian("one_year", 1)], 98),
    # A secondary diploma is not post-secondary: the bachelor's alone = 120.
    ([canadian("secondary"), canadian("bachelors", 4)], 120),
    # A master's and a bachelor's: the master's row (135) is above "two or more" (128).
    ([foreign("masters"), foreign("bachelors")], 135),
    # The one-year Canadian diploma with a foreign bachelor's whose ECA is missing: only the one-year = 90.
    ([canadian("one_year", 1), foreign("bachelors", eca_issued=None)], 90),
    # ... whose ECA says two-year: 98 (two credentials, none of 3 years).
    ([canadian("one_year", 1), foreign("bachelors", eca_level="two_year")], 98),
])
def test_two_or_more_credentials(credentials: list[dict[str, object]], level_points: int) -> None:
    """"Two or more credentials, one of 3 years or more" needs two recognized post-secondary credentials."""
    assert points(crs(education=credentials))["core.education"] == level_points


@pytest.mark.parametrize(("issued", "level_points"), [("2021-11-30", 0), ("2021-12-01", 135)])
def test_an_eca_counts_less_than_5_years(issued: str, level_points: int) -> None:
    """An ECA issued 5 years before the day no longer counts (0); one issued a day later does (master's 135)."""
    assert points(crs(education=[foreign("masters", eca_issued=issued)])).get("core.education", 0) == level_points


def test_the_eca_level_is_scored_not_the_level_claimed() -> None:
    """A master's assessed by the ECA as a bachelor's scores the bachelor's row (120)."""
    assert points(crs(education=[foreign("masters", eca_level="bachelors")]))["core.education"] == 120


# --- first official language -------------------------------------------------------------------------------------

# First official language per ability: below CLB 4 0; 4 or 5 6; 6 8/9; 7 16/17; 8 22/23; 9 29/31; 10+ 32/34.
FIRST = [(3, 0, 0), (4, 24, 24), (5, 24, 24), (6, 36, 32), (7, 68, 64), (8, 92, 88), (9, 124, 116),
         (10, 136, 128), (12, 136, 128)]


@pytest.mark.parametrize(("clb", "without", "with_spouse"), FIRST)
def test_first_language_per_ability_at_each_clb(clb: int, without: int, with_spouse: int) -> None:
    """CLB 3 to 10+ in all four: four times the table's points, with and without a spouse."""
    assert crs(language_tests=[celpip(clb)]).total == 105 + without
    assert crs(language_tests=[celpip(clb)], marital_status="married", spouse=spouse()).total == 95 + with_spouse


def test_first_language_mixed_abilities() -> None:
    """CLB 10/9/8/7 (L/R/W/S): 34 + 31 + 23 + 17 = 105 without a spouse, 32 + 29 + 22 + 16 = 99 with one."""
    tests = [celpip(10, 9, 8, 7)]
    assert points(crs(language_tests=tests))["core.first_language"] == 105
    assert points(crs(language_tests=tests, marital_status="married", spouse=spouse()))["core.first_language"] == 99


@pytest.mark.parametrize(("taken", "first"), [("2024-11-30", 0), ("2024-12-01", 124)])
def test_a_test_counts_less_than_2_years(taken: str, first: int) -> None:
    """A test taken 2 years before the day no longer counts; one taken a day later does (CLB 9: 124)."""
    assert points(crs(language_tests=[celpip(9, taken=taken)])).get("core.first_language", 0) == first


def test_french_first_when_it_scores_higher() -> None:
    """French NCLC 9 and English CLB 5 without a stated first language: French first (124), English second
    (CLB 5: 1 x 4 = 4), French bonus 50 (NCLC 7+ with English CLB 5+): 105 + 124 + 4 + 50 = 283."""
    result = crs(language_tests=[tcf(9), celpip(5)])
    assert result.first_official_language is not None and result.first_official_language.language == "french"
    assert points(result) == {"core.age": 105, "core.first_language": 124, "core.second_language": 4,
                              "additional.french": 50}


# --- second official language ------------------------------------------------------------------------------------

# Second official language per ability: 4 or less 0; 5 or 6 1; 7 or 8 3; 9 or more 6; at most 22 with a spouse,
# 24 without. English CLB 10 is first (136 / 128); French NCLC 7+ also earns the French bonus (50, English 5+).
SECOND = [(4, 0, 0, 0), (5, 4, 4, 0), (6, 4, 4, 0), (7, 12, 12, 50), (8, 12, 12, 50), (9, 24, 22, 50),
          (10, 24, 22, 50)]


@pytest.mark.parametrize(("nclc", "without", "with_spouse", "french"), SECOND)
def test_second_language_per_ability_and_its_caps(nclc: int, without: int, with_spouse: int, french: int) -> None:
    """French NCLC 4 to 10 as second language: 0 / 1 / 3 / 6 an ability, capped at 24 (22 with a spouse)."""
    tests = [celpip(10), tcf(nclc)]
    alone = crs(language_tests=tests, first_official_language="english")
    assert points(alone).get("core.second_language", 0) == without
    assert alone.total == 105 + 136 + without + french
    married = crs(language_tests=tests, first_official_language="english", marital_status="married", spouse=spouse())
    assert points(married).get("core.second_language", 0) == with_spouse
    assert married.total == 95 + 128 + with_spouse + french


def test_second_language_is_per_ability_not_all_four() -> None:
    """French NCLC 9/9/9/4 (R/W/L/S) as second: 6 + 6 + 6 + 0 = 18; no ability needs CLB 5 in all four."""
    tests = [celpip(10), tcf(9, speaking=4)]
    assert points(crs(language_tests=tests, first_official_language="english"))["core.second_language"] == 18


# --- Canadian work -------------------------------------------------------------------------------------------------

# Canadian work: 1 year 35/40; 2 46/53; 3 56/64; 4 63/72; 5 or more 70/80; 1 year = 1,560 h; 30 h a week count.
CANADIAN = [
    (job("2025-01-01", "2025-12-29"), 0, 0),                # 363 days: 1,555.7 h
    (job("2025-01-01", "2025-12-30"), 40, 35),              # 364 days: 1,560 h
    (job("2025-01-01", "2025-12-30", hours=45), 40, 35),    # over 30 h a week counts 30
    (job("2023-01-01", "2024-12-26", hours=15), 0, 0),      # 726 days at 15 h: 1,555.7 h
    (job("2023-01-01", "2024-12-28", hours=15), 40, 35),    # 728 days at 15 h: 1,560 h
    (job("2024-01-01", "2025-12-30"), 53, 46),              # 730 days: 3,128.6 h = 2 years
    (job("2023-01-01", "2025-12-30"), 64, 56),              # 1,095 days: 3 years
    (job("2022-01-01", "2025-12-30"), 72, 63),              # 1,460 days: 4 years
    (job("2021-01-01", "2025-12-30"), 80, 70),              # 1,825 days: 5 years
    (job("2010-01-01", "2026-11-29"), 80, 70),              # 10 years in the window: 5 or more
]


@pytest.mark.parametrize(("work", "without", "with_spouse"), CANADIAN)
def test_canadian_work_years(work: dict[str, object], without: int, with_spouse: int) -> None:
    """Whole years of 1,560 h of skilled work in Canada, with and without a spouse."""
    assert points(crs(work=[work])).get("core.canadian_work", 0) == without
    assert points(crs(work=[work], marital_status="married",
                      spouse=spouse())).get("core.canadian_work", 0) == with_spouse


@pytest.mark.parametrize(("end", "years_points"), [("2016-11-29", 0), ("2017-11-27", 0), ("2017-11-28", 40)])
def test_canadian_work_in_the_last_10_years(end: str, years_points: int) -> None:
    """On 2026-11-30 the window starts 2016-11-30: a job ending 2016-11-29 is out; from 2015 to 2017-11-27 only
    363 days are in it (0); to 2017-11-28, 364 days (1 year, 40)."""
    assert points(crs(work=[job("2015-01-01", end)])).get("core.canadian_work", 0) == years_points


@pytest.mark.parametrize("flag", [{"self_employed": True}, {"full_time_student": True}, {"authorized": False},
                                  {"paid": False}, {"noc": "65200"}])
def test_canadian_work_that_does_not_count(flag: dict[str, object]) -> None:
    """Self-employed, full-time student, unauthorized, unpaid or TEER 4-5 (65200) work in Canada scores 0."""
    work = job("2021-01-01", "2025-12-30") | flag
    assert points(crs(work=[work])) == {"core.age": 105}


def test_known_none_scores_zero() -> None:
    """Every fact stated as none (no credential, test, work, offer, certificate, relative, nomination): only age."""
    result = crs()
    assert (result.total, result.low, result.high) == (105, 105, 105)
    assert points(result) == {"core.age": 105}


@pytest.mark.parametrize(("hours", "end", "years_points"), [(15, "2025-12-30", 40), (20, "2025-12-30", 40),
                                                           (20, "2025-12-29", 0)])
def test_concurrent_jobs_add_up_to_30_hours_a_week(hours: float, end: str, years_points: int) -> None:
    """Two jobs at the same time: 15 + 15 h for 364 days = 1,560 h (40); 20 + 20 h count 30 a week, so 364 days
    are a year (40) and 363 days are not (0)."""
    work = [job("2025-01-01", end, hours=hours), job("2025-01-01", end, hours=hours, employer="Other")]
    assert points(crs(work=work)).get("core.canadian_work", 0) == years_points
