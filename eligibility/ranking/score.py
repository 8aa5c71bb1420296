"""Apply one version of the CRS criteria to the measures of a profile: points of every factor, part
and section, as spans when facts are unknown, with every cap applied.

The version is compiled once per spouse case into a ``Plan`` (``eligibility.ranking.plan``), so that
scoring a profile is a few loops over numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from itertools import product
from typing import NamedTuple

from eligibility.codecache import compile_code
from eligibility.ranking.plan import PartLayout, Plan, Points, Step, plan, row_at, step
from eligibility.ranking.reading import Reading, Span

__all__ = ["Plan", "Points", "Scored", "better", "better_each", "dominates", "plan", "score_again", "score_plan",
           "step_points", "widen"]

NONE: Points = (0, 0)
#: ``tuple.__new__``: a ``Scored`` made by it skips the named tuple's own ``__new__``, a Python function (one call
#: of Python more for each of the few made for every score).
_new = tuple.__new__
#: Points kept per step at most (see ``_kept_points``).
KEPT = 4096


class Scored(NamedTuple):
    """Points of every step, part and section in one case (or spanning several), and the total (a named tuple:
    one or a few are made for every score)."""

    low: int
    high: int
    factors: tuple[Points, ...]
    parts: tuple[tuple[Points, ...], ...]
    sections: tuple[Points, ...]

def _at(lookup: tuple[int, ...], level: int) -> int:
    """The points at an exact level (levels are 0 or more)."""
    return lookup[level] if level < len(lookup) else lookup[-1]


def _span(lookup: tuple[int, ...], span: Span) -> Points:
    """The lowest and highest points the table gives to a level in [low, high] (its lookup, levels 0 or more)."""
    low, high = span
    top = len(lookup) - 1
    values = lookup[min(low, top):min(high, top) + 1]
    return min(values), max(values)


def _levels(keys: Iterable[int], span: Span) -> list[int]:
    low, high = span
    return [low, *(k for k in keys if low < k <= high)]


def step_points(s: Step, readings: dict[str, Reading]) -> Points:
    """The lowest and highest points of a step over every level its measures may have."""
    if not s.applies:
        return 0, 0
    if s.rows:
        s1, s2 = (readings[m].value for m in s.measures)
        if s1[0] == s1[1] and s2[0] == s2[1]:
            low = high = _at(s.row_lookups[s1[0]] if s1[0] < len(s.row_lookups) else s.row_lookups[-1], s2[0])
        else:
            values = [step(row_at(s.rows, x), y) for x, y in product(_levels((k for k, _ in s.rows), s1),
                                                                   _levels(s.inner, s2))]
            low, high = min(values), max(values)
    elif s.per_ability:
        low = high = 0
        for v in readings[s.measures[0]].abilities:
            if v[0] == v[1]:
                points = _at(s.lookup, v[0])
                low, high = low + points, high + points
            else:
                lo, hi = _span(s.lookup, v)
                low, high = low + lo, high + hi
    else:
        span = readings[s.measures[0]].value
        low, high = (_at(s.lookup, span[0]),) * 2 if span[0] == span[1] else _span(s.lookup, span)
    if s.cap is not None:
        low, high = min(s.cap, low), min(s.cap, high)
    return low, high


def _kept_points(s: Step, readings: dict[str, Reading]) -> Points:
    """``step_points``, kept per step by the levels read (four abilities, two measures: a few lookups each)."""
    ms = s.measures
    key: Hashable = ((readings[ms[0]].abilities if s.per_ability else readings[ms[0]].value) if len(ms) == 1
                     else (readings[ms[0]].value, readings[ms[1]].value))
    found = s.kept.get(key)
    if found is None:
        if len(s.kept) >= KEPT:
            s.kept.clear()  # a batch of many distinct profiles must not keep every combination
        found = s.kept[key] = step_points(s, readings)
    return found


def score_plan(p: Plan, readings: dict[str, Reading]) -> Scored:
    """Every step, part and section of a plan for these readings, by the plan's compiled function (``_compiled``).

    (Until 2026-12-01 a second designation or spouse case scored again only the steps that differ from a previous
    score, each looked up by its levels: as many bytecodes as scoring the whole plan by its compiled function, and
    more machine instructions; docs/performance.md, CRS, seventh pass.)"""
    fresh = p.fresh
    if fresh is None:
        fresh = _compiled(p)
        object.__setattr__(p, "fresh", fresh)
    return fresh(readings)  # type: ignore[return-value]


def _compiled(p: Plan) -> Callable[[dict[str, Reading]], Scored]:
    """``score_plan`` of a plan without a previous score, as one function of the readings: every step, part and
    section written out, each measure's level read once. The code is written from the plan's shape alone: the
    measures' names, lookups and kept points are values the code names (no text of the rules is written into it),
    the steps' indexes and highest levels are numbers.

    A step read at exact levels is one index into its capped spans (a combined step's, by the first measure's level
    then the second's); other levels, and the abilities a per-ability step reads, are kept per step
    (``_kept_points``, its kept points looked at first without a call: ``s.kept`` is the same dict for the plan's
    life, cleared, not replaced). A step that does not apply in this case scores nothing. Most sections of most
    people add up the same points (no spouse, no additional points...): a section's parts and subtotal are kept by
    its steps' points.

    The function made also holds, as its attribute ``again``, the same score for other designations of the first
    official language (``score_again``): a function of the readings and the score of this plan for another
    designation, which scores again only the steps that read a designated language (``Plan.designated``) and the
    sections holding them, and takes every other step, part and section from that score."""
    fresh = _written(p, None)
    fresh.again = _written(p, frozenset(p.designated))  # type: ignore[attr-defined]
    return fresh


def _written(p: Plan, only: frozenset[int] | None) -> Callable[..., Scored]:
    """The code of ``_compiled``: every step (``only`` None), or only the steps ``only`` and the sections holding
    them, the others read from a previous score (the function's second argument)."""
    names: dict[str, object] = {"kp": _kept_points, "section": _section, "new": _new, "Scored": Scored,
                                "KEPT": KEPT, "NONE": NONE}
    if only is None:
        lines = ["def fresh(readings):"]
    else:
        # The previous score's steps, parts and sections (a ``Scored``'s fields by position: an exact tuple each).
        every = ", ".join(f"f{i}" for i in range(len(p.steps)))
        lines = ["def again(readings, previous):", "    _, _, factors, parts, sections = previous",
                 f"    {every}{',' if len(p.steps) == 1 else ''} = factors"]
    values: dict[str, str] = {}

    def value(m: str) -> str:
        """The local holding the level span of ``m`` (read once)."""
        if m not in values:
            values[m] = f"v{len(values)}"
            names[f"M{len(values)}"] = m  # the measure's name: a value the code names, not text written into it
            lines.append(f"    {values[m]} = readings[M{len(values)}].value")
        return values[m]

    done: set[int] = set()
    for i, m, spans, top, s in p.simple:
        done.add(i)
        if only is not None and i not in only:
            continue
        top = int(top)
        names[f"SP{i}"], names[f"ST{i}"], names[f"K{i}"] = spans, s, s.kept
        v = value(m)
        lines += [f"    level, high = {v}", "    if level == high:",
                  f"        f{i} = SP{i}[level] if level <= {top} else SP{i}[{top}]",
                  "    else:", f"        at = K{i}.get({v})",
                  f"        f{i} = at if at is not None else kp(ST{i}, readings)"]
    for i, m1, m2, rows, top, top2, s in p.combined:
        done.add(i)
        if only is not None and i not in only:
            continue
        top, top2 = int(top), int(top2)
        names[f"R{i}"], names[f"ST{i}"], names[f"K{i}"] = rows, s, s.kept
        v1, v2 = value(m1), value(m2)
        lines += [f"    level, high = {v1}", f"    inner, inner_high = {v2}",
                  "    if level == high and inner == inner_high:",
                  f"        row = R{i}[level] if level <= {top} else R{i}[{top}]",
                  f"        f{i} = row[inner] if inner <= {top2} else row[{top2}]",
                  "    else:", f"        at = K{i}.get(({v1}, {v2}))",
                  f"        f{i} = at if at is not None else kp(ST{i}, readings)"]
    for i, m, s in p.other:
        done.add(i)
        if only is not None and i not in only:
            continue
        names[f"K{i}"], names[f"ST{i}"] = s.kept, s
        # Per ability: kept by the four levels.
        names[f"MO{i}"] = m
        lines += [f"    at = K{i}.get(readings[MO{i}].abilities)",
                  f"    f{i} = at if at is not None else kp(ST{i}, readings)"]
    if only is None:
        for i in range(len(p.steps)):
            if i not in done:
                lines.append(f"    f{i} = NONE")  # a step that does not apply in this case scores nothing
    every = ", ".join(f"f{i}" for i in range(len(p.steps)))
    lines.append(f"    scored = ({every}{',' if len(p.steps) == 1 else ''})")
    low, high, part_names, section_names = [], [], [], []
    for si, (cut, shape, kept) in enumerate(p.adding):
        names[f"A{si}"], names[f"L{si}"] = kept, shape
        part_names.append(f"parts{si}")
        section_names.append(f"section{si}")
        low.append(f"section{si}[0]")
        high.append(f"section{si}[1]")
        steps = range(len(p.steps))[cut]
        if only is not None and not only.intersection(steps):
            # No step of the section scored again: the previous score's.
            lines.append(f"    parts{si}, section{si} = parts[{si}], sections[{si}]")
            continue
        if not done.intersection(steps):
            # No step of the section applies in this case (the spouse's, without a spouse): its parts and subtotal
            # are those of no points, added up once here.
            names[f"Z{si}"] = _section(shape, (NONE,) * len(p.steps))
            lines.append(f"    parts{si}, section{si} = Z{si}")
            continue
        key = ", ".join(f"f{i}" for i in steps)
        lines += [f"    key = ({key}{',' if len(steps) == 1 else ''})",
                  f"    found = A{si}.get(key)", "    if found is None:", f"        if len(A{si}) >= KEPT:",
                  f"            A{si}.clear()", f"        found = A{si}[key] = section(L{si}, scored)",
                  f"    parts{si}, section{si} = found"]
    lines.append(f"    return new(Scored, ({' + '.join(low) or '0'}, {' + '.join(high) or '0'}, scored, "
                 f"({', '.join(part_names)}{',' if len(part_names) == 1 else ''}), "
                 f"({', '.join(section_names)}{',' if len(section_names) == 1 else ''})))")
    exec(compile_code("\n".join(lines), "<ranking.score: a plan scored>" if only is None else
                      "<ranking.score: a plan scored again>"), names)
    built: Callable[..., Scored] = names["fresh" if only is None else "again"]  # type: ignore[assignment]
    return built


def score_again(p: Plan, readings: dict[str, Reading], previous: Scored) -> Scored:
    """``score_plan(p, readings)`` where ``previous`` is that plan's score of the same readings but those of the
    designated languages (``first_language``, ``first_language_all``, ``second_language``): the steps that read none
    of them, and the sections without such a step, are taken from ``previous``."""
    fresh = p.fresh
    if fresh is None:
        fresh = _compiled(p)
        object.__setattr__(p, "fresh", fresh)
    return fresh.again(readings, previous)  # type: ignore[attr-defined, no-any-return]


def _section(shape: tuple[int | None, tuple[PartLayout, ...]], factors: tuple[Points, ...]) -> tuple[tuple[Points, ...],
                                                                                                   Points]:
    """A section's parts and its subtotal, with every cap applied."""
    section_cap, layout = shape
    spans = []
    section_low = section_high = 0
    for part_cap, only, indexes in layout:
        if only >= 0:
            f = factors[only]  # one step, uncapped
        else:
            low = high = 0
            for i in indexes:
                f = factors[i]
                low += f[0]
                high += f[1]
            if part_cap is not None:
                low, high = (part_cap if low > part_cap else low), (part_cap if high > part_cap else high)
            f = (low, high)
        spans.append(f)
        section_low += f[0]
        section_high += f[1]
    if section_cap is not None:
        # Capped without ``min`` calls (each a builtin parsing its arguments).
        section_low = section_cap if section_low > section_cap else section_low
        section_high = section_cap if section_high > section_cap else section_high
    return tuple(spans), (section_low, section_high)


def widen(cases: list[Scored], differ: tuple[int, ...] | None = None) -> Scored:
    """One score spanning several possible cases (a spouse who may or may not count); ``differ``, when given, are
    the only steps whose points may differ between the cases (``differing``).

    Written for CPython's cheap bytecodes: no ``min``/``max`` call and no ``zip(strict=True)`` (a builtin called
    with a keyword parses it: they made this a tenth of a CRS score with a spouse who may count)."""
    first = cases[0]
    for other in cases[1:]:
        a, b = first.factors, other.factors
        if differ is None:
            factors = _widened(a, b)
        elif a == b:  # the steps that do not differ are the same objects: compared by identity
            factors = a
        else:
            spans = list(a)
            for i in differ:
                x, y = a[i], b[i]
                if x != y:
                    spans[i] = (x[0] if x[0] < y[0] else y[0], x[1] if x[1] > y[1] else y[1])
            factors = tuple(spans)
        low, high = other.low, other.high
        first = _new(Scored, (first.low if first.low < low else low, first.high if first.high > high else high,
                               factors, first.parts if first.parts == other.parts else
                               tuple([_widened(x, other.parts[si]) for si, x in enumerate(first.parts)]),
                               _widened(first.sections, other.sections)))
    return first


def _widened(a: tuple[Points, ...], b: tuple[Points, ...]) -> tuple[Points, ...]:
    """Each span of ``a`` widened to cover the same one of ``b`` (of the same length)."""
    if a == b:
        return a
    spans = list(a)
    for i, y in enumerate(b):
        x = spans[i]
        if x != y:
            spans[i] = (x[0] if x[0] < y[0] else y[0], x[1] if x[1] > y[1] else y[1])
    return tuple(spans)


def dominates(a: Scored, b: Scored) -> bool:
    """Whether ``a`` scores at least as much as ``b`` at both ends."""
    return a.low >= b.low and a.high >= b.high


def better(a: Scored, b: Scored) -> Scored:
    """The score of one case where either of two choices may be made (two designations of the first official
    language, two tests of a language) and the person makes the one that scores more: for every value of the
    unknown facts the higher of the two, so from the higher of the lows to the higher of the highs. One that
    dominates the other is that score; otherwise their factors, parts and sections span both."""
    if dominates(a, b):
        return a
    if dominates(b, a):
        return b
    both = widen([a, b])
    return _new(Scored, (a.low if a.low > b.low else b.low, a.high if a.high > b.high else b.high, both.factors,
                         both.parts, both.sections))


def better_each(found: Scored, choices: list[tuple[Scored, ...]]) -> Scored:
    """The score over the cases (the spouse counted or not) when each case is scored with its better choice:
    ``choices`` holds each choice's score per case, the one ``found`` spans first. ``found`` itself when that choice
    dominates every other in every case (the common case); else each case's ``better`` of all, widened over the
    cases (each case may choose differently, so the steps that differ are not known in advance)."""
    first = choices[0]
    if all(dominates(first[c], other[c]) for other in choices[1:] for c in range(len(first))):
        return found
    per_case = []
    for c in range(len(first)):
        best = first[c]
        for other in choices[1:]:
            best = better(best, other[c])
        per_case.append(best)
    return per_case[0] if len(per_case) == 1 else widen(per_case)
