"""Why each row of a work table is excluded under a count's rules, worked out once per table and rules by the
row's kind (``measure/work_classes.exclusions``): each row's reason is the one its own work entry gives
(``excluded_because``), and the rows of each reason are listed in the table's order, the reasons in the order of
their first row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from eligibility.errors import InputError
from eligibility.facts import Facts
from eligibility.measure.work_classes import exclusions
from eligibility.measure.work_rows import excluded_because, work_table
from eligibility.profile.load import profile_from_data
from tests.strategies import examples, work_entries

RULES: list[Any] = [("any", ("unpaid",), None), ("canada", ("unpaid", "unauthorized"), None),
                    ("abroad", (), None), ("canada", ("unpaid", "self_employed", "full_time_student", "unauthorized"),
                                          None), ("any", ("unpaid",), ("ON", "BC"))]


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(work_entries(), max_size=8))
def test_each_row_has_its_own_entry_s_reason(work: list[dict[str, Any]]) -> None:
    """On any history, for each of five rules: every row's reason, and the rows of each reason in order."""
    try:
        profile = profile_from_data({"work": work})
    except InputError:  # a job ending before it starts, for one: not a profile
        assume(False)
        raise
    table = work_table(Facts(profile, dt.date(2026, 3, 1)))
    assert table is not None
    for rules in RULES:
        reasons, at = exclusions(table, rules)
        expected = [excluded_because(row.entry, *rules) for row in table.rows]
        assert list(reasons) == expected
        by_reason: dict[str, list[int]] = {}
        for pos, reason in enumerate(expected):
            if reason is not None:
                by_reason.setdefault(reason, []).append(pos)
        assert list(at.items()) == list(by_reason.items())


def test_two_kinds_with_one_reason() -> None:
    """Two jobs abroad of different kinds (one paid, one self-employed) and one in Canada between them: under
    work in Canada only, both are "not in Canada", in the table's order."""
    job = {"start": "2020-01-01", "end": "2020-06-30", "hours_per_week": 40}
    work = [{**job, "country": "IT"}, {**job, "country": "CA", "province": "ON"},
            {**job, "country": "FR", "self_employed": True}]
    table = work_table(Facts(profile_from_data({"work": work}), dt.date(2026, 3, 1)))
    assert table is not None
    reasons, at = exclusions(table, ("canada", ("unpaid",), None))
    assert reasons == ("not in Canada", None, "not in Canada")
    assert at == {"not in Canada": [0, 2]}
