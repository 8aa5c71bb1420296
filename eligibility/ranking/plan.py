"""A version of the CRS criteria compiled once per spouse case into a ``Plan``: each factor's table as sorted
``(level, points)`` pairs and as a lookup by level, each part's and section's cap and maximum, the measures
read, so that scoring a profile (``eligibility.ranking.score``) is a few loops over numbers."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from attrs import field, frozen

from eligibility.ranking.measures import DESIGNATED, LANGUAGE, READERS, Reader
from eligibility.ranking.reading import Reading
from eligibility.record import Record
from eligibility.rulebook.crs import (
    Combined,
    CrsVersion,
    Factor,
    Group,
    PerAbility,
    cap_for,
    factors_of,
    level_index,
    table_for,
)
from eligibility.rulebook.crs_checks import part_max, section_max

Compiled = tuple[tuple[int, int], ...]
Points = tuple[int, int]
#: Each measure with its reader (the measures read from the applicant's two languages left out).
Readers = tuple[tuple[str, Callable[[Reader], Reading]], ...]


@frozen
class Step(Record):
    """One factor compiled for one spouse case."""

    id: str
    section: str
    factor: Factor
    measures: tuple[str, ...]
    table: Compiled
    rows: tuple[tuple[int, Compiled], ...]
    inner: tuple[int, ...]
    per_ability: bool
    cap: int | None
    max: int
    applies: bool
    #: The points at each level from 0 to the highest key (a level above scores as the highest key),
    #: and for a combined factor the same per level of its first measure: an exact level is one index.
    lookup: tuple[int, ...] = (0,)
    row_lookups: tuple[tuple[int, ...], ...] = ((0,),)
    #: One measure, one table: neither combined nor per ability (the common case, scored first).
    simple: bool = False
    #: True when the factor reads the first or second official language.
    designated: bool = False
    #: The highest level of ``lookup`` (a level above it scores as it).
    top: int = 0
    #: Points already worked out, by the levels read (see ``_kept_points``).
    kept: dict[Hashable, Points] = field(factory=dict, eq=False, repr=False)


@frozen
class PartPlan(Record):
    """A part: the indexes of its steps, its cap and maximum."""

    id: str
    steps: tuple[int, ...]
    cap: int | None
    max: int


@frozen
class SectionPlan(Record):
    """A section: its parts, cap and maximum, and whether it applies in this case."""

    id: str
    says: str
    parts: tuple[PartPlan, ...]
    cap: int | None
    max: int
    applies: bool


#: A part as ``score_plan`` adds it up: its cap, and either its one step (uncapped: its points are the
#: step's) and no steps, or -1 and all its steps.
PartLayout = tuple[int | None, int, tuple[int, ...]]


@frozen
class Plan(Record):
    """A version compiled for one spouse case.

    ``measures`` are the measures its applying steps read, once each; ``layout`` is each section's cap
    with its parts, the shape ``score_plan`` adds up. The applying steps are also sorted by kind, with
    what scoring an exact level needs: ``simple`` (index, measure, the points at each level as a capped
    span, highest level, step) and ``combined`` (index, first measure, second measure, the same by the
    first measure's level, the highest level of each measure, step); the other applying steps (per
    ability) in ``other`` (index, measure, step).
    """

    steps: tuple[Step, ...]
    sections: tuple[SectionPlan, ...]
    measures: tuple[str, ...] = ()
    layout: tuple[tuple[int | None, tuple[PartLayout, ...]], ...] = ()
    #: The indexes of the steps that read the designated languages (scored again for the other designation).
    designated: tuple[int, ...] = ()
    simple: tuple[tuple[int, str, tuple[Points, ...], int, Step], ...] = ()
    combined: tuple[tuple[int, str, str, tuple[tuple[Points, ...], ...], int, int, Step], ...] = ()
    other: tuple[tuple[int, str, Step], ...] = ()
    #: Each section's steps (a section's steps are adjacent), its ``layout`` (what ``score_plan`` adds up), and
    #: its parts and subtotal already added up, by those steps' points.
    adding: tuple[tuple[slice, tuple[int | None, tuple[PartLayout, ...]],
                        dict[tuple[Points, ...], tuple[tuple[Points, ...], Points]]], ...] = field(
        default=(), eq=False, repr=False)
    #: ``measures`` but those read from the applicant's English and French, each with its reader.
    readers: Readers = ()
    #: ``score_plan`` without a previous score, compiled for this plan (``ranking.score``): None until first used.
    fresh: Callable[[dict[str, Reading]], tuple[object, ...]] | None = field(default=None, eq=False, repr=False)


def compile_table(table: dict[str, int], measure: str) -> Compiled:
    """The table's keys as levels of ``measure``, with their points, lowest level first."""
    return tuple(sorted((level_index(measure, k), v) for k, v in table.items()))


def lookup_of(table: Compiled) -> tuple[int, ...]:
    """The points at every level from 0 to the table's highest key."""
    if not table:
        return (0,)
    if table[0][0] < 0:
        raise ValueError(f"expected table levels of 0 or more, found {table[0][0]}")
    return tuple(step(table, level) for level in range(table[-1][0] + 1))


_PLANS: dict[tuple[int, bool], tuple[CrsVersion, Plan]] = {}


def plan(version: CrsVersion, with_spouse: bool) -> Plan:
    """The version compiled for one spouse case (cached for the life of the version)."""
    hit = _PLANS.get((id(version), with_spouse))
    if hit is None or hit[0] is not version:
        hit = (version, _compile(version, with_spouse))
        _PLANS[(id(version), with_spouse)] = hit
    return hit[1]


def _step(section: str, group: str | None, f: Factor, with_spouse: bool, applies: bool) -> Step:
    fid = ".".join(p for p in (section, group, f.id) if p)
    cap, top = cap_for(f, with_spouse), part_max(f, with_spouse) if applies else 0
    if isinstance(f, Combined):
        m1, m2 = f.measures
        rows = tuple(sorted((level_index(m1, k), compile_table(row, m2)) for k, row in f.points.items()))
        inner = tuple(sorted({k for _, row in rows for k, _ in row}))
        top1 = rows[-1][0] if rows else 0
        row_lookups = tuple(lookup_of(row_at(rows, level)) for level in range(top1 + 1))
        return Step(fid, section, f, f.measures, (), rows, inner, False, cap, top, applies, (0,), row_lookups,
                    designated=any(m in DESIGNATED for m in f.measures))
    table = compile_table(table_for(f, with_spouse), f.measure)
    per_ability = isinstance(f, PerAbility)
    lookup = lookup_of(table)
    return Step(fid, section, f, (f.measure,), table, (), (), per_ability, cap, top, applies, lookup,
                simple=not per_ability, designated=f.measure in DESIGNATED, top=len(lookup) - 1)


def _compile(version: CrsVersion, with_spouse: bool) -> Plan:
    steps: list[Step] = []
    sections = []
    bounds = []
    for section in version.sections:
        applies = with_spouse or not section.only_with_spouse
        start = len(steps)
        parts = []
        for part in section.parts:
            group = part.id if isinstance(part, Group) else None
            first = len(steps)
            steps += [_step(section.id, group, f, with_spouse, applies) for f in factors_of(part)]
            parts.append(PartPlan(part.id, tuple(range(first, len(steps))),
                                  part.cap if isinstance(part, Group) else None,
                                  part_max(part, with_spouse) if applies else 0))
        sections.append(SectionPlan(section.id, section.says, tuple(parts), section.cap,
                                    section_max(section, with_spouse), applies))
        bounds.append((start, len(steps)))
    measures = tuple(dict.fromkeys(m for s in steps if s.applies for m in s.measures))
    layout = tuple((sp.cap, tuple((part.cap, part.steps[0], ()) if part.cap is None and len(part.steps) == 1
                                  else (part.cap, -1, part.steps) for part in sp.parts)) for sp in sections)
    applying = [(i, s) for i, s in enumerate(steps) if s.applies]
    return Plan(tuple(steps), tuple(sections), measures, layout, tuple(i for i, s in applying if s.designated),
                tuple((i, s.measures[0], _spans(s.lookup, s.cap), s.top, s) for i, s in applying if s.simple),
                tuple((i, s.measures[0], s.measures[1], *_grid(s), s) for i, s in applying if s.rows),
                tuple((i, s.measures[0], s) for i, s in applying if not s.simple and not s.rows),
                tuple((slice(start, end), layout[si], {}) for si, (start, end) in enumerate(bounds)),
                tuple((m, READERS[m]) for m in measures if m not in LANGUAGE))


def _spans(lookup: tuple[int, ...], cap: int | None) -> tuple[Points, ...]:
    """The points at each level as an exact span, capped: what an exact level scores, ready made."""
    return tuple((min(cap, v), min(cap, v)) if cap is not None else (v, v) for v in lookup)


def _grid(s: Step) -> tuple[tuple[tuple[Points, ...], ...], int, int]:
    """A combined step's capped spans by the level of its first measure then its second, every row as long as
    the longest (a level above a row's highest key scores as that key), with the highest level of each."""
    width = max(len(row) for row in s.row_lookups)
    rows = tuple(_spans(row + (row[-1],) * (width - len(row)), s.cap) for row in s.row_lookups)
    return rows, len(rows) - 1, width - 1


def step(table: Compiled, level: int) -> int:
    """The points of the highest key at or below ``level`` (0 below every key)."""
    points = 0
    for key, value in table:
        if key > level:
            break
        points = value
    return points


def row_at(rows: tuple[tuple[int, Compiled], ...], level: int) -> Compiled:
    """The row of a combined factor's table for a level of its first measure (empty below every key)."""
    found: Compiled = ()
    for key, row in rows:
        if key > level:
            break
        found = row
    return found


def differing(a: Plan, b: Plan) -> tuple[int, ...]:
    """The steps two plans of one version score differently (their tables, caps or whether they apply): the
    others give the same points in both spouse cases."""
    def scoring(s: Step) -> tuple[object, ...]:
        return s.measures, s.applies, s.per_ability, s.cap, s.table, s.rows, s.lookup, s.row_lookups
    return tuple(i for i, (x, y) in enumerate(zip(a.steps, b.steps, strict=True)) if scoring(x) != scoring(y))
