"""Dated data that conditions refer to by id: points grids and amount tables."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from attrs import field, frozen

from eligibility.profile.model import EducationLevel
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


@frozen
class LanguagePoints(Record):
    """First official language: points per ability by CLB; second: flat points when every ability reaches a level."""

    id: str
    says: str
    first_language: dict[int, int]
    first_language_max: int
    second_language_min_level: int
    second_language_points: int
    max: int
    max_age_months: int
    kind: Literal["language_points"] = "language_points"
    citations: tuple[Citation, ...] = ()


@frozen
class EducationPoints(Record):
    """Points for the highest credential (Canadian, or foreign with a valid ECA)."""

    id: str
    says: str
    levels: dict[EducationLevel, int]
    max: int
    eca_max_age_months: int
    kind: Literal["education_points"] = "education_points"
    citations: tuple[Citation, ...] = ()


@frozen
class ExperiencePoints(Record):
    """Points by whole years (1,560 hours each) of full-time or equivalent skilled work in a window."""

    id: str
    says: str
    occupations: Occupations
    window_months: int
    years: dict[int, int]
    max: int
    kind: Literal["experience_points"] = "experience_points"
    citations: tuple[Citation, ...] = ()


@frozen
class AgePoints(Record):
    """Points by age in whole years; ages not listed score 0."""

    id: str
    says: str
    ages: dict[int, int]
    max: int
    kind: Literal["age_points"] = "age_points"
    citations: tuple[Citation, ...] = ()


@frozen
class ArrangedEmploymentPoints(Record):
    """Points for a job offer that meets the arranged-employment rules."""

    id: str
    says: str
    points: int
    arranged_employment: ArrangedEmployment
    max: int
    kind: Literal["arranged_employment_points"] = "arranged_employment_points"
    citations: tuple[Citation, ...] = ()


@frozen
class AdaptabilityPoints(Record):
    """Adaptability elements, each with its points, added up and capped at ``max``."""

    id: str
    says: str
    elements: dict[
        Literal[
            "spouse_language", "study_in_canada", "spouse_study_in_canada", "work_in_canada",
            "spouse_work_in_canada", "arranged_employment", "relative_in_canada",
        ],
        int,
    ]
    max: int
    spouse_language_min_level: int
    spouse_test_max_age_months: int
    study_in_canada_min_years: int
    work_in_canada_min_hours: float
    work_in_canada_occupations: Occupations
    arranged_employment: ArrangedEmployment
    kind: Literal["adaptability_points"] = "adaptability_points"
    citations: tuple[Citation, ...] = ()


Factor = (
    LanguagePoints | EducationPoints | ExperiencePoints | AgePoints | ArrangedEmploymentPoints
    | AdaptabilityPoints
)
FACTOR_KINDS: dict[str, type] = {
    "language_points": LanguagePoints, "education_points": EducationPoints,
    "experience_points": ExperiencePoints, "age_points": AgePoints,
    "arranged_employment_points": ArrangedEmploymentPoints, "adaptability_points": AdaptabilityPoints,
}


@frozen
class GridVersion(Record, Dated):
    """The factors of a grid over [valid_from, valid_to)."""

    valid_from: dt.date
    factors: tuple[Factor, ...]
    max: int
    valid_to: dt.date | None = None
    citations: tuple[Citation, ...] = ()


@frozen
class Grid(Record, Versioned[GridVersion]):
    """A named points grid held as data, with dated versions."""

    id: str
    title: str
    sources: tuple[Source, ...]
    versions: tuple[GridVersion, ...]
    confidence: Confidence = "official"
    reported_changes: tuple[ReportedChange, ...] = ()
    path: str = field(default="", eq=False)


@frozen
class AmountVersion(Record, Dated):
    """Amounts by family size over [valid_from, valid_to); sizes past the table add ``each_additional``."""

    valid_from: dt.date
    amounts: dict[int, float]
    each_additional: float
    valid_to: dt.date | None = None
    citations: tuple[Citation, ...] = ()
    confidence: Confidence | None = None
    note: str | None = None

    def amount_for(self, family_size: int) -> float:
        """The amount for a family of that size."""
        largest = max(self.amounts)
        if family_size <= largest:
            return self.amounts[max(1, family_size)]
        return self.amounts[largest] + (family_size - largest) * self.each_additional


@frozen
class AmountTable(Record, Versioned[AmountVersion]):
    """A dated table of amounts by family size (settlement funds)."""

    id: str
    title: str
    sources: tuple[Source, ...]
    versions: tuple[AmountVersion, ...]
    confidence: Confidence = "official"
    reported_changes: tuple[ReportedChange, ...] = ()
    path: str = field(default="", eq=False)
