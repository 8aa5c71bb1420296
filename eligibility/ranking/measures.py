"""The facts the CRS counts, read from a profile the way the Ministerial Instructions count them.

Each measure gives a level on its scale (a whole number, or the position of a named level), as a
span ``(low, high)``: exact when the profile says enough, wider when a fact is unknown, with the
profile paths that would settle it. Language measures give one span per ability.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any, cast

from attrs import frozen

from eligibility.dates import window
from eligibility.facts import CredentialFact, Facts, Person, TestFact, level_rank
from eligibility.language import ABILITIES
from eligibility.measure.offer import arranged_employment
from eligibility.measure.work import select_rows, work_table
from eligibility.profile.model import OfficialLanguage
from eligibility.rulebook.crs import NAMED_LEVELS, Counting
from eligibility.rulebook.model import Exclusion, Location
from eligibility.unknown import UNKNOWN, Unknown, known
from eligibility.work import HOURS_PER_YEAR, sweep

Span = tuple[int, int]
LEVEL_NAMES = NAMED_LEVELS["education"]
#: Measures that depend on which official language is designated first.
DESIGNATED = frozenset({"first_language", "second_language", "first_language_all"})
TOP = 10  # CLB / NCLC 10 means "10 or more"
UNKNOWN_YEARS = 10  # a work history not given: anything from none to the 10 years of the window
# MI: Canadian work experience excludes self-employment and work while a full-time student.
CANADIAN_EXCLUDED: tuple[Exclusion, ...] = ("unpaid", "self_employed", "full_time_student", "unauthorized")
SPOUSE_EXCLUDED: tuple[Exclusion, ...] = ("unpaid", "unauthorized")
FOREIGN_EXCLUDED: tuple[Exclusion, ...] = ("unpaid",)
# The rank of "two or more credentials, one of three years or more" (none = 0, secondary = 1, ...).
TWO_OR_MORE = level_rank("two_or_more") + 1
ONE_YEAR = level_rank("one_year") + 1
BACHELORS = level_rank("bachelors") + 1


@frozen
class Reading:
    """A measure read from the profile: its level(s), what was seen, the evidence, what would settle it."""

    #: A span, or for a language one span per ability (in the order of ``ABILITIES``).
    value: Span | tuple[Span, ...]
    observed: Any
    evidence: tuple[dict[str, Any], ...] = ()
    settle: tuple[str, ...] = ()


def _tagged(measure: str, reading: Reading) -> Reading:
    """The reading with its measure named in each evidence item (the result lists a factor's evidence flat)."""
    if not reading.evidence:
        return reading
    return Reading(reading.value, reading.observed, tuple({"measure": measure, **e} for e in reading.evidence),
                   reading.settle)


def accompanying_spouse(facts: Facts) -> tuple[bool | Unknown, str]:
    """Whether the CRS counts an accompanying spouse (MI s. 1), and why.

    Only a married or common-law person has one (``Facts.spouse``); a spouse who does not come to
    Canada, or who is a Canadian citizen or permanent resident, is scored as no spouse.
    """
    status, spouse = facts.profile.marital_status, facts.spouse()
    if known(status) and status not in ("married", "common_law"):
        return False, f"marital status {status}: no spouse"
    if spouse is None:
        return False, "no spouse"
    if not known(spouse):
        return UNKNOWN, "married or common-law, but the profile does not describe the spouse"
    if spouse.canadian_citizen_or_pr is True:
        return False, "the spouse is a Canadian citizen or permanent resident: scored as no spouse"
    if spouse.accompanying is False:
        return False, "the spouse is not accompanying: scored as no spouse"
    if not known(spouse.accompanying):
        return UNKNOWN, "whether the spouse is accompanying is not given"
    if not known(spouse.canadian_citizen_or_pr):
        return UNKNOWN, "whether the spouse is a Canadian citizen or permanent resident is not given"
    return True, "an accompanying spouse who is not a Canadian citizen or permanent resident"


def _best(tests: list[TestFact]) -> TestFact | None:
    """The test a person would submit: the highest lowest ability, then the highest sum (each to 10)."""
    def key(t: TestFact) -> tuple[int, int]:
        levels = [min(TOP, v) for v in t.levels.values()]
        return min(levels), sum(levels)
    return max(tests, key=key, default=None)


def _test_evidence(t: TestFact) -> dict[str, Any]:
    item: dict[str, Any] = {"test": t.test.test, "taken": t.test.taken.isoformat(), "language": t.language,
                            "levels": {a: t.levels[a] for a in ABILITIES}, "valid": t.valid}
    if t.why_not:
        item["reason"] = t.why_not
    return item


def _levels_text(t: TestFact) -> str:
    scale = "CLB" if t.language == "english" else "NCLC"
    return (f"{t.test.test} {t.test.taken}: {scale} " + "/".join(str(t.levels[a]) for a in ABILITIES)
            + " (R/W/L/S)")


class Measures:
    """Every measure of one profile on one date, for one designation of the first official language."""

    def __init__(self, facts: Facts, first_language: OfficialLanguage, counting: Counting,
                 shared: dict[str, Reading] | None = None, explain: bool = True) -> None:
        self.facts = facts
        # Without ``explain`` the readings keep their levels and what settles them, not their evidence
        # (a batch that writes only the total); the levels are read the same way either way.
        self.explain = explain
        self.counting = counting
        self.first = first_language
        self.second: OfficialLanguage = "french" if first_language == "english" else "english"
        # Readings that do not depend on the designation, shared by the Measures of both designations.
        self.shared: dict[str, Reading] = {} if shared is None else shared
        self.own: dict[str, Reading] = {}

    def read(self, measure: str) -> Reading:
        """The reading of a measure by name (the names of ``eligibility.rulebook.crs.Measure``)."""
        cache = self.own if measure in DESIGNATED else self.shared
        found = cache.get(measure)
        if found is None:
            # Each measure is a method of this class named as in the ruleset; read once per designation.
            found = getattr(self, measure)()
            cache[measure] = found = _tagged(measure, found) if self.explain else found
        return found

    def valid_languages(self) -> set[str] | None:
        """The languages of the applicant's valid tests (None when the tests are not given)."""
        tests = self.facts.tests("applicant", self.counting.test_valid_months)
        return {t.language for t in tests if t.valid} if known(tests) else None

    # --- age and education -------------------------------------------------------------------------

    def age(self) -> Reading:
        birth = self.facts.profile.birth_date
        if not known(birth):
            return Reading((0, 150), None, (), ("$.birth_date",))
        age = self.facts.age
        assert isinstance(age, int)
        return Reading((age, age), age, ({"birth_date": birth.isoformat(), "age": age},))

    def _education(self, person: Person, path: str) -> Reading:
        creds = self.facts.credentials(person, self.counting.eca_valid_months)
        if not known(creds):
            return Reading((0, len(LEVEL_NAMES) - 1), None, (), (path,))
        evidence = []
        ranks = []
        for c in creds:
            item: dict[str, Any] = {"credential": c.index, "level": c.education.level, "country": c.education.country}
            if c.level is None:
                item.update({"counted": False, "reason": c.why_not})
            else:
                item.update({"counted": True, "recognized_level": c.level, "via_eca": c.via_eca})
                ranks.append(level_rank(c.level) + 1)
            evidence.append(item)
        best = max(ranks, default=0)
        # Two or more post-secondary credentials, one of them of three years or more, rank together.
        post = [c for c in creds if c.level is not None and level_rank(c.level) + 1 >= ONE_YEAR]
        if len(post) >= 2 and any(_three_years(c) for c in post):
            best = max(best, TWO_OR_MORE)
        return Reading((best, best), LEVEL_NAMES[best], tuple(evidence))

    def education(self) -> Reading:
        return self._education("applicant", "$.education")

    def spouse_education(self) -> Reading:
        return self._education("spouse", "$.spouse.education")

    def canadian_education(self) -> Reading:
        creds = self.facts.credentials("applicant", self.counting.eca_valid_months)
        if not known(creds):
            return Reading((0, 2), None, (), ("$.education",))
        low = high = 0
        evidence, settle = [], []
        for c in creds:
            e = c.education
            if e.country != "CA" or c.level is None or level_rank(c.level) + 1 < ONE_YEAR:
                continue
            if not e.full_time:
                evidence.append({"credential": c.index, "counted": False, "reason": "not full-time study"})
                continue
            if level_rank(c.level) >= level_rank("masters") or (e.years or 0) >= 3:
                lo = hi = 2
            elif e.years is not None or c.level in ("one_year", "two_year"):
                lo = hi = 1
            else:
                lo, hi = 1, 2
                settle.append(f"$.education[{c.index}].years")
            evidence.append({"credential": c.index, "level": c.level, "years": e.years, "counted": True})
            low, high = max(low, lo), max(high, hi)
        names = ("none", "one_or_two_years", "three_years_or_more")
        return Reading((low, high), names[low] if low == high else None, tuple(evidence), tuple(settle))

    # --- languages ---------------------------------------------------------------------------------

    def _tests(self, person: Person) -> tuple[TestFact, ...] | Unknown:
        return self.facts.tests(person, self.counting.test_valid_months)

    def _language(self, person: Person, language: str | None, path: str) -> Reading:
        # The applicant's English and French readings serve both designations and the bonus: read once.
        key = f"_{person}_{language}"
        found = self.shared.get(key)
        if found is None:
            found = self.shared[key] = self._read_language(person, language, path)
        return found

    def _read_language(self, person: Person, language: str | None, path: str) -> Reading:
        tests = self._tests(person)
        if not known(tests):
            return Reading(((0, TOP),) * len(ABILITIES), None, (), (path,))
        valid = [t for t in tests if t.valid and (language is None or t.language == language)]
        best = _best(valid)
        evidence = tuple(_test_evidence(t) for t in tests
                         if language is None or t.language == language) if self.explain else ()
        if best is None:
            return Reading(((0, 0),) * len(ABILITIES), "no valid test", evidence)
        levels = tuple((level, level) for level in (min(TOP, best.levels[a]) for a in ABILITIES))
        return Reading(levels, _levels_text(best) if self.explain else None, evidence)

    def first_language(self) -> Reading:
        return self._language("applicant", self.first, "$.language_tests")

    def second_language(self) -> Reading:
        return self._language("applicant", self.second, "$.language_tests")

    def spouse_language(self) -> Reading:
        return self._language("spouse", None, "$.spouse.language_tests")

    def _all(self, reading: Reading) -> Reading:
        spans = cast(tuple[Span, ...], reading.value)
        return Reading((min(s[0] for s in spans), min(s[1] for s in spans)),
                       reading.observed, reading.evidence, reading.settle)

    def first_language_all(self) -> Reading:
        return self._all(self.first_language())

    def english_all(self) -> Reading:
        return self._all(self._language("applicant", "english", "$.language_tests"))

    def french_all(self) -> Reading:
        return self._all(self._language("applicant", "french", "$.language_tests"))

    # --- work --------------------------------------------------------------------------------------

    def _years(self, person: Person, location: Location, exclude: tuple[Exclusion, ...], path: str) -> Reading:
        # The person's work table is the evaluation's own (built once per Facts): the CRS counts the same jobs.
        table = work_table(self.facts, person)
        if table is None:
            return Reading((0, UNKNOWN_YEARS), None, (), (path,))
        first, last = window(self.facts.as_of, self.counting.work_window_months)
        certain, uncertain, left_out = select_rows(table, self.counting.skilled, first, last, location, exclude)
        parts = [part for _, part in certain]
        total, shares = sweep(parts, table.cap_units)
        # Jobs that may or may not count (no NOC code) only widen the span: without them it is exact.
        top = sweep(parts + [part for _, part in uncertain], table.cap_units)[0] if uncertain else total
        per_hour = 7 * table.units  # sweep counts in units of 1 / (7 x units) of an hour
        settle = tuple(f"{path}[{row.index}].noc" for row, _ in uncertain)
        year = HOURS_PER_YEAR * per_hour
        years = (int(total // year), int(top // year))
        if not self.explain:
            return Reading(years, None, (), settle)
        evidence: list[dict[str, Any]] = []
        for row, (index, start, end, _) in certain:
            evidence.append({"job": index, "title": row.fact.entry.title, "noc": row.noc, "counted": True,
                             "from": dt.date.fromordinal(start).isoformat(),
                             "to": dt.date.fromordinal(end).isoformat(),
                             "hours": round(float(Fraction(shares[index]) / per_hour), 1)})
        evidence += [{"job": row.index, "title": row.fact.entry.title, "counted": False,
                      "reason": "no NOC code: it may or may not count"} for row, _ in uncertain]
        evidence += left_out  # select_rows gives the left-out jobs as evidence items already
        observed = {"hours": round(float(Fraction(total, per_hour)), 1), "years": years[0],
                    "from": first.isoformat(), "to": last.isoformat()}
        return Reading(years, observed, tuple(evidence), settle)

    def canadian_work_years(self) -> Reading:
        return self._years("applicant", "canada", CANADIAN_EXCLUDED, "$.work")

    def foreign_work_years(self) -> Reading:
        return self._years("applicant", "abroad", FOREIGN_EXCLUDED, "$.work")

    def spouse_canadian_work_years(self) -> Reading:
        return self._years("spouse", "canada", SPOUSE_EXCLUDED, "$.spouse.work")

    # --- additional --------------------------------------------------------------------------------

    def certificate_of_qualification(self) -> Reading:
        certs = self.facts.profile.certificates_of_qualification
        if not known(certs):
            return Reading((0, 1), None, (), ("$.certificates_of_qualification",))
        held = [c for c in certs if c.issued is None or c.issued <= self.facts.as_of]
        evidence = tuple({"certificate": i, "noc": c.noc, "issued_by": c.issued_by} for i, c in enumerate(held))
        return Reading((1, 1) if held else (0, 0), "yes" if held else "no", evidence)

    def provincial_nomination(self) -> Reading:
        nomination = self.facts.profile.provincial_nomination
        if not known(nomination):
            return Reading((0, 1), None, (), ("$.provincial_nomination",))
        if nomination is None:
            return Reading((0, 0), "no")
        item = {"province": nomination.province, "issued": nomination.issued.isoformat()}
        if nomination.issued > self.facts.as_of:
            return Reading((0, 0), "no", ({**item, "counted": False, "reason": "issued after the date"},))
        return Reading((1, 1), "yes", ({**item, "counted": True},))

    def arranged_employment(self) -> Reading:
        outcome, detail, evidence = arranged_employment(self.facts, self.counting.arranged_employment)
        offer = self.facts.profile.job_offer
        noc = getattr(offer, "noc", None) if known(offer) else None
        top = 2 if noc is None or noc.startswith("00") else 1
        if outcome == "fail":
            return Reading((0, 0), "none", tuple(evidence))
        if outcome == "unknown":
            settle = ("$.job_offer",) if not known(offer) else ("$.job_offer", "$.work")
            return Reading((0, top), None, tuple(evidence), settle)
        return Reading((top, top), "major_group_00" if top == 2 else "other",
                       ({"offer": detail, "noc": noc}, *evidence))

    def sibling_in_canada(self) -> Reading:
        relatives = self.facts.profile.relatives_in_canada
        if not known(relatives):
            return Reading((0, 1), None, (), ("$.relatives_in_canada",))
        has = "sibling" in relatives
        return Reading((1, 1) if has else (0, 0), "yes" if has else "no")


def _three_years(c: CredentialFact) -> bool:
    """A credential of a program of three years or more (a bachelor's or higher, or stated length)."""
    assert c.level is not None
    return level_rank(c.level) + 1 >= BACHELORS or (c.education.years or 0) >= 3
