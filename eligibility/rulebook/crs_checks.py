"""Configure the ruleset converter for CRS rulesets, and check what types alone cannot."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from eligibility.converter import describe_value
from eligibility.errors import Problem
from eligibility.rulebook.crs import (
    FACTOR_KINDS,
    NAMED_LEVELS,
    PER_ABILITY,
    Combined,
    CrsRules,
    CrsVersion,
    Factor,
    Group,
    Part,
    PerAbility,
    PointsBy,
    cap_for,
    table_for,
)
from eligibility.suggest import did_you_mean

_PART_KINDS: dict[str, type] = {**FACTOR_KINDS, "group": Group}


def _tagged(conv: cattrs.Converter, kinds: dict[str, type], what: str) -> Any:
    def hook(data: Any, _: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError(f"expected a {what} (a mapping), found {describe_value(data)}")
        kind = str(data.get("kind"))
        cls = kinds.get(kind)
        if cls is None:
            raise ValueError(f"unknown {what} kind {data.get('kind')!r}{did_you_mean(kind, kinds)}; "
                             f"known kinds: {', '.join(sorted(kinds))}")
        return conv.structure(data, cls)

    return hook


def configure(conv: cattrs.Converter) -> cattrs.Converter:
    """Configure ``conv`` for CRS rulesets: factor and part kinds by ``kind``, versions' ``from`` / ``to``."""
    conv.register_structure_hook_func(lambda t: t == Factor, _tagged(conv, FACTOR_KINDS, "CRS factor"))
    conv.register_structure_hook_func(lambda t: t == Part, _tagged(conv, _PART_KINDS, "CRS factor or group"))
    conv.register_structure_hook(CrsVersion, make_dict_structure_fn(
        CrsVersion, conv, valid_from=override(rename="from"), valid_to=override(rename="to")))
    conv.register_unstructure_hook(CrsVersion, make_dict_unstructure_fn(
        CrsVersion, conv, valid_from=override(rename="from"), valid_to=override(rename="to")))
    return conv


def _keys(measure: str, keys: Iterable[str], src: str, path: str) -> Iterator[Problem]:
    names = NAMED_LEVELS.get(measure)
    for key in keys:
        if names is not None:
            if key not in names:
                yield Problem(src, f"{path}.{key}", f"expected a level of {measure} ({', '.join(names)}), "
                                                    f"found {key!r}{did_you_mean(key, names)}")
        elif not key.isdigit():
            yield Problem(src, f"{path}.{key}", f"expected a whole number (a level of {measure}), found {key!r}")
        elif measure in PER_ABILITY | {"first_language_all", "french_all", "english_all"} and int(key) > 10:
            yield Problem(src, f"{path}.{key}", f"expected a CLB / NCLC level from 0 to 10, found {key}")


def _factor(f: Factor, src: str, path: str, sources: set[str]) -> Iterator[Problem]:
    if not f.citations:
        yield Problem(src, f"{path}.citations", "every factor must cite its source; found none")
    for ci, cit in enumerate(f.citations):
        if cit.source not in sources:
            yield Problem(src, f"{path}.citations[{ci}].source", f"expected one of the sources "
                                                                 f"({', '.join(sorted(sources))}), found "
                                                                 f"{cit.source!r}{did_you_mean(cit.source, sources)}")
    if isinstance(f, Combined):
        first, second = f.measures
        for m in f.measures:
            if m in PER_ABILITY:
                yield Problem(src, f"{path}.measures", f"a combined factor takes single-level measures; {m} "
                                                       f"is per ability (use {m}_all where it exists)")
        yield from _keys(first, f.points, src, f"{path}.points")
        for key, row in f.points.items():
            yield from _keys(second, row, src, f"{path}.points.{key}")
        return
    if (f.points is None) == (f.with_spouse is None and f.without_spouse is None) or (
            f.points is None and (f.with_spouse is None or f.without_spouse is None)):
        yield Problem(src, path, "expected either points, or both with_spouse and without_spouse")
    per_ability = f.measure in PER_ABILITY
    if isinstance(f, PerAbility) and not per_ability:
        yield Problem(src, f"{path}.measure", f"per_ability needs a language measure "
                                              f"({', '.join(sorted(PER_ABILITY))}), found {f.measure!r}")
    if isinstance(f, PointsBy) and per_ability:
        yield Problem(src, f"{path}.kind", f"{f.measure} is read per ability: use kind per_ability")
    for key in ("points", "with_spouse", "without_spouse"):
        table = getattr(f, key)
        if table is not None:
            yield from _keys(f.measure, table, src, f"{path}.{key}")


_MAX: dict[tuple[int, bool], tuple[Part, int]] = {}


def part_max(part: Part, with_spouse: bool) -> int:
    """The most points a part can give in that case (its tables' best, within its caps)."""
    hit = _MAX.get((id(part), with_spouse))
    if hit is None or hit[0] is not part:
        hit = (part, _part_max(part, with_spouse))
        _MAX[(id(part), with_spouse)] = hit
    return hit[1]


def _part_max(part: Part, with_spouse: bool) -> int:
    if isinstance(part, Group):
        return min(part.cap, sum(part_max(f, with_spouse) for f in part.factors))
    if isinstance(part, Combined):
        best = max((max(row.values(), default=0) for row in part.points.values()), default=0)
    else:
        best = max(table_for(part, with_spouse).values(), default=0) * (4 if isinstance(part, PerAbility) else 1)
    cap = cap_for(part, with_spouse)
    return best if cap is None else min(cap, best)


def section_max(section: Any, with_spouse: bool) -> int:
    """The most points a section can give in that case."""
    if section.only_with_spouse and not with_spouse:
        return 0
    total = sum(part_max(p, with_spouse) for p in section.parts)
    return total if section.cap is None else min(section.cap, total)


def _again(ids: list[str]) -> str:
    """The ids written more than once, in their order, as a duplicate id of any ruleset is reported."""
    repeated = [i for n, i in enumerate(ids) if i in ids[:n]]
    return " and ".join(f"{i!r}" for i in dict.fromkeys(repeated)) + " again"


def check_crs(rules: CrsRules) -> Iterator[Problem]:
    """Dates, citations, table keys, and each version's maximum with and without a spouse."""
    from eligibility.rulebook.checks import _dated  # the checks of a program's versions (not needed to score)

    src = rules.path
    yield from _dated(rules.versions, src, "$.versions")
    sources = {s.id for s in rules.sources}
    for vi, v in enumerate(rules.versions):
        vpath = f"$.versions[{vi}]"
        ids = [s.id for s in v.sections]
        if len(set(ids)) != len(ids):
            yield Problem(src, f"{vpath}.sections", f"expected unique section ids, found {_again(ids)}")
        for si, section in enumerate(v.sections):
            spath = f"{vpath}.sections[{si}]"
            for pi, part in enumerate(section.parts):
                ppath = f"{spath}.parts[{pi}]"
                if isinstance(part, Group):
                    for fi, f in enumerate(part.factors):
                        yield from _factor(f, src, f"{ppath}.factors[{fi}]", sources)
                else:
                    yield from _factor(part, src, ppath, sources)
            part_ids = [p.id for p in section.parts]
            if len(set(part_ids)) != len(part_ids):
                yield Problem(src, f"{spath}.parts", f"expected unique part ids, found {_again(part_ids)}")
        for with_spouse in (False, True):
            total = sum(section_max(s, with_spouse) for s in v.sections)
            if total != v.max:
                case = "with" if with_spouse else "without"
                yield Problem(src, f"{vpath}.max", f"expected the sections' maxima {case} a spouse to add up to "
                                                   f"max {v.max}, found {total}")
