"""Checks a loaded rules library must pass: dates, references, NOC codes, citations, dependencies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from eligibility.errors import Problem
from eligibility.noc import noc_table
from eligibility.rulebook.bounds import bound_problems
from eligibility.rulebook.model import (
    CertificateCondition,
    Composite,
    Condition,
    EducationCondition,
    FundsCondition,
    JobOfferCondition,
    LanguageCondition,
    Occupations,
    PointsCondition,
    Program,
    ProgramCondition,
    ReportedChange,
    Source,
    WorkExperienceCondition,
)
from eligibility.rulebook.tables import AmountTable, Grid
from eligibility.rulebook.tree import dependencies as dependencies
from eligibility.rulebook.tree import evaluation_order as evaluation_order
from eligibility.rulebook.tree import walk as walk
from eligibility.suggest import did_you_mean, did_you_mean_any


class Library(Protocol):
    """What the checks read of a library (``rulebook.library.Library`` has it; no import of it, no cycle)."""

    @property
    def programs(self) -> dict[str, Program]:
        """Programs by id."""
        ...

    @property
    def grids(self) -> dict[str, Grid]:
        """Grids by id."""
        ...

    @property
    def tables(self) -> dict[str, AmountTable]:
        """Amount tables by id."""
        ...

    @property
    def root(self) -> str:
        """The rules folder."""
        ...


def _dated(items: Sequence[Any], source: str, path: str) -> Iterator[Problem]:
    """Versions in date order, each [from, to) non-empty, each starting where the previous ended."""
    if not items:
        yield Problem(source, path, "expected at least one version, found none")
        return
    for i, v in enumerate(items):
        if v.valid_to is not None and v.valid_to <= v.valid_from:
            yield Problem(source, f"{path}[{i}].to", f"expected a date after from {v.valid_from}, found {v.valid_to}")
        if i + 1 < len(items):
            nxt = items[i + 1]
            if v.valid_to is None:
                yield Problem(source, f"{path}[{i}].to", f"only the last version may be open-ended; "
                                                         f"the next version starts {nxt.valid_from}")
            elif nxt.valid_from < v.valid_to:
                yield Problem(source, f"{path}[{i + 1}].from", f"overlaps the previous version, which runs "
                                                               f"to {v.valid_to}; found from {nxt.valid_from}")
            elif nxt.valid_from > v.valid_to:
                yield Problem(source, f"{path}[{i + 1}].from",
                              f"leaves a gap after the previous version ends {v.valid_to}; expected from "
                              f"{v.valid_to}, found {nxt.valid_from} (encode a gap as a version with "
                              f"in_force: false)")


def _occupations(occ: Occupations | None, source: str, path: str) -> Iterator[Problem]:
    if occ is None:
        return
    table = noc_table()
    for i, code in enumerate(occ.codes or ()):
        if code != code.strip() or code not in table:
            tip = did_you_mean_any(table.suggest(code))
            yield Problem(source, f"{path}.codes[{i}]", f"expected a NOC 2021 unit group code, found {code!r}{tip}")
    for key, prefixes in (("groups", occ.groups or ()), ("exclude", occ.exclude)):
        for i, prefix in enumerate(prefixes):
            if table.group_title(prefix) is None:
                yield Problem(source, f"{path}.{key}[{i}]", f"expected a NOC 2021 group code, found {prefix!r}")
    for i, teer in enumerate(occ.teer or ()):
        if teer not in range(6):
            yield Problem(source, f"{path}.teer[{i}]", f"expected a TEER from 0 to 5, found {teer}")


def _spans(v: Any) -> tuple[dt.date, dt.date | None]:
    return v.valid_from, v.valid_to


def _covered(outer: tuple[dt.date, dt.date | None], inner: Sequence[Any]) -> bool:
    """True when the dated ``inner`` versions cover the whole ``outer`` period."""
    start, end = outer
    day = start
    for v in inner:
        if v.valid_from <= day and (v.valid_to is None or v.valid_to > day):
            if v.valid_to is None:
                return True
            day = v.valid_to
            if end is not None and day >= end:
                return True
    return False


def _program(p: Program, lib: Library) -> Iterator[Problem]:
    src = p.path
    yield from _dated(p.versions, src, "$.versions")
    # A program cannot start after rules of it are in force: such an `established` would never be read.
    if p.established is not None and p.versions and p.established > p.versions[0].valid_from:
        yield Problem(src, "$.established", f"expected a date on or before the first version's from "
                                            f"{p.versions[0].valid_from}, found {p.established}")
    source_ids = {s.id for s in p.sources}
    for vi, version in enumerate(p.versions):
        vpath = f"$.versions[{vi}]"
        if version.in_force and not version.conditions:
            yield Problem(src, f"{vpath}.conditions", "a version in force needs at least one condition")
        ids: dict[str, Condition] = {}
        for cond, path in walk(version.conditions, f"{vpath}.conditions"):
            if cond.id in ids:
                yield Problem(src, f"{path}.id",
                              f"expected a condition id unique in its version, found {cond.id!r} again")
            ids[cond.id] = cond
            if not isinstance(cond, Composite) and not cond.citations:
                yield Problem(src, f"{path}.citations", "every condition must cite its source; found none")
            for ci, cit in enumerate(cond.citations):
                if cit.source not in source_ids:
                    yield Problem(src, f"{path}.citations[{ci}].source",
                                  f"expected one of the program's sources ({', '.join(sorted(source_ids))}), "
                                  f"found {cit.source!r}{did_you_mean(cit.source, source_ids)}")
            if isinstance(cond, Composite) and cond.op == "at_least" and not (
                    cond.n is not None and 1 <= cond.n <= len(cond.children)):
                yield Problem(src, f"{path}.at_least",
                              f"expected a number from 1 to {len(cond.children)}, found {cond.n}")
            if isinstance(cond, WorkExperienceCondition | JobOfferCondition | CertificateCondition):
                yield from _occupations(cond.occupations, src, f"{path}.occupations")
            if isinstance(cond, WorkExperienceCondition) and cond.publicly_funded_self_employment is not None:
                if "self_employed" not in cond.exclude:
                    yield Problem(src, f"{path}.publicly_funded_self_employment",
                                  "expected only beside exclude: [self_employed] (it lifts that exclusion), "
                                  "found it without")
                yield from _occupations(cond.publicly_funded_self_employment, src,
                                        f"{path}.publicly_funded_self_employment")
            if isinstance(cond, JobOfferCondition):
                for code in cond.wage_floors_hourly or {}:
                    if code not in noc_table():
                        yield Problem(src, f"{path}.wage_floors_hourly.{code}",
                                      f"expected a NOC 2021 unit group code, found {code!r}")
                if cond.exempt_from_current_employer is not None and "exempt" not in (cond.lmia or ()):
                    # The rule would never be read: no LMIA-exempt offer is allowed.
                    yield Problem(src, f"{path}.exempt_from_current_employer", "expected lmia to allow exempt "
                                  f"offers, found lmia {list(cond.lmia) if cond.lmia is not None else None}")
            if isinstance(cond, EducationCondition) and cond.foreign_needs_eca and cond.eca_max_age_months is None:
                yield Problem(src, f"{path}.eca_max_age_months", "foreign_needs_eca needs eca_max_age_months: "
                                                                 "how long an ECA counts, from the law")
            if isinstance(cond, LanguageCondition):
                if (cond.minimum is None) == (cond.minimum_by_teer is None):
                    yield Problem(src, path, "expected exactly one of minimum or minimum_by_teer")
                if cond.minimum_by_teer == {}:
                    # No minimum could ever apply: the condition would stay unknown whatever the tests.
                    yield Problem(src, f"{path}.minimum_by_teer", "expected a minimum for at least one TEER, "
                                                                 "found none")
                if cond.minimum_by_teer is not None and cond.teer_from is None:
                    yield Problem(src, f"{path}.teer_from", "minimum_by_teer needs teer_from: the id of a "
                                                            "work_experience condition of this version")
                elif cond.minimum is None and cond.minimum_by_teer and cond.teer_from is not None:
                    # Every TEER the referenced work counts needs its minimum (when that work names its TEERs):
                    # the main occupation may be of any of them, and a TEER without one could never be decided.
                    work = ids.get(cond.teer_from)
                    teers = work.occupations.teer if isinstance(work, WorkExperienceCondition) else None
                    missing = [t for t in teers or () if t not in cond.minimum_by_teer]
                    if teers and missing:
                        yield Problem(src, f"{path}.minimum_by_teer", f"expected a minimum for every TEER that "
                                      f"{cond.teer_from!r} counts ({', '.join(map(str, teers))}), found none for "
                                      f"TEER {', '.join(map(str, missing))}")
            if isinstance(cond, EducationCondition):
                for bi, body in enumerate(cond.designated_bodies):
                    yield from _occupations(body.occupations, src, f"{path}.designated_bodies[{bi}].occupations")
                if bool(cond.designated_bodies) != (cond.primary_occupation_from is not None):
                    yield Problem(src, path, "expected designated_bodies and primary_occupation_from together "
                                             "(the bodies apply to the primary occupation of a work_experience "
                                             "condition of this version)")
            ref = (getattr(cond, "teer_from", None) or getattr(cond, "same_occupation_as", None)
                   or getattr(cond, "primary_occupation_from", None))
            if ref is not None and not isinstance(ids.get(ref), WorkExperienceCondition):
                yield Problem(src, path, f"expected {ref!r} to be the id of a work_experience condition "
                                         f"earlier in this version{did_you_mean(ref, ids)}")
            if isinstance(cond, PointsCondition):
                grid = lib.grids.get(cond.grid)
                if grid is None:
                    yield Problem(src, f"{path}.grid",
                                  f"unknown grid {cond.grid!r}{did_you_mean(cond.grid, lib.grids)}")
                elif not _covered(_spans(version), grid.versions):
                    yield Problem(src, f"{path}.grid", f"grid {cond.grid!r} has no version for part of "
                                                       f"{version.valid_from} to {version.valid_to or 'open end'}")
            if isinstance(cond, FundsCondition):
                table = lib.tables.get(cond.table)
                if table is None:
                    yield Problem(src, f"{path}.table",
                                  f"unknown table {cond.table!r}{did_you_mean(cond.table, lib.tables)}")
                elif not _covered(_spans(version), table.versions):
                    yield Problem(src, f"{path}.table", f"table {cond.table!r} has no version for part of "
                                                         f"{version.valid_from} to {version.valid_to or 'open end'}")
            if isinstance(cond, ProgramCondition):
                for pi, other in enumerate(cond.any_of):
                    if other not in lib.programs:
                        yield Problem(src, f"{path}.any_of[{pi}]",
                                      f"unknown program {other!r}{did_you_mean(other, lib.programs)}")


def reported_change_problems(changes: Sequence[ReportedChange], sources: Sequence[Source],
                             src: str) -> Iterator[Problem]:
    """A reported change must cite at least one of the ruleset's own sources, and only those."""
    source_ids = {s.id for s in sources}
    for i, change in enumerate(changes):
        if not change.sources:
            yield Problem(src, f"$.reported_changes[{i}].sources", "expected at least one source id, found none")
        for j, sid in enumerate(change.sources):
            if sid not in source_ids:
                yield Problem(src, f"$.reported_changes[{i}].sources[{j}]",
                              f"expected one of the ruleset's sources ({', '.join(sorted(source_ids))}), "
                              f"found {sid!r}{did_you_mean(sid, source_ids)}")


def check_library(lib: Library) -> Iterator[Problem]:
    """Every problem of a loaded library, file by file, then across files."""
    for p in lib.programs.values():
        yield from _program(p, lib)
        yield from reported_change_problems(p.reported_changes, p.sources, p.path)
        yield from bound_problems(p, p.path)
    for g in lib.grids.values():
        yield from _dated(g.versions, g.path, "$.versions")
        yield from reported_change_problems(g.reported_changes, g.sources, g.path)
        yield from bound_problems(g, g.path)
    for t in lib.tables.values():
        yield from _dated(t.versions, t.path, "$.versions")
        yield from reported_change_problems(t.reported_changes, t.sources, t.path)
        yield from bound_problems(t, t.path)
    try:
        evaluation_order(lib.programs)
    except ValueError as exc:
        yield Problem(lib.root, "$", str(exc))
