"""Days' texts read from tables by ordinal (jobs11): ``work_rows.DAYS`` (an evidence item's first and last days) and
the digest's quoted days, against the dates' ISO text, by hand and on any date, past their bounds too; and the
days of an item counted for a part of a job cut by a window."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.converter import unstructure
from eligibility.engines import digest
from eligibility.engines.digest import canonical_json
from eligibility.facts import Facts
from eligibility.measure import work_rows
from eligibility.measure.work_classes import classify
from eligibility.measure.work_rows import DAYS, work_table
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import WorkEntry
from tests.strategies import examples


def test_days_by_hand() -> None:
    """Four digits of year (zero-padded), two of month and of day: the first day of the calendar (ordinal 1), the
    last of year 999, 29 February 2024, the last day a date can hold."""
    assert DAYS[1] == "0001-01-01"
    assert DAYS[dt.date(999, 12, 31).toordinal()] == "0999-12-31"
    assert DAYS[dt.date(2024, 2, 29).toordinal()] == "2024-02-29"
    assert DAYS[dt.date(9999, 12, 31).toordinal()] == "9999-12-31"
    # Read again: the same text (kept).
    assert DAYS[dt.date(2024, 2, 29).toordinal()] == "2024-02-29"


@settings(max_examples=examples(200), deadline=None)
@given(st.dates())
def test_days_are_isoformat(day: dt.date) -> None:
    """Any date: the text ``isoformat`` writes, in quotes for the digest (json.dumps of the converter's text)."""
    assert DAYS[day.toordinal()] == day.isoformat()
    assert canonical_json(day) == json.dumps(unstructure(day)) == f'"{day.isoformat()}"'


def test_days_past_the_bound_are_written_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """With as many days kept as the bound allows, a new day's text is still right, and not kept."""
    monkeypatch.setattr(work_rows, "DAYS_KEPT", len(DAYS))
    monkeypatch.setattr(digest, "DAYS_KEPT", len(digest._QUOTED_DAYS))
    day = dt.date(1234, 5, 6)
    assert day.toordinal() not in DAYS
    assert DAYS[day.toordinal()] == "1234-05-06"
    assert day.toordinal() not in DAYS
    assert canonical_json(day) == '"1234-05-06"'
    assert day.toordinal() not in digest._QUOTED_DAYS


def test_a_job_in_year_987_in_the_digest() -> None:
    """A job's days in year 987 and 2020: quoted ISO text as json.dumps writes the converter's."""
    job = WorkEntry(start=dt.date(987, 1, 2), end=dt.date(2020, 11, 30), hours_per_week=40.0, country="CA")
    text = canonical_json(job)
    assert '"start": "0987-01-02"' in text and '"end": "2020-11-30"' in text
    assert text == json.dumps(unstructure(job), sort_keys=True, ensure_ascii=False, default=str)


def test_a_job_cut_by_the_window_gives_the_window_s_first_day() -> None:
    """A job from 1 January 2020 to 31 December 2022, as of 1 March 2024, in the 36 months before it (1 March 2021 to
    29 February 2024): counted from 1 March 2021 (the window's first day) to 31 December 2022 (its own last day);
    the whole job, in 600 months, from 2020-01-01. Hours: 40 h a week count 30; 1 March 2021 to 31 December 2022 is
    671 days, 671 x 30 / 7 = 2,875.714... h, 2875.7."""
    data = {"name": "cut", "work": [{"title": "Cook", "employer": "E", "noc": "63200", "country": "CA",
                                     "start": "2020-01-01", "end": "2022-12-31", "hours_per_week": 40}]}
    facts = Facts(profile_from_data(data), dt.date(2024, 3, 1))
    table = work_table(facts)
    assert table is not None
    cut = classify(table, dt.date(2021, 3, 1), dt.date(2024, 2, 29), "any", (), None)
    _, items = cut.code_items(table, "63200", False, 7 * table.units)
    seen = [(i["from"], i["to"], i["hours"], i["counted"]) for i in items]
    assert seen == [("2021-03-01", "2022-12-31", 2875.7, True)]
    whole = classify(table, dt.date(1974, 3, 1), dt.date(2024, 2, 29), "any", (), None)
    _, items = whole.code_items(table, "63200", False, 7 * table.units)
    assert [(i["from"], i["to"]) for i in items] == [("2020-01-01", "2022-12-31")]
