"""Evaluators for the leaf condition kinds other than work experience and points."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eligibility.converter import unstructure
from eligibility.evaluator.context import Context, LeafOutcome, kleene_all, kleene_any, threshold
from eligibility.evaluator.occupation_match import describe_occupations, matches
from eligibility.evaluator.offers import arranged_employment, offer_checks
from eligibility.facts import TestFact, level_rank
from eligibility.noc import noc_table
from eligibility.result import Outcome
from eligibility.rulebook.model import (
    AgeCondition,
    CertificateCondition,
    DeclarationCondition,
    EducationCondition,
    FundsCondition,
    IntendedProvinceCondition,
    JobOfferCondition,
    JudgementCondition,
    LanguageCondition,
    Levels,
    ProgramCondition,
)
from eligibility.unknown import known


def _meets(t: TestFact, need: Levels) -> bool:
    return all(t.levels[a] >= getattr(need, a) for a in ("reading", "writing", "listening", "speaking"))


def _levels_text(levels: dict[str, int] | Levels) -> str:
    values = levels if isinstance(levels, dict) else unstructure(levels)
    return ", ".join(f"{a[0].upper()}{values[a]}" for a in ("reading", "writing", "listening", "speaking"))


def language(c: LanguageCondition, ctx: Context) -> LeafOutcome:
    """Some valid test in the right language meets the minimum in all four abilities."""
    tests = ctx.facts.tests("applicant", c.max_age_months)
    if c.minimum is not None:
        needs = [c.minimum]
        required: Any = unstructure(c.minimum)
    else:
        table = c.minimum_by_teer or {}
        sibling = ctx.siblings.get(c.teer_from or "")
        main = sibling.extra.get("main_noc") if sibling else None
        group = noc_table().get(main) if main else None
        if group is not None and group.teer in table:
            needs = [table[group.teer]]
            required = {**unstructure(table[group.teer]), "teer": group.teer, "main_occupation": main}
        else:
            needs = list(dict.fromkeys(table.values()))
            required = {str(k): unstructure(v) for k, v in table.items()}
    if not known(tests):
        return LeafOutcome("unknown", None, required, "the profile does not list language tests")
    usable = [t for t in tests if t.valid and (c.language == "any" or t.language == c.language)
              and (c.tests is None or t.test.test in c.tests)]
    evidence = tuple(
        {"test": t.test.test, "taken": t.test.taken.isoformat(), "language": t.language, "levels": t.levels,
         "valid": t.valid, **({"why_not": t.why_not} if t.why_not else {})} for t in tests)
    outcomes = [kleene_any(["pass" if _meets(t, need) else "fail" for t in usable]) if usable else "fail"
                for need in needs]
    outcome: Outcome = outcomes[0] if len(set(outcomes)) == 1 else "unknown"
    best = max(usable, key=lambda t: (any(_meets(t, n) for n in needs), min(t.levels.values())), default=None)
    if best is None:
        return LeafOutcome(outcome, None, required, "no valid test result in the language required", evidence)
    observed = {"test": best.test.test, "taken": best.test.taken.isoformat(), "levels": best.levels}
    need_text = " or ".join(_levels_text(n) for n in needs)
    text = f"{best.test.test} of {best.test.taken}: {_levels_text(best.levels)}; needs {need_text}"
    if outcome == "unknown":
        text += " (the level needed depends on the main occupation, which is not settled)"
    return LeafOutcome(outcome, observed, required, text, evidence)


def education(c: EducationCondition, ctx: Context) -> LeafOutcome:
    """A recognized credential at or above the minimum level."""
    creds = ctx.facts.credentials("applicant", c.eca_max_age_months, c.foreign_needs_eca)
    required = {"minimum_level": c.minimum_level, "country": c.country, "province": c.province}
    if not known(creds):
        return LeafOutcome("unknown", None, required, "the profile does not list education")
    evidence, ok, best = [], [], None
    for cf in creds:
        e = cf.education
        reason = cf.why_not
        if reason is None and c.country is not None and e.country != c.country:
            reason = f"obtained in {e.country}, not {c.country}"
        if reason is None and c.province is not None and e.province != c.province:
            reason = f"not obtained in {c.province}"
        if reason is None and c.completed_within_months is not None:
            from eligibility.dates import months_before
            if e.completed is None:
                reason = "completion date not given"
            elif e.completed <= months_before(ctx.as_of, c.completed_within_months):
                reason = f"completed {e.completed}, more than {c.completed_within_months} months before"
        if reason is None and cf.level is not None and level_rank(cf.level) < level_rank(c.minimum_level):
            reason = f"{cf.level} is below {c.minimum_level}"
        evidence.append({"education": cf.index, "level": e.level, "recognized_as": cf.level,
                         "country": e.country, "via_eca": cf.via_eca, "counted": reason is None,
                         **({"reason": reason} if reason else {})})
        if cf.level is not None and (best is None or level_rank(cf.level) > level_rank(best)):
            best = cf.level
        if reason is None:
            ok.append(cf)
    outcome: Outcome = "pass" if ok else "fail"
    text = f"highest recognized credential: {best or 'none'}; needs {c.minimum_level} or higher"
    if c.foreign_needs_eca:
        text += " (Canadian, or foreign with an ECA less than 5 years old)"
    return LeafOutcome(outcome, best, required, text, tuple(evidence))


def funds(c: FundsCondition, ctx: Context) -> LeafOutcome:
    """Settlement funds at least the amount for the family size, unless exempt.

    The explanation names the table version applied ("2025 table, in force since 2025-07-07") and the
    result carries the table's confidence, which may be weaker than the condition's citations.
    """
    table = ctx.library.tables[c.table]
    version = table.version_on(ctx.as_of)
    if version is None:  # prevented by the library check; kept for rulesets loaded without it
        return LeafOutcome("unknown", None, None, f"no {c.table} amounts are encoded for {ctx.as_of}")
    confidence = version.confidence or table.confidence
    which = f"{version.valid_from.year} table, in force since {version.valid_from}"
    size, exact = ctx.facts.family_size
    need = version.amount_for(size)
    required = {"cad": need, "family_size": size, "table_from": version.valid_from.isoformat()}
    evidence: list[dict[str, Any]] = [{"table": c.table, "from": version.valid_from.isoformat(),
                                       "family_size": size, "family_size_exact": exact, "amount": need,
                                       "confidence": confidence}]
    exempt: Outcome = "fail"
    if c.exempt_if_authorized_with_offer:
        job = ctx.facts.current_canadian_job()
        offer_outcome, offer_text, _ = arranged_employment(ctx.facts, noc_occupations(), 30, 12)
        exempt = kleene_all(["unknown" if not known(job) else ("pass" if job else "fail"), offer_outcome])
        evidence.append({"exemption": "authorized to work in Canada with a valid job offer",
                         "outcome": exempt, "detail": offer_text})
        if exempt == "pass":
            return LeafOutcome("pass", "exempt", required,
                               "exempt: authorized to work in Canada with a valid job offer", tuple(evidence))
    have = ctx.facts.profile.funds_cad
    if not known(have):
        outcome: Outcome = "unknown"
        text = f"funds not given; ${need:,.0f} needed for a family of {size}"
    else:
        # With the family size only known as a lower bound, enough for that size settles nothing.
        outcome = "fail" if have < need else ("pass" if exact else "unknown")
        text = f"${have:,.0f} available; ${need:,.0f} needed for a family of {size}{'' if exact else ' or more'}"
    text += f" ({which}; {confidence.replace('_', ' ')} source)"
    if exempt == "unknown" and outcome == "fail":
        outcome = "unknown"
        text += "; exemption not settled"
    return LeafOutcome(outcome, have if known(have) else None, required, text, tuple(evidence),
                       confidence=confidence)


def noc_occupations() -> Any:
    """TEER 0 to 3: the skilled occupations of arranged employment."""
    from eligibility.rulebook.model import Occupations

    return Occupations(teer=(0, 1, 2, 3))


def job_offer(c: JobOfferCondition, ctx: Context) -> LeafOutcome:
    """A job offer meeting each requirement the condition lists."""
    offer = ctx.facts.job_offer
    required = {k: v for k, v in unstructure(c).items() if k in {
        "min_hours_per_week", "min_duration_months", "lmia", "provinces", "min_wage_hourly", "min_wage_annual",
        "non_seasonal"} and v not in (None, False)}
    if c.occupations is not None:
        required["occupations"] = describe_occupations(c.occupations)
    if not known(offer):
        return LeafOutcome("unknown", None, required, "the profile does not say whether there is a job offer")
    if offer is None:
        return LeafOutcome("fail", None, required, ctx.facts.offer_not_yet or "no job offer")
    checks = offer_checks(offer, c.occupations, c.min_hours_per_week, c.min_duration_months)
    if c.lmia is not None:
        checks.append(("lmia", "pass" if offer.lmia in c.lmia else "fail",
                       f"LMIA {offer.lmia}; needs {', '.join(c.lmia)}"))
    if c.provinces is not None:
        where = offer.province or "not given"
        state: Outcome = "unknown" if offer.province is None else (
            "pass" if offer.province in c.provinces else "fail")
        checks.append(("province", state, f"{where}; needs {', '.join(c.provinces)}"))
    if c.non_seasonal:
        checks.append(("seasonal", "fail" if offer.seasonal else "pass",
                       "seasonal" if offer.seasonal else "not seasonal"))
    floor = c.min_wage_hourly
    if c.wage_floors_hourly and offer.noc in c.wage_floors_hourly:
        floor = max(floor or 0.0, c.wage_floors_hourly[offer.noc])
    if floor is not None:
        if offer.wage_hourly is None:
            checks.append(("wage_hourly", "unknown", f"hourly wage not given; needs ${floor:,.2f}"))
        else:
            checks.append(("wage_hourly", "pass" if offer.wage_hourly >= floor else "fail",
                           f"${offer.wage_hourly:,.2f}/h; needs ${floor:,.2f}"))
    if c.min_wage_annual is not None:
        if offer.wage_annual is None:
            checks.append(("wage_annual", "unknown", f"annual wage not given; needs ${c.min_wage_annual:,.0f}"))
        else:
            checks.append(("wage_annual", "pass" if offer.wage_annual >= c.min_wage_annual else "fail",
                           f"${offer.wage_annual:,.0f}/yr; needs ${c.min_wage_annual:,.0f}"))
    outcome = kleene_all([o for _, o, _ in checks])
    text = "; ".join(f"{w}: {d}" for w, o, d in checks if o != "pass") or "the offer meets every requirement"
    evidence = tuple({"check": w, "outcome": o, "detail": d} for w, o, d in checks)
    return LeafOutcome(outcome, unstructure(offer), required, text, evidence)


def certificate(c: CertificateCondition, ctx: Context) -> LeafOutcome:
    """A certificate of qualification in a matching trade (and in the trade of the experience, if asked)."""
    certs = ctx.facts.profile.certificates_of_qualification
    trades: list[str] | None = None
    if c.same_occupation_as:
        sibling = ctx.siblings.get(c.same_occupation_as)
        trades = list(sibling.extra.get("qualifying_codes", [])) if sibling else []
    required = {"occupations": describe_occupations(c.occupations) if c.occupations else None, "same_trade_as": trades}
    if not known(certs):
        return LeafOutcome("unknown", None, required, "the profile does not list certificates of qualification")
    good = [x for x in certs if (c.occupations is None or matches(c.occupations, x.noc))
            and (trades is None or x.noc in trades)]
    evidence = tuple({"noc": x.noc, "issued_by": x.issued_by, "counted": x in good} for x in certs)
    if good:
        return LeafOutcome("pass", good[0].noc, required,
                           f"certificate for NOC {good[0].noc} issued by {good[0].issued_by}", evidence)
    text = "no certificate of qualification" if not certs else "no certificate in a matching trade"
    if trades is not None:
        text += f" (trades with enough experience: {', '.join(trades) or 'none'})"
    return LeafOutcome("fail", None, required, text, evidence)


def intended_province(c: IntendedProvinceCondition, ctx: Context) -> LeafOutcome:
    """The province of intended residence is allowed and not excluded."""
    where = ctx.facts.profile.intended_province
    required = {"allowed": c.allowed, "excluded": c.excluded}
    if not known(where):
        return LeafOutcome("unknown", None, required, "the intended province is not given")
    ok = (c.allowed is None or where in c.allowed) and where not in c.excluded
    need = (f"one of {', '.join(c.allowed)}" if c.allowed else "") + (
        f"not {', '.join(c.excluded)}" if c.excluded else "")
    return LeafOutcome("pass" if ok else "fail", where, required, f"intends to live in {where}; needs {need}")


def age(c: AgeCondition, ctx: Context) -> LeafOutcome:
    """AgeCondition in whole years within the bounds."""
    years = ctx.facts.age
    required = {"min": c.min, "max": c.max}
    if not known(years):
        return LeafOutcome("unknown", None, required, "the birth date is not given")
    ok = (c.min is None or years >= c.min) and (c.max is None or years <= c.max)
    return LeafOutcome("pass" if ok else "fail", years, required, f"{years} years old on {ctx.as_of}")


def program(c: ProgramCondition, ctx: Context) -> LeafOutcome:
    """Eligible for at least one of the listed programs on the same date."""
    verdicts = {p: ctx.verdicts.get(p, "not_encoded") for p in c.any_of}
    outcomes: list[Outcome] = ["pass" if v == "eligible" else "unknown" if v == "undetermined" else "fail"
                               for v in verdicts.values()]
    outcome = kleene_any(outcomes)
    text = "; ".join(f"{p}: {v.replace('_', ' ')}" for p, v in verdicts.items())
    return LeafOutcome(outcome, verdicts, {"eligible_for_one_of": list(c.any_of)}, text)


def declaration(c: DeclarationCondition, ctx: Context) -> LeafOutcome:
    """A fact the person states under declarations."""
    decl = ctx.facts.profile.declarations
    required = {"key": c.key, "equals": c.equals, "min": c.min}
    if c.key not in decl:
        return LeafOutcome("unknown", None, required, f"the profile does not state declarations.{c.key}")
    value = decl[c.key]
    if c.min is not None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return LeafOutcome("unknown", value, required, f"declarations.{c.key} should be a number")
        return LeafOutcome(threshold(value, value, c.min), value, required, f"{c.key} = {value:g}; needs {c.min:g}")
    ok = value == c.equals
    return LeafOutcome("pass" if ok else "fail", value, required, f"{c.key} = {value}; needs {c.equals}")


def judgement(c: JudgementCondition, ctx: Context) -> LeafOutcome:
    """An officer's judgement: fails only when the profile states it is not met."""
    value = ctx.facts.profile.declarations.get(c.key)
    if value is False:
        return LeafOutcome("fail", False, True, f"the profile states declarations.{c.key}: false")
    said = "stated by the profile" if value is True else "not stated; an officer will assess it"
    return LeafOutcome("pass", value, True, f"{c.reason} ({said})")


LEAVES: dict[str, Callable[[Any, Context], LeafOutcome]] = {
    "language": language, "education": education, "funds": funds, "job_offer": job_offer,
    "certificate_of_qualification": certificate, "intended_province": intended_province, "age": age,
    "program": program, "declaration": declaration, "judgement": judgement,
}
