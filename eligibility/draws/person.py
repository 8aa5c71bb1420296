"""The rounds a profile could have met: its nomination and its verdicts turned into ``rounds_met`` arguments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from operator import itemgetter

from eligibility.draws.kinds import EXPRESS_ENTRY_PROGRAMS, ROUND_TYPES
from eligibility.draws.met import OnDay, RoundsMet, met_on, on_day
from eligibility.draws.model import RoundsTable
from eligibility.draws.table import recent_table
from eligibility.profile.model import Profile
from eligibility.unknown import known

#: The rounds listed per type and how far back (``rounds_met``'s defaults), and the answers kept per day at most.
LAST, MONTHS, KEPT = 6, 12, 4096
#: The program ids whose verdicts open a round type: the Express Entry programs and the categories.
ROUND_PROGRAMS: tuple[str, ...] = tuple(t for t in ROUND_TYPES if t in EXPRESS_ENTRY_PROGRAMS
                                        or t.startswith("category/"))
ROUND_SET = frozenset(ROUND_PROGRAMS)
_OF_ROUNDS = itemgetter(*ROUND_PROGRAMS)
#: The table, day and rounds (``on_day``) of the last call of ``rounds_for``.
_LAST: list[tuple[RoundsTable, dt.date, OnDay]] = []


def nominated_on(profile: Profile, day: dt.date) -> bool | None:
    """Whether the profile holds an Express Entry-aligned nomination on ``day`` (None: the profile does not say)."""
    nomination = profile.provincial_nomination
    if not known(nomination):
        return None
    return nomination is not None and nomination.issued <= day


def rounds_for(profile: Profile, verdicts: Mapping[str, str], low: int, high: int, as_of: dt.date) -> RoundsMet:
    """The recent rounds open to the profile on ``as_of`` (from its programs' verdicts) and whether the
    score ``low``..``high`` met each. ``verdicts`` maps program ids to verdicts (``eligible``,
    ``undetermined``, ...); a program not in it opens no round.

    The answer is a frozen value decided by the verdicts of the programs that open rounds, the nomination and
    the score: kept per rounds table and day, so that everyone with the same ones shares it.
    """
    table, note = recent_table()
    # The rounds of the day last asked for, found again without making and hashing ``on_day``'s key (a batch
    # or a benchmark asks for one day, over and over).
    last = _LAST[0] if _LAST else None
    if last is not None and last[0] is table and last[1] == as_of:
        shape = last[2]
    else:
        shape = on_day(table, as_of, LAST, MONTHS)
        _LAST[:] = [(table, as_of, shape)]
    nominated = nominated_on(profile, as_of)
    # Only these programs open rounds: the other verdicts are not looked at.
    # The verdicts of the programs that open rounds in one call from a dict that has them all (after an evaluation of
    # every program), else each looked up (``get``: a missing one is None; a mapping other than a dict is only
    # asked by ``get``, which adds nothing).
    of_rounds: tuple[str | None, ...]
    try:
        if type(verdicts) is not dict:
            raise KeyError
        of_rounds = _OF_ROUNDS(verdicts)
    except KeyError:
        of_rounds = tuple(map(verdicts.get, ROUND_PROGRAMS))
    key = (of_rounds, nominated, low, high, note)
    found = shape.met.get(key)
    if found is None:
        eligible: set[str] = set()
        undetermined: set[str] = set()
        for p, verdict in zip(ROUND_PROGRAMS, key[0], strict=True):
            if verdict == "eligible":
                eligible.add(p)
            elif verdict == "undetermined":
                undetermined.add(p)
        if len(shape.met) >= KEPT:
            shape.met.clear()  # a batch of many scores must not keep every answer
        found = shape.met[key] = met_on(table, note, as_of, low, high, eligible, undetermined, nominated,
                                        LAST, MONTHS)
    return found
