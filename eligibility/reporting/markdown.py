"""The client report in Markdown: the HTML report's content and order, fit to paste into a client file.

Citations are footnotes, no URL sits inside a table cell, no internal key is shown. The timeline
picture becomes a list of the dates on which a verdict changes.
"""

from __future__ import annotations

import datetime as dt

from eligibility.render.crs import evidence_text
from eligibility.render.markdown import Footnotes
from eligibility.render.words import (
    DISCLAIMER,
    KIND_HEADINGS,
    OUTCOME_MARKS,
    cause,
    closed_words,
    detail_lines,
    judgements,
    leaves,
    ordered,
    receipt_words,
    says,
    short_cause,
    standing,
    titled,
    verdict_words,
    weak_confidence,
)
from eligibility.reporting.assemble import Report
from eligibility.reporting.html import detailed
from eligibility.result import ConditionResult


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _answer(report: Report) -> list[str]:
    ev, reach = report.evaluation, report.reach
    first, rest, folded = [], [], []
    for kind, members in ordered(ev, reach):
        for p in members:
            state = standing(p, reach)
            if state == "eligible":
                first.append(f"- ✔ **{verdict_words(p)}**: {p.short_title} ({KIND_HEADINGS[kind].split(':')[0]})")
            elif state == "within_reach":
                first.append(f"- » **within reach**: {p.short_title} from {reach[p.id].day} ({reach[p.id].because})")
            elif state == "undetermined":
                facts = "; ".join(dict.fromkeys(says(r) for r in leaves(p.conditions, ("unknown",))))
                first.append(f"- ? **undetermined**: {p.short_title}. To settle it, state: {facts}")
            elif state == "not_eligible" and kind == "permanent_residence":
                why = next((short_cause(r) for r in leaves(p.conditions, ("fail",))), p.message)
                rest.append(f"- ✘ {verdict_words(p)}: {p.short_title}: {why}")
            else:
                why = closed_words(p) if p.verdict == "not_in_force" else next(
                    (short_cause(r) for r in leaves(p.conditions)), p.message)
                folded.append(f"- {p.short_title}: {verdict_words(p)} ({why})")
    out = [*first, *rest]
    if folded:
        out += ["", "Not in force on this date, or a stream of another kind (an employer's work-permit stream, a "
                    "processing standard):", "", *folded]
    return out


def _crs(report: Report) -> list[str]:
    data = report.crs_data
    if data is None or data.get("status") != "scored":
        return [data.get("message", "") if data else "No CRS rules are encoded for this date."]
    total = data["total"] if data["total"] is not None else f"{data['low']} to {data['high']}"
    out = [f"**{total}** of {data['max']} points.", "", "| Factor | Points | Of | What counted |", "|---|---|---|---|"]
    for f in data["factors"]:
        pts = f["points"] if f["points"] is not None else f"{f['low']}–{f['high']}"
        seen = "; ".join(evidence_text(e) for e in f["evidence"] if isinstance(e, dict))
        out.append(f"| {_cell(f['says'])} | {pts} | {f['max']} | {_cell(seen)} |")
    if report.rounds is not None:
        rounds = report.rounds.data()
        out += ["", *[f"_{n}_" for n in rounds["notes"]]]
        for t in rounds["types"]:
            out += ["", f"**{t['title']}** ({t['reason']})", ""]
            if not t["rounds"]:
                out.append("No round of this type in the last 12 months.")
                continue
            out += ["| Round | Lowest score invited | Would the score have met it? |", "|---|---|---|"]
            out += [f"| {r['date']} | {r.get('lowest_score', '')} | {r['meets']} |" for r in t["rounds"]]
    return out


def _timeline(report: Report) -> list[str]:
    out = []
    for pp in report.plan.programs:
        p = report.evaluation.program(pp.id)
        if not detailed(p, report) or len(pp.intervals) < 2:
            continue
        for i in pp.intervals[1:]:
            out.append(f"- {i.start}: {p.short_title} becomes {i.verdict.replace('_', ' ')} ({i.because})")
    return sorted(out) or [f"- No verdict changes between {report.plan.start} and {report.plan.until}."]


def _next(report: Report) -> list[str]:
    out = []
    for pid, r in report.reach.items():
        out.append(f"- {report.evaluation.program(pid).short_title} opens on {r.day} if nothing changes "
                   f"({r.because}).")
    for pp in report.plan.programs:
        p = report.evaluation.program(pp.id)
        closing = next((i for i in pp.intervals if i.start > report.plan.start and i.verdict != "eligible"), None)
        if p.verdict == "eligible" and closing is not None:
            out.append(f"- {p.short_title} stays open until {closing.start - dt.timedelta(days=1)}, then closes if "
                       f"nothing changes ({closing.because}).")
    for p in report.evaluation.programs:
        if p.verdict == "undetermined":
            facts = "; ".join(dict.fromkeys(says(r) for r in leaves(p.conditions, ("unknown",))))
            out.append(f"- To settle {p.short_title}, state: {facts}.")
    out = out or ["- Nothing in the profile changes a verdict over the next three years."]
    found = report.improve
    if found is not None:
        if found.improvements:
            out.append("- Ways to raise the CRS score, each re-scored, best first:")
            out += [f"  - {i.says}: +{i.low if i.low == i.high else f'{i.low}-{i.high}'} points"
                    for i in found.improvements]
        out += [f"- On {d.date} the score falls by {d.lost_words} points ({d.cause})." for d in found.declines]
    return out


def _rows(results: tuple[ConditionResult, ...], notes: Footnotes, depth: int = 0) -> list[str]:
    out = []
    for r in results:
        mark = "officer will assess" if r.judgement and r.outcome == "pass" else OUTCOME_MARKS[r.outcome]
        found = short_cause(r) if r.outcome != "pass" else cause(r)
        evidence = "; ".join(detail_lines(r))
        indent = "↳ " * depth
        out.append(f"| {indent}{_cell(says(r))}{notes.mark(r.citations)} | {mark} | {_cell(found)}"
                   + (f" ({_cell(evidence)})" if evidence else "") + " |")
        out += _rows(r.conditions, notes, depth + 1)
    return out


def report_markdown(report: Report) -> str:
    """The whole report as Markdown."""
    ev = report.evaluation
    notes = Footnotes()
    who = ev.profile_name or "the client"
    out = [f"# Eligibility of {who} on {ev.as_of}", "", *_answer(report), "",
           "## Comprehensive Ranking System score and recent rounds", "", *_crs(report), "",
           "## Timeline", "", *_timeline(report), "", "## What to do next", "", *_next(report), "",
           "## Program by program"]
    for _, members in ordered(ev, report.reach):
        for p in members:
            if not detailed(p, report):
                continue
            out += ["", f"### {p.short_title}: {verdict_words(p)}", "", "| Condition | Outcome | Found |",
                    "|---|---|---|", *_rows(p.conditions, notes)]
    out += ["", "## Caveats", ""]
    for p in ev.programs:
        if p.verdict not in ("eligible", "undetermined") and p.id not in report.reach:
            continue
        officer = [says(r) for r in judgements(p.conditions)]
        if officer:
            out.append(f"- {p.short_title}: an officer will assess {'; '.join(officer)}.")
        weak = weak_confidence(p)
        if weak:
            out.append(f"- {p.short_title}: {weak}")
    if report.rules_checked is not None and ev.as_of > report.rules_checked:
        out.append(f"- The rules are as checked on {report.rules_checked}; a change after that date is not known "
                   f"to this version.")
    out += ["", "## Receipt", "", f"{receipt_words(ev)}.", "", f"**{DISCLAIMER}**"]
    if notes.notes:
        out += ["", *notes.lines()]
    # The engine's words name programs by id here and there; a client reads titles (no internal key is shown).
    return titled("\n".join(out) + "\n", {p.id: p.short_title for p in ev.programs})
