"""The ruleset language: programs, dated versions, and the closed vocabulary of condition kinds.

A ruleset is data. Each leaf condition picks one kind below and sets its parameters; composite
conditions (all / any / not / at_least) combine leaves. Every leaf says in words what it checks and
cites where the law says it.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar

from attrs import field, frozen

from eligibility.profile.model import EducationLevel, Lmia, Province, TestId
from eligibility.record import Record

Confidence = Literal["official", "official_via_news", "blog", "unconfirmed"]
Exclusion = Literal["self_employed", "full_time_student", "unauthorized", "unpaid", "part_time", "ended"]
Location = Literal["canada", "abroad", "any"]
#: What a program gives: permanent residence (or selection for it), an employer's work-permit stream, or a
#: processing standard for applications (how fast, not whether). Reports word verdicts by kind.
ProgramKind = Literal["permanent_residence", "employer_work_permit_stream", "processing_standard"]
PROGRAM_KINDS: tuple[ProgramKind, ...] = ("permanent_residence", "employer_work_permit_stream", "processing_standard")


@frozen
class Source(Record):
    """An official page or instrument the rules come from."""

    id: str
    title: str
    url: str
    checked: dt.date
    confidence: Confidence = "official"
    note: str | None = None


@frozen
class ReportedChange(Record):
    """A change reported by secondary sources but not confirmed by the law: told to the user, never applied.

    Every result on or after ``date`` carries it as a caveat; the rules in force stay those encoded.
    """

    date: dt.date
    says: str
    sources: tuple[str, ...]
    confidence: Literal["official_via_news", "blog", "unconfirmed"] = "unconfirmed"
    note: str | None = None


def last_checked(sources: tuple[Source, ...]) -> dt.date | None:
    """The date the rules of these sources are known to: the earliest ``checked`` among them.

    A rule is only as current as its least recently checked source, so the earliest date is the one a
    result may rely on; None when there is no source.
    """
    return min((s.checked for s in sources), default=None)


class Dated:
    """A version in force over the half-open period [valid_from, valid_to) (a mixin of attrs classes)."""

    __slots__ = ()
    valid_from: dt.date
    valid_to: dt.date | None

    def covers(self, day: dt.date) -> bool:
        """True when ``day`` falls in [valid_from, valid_to)."""
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


VersionT = TypeVar("VersionT", bound=Dated)


class Versioned(Generic[VersionT]):
    """Rules held with their sources and dated versions (a mixin of attrs classes)."""

    __slots__ = ()
    sources: tuple[Source, ...]
    versions: tuple[VersionT, ...]

    @property
    def checked(self) -> dt.date | None:
        """When its sources were last checked (the earliest of their dates)."""
        return last_checked(self.sources)

    def version_on(self, day: dt.date) -> VersionT | None:
        """The version whose period covers ``day``; None before the first (not encoded) or in a gap."""
        return next((v for v in self.versions if v.covers(day)), None)


@frozen
class Citation(Record):
    """A pointer into a source: the source id and the pinpoint (section, table, paragraph)."""

    source: str
    at: str | None = None


@frozen
class Occupations(Record):
    """Which NOC 2021 unit groups count: listed codes, group prefixes and TEERs, minus exclusions.

    A code matches when it is among ``codes`` or starts with one of ``groups`` (when either is given),
    its TEER is in ``teer`` (when given), and it starts with none of ``exclude``.
    """

    codes: tuple[str, ...] | None = None
    groups: tuple[str, ...] | None = None
    teer: tuple[int, ...] | None = None
    exclude: tuple[str, ...] = ()


@frozen
class ArrangedEmployment(Record):
    """What makes a job offer arranged employment (IRPR s. 82(2)), as a ruleset states it.

    The offer is in ``occupations``, for at least ``min_hours_per_week`` and ``min_duration_months``, not
    seasonal, and either based on a positive LMIA or (unless ``exempt_offers`` is False) LMIA-exempt from the
    employer of a current job in Canada where the applicant worked at least ``current_employer_min_hours`` in the
    last ``current_employer_window_months``.
    """

    occupations: Occupations
    min_hours_per_week: float
    min_duration_months: int
    current_employer_min_hours: float
    current_employer_window_months: int
    #: True: the offer must be of indeterminate duration (no end date), whatever ``min_duration_months`` says
    #: (the Ministerial Instructions before 2016-11-19).
    indeterminate: bool = False
    #: False: only an LMIA-based offer qualifies; an LMIA-exempt one from a current employer does not (the
    #: Ministerial Instructions before 2016-11-19).
    exempt_offers: bool = True


@frozen
class Levels(Record):
    """A minimum CLB / NCLC level for each of the four abilities."""

    reading: int
    writing: int
    listening: int
    speaking: int


@frozen
class WorkExperienceCondition(Record):
    """Paid work in matching occupations within a look-back window, counted in IRCC hours."""

    id: str
    says: str
    occupations: Occupations
    min_hours: float
    window_months: int
    kind: Literal["work_experience"] = "work_experience"
    citations: tuple[Citation, ...] = ()
    single_occupation: bool = True
    continuous: bool = False
    location: Location = "any"
    provinces: tuple[Province, ...] | None = None
    exclude: tuple[Exclusion, ...] = ()
    #: Occupations whose self-employment counts, despite ``self_employed`` in ``exclude``, when the job is
    #: publicly funded (a work entry's ``publicly_funded``): the physicians' public policy of 2023-04-25.
    publicly_funded_self_employment: Occupations | None = None
    confidence: Confidence | None = None
    note: str | None = None
    #: The text of the law the rule encodes, quoted (shown beside ``says``).
    quote: str | None = None


@frozen
class LanguageCondition(Record):
    """A valid test result meeting a minimum level in every ability."""

    id: str
    says: str
    kind: Literal["language"] = "language"
    minimum: Levels | None = None
    minimum_by_teer: dict[int, Levels] | None = None
    teer_from: str | None = None
    language: Literal["any", "english", "french"] = "any"
    tests: tuple[TestId, ...] | None = None
    #: A test counts when taken less than this many months before the as-of date.
    max_age_months: int = field(kw_only=True)
    citations: tuple[Citation, ...] = ()
    confidence: Confidence | None = None
    note: str | None = None
    #: The text of the law the rule encodes, quoted (shown beside ``says``).
    quote: str | None = None
    #: The condition ``teer_from`` names, resolved when the version loads (never written in a file).
    teer_source: WorkExperienceCondition | None = field(default=None, eq=False, repr=False)


@frozen
class DesignatedBody(Record):
    """A professional body designated to assess the credentials of some occupations (IRPR s. 75(2.1)).

    Where the primary occupation is among ``occupations``, an ECA counts only if this body issued it;
    the profile names the issuer in ``eca.by`` by ``id`` or by ``name`` (case does not matter).
    """

    id: str
    name: str
    occupations: Occupations


@frozen
class EducationCondition(Record):
    """A completed credential at or above a level: Canadian, or foreign with a valid ECA.

    With ``designated_bodies`` and ``primary_occupation_from`` (the id of a work_experience condition
    whose main occupation is the primary occupation), a foreign credential of a person whose primary
    occupation has a designated body counts only with an ECA from that body.
    """

    id: str
    says: str
    minimum_level: EducationLevel
    kind: Literal["education"] = "education"
    foreign_needs_eca: bool = True
    #: An ECA counts when issued less than this many months before the as-of date (required with
    #: ``foreign_needs_eca``).
    eca_max_age_months: int | None = None
    designated_bodies: tuple[DesignatedBody, ...] = ()
    primary_occupation_from: str | None = None
    country: str | None = None
    province: Province | None = None
    completed_within_months: int | None = None
    citations: tuple[Citation, ...] = ()
    confidence: Confidence | None = None
    note: str | None = None
    #: The text of the law the rule encodes, quoted (shown beside ``says``).
    quote: str | None = None
    #: The condition ``primary_occupation_from`` names, resolved when the version loads (never in a file).
    primary_source: WorkExperienceCondition | None = field(default=None, eq=False, repr=False)


@frozen
class PointsCondition(Record):
    """A named points grid scored on the profile, with the pass mark."""

    id: str
    says: str
    grid: str
    pass_mark: int
    kind: Literal["points"] = "points"
    citations: tuple[Citation, ...] = ()
    confidence: Confidence | None = None
    note: str | None = None
    #: The text of the law the rule encodes, quoted (shown beside ``says``).
    quote: str | None = None


@frozen
class FundsCondition(Record):
    """Settlement funds at least the dated table's amount for the family size."""

    id: str
    says: str
    table: str
    kind: Literal["funds"] = "funds"
    #: Exempt when authorized to work in Canada with a current job and an offer of arranged employment.
    exempt_with_arranged_employment: ArrangedEmployment | None = None
    citations: tuple[Citation, ...] = ()
    confidence: Confidence | None = None
    note: str | None = None
    #: The text of the law the rule encodes, quoted (shown beside ``says``).
    quote: str | None = None


@frozen
class CurrentEmployer(Record):
    """What makes an LMIA-exempt offer count: it comes from a current employer in Canada for whom the applicant
    has worked at least ``min_hours`` in the last ``window_months`` (IRPR s. 87.2(3)(c), s. 82(2))."""

    min_hours: float
    window_months: int
    #: The offer must also be in the NOC minor group of the occupation on the work permit, read from the current
    #: job in Canada with that employer (FST, IRPR s. 87.2(3)(c): "in the same minor group").
    same_minor_group: bool = False


@frozen
class JobOfferCondition(Record):
    """A job offer meeting the listed requirements (each one optional)."""

    id: str
    says: str
    kind: Literal["job_offer"] = "job_offer"
    occupations: Occupations | None = None
    min_hours_per_week: float | None = None
    min_duration_months: int | None = None
    lmia: tuple[Lmia, ...] | None = None
    provinces: tuple[Province, ...] | None = None
    min_wage_hourly: float | None = None
    min_wage_annual: float | None = None
    wage_floors_hourly: dict[str, float] | None = None
    non_seasonal: bool = False
    #: When set, an offer whose ``lmia`` is ``exempt`` passes the ``lmia`` check only from a current employer
    #: worked for long enough (``lmia`` must then allow ``exempt``).
    exempt_from_current_employer: CurrentEmployer | None = None
    #: When set, the offer must be in a trade of the work_experience condition of that id with enough hours on its
    #: own (FST: an offer "in that skilled trade occupation").
    same_occupation_as: str | None = None
    citations: tuple[Citation, ...] = ()
    confidence: Confidence | None = None
    note: str | None = None
    #: The text of the law the rule encodes, quoted (shown beside ``says``).
    quote: str | None = None
    #: The condition ``same_occupation_as`` names, resolved when the version loads (never written in a file).
    trade_source: WorkExperienceCondition | None = field(default=None, eq=False, repr=False)


@frozen
class CertificateCondition(Record):
    """A certificate of qualification in a matching trade, from a Canadian authority."""

    id: str
    says: str
    kind: Literal["certificate_of_qualification"] = "certificate_of_qualification"
    occupations: Occupations | None = None
    same_occupation_as: str | None = None
    citations: tuple[Citation, ...] = ()
    confidence: Confidence | None = None
    note: str | None = None
    #: The text of the law the rule encodes, quoted (shown beside ``says``).
    quote: str | None = None
    #: The condition ``same_occupation_as`` names, resolved when the version loads (never written in a file).
    trade_source: WorkExperienceCondition | None = field(default=None, eq=False, repr=False)


@frozen
class IntendedProvinceCondition(Record):
    """Where the applicant intends to live: in ``allowed`` (when given) and not in ``excluded``."""

    id: str
    says: str
    kind: Literal["intended_province"] = "intended_province"
    allowed: tuple[Province, ...] | None = None
    excluded: tuple[Province, ...] = ()
    citations: tuple[Citation, ...] = ()
    confidence: Confidence | None = None
    note: str | None = None
    #: The text of the law the rule encodes, quoted (shown beside ``says``).
    quote: str | None = None


@frozen
class AgeCondition(Record):
    """AgeCondition in whole years on the as-of date, within inclusive bounds."""

    id: str
    says: str
    kind: Literal["age"] = "age"
    min: int | None = None
    max: int | None = None
    citations: tuple[Citation, ...] = ()
    confidence: Confidence | None = None
    note: str | None = None
    #: The text of the law the rule encodes, quoted (shown beside ``says``).
    quote: str | None = None


@frozen
class ProgramCondition(Record):
    """Eligibility for at least one of other programs, on the same as-of date."""

    id: str
    says: str
    any_of: tuple[str, ...]
    kind: Literal["program"] = "program"
    citations: tuple[Citation, ...] = ()
    confidence: Confidence | None = None
    note: str | None = None
    #: The text of the law the rule encodes, quoted (shown beside ``says``).
    quote: str | None = None


@frozen
class DeclarationCondition(Record):
    """A fact the person states under ``declarations`` (a referral, a status, a score)."""

    id: str
    says: str
    key: str
    kind: Literal["declaration"] = "declaration"
    equals: bool | str | None = None
    min: float | None = None
    citations: tuple[Citation, ...] = ()
    confidence: Confidence | None = None
    note: str | None = None
    #: The text of the law the rule encodes, quoted (shown beside ``says``).
    quote: str | None = None


@frozen
class JudgementCondition(Record):
    """What an officer decides on the documents; reported as a caveat, failed only when declared false."""

    id: str
    says: str
    key: str
    reason: str
    kind: Literal["judgement"] = "judgement"
    citations: tuple[Citation, ...] = ()
    confidence: Confidence | None = None
    note: str | None = None
    #: The text of the law the rule encodes, quoted (shown beside ``says``).
    quote: str | None = None


Leaf = (
    WorkExperienceCondition | LanguageCondition | EducationCondition | PointsCondition | FundsCondition
    | JobOfferCondition | CertificateCondition | IntendedProvinceCondition
    | AgeCondition | ProgramCondition | DeclarationCondition | JudgementCondition
)
LEAF_KINDS: dict[str, type] = {
    "work_experience": WorkExperienceCondition, "language": LanguageCondition, "education": EducationCondition,
    "points": PointsCondition,
    "funds": FundsCondition, "job_offer": JobOfferCondition, "certificate_of_qualification": CertificateCondition,
    "intended_province": IntendedProvinceCondition, "age": AgeCondition, "program": ProgramCondition,
    "declaration": DeclarationCondition, "judgement": JudgementCondition,
}


@frozen
class Composite(Record):
    """all / any / not / at_least over child conditions."""

    op: Literal["all", "any", "not", "at_least"]
    children: tuple[Condition, ...]
    id: str
    says: str | None = None
    n: int | None = None
    citations: tuple[Citation, ...] = ()
    confidence: Confidence | None = None
    note: str | None = None
    #: The text of the law the rule encodes, quoted (shown beside ``says``).
    quote: str | None = None


Condition = Leaf | Composite


@frozen
class Version(Record, Dated):
    """The conditions of a program over the half-open period [valid_from, valid_to)."""

    valid_from: dt.date
    valid_to: dt.date | None = None
    in_force: bool = True
    conditions: tuple[Condition, ...] = ()
    changes: str | None = None
    citations: tuple[Citation, ...] = ()
    note: str | None = None
    #: The text of the law the rule encodes, quoted (shown beside ``says``).
    quote: str | None = None


@frozen
class Program(Record, Versioned[Version]):
    """An immigration program (or stream, or draw category) and its versions over time."""

    id: str
    title: str
    authority: str
    kind: ProgramKind
    #: A title short enough for a table row or a sentence ("Trades category"); the title when absent.
    short_title: str | None = field(default=None, kw_only=True)
    sources: tuple[Source, ...]
    versions: tuple[Version, ...]
    summary: str | None = None
    established: dt.date | None = None
    confidence: Confidence = "official"
    note: str | None = None
    reported_changes: tuple[ReportedChange, ...] = ()
    path: str = field(default="", eq=False)

    def source(self, source_id: str) -> Source | None:
        """The source with that id."""
        return next((s for s in self.sources if s.id == source_id), None)
