"""education: a completed credential recognized at or above a level (Canadian, or foreign with a valid ECA)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable

from attrs import frozen

from eligibility.dates import months_before
from eligibility.facts import CredentialFact, level_rank
from eligibility.kinds import work_experience
from eligibility.kinds.base import (
    Check,
    Decision,
    Explained,
    Kind,
    LeafOutcome,
    Matcher,
    Scalar,
    Test,
    at_least_one,
    conj,
)
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
    #: While the primary occupation is not settled (occupations tied for the most experience, or jobs without a
    #: NOC code that may be it): the credentials as each other body that may be designated (or none) would
    #: recognize them, in the same order as ``credentials``. Empty when the primary occupation is settled.
    otherwise: tuple[tuple[CredentialFact, ...], ...] = ()


def designated_body(c: EducationCondition, mm: Measurer) -> tuple[str, str, str] | None:
    """(body id, body name, primary occupation) when a body is designated for the primary occupation."""
    return designated_bodies(c, mm)[0]


Designated = tuple[str, str, str] | None


def designated_bodies(c: EducationCondition, mm: Measurer) -> tuple[Designated, tuple[Designated, ...]]:
    """The body designated for the primary occupation (``designated_body``), and the other designations that may
    apply while the primary occupation is not settled: those of occupations tied with it for the most experience,
    and, while jobs without a NOC code may count with hours enough to make another occupation the primary one
    (``WorkMeasure.main_open``: in any occupation), every body and none."""
    if c.primary_source is None or not c.designated_bodies:
        return None, ()
    work = work_experience.measure(c.primary_source, mm)
    main = work.main_occupation
    mine = _body_for(c, main) if main is not None else None
    if not work.main_tied and not work.main_open:
        return mine, ()
    others: list[Designated] = [_body_for(c, code) for code in work.main_tied]
    if work.main_open:
        others += [None, *((b.id, b.name, "a job without a NOC code") for b in c.designated_bodies)]
    # A body designated for the primary occupation whichever it is changes nothing.
    ids = {d[0] if d is not None else None for d in others} - {mine[0] if mine is not None else None}
    kept = {d[0] if d is not None else None: d for d in others}
    return mine, tuple(kept[i] for i in sorted(ids, key=lambda i: i or ""))


def _body_for(c: EducationCondition, code: str) -> Designated:
    body = next((b for b in c.designated_bodies if selects(b.occupations, code)), None)
    return (body.id, body.name, code) if body is not None else None


def measure(c: EducationCondition, mm: Measurer) -> EducationMeasure:
    """Each credential's recognized level (an ECA valid ``eca_max_age_months``, from the designated body
    if one is designated for the primary occupation), and the earliest completion counted."""
    designated, others = designated_bodies(c, mm)
    creds = mm.facts.credentials("applicant", c.eca_max_age_months, c.foreign_needs_eca, designated)
    cutoff = months_before(mm.as_of, c.completed_within_months) if c.completed_within_months is not None else None
    if not known(creds):
        return EducationMeasure(None, cutoff, designated)
    otherwise = tuple(alt for d in others
                      if known(alt := mm.facts.credentials("applicant", c.eca_max_age_months, c.foreign_needs_eca, d)))
    return EducationMeasure(creds, cutoff, designated, otherwise)


def why_not(c: EducationCondition, m: EducationMeasure, cf: CredentialFact) -> str | None:
    """Why a credential does not count here (or may not: a detail not given), or None when it does."""
    return _check(c, m.completed_after, cf)[1]


def _why_not(c: EducationCondition, completed_after: dt.date | None, cf: CredentialFact) -> str | None:
    return _check(c, completed_after, cf)[1]


def _check(c: EducationCondition, completed_after: dt.date | None, cf: CredentialFact) -> tuple[Outcome, str | None]:
    """Whether a credential counts here: pass; fail, with why; or unknown, with the detail not given (its province,
    or its completion date under a rule that asks when it was completed) when nothing else rules it out."""
    e = cf.education
    if cf.why_not is not None:
        return "fail", cf.why_not
    if c.country is not None and e.country != c.country:
        return "fail", f"obtained in {e.country}, not {c.country}"
    unsure = None
    if c.province is not None and e.province != c.province:
        if e.province is not None:
            return "fail", f"not obtained in {c.province}"
        unsure = "province not given"
    if completed_after is not None:
        if e.completed is None:
            unsure = unsure or "completion date not given"
        elif e.completed <= completed_after:
            return "fail", f"completed {e.completed}, more than {c.completed_within_months} months before"
    if cf.level is not None and level_rank(cf.level) < level_rank(c.minimum_level):
        return "fail", f"{cf.level} is below {c.minimum_level}"
    return ("unknown", unsure) if unsure is not None else ("pass", None)


def decide(c: EducationCondition, m: EducationMeasure) -> Decision:
    """Some credential counts."""
    if m.credentials is None:
        return Decision("unknown")
    after = m.completed_after
    parts: dict[str, Outcome] = {str(i): _check(c, after, cf)[0] for i, cf in enumerate(m.credentials)}
    for alt in m.otherwise:
        # A credential that counts as one body would have it and not as another: not settled.
        for i, cf in enumerate(alt):
            if parts[str(i)] != _check(c, after, cf)[0]:
                parts[str(i)] = "unknown"
    return Decision(kleene_any(parts.values()), parts)


def outcome(c: EducationCondition) -> Callable[[Measurer], Outcome]:
    """``decide(c, measure(c, mm)).outcome``, compiled: whether some credential counts (no part named)."""
    def decided(mm: Measurer) -> Outcome:
        # What ``measure`` reads, without making its record.
        designated, others = designated_bodies(c, mm)
        if others:
            return decide(c, measure(c, mm)).outcome
        creds = mm.facts.credentials("applicant", c.eca_max_age_months, c.foreign_needs_eca, designated)
        if not known(creds):
            return "unknown"
        cutoff = months_before(mm.as_of, c.completed_within_months) if c.completed_within_months is not None else None
        return kleene_any([_check(c, cutoff, cf)[0] for cf in creds])

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
            "recognized": int(cf.why_not is None), "country": e.country,
            "level_rank": level_rank(cf.level) if cf.level is not None else -1}
        # A province or completion date not given is not asserted: durable leaves its test unknown.
        if e.province is not None or c.province is None:
            item["province"] = e.province or "-"
        if e.completed is not None:
            item["completed_known"] = 1
            item["completed_margin_days"] = (e.completed - cutoff).days
        # Recognized as one body that may be designated would have it and not as another (or at another level):
        # neither is asserted, and durable leaves the credential unknown.
        if any(alt[len(items)].why_not != cf.why_not or alt[len(items)].level != cf.level for alt in m.otherwise):
            del item["recognized"], item["level_rank"]
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
            if d.parts.get(str(i)) == "unknown":
                blocked.append(f"the {cf.level} may count: {reason}")
            else:
                blocked.append(f"the {cf.level} does not count: {reason}")
    text = f"highest recognized credential: {best or 'none'}; needs {c.minimum_level} or higher"
    if blocked and d.outcome != "pass":
        text += "; " + "; ".join(dict.fromkeys(blocked))
    if c.foreign_needs_eca and c.eca_max_age_months is not None:
        text += f" (Canadian, or foreign with an ECA less than {c.eca_max_age_months // 12} years old)"
    if m.designated is not None:
        text += f"; primary occupation {m.designated[2]}: a foreign credential's ECA must come from {m.designated[1]}"
    if m.otherwise and d.outcome == "unknown":
        text += "; the primary occupation is not settled (occupations tied for the most experience, or a job " \
                "without a NOC code), and a foreign credential's ECA counts or not by the body designated for it"
    # Text, numbers and flags in dicts made here: plain JSON already.
    return LeafOutcome(d.outcome, best, required, text, tuple(evidence), plain=True)


def prekey(c: EducationCondition) -> Callable[[Measurer], Hashable | None]:
    """``key(c, measure(c, mm))`` without the measure's record when the education is not listed (None: listed,
    which is measured)."""
    def found(mm: Measurer) -> Hashable | None:
        # The applicant's credentials are unknown exactly when the profile does not list the education
        # (``Facts.credentials``), whatever body is designated.
        if known(mm.facts.profile.education):
            return None
        return (designated_bodies(c, mm)[0],)

    return found


#: The words added while the primary occupation is not settled (``report``).
_UNSETTLED = ("; the primary occupation is not settled (occupations tied for the most experience, or a job without a "
              "NOC code), and a foreign credential's ECA counts or not by the body designated for it")


def explained(c: EducationCondition) -> Callable[[Measurer], Explained]:
    """``report(c, m, decide(c, m))``'s values with ``m = measure(c, mm)``, compiled (``Kind.explained``): each
    credential checked once for the decision and the words, without the measure's and the decision's records or a
    part named per credential; the words of the condition's own requirement made once."""
    months, eca, within = c.eca_max_age_months, c.foreign_needs_eca, c.completed_within_months
    minimum = c.minimum_level
    floor = level_rank(minimum)
    base: dict[str, object] = {"minimum_level": minimum, "country": c.country, "province": c.province}
    needs = f"; needs {minimum} or higher"
    eca_words = (f" (Canadian, or foreign with an ECA less than {months // 12} years old)"
                 if eca and months is not None else "")

    def explain(mm: Measurer) -> Explained:
        designated, others = designated_bodies(c, mm)
        creds = mm.facts.credentials("applicant", months, eca, designated)
        required = dict(base)
        if designated is not None:
            required["eca_from"] = designated[1]
        if not known(creds):
            return "unknown", None, required, "the profile does not list education", (), None
        after = months_before(mm.as_of, within) if within is not None else None
        otherwise = [alt for d in others if known(alt := mm.facts.credentials("applicant", months, eca, d))]
        checks = [_check(c, after, cf) for cf in creds]
        outcomes = [found for found, _ in checks]
        for alt in otherwise:
            # A credential that counts as one body would have it and not as another: not settled.
            for i, cf in enumerate(alt):
                if outcomes[i] != _check(c, after, cf)[0]:
                    outcomes[i] = "unknown"
        outcome = kleene_any(outcomes)
        evidence, best = [], None
        blocked: list[str] = []
        for i, cf in enumerate(creds):
            e = cf.education
            counted = outcomes[i] == "pass"
            reason = None if counted else checks[i][1]
            item = {"education": cf.index, "level": e.level, "recognized_as": cf.level, "country": e.country,
                    "via_eca": cf.via_eca, "counted": counted}
            level = cf.level
            if reason:
                item["reason"] = reason
                if level is not None and level_rank(level) >= floor:
                    blocked.append(f"the {level} may count: {reason}" if outcomes[i] == "unknown"
                                   else f"the {level} does not count: {reason}")
            evidence.append(item)
            if level is not None and (best is None or level_rank(level) > level_rank(best)):
                best = level
        text = f"highest recognized credential: {best or 'none'}{needs}"
        if blocked and outcome != "pass":
            text += "; " + "; ".join(dict.fromkeys(blocked))
        text += eca_words
        if designated is not None:
            text += f"; primary occupation {designated[2]}: a foreign credential's ECA must come from {designated[1]}"
        if otherwise and outcome == "unknown":
            text += _UNSETTLED
        return outcome, best, required, text, tuple(evidence), None

    return explain


def key(c: EducationCondition, m: EducationMeasure) -> Hashable | None:
    """Unlisted education: the designated body, if any; listed credentials have no key."""
    return None if m.credentials is not None else (m.designated,)


KIND: Kind[EducationCondition, EducationMeasure] = Kind(
    "education", EducationCondition, measure, decide, durable_checks, durable_decide, report, key=key,
    outcome=outcome, prekey=prekey, explained=explained)
