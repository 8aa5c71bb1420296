"""Markdown, for pasting into a client file."""

from __future__ import annotations

from eligibility.render.text import MARK, VERDICT, citation_text
from eligibility.result import ConditionResult, Evaluation


def _rows(results: tuple[ConditionResult, ...], depth: int) -> list[str]:
    rows = []
    for r in results:
        indent = "&nbsp;&nbsp;" * depth
        cites = "<br>".join(citation_text(c) for c in r.citations)
        explanation = r.explanation.replace("|", "\\|")
        rows.append(f"| {indent}{MARK[r.outcome]} `{r.id}` | {r.says} | {explanation} | {cites} |")
        rows.extend(_rows(r.conditions, depth + 1))
    return rows


def render_markdown(evaluation: Evaluation) -> str:
    """A summary table, then one table of conditions per program."""
    who = f" of {evaluation.profile_name}" if evaluation.profile_name else ""
    out = [f"# Eligibility{who} as of {evaluation.as_of}", "", "| Program | Verdict | Rules in force |",
           "|---|---|---|"]
    for p in evaluation.programs:
        version = f"{p.version.valid_from} to {p.version.valid_to or 'now'}" if p.version else "-"
        out.append(f"| {p.title} (`{p.id}`) | **{VERDICT[p.verdict]}** | {version} |")
    for p in evaluation.programs:
        out += ["", f"## {p.title}: {VERDICT[p.verdict]}", "", p.message]
        if p.conditions:
            out += ["", "| Condition | Requirement | Finding | Source |", "|---|---|---|---|"]
            out += _rows(p.conditions, 0)
        for c in p.caveats:
            out.append(f"\n> **{c.condition}**: {c.says}. {c.reason}")
    r = evaluation.receipt
    out += ["", f"_eligibility {r.package_version}, engine {r.engine}, rules sha256 `{r.rulesets_sha256[:12]}`, "
                f"profile sha256 `{r.profile_sha256[:12]}`_"]
    return "\n".join(out) + "\n"
