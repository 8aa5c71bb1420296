"""The terminal format: short by default, most relevant first; ``--explain`` shows the whole tree.

By default: the programs grouped by kind and ordered by relevance (eligible, within reach, undetermined,
not eligible, not in force), then for each program only what fails or is unknown, one line each with
the cause in words, the evidence a person reads (jobs counted and not, grid factors, tests) and the
officer's judgements. Lines wrap to the width given; colour only when asked (the CLI asks on a terminal).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from eligibility.freshness import REPORTED_CHANGE, RULES_CHECKED
from eligibility.render.crs import crs_summary_lines
from eligibility.render.words import (
    KIND_HEADINGS,
    MARKS,
    OUTCOME_MARKS,
    Reach,
    brief_details,
    closed_words,
    detail_lines,
    grid_lines,
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

COLOURS = {"eligible": "32", "within_reach": "36", "undetermined": "33", "not_eligible": "31", "not_in_force": "2",
           "not_encoded": "2", "pass": "32", "fail": "31", "unknown": "33", "heading": "1"}


def citation_text(c: CitationRef) -> str:
    """'IRPR s. 75(2)(a) <url> (checked 2026-11-21)'."""
    where = f"{c.title}" + (f", {c.at}" if c.at else "")
    tag = "" if c.confidence == "official" else f" [{c.confidence.replace('_', ' ')}]"
    return f"{where}{tag} <{c.url}> (checked {c.checked})"


class _Writer:
    """Collects lines, wrapping each to the width with a hanging indent, colouring marks when asked."""

    def __init__(self, width: int, colour: bool) -> None:
        self.width = max(width, 40)
        self.colour = colour
        self.lines: list[str] = []

    def paint(self, text: str, key: str) -> str:
        return f"\x1b[{COLOURS[key]}m{text}\x1b[0m" if self.colour and key in COLOURS else text

    def add(self, text: str, indent: int = 0, hang: int = 2, mark: str = "", key: str = "") -> None:
        first = " " * indent + (mark + " " if mark else "")
        wrapped = textwrap.wrap(text, self.width, initial_indent=first,
                                subsequent_indent=" " * (indent + len(mark) + 1 + hang if mark else indent + hang),
                                break_on_hyphens=False, break_long_words=True) or [first.rstrip()]
        if mark and key:
            wrapped[0] = wrapped[0].replace(mark, self.paint(mark, key), 1)
        self.lines.extend(wrapped)

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")


def summary(w: _Writer, evaluation: Evaluation, reach: Mapping[str, Reach]) -> None:
    """The table of programs by kind and relevance; not-eligible and closed programs one line per verdict."""
    who = f"{evaluation.profile_name}, " if evaluation.profile_name else ""
    w.add(w.paint(f"Eligibility of {who}as of {evaluation.as_of}", "heading"))
    for kind, members in ordered(evaluation, reach):
        w.blank()
        w.add(w.paint(KIND_HEADINGS.get(kind, kind), "heading"))
        pad = max(len(verdict_words(p)) for p in members) + 2
        for state in ("eligible", "within_reach", "undetermined", "not_eligible", "not_in_force", "not_encoded"):
            group = [p for p in members if standing(p, reach) == state]
            if not group:
                continue
            words = "within reach" if state == "within_reach" else verdict_words(group[0])
            if state in ("not_eligible", "not_in_force", "not_encoded"):
                names = ", ".join(p.short_title + (f" ({closed_words(p)})" if state == "not_in_force" else "")
                                  for p in group)
                w.add(f"{words.ljust(pad)}{names}", 2, pad, MARKS[state], state)
                continue
            for p in group:
                extra = ""
                if state == "within_reach":
                    extra = f": from {reach[p.id].day} ({reach[p.id].because})"
                elif state == "undetermined":
                    unknown = [says(r) for r in leaves(p.conditions, ("unknown",))]
                    extra = f": to settle, {'; '.join(unknown)}" if unknown else ""
                w.add(f"{words.ljust(pad)}{p.short_title}{extra}", 2, pad, MARKS[state], state)


def _condition(w: _Writer, r: ConditionResult, depth: int, everything: bool) -> None:
    mark = "officer will assess:" if r.judgement and r.outcome == "pass" else OUTCOME_MARKS[r.outcome]
    key = "unknown" if r.judgement else r.outcome
    if everything:
        w.add(f"{says(r)}: {r.explanation}", 2 + 2 * depth, 2, mark, key)
    else:
        w.add(short_cause(r), 2, 2, mark, key)
    for line in detail_lines(r) if everything else brief_details(r):
        w.add(line, 6 + 2 * depth, 4)
    if everything:
        for c in r.citations:
            w.add(f"source: {citation_text(c)}", 6 + 2 * depth, 4)


def _tree(w: _Writer, results: tuple[ConditionResult, ...], depth: int) -> None:
    for r in results:
        _condition(w, r, depth, True)
        _tree(w, r.conditions, depth + 1)


def details(w: _Writer, p: ProgramResult, everything: bool) -> None:
    """One program: its verdict, then what fails or is unknown (or everything), judgements, confidence."""
    w.blank()
    w.add(w.paint(f"{p.short_title}: {verdict_words(p)}", "heading") + (f" ({p.message})" if everything else ""))
    if p.verdict in ("not_in_force", "not_encoded"):
        w.add(closed_words(p) if p.verdict == "not_in_force" else p.message, 2)
        return
    if everything:
        _tree(w, p.conditions, 0)
    else:
        seen: set[str] = set()
        for r in leaves(p.conditions):
            # Several conditions often fail for one reason ("no job offer"): say it once.
            if short_cause(r) not in seen:
                seen.add(short_cause(r))
                _condition(w, r, 0, False)
        for r in leaves(p.conditions, ("pass",)):
            if r.kind == "points":
                w.add(f"{r.explanation}: {', '.join(grid_lines(r, compact=True))}", 2, 4, OUTCOME_MARKS["pass"], "pass")
        officer = [says(r) for r in judgements(p.conditions)]
        if officer and p.verdict in ("eligible", "undetermined"):
            w.add("officer will assess: " + "; ".join(officer), 2, 4)
    note = weak_confidence(p)
    if note:
        w.add(f"note: {note}", 2, 4)
    for c in p.caveats:
        if c.condition == REPORTED_CHANGE:
            w.add(f"note: {c.says}; {c.reason}", 2, 4)


def freshness_lines(evaluation: Evaluation) -> list[str]:
    """One line per date the rules were last checked before the as-of date, naming the programs concerned."""
    by_says: dict[str, list[str]] = {}
    for p in evaluation.programs:
        for c in p.caveats:
            if c.condition == RULES_CHECKED:
                by_says.setdefault(c.says, []).append(p.short_title)
    every = len(evaluation.programs)
    return [f"note: {says} ({'every program' if len(names) == every > 1 else ', '.join(names)})"
            for says, names in by_says.items()]


def render_text(evaluation: Evaluation, explain: bool = False, reach: Mapping[str, Reach] | None = None,
                width: int = 100, colour: bool = False) -> str:
    """The terminal output of one evaluation."""
    reach = reach or {}
    w = _Writer(width, colour)
    summary(w, evaluation, reach)
    for _, members in ordered(evaluation, reach):
        for p in members:
            if explain or p.verdict not in ("not_in_force", "not_encoded"):
                details(w, p, explain)
    if evaluation.crs is not None:
        w.blank()
        for line in crs_summary_lines(evaluation.crs):
            w.add(line.strip(), len(line) - len(line.lstrip()), 4)
    w.blank()
    for line in freshness_lines(evaluation):
        w.add(line, 0, 6)
    w.add(f"receipt: {receipt_words(evaluation)}")
    return "\n".join(w.lines)

