"""The result of an evaluation: plain typed data that renderers format and never reach behind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache
from typing import Any, Literal

import cattrs
from attrs import evolve, field, frozen
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from eligibility.converter import make_converter
from eligibility.draws.met import RoundsMet as RoundsMet  # a CRS result carries the rounds it met
from eligibility.logic import Outcome as Outcome  # results speak the three values of the logic
from eligibility.record import Record

Verdict = Literal["eligible", "not_eligible", "undetermined", "not_in_force", "not_encoded"]
JSONValue = Any


@frozen
class CitationRef(Record):
    """A citation resolved against its source: instrument and pinpoint, URL, date last checked."""

    source: str
    title: str
    url: str
    checked: dt.date
    confidence: str
    at: str | None = None


@frozen(slots=False)
class ConditionResult(Record):
    """The outcome of one condition, with what was seen, what was required and the evidence used."""

    id: str
    kind: str
    outcome: Outcome
    says: str
    observed: JSONValue = None
    required: JSONValue = None
    explanation: str = ""
    evidence: tuple[dict[str, JSONValue], ...] = ()
    citations: tuple[CitationRef, ...] = ()
    conditions: tuple[ConditionResult, ...] = ()
    judgement: bool = False
    confidence: str | None = None


def deciding(results: tuple[ConditionResult, ...], outcomes: tuple[str, ...] = ("fail", "unknown"),
             prefix: str = "") -> Iterator[tuple[str, ConditionResult]]:
    """The conditions that decide the outcome of each of ``results`` with one of ``outcomes``, with their paths.

    A leaf decides its own outcome. Under "all" or "any" (or "at least"), the children with the composite's own
    outcome decide it: the failing children of a failing "all", every child of a failing "any", the unknown ones
    of an unknown composite, the passing ones of a passing "any". A "not" is decided by its child having the
    opposite outcome: it is given whole, its explanation saying what its child is (a failing "not" over an offer
    on a list: the offer is on the list), never its child as if the child itself were what fails.
    """
    for r in results:
        if r.outcome in outcomes:
            yield from _deciding(r, f"{prefix}{r.id}")


def _deciding(r: ConditionResult, path: str) -> Iterator[tuple[str, ConditionResult]]:
    if not r.conditions:
        yield path, r
    elif r.kind == "not":
        yield path, evolve(r, explanation=negated_words(r))
    else:
        for c in r.conditions:
            if c.outcome == r.outcome:
                yield from _deciding(c, f"{path}/{c.id}")


def negated_words(r: ConditionResult) -> str:
    """A "not" condition's outcome in words: what its child is (or may be), with the offer's or job's code."""
    (child,) = r.conditions
    words = child.says[:1].lower() + child.says[1:].rstrip(".")
    observed = child.observed
    code = observed.get("noc") if isinstance(observed, dict) else None
    if code:
        words += f" (NOC {code})"
    return words if child.outcome == "pass" else ("it may be: " + words if child.outcome == "unknown" else
                                                  "it is not: " + words)


@frozen(slots=False)
class Caveat(Record):
    """Something an officer will decide, or a fact of weaker confidence the verdict leans on."""

    condition: str
    says: str
    reason: str
    citations: tuple[CitationRef, ...] = ()


@frozen
class VersionRef(Record):
    """Which version of a program's rules was applied, and its period [valid_from, valid_to)."""

    valid_from: dt.date
    valid_to: dt.date | None
    in_force: bool


@frozen(slots=False)
class ProgramResult(Record):
    """The verdict for one program on the as-of date, with its condition tree."""

    id: str
    title: str
    verdict: Verdict
    version: VersionRef | None
    message: str
    caveats: tuple[Caveat, ...] = ()
    conditions: tuple[ConditionResult, ...] = ()
    confidence: str = "official"
    # The program's kind (permanent_residence, employer_work_permit_stream, processing_standard): what
    # "eligible" means differs by kind, so every result says it.
    kind: str = field(kw_only=True)
    #: The program's short title, for tables and sentences.
    short_title: str = field(kw_only=True)


@frozen
class Receipt(Record):
    """What an evaluation depended on, so that it can be reproduced and audited."""

    as_of: dt.date
    package_version: str
    rulesets_sha256: str
    profile_sha256: str
    engine: str


# Not slotted: attrs sets a dict instance's fields by item, a slotted one's by a call each (half the cost for the
# ten or so built per CRS score; docs/performance.md#crs).
@frozen(slots=False)
class FactorScore(Record):
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
class PartScore(Record):
    """A part of a section: a factor, or a group of factors after its cap."""

    id: str
    low: int
    high: int
    max: int
    cap: int | None = None


@frozen
class SectionScore(Record):
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
class CrsVersionRef(Record):
    """The period [valid_from, valid_to) of the criteria applied, and what changed on its first day."""

    valid_from: dt.date
    valid_to: dt.date | None
    changes: str | None = None


@frozen
class Designation(Record):
    """Which official language was scored as first, and whether the profile said so or the best was chosen."""

    language: Literal["english", "french"]
    stated: bool
    why: str


@frozen(slots=False)  # one per score: set by item, as FactorScore
class CrsResult(Record):
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
    #: The recent rounds of invitations open to the person and whether this score met them (evaluate, crs).
    rounds: RoundsMet | None = None

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


@frozen
class Evaluation(Record):
    """Every program's result for one profile as of one date."""

    as_of: dt.date
    receipt: Receipt
    programs: tuple[ProgramResult, ...]
    profile_name: str | None = None
    crs: CrsResult | None = None

    def program(self, program_id: str) -> ProgramResult:
        """The result for one program id (KeyError when it was not evaluated)."""
        for p in self.programs:
            if p.id == program_id:
                return p
        raise KeyError(program_id)


def configure(conv: cattrs.Converter) -> cattrs.Converter:
    """Configure ``conv`` for results: a version's period is written {from, to}, as in rulesets, both ways."""
    conv.register_unstructure_hook(VersionRef, make_dict_unstructure_fn(
        VersionRef, conv, valid_from=override(rename="from"), valid_to=override(rename="to")))
    conv.register_structure_hook(VersionRef, make_dict_structure_fn(
        VersionRef, conv, valid_from=override(rename="from"), valid_to=override(rename="to"),
        _cattrs_forbid_extra_keys=True))
    return conv


@cache
def result_converter() -> cattrs.Converter:
    """The converter that turns results into plain data with every citation in place (the shape of the
    result JSON before version 2) and reads it back, built on first use. The JSON itself is written by
    eligibility.render.data, which writes each citation once."""
    return configure(make_converter())
