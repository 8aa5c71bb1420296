"""The CRS's shortcuts of the seventh pass: the exclusions of the CRS's own rules worked out per kind of row
(``work_years._reasons``) are the evaluation's (``exclusions``), and a language reading's evidence, shared by several
measures, is named per measure in copies that leave the shared items as they are."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings

from eligibility.facts import Facts
from eligibility.measure.work_classes import exclusions
from eligibility.measure.work_rows import work_table
from eligibility.profile.model import Profile
from eligibility.ranking.languages import read_languages
from eligibility.ranking.measures import tagged
from eligibility.ranking.work_years import CANADIAN_EXCLUDED, FOREIGN_EXCLUDED, SPOUSE_EXCLUDED, _reasons
from tests.strategies import profiles
from tests.test_crs_paths import _test_fact

DAY = dt.date(2026, 3, 1)


@settings(max_examples=200, deadline=None)
@given(profiles())
def test_the_crs_exclusions_per_kind_are_the_evaluations(profile: Profile) -> None:
    """Each person's rows, under each of the CRS's rules: why each is excluded (or None) is what ``exclusions`` gives
    for the same rules, row by row (worked out first per kind, then by the evaluation's function)."""
    facts = Facts(profile, DAY)
    for person in ("applicant", "spouse"):
        table = work_table(facts, person)
        if table is None:
            continue
        for location, exclude in (("canada", CANADIAN_EXCLUDED), ("abroad", FOREIGN_EXCLUDED),
                                  ("canada", SPOUSE_EXCLUDED)):
            mine = _reasons(table, location, exclude)
            assert mine == exclusions(table, (location, exclude, None))[0]
            assert len(mine) == len(table.rows)


def test_a_language_reading_is_named_per_measure_in_copies() -> None:
    """The English reading of two tests: each measure that reads it names itself first in each item, the other keys
    in the shared item's order, and the shared reading's items stay unnamed (two measures never share an item)."""
    tests = (_test_fact(0, "ielts_general", dt.date(2025, 5, 1), "english", (9, 7, 10, 8)),
             _test_fact(1, "celpip_general", dt.date(2025, 1, 9), "english", (7, 7, 9, 9)))
    english, _ = read_languages(tests, "$.language_tests", True)
    assert [item["measure"] for item in english.evidence] == [None, None]
    first, second = tagged("first_language", english), tagged("english_all", english)
    for named, measure in ((first, "first_language"), (second, "english_all")):
        assert [next(iter(item)) for item in named.evidence] == ["measure", "measure"]
        assert [item["measure"] for item in named.evidence] == [measure, measure]
        assert [item["taken"] for item in named.evidence] == ["2025-05-01", "2025-01-09"]
        assert [list(item)[1:] for item in named.evidence] == [list(item)[1:] for item in english.evidence]
    assert [item["measure"] for item in english.evidence] == [None, None]
    assert all(a is not b for a, b in zip(first.evidence, second.evidence, strict=True))
