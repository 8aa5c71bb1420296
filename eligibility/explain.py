"""A program's rules on a date, in plain language with citations: what `eligibility explain` shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from eligibility.citations import cite
from eligibility.render.text import citation_text
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import Composite, Condition, Program, Version
from eligibility.rulebook.structure import ruleset_converter


def state_on(program: Program, day: dt.date) -> tuple[str, Version | None]:
    """'in force', 'not in force' or 'not encoded' on ``day``, with the version that says so."""
    version = program.version_on(day)
    if version is not None:
        return ("in force" if version.in_force else "not in force"), version
    if program.established is not None and day < program.established:
        return "not in force", None
    return "not encoded", None


def _quoted(text: str) -> str:
    """The law's words on one line, in quotation marks."""
    return "\u201c" + " ".join(text.split()) + "\u201d"


def _lines(program: Program, conditions: tuple[Condition, ...], depth: int) -> Iterator[str]:
    for c in conditions:
        pad = "  " * depth
        if isinstance(c, Composite):
            head = {"all": "all of", "any": "at least one of", "not": "not", "at_least": f"at least {c.n} of"}[c.op]
            yield f"{pad}- {c.id}: {c.says or head} ({head}):"
            if c.quote:
                yield f"{pad}    law: {_quoted(c.quote)}"
            yield from _lines(program, c.children, depth + 1)
            continue
        conf = f" [confidence: {c.confidence}]" if c.confidence else ""
        yield f"{pad}- {c.id}: {c.says}{conf}"
        if c.quote:
            yield f"{pad}    law: {_quoted(c.quote)}"
        for ref in cite(program, c.citations):
            yield f"{pad}    source: {citation_text(ref)}"
        if c.note:
            yield f"{pad}    note: {c.note}"


def explain_text(library: Library, program_id: str, day: dt.date) -> str:
    """The rules of a program on ``day`` in words."""
    program = library.program(program_id)
    state, version = state_on(program, day)
    lines = [f"{program.title} ({program.id})", f"authority: {program.authority}",
             f"kind: {program.kind.replace('_', ' ')}"]
    if program.summary:
        lines.append(program.summary.strip())
    if program.confidence != "official":
        lines.append(f"confidence: {program.confidence}")
    if program.note:
        lines.append(f"note: {program.note}")
    lines.append("")
    if version is None:
        first = program.versions[0].valid_from
        lines.append(f"{state} on {day}" + (f" (established {program.established})" if program.established else
                                            f"; the earliest encoded version starts {first}"))
    else:
        lines.append(f"{state} on {day}: rules of {version.valid_from} to {version.valid_to or 'now'}")
        if version.changes:
            lines.append(f"changed then: {version.changes}")
        if version.note:
            lines.append(f"note: {version.note}")
        if version.quote:
            lines.append(f"law: {_quoted(version.quote)}")
        if version.in_force:
            lines += ["", "All of these must hold:"]
            lines.extend(_lines(program, version.conditions, 0))
    lines += ["", "Versions:"]
    for v in program.versions:
        lines.append(f"  {v.valid_from} to {v.valid_to or 'now'}: {'in force' if v.in_force else 'not in force'}"
                     + (f" - {v.changes}" if v.changes else ""))
    return "\n".join(lines)


def explain_data(library: Library, program_id: str, day: dt.date) -> dict[str, Any]:
    """The same as JSON-ready data."""
    program = library.program(program_id)
    state, version = state_on(program, day)
    sources: Any = ruleset_converter().unstructure(program.sources)
    versions = [{"from": v.valid_from.isoformat(), "to": v.valid_to.isoformat() if v.valid_to else None,
                 "in_force": v.in_force, "changes": v.changes} for v in program.versions]
    return {"id": program.id, "title": program.title, "kind": program.kind, "authority": program.authority,
            "summary": program.summary,
            "confidence": program.confidence, "as_of": day.isoformat(), "state": state,
            "version": ruleset_converter().unstructure(version, Version) if version else None,
            "sources": sources, "versions": versions}


def programs_data(library: Library, day: dt.date | None) -> list[dict[str, Any]]:
    """Every program with its versions, and its state on ``day`` when given."""
    out = []
    for pid in sorted(library.programs):
        p = library.programs[pid]
        item: dict[str, Any] = {"id": p.id, "title": p.title, "kind": p.kind, "confidence": p.confidence,
                                "established": p.established.isoformat() if p.established else None,
                                "versions": [{"from": v.valid_from.isoformat(),
                                              "to": v.valid_to.isoformat() if v.valid_to else None,
                                              "in_force": v.in_force} for v in p.versions]}
        if day is not None:
            item["state"] = state_on(p, day)[0]
        out.append(item)
    return out


def programs_text(library: Library, day: dt.date | None) -> str:
    """The program list as a table."""
    rows = programs_data(library, day)
    width = max(len(r["id"]) for r in rows)
    kind_width = max(len(r["kind"]) for r in rows)
    lines = []
    for r in rows:
        spans = ", ".join(f"{v['from']}..{v['to'] or ''}" + ("" if v["in_force"] else " (closed)")
                          for v in r["versions"])
        state = f"{r['state']:<13} " if day is not None else ""
        lines.append(f"{r['id']:<{width}}  {r['kind']:<{kind_width}}  {state}{spans}")
    head = f"Programs as of {day}" if day else "Programs and the periods their encoded versions cover"
    return "\n".join([head, "", *lines])
