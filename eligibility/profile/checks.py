"""What types cannot say about a profile: exact codes, and facts that cannot be true.

Every check reads a profile that may be partly unreadable (a field that failed is ``None``), so that
the problems of a whole file are found in one pass. Facts that cannot be true are refused naming the
fields: a date after ``today`` for things that have already happened (birth, a test, an ECA, a
certificate, a completed credential), work or study before birth, more hours than a week holds, a
family smaller than the profile itself implies. ``today`` is a parameter, so that a what-if overlay
can allow a future test or job as a hypothesis.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache
from typing import Any, get_args

from eligibility.errors import Problem, found
from eligibility.language import TESTS
from eligibility.limits import MAX_AGE_YEARS, MAX_CHILDREN, MAX_FAMILY_SIZE, MAX_HOURS_PER_WEEK
from eligibility.noc import noc_table
from eligibility.profile.model import Province
from eligibility.suggest import did_you_mean
from eligibility.unknown import UNKNOWN

_COUNTRY = re.compile(r"[A-Z]{2}")
#: Every text ``_COUNTRY`` matches whole (676 of them): a country of a profile is looked up here, not matched.
_COUNTRIES = frozenset(a + b for a in string.ascii_uppercase for b in string.ascii_uppercase)
PROVINCES: tuple[str, ...] = get_args(Province)
_PROVINCE_NAMES = {
    "alberta": "AB", "british columbia": "BC", "manitoba": "MB", "new brunswick": "NB", "newfoundland": "NL",
    "nova scotia": "NS", "northwest territories": "NT", "nunavut": "NU", "ontario": "ON",
    "prince edward island": "PE", "quebec": "QC", "québec": "QC", "saskatchewan": "SK", "yukon": "YT",
}
PARTNERED = ("married", "common_law")
# A code standing alone, or ending a name written together (SkilledTradesBC).
_PROVINCE_CODE = re.compile(rf"(?<![A-Z])({'|'.join(PROVINCES)})(?![A-Za-z])")


def issuing_province(issued_by: str) -> str | None:
    """The province or territory a certificate's ``issued_by`` names: its code, or a body named after it."""
    if issued_by in PROVINCES:
        return issued_by
    lower = issued_by.lower()
    named = [code for name, code in _PROVINCE_NAMES.items() if name in lower]
    if named:
        return named[0]
    match = _PROVINCE_CODE.search(issued_by)
    return match.group(1) if match else None


#: Words that name a federal authority in a certificate's ``issued_by`` (IRPR s. 87.2(3)(c)(i): "a certificate of
#: qualification ... issued by a competent provincial, territorial or federal authority").
_FEDERAL = re.compile(r"\b(federal|canada)\b", re.IGNORECASE)


def federal_issuer(issued_by: str) -> bool:
    """Whether a certificate's ``issued_by`` names a federal authority: ``federal``, or a body named after Canada
    (``Transport Canada``, ``Government of Canada``)."""
    return _FEDERAL.search(issued_by) is not None


def given(value: Any) -> bool:
    """True when a value was read: not unknown, not none, not a field that failed."""
    return value is not None and value is not UNKNOWN


class Checker:
    """The checks of one profile as of ``today``, collecting problems with their field paths in ``problems``.

    Each check appends what it finds (in the order the fields are read) and words a path only for a
    problem: every row of a batch is checked, and nearly all of them have none.
    """

    def __init__(self, profile: Any, source: str, today: dt.date, said_none: frozenset[str] = frozenset(),
                 now: dt.date | None = None) -> None:
        self.p = profile
        self.source = source
        self.today = today
        #: The real today (``now``, when the caller read the clock already, else read here).
        self.now = now or dt.date.today()
        self.said_none = said_none
        self.problems: list[Problem] = []
        # A birth date that is itself refused (in the future) is no measure for the other dates.
        birth = profile.birth_date
        self.birth: dt.date | None = birth if isinstance(birth, dt.date) and birth <= today else None

    def problem(self, path: str, message: str) -> None:
        """Note a problem of this profile at ``path``."""
        self.problems.append(Problem(self.source, path, message))

    def code(self, code: Any, at: str, name: str) -> None:
        """A NOC 2021 unit group, exactly as written (no whitespace, no other spelling), at ``at.name``."""
        if not isinstance(code, str):
            return
        table = noc_table()
        # Exactly as written: the lists hold "21231", so " 21231" would match none of them.
        if code != code.strip() or code not in table:
            hint = [code.strip()] if code.strip() in table else table.suggest(code.strip(), successors=True)
            tip = f"; did you mean {' or '.join(hint)}?" if hint else ""
            self.problem(f"{at}.{name}", f"expected a NOC 2021 unit group code (5 digits), found {found(code)}{tip}")

    def country(self, country: Any, at: str) -> None:
        """An ISO 3166 alpha-2 code at ``at.country``, exactly: "CA\\n" or " ca" is refused with the code it
        resembles."""
        if isinstance(country, str) and country not in _COUNTRIES:
            bare = country.strip().upper()
            tip = f"; did you mean {bare!r}?" if _COUNTRY.fullmatch(bare) else ""
            self.problem(f"{at}.country", f"expected an ISO 3166 two-letter country code such as CA, "
                                          f"found {found(country)}{tip}")

    def past(self, day: Any, at: str, name: str, what: str) -> None:
        """A date of something that has happened (at ``at.name``): not after today, not before birth."""
        if not isinstance(day, dt.date):
            return
        if day > self.today:
            self.problem(f"{at}.{name}", f"expected a date on or before today ({self.today}) for {what}, found {day}")
        elif self.birth is not None and day < self.birth:
            self.problem(f"{at}.{name}", f"expected a date on or after birth_date {self.birth} for {what}, "
                                         f"found {day}")

    def work(self, work: Any, path: str) -> None:
        """Each job: code, dates, hours, country; and no week with more hours than it holds."""
        if not given(work):
            return
        for i, w in enumerate(work):
            if w is None:
                continue
            at = f"{path}[{i}]"
            self.code(w.noc, at, "noc")
            if isinstance(w.start, dt.date) and isinstance(w.end, dt.date) and w.end < w.start:
                self.problem(f"{at}.end", f"expected a date on or after start {w.start}, found {w.end}")
            if isinstance(w.start, dt.date) and self.birth is not None and w.start < self.birth:
                self.problem(f"{at}.start", f"expected a date on or after birth_date {self.birth} (work "
                                            f"before birth), found {w.start}")
            self.hours(w.hours_per_week, at)
            self.country(w.country, at)
            if isinstance(w.country, str) and w.country != "CA" and w.province is not None:
                self.problem(f"{at}.province", "a province is only for work in Canada (country: CA)")
        self.concurrent(work, path)

    def hours(self, hours: Any, at: str) -> None:
        """Hours a week (at ``at.hours_per_week``): more than 0, at most the plausibility ceiling."""
        if isinstance(hours, float) and not 0 < hours <= MAX_HOURS_PER_WEEK:
            self.problem(f"{at}.hours_per_week", f"expected hours a week above 0 and at most {MAX_HOURS_PER_WEEK} "
                                                 f"(a week has 168; more than {MAX_HOURS_PER_WEEK} is not plausible), "
                                                 f"found {hours:g}")

    def concurrent(self, work: Any, path: str) -> None:
        """Jobs held at the same time may not add up to more than the 168 hours of a week."""
        jobs = [(i, w) for i, w in enumerate(work) if w is not None and isinstance(w.start, dt.date)
                and isinstance(w.hours_per_week, float) and 0 < w.hours_per_week <= MAX_HOURS_PER_WEEK]
        for i, w in jobs:
            # The most hours held at once is reached on some job's first day.
            held = [(j, x) for j, x in jobs if x.start <= w.start and (x.end is None or x.end >= w.start)]
            total = sum(x.hours_per_week for _, x in held)
            if total > 168:
                names = ", ".join(f"{path}[{j}]" for j, _ in held)
                self.problem(f"{path}[{i}].hours_per_week",
                             f"expected at most 168 hours a week in jobs held at once, found {total:g} "
                             f"on {w.start} ({names})")
                return

    def tests(self, tests: Any, path: str) -> None:
        """Each result: scores the test can give, taken on or before today and after birth."""
        if not given(tests):
            return
        for i, t in enumerate(tests):
            if t is None:
                continue
            at = f"{path}[{i}]"
            self.past(t.taken, at, "taken", "a test taken")
            self.past(t.result_date, at, "result_date", "a test result issued")
            if isinstance(t.result_date, dt.date) and isinstance(t.taken, dt.date) and t.result_date < t.taken:
                self.problem(f"{at}.result_date",
                             f"expected a date on or after the test date {t.taken}, found {t.result_date}")
            elif (isinstance(t.result_date, dt.date) and isinstance(t.taken, dt.date)
                  and (t.result_date - t.taken).days > MAX_RESULT_DAYS):
                # A result counts for 2 years from its date: one dated years after the test would revive it.
                self.problem(f"{at}.result_date",
                             f"expected a result issued within {MAX_RESULT_DAYS} days of the test date {t.taken} "
                             f"(results come within weeks, a re-mark within months), found {t.result_date}")
            if t.test not in TESTS or not isinstance(t.taken, dt.date):
                continue
            kind = TESTS[t.test]
            scale = kind.scale_on(t.taken)  # each scale covers every date, so a test date always has one
            for ability in ("listening", "reading", "writing", "speaking"):
                score = getattr(t, ability)
                why = scale.valid_score(ability, score) if isinstance(score, float) else None
                if why:
                    self.problem(f"{at}.{ability}", f"expected {why} for {kind.name}, found {score:g}")

    def education(self, education: Any, path: str) -> None:
        """Each credential: exact country, completed (and assessed) on or before today, after birth."""
        if not given(education):
            return
        for i, e in enumerate(education):
            if e is None:
                continue
            at = f"{path}[{i}]"
            self.country(e.country, at)
            self.past(e.completed, at, "completed", "a completed credential")
            years = e.years
            if isinstance(years, int) and not isinstance(years, bool) and years <= 0:
                self.problem(f"{at}.years", f"expected a length of 1 year or more, found {years}")
            if given(e.eca):
                self.past(e.eca.issued, f"{at}.eca", "issued", "an ECA issued")
                if (isinstance(e.eca.issued, dt.date) and isinstance(e.completed, dt.date)
                        and e.eca.issued < e.completed):
                    self.problem(f"{at}.eca.issued", f"expected a date on or after the credential was completed "
                                                     f"({e.completed}), found {e.eca.issued}")

    def offer(self, offer: Any) -> None:
        """A job offer: code, hours a week, no negative wage, a duration of at least a month."""
        if not given(offer):
            return
        self.code(offer.noc, "$.job_offer", "noc")
        if offer.hours_per_week is not None:
            self.hours(offer.hours_per_week, "$.job_offer")
        for name in ("wage_hourly", "wage_annual"):
            wage = getattr(offer, name)
            if isinstance(wage, float) and wage < 0:
                self.problem(f"$.job_offer.{name}", f"expected a wage of 0 or more, found {wage:g}")
        if isinstance(offer.duration_months, int) and not 1 <= offer.duration_months <= 1200:
            self.problem("$.job_offer.duration_months",
                         f"expected 1 to 1200 months (or null: no end date), found {offer.duration_months}")

    def nomination(self, nomination: Any) -> None:
        """An Express Entry-aligned nomination: from a province or territory with a nominee program."""
        if given(nomination) and nomination.province == "QC":
            # Quebec selects its own immigrants (the Canada-Quebec Accord) and nominates no one under the PNP.
            self.problem("$.provincial_nomination.province",
                         "expected a province or territory with a Provincial Nominee Program (Quebec has none: it "
                         "selects its own skilled workers and issues no Express Entry nomination), found QC")

    def certificates(self, certs: Any) -> None:
        """Certificates of qualification: a trade code, issued by a province, territory or federal authority, in the
        past."""
        if not given(certs):
            return
        for i, c in enumerate(certs):
            if c is None:
                continue
            at = f"$.certificates_of_qualification[{i}]"
            self.code(c.noc, at, "noc")
            if (isinstance(c.issued_by, str) and issuing_province(c.issued_by) is None
                    and not federal_issuer(c.issued_by)):
                tip = did_you_mean(c.issued_by.strip().upper(), PROVINCES)
                self.problem(f"{at}.issued_by", f"expected the province, territory or federal authority that issued "
                                                f"it (a code, {' '.join(PROVINCES)}, a body named after one such as "
                                                f"Skilled Trades Ontario, or federal), found {found(c.issued_by)}{tip}")
            self.past(c.issued, at, "issued", "a certificate issued")

    def person(self) -> None:
        """Birth, children, family size, funds and the spouse, against each other."""
        p = self.p
        if isinstance(p.birth_date, dt.date):
            birth = p.birth_date
            # Age is measured from the real today even when a what-if moves ``today`` to allow future dates.
            # A what-if's tests, offers and jobs may be hypotheses in the future; a birth never is.
            today = min(self.today, self.now)
            oldest = oldest_birth(today)
            if birth > today:
                self.problem("$.birth_date", f"expected a date on or before today ({today}), found {birth}")
            elif birth < oldest:
                self.problem("$.birth_date", f"expected a person at most {MAX_AGE_YEARS} years old (born on "
                                             f"or after {oldest}), found {birth}")
        if isinstance(p.children, int) and not 0 <= p.children <= MAX_CHILDREN:
            self.problem("$.children", f"expected 0 to {MAX_CHILDREN}, found {p.children}")
        if isinstance(p.funds_cad, float) and p.funds_cad < 0:
            self.problem("$.funds_cad", f"expected 0 or more, found {p.funds_cad:g}")
        partnered = p.marital_status in PARTNERED
        if isinstance(p.family_size, int):
            implied = 1 + partnered + (p.children if isinstance(p.children, int) and p.children >= 0 else 0)
            if not implied <= p.family_size <= MAX_FAMILY_SIZE:
                why = (f"1 + {'a spouse + ' if partnered else ''}{p.children if isinstance(p.children, int) else 0} "
                       f"children = {implied}")
                self.problem("$.family_size", f"expected {implied} to {MAX_FAMILY_SIZE} (at least {why}), "
                                              f"found {p.family_size}")
        single = isinstance(p.marital_status, str) and not partnered
        if given(p.spouse) and single:
            self.problem("$.spouse", f"a spouse is given but marital_status is {p.marital_status}; "
                                     f"expected married or common_law")
        if p.spouse is None and partnered and "spouse" in self.said_none:
            self.problem("$.spouse", f"marital_status is {p.marital_status} but spouse says none; describe "
                                     f"the spouse, or leave the key out if the details are not known")


#: The longest a test result may come after the test: results come within weeks (a re-mark within months); one dated
#: later would stretch the two years a result counts for (from its result date).
MAX_RESULT_DAYS = 183

#: What a rule's declaration compares the stated value with, as a message says it.
DECLARATION_VALUES = {"boolean": "true or false", "number": "a number"}


def unknown_declarations(declarations: Iterable[str], read: Collection[str], source: str) -> list[Problem]:
    """A problem for each declaration key that no rule reads (``read``), with a "did you mean"; when
    ``declarations`` holds the stated values and ``read`` maps each key to the kind of value its rules
    compare with ("boolean", "number" or "any"), a problem for each value of another kind too.

    A wrong kind is refused rather than read as a failed condition: ``has_referral: yes`` (in YAML 1.2 the
    text "yes") or ``1`` would otherwise never equal ``true``, and the program would be wrongly failed.
    """
    problems = [Problem(source, f"$.declarations.{key}",
                        f"unknown declaration: no rule reads it{did_you_mean(key, read)}")
                for key in declarations if key not in read]
    if isinstance(declarations, Mapping) and isinstance(read, Mapping):
        for key, value in declarations.items():
            want = read.get(key)
            is_bool = isinstance(value, bool)
            wrong = ((want == "boolean" and not is_bool)
                     or (want == "number" and (is_bool or not isinstance(value, int | float))))
            if wrong:
                problems.append(Problem(source, f"$.declarations.{key}",
                                        f"expected {DECLARATION_VALUES[str(want)]} (what the rules compare it "
                                        f"with), found {found(value)}"))
    return problems


@lru_cache(maxsize=64)
def oldest_birth(now: dt.date) -> dt.date:
    """The earliest birth date of a person at most MAX_AGE_YEARS old on ``now`` (worked out once per day)."""
    return now.replace(year=now.year - MAX_AGE_YEARS, day=min(now.day, 28))


def check_profile(profile: Any, source: str, today: dt.date, said_none: frozenset[str] = frozenset(),
                  now: dt.date | None = None) -> list[Problem]:
    """Every problem the types cannot catch; ``said_none`` names the top-level keys written as null or "none";
    ``now`` is the real today when the caller has read it (else it is read here)."""
    c = Checker(profile, source, today, said_none, now)
    c.person()
    c.work(profile.work, "$.work")
    c.tests(profile.language_tests, "$.language_tests")
    c.education(profile.education, "$.education")
    c.offer(profile.job_offer)
    c.nomination(profile.provincial_nomination)
    c.certificates(profile.certificates_of_qualification)
    spouse = profile.spouse
    if given(spouse):
        c.birth = None  # the spouse's birth date is not in the profile
        c.work(spouse.work, "$.spouse.work")
        c.tests(spouse.language_tests, "$.spouse.language_tests")
        c.education(spouse.education, "$.spouse.education")
    return c.problems
