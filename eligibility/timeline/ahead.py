"""The first day a condition of a program passes if nothing else changes: the search behind the day missing
hours are reached, in ``distance`` and in a plan's gaps."""

from __future__ import annotations

import datetime as dt

from eligibility.dates import months_before
from eligibility.engines.run import evaluate
from eligibility.profile.model import Profile
from eligibility.result import ConditionResult
from eligibility.rulebook.library import Library
from eligibility.timeline.causes import leaves
from eligibility.timeline.days import change_days

#: How far ahead the day missing hours are reached is looked for (a display choice, not law).
LOOK_AHEAD_YEARS = 5


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

    def result_on(self, day: dt.date, program: str, path: str) -> ConditionResult | None:
        """The condition at ``path`` of ``program`` evaluated on ``day`` (None: no such condition that day)."""
        result = evaluate(self.profile, day, self.library, [program]).program(program)
        return next((r for p, r in leaves(result.conditions) if p == path), None)
