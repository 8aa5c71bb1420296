"""Texts and numbers written without the library functions that wrote them before (jobs9): a date's ISO text
(``dates.iso_date``, the digest's quoted dates), an evidence item's hours (``work.tenths``, against ``round``),
and the items of a job left out for several reasons (copies of its first item, each with its own reason)."""

from __future__ import annotations

import datetime as dt
import json

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.converter import unstructure
from eligibility.dates import iso_date
from eligibility.engines.digest import canonical_json
from eligibility.facts import Facts
from eligibility.measure.work_rows import work_table
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import WorkEntry
from eligibility.work import tenths
from tests.strategies import examples


def test_iso_dates_by_hand() -> None:
    """Four digits of year (zero-padded), two of month and of day: 0001-01-01, 0999-12-31, 2024-02-29, 9999-12-31."""
    assert iso_date(dt.date(1, 1, 1)) == "0001-01-01"
    assert iso_date(dt.date(999, 12, 31)) == "0999-12-31"
    assert iso_date(dt.date(2024, 2, 29)) == "2024-02-29"
    assert iso_date(dt.date(9999, 12, 31)) == "9999-12-31"


@settings(max_examples=examples(200), deadline=None)
@given(st.dates())
def test_iso_date_is_isoformat(day: dt.date) -> None:
    """Any date: the text ``isoformat`` writes."""
    assert iso_date(day) == day.isoformat()


def test_the_digest_writes_dates_of_early_years_padded() -> None:
    """A date alone and a job's days in year 987 and 2020: quoted ISO text as json.dumps writes the converter's."""
    assert canonical_json(dt.date(5, 3, 9)) == '"0005-03-09"'
    job = WorkEntry(start=dt.date(987, 1, 2), end=dt.date(2020, 11, 30), hours_per_week=40.0, country="CA")
    text = canonical_json(job)
    assert '"start": "0987-01-02"' in text and '"end": "2020-11-30"' in text
    assert text == json.dumps(unstructure(job), sort_keys=True, ensure_ascii=False, default=str)


def test_tenths_by_hand() -> None:
    """Not halfway: 2400 / 7 = 342.857... is 342.9, 1 / 3 is 0.3, 2 / 3 is 0.7, 0 is 0.0. Halfway, the float's side
    decides, as for ``round``: 0.25 and 0.75 are exact floats (to the even tenth: 0.2, 0.8); 0.05 is stored a little
    above (0.1), 0.35 a little below (0.3)."""
    assert tenths(2400, 7) == 342.9
    assert (tenths(1, 3), tenths(2, 3), tenths(0, 7)) == (0.3, 0.7, 0.0)
    assert (tenths(1, 4), tenths(3, 4)) == (0.2, 0.8)
    assert (tenths(1, 20), tenths(7, 20)) == (0.1, 0.3)
    # Numerators too large for the integer way are rounded as before.
    assert tenths(10**15 + 1, 7) == round((10**15 + 1) / 7, 1)


@settings(max_examples=examples(300), deadline=None)
@given(st.integers(0, 2**60), st.integers(1, 10**9))
def test_tenths_is_round_of_the_quotient(num: int, den: int) -> None:
    """Any whole numerator and positive denominator: the float ``round(num / den, 1)`` gives, sign and all."""
    assert repr(tenths(num, den)) == repr(round(num / den, 1))


@settings(max_examples=examples(100), deadline=None)
@given(st.integers(0, 10**6), st.sampled_from([7, 14, 28, 70, 140, 7 * 6, 7 * 40]), st.integers(0, 9))
def test_tenths_near_halfway(tenth: int, den: int, above: int) -> None:
    """Quotients at and next to a halfway point between two tenths (the numerators a count's units give)."""
    num = (20 * tenth + 1) * den // 20 + above - 4
    if num >= 0:
        assert repr(tenths(num, den)) == repr(round(num / den, 1))


def test_a_job_left_out_for_several_reasons() -> None:
    """One job (with a NOC 2016 code converted) left out for two reasons: two items, each with its own reason, the
    same other keys in the same order (job, title, employer, noc, converted_from_noc_2016, counted, reason), and
    the first unchanged by the second."""
    profile = profile_from_data({"name": "one job", "work": []})
    job = WorkEntry(start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31), hours_per_week=40.0, country="IT",
                    noc="21231", noc_2016="2173", title="Dev", employer="Acme")
    table = work_table(Facts(attrs.evolve(profile, work=(job,)), dt.date(2026, 3, 1)))
    assert table is not None
    row = table.rows[0]
    first = table.item("not in Canada", row)
    second = table.item("outside the window", row)
    assert first is not second
    assert list(first.items()) == [("job", 0), ("title", "Dev"), ("employer", "Acme"), ("noc", "21231"),
                                   ("converted_from_noc_2016", "2173"), ("counted", False),
                                   ("reason", "not in Canada")]
    assert list(second.items()) == [*list(first.items())[:-1], ("reason", "outside the window")]
    # The same reason again is the same item.
    assert table.item("not in Canada", row) is first
    into: list[dict[str, object] | None] = [None]
    table.place("outside the window", [0], into)
    assert into[0] is second
