"""Plain-text and JSON renderings of the NOC results; they format results and never look anything up."""

from __future__ import annotations

import json
import textwrap
from typing import Any

import cattrs

from eligibility.noc.concordance import Conversion, explain_change
from eligibility.noc.match import MatchResult
from eligibility.noc.search import SearchResult
from eligibility.noc.show import ShowResult

_converter = cattrs.Converter()


def to_json(result: Any) -> str:
    """Any NOC result as indented JSON (via cattrs), ending without a newline."""
    return json.dumps(_converter.unstructure(result), indent=2, ensure_ascii=False)


def _wrap(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent=indent, subsequent_indent=indent + "  ")


def render_show(r: ShowResult, max_examples: int | None = 12) -> list[str]:
    """Lines for `noc show`; appended `sections` come last, in order."""
    lines = [f"NOC 2021 {r.code}  {r.title}", f"TEER {r.teer}: {r.teer_meaning}", "", "Hierarchy:"]
    lines += [f"  {g.level:<16} {g.code:<5} {g.title}" for g in r.hierarchy]
    shown = r.example_titles if max_examples is None else r.example_titles[:max_examples]
    lines += ["", f"Example titles ({len(r.example_titles)}):"] + [f"  - {t}" for t in shown]
    if len(shown) < len(r.example_titles):
        lines.append(f"  ... and {len(r.example_titles) - len(shown)} more (--all-examples)")
    if r.lead_statement:
        lines += ["", "Lead statement:", *_wrap(r.lead_statement)]
    if r.main_duties:
        lines += ["", "Main duties:"]
        section = None
        for d in r.main_duties:
            if d.section != section and d.section:
                lines.append(f"  {d.section}:")
            section = d.section
            lines += _wrap("- " + d.text, "    " if d.section else "  ")
    if r.prose_note:
        lines += ["", f"Lead statement and main duties: {r.prose_note}"]
    for s in r.sections:
        lines += ["", f"{s.heading}:"] + [f"  {line}" for line in s.lines]
    return lines


def render_search(r: SearchResult) -> list[str]:
    """Lines for `noc search`: one hit per line, with the title that matched."""
    if not r.hits:
        return [f"no NOC 2021 unit group matches {r.query!r}"]
    lines = [f"NOC 2021 unit groups for {r.query!r} (searched as {r.normalized_query!r}):"]
    for h in r.hits:
        lines.append(f"  {h.code}  TEER {h.teer}  {h.title}  [{h.score:.0f}]")
        how = f"matched {h.matched_kind} {h.matched_title!r}"
        if h.hint_reason:
            how += f" (modern-title hint: {h.hint_reason})"
        lines += _wrap(how, "         ")
    return lines


_MARK = {"covered": "[x]", "partly": "[~]", "not covered": "[ ]"}


def render_match(r: MatchResult) -> list[str]:
    """Lines for `noc match`: candidates ranked, then duty-by-duty coverage for the detailed ones."""
    lines = ["Unit groups whose NOC duties best match the text:"]
    lines += [f"  {c.code}  TEER {c.teer}  {c.title}  [similarity {c.score:.2f}]" for c in r.candidates]
    for c in r.candidates:
        if not c.duties:
            continue
        partly = sum(d.status == "partly" for d in c.duties)
        counts = f"{c.covered_count} of {len(c.duties)} main duties covered, {partly} partly"
        lines += ["", f"{c.code} {c.title}: {counts}"]
        for d in c.duties:
            where = f" ({d.section})" if d.section else ""
            lines += _wrap(f"{_MARK[d.status]} {d.duty}{where}")
            if d.evidence:
                lines += _wrap(f"text: {d.evidence}", "        ")
    lines += [
        "",
        "Prose read from: " + ", ".join(r.sources),
        "A match is a lead for a consultant to check, not a classification.",
    ]
    return lines


def render_convert(r: Conversion) -> list[str]:
    """Lines for `noc convert`: every NOC 2021 candidate with StatCan's type of change."""
    head = f"NOC 2016 {r.noc2016} {r.noc2016_title} -> "
    head += f"{len(r.rows)} NOC 2021 unit groups (the duties decide which):" if r.split else "NOC 2021:"
    lines = [head]
    for row in r.rows:
        lines.append(f"  {row.noc2021}  {row.noc2021_title}")
    label = r.rows[0].change
    lines.append(f"Type of change: {label} ({explain_change(label)})")
    return lines
