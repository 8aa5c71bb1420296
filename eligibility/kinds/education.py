"""education: a completed credential recognized at or above a level (Canadian, or foreign with a valid ECA)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable

from attrs import frozen

from eligibility.dates import months_before
from eligibility.facts import CredentialFact, level_rank
from eligibility.kinds import work_experience
from eligibility.kinds.base import Check, Decision, Kind, LeafOutcome, Matcher, Scalar, Test, at_least_one, conj
from eligibility.kinds.base import listed as listed_outcomes
from eligibility.logic import Outcome, kleene_any
from eligibility.measure.context import Measurer
from eligibility.measure.occupations import selects
from eligibility.record import Record
from eligibility.rulebook.model import EducationCondition
from eligibility.unknown import known


@frozen(slots=False)
class EducationMeasure(Record):
    """The applicant's credentials with the level the rules recognize (None: not listed), and the completion cutoff.

    ``designated`` is (body id, body name, primary occupation) when a professional body is designated for
    the primary occupation (IRPR s. 75(2.1)); a foreign credential's ECA then counts only from that body.
    """

    credentials: tuple[CredentialFact, ...] | None
    completed_after: dt.date | None = None
    designated: tuple[str, str, str] | None = None


def designated_body(c: EducationCondition, mm: Measurer) -> tuple[str, str, str] | None:
    """(body id, body name, primary occupation) when a body is designated for the primary occupation."""
    if c.primary_source is None or not c.designated_bodies:
        return None
    main = work_experience.measure(c.primary_source, mm).main_occupation
    if main is None:
        return None
    body = next((b for b in c.designated_bodies if selects(b.occupations, main)), None)
    return (body.id, body.name, main) if body is not None else None


def measure(c: EducationCondition, mm: Measurer) -> EducationMeasure:
    """Each credential's recognized level (an ECA valid ``eca_max_age_months``, from the designated body
    if one is designated for the primary occupation), and the earliest completion counted."""
    designated = designated_body(c, mm)
    creds = mm.facts.credentials("applicant", c.eca_max_age_months, c.foreign_needs_eca, designated)
    cutoff = months_before(mm.as_of, c.completed_within_months) if c.completed_within_months is not None else None
    return EducationMeasure(creds if known(creds) else None, cutoff, designated)


def why_not(c: EducationCondition, m: EducationMeasure, cf: CredentialFact) -> str | None:
    """Why a credential does not count here, or None when it does."""
    return _why_not(c, m.completed_after, cf)


def _why_not(c: EducationCondition, completed_after: dt.date | None, cf: CredentialFact) -> str | None:
    e = cf.education
    if cf.why_not is not None:
        return cf.why_not
    if c.country is not None and e.country != c.country:
        return f"obtained in {e.country}, not {c.country}"
    if c.province is not None and e.province != c.province:
        return f"not obtained in {c.province}"
    if completed_after is not None:
        if e.completed is None:
            return "completion date not given"
        if e.completed <= completed_after:
            return f"completed {e.completed}, more than {c.completed_within_months} months before"
    if cf.level is not None and level_rank(cf.level) < level_rank(c.minimum_level):
        return f"{cf.level} is below {c.minimum_level}"
    return None


def decide(c: EducationCondition, m: EducationMeasure) -> Decision:
    """Some credential counts."""
    if m.credentials is None:
        return Decision("unknown")
    after = m.completed_after
    parts: dict[str, Outcome] = {str(i): "pass" if _why_not(c, after, cf) is None else "fail"
                                 for i, cf in enumerate(m.credentials)}
    return Decision(kleene_any(parts.values()), parts)


def outcome(c: EducationCondition) -> Callable[[Measurer], Outcome]:
    """``decide(c, measure(c, mm)).outcome``, compiled: whether some credential counts (no part named)."""
    def decided(mm: Measurer) -> Outcome:
        # What ``measure`` reads, without making its record.
        creds = mm.facts.credentials("applicant", c.eca_max_age_months, c.foreign_needs_eca, designated_body(c, mm))
        if not known(creds):
            return "unknown"
        cutoff = months_before(mm.as_of, c.completed_within_months) if c.completed_within_months is not None else None
        return "pass" if any(_why_not(c, cutoff, cf) is None for cf in creds) else "fail"

    return decided


def durable_checks(c: EducationCondition) -> dict[str, Check]:
    """``count``, and ``item``: recognized, from the place asked, recent enough, at or above the level."""
    tests = [Test("recognized", "==", 1)]
    if c.country is not None:
        tests.append(Test("country", "==", c.country))
    if c.province is not None:
        tests.append(Test("province", "==", c.province))
    if c.completed_within_months is not None:
        tests += [Test("completed_known", "==", 1), Test("completed_margin_days", ">", 0)]
    tests.append(Test("level_rank", ">=", level_rank(c.minimum_level)))
    return {"count": at_least_one(), "item": conj(*tests)}


def durable_decide(c: EducationCondition, m: EducationMeasure, run: Matcher) -> Decision:
    """Each credential's recognition, place, completion margin and level rank asserted as a fact."""
    if m.credentials is None:
        return Decision(run.one("count", {}))
    cutoff = m.completed_after or dt.date.min
    items: list[dict[str, Scalar]] = []
    for cf in m.credentials:
        e = cf.education
        item: dict[str, Scalar] = {
            "recognized": int(cf.why_not is None), "country": e.country, "province": e.province or "-",
            "completed_known": int(e.completed is not None),
            "level_rank": level_rank(cf.level) if cf.level is not None else -1}
        if e.completed is not None:
            item["completed_margin_days"] = (e.completed - cutoff).days
        items.append(item)
    outcomes = listed_outcomes(run, len(items), "item", items)
    if not items:
        return Decision(outcomes[0])
    parts: dict[str, Outcome] = {str(i): o for i, o in enumerate(outcomes)}
    return Decision(kleene_any(parts.values()), parts)


def report(c: EducationCondition, m: EducationMeasure, d: Decision) -> LeafOutcome:
    """The highest recognized credential, and every credential with whether it counted and why not."""
    required: dict[str, object] = {"minimum_level": c.minimum_level, "country": c.country, "province": c.province}
    if m.designated is not None:
        required["eca_from"] = m.designated[1]
    if m.credentials is None:
        return LeafOutcome(d.outcome, None, required, "the profile does not list education")
    evidence, best = [], None
    # A credential at the level asked that does not count for another reason (its country, province or date):
    # the words say why, or they would read as a pass.
    blocked: list[str] = []
    for i, cf in enumerate(m.credentials):
        e = cf.education
        counted = d.parts.get(str(i)) == "pass"
        reason = None if counted else _why_not(c, m.completed_after, cf)
        evidence.append({"education": cf.index, "level": e.level, "recognized_as": cf.level,
                         "country": e.country, "via_eca": cf.via_eca, "counted": counted,
                         **({"reason": reason} if reason else {})})
        if cf.level is not None and (best is None or level_rank(cf.level) > level_rank(best)):
            best = cf.level
        if reason and cf.level is not None and level_rank(cf.level) >= level_rank(c.minimum_level):
            blocked.append(f"the {cf.level} does not count: {reason}")
    text = f"highest recognized credential: {best or 'none'}; needs {c.minimum_level} or higher"
    if blocked and d.outcome != "pass":
        text += "; " + "; ".join(dict.fromkeys(blocked))
    if c.foreign_needs_eca and c.eca_max_age_months is not None:
        text += f" (Canadian, or foreign with an ECA less than {c.eca_max_age_months // 12} years old)"
    if m.designated is not None:
        text += f"; primary occupation {m.designated[2]}: a foreign credential's ECA must come from {m.designated[1]}"
    # Text, numbers and flags in dicts made here: plain JSON already.
    return LeafOutcome(d.outcome, best, required, text, tuple(evidence), plain=True)


def key(c: EducationCondition, m: EducationMeasure) -> Hashable | None:
    """Unlisted education: the designated body, if any; listed credentials have no key."""
    return None if m.credentials is not None else (m.designated,)


KIND: Kind[EducationCondition, EducationMeasure] = Kind(
    "education", EducationCondition, measure, decide, durable_checks, durable_decide, report, key=key,
    outcome=outcome)
