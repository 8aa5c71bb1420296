"""The CRS result: its JSON contract (``eligibility crs --format json``), terminal text and Markdown, each
factor with its points, maximum and evidence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from eligibility.draws.render import rounds_met_lines, rounds_met_markdown, rounds_summary_lines
from eligibility.freshness import REPORTED_CHANGE
from eligibility.render.citation_table import Cite, inline
from eligibility.render.plain import Value, caveat_data, plain, receipt_data
from eligibility.render.words import cite_words
from eligibility.result import CitationRef, CrsResult, FactorScore, SectionScore


def _cite(c: CitationRef) -> str:
    return f"{cite_words(c)} <{c.url}>"


TITLES = {"core": "Core / human capital", "spouse": "Spouse or common-law partner",
          "transferability": "Skill transferability", "additional": "Additional points"}


def _pts(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


def evidence_text(item: dict[str, Any]) -> str:
    """One evidence item in words: a test and its levels, a job and its hours, a credential."""
    if "test" in item:
        levels = "/".join(str(v) for v in item["levels"].values())
        text = f"{item['test']} {item['taken']} R/W/L/S {levels}"
    elif "job" in item:
        name = item.get("title") or f"job {item['job']}"
        text = (f"{name} ({item.get('noc')}) {item['from']} to {item['to']}: {item['hours']:,.1f} h"
                if item.get("counted") else f"{name}")
    elif "credential" in item:
        text = f"credential {item['credential']} {item.get('level', '')} ({item.get('country', 'CA')})"
    else:
        text = ", ".join(f"{k} {v}" for k, v in item.items() if k not in ("measure", "counted", "reason"))
    if item.get("counted") is False or item.get("valid") is False:
        text += f": not counted ({item.get('reason', 'not valid')})"
    return text


def _observed(f: FactorScore) -> str:
    return "; ".join(f"{m.replace('_', ' ')}: {_observed_value(v)}" for m, v in f.observed.items())


def _observed_value(value: Any) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, dict) and "hours" in value:
        return f"{value['years']} year(s), {value['hours']:,.1f} h from {value['from']} to {value['to']}"
    return str(value)


def _factor_lines(f: FactorScore, everything: bool) -> Iterator[str]:
    yield f"    {f.id.split('.', 1)[1]:<28} {_pts(f.low, f.high):>7} / {f.max:<4} {_observed(f)}"
    if everything or f.low != f.high:
        for item in f.evidence:
            yield f"        {evidence_text(item)}"
    if f.settled_by:
        yield f"        would be settled by: {', '.join(f.settled_by)}"


def render_crs_text(result: CrsResult, explain: bool = False) -> str:
    """The score, section by section and factor by factor, with what settles an open range."""
    who = f"{result.profile_name}, " if result.profile_name else ""
    lines = [f"Comprehensive Ranking System score of {who}as of {result.as_of}", ""]
    if result.status == "not_encoded" or result.version is None:
        return "\n".join([*lines, result.message])
    score = str(result.total) if result.total is not None else f"{result.low} to {result.high} (some facts unknown)"
    lines.append(f"  CRS score: {score} of {result.max}")
    lines.append(f"  spouse: {result.spouse}")
    if result.first_official_language:
        lines.append(f"  first official language: {result.first_official_language.why}")
    lines.append(f"  criteria in force: {result.version.valid_from} to {result.version.valid_to or 'now'}")
    for s in result.sections:
        if not s.applies:
            continue
        cap = f" (capped at {s.cap})" if s.cap is not None else ""
        lines += ["", f"  {TITLES.get(s.id, s.id)}: {_pts(s.low, s.high)} of {s.max}{cap}"]
        groups = {p.id: p for p in s.parts if p.cap is not None}
        for f in result.factors:
            if f.section != s.id:
                continue
            lines.extend(_factor_lines(f, explain))
        for g in groups.values():
            lines.append(f"    group {g.id}: {_pts(g.low, g.high)} after its cap of {g.cap}")
    if result.settled_by:
        lines += ["", f"  to settle the range, state: {', '.join(result.settled_by)}"]
    for c in result.caveats:
        lines.append(f"  note: {c.says}. {c.reason}")
    if explain:
        lines += ["", "  sources:"]
        seen: set[str] = set()
        for f in result.factors:
            for ref in f.citations:
                text = _cite(ref)
                if text not in seen:
                    seen.add(text)
                    lines.append(f"    {text}")
    if result.rounds is not None:
        lines += ["", *rounds_met_lines(result.rounds)]
    r = result.receipt
    lines += ["", f"receipt: eligibility {r.package_version}, rules sha256 {r.rulesets_sha256[:12]}, "
                  f"profile sha256 {r.profile_sha256[:12]}"]
    return "\n".join(lines)


def crs_summary_lines(result: CrsResult) -> list[str]:
    """The score and each section's subtotal in a few lines, for the evaluate report."""
    if result.status == "not_encoded":
        return [f"CRS: {result.message}"]
    score = str(result.total) if result.total is not None else f"{result.low} to {result.high} (some facts unknown)"
    lines = [f"CRS score: {score} of {result.max} (run 'eligibility crs' for every factor)"]
    parts = [f"{TITLES.get(s.id, s.id).lower()} {_pts(s.low, s.high)}" for s in result.sections if s.applies]
    lines.append("  " + ", ".join(parts))
    if result.settled_by:
        lines.append(f"  to settle the range, state: {', '.join(result.settled_by)}")
    for c in result.caveats:
        if c.condition == REPORTED_CHANGE:
            # The headline of the caveat ("a change from D was reported but is not confirmed (...)").
            lines.append(f"  note: {c.says.split(': ', 1)[0]}; not applied (see 'eligibility crs')")
    if result.rounds is not None:
        lines += rounds_summary_lines(result.rounds)
    return lines


def render_crs_markdown(result: CrsResult) -> str:
    """A table per section: factor, points, maximum, what was seen, evidence, source."""
    who = f" of {result.profile_name}" if result.profile_name else ""
    out = [f"# CRS score{who} as of {result.as_of}", ""]
    if result.status == "not_encoded" or result.version is None:
        return "\n".join([*out, result.message]) + "\n"
    score = str(result.total) if result.total is not None else f"{result.low} to {result.high} (some facts unknown)"
    out += [f"**{score}** of {result.max} points. Spouse: {result.spouse}."]
    if result.first_official_language:
        out.append(f"First official language: {result.first_official_language.why}.")
    for s in result.sections:
        if not s.applies:
            continue
        out += ["", f"## {TITLES.get(s.id, s.id)}: {_pts(s.low, s.high)} of {s.max}", "",
                "| Factor | Points | Max | Observed | Evidence | Source |", "|---|---|---|---|---|---|"]
        for f in result.factors:
            if f.section != s.id:
                continue
            evidence = "<br>".join(evidence_text(e) for e in f.evidence).replace("|", "\\|")
            cites = "<br>".join(_cite(c) for c in f.citations).replace("|", "\\|")
            out.append(f"| `{f.id}` | {_pts(f.low, f.high)} | {f.max} | {_observed(f)} | {evidence} | {cites} |")
    if result.settled_by:
        out += ["", f"To settle the range, state: {', '.join(f'`{p}`' for p in result.settled_by)}."]
    for c in result.caveats:
        out.append(f"\n> **{c.condition}**: {c.says}. {c.reason}")
    if result.rounds is not None:
        out += ["", *rounds_met_markdown(result.rounds, 2)]
    r = result.receipt
    out += ["", f"_eligibility {r.package_version}, rules sha256 `{r.rulesets_sha256[:12]}`, "
                f"profile sha256 `{r.profile_sha256[:12]}`_"]
    return "\n".join(out) + "\n"


def points(low: int, high: int) -> int | dict[str, int]:
    """An exact number, or ``{"low", "high"}`` when unknown facts leave a range."""
    return low if low == high else {"low": low, "high": high}


def _section(s: SectionScore) -> dict[str, Any]:
    out: dict[str, Any] = {"subtotal": points(s.low, s.high), "max": s.max}
    out.update({p.id: points(p.low, p.high) for p in s.parts})
    return out


def _factor(f: FactorScore, cite: Cite, value: Value) -> dict[str, Any]:
    return {"id": f.id, "section": f.section, "says": f.says, "points": f.points, "low": f.low, "high": f.high,
            "max": f.max, "observed": value(f.observed), "evidence": [value(e) for e in f.evidence],
            "citations": cite(f.citations), "settled_by": list(f.settled_by)}


def crs_data(result: CrsResult, cite: Cite = inline, value: Value = plain) -> dict[str, Any]:
    """The documented JSON object of one CRS result.

    Standalone (``eligibility crs``) each citation is written in place; inside an evaluation ``cite`` gives
    the keys of the evaluation's citation table instead. ``value`` copies what was observed and the evidence
    (see eligibility.render.data.evaluation_data for the other choice).
    """
    version = None if result.version is None else {
        "from": result.version.valid_from.isoformat(),
        "to": result.version.valid_to.isoformat() if result.version.valid_to else None,
        "changes": result.version.changes}
    designation = result.first_official_language
    return {
        "as_of": result.as_of.isoformat(), "profile_name": result.profile_name, "status": result.status,
        "message": result.message, "total": result.total, "low": result.low, "high": result.high,
        "max": result.max, "with_spouse": result.with_spouse, "spouse": result.spouse,
        "first_official_language": None if designation is None else {
            "language": designation.language, "stated": designation.stated, "why": designation.why},
        "version": version,
        "sections": {s.id: _section(s) for s in result.sections},
        "factors": [_factor(f, cite, value) for f in result.factors],
        "settled_by": list(result.settled_by),
        "caveats": [caveat_data(c, cite) for c in result.caveats],
        "receipt": receipt_data(result.receipt),
        "rounds": None if result.rounds is None else result.rounds.data(),
    }
