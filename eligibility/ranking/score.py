"""Apply one version of the CRS criteria to the measures of a profile: points of every factor, part
and section, as spans when facts are unknown, with every cap applied.

A version is compiled once per spouse case into a ``Plan`` (tables as sorted ``(level, points)`` pairs,
maxima worked out), so that scoring a profile is a few loops over numbers.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from itertools import product
from typing import cast

from attrs import field, frozen

from eligibility.ranking.measures import DESIGNATED, Reading, Span
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
NONE: Points = (0, 0)
#: Points kept per step at most (see ``_kept_points``).
KEPT = 4096


@frozen
class Step:
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
    #: Points already worked out, by the levels read (see ``_kept_points``).
    kept: dict[Hashable, Points] = field(factory=dict, eq=False, repr=False)


@frozen
class PartPlan:
    """A part: the indexes of its steps, its cap and maximum."""

    id: str
    steps: tuple[int, ...]
    cap: int | None
    max: int


@frozen
class SectionPlan:
    """A section: its parts, cap and maximum, and whether it applies in this case."""

    id: str
    says: str
    parts: tuple[PartPlan, ...]
    cap: int | None
    max: int
    applies: bool


@frozen
class Plan:
    """A version compiled for one spouse case.

    ``measures`` are the measures its applying steps read, once each; ``layout`` is each section's cap
    with its parts' caps and step indexes, the shape ``score_plan`` adds up.
    """

    steps: tuple[Step, ...]
    sections: tuple[SectionPlan, ...]
    measures: tuple[str, ...] = ()
    layout: tuple[tuple[int | None, tuple[tuple[int | None, tuple[int, ...]], ...]], ...] = ()
    #: The indexes of the steps that read the designated languages (scored again for the other designation).
    designated: tuple[int, ...] = ()


@frozen
class Scored:
    """Points of every step, part and section in one case (or spanning several), and the total."""

    low: int
    high: int
    factors: tuple[Points, ...]
    parts: tuple[tuple[Points, ...], ...]
    sections: tuple[Points, ...]


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


def _at(lookup: tuple[int, ...], level: int) -> int:
    """The points at an exact level (levels are 0 or more)."""
    return lookup[level] if level < len(lookup) else lookup[-1]


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
        row_lookups = tuple(lookup_of(_row(rows, level)) for level in range(top1 + 1))
        return Step(fid, section, f, f.measures, (), rows, inner, False, cap, top, applies, (0,), row_lookups,
                    designated=any(m in DESIGNATED for m in f.measures))
    table = compile_table(table_for(f, with_spouse), f.measure)
    per_ability = isinstance(f, PerAbility)
    return Step(fid, section, f, (f.measure,), table, (), (), per_ability, cap, top, applies, lookup_of(table),
                simple=not per_ability, designated=f.measure in DESIGNATED)


def _compile(version: CrsVersion, with_spouse: bool) -> Plan:
    steps: list[Step] = []
    sections = []
    for section in version.sections:
        applies = with_spouse or not section.only_with_spouse
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
    measures = tuple(dict.fromkeys(m for s in steps if s.applies for m in s.measures))
    layout = tuple((sp.cap, tuple((part.cap, part.steps) for part in sp.parts)) for sp in sections)
    return Plan(tuple(steps), tuple(sections), measures, layout, tuple(i for i, s in enumerate(steps) if s.designated))


def step(table: Compiled, level: int) -> int:
    """The points of the highest key at or below ``level`` (0 below every key)."""
    points = 0
    for key, value in table:
        if key > level:
            break
        points = value
    return points


def _span(lookup: tuple[int, ...], span: Span) -> Points:
    """The lowest and highest points the table gives to a level in [low, high] (its lookup, levels 0 or more)."""
    low, high = span
    top = len(lookup) - 1
    values = lookup[min(low, top):min(high, top) + 1]
    return min(values), max(values)


def _levels(keys: Iterable[int], span: Span) -> list[int]:
    low, high = span
    return [low, *(k for k in keys if low < k <= high)]


def _row(rows: tuple[tuple[int, Compiled], ...], level: int) -> Compiled:
    found: Compiled = ()
    for key, row in rows:
        if key > level:
            break
        found = row
    return found


def step_points(s: Step, readings: dict[str, Reading]) -> Points:
    """The lowest and highest points of a step over every level its measures may have."""
    if not s.applies:
        return 0, 0
    if s.simple:
        # The common case first: one measure read at an exact level is one index into the lookup.
        value = cast(Span, readings[s.measures[0]].value)
        if value[0] == value[1]:
            lookup, cap = s.lookup, s.cap
            points = lookup[value[0]] if value[0] < len(lookup) else lookup[-1]
            return (points, points) if cap is None or points <= cap else (cap, cap)
    if s.rows:
        s1, s2 = (cast(Span, readings[m].value) for m in s.measures)
        if s1[0] == s1[1] and s2[0] == s2[1]:
            low = high = _at(s.row_lookups[s1[0]] if s1[0] < len(s.row_lookups) else s.row_lookups[-1], s2[0])
        else:
            values = [step(_row(s.rows, x), y) for x, y in product(_levels((k for k, _ in s.rows), s1),
                                                                   _levels(s.inner, s2))]
            low, high = min(values), max(values)
    else:
        read = readings[s.measures[0]].value
        if s.per_ability:
            low = high = 0
            for v in cast(tuple[Span, ...], read):
                if v[0] == v[1]:
                    points = _at(s.lookup, v[0])
                    low, high = low + points, high + points
                else:
                    lo, hi = _span(s.lookup, v)
                    low, high = low + lo, high + hi
        else:
            span = cast(Span, read)
            low, high = (_at(s.lookup, span[0]),) * 2 if span[0] == span[1] else _span(s.lookup, span)
    if s.cap is not None:
        low, high = min(s.cap, low), min(s.cap, high)
    return low, high


def _kept_points(s: Step, readings: dict[str, Reading]) -> Points:
    """``step_points``, kept per step by the levels read (four abilities, two measures: a few lookups each)."""
    ms = s.measures
    key: Hashable = readings[ms[0]].value if len(ms) == 1 else (readings[ms[0]].value, readings[ms[1]].value)
    found = s.kept.get(key)
    if found is None:
        if len(s.kept) >= KEPT:
            s.kept.clear()  # a batch of many distinct profiles must not keep every combination
        found = s.kept[key] = step_points(s, readings)
    return found


def score_plan(p: Plan, readings: dict[str, Reading], previous: Scored | None = None) -> Scored:
    """Every step, part and section; with ``previous`` (the other designation), only the language steps again."""
    if previous is None:
        factors: list[Points] = []
        append = factors.append
        for s in p.steps:
            if not s.applies:
                append(NONE)
                continue
            if s.simple:
                # The common case inline: one measure read at an exact level is one index into the lookup.
                value = cast(Span, readings[s.measures[0]].value)
                level = value[0]
                if level == value[1]:
                    lookup = s.lookup
                    points = lookup[level] if level < len(lookup) else lookup[-1]
                    cap = s.cap
                    append((points, points) if cap is None or points <= cap else (cap, cap))
                    continue
            append(_kept_points(s, readings))
    else:
        factors = list(previous.factors)
        steps = p.steps
        for i in p.designated:
            factors[i] = _kept_points(steps[i], readings)
    parts, sections = [], []
    total_low = total_high = 0
    for section_cap, layout in p.layout:
        spans = []
        section_low = section_high = 0
        for part_cap, indexes in layout:
            low = high = 0
            for i in indexes:
                f = factors[i]
                low += f[0]
                high += f[1]
            if part_cap is not None:
                if low > part_cap:
                    low = part_cap
                if high > part_cap:
                    high = part_cap
            spans.append((low, high))
            section_low += low
            section_high += high
        if section_cap is not None:
            section_low, section_high = min(section_cap, section_low), min(section_cap, section_high)
        parts.append(tuple(spans))
        sections.append((section_low, section_high))
        total_low += section_low
        total_high += section_high
    return Scored(total_low, total_high, tuple(factors), tuple(parts), tuple(sections))


def _widen(a: Points, b: Points) -> Points:
    return a if a == b else (min(a[0], b[0]), max(a[1], b[1]))


def widen(cases: list[Scored]) -> Scored:
    """One score spanning several possible cases (a spouse who may or may not count)."""
    first = cases[0]
    for other in cases[1:]:
        first = Scored(min(first.low, other.low), max(first.high, other.high),
                       tuple(map(_widen, first.factors, other.factors)),
                       tuple(tuple(map(_widen, a, b)) for a, b in zip(first.parts, other.parts, strict=True)),
                       tuple(map(_widen, first.sections, other.sections)))
    return first
