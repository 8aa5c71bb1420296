"""The rounds a person could have been invited in, and whether their CRS score met each one's cut-off.

A round of a type is open to a person when (on the as-of date):

- ``general``: they are eligible for an Express Entry program (FSW, CEC or FST);
- ``express-entry/cec`` (``fsw``, ``fst``): they are eligible for that program;
- ``category/...``: they are eligible for that category (the category rulesets already require an
  Express Entry program);
- ``provincial-nominee``: they hold an Express Entry-aligned provincial nomination and are eligible
  for an Express Entry program (a nomination is given to a candidate in the pool);
- ``other``: never (this version does not know who those rounds were for).

For each open type, the last rounds on or before the as-of date (by default the last 6 within the 12
months before it) with the lowest score invited and whether the score meets it: ``yes`` above it,
``no`` below it, ``maybe`` at exactly that score (invited only if the profile was submitted before the
tie-break time) or when the score is a range that straddles it.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable
from collections.abc import Set as AbstractSet
from typing import Any, Literal, Protocol

from attrs import field, frozen

from eligibility.dates import months_before
from eligibility.draws.kinds import EXPRESS_ENTRY_PROGRAMS, GENERAL, OTHER, PROVINCIAL_NOMINEE, ROUND_TYPES, title
from eligibility.draws.model import Round, RoundsTable
from eligibility.draws.table import recent_table
from eligibility.record import Record

Meets = Literal["yes", "no", "maybe"]
Openness = Literal["eligible", "undetermined"]


class ScoreRange(Protocol):
    """Anything with a lowest and highest possible score (a CRS result)."""

    @property
    def low(self) -> int: ...

    @property
    def high(self) -> int: ...


# The rounds' records are not slotted: attrs sets a dict instance's fields by item, a slotted one's by a call
# each; a score that no one had before makes a few dozen of them (docs/performance.md#crs).
@frozen(slots=False)
class RoundMet(Record):
    """One past round and whether the score met its cut-off."""

    round: Round
    meets: Meets
    explanation: str

    def data(self) -> dict[str, Any]:
        """JSON-ready: the round's fields, ``meets`` and ``explanation``."""
        return {**self.round.data(), "meets": self.meets, "explanation": self.explanation}


@frozen(slots=False)
class RoundType(Record):
    """The recent rounds of one type a person could have been invited in."""

    type: str
    title: str
    open: Openness
    reason: str
    rounds: tuple[RoundMet, ...]
    last_round: dt.date | None

    def data(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"type": self.type, "title": self.title, "open": self.open, "reason": self.reason,
                "last_round": self.last_round.isoformat() if self.last_round else None,
                "rounds": [r.data() for r in self.rounds]}


@frozen(slots=False)
class RoundsMet(Record):
    """For each round type open to the person, the recent rounds and whether the score met them."""

    as_of: dt.date
    low: int
    high: int
    last: int
    months: int
    known_until: dt.date
    data_used: str
    source: dict[str, Any]
    types: tuple[RoundType, ...]
    notes: tuple[str, ...] = ()

    def data(self) -> dict[str, Any]:
        """JSON-ready form (the ``rounds`` object of crs and evaluate results)."""
        return {"as_of": self.as_of.isoformat(), "score": {"low": self.low, "high": self.high},
                "last": self.last, "months": self.months, "known_until": self.known_until.isoformat(),
                "data": self.source, "notes": list(self.notes), "types": [t.data() for t in self.types]}


def meets(low: int, high: int, r: Round) -> RoundMet:
    """Whether a score (or a range low..high) met a round's lowest score invited."""
    cut = r.lowest_score
    shown = str(low) if low == high else f"{low} to {high}"
    if low > cut:
        return RoundMet(r, "yes", f"{shown} is above the lowest score invited, {cut}")
    if high < cut:
        return RoundMet(r, "no", f"{shown} is below the lowest score invited, {cut}")
    if low == high:
        tie = f" before the tie-break time {r.tie_break:%Y-%m-%d %H:%M:%S} UTC" if r.tie_break else " early enough"
        return RoundMet(r, "maybe", f"{shown} equals the lowest score invited: invited only if the profile "
                                    f"was submitted{tie}")
    return RoundMet(r, "maybe", f"{shown} straddles the lowest score invited, {cut}")


_POOL = frozenset(EXPRESS_ENTRY_PROGRAMS)
#: The round types opened by being in the pool (with a nomination for the nominee rounds), not by one verdict.
_POOL_WIDE = frozenset({GENERAL, PROVINCIAL_NOMINEE})
_ORDER = {kind: i for i, kind in enumerate(ROUND_TYPES)}


def _in_pool(eligible: AbstractSet[str], undetermined: AbstractSet[str]) -> Openness | None:
    """Whether the person is in the Express Entry pool: eligible for one of its programs, or maybe."""
    if not eligible.isdisjoint(_POOL):
        return "eligible"
    if not undetermined.isdisjoint(_POOL):
        return "undetermined"
    return None


def _openness(kind: str, eligible: AbstractSet[str], undetermined: AbstractSet[str], nominated: bool | None,
              in_pool: Openness | None) -> tuple[Openness, str] | None:
    if kind == GENERAL:
        return (in_pool, "eligible for an Express Entry program" if in_pool == "eligible"
                else "an Express Entry program is undetermined") if in_pool else None
    if kind == PROVINCIAL_NOMINEE:
        if in_pool is None or nominated is False:
            return None
        if nominated is None:
            return "undetermined", "whether there is a provincial nomination is unknown"
        return in_pool, "has a provincial nomination"
    if kind == OTHER:
        return None
    if kind in eligible:
        return "eligible", f"eligible for {kind}"
    if kind in undetermined:
        return "undetermined", f"{kind} is undetermined"
    return None


def _as_range(score: int | tuple[int, int] | ScoreRange) -> tuple[int, int]:
    if isinstance(score, int):
        return score, score
    if isinstance(score, tuple):
        return score
    return score.low, score.high


def rounds_met(score: int | tuple[int, int] | ScoreRange, eligible: Iterable[str], nominated: bool | None,
               as_of: dt.date | str, *, undetermined: Iterable[str] = (), last: int = 6, months: int = 12,
               table: RoundsTable | None = None) -> RoundsMet:
    """The recent rounds open to a person and whether their score met each.

    ``score`` is a CRS score, a (low, high) range, or an object with ``low`` and ``high``; ``eligible``
    the program ids the person is eligible for on ``as_of`` (``undetermined`` those not settled);
    ``nominated`` whether they hold a provincial nomination (None: unknown). Rounds are those on or
    before ``as_of`` and on or after the same day ``months`` months earlier, the ``last`` newest of
    each type. ``table`` defaults to the newer of the cached feed and the bundled table (looked at about
    once a second, see ``recent_table``).
    """
    day = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    low, high = _as_range(score)
    if low > high:
        raise ValueError(f"expected low <= high, found {low} > {high}")
    note = None
    if table is None:
        table, note = recent_table()
    return met_on(table, note, day, low, high, eligible, undetermined, nominated, last, months)


def met_on(table: RoundsTable, note: str | None, day: dt.date, low: int, high: int, eligible: Iterable[str],
           undetermined: Iterable[str], nominated: bool | None, last: int = 6, months: int = 12) -> RoundsMet:
    """``rounds_met`` on a given table, with the note that came with it (``recent_table``)."""
    shape = on_day(table, day, last, months)
    types: list[RoundType] = []
    yes = eligible if isinstance(eligible, AbstractSet) else set(eligible)
    maybe = undetermined if isinstance(undetermined, AbstractSet) else set(undetermined)
    in_pool = _in_pool(yes, maybe)
    # The pool's round types, and those of the programs and categories whose verdict may open them.
    for kind in sorted({*_POOL_WIDE, *yes, *maybe}, key=lambda k: _ORDER.get(k, -1)):
        if kind not in _ORDER:
            continue  # a verdict of a program no round is for
        openness = _openness(kind, yes, maybe, nominated, in_pool)
        if openness is None:
            continue
        # The rounds of a type met by a score are the same for everyone with that score: kept per table and day.
        key = (kind, openness, low, high)
        found = shape.kept.get(key)
        if found is None:
            recent, last_day = shape.by_type.get(kind, ((), None))
            if len(shape.kept) >= 4096:
                shape.kept.clear()
            found = shape.kept[key] = RoundType(kind, title(kind), openness[0], openness[1],
                                                tuple(meets(low, high, r) for r in recent), last_day)
        types.append(found)
    return RoundsMet(day, low, high, last, months, table.last_round, shape.describe, dict(shape.info),
                     tuple(types), (note, *shape.notes) if note else shape.notes)


@frozen
class OnDay(Record):
    """What the rounds of a table are on a day, whoever asks: each type's recent rounds (newest first) and
    last round, the table's description, and the notes of the day."""

    by_type: dict[str, tuple[tuple[Round, ...], dt.date | None]]
    describe: str
    info: dict[str, Any]
    notes: tuple[str, ...]
    #: Each type's rounds met by a score, by the type, its openness and the score (see ``rounds_met``).
    kept: dict[tuple[str, tuple[Openness, str], int, int], RoundType] = field(factory=dict, eq=False, repr=False)
    #: Whole answers, by what decides them (see ``eligibility.draws.person.rounds_for``): a frozen value,
    #: the same for everyone with the same verdicts, nomination and score on this day.
    met: dict[Hashable, RoundsMet] = field(factory=dict, eq=False, repr=False)


_ON_DAY: dict[tuple[int, dt.date, int, int], tuple[RoundsTable, OnDay]] = {}


def on_day(table: RoundsTable, day: dt.date, last: int, months: int) -> OnDay:
    """The rounds of ``table`` on ``day`` (kept per table and day: every profile of a day shares them)."""
    key = (id(table), day, last, months)
    hit = _ON_DAY.get(key)
    if hit is not None and hit[0] is table:
        return hit[1]
    since = months_before(day, months)
    by_type: dict[str, tuple[tuple[Round, ...], dt.date | None]] = {}
    for kind, of_kind in table.by_type.items():
        past = of_kind[:bisect_right(of_kind, day, key=lambda r: r.date)]
        first = bisect_left(past, since, key=lambda r: r.date)
        recent = past[max(first, len(past) - last):] if last > 0 else ()
        by_type[kind] = (tuple(reversed(recent)), past[-1].date if past else None)
    notes = []
    if table.last_round < day:
        notes.append(table.past_data())
    notes.append(f"the score and the eligibility are those of {day}; on each round's date they may have differed")
    found = OnDay(by_type, table.describe(), table.info(), tuple(notes))
    if len(_ON_DAY) >= 1024:
        _ON_DAY.clear()  # a batch over many days must not keep every day's rounds
    _ON_DAY[key] = (table, found)
    return found
