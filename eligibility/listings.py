"""Which programs' occupation rules include a NOC code on a date, and since when, until when."""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import frozen

from eligibility.measure.occupations import matches
from eligibility.noc import noc_table
from eligibility.noc.show import Section
from eligibility.record import Record
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import (
    CertificateCondition,
    Composite,
    Condition,
    JobOfferCondition,
    Occupations,
    Program,
    Version,
    WorkExperienceCondition,
)
from eligibility.rulebook.tree import walk


@frozen
class Listing(Record):
    """A program whose rules include the code on the date, through which condition, over which span."""

    program: str
    title: str
    condition: str
    how: str
    since: dt.date
    until: dt.date | None


def _selectors(version: Version) -> list[tuple[str, Occupations, bool]]:
    """Each occupation selector of the version, with whether it sits under a "not" (an odd number of them): a
    code it selects is then excluded by the rules, not included (GTS Category A's offer on the talent list)."""
    out: list[tuple[str, Occupations, bool]] = []

    def visit(conditions: tuple[Condition, ...], negated: bool) -> None:
        for cond in conditions:
            if isinstance(cond, Composite):
                visit(cond.children, negated != (cond.op == "not"))
            elif (isinstance(cond, WorkExperienceCondition | JobOfferCondition | CertificateCondition)
                    and cond.occupations is not None):
                out.append((cond.id, cond.occupations, negated))

    visit(version.conditions, False)
    return out


def _how(occ: Occupations, code: str, negated: bool = False) -> str:
    if negated:
        return "excluded"
    if occ.codes and code in occ.codes:
        return "listed"
    if occ.groups and any(code.startswith(g) for g in occ.groups):
        return "by NOC group"
    # A selector naming no codes, groups or TEERs takes every occupation (GTS Category A's experience).
    return "by TEER" if occ.teer is not None else "any occupation"


def _includes(version: Version, code: str) -> list[tuple[str, str]]:
    if not version.in_force:
        return []
    return [(cid, _how(occ, code, negated)) for cid, occ, negated in _selectors(version) if matches(occ, code)]


def _span(program: Program, index: int, code: str) -> tuple[dt.date, dt.date | None]:
    versions = program.versions
    start = index
    while start > 0 and _includes(versions[start - 1], code):
        start -= 1
    end = index
    while end + 1 < len(versions) and _includes(versions[end + 1], code):
        end += 1
    return versions[start].valid_from, versions[end].valid_to


def occupation_programs(library: Library, code: str, day: dt.date) -> tuple[Listing, ...]:
    """Programs in force on ``day`` whose occupation conditions include ``code``."""
    out = []
    for pid in sorted(library.programs):
        program = library.programs[pid]
        version = program.version_on(day)
        if version is None:
            continue
        found = _includes(version, code)
        if not found:
            continue
        since, until = _span(program, program.versions.index(version), code)
        for cid, how in found:
            out.append(Listing(pid, program.title, cid, how, since, until))
    return tuple(out)


#: The programs whose skilled-work rules say which occupations Express Entry calls skilled.
EXPRESS_ENTRY = "express-entry/"


def express_entry_skilled(library: Library, code: str, day: dt.date) -> bool | None:
    """Whether the work_experience rules of an Express Entry program in force on ``day`` count ``code``; None when
    no Express Entry program has rules encoded for ``day`` (before NOC 2021 took effect on 2022-11-16, Express
    Entry ran on NOC 2016, which is not encoded: the answer is not known here, not "no").

    The rulesets say which occupations are skilled (TEER 0 to 3 since 16 November 2022); nothing here does.
    """
    encoded = False
    for pid, program in library.programs.items():
        version = program.version_on(day) if pid.startswith(EXPRESS_ENTRY) else None
        encoded = encoded or version is not None
        if version is not None and version.in_force and any(
                isinstance(c, WorkExperienceCondition) and matches(c.occupations, code)
                for c, _ in walk(version.conditions, "$")):
            return True
    return False if encoded else None


def skilled_words(skilled: bool | None) -> str:
    """``express_entry_skilled`` in words."""
    return {True: "yes", False: "no", None: "unknown: Express Entry's rules are encoded from 2022-11-16 (NOC 2021) "
                                            "and this date is before"}[skilled]


def occupation_data(library: Library, code: str, day: dt.date) -> dict[str, Any]:
    """The code, its TEER and what it opens on ``day``, as JSON-ready data."""
    from eligibility.converter import unstructure

    group = noc_table().get(code)
    return {"code": code, "title": group.title if group else None, "teer": group.teer if group else None,
            "as_of": day.isoformat(), "express_entry_skilled": express_entry_skilled(library, code, day),
            "programs": unstructure(occupation_programs(library, code, day))}


def occupation_text(library: Library, code: str, day: dt.date) -> str:
    """The same in words."""
    data = occupation_data(library, code, day)
    lines = [f"{code} {data['title']} (TEER {data['teer']}) on {day}",
             "  Express Entry skilled occupation (TEER 0-3): " + skilled_words(data["express_entry_skilled"])]
    listings = occupation_programs(library, code, day)
    if not listings:
        lines.append("  No program's occupation rules include it on this date.")
    for item in listings:
        what = (f"excluded by {item.condition} (a condition it must not meet)" if item.how == "excluded"
                else f"{item.how} in {item.condition}")
        lines.append(f"  {item.program}: {what} (since {item.since}, until {item.until or 'now'})")
    return "\n".join(lines)


def opens_section(library: Library, code: str, day: dt.date) -> Section:
    """A `noc show` section listing, for ``day``, the programs whose occupation rules include ``code``."""
    lines = occupation_text(library, code, day).splitlines()[1:]
    return Section(f"What {code} opens on {day}", tuple(line.strip() for line in lines))
