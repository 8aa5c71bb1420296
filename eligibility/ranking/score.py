"""Apply one version of the CRS criteria to the measures of a profile: points of every factor, part
and section, as spans when facts are unknown, with every cap applied."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import product

from attrs import frozen

from eligibility.ranking.measures import Measures, Reading, Span
from eligibility.rulebook.crs import (
    Combined,
    CrsVersion,
    Factor,
    Group,
    PerAbility,
    Section,
    Table,
    cap_for,
    factors_of,
    level_index,
    table_for,
)
from eligibility.rulebook.crs_checks import part_max


@frozen
class FactorPoints:
    """One factor's points (a span) in one case, with the readings of its measures."""

    section: str
    group: str | None
    factor: Factor
    low: int
    high: int
    max: int
    readings: tuple[Reading, ...]

    @property
    def id(self) -> str:
        """``section.factor`` or ``section.group.factor``."""
        return ".".join(p for p in (self.section, self.group, self.factor.id) if p)


@frozen
class PartPoints:
    """A part of a section (a factor, or a capped group of factors) after its cap."""

    id: str
    low: int
    high: int
    max: int
    cap: int | None = None


@frozen
class SectionPoints:
    """A section's parts and subtotal after its cap; ``applies`` is false for the spouse block without one."""

    id: str
    says: str
    low: int
    high: int
    max: int
    parts: tuple[PartPoints, ...]
    applies: bool = True
    cap: int | None = None


@frozen
class Scored:
    """The whole score in one case (with or without a spouse, one first-language designation)."""

    low: int
    high: int
    sections: tuple[SectionPoints, ...]
    factors: tuple[FactorPoints, ...]


def _values(table: Table, measure: str, span: Span) -> set[int]:
    """Every points value the table gives to a level in [low, high]: the step at low and at each key inside."""
    low, high = span
    return {step(table, measure, low)} | {step(table, measure, level_index(measure, k)) for k in table
                                          if low < level_index(measure, k) <= high}


def step(table: Table, measure: str, level: int) -> int:
    """The points of the highest key at or below ``level`` (0 below every key)."""
    keys = [(level_index(measure, k), v) for k, v in table.items() if level_index(measure, k) <= level]
    return max(keys)[1] if keys else 0


def _levels(measure: str, table_keys: Iterable[str], span: Span) -> list[int]:
    low, high = span
    return [low, *sorted({level_index(measure, k) for k in table_keys if low < level_index(measure, k) <= high})]


def factor_points(f: Factor, measures: Measures, with_spouse: bool) -> tuple[int, int, tuple[Reading, ...]]:
    """The lowest and highest points of a factor over every level its measures may have."""
    cap = cap_for(f, with_spouse)
    if isinstance(f, Combined):
        (m1, m2), readings = f.measures, tuple(measures.read(m) for m in f.measures)
        s1, s2 = (r.value for r in readings)
        assert isinstance(s1, tuple) and isinstance(s2, tuple)
        inner_keys = {k for row in f.points.values() for k in row}
        values = [step(f.points[row], m2, y) if row is not None else 0
                  for x, y in product(_levels(m1, f.points, s1), _levels(m2, inner_keys, s2))
                  for row in [_row(f, m1, x)]]
        low, high = min(values), max(values)
    else:
        reading = measures.read(f.measure)
        readings = (reading,)
        table = table_for(f, with_spouse)
        if isinstance(f, PerAbility):
            assert isinstance(reading.value, dict)
            spans = [_values(table, f.measure, s) for s in reading.value.values()]
            low, high = sum(min(v) for v in spans), sum(max(v) for v in spans)
        else:
            assert isinstance(reading.value, tuple)
            found = _values(table, f.measure, reading.value)
            low, high = min(found), max(found)
    if cap is not None:
        low, high = min(cap, low), min(cap, high)
    return low, high, readings


def _row(f: Combined, measure: str, level: int) -> str | None:
    keys = [(level_index(measure, k), k) for k in f.points if level_index(measure, k) <= level]
    return max(keys)[1] if keys else None


def score_version(version: CrsVersion, measures: Measures, with_spouse: bool) -> Scored:
    """Every factor, part and section of ``version`` for these measures, in one spouse case."""
    sections, factors = [], []
    for section in version.sections:
        applies = with_spouse or not section.only_with_spouse
        parts = []
        for part in section.parts:
            group = part.id if isinstance(part, Group) else None
            lows = highs = 0
            for f in factors_of(part):
                lo, hi, readings = factor_points(f, measures, with_spouse) if applies else (0, 0, ())
                factors.append(FactorPoints(section.id, group, f, lo, hi, part_max(f, with_spouse) if applies else 0,
                                            readings))
                lows, highs = lows + lo, highs + hi
            cap = part.cap if isinstance(part, Group) else None
            if cap is not None:
                lows, highs = min(cap, lows), min(cap, highs)
            parts.append(PartPoints(part.id, lows, highs, part_max(part, with_spouse) if applies else 0, cap))
        sections.append(_section(section, parts, applies, with_spouse))
    return Scored(sum(s.low for s in sections), sum(s.high for s in sections), tuple(sections), tuple(factors))


def _section(section: Section, parts: list[PartPoints], applies: bool, with_spouse: bool) -> SectionPoints:
    from eligibility.rulebook.crs_checks import section_max

    low, high = sum(p.low for p in parts), sum(p.high for p in parts)
    if section.cap is not None:
        low, high = min(section.cap, low), min(section.cap, high)
    return SectionPoints(section.id, section.says, low, high, section_max(section, with_spouse), tuple(parts),
                         applies, section.cap)


def widen(cases: list[Scored]) -> Scored:
    """One score spanning several possible cases (a spouse who may or may not count)."""
    if len(cases) == 1:
        return cases[0]
    first = cases[0]
    sections = tuple(
        SectionPoints(s.id, s.says, min(c.sections[i].low for c in cases), max(c.sections[i].high for c in cases),
                      max(c.sections[i].max for c in cases),
                      tuple(PartPoints(p.id, min(c.sections[i].parts[j].low for c in cases),
                                       max(c.sections[i].parts[j].high for c in cases),
                                       max(c.sections[i].parts[j].max for c in cases), p.cap)
                            for j, p in enumerate(s.parts)),
                      any(c.sections[i].applies for c in cases), s.cap)
        for i, s in enumerate(first.sections))
    factors = tuple(
        FactorPoints(f.section, f.group, f.factor, min(c.factors[i].low for c in cases),
                     max(c.factors[i].high for c in cases), max(c.factors[i].max for c in cases),
                     next((c.factors[i].readings for c in cases if c.factors[i].readings), ()))
        for i, f in enumerate(first.factors))
    return Scored(min(c.low for c in cases), max(c.high for c in cases), sections, factors)
