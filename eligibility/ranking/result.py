"""The CRS result: plain typed data that renderers format and never reach behind."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from attrs import frozen

from eligibility.result import Caveat, CitationRef, Receipt


@frozen
class FactorScore:
    """One factor: its points (``low`` = ``high`` when exact), maximum, what was seen and the evidence."""

    id: str
    section: str
    says: str
    low: int
    high: int
    max: int
    observed: dict[str, Any]
    evidence: tuple[dict[str, Any], ...] = ()
    citations: tuple[CitationRef, ...] = ()
    settled_by: tuple[str, ...] = ()
    applies: bool = True

    @property
    def points(self) -> int | None:
        """The exact points, or None when unknown facts leave a range."""
        return self.low if self.low == self.high else None


@frozen
class PartScore:
    """A part of a section: a factor, or a group of factors after its cap."""

    id: str
    low: int
    high: int
    max: int
    cap: int | None = None


@frozen
class SectionScore:
    """A block of the CRS with its subtotal (after its cap) and its parts."""

    id: str
    says: str
    low: int
    high: int
    max: int
    parts: tuple[PartScore, ...]
    applies: bool = True
    cap: int | None = None


@frozen
class CrsVersionRef:
    """The period [valid_from, valid_to) of the criteria applied, and what changed on its first day."""

    valid_from: dt.date
    valid_to: dt.date | None
    changes: str | None = None


@frozen
class Designation:
    """Which official language was scored as first, and whether the profile said so or the best was chosen."""

    language: Literal["english", "french"]
    stated: bool
    why: str


@frozen
class CrsResult:
    """A CRS score on one date: a single number when every fact is known, else the range low..high."""

    as_of: dt.date
    status: Literal["scored", "not_encoded"]
    message: str
    low: int | None
    high: int | None
    max: int | None
    with_spouse: bool | None
    spouse: str
    first_official_language: Designation | None
    version: CrsVersionRef | None
    sections: tuple[SectionScore, ...]
    factors: tuple[FactorScore, ...]
    settled_by: tuple[str, ...]
    caveats: tuple[Caveat, ...]
    receipt: Receipt
    profile_name: str | None = None

    @property
    def total(self) -> int | None:
        """The score when it is exact, else None (see ``low`` and ``high``)."""
        return self.low if self.low is not None and self.low == self.high else None

    def section(self, section_id: str) -> SectionScore:
        """The section with that id (KeyError when absent)."""
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def factor(self, factor_id: str) -> FactorScore:
        """The factor with that id, e.g. ``core.age`` or ``transferability.education.language``."""
        for f in self.factors:
            if f.id == factor_id:
                return f
        raise KeyError(factor_id)
