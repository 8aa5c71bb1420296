"""The applicant profile: what a person states about themselves, independent of any file format."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from attrs import field, frozen

from eligibility.record import Record
from eligibility.unknown import UNKNOWN, Unknown

MaritalStatus = Literal["single", "married", "common_law", "separated", "divorced", "widowed"]
Province = Literal["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]
EducationLevel = Literal[
    "secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters", "professional", "doctoral"
]
TestId = Literal["ielts_general", "celpip_general", "pte_core", "tef_canada", "tcf_canada"]
OfficialLanguage = Literal["english", "french"]
Lmia = Literal["positive", "exempt", "none"]
Relative = Literal[
    "parent", "grandparent", "child", "grandchild", "sibling", "aunt_uncle", "niece_nephew"
]

#: Education levels in increasing order, as IRPR s. 78 ranks credentials.
EDUCATION_ORDER: tuple[EducationLevel, ...] = (
    "secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters", "professional", "doctoral"
)


@frozen
class Eca(Record):
    """An Educational Credential Assessment of a foreign credential."""

    issued: dt.date
    level: EducationLevel
    by: str | None = None


@frozen
class Education(Record):
    """One completed credential."""

    level: EducationLevel
    country: str
    years: int | None = None
    completed: dt.date | None = None
    full_time: bool = True
    province: Province | None = None
    field_of_study: str | None = None
    eca: Eca | None = None


@frozen
class LanguageTest(Record):
    """One language test result, scores as printed on it, on the scale of the test date.

    ``result_date`` (optional) is the date printed on the result: the two years of validity run from
    it when given (IRCC counts from the day the result was issued), else from ``taken``.
    """

    test: TestId
    taken: dt.date
    listening: float
    reading: float
    writing: float
    speaking: float
    result_date: dt.date | None = None


@frozen
class WorkEntry(Record):
    """One job held over a period. ``end`` is the last day worked; None means still in the job."""

    start: dt.date
    hours_per_week: float
    country: str
    noc: str | None = None
    noc_2016: str | None = None
    title: str | None = None
    employer: str | None = None
    province: Province | None = None
    end: dt.date | None = None
    paid: bool = True
    self_employed: bool = False
    full_time_student: bool = False
    authorized: bool = True
    #: Self-employed medical work paid from public funds (fee-for-service or another contract with a
    #: provincial or territorial health authority), which the physicians' public policy counts.
    publicly_funded: bool = False


@frozen
class JobOffer(Record):
    """A job offer from a Canadian employer. ``duration_months`` None means no end date.

    ``issued`` (optional) is the day the offer was made: on an as-of date before it, the offer does
    not exist yet. Without it, the offer is taken to exist on every date evaluated.
    """

    noc: str | None = None
    noc_2016: str | None = None
    employer: str | None = None
    province: Province | None = None
    hours_per_week: float | None = None
    duration_months: int | None = None
    lmia: Lmia = "none"
    wage_hourly: float | None = None
    wage_annual: float | None = None
    seasonal: bool = False
    issued: dt.date | None = None


@frozen
class Certificate(Record):
    """A certificate of qualification in a trade, issued by a Canadian authority."""

    noc: str
    issued_by: str
    issued: dt.date | None = None


@frozen
class Nomination(Record):
    """A provincial or territorial nomination aligned with Express Entry (an enhanced nomination)."""

    province: Province
    issued: dt.date


@frozen
class Spouse(Record):
    """The spouse or common-law partner."""

    accompanying: bool | Unknown = UNKNOWN
    canadian_citizen_or_pr: bool | Unknown = UNKNOWN
    education: tuple[Education, ...] | Unknown = UNKNOWN
    language_tests: tuple[LanguageTest, ...] | Unknown = UNKNOWN
    work: tuple[WorkEntry, ...] | Unknown = UNKNOWN


@frozen
class Profile(Record):
    """Everything a person states. A field left UNKNOWN was not in the file."""

    id: str | None = None
    name: str | None = None
    birth_date: dt.date | Unknown = UNKNOWN
    marital_status: MaritalStatus | Unknown = UNKNOWN
    intended_province: Province | Unknown = UNKNOWN
    children: int | Unknown = UNKNOWN
    family_size: int | None = None
    funds_cad: float | Unknown = UNKNOWN
    education: tuple[Education, ...] | Unknown = UNKNOWN
    language_tests: tuple[LanguageTest, ...] | Unknown = UNKNOWN
    work: tuple[WorkEntry, ...] | Unknown = UNKNOWN
    job_offer: JobOffer | Unknown | None = UNKNOWN
    certificates_of_qualification: tuple[Certificate, ...] | Unknown = UNKNOWN
    relatives_in_canada: tuple[Relative, ...] | Unknown = UNKNOWN
    spouse: Spouse | Unknown | None = UNKNOWN
    first_official_language: OfficialLanguage | None = None
    provincial_nomination: Nomination | Unknown | None = UNKNOWN
    declarations: dict[str, bool | float | str] = field(factory=dict)
