"""Ways to raise a CRS score, each found by re-scoring a changed profile on the same date, and the
dates in the next 12 months on which the score falls without any action.

Nothing here estimates: every number is the difference between two scores the scorer computed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator

import attrs
from attrs import frozen

from eligibility.dates import months_before
from eligibility.engines.digest import profile_digest
from eligibility.facts import Facts, Person
from eligibility.language import ABILITIES, TESTS, TestKind
from eligibility.measure.work import excluded_because
from eligibility.profile.model import Eca, Education, LanguageTest, Nomination, Profile, Province, Spouse
from eligibility.ranking.compute import RULES_ID, crs_result
from eligibility.ranking.measures import CANADIAN_EXCLUDED, accompanying_spouse
from eligibility.ranking.work_years import may_be_skilled
from eligibility.record import Record
from eligibility.result import CrsResult
from eligibility.rulebook.crs import Counting
from eligibility.rulebook.library import Library
from eligibility.unknown import Unknown, known
from eligibility.work import HOURS_PER_YEAR, WEEKLY_CAP

#: Tests used for a new result when none is held: the most common of each language.
NEW_TEST = {"english": "celpip_general", "french": "tcf_canada"}


@frozen
class Improvement(Record):
    """A change a person can act on and the points it adds (a span when facts are unknown)."""

    kind: str
    says: str
    low: int
    high: int
    date: dt.date | None = None


@frozen
class Decline(Record):
    """A day in the next 12 months on which the score falls without any action, and why."""

    date: dt.date
    cause: str
    #: The points lost at the lowest score (the whole loss when the score is exact).
    points_lost: int
    #: The points lost at the highest score, when unknown facts leave a range (None when exact).
    points_lost_high: int | None = None

    @property
    def lost_text(self) -> str:
        """'-53', or '-133 (lowest) / -146 (highest)' for a range whose ends lose different points."""
        return "-" + self.lost_words.replace(" / ", " / -")

    @property
    def lost_words(self) -> str:
        """'53', or '133 (lowest) / 146 (highest)'."""
        if self.points_lost_high is None or self.points_lost_high == self.points_lost:
            return f"{self.points_lost}"
        return f"{self.points_lost} (lowest) / {self.points_lost_high} (highest)"


@frozen
class Improvements(Record):
    """The base score, the improvements best first, and the declines by date."""

    as_of: dt.date
    low: int | None
    high: int | None
    improvements: tuple[Improvement, ...]
    declines: tuple[Decline, ...]


def _minimum(kind: TestKind, ability: str, level: int, taken: dt.date) -> float | None:
    """The lowest score of ``kind`` taken that day reaching ``level`` in ``ability`` (None past the chart)."""
    index = ABILITIES.index(ability)
    try:
        rows = kind.scale_on(taken).rows
    except ValueError:  # no chart for a test taken that day
        return None
    return next((mins[index] for lvl, mins in rows if lvl == level), None)


def _score(value: float) -> str:
    return f"{value:g}"


class _Scorer:
    def __init__(self, profile: Profile, as_of: dt.date, library: Library, counting: Counting) -> None:
        self.profile, self.as_of, self.library = profile, as_of, library
        self.counting = counting
        #: The profile's digest, made once for the many scores of its own profile on other days.
        self.digest = profile_digest(profile)
        self.base = crs_result(profile, as_of, library, digest=self.digest)

    def gain(self, changed: Profile) -> tuple[int, int]:
        new = crs_result(changed, self.as_of, self.library)
        assert new.low is not None and new.high is not None and self.base.low is not None
        assert self.base.high is not None
        return new.low - self.base.low, new.high - self.base.high


def _language(s: _Scorer, person: Person = "applicant") -> Iterator[Improvement]:
    """The next band of each ability of each valid test, on that test and every accepted test of its language:
    the applicant's, or the accompanying spouse's (``person``)."""
    facts = Facts(s.profile, s.as_of)
    tests = facts.tests(person, s.counting.test_valid_months)
    spouse = s.profile.spouse
    if not known(tests) or (person == "spouse" and not isinstance(spouse, Spouse)):
        return
    held = spouse.language_tests if isinstance(spouse, Spouse) and person == "spouse" else s.profile.language_tests
    assert known(held)
    for t in tests:
        if not t.valid:
            continue
        kind = TESTS[t.test.test]
        for ability in ABILITIES:
            for target in range(t.levels[ability] + 1, 11):
                low_score = _minimum(kind, ability, target, t.test.taken)
                if low_score is None:
                    continue
                raised: LanguageTest = attrs.evolve(t.test, **{ability: low_score})  # type: ignore[arg-type]
                results = tuple(raised if i == t.index else x for i, x in enumerate(held))
                if isinstance(spouse, Spouse) and person == "spouse":
                    changed = attrs.evolve(s.profile, spouse=attrs.evolve(spouse, language_tests=results))
                else:
                    changed = attrs.evolve(s.profile, language_tests=results)
                lo, hi = s.gain(changed)
                if hi <= 0:
                    continue
                scale = "CLB" if kind.language == "english" else "NCLC"
                others = [f"{k.name} {_score(m)}" for k in TESTS.values()
                          if k.language == kind.language and k.id != kind.id
                          and (k.accepted_from is None or k.accepted_from <= s.as_of)
                          and (m := _minimum(k, ability, target, s.as_of)) is not None]
                # The score named is the one a test taken now needs (a test's scale can change with the day it is
                # taken: TEF Canada's on 2023-12-11); the points are those of the held test raised on its own scale,
                # the same level.
                now = _minimum(kind, ability, target, s.as_of)
                shown = low_score if now is None else now
                says = (f"{kind.name} {ability} {_score(getattr(t.test, ability))} -> {_score(shown)}"
                        f"{' on a test taken now' if shown != low_score else ''} = "
                        f"{scale} {target}" + (f" (or {', '.join(others)})" if others else ""))
                if person == "spouse":
                    yield Improvement("spouse_language", f"the spouse's {says}", lo, hi)
                else:
                    yield Improvement("language", says, lo, hi)
                break


def _new_test(s: _Scorer, language: str, level: int) -> LanguageTest:
    kind = TESTS[NEW_TEST[language]]
    scores = {a: _minimum(kind, a, level, s.as_of) or 0.0 for a in ABILITIES}
    return LanguageTest(kind.id, s.as_of, scores["listening"], scores["reading"],  # type: ignore[arg-type]
                        scores["writing"], scores["speaking"])


def _french(s: _Scorer) -> Iterator[Improvement]:
    held = s.profile.language_tests
    if not known(held):
        return
    french = next((f for f in s.base.factors if f.id == "additional.french"), None)
    if french is not None and french.low > 0:
        return
    test = _new_test(s, "french", 7)
    lo, hi = s.gain(attrs.evolve(s.profile, language_tests=(*held, test)))
    if hi > 0:
        yield Improvement("french", f"a French test at NCLC 7 in all four abilities (TCF Canada: reading "
                                    f"{_score(test.reading)}, writing {_score(test.writing)}, listening "
                                    f"{_score(test.listening)}, speaking {_score(test.speaking)})", lo, hi)


def _spouse(s: _Scorer) -> Iterator[Improvement]:
    spouse = s.profile.spouse
    if accompanying_spouse(Facts(s.profile, s.as_of))[0] is not True or not isinstance(spouse, Spouse):
        return
    tests = Facts(s.profile, s.as_of).tests("spouse", s.counting.test_valid_months)
    # A spouse with a valid test: the next band of each ability; without one: a first test.
    yield from _language(s, "spouse")
    if known(tests) and not any(t.valid for t in tests):
        held = spouse.language_tests if known(spouse.language_tests) else ()
        for level in (5, 7, 9):
            test = _new_test(s, "english", level)
            changed = attrs.evolve(s.profile, spouse=attrs.evolve(spouse, language_tests=(*held, test)))
            lo, hi = s.gain(changed)
            if hi > 0:
                yield Improvement("spouse_language", f"the spouse's language test at CLB {level} in all four "
                                                     f"(CELPIP {level})", lo, hi)
    if known(spouse.education):
        yield from _eca(s, spouse.education, "spouse")


def _eca(s: _Scorer, education: tuple[Education, ...], person: str) -> Iterator[Improvement]:
    oldest = months_before(s.as_of, s.counting.eca_valid_months)
    for i, e in enumerate(education):
        if e.country == "CA" or (e.eca is not None and oldest < e.eca.issued <= s.as_of):
            continue
        assessed = tuple(attrs.evolve(x, eca=Eca(s.as_of, x.level)) if j == i else x for j, x in enumerate(education))
        if person == "spouse":
            assert isinstance(s.profile.spouse, Spouse)
            changed = attrs.evolve(s.profile, spouse=attrs.evolve(s.profile.spouse, education=assessed))
        else:
            changed = attrs.evolve(s.profile, education=assessed)
        lo, hi = s.gain(changed)
        if hi > 0:
            whose = "the spouse's" if person == "spouse" else "an"
            yield Improvement("eca", f"{whose} ECA for the {e.level} credential from {e.country} "
                                     f"(education {i}), assessed at that level", lo, hi)


def _canadian_year(s: _Scorer) -> Iterator[Improvement]:
    """Another year of Canadian work at current hours: the points (by re-scoring) and the day reached (the first
    day on which the scorer counts the next year, the current jobs going on)."""
    work = s.profile.work
    if not known(work):
        return
    # Going on after the as-of date: no end, or a planned last day after it (``end`` is the last day worked).
    # A job without a NOC code may be skilled: its next year may count (a span from 0, settled by its code).
    current = [(i, w) for i, w in enumerate(work) if (w.end is None or w.end > s.as_of) and w.start < s.as_of
               and (w.noc is None or may_be_skilled(s.counting, w))
               and excluded_because(w, "canada", CANADIAN_EXCLUDED) is None]
    reading = next((f for f in s.base.factors if f.id == "core.canadian_work"), None)
    if not current or reading is None:
        return
    counted = reading.observed["canadian_work_years"]
    hours = float(counted["hours"])
    needed = (math.floor(hours / HOURS_PER_YEAR) + 1) * HOURS_PER_YEAR - hours
    weekly = min(float(WEEKLY_CAP), sum(w.hours_per_week for _, w in current))
    # The points: the current jobs as if each had started that many more days ago, scored on the as-of date (a
    # day more than the rounded hours read ask, so that the year is surely reached, and not two).
    ahead = math.ceil(needed / (weekly / 7)) + 1
    moved = {i: attrs.evolve(w, start=w.start - dt.timedelta(days=ahead)) for i, w in current}
    changed = attrs.evolve(s.profile, work=tuple(moved.get(i, w) for i, w in enumerate(work)))
    lo, hi = s.gain(changed)
    if hi <= 0:
        return
    unsure = [w for _, w in current if w.noc is None]
    if unsure:
        # The year counts only if the job without a code is skilled: the day is the first the score's high end
        # rises with the jobs going on (the low end counts none of its hours), looked for from the next day.
        days = _first_day(s, 0, 1, reading.high)
        reached = None if days is None else s.as_of + dt.timedelta(days=days)
        when = f"reached on {reached}" if reached is not None else "not reached within 10 years"
        yield Improvement("canadian_work", f"one more year of Canadian work at {weekly:g} h a week if "
                                           f"{unsure[0].title or 'the job'} without a NOC code is skilled (TEER 0-3; "
                                           f"its code settles it), {when}", lo, hi, reached)
        return
    # The day: the first the scorer counts that year with the jobs going on, old work leaving the window
    # meanwhile (looked for from the day the hours alone would give, at most 10 years on).
    days = _first_day(s, int(counted["years"]) + 1, max(1, ahead - 2))
    reached = None if days is None else s.as_of + dt.timedelta(days=days)
    when = f"reached on {reached}" if reached is not None else "not reached within 10 years"
    yield Improvement("canadian_work", f"one more year of Canadian work ({needed:,.0f} h more at "
                                       f"{weekly:g} h a week), {when}", lo, hi, reached)


def _first_day(s: _Scorer, years: int, start: int, above: int | None = None) -> int | None:
    """The number of days from the as-of date to the first day the scorer counts ``years`` years of Canadian
    work (with ``above``: the first day the factor's high end is above it), looked for from ``start`` days on
    (None when not within 10 years)."""
    def reached(days: int) -> bool:
        score = crs_result(s.profile, s.as_of + dt.timedelta(days=days), s.library, digest=s.digest)
        factor = next((f for f in score.factors if f.id == "core.canadian_work"), None)
        if factor is None:
            return False
        if above is not None:
            return factor.high > above
        return int(factor.observed["canadian_work_years"]["years"]) >= years

    days = start
    while days > 1 and reached(days - 1):
        days -= 1
    while not reached(days):
        days += 1
        if days > 3653:
            return None
    return days


def _nomination(s: _Scorer) -> Iterator[Improvement]:
    nomination = s.profile.provincial_nomination
    if known(nomination) and nomination is not None and nomination.issued <= s.as_of:
        return
    # The points do not depend on the province; the intended one reads best in the result.
    intended = s.profile.intended_province
    province: Province = "ON" if isinstance(intended, Unknown) else intended
    lo, hi = s.gain(attrs.evolve(s.profile, provincial_nomination=Nomination(province, s.as_of)))
    if hi > 0:
        yield Improvement("nomination", "a provincial or territorial nomination (Express Entry-aligned)", lo, hi)


def _declines(s: _Scorer) -> Iterator[Decline]:
    """The days in the next 12 months on which the score falls without any action, found by scoring every day
    (a birthday, a test or an ECA of the applicant or the spouse no longer counting, work leaving the window:
    each on the day the scorer itself stops counting it, so a result date or 29 February needs no rule of its
    own here), with the causes of each fall and the points lost that day."""
    profile, as_of, library, counting, digest = s.profile, s.as_of, s.library, s.counting, s.digest
    before, before_facts = s.base, Facts(profile, as_of)
    # The next 12 months: up to the same day a year on (366 days across a 29 February).
    for offset in range(1, (_add_months(as_of, 12) - as_of).days + 1):
        day = as_of + dt.timedelta(days=offset)
        facts = Facts(profile, day)
        after = crs_result(profile, day, library, facts, digest)
        if (before.low is not None and after.low is not None and before.high is not None and after.high is not None
                and (after.low < before.low or after.high < before.high)):
            # A range falls when either end does (a job of unknown NOC leaving the window lowers only the highest).
            exact = before.low == before.high and after.low == after.high
            yield Decline(day, "; ".join(_causes(before_facts, facts, counting, before, after)),
                          before.low - after.low, None if exact else before.high - after.high)
        before, before_facts = after, facts


def _causes(was: Facts, now: Facts, counting: Counting, before: CrsResult, after: CrsResult) -> list[str]:
    """What changed between two consecutive days: a birthday, the tests and ECAs that stopped counting, and
    otherwise the factors that lost points (work leaving the window)."""
    causes = []
    if known(was.age) and known(now.age) and was.age != now.age:
        causes.append(f"birthday: {now.age}")
    people: tuple[tuple[Person, str], ...] = (("applicant", ""), ("spouse", "the spouse's "))
    for person, whose in people:
        months = counting.test_valid_months
        tests_was, tests_now = was.tests(person, months), now.tests(person, months)
        if known(tests_was) and known(tests_now):
            causes += [f"{whose}{TESTS[t.test.test].name} of {t.test.taken} expires ({months} months)"
                       for t, u in zip(tests_was, tests_now, strict=True) if t.valid and not u.valid]
        creds_was = was.credentials(person, counting.eca_valid_months)
        creds_now = now.credentials(person, counting.eca_valid_months)
        if known(creds_was) and known(creds_now):
            causes += [f"{whose}ECA of {c.education.eca.issued} expires ({counting.eca_valid_months} months)"
                       for c, d in zip(creds_was, creds_now, strict=True)
                       if c.level is not None and d.level is None and c.education.eca is not None]
    if not causes:
        # Nothing dated changed: hours of work left the window.
        lost = [f.id for f, g in zip(before.factors, after.factors, strict=True) if g.low < f.low or g.high < f.high]
        causes.append(f"work leaving the {counting.work_window_months // 12}-year window ({', '.join(lost)})")
    return causes


def _add_months(day: dt.date, months: int) -> dt.date:
    return months_before(day, -months)


def improve(profile: Profile, as_of: dt.date, library: Library) -> Improvements:
    """Every improvement found by re-scoring, best first, and the declines of the next 12 months."""
    version = library.crs[RULES_ID].version_on(as_of)
    if version is None:
        return Improvements(as_of, None, None, (), ())
    s = _Scorer(profile, as_of, library, version.counting)
    found: list[Improvement] = [*_language(s), *_french(s), *_spouse(s)]
    if known(profile.education):
        found += _eca(s, profile.education, "applicant")
    found += [*_canadian_year(s), *_nomination(s)]
    found.sort(key=lambda i: (-i.high, -i.low, i.says))
    declines = tuple(_declines(s))
    return Improvements(as_of, s.base.low, s.base.high, tuple(found), declines)


