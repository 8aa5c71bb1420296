"""work_experience: paid work in matching occupations within a look-back window, at least so many hours."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from eligibility.kinds.base import Check, Decision, Kind, LeafOutcome, Matcher
from eligibility.logic import Outcome, threshold
from eligibility.measure.cache import IdentityCache
from eligibility.measure.context import Measurer
from eligibility.measure.occupations import describe_occupations, title
from eligibility.measure.work import WorkMeasure, measure_work, work_hours, work_table
from eligibility.numbers import held
from eligibility.rulebook.model import WorkExperienceCondition


def measure(c: WorkExperienceCondition, mm: Measurer) -> WorkMeasure:
    """The hours counted for this condition (measured once per evaluation: other conditions read it)."""
    return mm.once_by(c, measure_work)


def decide(c: WorkExperienceCondition, m: WorkMeasure) -> Decision:
    """Passes on the jobs known to count; fails unless jobs of unknown NOC could make up the hours."""
    if not m.known:
        return Decision("unknown")
    return Decision(threshold(m.low, m.high, c.min_hours))


def outcome(c: WorkExperienceCondition) -> Callable[[Measurer], Outcome]:
    """``decide(c, measure(c, mm)).outcome``, compiled: the hours alone (``measure.work.work_hours``), without the
    measure's record and the occupations it names. The measure is not kept: a condition that another reads
    (``same_occupation_as``, a TEER or primary occupation source) is measured instead (``evaluator.verdict``)."""
    minimum = c.min_hours

    def decided(mm: Measurer) -> Outcome:
        hours = work_hours(c, mm.facts)
        return "unknown" if hours is None else threshold(hours[0], hours[1], minimum)

    return decided


def durable_checks(c: WorkExperienceCondition) -> dict[str, Check]:
    """``hours``: pass when the low count reaches the minimum, fail when even the high count falls short."""
    return {"hours": Check({"$gte": {"low": c.min_hours}}, ({"$lt": {"high": c.min_hours}},))}


def durable_decide(c: WorkExperienceCondition, m: WorkMeasure, run: Matcher) -> Decision:
    """The measured hours asserted as one fact (none when the history is unknown)."""
    return Decision(run.one("hours", {"low": m.low, "high": m.high} if m.known else {}))


class _Words:
    """What a condition's reports say that its measure does not change, worked out once per condition: what is
    required, the place of the hours when no occupation is named, the words after the window's days, and the
    words of each window and each occupation met (a condition's window moves with the as-of date alone)."""

    __slots__ = ("needed", "required", "spans", "where")

    def __init__(self, c: WorkExperienceCondition) -> None:
        # Scalars and text alone: a shallow copy is a copy.
        self.required = {"hours": c.min_hours, "within_months": c.window_months, "continuous": c.continuous,
                         "single_occupation": c.single_occupation,
                         "occupations": describe_occupations(c.occupations), "location": c.location}
        self.needed = f"; {c.min_hours:,.0f} h needed"
        self.where: dict[str | None, str] = {None: f"in {describe_occupations(c.occupations)}"}
        self.spans: dict[tuple[object, object], str] = {}


#: Each condition's words, kept while the condition lives.
_WORDS: IdentityCache[WorkExperienceCondition, _Words] = IdentityCache()
#: Occupations and windows kept per condition before they are forgotten (a bound on memory).
WORDS_KEPT = 1024


def report(c: WorkExperienceCondition, m: WorkMeasure, d: Decision) -> LeafOutcome:
    """The hours, where they were counted, and every job's share or why it was left out."""
    words = _WORDS.get(c, _Words)
    required = dict(words.required)  # a copy: the kept one is never handed out
    if not m.known:
        return LeafOutcome(d.outcome, None, required, "the profile does not list the work history")
    code = m.best_code or None
    where = words.where.get(code)
    if where is None:
        if len(words.where) >= WORDS_KEPT:
            words.where = {None: words.where[None]}
        where = words.where[code] = f"in {title(code)}" if code else words.where[None]
    span = words.spans.get((m.first, m.last))
    if span is None:
        if len(words.spans) >= WORDS_KEPT:
            words.spans.clear()
        span = words.spans[m.first, m.last] = (f"{' (longest continuous run)' if c.continuous else ''} "
                                               f"between {m.first} and {m.last}{words.needed}")
    explanation = f"{held(m.low, c.min_hours)} h {where}{span}"
    if m.uncertain and d.outcome == "unknown":
        explanation += f"; up to {held(m.high, c.min_hours)} h if the jobs without a NOC code count"
    observed = {"hours": round(m.low, 1), "occupation": m.best_code}
    return LeafOutcome(d.outcome, observed, required, explanation, m.evidence,
                       plain=True)


def key(c: WorkExperienceCondition, m: WorkMeasure) -> Hashable | None:
    """An unknown work history reads the same whatever the profile; a known one has no key."""
    return None if m.known else ()


#: ``prekey`` of a work history that is unknown (``key``'s own key).
_UNKNOWN_HISTORY = ()


def prekey(c: WorkExperienceCondition) -> Callable[[Measurer], Hashable | None]:
    """A key without measuring when the work history is unknown (``key``'s) or lists no job begun before the
    as-of date (the as-of date: then the measure is no hours, no occupation, no evidence, within the condition's
    window of that date, whatever the profile); None for a history with jobs, which is measured."""
    def found(mm: Measurer) -> Hashable | None:
        tables = mm.facts.tables  # ``work_table``'s own mapping: the table made once per evaluation, read here
        table = tables["applicant"] if "applicant" in tables else work_table(mm.facts)
        if table is None:
            return _UNKNOWN_HISTORY
        return None if table.rows else mm.facts.as_of

    return found


KIND: Kind[WorkExperienceCondition, WorkMeasure] = Kind(
    "work_experience", WorkExperienceCondition, measure, decide, durable_checks, durable_decide, report, key=key,
    outcome=outcome, prekey=prekey)
