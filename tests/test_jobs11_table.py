"""The work table made in one pass (jobs11): whether no two jobs share a day and the order of its rows (oldest first,
newest first, neither), told without sorting when the rows are in order, are what their definitions say, on any
generated history; and hand-made cases."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Any

import attrs
from hypothesis import given, settings

from eligibility.facts import Facts
from eligibility.measure.work_rows import WorkTable, work_table
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import Profile
from tests.strategies import as_of_dates, examples, profiles
from tests.test_jobs10_disjoint import disjoint_histories


def _defined(table: WorkTable) -> tuple[bool, int, tuple[list[int], list[int]]]:
    """The definitions: sorted by first day, each row ends before the next starts (no two share a day); on such a
    table of two rows or more, the rows as listed are that order (1), or that order reversed (-1)."""
    rows = list(table.rows)
    order = sorted(rows, key=lambda row: row.first)
    disjoint = all(a.last < b.first for a, b in pairwise(order))
    if disjoint and len(rows) > 1 and order == rows:
        return True, 1, ([row.first for row in rows], [row.last for row in rows])
    if disjoint and len(rows) > 1 and order[::-1] == rows:
        return True, -1, ([-row.first for row in rows], [-row.last for row in rows])
    return disjoint, 0, ([], [])


def _check(profile: Profile, day: dt.date) -> None:
    table = work_table(Facts(profile, day))
    if table is None:
        return
    assert (table.disjoint, table.direction, table.days) == _defined(table)
    # Each row's own values, as the work entry and its last day counted give them.
    for position, row in enumerate(table.rows):
        assert row.position == position and table.pairs[position] == (row, row.part)
        assert row.part == (row.index, row.entry.start.toordinal(), row.end.toordinal(), row.weekly)
        assert (row.first, row.last) == (row.part[1], row.part[2])
        # Its kind: the row is among its kind's rows, and that kind is what the rules read of the row's job.
        kind = list(table.kinds)[table.kind_ids[position]]
        assert position in table.kind_rows[table.kind_ids[position]]
        e = row.entry
        assert kind == (e.country, e.province, e.paid, e.self_employed, e.full_time_student, e.authorized,
                        e.hours_per_week < 30, e.end is not None and e.end < day)


@settings(max_examples=examples(100), deadline=None)
@given(profile=profiles(), jobs=disjoint_histories(), day=as_of_dates())
def test_order_of_histories_of_jobs_one_after_another(profile: Profile, jobs: list[dict[str, Any]],
                                                       day: dt.date) -> None:
    """Jobs one after another, oldest first, newest first or in any order."""
    _check(attrs.evolve(profile, work=profile_from_data({"work": jobs}).work), day)


@settings(max_examples=examples(100), deadline=None)
@given(profile=profiles(), day=as_of_dates())
def test_order_of_any_history(profile: Profile, day: dt.date) -> None:
    """Any generated profile (jobs that overlap among them)."""
    _check(profile, day)


def _table(*spans: tuple[str, str]) -> WorkTable:
    work = [{"start": a, "end": b, "country": "CA", "hours_per_week": 40, "noc": "63200"} for a, b in spans]
    table = work_table(Facts(profile_from_data({"work": work}), dt.date(2025, 1, 1)))
    assert table is not None
    return table


def test_orders_by_hand() -> None:
    """2020, then 2021, then 2022 (back to back: 31 December and 1 January are different days): oldest first;
    listed the other way round, newest first with the days negated; 2021 listed between 2022 and 2020: no two
    share a day, in neither order; a job ending on the day the next one starts: they share a day. One job: no two
    share a day, and no order is told."""
    years = [("2020-01-01", "2020-12-31"), ("2021-01-01", "2021-12-31"), ("2022-01-01", "2022-12-31")]
    firsts = [dt.date(y, 1, 1).toordinal() for y in (2020, 2021, 2022)]
    lasts = [dt.date(y, 12, 31).toordinal() for y in (2020, 2021, 2022)]
    table = _table(*years)
    assert (table.disjoint, table.direction, table.days) == (True, 1, (firsts, lasts))
    table = _table(*years[::-1])
    assert (table.disjoint, table.direction) == (True, -1)
    assert table.days == ([-d for d in firsts[::-1]], [-d for d in lasts[::-1]])
    table = _table(years[1], years[2], years[0])
    assert (table.disjoint, table.direction, table.days) == (True, 0, ([], []))
    table = _table(("2020-01-01", "2020-06-30"), ("2020-06-30", "2020-12-31"))
    assert (table.disjoint, table.direction) == (False, 0)
    table = _table(*years[:1])
    assert (table.disjoint, table.direction, table.days) == (True, 0, ([], []))
