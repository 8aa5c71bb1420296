"""What changes for one profile between two dates, and which rule change causes it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from attrs import frozen

from eligibility.engines.run import evaluate
from eligibility.profile.model import Profile
from eligibility.record import Record
from eligibility.result import ConditionResult, ProgramResult
from eligibility.rulebook.library import Library

#: The cause :func:`_cause` gives when a settlement-funds table changed the funds condition; group 1 is the day
#: the new table starts (``batch.impact`` groups a change under the table only when it was decided that day).
TABLE_CAUSE = re.compile(r"^same program rules; the settlement-funds table of (\d{4}-\d{2}-\d{2}) replaces ")


@frozen
class ConditionChange(Record):
    """A condition whose outcome differs between the two dates."""

    path: str
    says: str
    before: str
    after: str
    explanation_before: str
    explanation_after: str


@frozen
class Step(Record):
    """A day between the two dates on which the program's verdict changes, with its concrete cause."""

    day: dt.date
    verdict: str
    because: str


@frozen
class ProgramChange(Record):
    """A program whose verdict or conditions differ between the two dates, with the cause."""

    id: str
    title: str
    verdict_before: str
    verdict_after: str
    cause: str
    conditions: tuple[ConditionChange, ...]
    #: Each day the verdict changes between the dates, with what happened that day (from the plan).
    steps: tuple[Step, ...] = ()
    short_title: str = ""
    #: Whether the same version of the rules applies on both dates (conditions compare one to one).
    same_rules: bool = True


@frozen
class Diff(Record):
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
        # The table is named only when the funds condition's outcome changed with it: a person whose funds
        # meet both tables (or neither) changed verdict for another reason.
        if (ra is not None and rb.kind == "funds" and isinstance(ra.required, dict) and isinstance(rb.required, dict)
                and ra.required.get("table_from") != rb.required.get("table_from") and ra.outcome != rb.outcome):
            return (f"same program rules; the settlement-funds table of {rb.required.get('table_from')} "
                    f"replaces the table of {ra.required.get('table_from')}")
    for path, rb in fb.items():
        ra = fa.get(path)
        if ra is not None and rb.kind == "program" and ra.outcome != rb.outcome:
            return f"same rules; the verdict of a program it requires changed ({rb.explanation})"
    if a.verdict == b.verdict and a.version == b.version and not any(
            (fa.get(p) is not None and fa[p].outcome != rb.outcome) for p, rb in fb.items()):
        return "no change"
    return ("same rules; the profile's facts differ on the two dates (look-back windows, age, test and ECA "
            "validity, dated tables)")


def diff(profile: Profile, before: dt.date, after: dt.date, library: Library,
         programs: set[str] | None = None, everything: bool = False) -> Diff:
    """Evaluate on both dates and keep what differs (``everything``: every program, changed or not)."""
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
        if everything or pa.verdict != pb.verdict or conds:
            changes.append(ProgramChange(pa.id, pa.title, pa.verdict, pb.verdict, _cause(library, pa, pb),
                                         tuple(conds), short_title=pa.short_title,
                                         same_rules=pa.version == pb.version))
    return Diff(before, after, tuple(_with_steps(changes, profile, before, after, library)))


def _with_steps(changes: list[ProgramChange], profile: Profile, before: dt.date, after: dt.date,
                library: Library) -> list[ProgramChange]:
    """Name the concrete causes: the plan between the dates gives each day a verdict changes, and why."""
    from attrs import evolve

    from eligibility.timeline.build import plan

    moved = [c.id for c in changes if c.verdict_before != c.verdict_after]
    if not moved or after <= before:
        return changes
    timeline = plan(profile, before, after + dt.timedelta(days=1), library, moved)
    steps = {p.id: tuple(Step(i.start, i.verdict, i.because) for i in p.intervals if i.start > before)
             for p in timeline.programs}
    return [evolve(c, steps=steps.get(c.id, ())) for c in changes]


def diff_text(d: Diff, everything: bool = False) -> str:
    """The diff in words: the programs whose verdict changes, each day it changes and why.

    With ``everything``, also the programs whose conditions change without changing the verdict, and
    every condition that changes.
    """
    moved = [p for p in d.programs if p.verdict_before != p.verdict_after]
    shown = d.programs if everything else tuple(moved)
    if not shown:
        return f"No verdict changes between {d.before} and {d.after}." + (
            "" if everything or not d.programs else f" ({len(d.programs)} programs change conditions: --all)")
    lines = [f"Changes between {d.before} and {d.after}: {len(moved)} program(s) change verdict"
             + ("" if everything else "; --all for every condition that changes"), ""]
    for p in shown:
        before, after = p.verdict_before.replace("_", " "), p.verdict_after.replace("_", " ")
        arrow = f"{before} -> {after}" if before != after else f"{after} (unchanged)"
        lines.append(f"{p.short_title or p.title}: {arrow}")
        for s in p.steps:
            lines.append(f"  {s.day}: {s.verdict.replace('_', ' ')}: {s.because}")
        if not p.steps or everything:
            lines.append(f"  cause: {p.cause}")
        for c in p.conditions:
            if everything or (p.same_rules and "absent" not in (c.before, c.after)):
                lines.append(f"  {c.says}: {c.before} -> {c.after}")
                if c.explanation_after and everything:
                    lines.append(f"      {d.after}: {c.explanation_after}")
        lines.append("")
    return "\n".join(lines).rstrip()


def diff_data(d: Diff) -> dict[str, Any]:
    """JSON-ready form."""
    from eligibility.converter import unstructure

    data: dict[str, Any] = unstructure(d)
    return data
