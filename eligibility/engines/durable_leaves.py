"""The facts each leaf kind asserts, and how the checks' outcomes combine into the leaf's outcome.

Python measures (hours in a window, CLB levels of valid tests, the funds surplus, a grid's score);
durable decides every comparison and every occupation membership. The combination mirrors the
native evaluator's three-valued logic: Kleene AND within a fact, Kleene ANY over repeated records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from attrs import frozen

from eligibility.dates import months_before, window
from eligibility.engines.durable_compile import (
    ABILITIES,
    OPEN_ENDED_MONTHS,
    SKILLED,
    CompiledLibrary,
    Scalar,
    code_fields,
    language_needs,
    tag,
)
from eligibility.engines.durable_session import Session
from eligibility.evaluator.context import Context, kleene_all, kleene_any
from eligibility.evaluator.grid import score
from eligibility.evaluator.work_leaf import excluded_because
from eligibility.facts import Facts, level_rank
from eligibility.noc import noc_table
from eligibility.profile.model import JobOffer as Offer
from eligibility.result import Outcome
from eligibility.rulebook.model import (
    AgeCondition,
    CertificateCondition,
    Condition,
    DeclarationCondition,
    EducationCondition,
    FundsCondition,
    IntendedProvinceCondition,
    JobOfferCondition,
    JudgementCondition,
    LanguageCondition,
    Occupations,
    PointsCondition,
    ProgramCondition,
    WorkExperienceCondition,
)
from eligibility.unknown import known
from eligibility.work import Job, best_count, clip, count


@frozen
class LeafRun:
    """What a leaf's evaluation needs: the session, the leaf's key prefix, the compiled keys."""

    session: Session
    prefix: str
    compiled: CompiledLibrary
    memberships: dict[tuple[Occupations, str], Outcome]

    def decide(self, name: str, items: list[dict[str, Scalar]]) -> list[Outcome]:
        """Outcomes of this leaf's check ``name`` on each item."""
        return self.session.decide(f"{self.prefix}.{name}", items)

    def one(self, name: str, item: dict[str, Scalar]) -> Outcome:
        """Outcome of this leaf's check ``name`` on one fact."""
        return self.decide(name, [item])[0]

    def listed(self, count_: int | None, name: str, items: list[dict[str, Scalar]]) -> Outcome:
        """Repeated records: unknown when the list is unknown, else whether some item passes."""
        have = self.one("count", {} if count_ is None else {"count": count_})
        if have != "pass":
            return have
        return kleene_any(self.decide(name, items))

    def member(self, occ: Occupations, code: str | None) -> Outcome:
        """Whether durable finds the NOC code in the selector (unknown without a code)."""
        if code is None:
            return "unknown"
        found = self.memberships.get((occ, code))
        if found is None:
            group = noc_table().get(code)
            fields = code_fields(code, group.teer if group else None)
            keys = self.compiled.selectors[occ]
            listed = [self.session.decide_one(k, fields) for n, k in keys.items() if n.startswith("listed")]
            others = [self.session.decide_one(k, fields) for n, k in keys.items() if not n.startswith("listed")]
            found = kleene_all(([kleene_any(listed)] if listed else []) + others)
            self.memberships[(occ, code)] = found
        return found


Extra = dict[str, Any]


def work(c: WorkExperienceCondition, ctx: Context, run: LeafRun) -> tuple[Outcome, Extra]:
    """Hours of the jobs durable places in the occupations, counted IRCC's way, against the minimum."""
    jobs = ctx.facts.jobs()
    if not known(jobs):
        return run.one("hours", {}), {}
    first, last = window(ctx.as_of, c.window_months)
    by_code: dict[str, list[Job]] = defaultdict(list)
    maybe: list[Job] = []
    for jf in jobs:
        part = clip(jf.job, first, last)
        if part is None or excluded_because(jf.entry, c.location, c.exclude, c.provinces) is not None:
            continue
        fit = run.member(c.occupations, jf.entry.noc)
        if fit == "pass" and jf.entry.noc is not None:
            by_code[jf.entry.noc].append(part)
        elif fit == "unknown":
            maybe.append(part)
    if c.single_occupation:
        scored = {code: best_count(parts, c.continuous)[0] for code, parts in by_code.items()}
        low = max(scored.values(), default=Fraction(0))
        high = max([best_count(parts + maybe, c.continuous)[0] for parts in by_code.values()]
                   + [best_count(maybe, c.continuous)[0], low]) if maybe else low
        qualifying = sorted(k for k, v in scored.items() if v >= c.min_hours)
    else:
        parts = [p for ps in by_code.values() for p in ps]
        low = best_count(parts, c.continuous)[0]
        high = best_count(parts + maybe, c.continuous)[0] if maybe else low
        qualifying = sorted(by_code) if low >= c.min_hours else []
    totals = {code: count(parts)[0] for code, parts in by_code.items()}
    main = max(totals, key=lambda k: (totals[k], k), default=None)
    outcome = run.one("hours", {"low": float(low), "high": float(high)})
    return outcome, {"main_noc": main, "qualifying_codes": qualifying}


def language(c: LanguageCondition, ctx: Context, run: LeafRun) -> tuple[Outcome, Extra]:
    """Each valid test's levels against each minimum that may apply."""
    tests = ctx.facts.tests("applicant", c.max_age_months)
    every = language_needs(c)
    if c.minimum is not None:
        needs = [0]
    else:
        table = c.minimum_by_teer or {}
        sibling = ctx.siblings.get(c.teer_from or "")
        main = sibling.extra.get("main_noc") if sibling else None
        group = noc_table().get(main) if main else None
        needs = [every.index(table[group.teer])] if group is not None and group.teer in table else list(
            range(len(every)))
    if not known(tests):
        return run.one("count", {}), {}
    items: list[dict[str, Scalar]] = [
        {"valid": int(t.valid), "language": t.language, "test": t.test.test, **{a: t.levels[a] for a in ABILITIES}}
        for t in tests]
    outcomes = [run.listed(len(items), f"need{i}", items) for i in needs]
    return (outcomes[0] if len(set(outcomes)) == 1 else "unknown"), {}


def education(c: EducationCondition, ctx: Context, run: LeafRun) -> tuple[Outcome, Extra]:
    """Some credential recognized at or above the minimum level (and place, and date, if asked)."""
    creds = ctx.facts.credentials("applicant", c.eca_max_age_months, c.foreign_needs_eca)
    if not known(creds):
        return run.one("count", {}), {}
    cutoff = months_before(ctx.as_of, c.completed_within_months or 0)
    items: list[dict[str, Scalar]] = []
    for cf in creds:
        e = cf.education
        item: dict[str, Scalar] = {
            "recognized": int(cf.why_not is None), "country": e.country, "province": e.province or "-",
            "completed_known": int(e.completed is not None),
            "level_rank": level_rank(cf.level) if cf.level is not None else -1}
        if e.completed is not None:
            item["completed_margin_days"] = (e.completed - cutoff).days
        items.append(item)
    return run.listed(len(items), "item", items), {}


def _offer_fields(offer: Offer) -> dict[str, Scalar]:
    fields: dict[str, Scalar] = {
        "has_offer": 1, "lmia": offer.lmia, "seasonal": int(offer.seasonal),
        "duration_months": OPEN_ENDED_MONTHS if offer.duration_months is None else offer.duration_months}
    if offer.hours_per_week is not None:
        fields["hours_per_week"] = offer.hours_per_week
    return fields


def _employer_hours(facts: Facts, offer: Offer) -> float | None:
    """Hours worked in the last 10 years for the offer's employer, if a current job in Canada; None: unknown."""
    jobs = facts.jobs()
    if not known(jobs) or offer.employer is None:
        return None
    first, last = window(facts.as_of, 120)
    same = [jf.job for jf in jobs if jf.entry.country == "CA" and jf.entry.employer == offer.employer
            and (jf.entry.end is None or jf.entry.end >= facts.as_of)]
    return float(count([j for j in same if j.start <= last and j.end >= first])[0])


def arranged(facts: Facts, run: LeafRun) -> Outcome:
    """Arranged employment (IRPR s. 82(2)) as the funds exemption asks it."""
    offer = facts.job_offer
    if not known(offer):
        return run.one("ae.offer", {})
    if offer is None:
        return run.one("ae.offer", {"has_offer": 0})
    fields = _offer_fields(offer)
    hours = _employer_hours(facts, offer) if offer.lmia == "exempt" else None
    if hours is not None:
        fields["employer_hours"] = hours
    guard = run.one("ae.offer", fields)
    parts = [run.member(SKILLED, offer.noc)] + [run.one(n, fields) for n in
                                                ("ae.hours", "ae.duration", "ae.seasonal", "ae.lmia")]
    return guard if guard != "pass" else kleene_all(parts)


def funds(c: FundsCondition, ctx: Context, run: LeafRun) -> tuple[Outcome, Extra]:
    """FundsCondition surplus over the table's amount; exempt when authorized to work with arranged employment."""
    version = ctx.library.tables[c.table].version_on(ctx.as_of)
    if version is None:
        return run.one("surplus", {}), {}
    size, exact = ctx.facts.family_size
    need = version.amount_for(size)
    exempt: Outcome = "fail"
    if c.exempt_if_authorized_with_offer:
        job = ctx.facts.current_canadian_job()
        held = run.one("job", {} if not known(job) else {"current_job": int(job is not None)})
        exempt = kleene_all([held, arranged(ctx.facts, run)])
        if exempt == "pass":
            return "pass", {}
    have = ctx.facts.profile.funds_cad
    outcome = run.one("surplus", {"surplus": have - need, "exact": int(exact)} if known(have) else {})
    if exempt == "unknown" and outcome == "fail":
        outcome = "unknown"
    return outcome, {}


def job_offer(c: JobOfferCondition, ctx: Context, run: LeafRun) -> tuple[Outcome, Extra]:
    """The offer meets each requirement the condition lists."""
    offer = ctx.facts.job_offer
    if not known(offer):
        return run.one("offer", {}), {}
    if offer is None:
        return run.one("offer", {"has_offer": 0}), {}
    fields = _offer_fields(offer)
    if offer.province is not None:
        fields["province"] = offer.province
    floor = c.min_wage_hourly
    if c.wage_floors_hourly and offer.noc in c.wage_floors_hourly:
        floor = max(floor or 0.0, c.wage_floors_hourly[offer.noc])
    if floor is not None and offer.wage_hourly is not None:
        fields["wage_margin"] = offer.wage_hourly - floor
    if offer.wage_annual is not None:
        fields["wage_annual"] = offer.wage_annual
    guard = run.one("offer", fields)
    parts = [run.one(n, fields) for n in _job_offer_checks(c, floor)]
    if c.occupations is not None:
        parts.insert(0, run.member(c.occupations, offer.noc))
    return (guard if guard != "pass" else kleene_all(parts)), {}


def _job_offer_checks(c: JobOfferCondition, floor: float | None) -> list[str]:
    return [n for n, on in (("hours", c.min_hours_per_week is not None),
                             ("duration", c.min_duration_months is not None), ("lmia", c.lmia is not None),
                             ("province", c.provinces is not None), ("seasonal", c.non_seasonal),
                             ("wage_hourly", floor is not None), ("wage_annual", c.min_wage_annual is not None))
             if on]


def certificate(c: CertificateCondition, ctx: Context, run: LeafRun) -> tuple[Outcome, Extra]:
    """Some certificate in a matching trade (and in a trade of the sibling's experience, if asked)."""
    certs = ctx.facts.profile.certificates_of_qualification
    if not known(certs):
        return run.one("count", {}), {}
    have = run.one("count", {"count": len(certs)})
    if have != "pass":
        return have, {}
    trades: list[str] | None = None
    if c.same_occupation_as:
        sibling = ctx.siblings.get(c.same_occupation_as)
        trades = list(sibling.extra.get("qualifying_codes", [])) if sibling else []
    outcomes = []
    for cert in certs:
        parts = [run.member(c.occupations, cert.noc)] if c.occupations is not None else []
        if trades is not None:
            parts.append(run.one("trade", {"same_trade": int(cert.noc in trades)}))
        outcomes.append(kleene_all(parts))
    return kleene_any(outcomes), {}


def intended_province(c: IntendedProvinceCondition, ctx: Context, run: LeafRun) -> tuple[Outcome, Extra]:
    """The intended province is allowed and not excluded."""
    where = ctx.facts.profile.intended_province
    return run.one("where", {"province": where} if known(where) else {}), {}


def age(c: AgeCondition, ctx: Context, run: LeafRun) -> tuple[Outcome, Extra]:
    """AgeCondition in whole years within the bounds."""
    years = ctx.facts.age
    return run.one("age", {"age": years} if known(years) else {}), {}


def program(c: ProgramCondition, ctx: Context, run: LeafRun) -> tuple[Outcome, Extra]:
    """Eligible for at least one of the listed programs (undetermined ones leave it unknown)."""
    items: list[dict[str, Scalar]] = [{"verdict": ctx.verdicts.get(p, "not_encoded")} for p in c.any_of]
    return kleene_any(run.decide("verdict", items)), {}


def declaration(c: DeclarationCondition, ctx: Context, run: LeafRun) -> tuple[Outcome, Extra]:
    """A stated fact: a number against a minimum, or a value compared as typed text."""
    decl = ctx.facts.profile.declarations
    if c.key not in decl:
        return run.one("value", {}), {}
    value = decl[c.key]
    if c.min is not None:
        number = not isinstance(value, bool) and isinstance(value, int | float)
        return run.one("value", {"number": value} if number else {}), {}
    return run.one("value", {"tagged": tag(value)}), {}


def judgement(c: JudgementCondition, ctx: Context, run: LeafRun) -> tuple[Outcome, Extra]:
    """An officer's judgement: fails only when the profile states false."""
    value = ctx.facts.profile.declarations.get(c.key)
    return run.one("said", {"said": "false" if value is False else "other"}), {}


def points(c: PointsCondition, ctx: Context, run: LeafRun) -> tuple[Outcome, Extra]:
    """The grid's lowest and highest possible totals against the pass mark."""
    version = ctx.library.grids[c.grid].version_on(ctx.as_of)
    if version is None:
        return run.one("score", {}), {}
    low, high, _ = score(version.factors, ctx.facts)
    return run.one("score", {"low": low, "high": high}), {}


LEAVES: dict[type, Callable[[Any, Context, LeafRun], tuple[Outcome, Extra]]] = {
    WorkExperienceCondition: work, LanguageCondition: language, EducationCondition: education,
    FundsCondition: funds, JobOfferCondition: job_offer, CertificateCondition: certificate,
    IntendedProvinceCondition: intended_province, AgeCondition: age, ProgramCondition: program,
    DeclarationCondition: declaration, JudgementCondition: judgement, PointsCondition: points,
}


def decide_leaf(cond: Condition, ctx: Context, run: LeafRun) -> tuple[Outcome, Extra]:
    """The durable outcome of one leaf, with the data later sibling leaves read."""
    return LEAVES[type(cond)](cond, ctx, run)
