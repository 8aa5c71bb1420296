"""Markdown, for pasting into a client file: the terminal's content and order, citations as footnotes.

No URL sits inside a table cell, no internal key or id is shown, and indentation is done with lists,
never HTML entities.
"""

from __future__ import annotations

from collections.abc import Mapping

from eligibility.freshness import REPORTED_CHANGE
from eligibility.render.crs import crs_summary_lines
from eligibility.render.text import freshness_lines
from eligibility.render.words import (
    DISCLAIMER,
    KIND_HEADINGS,
    MARKS,
    OUTCOME_MARKS,
    Reach,
    brief_details,
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
    verdict_words,
    weak_confidence,
)
from eligibility.result import CitationRef, ConditionResult, Evaluation, ProgramResult


class Footnotes:
    """Numbered citations, each source and pinpoint once per document."""

    def __init__(self) -> None:
        self.notes: dict[tuple[str, str | None], tuple[int, CitationRef]] = {}

    def number(self, c: CitationRef) -> int:
        """The citation's footnote number, numbering it if it is new."""
        key = (c.source, c.at)
        if key not in self.notes:
            self.notes[key] = (len(self.notes) + 1, c)
        return self.notes[key][0]

    def ordered(self) -> list[tuple[int, CitationRef]]:
        """The footnotes in number order."""
        return sorted(self.notes.values(), key=lambda x: x[0])

    def mark(self, citations: tuple[CitationRef, ...]) -> str:
        """'[^1][^3]' for these citations, numbering new ones."""
        return "".join(f"[^{self.number(c)}]" for c in citations)

    def lines(self) -> list[str]:
        """The footnote definitions: title, pinpoint, link, date checked, confidence."""
        return [f"[^{n}]: {cite_words(c)}. <{c.url}>" for n, c in self.ordered()]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary_table(evaluation: Evaluation, reach: Mapping[str, Reach]) -> list[str]:
    """One table per kind of program, most relevant first."""
    out: list[str] = []
    for kind, members in ordered(evaluation, reach):
        out += ["", f"### {KIND_HEADINGS.get(kind, kind)}", "", "| Program | Verdict | In short |", "|---|---|---|"]
        for p in members:
            state = standing(p, reach)
            words = "within reach" if state == "within_reach" else verdict_words(p)
            if state == "within_reach":
                short = f"from {reach[p.id].day}: {reach[p.id].because}"
            elif p.verdict == "not_in_force":
                short = closed_words(p)
            elif p.verdict in ("eligible", "not_encoded"):
                short = "every condition passes" if p.verdict == "eligible" else p.message
            else:
                short = "; ".join(dict.fromkeys(short_cause(r) for r in leaves(p.conditions)))
            out.append(f"| {_cell(p.short_title)} | {MARKS[state]} {words} | {_cell(short)} |")
    return out


def _condition(r: ConditionResult, notes: Footnotes, depth: int, everything: bool) -> list[str]:
    pad = "  " * depth
    mark = "officer will assess" if r.judgement and r.outcome == "pass" else OUTCOME_MARKS[r.outcome]
    text = f"{says(r)}: {r.explanation}" if everything else short_cause(r)
    lines = [f"{pad}- {mark} {text}{notes.mark(r.citations)}"]
    lines += [f"{pad}  - {d}" for d in (detail_lines(r) if everything else brief_details(r))]
    if everything:
        for k in r.conditions:
            lines += _condition(k, notes, depth + 1, everything)
    return lines


def program_section(p: ProgramResult, notes: Footnotes, everything: bool) -> list[str]:
    """One program: what fails or is unknown, judgements, confidence."""
    out = ["", f"### {p.short_title}: {verdict_words(p)}", ""]
    if p.verdict in ("not_in_force", "not_encoded"):
        return [*out, closed_words(p) if p.verdict == "not_in_force" else p.message]
    if everything:
        for r in p.conditions:
            out += _condition(r, notes, 0, True)
    else:
        seen: set[str] = set()
        for r in leaves(p.conditions):
            if short_cause(r) not in seen:
                seen.add(short_cause(r))
                out += _condition(r, notes, 0, False)
        officer = list(judgements(p.conditions))
        if officer and p.verdict in ("eligible", "undetermined"):
            out.append("- An officer will assess: " + "; ".join(says(r) + notes.mark(r.citations) for r in officer))
        if p.verdict == "eligible" and not officer:
            out.append("- Every condition passes.")
    note = weak_confidence(p)
    if note:
        out += ["", f"> {note}"]
    for c in p.caveats:
        if c.condition == REPORTED_CHANGE:
            out += ["", f"> {_cell(c.says)}; {c.reason}{notes.mark(c.citations)}"]
    return out


def render_markdown(evaluation: Evaluation, explain: bool = False, reach: Mapping[str, Reach] | None = None) -> str:
    """The evaluation as Markdown: summary tables by kind, then each program, footnotes, receipt."""
    reach = reach or {}
    notes = Footnotes()
    who = f" of {evaluation.profile_name}" if evaluation.profile_name else ""
    out = [f"# Eligibility{who} as of {evaluation.as_of}", "", "## In short"]
    out += summary_table(evaluation, reach)
    out += ["", "## Program by program"]
    for _, members in ordered(evaluation, reach):
        for p in members:
            if explain or p.verdict not in ("not_in_force", "not_encoded"):
                out += program_section(p, notes, explain)
    if evaluation.crs is not None:
        out += ["", "## Comprehensive Ranking System", "", *crs_summary_lines(evaluation.crs)]
    out += ["", "---", ""]
    out += [f"_{line.removeprefix('note: ')}_" for line in freshness_lines(evaluation)]
    out += ["", f"_{receipt_words(evaluation)}. {DISCLAIMER}_"]
    if notes.notes:
        out += ["", *notes.lines()]
    return "\n".join(out) + "\n"
