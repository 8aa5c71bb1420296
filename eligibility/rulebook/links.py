"""Typed references between conditions, resolved when a version loads.

A language condition's ``teer_from``, a certificate's or job offer's ``same_occupation_as`` and an education
condition's ``primary_occupation_from`` name a work_experience condition of the same version by id;
loading replaces the name with the condition itself, so that the evaluation reads that condition's
measure through a typed reference instead of looking an id up.
"""

from __future__ import annotations

from attrs import evolve

from eligibility.rulebook.model import (
    CertificateCondition,
    Composite,
    Condition,
    EducationCondition,
    JobOfferCondition,
    LanguageCondition,
    Program,
    Version,
    WorkExperienceCondition,
)
from eligibility.rulebook.tree import walk


def _linked(c: Condition, works: dict[str, WorkExperienceCondition]) -> Condition:
    if isinstance(c, Composite):
        return evolve(c, children=tuple(_linked(k, works) for k in c.children))
    if isinstance(c, LanguageCondition) and c.teer_from is not None:
        return evolve(c, teer_source=works.get(c.teer_from))
    if isinstance(c, (CertificateCondition, JobOfferCondition)) and c.same_occupation_as is not None:
        return evolve(c, trade_source=works.get(c.same_occupation_as))
    if isinstance(c, EducationCondition) and c.primary_occupation_from is not None:
        return evolve(c, primary_source=works.get(c.primary_occupation_from))
    return c


def link_version(version: Version) -> Version:
    """The version with every reference to a work_experience condition resolved (unknown ids stay None)."""
    works = {c.id: c for c, _ in walk(version.conditions, "") if isinstance(c, WorkExperienceCondition)}
    return evolve(version, conditions=tuple(_linked(c, works) for c in version.conditions))


def link_program(program: Program) -> Program:
    """The program with every version linked."""
    return evolve(program, versions=tuple(link_version(v) for v in program.versions))
