"""The client report as one self-contained HTML file: inline CSS and SVG, no script, nothing remote.

Sections, in order: the short answer; the CRS and the recent rounds; the timeline picture; what to do
next; program by program with numbered footnotes; caveats; the receipt and a disclaimer. It prints on
A4 and Letter (print CSS, a page break before each major section).
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from eligibility.render.crs import evidence_text
from eligibility.render.markdown import Footnotes
from eligibility.render.words import (
    DISCLAIMER,
    KIND_HEADINGS,
    brief_details,
    cause,
    cite_words,
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
from eligibility.reporting.timeline_svg import timeline_svg
from eligibility.result import CitationRef, ConditionResult, ProgramResult
from eligibility.rulebook.library import Library

CSS = """
:root{--ink:#1d2733;--muted:#5b6776;--line:#d5dbe3;--ok:#0f6b3a;--no:#a3261b;--maybe:#8a5a00;--soft:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:2px solid var(--line)}
h3{font-size:1.05rem;margin:1.25rem 0 .4rem}.muted{color:var(--muted)}.small{font-size:.85rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{text-align:left;vertical-align:top;padding:.3rem .45rem;border-bottom:1px solid var(--line)}
th{background:var(--soft);font-weight:600}
.eligible,.pass{color:var(--ok);font-weight:700}.not_eligible,.fail{color:var(--no)}
.undetermined,.unknown,.officer{color:var(--maybe)}.within_reach{color:#0b6e8a;font-weight:700}
.not_in_force,.not_encoded{color:var(--muted)}
ul.answer{list-style:none;padding:0}ul.answer li{margin:.25rem 0}
.box{border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;background:var(--soft)}
.total{font-size:2rem;font-weight:700}sup a{text-decoration:none}
ol.notes{font-size:.85rem;color:var(--muted)}ol.notes a{overflow-wrap:anywhere}
ul.evidence{margin:.2rem 0 0 1rem;padding:0;font-size:.85rem;color:var(--muted)}
details summary{cursor:pointer;font-weight:600}
svg.timeline{border:1px solid var(--line);border-radius:6px;background:#fff}
@page{margin:14mm}
@media print{main{max-width:none;padding:0}section.major{break-before:page}
a{color:inherit;text-decoration:none}details>summary{list-style:none}tr,li,svg{break-inside:avoid}}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


class Notes(Footnotes):
    """The Markdown footnotes' numbering, written as HTML superscripts and an ordered list."""

    def refs(self, citations: tuple[CitationRef, ...]) -> str:
        """Superscript links to these citations' footnotes."""
        return "".join(f'<sup><a href="#note-{n}" id="ref-{n}-{i}">[{n}]</a></sup>'
                       for i, n in enumerate(self.number(c) for c in citations))

    def html(self) -> str:
        """The footnotes as an ordered list with their links."""
        rows = "".join(f'<li id="note-{n}">{_e(cite_words(c))}. <a href="{_e(c.url)}">{_e(c.url)}</a></li>'
                       for n, c in self.ordered())
        return f'<ol class="notes">{rows}</ol>'


def _answer(report: Report) -> str:
    """Section 1: the short answer, most relevant first; closed programs and the other kinds folded away."""
    ev, reach = report.evaluation, report.reach
    lines, folded = [], []
    for kind, members in ordered(ev, reach):
        for p in members:
            state = standing(p, reach)
            cls = f'class="{state}"'
            if state == "eligible":
                lines.append((0, f'<li><span {cls}>✔ {_e(verdict_words(p))}</span>: <strong>{_e(p.short_title)}'
                                 f"</strong> <span class='muted small'>({_e(KIND_HEADINGS[kind].split(':')[0])})"
                                 f"</span></li>"))
            elif state == "within_reach":
                missing = "; ".join(dict.fromkeys(short_cause(r) for r in leaves(p.conditions)))
                lines.append((1, f"<li><span {cls}>» within reach</span>: <strong>{_e(p.short_title)}</strong> "
                                 f"from <strong>{reach[p.id].day}</strong> ({_e(reach[p.id].because)}). "
                                 f"Missing today: {_e(missing)}</li>"))
            elif state == "undetermined":
                facts = "; ".join(dict.fromkeys(says(r) for r in leaves(p.conditions, ("unknown",))))
                lines.append((2, f"<li><span {cls}>? undetermined</span>: <strong>{_e(p.short_title)}</strong>. "
                                 f"To settle it, tell us: {_e(facts)}</li>"))
            elif state == "not_eligible" and kind == "permanent_residence":
                first = next((short_cause(r) for r in leaves(p.conditions, ("fail",))), p.message)
                lines.append((3, f"<li><span {cls}>✘ {_e(verdict_words(p))}</span>: {_e(p.short_title)}: "
                                 f"{_e(first)}</li>"))
            else:
                why = closed_words(p) if p.verdict == "not_in_force" else (
                    next(iter(short_cause(r) for r in leaves(p.conditions)), p.message))
                folded.append(f"<li>{_e(p.short_title)}: <span class='{p.verdict}'>{_e(verdict_words(p))}</span>"
                              f" ({_e(why)})</li>")
    body = "".join(text for _, text in sorted(lines, key=lambda x: x[0]))
    out = f'<ul class="answer">{body}</ul>'
    if folded:
        out += ("<details><summary>Programs not in force on this date, and streams of another kind (an "
                "employer's work-permit stream, a processing standard)</summary><ul>" + "".join(folded)
                + "</ul></details>")
    return out


def _points(value: Any) -> str:
    if isinstance(value, dict):
        return f"{value.get('low')} to {value.get('high')}"
    return "–" if value is None else str(value)


def _crs(report: Report) -> str:
    """Section 2: the CRS, factor by factor, and the recent rounds of the types open to the person."""
    data = report.crs_data
    if data is None:
        return "<p>No Comprehensive Ranking System rules are encoded for this date.</p>"
    if data.get("status") != "scored":
        return f"<p>{_e(data.get('message', ''))}</p>"
    total = data["total"] if data["total"] is not None else f"{data['low']} to {data['high']}"
    out = [f'<div class="box"><span class="total">{_e(total)}</span> <span class="muted">of {data["max"]} '
           f"points, as of {_e(data['as_of'])}</span>"]
    if data.get("settled_by"):
        out.append(f"<p class='small'>The range narrows once the profile states: {_e('; '.join(data['settled_by']))}"
                   f"</p>")
    out.append("</div><table><thead><tr><th>Factor</th><th>Points</th><th>Of</th><th>What counted</th></tr></thead>"
               "<tbody>")
    for f in data["factors"]:
        pts = f["points"] if f["points"] is not None else f"{f['low']}–{f['high']}"
        seen = "; ".join(evidence_text(e) for e in f["evidence"] if isinstance(e, dict))
        out.append(f"<tr><td>{_e(f['says'])}</td><td>{_e(pts)}</td><td>{f['max']}</td>"
                   f"<td class='small'>{_e(seen)}</td></tr>")
    out.append("</tbody></table>")
    if report.rounds is not None:
        rounds = report.rounds.data()
        for note in rounds["notes"]:
            out.append(f"<p class='small muted'>{_e(note)}</p>")
        for t in rounds["types"]:
            rows = "".join(f"<tr><td>{_e(r['date'])}</td><td>{_e(r.get('lowest_score', ''))}</td>"
                           f"<td class='{ {'yes': 'pass', 'no': 'fail'}.get(r['meets'], 'unknown') }'>"
                           f"{_e(r['meets'])}</td></tr>" for r in t["rounds"])
            out.append(f"<h3>{_e(t['title'])}</h3><p class='small muted'>{_e(t['reason'])}</p>"
                       + (f"<table><thead><tr><th>Round</th><th>Lowest score invited</th><th>Would the score have "
                          f"met it?</th></tr></thead><tbody>{rows}</tbody></table>" if rows else
                          "<p class='small'>No round of this type in the last 12 months.</p>"))
    return "".join(out)


def _next(report: Report) -> str:
    """Section 4: what to do next, in plain words."""
    items = []
    for p in report.evaluation.programs:
        if p.id in report.reach:
            r = report.reach[p.id]
            items.append(f"<li><strong>{_e(p.short_title)}</strong> opens on <strong>{r.day}</strong> if nothing "
                         f"changes ({_e(r.because)}).</li>")
    for pp in report.plan.programs:
        p = report.evaluation.program(pp.id)
        if p.verdict != "eligible":
            continue
        closing = next((i for i in pp.intervals if i.start > report.plan.start and i.verdict != "eligible"), None)
        if closing is not None:
            items.append(f"<li><strong>{_e(p.short_title)}</strong> stays open until "
                         f"<strong>{closing.start - dt.timedelta(days=1)}</strong>, then closes if nothing changes "
                         f"({_e(closing.because)}): apply before then, or act on that cause.</li>")
    for p in report.evaluation.programs:
        if p.verdict == "undetermined":
            facts = "; ".join(dict.fromkeys(says(r) for r in leaves(p.conditions, ("unknown",))))
            items.append(f"<li>To settle <strong>{_e(p.short_title)}</strong>, state: {_e(facts)}.</li>")
    for pp in report.plan.programs:
        p = report.evaluation.program(pp.id)
        if p.kind == "permanent_residence" and p.verdict == "not_eligible" and p.id not in report.reach \
                and pp.next.blocking and p.id.startswith("express-entry/"):
            items.append(f"<li><strong>{_e(p.short_title)}</strong> stays closed over the next three years unless "
                         f"this changes: {_e('; '.join(pp.next.blocking[:3]))}.</li>")
    if not items:
        items.append("<li>Nothing in the profile changes a verdict over the next three years.</li>")
    items += _raise_score(report)
    assumptions = "".join(f"<li>{_e(a)}</li>" for a in report.plan.assumptions)
    return (f"<ul>{''.join(items)}</ul><details><summary>What these dates assume</summary><ul class='small'>"
            f"{assumptions}</ul></details>")


def _raise_score(report: Report) -> list[str]:
    """The ways to raise the CRS (each re-scored, best first) and the days it falls, as list items."""
    found = report.improve
    if found is None:
        return []
    ways = "".join(f"<li>{_e(i.says)}: <strong>+{i.low if i.low == i.high else f'{i.low}-{i.high}'}</strong> "
                   f"points</li>" for i in found.improvements)
    falls = "".join(f"<li>{d.date}: <strong>{_e(d.lost_text)}</strong> points ({_e(d.cause)})</li>"
                    for d in found.declines)
    out = []
    if ways:
        out.append(f"<li>Ways to raise the CRS score, each re-scored, best first:<ul>{ways}</ul></li>")
    if falls:
        out.append(f"<li>Days in the next 12 months the score falls without any action:<ul>{falls}</ul></li>")
    return out


def _condition_rows(results: tuple[ConditionResult, ...], notes: Notes, depth: int = 0) -> str:
    rows = []
    for r in results:
        if r.judgement and r.outcome == "pass":
            mark, cls = "officer will assess", "officer"
        else:
            mark, cls = {"pass": ("✔ meets", "pass"), "fail": ("✘ does not meet", "fail"),
                         "unknown": ("? not settled", "unknown")}[r.outcome]
        found = short_cause(r) if r.outcome != "pass" else cause(r)
        evidence = detail_lines(r) or brief_details(r)
        extra = "<ul class='evidence'>" + "".join(f"<li>{_e(x)}</li>" for x in evidence) + "</ul>" if evidence else ""
        pad = f' style="padding-left:{0.45 + depth * 1.2}rem"' if depth else ""
        rows.append(f"<tr><td{pad}>{_e(says(r))}{notes.refs(r.citations)}</td><td class='{cls}'>{mark}</td>"
                    f"<td>{_e(found)}{extra}</td></tr>")
        rows.append(_condition_rows(r.conditions, notes, depth + 1))
    return "".join(rows)


def _program(p: ProgramResult, notes: Notes) -> str:
    version = f"rules of {p.version.valid_from} to {p.version.valid_to or 'now'}" if p.version else ""
    head = (f'<h3 id="{_e(p.id)}">{_e(p.short_title)}: <span class="{p.verdict}">{_e(verdict_words(p))}</span></h3>'
            f"<p class='small muted'>{_e(p.title)}; {_e(version)}</p>")
    if not p.conditions:
        return head + f"<p>{_e(p.message)}</p>"
    return (head + "<table><thead><tr><th>Condition</th><th>Outcome</th><th>Found</th></tr></thead><tbody>"
            + _condition_rows(p.conditions, notes) + "</tbody></table>")


def _caveats(report: Report) -> str:
    """Section 6: officer judgements, weaker sources (once per program), rules that may have changed."""
    items = []
    for p in report.evaluation.programs:
        if p.verdict in ("not_in_force", "not_encoded"):
            continue
        officer = [says(r) for r in judgements(p.conditions)]
        if officer and p.verdict in ("eligible", "undetermined"):
            items.append(f"<li><strong>{_e(p.short_title)}</strong>: an officer will assess "
                         f"{_e('; '.join(officer))}.</li>")
        weak = weak_confidence(p)
        if weak and (p.verdict in ("eligible", "undetermined") or p.id in report.reach):
            items.append(f"<li><strong>{_e(p.short_title)}</strong>: {_e(weak or '')}</li>")
    checked = report.rules_checked
    if checked is not None and report.evaluation.as_of > checked:
        items.append(f"<li>The rules are as checked on {checked}; a change after that date is not known to this "
                     f"version.</li>")
    reported = {c.reason for p in report.evaluation.programs for c in p.caveats if c.condition.startswith("reported")}
    items += [f"<li>{_e(r)}</li>" for r in sorted(reported)]
    return "<ul>" + "".join(items) + "</ul>" if items else "<p>None.</p>"


def detailed(p: ProgramResult, report: Report) -> bool:
    """Whether a program gets its own section: eligible, within reach, undetermined, or Express Entry's three
    (the others are one line in the short answer)."""
    if p.verdict in ("not_in_force", "not_encoded"):
        return False
    return p.verdict != "not_eligible" or p.id in report.reach or p.id.startswith("express-entry/")


def report_html(report: Report, library: Library, header: str = "") -> str:
    """The whole report as one HTML document (``header``: HTML placed above it, e.g. the web page's links)."""
    ev = report.evaluation
    notes = Notes()
    who = ev.profile_name or "the client"
    shown = [p for _, members in ordered(ev, report.reach) for p in members if detailed(p, report)]
    programs = "".join(_program(p, notes) for p in shown)
    sections = [
        ('answer', f"Eligibility of {who} on {ev.as_of}", _answer(report)),
        ("crs", "Comprehensive Ranking System score and recent rounds", _crs(report)),
        ("timeline", "Timeline", timeline_svg(report, library)),
        ("next", "What to do next", _next(report)),
        ("programs", "Program by program", programs + "<h3>Sources</h3>" + notes.html()),
        ("caveats", "Caveats", _caveats(report)),
        ("receipt", "Receipt", f"<p class='small'>{_e(receipt_words(ev))}.</p><p><strong>{_e(DISCLAIMER)}"
                               f"</strong></p>"),
    ]
    body = "".join(f'<section id="{sid}" class="{"major" if i in (2, 4) else ""}"><h2>{_e(title)}</h2>{content}'
                   f"</section>" for i, (sid, title, content) in enumerate(sections))
    # The engine's words name programs by id here and there; a client reads titles (tags and URLs left alone).
    body = titled(body, {p.id: p.short_title for p in ev.programs}, markup=True)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>Eligibility report: {_e(who)}, {ev.as_of}'
            f"</title><style>{CSS}</style></head><body><main>{header}<p class='muted small'>eligibility report, "
            f"prepared "
            f"{ev.as_of}</p>{body}</main></body></html>\n")

