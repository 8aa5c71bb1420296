"""Facts derived once from a profile as of a date, shared by every program's conditions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from fractions import Fraction
from functools import lru_cache
from typing import Any, Generic, Literal, TypeVar, overload

from attrs import frozen

from eligibility.dates import age_on, months_before
from eligibility.language import ABILITIES, TESTS
from eligibility.profile.model import (
    EDUCATION_ORDER,
    Education,
    EducationLevel,
    JobOffer,
    LanguageTest,
    Profile,
    Spouse,
    WorkEntry,
)
from eligibility.record import Record
from eligibility.unknown import UNKNOWN, Unknown, known
from eligibility.work import Job

Person = Literal["applicant", "spouse"]
T = TypeVar("T")


class lazy(Generic[T]):
    """A fact derived on first use and kept in the instance (as ``functools.cached_property`` does, without the
    lock it takes on every first use in Python 3.11: a Facts belongs to one evaluation, and each row of a batch
    derives several of these)."""

    def __init__(self, derive: Callable[[Any], T]) -> None:
        self.derive = derive
        self.name = derive.__name__
        self.__doc__ = derive.__doc__

    @overload
    def __get__(self, obj: None, owner: type) -> lazy[T]: ...

    @overload
    def __get__(self, obj: object, owner: type) -> T: ...

    def __get__(self, obj: object | None, owner: type) -> lazy[T] | T:
        if obj is None:
            return self
        # Kept under the same name: the instance's attribute is found before this descriptor (it has no __set__).
        value = obj.__dict__[self.name] = self.derive(obj)
        return value


@frozen
class JobFact(Record):
    """A work entry with its counting view (its days up to the day before the as-of date, its weekly hours)."""

    entry: WorkEntry
    job: Job


@frozen
class TestFact(Record):
    """A language test with its CLB/NCLC levels and whether it is valid on the as-of date."""

    index: int
    test: LanguageTest
    language: str
    levels: dict[str, int]
    valid: bool
    why_not: str | None


@frozen
class CredentialFact(Record):
    """A credential as the rules see it: its recognized level, or why it is not recognized."""

    index: int
    education: Education
    level: EducationLevel | None
    via_eca: bool
    why_not: str | None


def job_fact(index: int, entry: WorkEntry, end: dt.date) -> JobFact:
    """The fact of the work entry at ``index`` of the profile, counted up to ``end``."""
    return JobFact(entry, Job(index, entry.start, end, weekly_hours(entry.hours_per_week)))


@lru_cache(maxsize=1024)
def weekly_hours(hours: float) -> Fraction:
    """Hours a week as the counting takes them: the nearest fraction with a denominator of at most 1,000."""
    return Fraction(hours).limit_denominator(1000)


#: Each level's position in that order, read by ``level_rank`` and by ``together`` for every credential.
_RANKS = {level: rank for rank, level in enumerate(EDUCATION_ORDER)}


def level_rank(level: EducationLevel) -> int:
    """The position of a level in the IRPR s. 78 order (secondary lowest)."""
    return _RANKS[level]
_ONE_YEAR, _BACHELORS = _RANKS["one_year"], _RANKS["bachelors"]


def together(creds: tuple[CredentialFact, ...], maybe: bool = False) -> tuple[CredentialFact, ...]:
    """The recognized post-secondary credentials (one year or more) when two or more of them, one of three years or
    more (a bachelor's or higher, or one stated as 3 years or more), count together as "two or more" (IRPR s.
    78(2)(e), the FSW grid; the CRS's level of education); () when they do not.

    A credential's ``years`` is its length. Not given, a Canadian credential's length is unknown
    (docs/profile-format.md): read as under 3 years by default (what is decided), and with ``maybe`` as perhaps 3
    years or more (the credentials that may count together: a range's high end). A foreign credential is the
    Canadian one its ECA finds it equivalent to (conclusive, IRPR s. 75(8)): assessed below a bachelor's and
    without ``years``, it is of that level's length, under 3 years, either way."""
    post = [(c, rank) for c in creds if c.level is not None and (rank := _RANKS[c.level]) >= _ONE_YEAR]
    if len(post) < 2 or not any(rank >= _BACHELORS or ((years := c.education.years) is None and maybe and not c.via_eca)
                                or (years or 0) >= 3 for c, rank in post):
        return ()
    return tuple([c for c, _ in post])


def _unborn(profile: Profile, birth: dt.date, as_of: dt.date) -> None:
    """Refuse a profile whose person is born after the day it is evaluated on (an InputError naming the field)."""
    from eligibility.errors import InputError, Problem
    from eligibility.profile.load import source_of

    raise InputError([Problem(source_of(profile), "$.birth_date",
                              f"expected a date on or before the day evaluated ({as_of}), found {birth}")])


class Facts:
    """Lazily derived facts of one profile on one date."""

    def __init__(self, profile: Profile, as_of: dt.date) -> None:
        self.profile = profile
        self.as_of = as_of
        self._memo: dict[Hashable, Any] = {}
        #: Each person's work table (``measure.work_rows.work_table``), made on first use: read two dozen times an
        #: evaluation, found here without a call of ``memo`` and a key made each time.
        self.tables: dict[str, Any] = {}
        #: Keys that the profile gives at a glance for every condition of a kind alike (``Kind.prekey``: no job
        #: offer), by kind, made on first use: asked for by each such condition, found here without a call.
        self.keys: dict[str, Hashable | None] = {}
        birth = profile.birth_date
        if isinstance(birth, dt.date) and birth > as_of:
            # A person not yet born on the day has no age: every age rule and table would read nonsense.
            _unborn(profile, birth, as_of)

    def memo(self, key: Hashable, derive: Callable[..., T], *args: Any) -> T:
        """What ``derive(*args)`` gives, derived once per Facts under ``key`` and shared by every program's
        conditions."""
        try:
            found: T = self._memo[key]
        except KeyError:
            found = self._memo[key] = derive(*args)
        return found

    @lazy
    def age(self) -> int | Unknown:
        """Age in whole years on the as-of date."""
        birth = self.profile.birth_date
        return age_on(birth, self.as_of) if known(birth) else UNKNOWN

    @lazy
    def job_offer(self) -> JobOffer | Unknown | None:
        """The job offer as it stood on the as-of date: None when there is none or it was issued later."""
        offer = self.profile.job_offer
        if isinstance(offer, JobOffer) and offer.issued is not None and offer.issued > self.as_of:
            return None
        return offer

    @property
    def offer_not_yet(self) -> str | None:
        """Why the profile's offer does not count on the as-of date (issued after it), or None."""
        offer = self.profile.job_offer
        if isinstance(offer, JobOffer) and offer.issued is not None and offer.issued > self.as_of:
            return f"the job offer was issued on {offer.issued}, after {self.as_of}: it did not exist yet"
        return None

    def spouse(self) -> Spouse | Unknown | None:
        """The spouse, None when there is none, UNKNOWN when the profile does not say.

        A single, separated, divorced or widowed person has no spouse whether or not a ``spouse`` key
        is written; an absent spouse is unknown only for a married or common-law person (or when the
        marital status itself is unknown).
        """
        status = self.profile.marital_status
        if known(status) and status not in ("married", "common_law"):
            return None
        return self.profile.spouse

    def _work(self, person: Person) -> tuple[WorkEntry, ...] | Unknown:
        if person == "applicant":
            return self.profile.work
        spouse = self.spouse()
        if isinstance(spouse, Spouse):
            return spouse.work
        return () if spouse is None else UNKNOWN

    def jobs(self, person: Person = "applicant") -> tuple[JobFact, ...] | Unknown:
        """Work entries that started before the as-of date, each ending at the latest the day before."""
        return self._jobs_applicant if person == "applicant" else self._jobs_spouse

    def worked(self, person: Person = "applicant") -> tuple[tuple[int, WorkEntry, dt.date], ...] | Unknown:
        """The work entries ``jobs`` makes its facts of, each with its place in the profile and its last day
        counted: those that started before the as-of date, each ending at the latest the day before.

        The work table reads these (it makes rows of its own), so that an evaluation makes a JobFact only for
        a job something asks about.
        """
        return self.memo(("worked", person), self._worked, person)

    def _worked(self, person: Person) -> tuple[tuple[int, WorkEntry, dt.date], ...] | Unknown:
        work = self._work(person)
        if not known(work):
            return UNKNOWN
        last = self.as_of - dt.timedelta(days=1)
        found = []
        for i, w in enumerate(work):
            end = w.end
            end = last if end is None or end > last else end
            if w.start <= end:
                found.append((i, w, end))
        return tuple(found)

    def _make_jobs(self, person: Person) -> tuple[JobFact, ...] | Unknown:
        worked = self.worked(person)
        if not known(worked):
            return UNKNOWN
        return tuple([job_fact(i, w, end) for i, w, end in worked])

    @lazy
    def _jobs_applicant(self) -> tuple[JobFact, ...] | Unknown:
        return self._make_jobs("applicant")

    @lazy
    def _jobs_spouse(self) -> tuple[JobFact, ...] | Unknown:
        return self._make_jobs("spouse")

    def tests(self, person: Person, max_age_months: int) -> tuple[TestFact, ...] | Unknown:
        """Every language test with its levels; valid if taken less than ``max_age_months`` before."""
        key = (person, max_age_months)
        if key not in self._tests_cache:
            self._tests_cache[key] = self._make_tests(person, max_age_months)
        return self._tests_cache[key]

    @lazy
    def _tests_cache(self) -> dict[tuple[str, int], tuple[TestFact, ...] | Unknown]:
        return {}

    def _make_tests(self, person: Person, max_age_months: int) -> tuple[TestFact, ...] | Unknown:
        if person == "applicant":
            raw = self.profile.language_tests
        else:
            spouse = self.spouse()
            raw = spouse.language_tests if isinstance(spouse, Spouse) else (() if spouse is None else UNKNOWN)
        if not known(raw):
            return UNKNOWN
        oldest = months_before(self.as_of, max_age_months)
        out = []
        for i, t in enumerate(raw):
            kind = TESTS[t.test]
            levels = {a: kind.level(a, getattr(t, a), t.taken) for a in ABILITIES}
            why: str | None = None
            # The two years run from the date on the result when the profile gives it (IRCC counts
            # from the day the result was issued), else from the test date, which is never later.
            if t.taken > self.as_of:
                why = f"taken {t.taken}, after the as-of date"
            elif t.result_date is not None and t.result_date > self.as_of:
                why = f"result issued {t.result_date}, after the as-of date"
            elif t.result_date is not None and t.result_date <= oldest:
                why = f"result issued {t.result_date}, not less than {max_age_months // 12} years before {self.as_of}"
            elif t.result_date is None and t.taken <= oldest:
                why = f"taken {t.taken}, not less than {max_age_months // 12} years before {self.as_of}"
            elif kind.accepted_from is not None and t.taken < kind.accepted_from:
                # docs/language-tests.md: the acceptance date is compared with the test date.
                why = f"taken {t.taken}; {kind.name} is accepted only for tests taken from {kind.accepted_from}"
            out.append(TestFact(i, t, kind.language, levels, why is None, why))
        return tuple(out)

    def credentials(self, person: Person, eca_max_age_months: int | None,
                    foreign_needs_eca: bool = True,
                    designated: tuple[str, str, str] | None = None) -> tuple[CredentialFact, ...] | Unknown:
        """Every credential with the level the rules recognize (Canadian, or foreign with a valid ECA).

        An ECA is valid when issued less than ``eca_max_age_months`` before the as-of date (None: no limit).
        ``designated`` is (body id, body name, primary occupation) when a professional body is designated
        for the primary occupation (IRPR s. 75(2.1)): a foreign credential's ECA must then come from it.
        Derived once per set of arguments (the education conditions and the CRS ask the same).
        """
        key = ("credentials", person, eca_max_age_months, foreign_needs_eca, designated)
        try:
            found: tuple[CredentialFact, ...] | Unknown = self._memo[key]
        except KeyError:
            found = self._memo[key] = self._credentials(person, eca_max_age_months, foreign_needs_eca, designated)
        return found

    def _credentials(self, person: Person, eca_max_age_months: int | None, foreign_needs_eca: bool,
                     designated: tuple[str, str, str] | None) -> tuple[CredentialFact, ...] | Unknown:
        if person == "applicant":
            raw = self.profile.education
        else:
            spouse = self.spouse()
            raw = spouse.education if isinstance(spouse, Spouse) else (() if spouse is None else UNKNOWN)
        if not known(raw):
            return UNKNOWN
        oldest = months_before(self.as_of, eca_max_age_months) if eca_max_age_months is not None else None
        out = []
        for i, e in enumerate(raw):
            if e.completed is not None and e.completed > self.as_of:
                out.append(CredentialFact(i, e, None, False, f"completed {e.completed}, after the as-of date"))
            elif e.country == "CA" or not foreign_needs_eca:
                out.append(CredentialFact(i, e, e.level, False, None))
            elif e.eca is None:
                out.append(CredentialFact(i, e, None, False, "foreign credential without an ECA"))
            elif e.eca.issued > self.as_of:
                out.append(CredentialFact(i, e, None, True, f"ECA issued {e.eca.issued}, after the as-of date"))
            elif oldest is not None and e.eca.issued <= oldest:
                years = (eca_max_age_months or 0) // 12
                out.append(CredentialFact(i, e, None, True, f"ECA issued {e.eca.issued}, not less than "
                                                            f"{years} years before {self.as_of}"))
            elif designated is not None and (e.eca.by or "").strip().casefold() not in (
                    designated[0].casefold(), designated[1].casefold()):
                _, name, noc = designated
                out.append(CredentialFact(i, e, None, True, f"ECA by {e.eca.by or 'an unnamed organization'}; for "
                                                            f"primary occupation {noc} it must come from {name}"))
            else:
                out.append(CredentialFact(i, e, e.eca.level, True, None))
        return tuple(out)

    def education(self, person: Person) -> tuple[Education, ...] | Unknown:
        """The person's credentials as the profile lists them (the spouse's: none without a spouse)."""
        if person == "applicant":
            return self.profile.education
        spouse = self.spouse()
        return spouse.education if isinstance(spouse, Spouse) else (() if spouse is None else UNKNOWN)

    @lazy
    def family_size(self) -> tuple[int, bool]:
        """(size, exact): the stated family size, or 1 + spouse + children with what is known."""
        p = self.profile
        if p.family_size is not None:
            return p.family_size, True
        size, exact = 1, True
        if known(p.marital_status):
            if p.marital_status in ("married", "common_law"):
                size += 1
        elif isinstance(p.spouse, Spouse):
            size += 1
        elif not known(p.spouse):
            exact = False
        if known(p.children):
            size += p.children
        else:
            exact = False
        return size, exact

    def current_canadian_job(self) -> JobFact | Unknown | None:
        """An authorized job in Canada the applicant still holds on the as-of date."""
        return self._current_canadian_job

    @lazy
    def _current_canadian_job(self) -> JobFact | Unknown | None:
        # Asked by each funds condition with an exemption: the jobs are read once per evaluation, and only the
        # job found is made a JobFact.
        worked = self.worked()
        if not known(worked):
            return UNKNOWN
        for i, e, end in worked:
            if e.country == "CA" and e.authorized and (e.end is None or e.end >= self.as_of):
                return job_fact(i, e, end)
        return None
