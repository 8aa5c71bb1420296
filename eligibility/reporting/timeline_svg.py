"""The report's timeline picture: an inline SVG of the work history, tests and ECAs, and each program's plan.

Rows, top to bottom: one bar per job (by occupation and country), one bar per language test and ECA
over its validity, then each relevant program's eligibility intervals from the plan with its look-back
window on the report's date drawn under it. A vertical line marks the report's date.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable

from eligibility.dates import months_before
from eligibility.profile.model import Profile
from eligibility.render.words import test_name
from eligibility.reporting.assemble import Report
from eligibility.reporting.reach import HORIZON_MONTHS
from eligibility.result import ConditionResult
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import EducationCondition, LanguageCondition
from eligibility.rulebook.tree import walk
from eligibility.unknown import known

WIDTH, LABEL, ROW, GAP = 960, 250, 22, 14
CHART = WIDTH - LABEL - 20
VERDICT_FILL = {"eligible": "#2e8b57", "not_eligible": "#d5dae1", "undetermined": "#e3a008",
                "not_in_force": "#f4f5f7", "not_encoded": "#f4f5f7"}
COUNTRY_FILL = {"CA": "#1f5fbf"}
ABROAD_FILL = "#7d5ba6"


def validity_months(library: Library, day: dt.date) -> tuple[int | None, int | None]:
    """How long a language test and an ECA count under the rules in force on ``day`` (the shortest; None
    when no rule in force reads them)."""
    tests: set[int] = set()
    ecas: set[int] = set()
    for program in library.programs.values():
        version = program.version_on(day)
        if version is None or not version.in_force:
            continue
        for cond, _ in walk(version.conditions, "$"):
            if isinstance(cond, LanguageCondition):
                tests.add(cond.max_age_months)
            elif isinstance(cond, EducationCondition) and cond.foreign_needs_eca and cond.eca_max_age_months:
                ecas.add(cond.eca_max_age_months)
    return (min(tests) if tests else None), (min(ecas) if ecas else None)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


class _Axis:
    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.first, self.last = first, last
        self.span = max((last - first).days, 1)

    def x(self, day: dt.date) -> float:
        day = min(max(day, self.first), self.last)
        return round(LABEL + (day - self.first).days / self.span * CHART, 1)


def _bar(axis: _Axis, y: float, start: dt.date, end: dt.date, fill: str, cls: str, title: str,
         dashed: bool = False) -> str:
    x0, x1 = axis.x(start), axis.x(end)
    stroke = ' stroke="#5b6776" stroke-dasharray="4 3"' if dashed else ""
    return (f'<rect class="{cls}" x="{x0}" y="{y}" width="{max(x1 - x0, 1.5)}" height="{ROW - 6}" rx="3" '
            f'fill="{fill}"{stroke}><title>{_e(title)}</title></rect>')


def _label(y: float, text: str, bold: bool = False) -> str:
    weight = ' font-weight="700"' if bold else ""
    short = text if len(text) <= 38 else text[:37] + "…"
    return f'<text x="8" y="{y + ROW - 10}" font-size="12"{weight}>{_e(short)}<title>{_e(text)}</title></text>'


def _windows(results: Iterable[ConditionResult]) -> list[int]:
    out: list[int] = []
    for r in results:
        if r.kind == "work_experience" and isinstance(r.required, dict) and r.required.get("within_months"):
            out.append(int(r.required["within_months"]))
        out += _windows(r.conditions)
    return out


def timeline_svg(report: Report, library: Library) -> str:
    """The SVG element (no XML prolog), sized to its rows, readable without colour thanks to labels."""
    profile: Profile = report.profile
    as_of = report.evaluation.as_of
    end = report.plan.until
    jobs = list(profile.work) if known(profile.work) else []
    tests = list(profile.language_tests) if known(profile.language_tests) else []
    ecas = [(e, e.eca) for e in (profile.education if known(profile.education) else ()) if e.eca is not None]
    test_months, eca_months = validity_months(library, as_of)
    starts = [j.start for j in jobs] + [t.taken for t in tests] + [e.issued for _, e in ecas]
    # At least the plan's span back, at most four times it: old jobs do not squeeze the picture.
    first = max(min([*starts, months_before(as_of, HORIZON_MONTHS)]), months_before(as_of, 4 * HORIZON_MONTHS))
    first = dt.date(first.year, 1, 1)
    axis = _Axis(first, end)
    rows: list[str] = []
    y = 34.0

    def heading(text: str) -> None:
        nonlocal y
        rows.append(f'<text x="8" y="{y + 12}" font-size="13" font-weight="700" fill="#1d2733">{_e(text)}</text>')
        y += ROW

    heading("Work history")
    for j in jobs:
        fill = COUNTRY_FILL.get(j.country, ABROAD_FILL)
        name = ", ".join(x for x in (j.title, f"NOC {j.noc}" if j.noc else None, j.country) if x)
        last = j.end if j.end is not None else as_of
        rows.append(_label(y, name))
        rows.append(_bar(axis, y + 3, j.start, last + dt.timedelta(days=1), fill, "job",
                         f"{name}: {j.start} to {j.end or 'now'}, {j.hours_per_week:g} h a week"))
        if j.end is None:
            rows.append(_bar(axis, y + 3, as_of, end, "#ffffff", "job-assumed",
                             f"{name}: assumed to continue at the same hours", dashed=True))
        y += ROW
    if not jobs:
        rows.append(_label(y, "no work history given"))
        y += ROW
    y += GAP / 2
    heading(f"Language tests ({test_months or 'no rule in force reads them:'} months) and ECAs "
            f"({eca_months or 'no rule in force reads them:'} months)")
    for t in tests:
        until = months_before(t.taken, -test_months) if test_months else t.taken
        rows.append(_label(y, f"{test_name(t.test)} of {t.taken}"))
        rows.append(_bar(axis, y + 3, t.taken, until, "#0f766e", "test", f"counts from {t.taken} until {until}"))
        y += ROW
    for e, eca in ecas:
        until = months_before(eca.issued, -eca_months) if eca_months else eca.issued
        rows.append(_label(y, f"ECA of {eca.issued} ({e.level.replace('_', ' ')})"))
        rows.append(_bar(axis, y + 3, eca.issued, until, "#b45309", "eca", f"counts from {eca.issued} until {until}"))
        y += ROW
    if not tests and not ecas:
        rows.append(_label(y, "no test or ECA given"))
        y += ROW
    y += GAP / 2
    heading("Programs (green: eligible; amber: not settled; grey: not eligible; dashed: look-back window)")
    shown = _programs(report)
    for pid in shown:
        p = report.plan.program(pid)
        result = report.evaluation.program(pid)
        rows.append(_label(y, result.short_title))
        for i in p.intervals:
            rows.append(_bar(axis, y + 3, i.start, i.end, VERDICT_FILL[i.verdict], f"interval {i.verdict}",
                             f"{i.start} to {i.end - dt.timedelta(days=1)}: {i.verdict.replace('_', ' ')}"))
        for months in sorted(set(_windows(result.conditions)))[:1]:
            x0, x1 = axis.x(months_before(as_of, months)), axis.x(as_of)
            rows.append(f'<line class="window" x1="{x0}" x2="{x1}" y1="{y + ROW - 1}" y2="{y + ROW - 1}" '
                        f'stroke="#1d2733" stroke-width="1.5" stroke-dasharray="3 2"><title>look-back window on '
                        f"{as_of}: {months} months</title></line>")
        y += ROW
    height = y + 26
    ticks = []
    for year in range(first.year, end.year + 1):
        x = axis.x(dt.date(year, 1, 1))
        ticks.append(f'<line x1="{x}" x2="{x}" y1="24" y2="{height - 20}" stroke="#e6e9ee"/>'
                     f'<text x="{x + 2}" y="18" font-size="11" fill="#5b6776">{year}</text>')
    mark = axis.x(as_of)
    today = (f'<line class="as-of" x1="{mark}" x2="{mark}" y1="22" y2="{height - 16}" stroke="#a3261b" '
             f'stroke-width="2"/><text x="{mark + 4}" y="{height - 4}" font-size="11" fill="#a3261b">'
             f"{as_of}</text>")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" viewBox="0 0 {WIDTH} {height}" '
            f'width="100%" font-family="system-ui, sans-serif" aria-label="Timeline of work, tests and '
            f'eligibility from {first} to {end}">{"".join(ticks)}{"".join(rows)}{today}</svg>')


def _programs(report: Report) -> list[str]:
    """The programs worth a row: Express Entry's three, and any eligible, within reach or undetermined."""
    keep = []
    for p in report.evaluation.programs:
        plan = report.plan.program(p.id)
        verdicts = {i.verdict for i in plan.intervals}
        if p.id.startswith("express-entry/") or "eligible" in verdicts or "undetermined" in verdicts:
            keep.append(p.id)
    order = {"eligible": 0, "undetermined": 1}
    return sorted(keep, key=lambda pid: (order.get(report.evaluation.program(pid).verdict, 2),
                                         pid not in report.reach, pid))
