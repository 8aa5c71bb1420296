"""Distance to eligibility: for each program not eligible on a date, what each failing or unknown condition
lacks, the day missing hours are reached at current hours, and what the person cannot change."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from attrs import frozen

from eligibility.profile.model import Profile
from eligibility.record import Record
from eligibility.result import Evaluation
from eligibility.rulebook.library import Library
from eligibility.timeline.ahead import Ahead
from eligibility.timeline.gaps import Gap, program_gaps
from eligibility.timeline.render import gap_data


@frozen
class ProgramDistance(Record):
    """The gaps of one program not eligible on the date."""

    program: str
    title: str
    verdict: str
    gaps: tuple[Gap, ...]


def distance(profile: Profile, evaluation: Evaluation, library: Library) -> tuple[ProgramDistance, ...]:
    """Every program of the evaluation that is not eligible, with its gaps."""
    ahead = Ahead(profile, library, evaluation.as_of)
    out = []
    for p in evaluation.programs:
        if p.verdict == "eligible":
            continue
        out.append(ProgramDistance(p.id, p.title, p.verdict, tuple(program_gaps(p, library, evaluation.as_of, ahead))))
    return tuple(out)


def distance_data(result: Sequence[ProgramDistance]) -> list[dict[str, Any]]:
    """JSON-ready: one entry per program not eligible, each with its gaps."""
    return [{"program": d.program, "verdict": d.verdict, "gaps": [gap_data(g) for g in d.gaps]} for d in result]


def distance_text(result: Sequence[ProgramDistance]) -> list[str]:
    """In words: each program not eligible, then each gap with what it needs."""
    lines = ["What would change it:"]
    for d in result:
        lines.append(f"  {d.program} ({d.verdict.replace('_', ' ')}):")
        for g in d.gaps:
            mark = "" if g.changeable else " [cannot be changed by the person]"
            lines.append(f"    - {g.condition or d.program}: {g.needs}{mark}")
    return lines
