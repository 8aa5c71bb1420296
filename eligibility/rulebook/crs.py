"""The CRS ruleset language: dated versions of sections, groups and factors, read from YAML.

A factor names a *measure* (a fact the package counts, such as ``age`` or ``first_language``) and
gives points by its level: ``points_by`` steps over one measure, ``per_ability`` adds the step of each
of the four language abilities, ``combined`` steps over two measures at once (education x language).
A table key is the lowest level earning its points; a level below every key earns 0. Tables that
differ with an accompanying spouse are written twice (``with_spouse`` / ``without_spouse``). Groups and
sections may carry a ``cap``; a section may apply ``only_with_spouse``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from attrs import field, frozen

from eligibility.record import Record
from eligibility.rulebook.model import (
    ArrangedEmployment,
    Citation,
    Confidence,
    Dated,
    Occupations,
    ReportedChange,
    Source,
    Versioned,
)

Measure = Literal[
    "age", "education", "first_language", "first_language_all", "second_language",
    "canadian_work_years", "foreign_work_years", "certificate_of_qualification", "provincial_nomination",
    "arranged_employment", "canadian_education", "sibling_in_canada", "french_all", "english_all",
    "spouse_education", "spouse_language", "spouse_canadian_work_years",
]
#: Measures read per language ability (reading, writing, listening, speaking).
PER_ABILITY: frozenset[str] = frozenset({"first_language", "second_language", "spouse_language"})
#: Measures whose levels are named, in increasing order; the others are whole numbers.
NAMED_LEVELS: dict[str, tuple[str, ...]] = {
    "education": ("none", "secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters",
                  "professional", "doctoral"),
    "arranged_employment": ("none", "other", "major_group_00"),
    "canadian_education": ("none", "one_or_two_years", "three_years_or_more"),
    "certificate_of_qualification": ("no", "yes"),
    "provincial_nomination": ("no", "yes"),
    "sibling_in_canada": ("no", "yes"),
}
NAMED_LEVELS["spouse_education"] = NAMED_LEVELS["education"]

Table = dict[str, int]
#: A NOC 2016 skill type (0, management) or skill level (A to D).
SkillLevel2016 = Literal["0", "A", "B", "C", "D"]


@frozen
class Stepped(Record):
    """The fields shared by the factors that step over one measure's level (with a table per spouse case)."""

    id: str
    says: str
    measure: Measure
    citations: tuple[Citation, ...]
    points: Table | None = None
    with_spouse: Table | None = None
    without_spouse: Table | None = None
    cap: int | None = None
    cap_with_spouse: int | None = None
    note: str | None = None


@frozen
class PointsBy(Stepped):
    """Points by the level of one measure."""

    kind: Literal["points_by"] = "points_by"


@frozen
class PerAbility(Stepped):
    """Points for each of the four abilities of a language measure, added up (then capped)."""

    kind: Literal["per_ability"] = "per_ability"


@frozen
class Combined(Record):
    """Points by the levels of two measures together: ``points: {level of the first: {level of the second: n}}``."""

    id: str
    says: str
    measures: tuple[Measure, Measure]
    points: dict[str, Table]
    citations: tuple[Citation, ...]
    kind: Literal["combined"] = "combined"
    cap: int | None = None
    note: str | None = None


Factor = PointsBy | PerAbility | Combined
FACTOR_KINDS: dict[str, type] = {"points_by": PointsBy, "per_ability": PerAbility, "combined": Combined}


@frozen
class Group(Record):
    """Factors whose points add up to at most ``cap`` (a skill-transferability group)."""

    id: str
    says: str
    cap: int
    factors: tuple[Factor, ...]
    kind: Literal["group"] = "group"
    citations: tuple[Citation, ...] = ()


Part = Factor | Group


@frozen
class Section(Record):
    """A block of the CRS (core, spouse, transferability, additional) with its parts and cap."""

    id: str
    says: str
    parts: tuple[Part, ...]
    cap: int | None = None
    only_with_spouse: bool = False
    citations: tuple[Citation, ...] = ()


@frozen
class StudyWaiver(Record):
    """Canadian-education points for a credential studied part-time (or by distance, or outside Canada) when any
    part of it was completed within [from_day, to_day] (IRCC's update of 2022-07-28: March 2020 to August 2022)."""

    from_day: dt.date
    to_day: dt.date


@frozen
class Counting(Record):
    """How a version counts the facts (Ministerial Instructions): how long results stay valid, the work
    window, which occupations are skilled, what makes an offer arranged employment, and the study waiver of
    Canadian education (when one applies).

    ``skilled_2016`` (the versions before NOC 2021 was adopted on 2022-11-16, SOR/2022-220): the NOC 2016 skill
    type and levels of skilled work and of a qualifying offer. When given, a job or an offer is read by its NOC 2016
    code (or the NOC 2016 unit groups its NOC 2021 code comes from) instead of by the TEER of ``skilled`` and of
    the offer's ``arranged_employment.occupations``."""

    test_valid_months: int
    eca_valid_months: int
    work_window_months: int
    skilled: Occupations
    arranged_employment: ArrangedEmployment
    study_waiver: StudyWaiver | None = None
    skilled_2016: tuple[SkillLevel2016, ...] | None = None


@frozen
class CrsVersion(Record, Dated):
    """The criteria over [valid_from, valid_to)."""

    valid_from: dt.date
    max: int
    counting: Counting
    sections: tuple[Section, ...]
    valid_to: dt.date | None = None
    changes: str | None = None
    confidence: Confidence = "official"
    note: str | None = None
    citations: tuple[Citation, ...] = ()


@frozen
class CrsRules(Record, Versioned[CrsVersion]):
    """A ranking system held as data (``rulesets/crs/crs.yaml``), with dated versions."""

    id: str
    title: str
    sources: tuple[Source, ...]
    versions: tuple[CrsVersion, ...]
    #: Blocks written once and reused through YAML anchors; read only where a version uses them.
    definitions: dict[str, Any] = field(factory=dict, eq=False)
    #: Changes reported but not confirmed: a caveat on every score on or after their date, never applied.
    reported_changes: tuple[ReportedChange, ...] = ()
    path: str = field(default="", eq=False)


def factors_of(part: Part) -> tuple[Factor, ...]:
    """The factors of a part: the group's factors, or the factor itself."""
    return part.factors if isinstance(part, Group) else (part,)


def table_for(factor: PointsBy | PerAbility, with_spouse: bool) -> Table:
    """The factor's table in that case (``points`` when it does not depend on the spouse)."""
    table = factor.points if factor.points is not None else (
        factor.with_spouse if with_spouse else factor.without_spouse)
    return table or {}


def cap_for(factor: Factor, with_spouse: bool) -> int | None:
    """The factor's own cap in that case."""
    if with_spouse and not isinstance(factor, Combined) and factor.cap_with_spouse is not None:
        return factor.cap_with_spouse
    return factor.cap


def level_index(measure: str, key: str) -> int:
    """A table key as a number on the measure's scale (the position of a named level)."""
    names = NAMED_LEVELS.get(measure)
    return names.index(key) if names is not None else int(key)
