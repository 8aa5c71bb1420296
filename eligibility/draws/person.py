"""The rounds a profile could have met: its nomination and its verdicts turned into ``rounds_met`` arguments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from eligibility.draws.kinds import EXPRESS_ENTRY_PROGRAMS, ROUND_TYPES
from eligibility.draws.met import RoundsMet, rounds_met
from eligibility.profile.model import Profile
from eligibility.unknown import known

#: The program ids whose verdicts open a round type: the Express Entry programs and the categories.
ROUND_PROGRAMS: tuple[str, ...] = tuple(t for t in ROUND_TYPES if t in EXPRESS_ENTRY_PROGRAMS
                                        or t.startswith("category/"))


def nominated_on(profile: Profile, day: dt.date) -> bool | None:
    """Whether the profile holds an Express Entry-aligned nomination on ``day`` (None: the profile does not say)."""
    nomination = profile.provincial_nomination
    if not known(nomination):
        return None
    return nomination is not None and nomination.issued <= day


def rounds_for(profile: Profile, verdicts: Mapping[str, str], low: int, high: int, as_of: dt.date) -> RoundsMet:
    """The recent rounds open to the profile on ``as_of`` (from its programs' verdicts) and whether the
    score ``low``..``high`` met each. ``verdicts`` maps program ids to verdicts (``eligible``,
    ``undetermined``, ...); a program not in it opens no round."""
    eligible: set[str] = set()
    undetermined: set[str] = set()
    for p in ROUND_PROGRAMS:  # only these open rounds: the other verdicts are not looked at
        verdict = verdicts.get(p)
        if verdict == "eligible":
            eligible.add(p)
        elif verdict == "undetermined":
            undetermined.add(p)
    return rounds_met((low, high), eligible, nominated_on(profile, as_of), as_of, undetermined=undetermined)
