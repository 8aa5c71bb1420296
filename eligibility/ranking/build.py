"""The factors and sections of a CRS result, built from a score and the readings behind it.

What does not depend on the person (ids, words, maxima, citations) is worked out once per compiled
plans (``Layout``); results that depend only on points and plain words are kept and shared, since a
result is a frozen value.
"""

from __future__ import annotations

from collections.abc import Hashable

from attrs import field, frozen

from eligibility.ranking.reading import Reading
from eligibility.ranking.score import Plan, Points, Scored
from eligibility.result import CitationRef, FactorScore, PartScore, SectionScore
from eligibility.rulebook.crs import CrsRules
from eligibility.rulebook.model import Citation

#: Results kept per layout at most; a layout that reaches it starts again (a batch of many profiles).
KEPT = 4096
_CITED: dict[int, tuple[object, tuple[CitationRef, ...]]] = {}
_PLAIN = (str, int, type(None))


def cite(rules: CrsRules, owner: object, citations: tuple[Citation, ...]) -> tuple[CitationRef, ...]:
    """The citations of a factor or version resolved against the sources (cached per owner)."""
    hit = _CITED.get(id(owner))
    if hit is None or hit[0] is not owner:
        by_id = {s.id: s for s in rules.sources}
        hit = (owner, tuple(CitationRef(c.source, by_id[c.source].title, by_id[c.source].url, by_id[c.source].checked,
                                        by_id[c.source].confidence, c.at) for c in citations))
        _CITED[id(owner)] = hit
    return hit[1]


@frozen
class Layout:
    """What a result takes from the compiled plans of one spouse case (or two), worked out once per plans:
    each factor's id, section, words, maximum, citations, whether it applies and the measures it reads,
    and each section's words, maximum and parts.

    ``kept`` holds the factor and section results already built for these plans, by their points (and, for
    a factor, the plain words it observed): a result is a frozen value, so equal ones are one object.
    """

    factors: tuple[tuple[str, str, str, int, tuple[CitationRef, ...], bool, tuple[str, ...]], ...]
    sections: tuple[tuple[str, str, int, bool, int | None, tuple[tuple[str, int, int | None], ...]], ...]
    kept: dict[Hashable, FactorScore] = field(factory=dict, eq=False, repr=False)
    kept_sections: dict[Hashable, SectionScore] = field(factory=dict, eq=False, repr=False)
    kept_parts: dict[tuple[int, int, Points], PartScore] = field(factory=dict, eq=False, repr=False)


_LAYOUTS: dict[tuple[int, ...], tuple[tuple[Plan, ...], Layout]] = {}


def layout(rules: CrsRules, plans: tuple[Plan, ...]) -> Layout:
    """The static part of a result for these plans (plans live as long as their version: cached by identity)."""
    key = tuple(id(p) for p in plans)
    hit = _LAYOUTS.get(key)
    if hit is None or any(a is not b for a, b in zip(hit[0], plans, strict=True)):
        first = plans[0]
        factors = tuple((s.id, s.section, s.factor.says, max(p.steps[i].max for p in plans),
                         cite(rules, s.factor, s.factor.citations), any(p.steps[i].applies for p in plans),
                         s.measures) for i, s in enumerate(first.steps))
        sections = tuple((sp.id, sp.says, max(p.sections[si].max for p in plans),
                          any(p.sections[si].applies for p in plans), sp.cap,
                          tuple((part.id, max(p.sections[si].parts[pi].max for p in plans), part.cap)
                                for pi, part in enumerate(sp.parts)))
                         for si, sp in enumerate(first.sections))
        hit = _LAYOUTS[key] = (plans, Layout(factors, sections))
    return hit[1]


def _keep(shape: Layout, key: Hashable, value: FactorScore) -> FactorScore:
    if len(shape.kept) >= KEPT:
        shape.kept.clear()
    shape.kept[key] = value
    return value


def factor_scores(shape: Layout, scored: Scored, readings: dict[str, Reading]) -> tuple[tuple[FactorScore, ...],
                                                                                         tuple[str, ...]]:
    """Every factor's result (its points, maximum, what was seen, the evidence, what would settle it), and the
    profile paths that would settle the whole score, once each in the factors' order."""
    kept = shape.kept
    out: list[FactorScore] = []
    settled: list[str] = []
    for index, points in enumerate(scored.factors):
        fid, section, says, top, citations, applies, measures = shape.factors[index]
        if len(measures) != 1:
            found = _combined(shape.factors[index], points, readings)
            settled += found.settled_by
            out.append(found)
            continue
        low, high = points
        r = readings.get(measures[0])
        if r is None:
            # A factor that does not apply in this case reads nothing: its result depends on its points alone.
            key: Hashable = (index, points)
            found_kept = kept.get(key)
            out.append(found_kept if found_kept is not None else _keep(
                shape, key, FactorScore(fid, section, says, low, high, top, {}, (), citations, (), applies)))
            continue
        observed = r.observed
        if low != high and r.settle:
            settle = tuple(dict.fromkeys(r.settle))
            settled += settle
        else:
            settle = ()
        if not r.evidence and type(observed) in _PLAIN:
            # Nothing of the person but a plain word or number: kept by it (its type too: True is not 1).
            key = (index, points, type(observed), observed, settle)
            found_kept = kept.get(key)
            out.append(found_kept if found_kept is not None else _keep(
                shape, key, FactorScore(fid, section, says, low, high, top, {measures[0]: observed}, (), citations,
                                        settle, applies)))
        else:
            out.append(FactorScore(fid, section, says, low, high, top, {measures[0]: observed}, r.evidence,
                                   citations, settle, applies))
    return tuple(out), tuple(dict.fromkeys(settled))


def _combined(static: tuple[str, str, str, int, tuple[CitationRef, ...], bool, tuple[str, ...]], points: Points,
              readings: dict[str, Reading]) -> FactorScore:
    """A factor of several measures (education x language...): their readings' evidence one after the other."""
    fid, section, says, top, citations, applies, measures = static
    low, high = points
    if len(measures) == 2:
        m1, m2 = measures
        r1, r2 = readings.get(m1), readings.get(m2)
        if r1 is not None and r2 is not None:
            return FactorScore(fid, section, says, low, high, top, {m1: r1.observed, m2: r2.observed},
                               r1.evidence + r2.evidence if r2.evidence else r1.evidence, citations,
                               tuple(dict.fromkeys(r1.settle + r2.settle)) if low != high else (), applies)
    named = [(m, readings[m]) for m in measures if m in readings]
    return FactorScore(fid, section, says, low, high, top, {m: r.observed for m, r in named},
                       tuple(item for _, r in named for item in r.evidence), citations,
                       tuple(dict.fromkeys(p for _, r in named for p in r.settle)) if low != high else (), applies)


def section_scores(shape: Layout, scored: Scored) -> tuple[SectionScore, ...]:
    """Every section's result with its parts (kept by their points)."""
    out = []
    for si, (sid, says, top, applies, section_cap, parts) in enumerate(shape.sections):
        points, part_points = scored.sections[si], scored.parts[si]
        key = (si, points, part_points)
        found = shape.kept_sections.get(key)
        if found is None:
            if len(shape.kept_sections) >= KEPT:
                shape.kept_sections.clear()
            found = shape.kept_sections[key] = SectionScore(
                sid, says, *points, top, tuple(_part(shape, si, pi, part, part_points[pi])
                                               for pi, part in enumerate(parts)), applies, section_cap)
        out.append(found)
    return tuple(out)


def _part(shape: Layout, section: int, index: int, part: tuple[str, int, int | None], points: Points) -> PartScore:
    """A part's result, kept by its points (a section's other parts vary more than it does)."""
    key = (section, index, points)
    found = shape.kept_parts.get(key)
    if found is None:
        if len(shape.kept_parts) >= KEPT:
            shape.kept_parts.clear()
        pid, top, cap = part
        found = shape.kept_parts[key] = PartScore(pid, *points, top, cap)
    return found
