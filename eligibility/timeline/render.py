"""A plan as JSON-ready data (eligibility/data/plan-schema.json), as terminal text and as Markdown."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eligibility.timeline.build import Interval, Plan, ProgramPlan
from eligibility.timeline.gaps import Gap
from eligibility.timeline.score import score_text

VERDICT = {"eligible": "ELIGIBLE", "not_eligible": "not eligible", "undetermined": "undetermined",
           "not_in_force": "not in force", "not_encoded": "not encoded"}
QUIET = ("not_in_force", "not_encoded")


def plan_data(plan: Plan) -> dict[str, Any]:
    """The plan as JSON-ready data: intervals are half-open, ``to`` is the first day after."""
    return {
        "profile": plan.profile_name,
        "from": plan.start.isoformat(),
        "until": plan.until.isoformat(),
        "assumptions": list(plan.assumptions),
        "rules_checked": plan.rules_checked.isoformat() if plan.rules_checked else None,
        "days_evaluated": plan.days_evaluated,
        "programs": [_program_data(p) for p in plan.programs],
        "crs": [{"from": s.start.isoformat(), "to": s.end.isoformat(), "low": s.low, "high": s.high,
                 "score": s.low if s.low == s.high else None, "because": s.because} for s in plan.crs],
    }


def _program_data(p: ProgramPlan) -> dict[str, Any]:
    return {
        "id": p.id, "title": p.title,
        "intervals": [{"from": i.start.isoformat(), "to": i.end.isoformat(), "verdict": i.verdict,
                       "because": i.because} for i in p.intervals],
        "next": {"eligible_from": p.next.eligible_from.isoformat() if p.next.eligible_from else None,
                 "eligible_at_start": p.next.eligible_at_start, "blocking": list(p.next.blocking),
                 "gaps": [gap_data(g) for g in p.next.gaps]},
    }


def gap_data(g: Gap) -> dict[str, Any]:
    """A gap as JSON-ready data: the condition, what it needs in words, whether the person can change it, numbers."""
    return {"condition": g.condition, "outcome": g.outcome, "says": g.says, "needs": g.needs,
            "changeable": g.changeable, **g.detail}


def _last_day(i: Interval) -> dt.date:
    return i.end - dt.timedelta(days=1)


def interval_line(i: Interval) -> str:
    """'2026-01-01 to 2027-09-19  ELIGIBLE      every condition passes' (the last day inclusive)."""
    return f"{i.start} to {_last_day(i)}  {VERDICT[i.verdict].ljust(12)}  {i.because}"


def next_text(plan: Plan, p: ProgramPlan) -> str:
    """'eligible on 2026-01-01', 'first eligible on 2027-04-01', or 'not before ...: what still fails'."""
    if p.next.eligible_at_start:
        return f"eligible on {plan.start}"
    if p.next.eligible_from is not None:
        return f"first eligible on {p.next.eligible_from}"
    return f"not before {plan.until}: " + "; ".join(p.next.blocking)


def _quiet(p: ProgramPlan) -> bool:
    return all(i.verdict in QUIET for i in p.intervals)


def plan_text(plan: Plan) -> str:
    """The plan in words for a terminal: each program's intervals (days inclusive), then what comes next."""
    who = f"{plan.profile_name}, " if plan.profile_name else ""
    lines = [f"Eligibility timeline of {who}{plan.start} to {_day_before(plan.until)} (each day inclusive)", "",
             "Assumptions:"]
    lines += [f"  - {a}" for a in plan.assumptions]
    for p in plan.programs:
        if _quiet(p):
            continue
        lines += ["", f"{p.id}: {p.title}"]
        lines += [f"  {interval_line(i)}" for i in p.intervals]
    quiet = [p.id for p in plan.programs if _quiet(p)]
    if quiet:
        lines += ["", "Not in force over the whole period: " + ", ".join(quiet)]
    if plan.crs:
        lines += ["", "CRS (Comprehensive Ranking System):"]
        lines += [f"  {s.start} to {_day_before(s.end)}  {score_text(s.low, s.high).ljust(9)}  {s.because}"
                  for s in plan.crs]
    lines += ["", "Next:"]
    for p in plan.programs:
        if _quiet(p):
            continue
        if p.next.gaps:
            lines.append(f"  {p.id}: not before {plan.until}; on its last day it still needs:")
            lines += [f"    - {g.condition or p.id}: {g.needs}"
                      + ("" if g.changeable else " [not for the person to change]") for g in p.next.gaps]
        else:
            lines.append(f"  {p.id}: {next_text(plan, p)}")
    lines += ["", f"({plan.days_evaluated} days evaluated; every other day has the verdict of the day before it)"]
    return "\n".join(lines)


def plan_markdown(plan: Plan) -> str:
    """The plan as a Markdown report."""
    who = f" of {plan.profile_name}" if plan.profile_name else ""
    lines = [f"# Eligibility timeline{who}", "", f"From {plan.start} to {_day_before(plan.until)}, each day inclusive.",
             "", "## Assumptions", ""]
    lines += [f"- {a}" for a in plan.assumptions]
    for p in plan.programs:
        if _quiet(p):
            continue
        lines += ["", f"## {p.title} (`{p.id}`)", "", "| from | to | verdict | because |", "|---|---|---|---|"]
        for i in p.intervals:
            because = i.because.replace("|", "\\|")
            lines.append(f"| {i.start} | {_last_day(i)} | {VERDICT[i.verdict]} | {because} |")
        lines += ["", f"Next: {next_text(plan, p)}"]
    quiet = [p.id for p in plan.programs if _quiet(p)]
    if quiet:
        lines += ["", "Not in force over the whole period: " + ", ".join(f"`{q}`" for q in quiet)]
    if plan.crs:
        lines += ["", "## CRS (Comprehensive Ranking System)", "", "| from | to | score | because |",
                  "|---|---|---|---|"]
        lines += [f"| {s.start} | {_day_before(s.end)} | {score_text(s.low, s.high)} | {s.because.replace('|', '/')} |"
                  for s in plan.crs]
    return "\n".join(lines)


def _day_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1)
