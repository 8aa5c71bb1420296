"""What changes for one profile between two dates, and which rule change causes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from attrs import frozen

from eligibility.engines.run import evaluate
from eligibility.profile.model import Profile
from eligibility.result import ConditionResult, ProgramResult
from eligibility.rulebook.library import Library


@frozen
class ConditionChange:
    """A condition whose outcome differs between the two dates."""

    path: str
    says: str
    before: str
    after: str
    explanation_before: str
    explanation_after: str


@frozen
class ProgramChange:
    """A program whose verdict or conditions differ between the two dates, with the cause."""

    id: str
    title: str
    verdict_before: str
    verdict_after: str
    cause: str
    conditions: tuple[ConditionChange, ...]


@frozen
class Diff:
    """Every program that changes between ``before`` and ``after``."""

    before: dt.date
    after: dt.date
    programs: tuple[ProgramChange, ...]


def _flat(results: tuple[ConditionResult, ...], prefix: str = "") -> Iterator[tuple[str, ConditionResult]]:
    for r in results:
        path = f"{prefix}{r.id}"
        yield path, r
        yield from _flat(r.conditions, path + "/")


def _cause(library: Library, a: ProgramResult, b: ProgramResult) -> str:
    program = library.programs[a.id]
    va, vb = a.version, b.version
    if va != vb:
        if vb is None or va is None:
            return f"{b.message}" if vb is None else f"{a.message}"
        version = program.version_on(vb.valid_from)
        what = (version.changes or version.note or "the rules changed") if version else "the rules changed"
        if not vb.in_force:
            return f"not in force from {vb.valid_from}: {what}"
        return f"the rules changed on {vb.valid_from}: {what}"
    fa, fb = dict(_flat(a.conditions)), dict(_flat(b.conditions))
    for path, rb in fb.items():
        ra = fa.get(path)
        if (ra is not None and rb.kind == "funds" and isinstance(ra.required, dict) and isinstance(rb.required, dict)
                and ra.required.get("table_from") != rb.required.get("table_from")):
            return (f"same program rules; the settlement-funds table of {rb.required.get('table_from')} "
                    f"replaces the table of {ra.required.get('table_from')}")
    for path, rb in fb.items():
        ra = fa.get(path)
        if ra is not None and rb.kind == "program" and ra.outcome != rb.outcome:
            return f"same rules; the verdict of a program it requires changed ({rb.explanation})"
    return ("same rules; the profile's facts differ on the two dates (look-back windows, age, test and ECA "
            "validity, dated tables)")


def diff(profile: Profile, before: dt.date, after: dt.date, library: Library,
         programs: set[str] | None = None) -> Diff:
    """Evaluate on both dates and keep what differs."""
    a = evaluate(profile, before, library, programs)
    b = evaluate(profile, after, library, programs)
    changes = []
    for pa in a.programs:
        pb = b.program(pa.id)
        fa, fb = dict(_flat(pa.conditions)), dict(_flat(pb.conditions))
        conds = []
        for path in [*fa, *[p for p in fb if p not in fa]]:
            ra, rb = fa.get(path), fb.get(path)
            oa = ra.outcome if ra else "absent"
            ob = rb.outcome if rb else "absent"
            if oa != ob:
                either = rb or ra
                conds.append(ConditionChange(path, either.says if either else "", oa, ob,
                                             ra.explanation if ra else "", rb.explanation if rb else ""))
        if pa.verdict != pb.verdict or conds or pa.version != pb.version:
            changes.append(ProgramChange(pa.id, pa.title, pa.verdict, pb.verdict, _cause(library, pa, pb),
                                         tuple(conds)))
    return Diff(before, after, tuple(changes))


def diff_text(d: Diff) -> str:
    """The diff in words."""
    if not d.programs:
        return f"No verdict or condition changes between {d.before} and {d.after}."
    lines = [f"Changes between {d.before} and {d.after}", ""]
    for p in d.programs:
        arrow = f"{p.verdict_before} -> {p.verdict_after}" if p.verdict_before != p.verdict_after else \
            f"{p.verdict_after} (unchanged)"
        lines.append(f"{p.id}: {arrow}")
        lines.append(f"  cause: {p.cause}")
        for c in p.conditions:
            lines.append(f"  {c.path}: {c.before} -> {c.after}  ({c.says})")
            if c.explanation_after:
                lines.append(f"      {d.after}: {c.explanation_after}")
        lines.append("")
    return "\n".join(lines).rstrip()


def diff_data(d: Diff) -> dict[str, Any]:
    """JSON-ready form."""
    from eligibility.converter import unstructure

    data: dict[str, Any] = unstructure(d)
    return data
