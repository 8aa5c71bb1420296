"""The work_experience condition: hours in matching occupations within a look-back window."""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from typing import Any

from eligibility.dates import window
from eligibility.evaluator.context import Context, LeafOutcome, threshold
from eligibility.evaluator.occupation_match import describe_occupations, matches, title
from eligibility.facts import JobFact
from eligibility.profile.model import WorkEntry
from eligibility.rulebook.model import Exclusion, Location, Occupations, WorkExperienceCondition
from eligibility.unknown import known
from eligibility.work import Credit, Job, best_count, clip, count


def excluded_because(entry: WorkEntry, location: Location, exclude: tuple[Exclusion, ...],
                     provinces: tuple[str, ...] | None = None) -> str | None:
    """Why a work entry does not count under these rules, or None when it may count."""
    if location == "canada" and entry.country != "CA":
        return "not in Canada"
    if location == "abroad" and entry.country == "CA":
        return "in Canada, and only work abroad counts"
    if provinces is not None and entry.province not in provinces:
        return f"not in {', '.join(provinces)}"
    if "unpaid" in exclude and not entry.paid:
        return "unpaid"
    if "self_employed" in exclude and entry.self_employed:
        return "self-employed"
    if "full_time_student" in exclude and entry.full_time_student:
        return "while a full-time student"
    if "unauthorized" in exclude and entry.country == "CA" and not entry.authorized:
        return "not authorized to work in Canada"
    return None


def _job_evidence(jf: JobFact, credit: Credit | None, reason: str | None = None) -> dict[str, Any]:
    e = jf.entry
    item: dict[str, Any] = {"job": jf.job.index, "title": e.title, "employer": e.employer, "noc": e.noc}
    if e.noc_2016:
        item["converted_from_noc_2016"] = e.noc_2016
    if credit is not None:
        item.update({"from": credit.start.isoformat(), "to": credit.end.isoformat(),
                     "hours": round(float(credit.hours), 1), "counted": True})
    else:
        item.update({"counted": False, "reason": reason})
    return item


def select_jobs(jobs: tuple[JobFact, ...], occupations: Occupations, first: Any, last: Any, location: Location,
                exclude: tuple[Exclusion, ...], provinces: tuple[str, ...] | None = None,
                ) -> tuple[list[tuple[JobFact, Job]], list[tuple[JobFact, Job]], list[dict[str, Any]]]:
    """Jobs that count (certain), jobs that might (no NOC code), and evidence for the ones left out."""
    certain, uncertain, left_out = [], [], []
    for jf in jobs:
        reason = excluded_because(jf.entry, location, exclude, provinces)
        part = clip(jf.job, first, last)
        if reason is None and part is None:
            reason = f"outside the window {first} to {last}"
        if reason is None and jf.entry.noc is not None and not matches(occupations, jf.entry.noc):
            reason = f"NOC {jf.entry.noc} is not among {describe_occupations(occupations)}"
        if reason is not None or part is None:
            left_out.append(_job_evidence(jf, None, reason))
        elif jf.entry.noc is None:
            uncertain.append((jf, part))
        else:
            certain.append((jf, part))
    return certain, uncertain, left_out


def evaluate_work(c: WorkExperienceCondition, ctx: Context) -> LeafOutcome:
    """Three-valued: passes on the jobs known to count, fails unless jobs of unknown NOC could make it up."""
    required = {"hours": c.min_hours, "within_months": c.window_months, "continuous": c.continuous,
                "single_occupation": c.single_occupation, "occupations": describe_occupations(c.occupations),
                "location": c.location}
    jobs = ctx.facts.jobs()
    if not known(jobs):
        return LeafOutcome("unknown", None, required, "the profile does not list the work history")
    first, last = window(ctx.as_of, c.window_months)
    certain, uncertain, left_out = select_jobs(jobs, c.occupations, first, last, c.location, c.exclude,
                                               c.provinces)
    by_code: dict[str, list[Job]] = defaultdict(list)
    for jf, part in certain:
        by_code[str(jf.entry.noc)].append(part)
    maybe = [part for _, part in uncertain]
    if c.single_occupation:
        scored = {code: best_count(parts, c.continuous) for code, parts in by_code.items()}
        best_code = max(scored, key=lambda k: (scored[k][0], k), default=None)
        low, credits = scored[best_code] if best_code else (Fraction(0), ())
        high = max([best_count(parts + maybe, c.continuous)[0] for parts in by_code.values()]
                   + [best_count(maybe, c.continuous)[0], low]) if maybe else low
        qualifying = sorted(k for k, v in scored.items() if v[0] >= c.min_hours)
    else:
        all_parts = [part for _, part in certain]
        low, credits = best_count(all_parts, c.continuous)
        high = best_count(all_parts + maybe, c.continuous)[0] if maybe else low
        best_code = None
        qualifying = sorted(by_code) if low >= c.min_hours else []
    # The main occupation is the one with the most experience in the window (IRPR s. 87.1(2)(e)).
    totals = {code: count(parts)[0] for code, parts in by_code.items()}
    main = max(totals, key=lambda k: (totals[k], k), default=None)
    outcome = threshold(float(low), float(high), c.min_hours)
    credited = {cr.index: cr for cr in credits}
    evidence = [_job_evidence(jf, credited.get(jf.job.index),
                              None if jf.job.index in credited else "not part of the best occupation or run")
                for jf, _ in certain]
    evidence += [_job_evidence(jf, None, "no NOC code: it may or may not count") for jf, _ in uncertain]
    evidence += left_out
    where = f"in {title(best_code)}" if best_code else f"in {describe_occupations(c.occupations)}"
    explanation = (f"{float(low):,.0f} h {where}{' (longest continuous run)' if c.continuous else ''} "
                   f"between {first} and {last}; {c.min_hours:,.0f} h needed")
    if maybe and outcome == "unknown":
        explanation += f"; up to {float(high):,.0f} h if the jobs without a NOC code count"
    observed = {"hours": round(float(low), 1), "occupation": best_code}
    return LeafOutcome(outcome, observed, required, explanation, tuple(evidence),
                       {"main_noc": main, "qualifying_codes": qualifying})
