"""The factors and sections of a CRS result, built from a score and the readings behind it.

What does not depend on the person (ids, words, maxima, citations) is worked out once per compiled
plans (``Layout``); results that depend only on points and plain words are kept and shared, since a
result is a frozen value.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from operator import is_

import attrs
from attrs import field, frozen

from eligibility.codecache import compile_code
from eligibility.ranking.measures import LANGUAGE
from eligibility.ranking.reading import Reading
from eligibility.ranking.score import Plan, Points, Scored
from eligibility.record import Record
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


#: A factor's static part: its index, id, section, words, maximum, citations, whether it applies in some case, and
#: the measure(s) it reads (the second None for a factor of one measure).
Static = tuple[int, str, str, str, int, tuple[CitationRef, ...], bool, str, str | None]


@frozen
class Layout(Record):
    """What a result takes from the compiled plans of one spouse case (or two), worked out once per plans:
    each factor's id, section, words, maximum, citations, whether it applies and the measures it reads,
    and each section's words, maximum and parts.

    ``kept`` holds the factor and section results already built for these plans, by their points (and, for
    a factor, the plain words it observed): a result is a frozen value, so equal ones are one object.
    """

    factors: tuple[Static, ...]
    sections: tuple[tuple[str, str, int, bool, int | None, tuple[tuple[str, int, int | None], ...]], ...]
    kept: dict[Hashable, FactorScore] = field(factory=dict, eq=False, repr=False)
    kept_sections: dict[Hashable, SectionScore] = field(factory=dict, eq=False, repr=False)
    kept_parts: dict[tuple[int, int, Points], PartScore] = field(factory=dict, eq=False, repr=False)
    kept_all: dict[Hashable, tuple[SectionScore, ...]] = field(factory=dict, eq=False, repr=False)
    #: ``factor_scores`` compiled for these plans (``_compiled``): None until first used.
    build: Callable[[tuple[Points, ...], dict[str, Reading], dict[Hashable, FactorScore]],
                    tuple[tuple[FactorScore, ...], list[str]]] | None = field(default=None, eq=False, repr=False)
    #: The measures a score's readings hold for these plans: those their applying steps read, and the languages.
    present: frozenset[str] = field(default=frozenset(), eq=False, repr=False)


_LAYOUTS: dict[tuple[int, ...], tuple[tuple[Plan, ...], Layout]] = {}


#: Layouts by the tuple of plans itself (a score's plans are one kept tuple per version and spouse case): found
#: without a key made of the plans' ids.
_BY_PLANS: dict[int, tuple[tuple[Plan, ...], Layout]] = {}


def layout(rules: CrsRules, plans: tuple[Plan, ...]) -> Layout:
    """The static part of a result for these plans (plans live as long as their version: cached by identity)."""
    hit = _BY_PLANS.get(id(plans))
    if hit is not None and hit[0] is plans:
        return hit[1]
    found = _layout(rules, plans)
    if len(_BY_PLANS) >= 64:
        _BY_PLANS.clear()  # tuples made by callers other than a score's: not kept alive one by one
    _BY_PLANS[id(plans)] = (plans, found)
    return found


def _layout(rules: CrsRules, plans: tuple[Plan, ...]) -> Layout:
    key = tuple(map(id, plans))
    hit = _LAYOUTS.get(key)
    if hit is None or not all(map(is_, hit[0], plans)):
        first = plans[0]
        for s in first.steps:
            if not 1 <= len(s.measures) <= 2:
                raise ValueError(f"{s.id}: expected a factor of one or two measures, found {len(s.measures)}")
        factors = tuple((i, s.id, s.section, s.factor.says, max(p.steps[i].max for p in plans),
                         cite(rules, s.factor, s.factor.citations), any(p.steps[i].applies for p in plans),
                         s.measures[0], s.measures[1] if len(s.measures) == 2 else None)
                        for i, s in enumerate(first.steps))
        sections = tuple((sp.id, sp.says, max(p.sections[si].max for p in plans),
                          any(p.sections[si].applies for p in plans), sp.cap,
                          tuple((part.id, max(p.sections[si].parts[pi].max for p in plans), part.cap)
                                for pi, part in enumerate(sp.parts)))
                         for si, sp in enumerate(first.sections))
        present = frozenset({m for p in plans for m in p.measures} | LANGUAGE)
        hit = _LAYOUTS[key] = (plans, Layout(factors, sections, present=present))
    return hit[1]


def factor_scores(shape: Layout, scored: Scored, readings: dict[str, Reading]) -> tuple[tuple[FactorScore, ...],
                                                                                         tuple[str, ...]]:
    """Every factor's result (its points, maximum, what was seen, the evidence, what would settle it), and the
    profile paths that would settle the whole score, once each in the factors' order.

    A factor that reads nothing (it does not apply in this case), or only plain words or numbers without evidence,
    is kept by its points and those words (its type too: True is not 1); the others are built. A reading names
    each path that would settle it once. The work is a function compiled once per layout (``_compiled``): each
    factor's words, maximum, citations and measures are constants of its code, without a loop over the factors.
    """
    kept = shape.kept
    if len(kept) >= KEPT:
        kept.clear()  # a batch of many profiles must not keep every combination
    build = shape.build
    if build is None:
        build = _compiled(shape)
        object.__setattr__(shape, "build", build)
    found, settled = build(scored.factors, readings, kept)
    return found, tuple(dict.fromkeys(settled)) if settled else ()


def _compiled(shape: Layout) -> Callable[[tuple[Points, ...], dict[str, Reading], dict[Hashable, FactorScore]],
                                         tuple[tuple[FactorScore, ...], list[str]]]:
    """The factors' results of a layout as one function of the points, the readings and the results kept: the
    code of ``factor_scores`` written out per factor, without a loop over the factors.

    The code is written from the layout's shape alone: each factor's words, measures and citations are values the
    code names (no text of the rules is written into it), its index, maximum and whether it applies are numbers.
    A measure that the layout's plans do not read is known absent here: a factor of it reads nothing (kept by its
    points), a factor of two of which one is absent is built by ``_combined``. A factor that carries evidence is
    built as attrs' ``__init__`` would, without calling it: the instance made and its dict set whole, in the order
    of its fields (CPython 3.11 calls a class with a Python ``__init__`` through its generic path)."""
    names: dict[str, object] = {"FS": FactorScore, "PLAIN": _PLAIN, "combined": _combined,
                                "new": object.__new__, "setd": object.__setattr__, "NONE": (0, 0)}
    lines = ["def build(points, readings, kept):", "    settled = []", "    get = kept.get"]
    # Each measure the factors read, read once (several factors read the same one: education, the first official
    # language, the years of work): its reading, what was seen, its evidence, and whether it is plain (no evidence,
    # plain words or a number: a factor of it is kept by those words). A named tuple's field read costs about 200
    # machine instructions in CPython 3.11 (not specialised); the paths that settle it are read only where the
    # factor's points span a range.
    local: dict[str, int] = {}
    for static in shape.factors:
        for m in static[7:]:
            if m is not None and m in shape.present and m not in local:
                k = local[m] = len(local)
                names[f"M{k}"] = m
                lines += [f"    r{k} = readings[M{k}]", f"    o{k} = r{k}.observed", f"    e{k} = r{k}.evidence",
                          f"    plain{k} = not e{k} and type(o{k}) in PLAIN"]
    out = []
    for i, static in enumerate(shape.factors):
        _, fid, section, says, top, citations, applies, m1, m2 = static
        names.update({f"S{i}": static, f"C{i}": citations, f"MA{i}": m1, f"MB{i}": m2})
        # The factor's dict copied from one holding its fields in order, those of the layout already set (a dict
        # copied whole is cloned, keys and all; one made from a display inserts its items one by one).
        names[f"T{i}"] = {"id": fid, "section": section, "says": says, "low": 0, "high": 0, "max": int(top),
                          "observed": {}, "evidence": (), "citations": citations, "settled_by": (),
                          "applies": bool(applies)}

        def made(observed: str, evidence: str, settle: str = "settle", at: str = "f", indent: str = "        ",
                 i: int = i) -> list[str]:
            """The lines that make factor ``i`` as attrs' ``__init__`` would, into ``at``."""
            return [f"{indent}d = T{i}.copy()", f"{indent}d['low'] = low", f"{indent}d['high'] = high",
                    f"{indent}d['observed'] = {observed}",
                    *([f"{indent}d['evidence'] = {evidence}"] if evidence != "()" else []),
                    *([f"{indent}d['settled_by'] = {settle}"] if settle != "()" else []),
                    f"{indent}{at} = new(FS)", f"{indent}setd({at}, '__dict__', d)"]
        if m2 is None and m1 not in shape.present:
            # Reads nothing in this case: depends on its points alone. No plan of the layout applies it (its measure
            # is read by no applying step), so its points are none, and its result is made once here; other points
            # (none is expected) are kept by their points.
            names[f"Z{i}"] = FactorScore(fid, section, says, 0, 0, int(top), {}, (), citations, (), bool(applies))
            lines += [f"    if points[{i}] == NONE:", f"        f{i} = Z{i}", "    else:",
                      f"        key = ({i}, points[{i}])", "        f = get(key)", "        if f is None:",
                      "            low, high = key[1]", *made("{}", "()", "()", "f", "            "),
                      "            kept[key] = f", f"        f{i} = f"]
        elif m2 is None:
            k = local[m1]
            lines += [f"    p = points[{i}]", "    low, high = p",
                      f"    if low != high and r{k}.settle:", f"        settle = r{k}.settle",
                      "        settled += settle",
                      "    else:", "        settle = ()",
                      f"    if plain{k}:",
                      f"        key = ({i}, p, type(o{k}), o{k}, settle)", "        f = get(key)",
                      "        if f is None:", *made(f"{{MA{i}: o{k}}}", "()", "settle", "f", "            "),
                      "            kept[key] = f",
                      f"        f{i} = f", "    else:",
                      *made(f"{{MA{i}: o{k}}}", f"e{k}", "settle", f"f{i}")]
        elif m1 not in shape.present or m2 not in shape.present:
            r1 = f"r{local[m1]}" if m1 in shape.present else "None"
            r2 = f"r{local[m2]}" if m2 in shape.present else "None"
            lines += [f"    f = combined(S{i}, points[{i}], {r1}, {r2})", "    settled += f.settled_by",
                      f"    f{i} = f"]
        else:
            a, b = local[m1], local[m2]
            lines += [f"    p = points[{i}]", "    low, high = p",
                      f"    if low != high and (r{a}.settle or r{b}.settle):",
                      f"        settle = tuple(dict.fromkeys(r{a}.settle + r{b}.settle))",
                      "        settled += settle", "    else:", "        settle = ()",
                      f"    if plain{a} and plain{b}:",
                      f"        key = ({i}, p, type(o{a}), o{a}, type(o{b}), o{b}, settle)", "        f = get(key)",
                      "        if f is None:",
                      *made(f"{{MA{i}: o{a}, MB{i}: o{b}}}", "()", "settle", "f", "            "),
                      "            kept[key] = f",
                      f"        f{i} = f", "    else:",
                      *made(f"{{MA{i}: o{a}, MB{i}: o{b}}}", f"e{a} + e{b} if e{b} else e{a}", "settle", f"f{i}")]
        out.append(f"f{i}")
    lines.append(f"    return ({', '.join(out)}{',' if len(out) == 1 else ''}), settled")
    exec(compile_code("\n".join(lines), "<ranking.build: factors of a layout>"), names)
    built: Callable[[tuple[Points, ...], dict[str, Reading], dict[Hashable, FactorScore]],
                    tuple[tuple[FactorScore, ...], list[str]]] = names["build"]  # type: ignore[assignment]
    return built


# The generated code sets a factor's dict in the order of its fields, as attrs' ``__init__`` does.
if tuple(a.name for a in attrs.fields(FactorScore)) != (
        "id", "section", "says", "low", "high", "max", "observed", "evidence", "citations", "settled_by", "applies"):
    raise ImportError("FactorScore's fields changed: ranking.build._compiled writes them in order")


def _combined(static: Static, points: Points, r1: Reading | None, r2: Reading | None) -> FactorScore:
    """A factor of two measures, one of which is not read in this case: the evidence of the one read."""
    _, fid, section, says, top, citations, applies, m1, m2 = static
    low, high = points
    named = [(m, r) for m, r in ((m1, r1), (m2, r2)) if m is not None and r is not None]
    return FactorScore(fid, section, says, low, high, top, {m: r.observed for m, r in named},
                       tuple(item for _, r in named for item in r.evidence), citations,
                       tuple(dict.fromkeys(p for _, r in named for p in r.settle)) if low != high else (), applies)


def section_scores(shape: Layout, scored: Scored) -> tuple[SectionScore, ...]:
    """Every section's result with its parts (kept by their points, and all of them by all their points)."""
    key = (scored.sections, scored.parts)
    found = shape.kept_all.get(key)
    if found is None:
        if len(shape.kept_all) >= KEPT:
            shape.kept_all.clear()
        found = shape.kept_all[key] = _sections(shape, scored)
    return found


def _sections(shape: Layout, scored: Scored) -> tuple[SectionScore, ...]:
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
