"""Distance to eligibility: for each program not eligible on a date, what each failing or unknown condition
lacks, the day missing hours are reached at current hours, and what the person cannot change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from attrs import frozen

from eligibility.dates import months_before
from eligibility.engines.run import evaluate
from eligibility.profile.model import Profile
from eligibility.record import Record
from eligibility.result import Evaluation
from eligibility.rulebook.library import Library
from eligibility.timeline.causes import leaves
from eligibility.timeline.days import change_days
from eligibility.timeline.gaps import Gap, program_gaps
from eligibility.timeline.render import gap_data

#: How far ahead the day missing hours are reached is looked for (a display choice, not law).
LOOK_AHEAD_YEARS = 5


@frozen
class ProgramDistance(Record):
    """The gaps of one program not eligible on the date."""

    program: str
    title: str
    verdict: str
    gaps: tuple[Gap, ...]


def distance(profile: Profile, evaluation: Evaluation, library: Library) -> tuple[ProgramDistance, ...]:
    """Every program of the evaluation that is not eligible, with its gaps."""
    ahead = Ahead(profile, library, evaluation.as_of)
    out = []
    for p in evaluation.programs:
        if p.verdict == "eligible":
            continue
        out.append(ProgramDistance(p.id, p.title, p.verdict, tuple(program_gaps(p, library, evaluation.as_of, ahead))))
    return tuple(out)


class Ahead:
    """The first day a condition passes if nothing else changes, found on the plan's change days."""

    def __init__(self, profile: Profile, library: Library, day: dt.date) -> None:
        self.profile, self.library, self.day = profile, library, day
        self.until = months_before(day, -12 * LOOK_AHEAD_YEARS)
        self._days: list[dt.date] | None = None
        #: Each program's leaf outcomes on each day looked at (the outcomes alone: a history of many jobs has
        #: hundreds of change days in 5 years, and a whole evaluation kept for each cost hundreds of MB).
        self._runs: dict[tuple[dt.date, str], dict[str, str]] = {}

    def days(self) -> list[dt.date]:
        if self._days is None:
            by_day = change_days(self.profile, self.library, self.day, self.until)
            self._days = sorted(by_day) if by_day is not None else [
                self.day + dt.timedelta(days=i) for i in range(1, (self.until - self.day).days)]
        return self._days

    def first_pass(self, program: str, path: str) -> dt.date | None:
        for day in self.days():
            outcomes = self._runs.get((day, program))
            if outcomes is None:
                # The program alone (and what it requires), not every program.
                result = evaluate(self.profile, day, self.library, [program]).program(program)
                outcomes = self._runs[day, program] = {p: r.outcome for p, r in leaves(result.conditions)}
            if outcomes.get(path) == "pass":
                return day
        return None


def distance_data(result: Sequence[ProgramDistance]) -> list[dict[str, Any]]:
    """JSON-ready: one entry per program not eligible, each with its gaps."""
    return [{"program": d.program, "verdict": d.verdict, "gaps": [gap_data(g) for g in d.gaps]} for d in result]


def distance_text(result: Sequence[ProgramDistance]) -> list[str]:
    """In words: each program not eligible, then each gap with what it needs."""
    lines = ["What would change it:"]
    for d in result:
        lines.append(f"  {d.program} ({d.verdict.replace('_', ' ')}):")
        for g in d.gaps:
            mark = "" if g.changeable else " [cannot be changed by the person]"
            lines.append(f"    - {g.condition or d.program}: {g.needs}{mark}")
    return lines
