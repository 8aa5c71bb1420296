"""The rounds from Python: the table in use, a selection by dates and types, an update from IRCC."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from eligibility.draws.feed import FEED_URL
from eligibility.draws.listing import Selection, select
from eligibility.draws.model import RoundsTable
from eligibility.draws.table import current_table
from eligibility.draws.update import update


def _day(value: dt.date | str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def rounds_table() -> RoundsTable:
    """The newer of the rounds cached by ``update_rounds`` and the table shipped with the package."""
    return current_table()[0]


def draws_between(since: dt.date | str | None = None, until: dt.date | str | None = None,
                  types: Iterable[str] | None = None) -> Selection:
    """Rounds from ``since`` to ``until`` (inclusive) of the given round types (default: all), grouped by type."""
    table, note = current_table()
    return select(table, _day(since), _day(until), types, note)


def update_rounds(url: str = FEED_URL, timeout: float = 30.0) -> RoundsTable:
    """Fetch IRCC's feed, check it and cache it (an UpdateError, data untouched, when it cannot be used)."""
    return update(url, timeout=timeout)
