"""The facts the CRS counts, read from a profile the way the Ministerial Instructions count them.

Each measure gives a level on its scale (a whole number, or the position of a named level), as a
span ``(low, high)``: exact when the profile says enough, wider when a fact is unknown, with the
profile paths that would settle it. Language measures give one span per ability. The years of work
are read in ``eligibility.ranking.work_years``.
"""

from __future__ import annotations

from collections.abc import Callable

from eligibility.facts import CredentialFact, Facts, Person, level_rank
from eligibility.measure.offer import arranged_employment
from eligibility.profile.model import OfficialLanguage
from eligibility.ranking.languages import read_language
from eligibility.ranking.reading import Reading, Span
from eligibility.ranking.work_years import (
    CANADIAN_EXCLUDED,
    FOREIGN_EXCLUDED,
    SPOUSE_EXCLUDED,
    UNKNOWN_YEARS,
    work_years,
)
from eligibility.rulebook.crs import NAMED_LEVELS, Counting
from eligibility.unknown import UNKNOWN, Unknown, known

__all__ = ["CANADIAN_EXCLUDED", "DESIGNATED", "FOREIGN_EXCLUDED", "SPOUSE_EXCLUDED", "UNKNOWN_YEARS", "Measures",
           "Reading", "Span", "accompanying_spouse"]

LEVEL_NAMES = NAMED_LEVELS["education"]
#: Measures that depend on which official language is designated first.
DESIGNATED = frozenset({"first_language", "second_language", "first_language_all"})
# The rank of "two or more credentials, one of three years or more" (none = 0, secondary = 1, ...).
TWO_OR_MORE = level_rank("two_or_more") + 1
ONE_YEAR = level_rank("one_year") + 1
BACHELORS = level_rank("bachelors") + 1
MASTERS = level_rank("masters")


def _tagged(measure: str, reading: Reading) -> Reading:
    """A reading shared by several measures (a language's), with this measure named in each evidence item."""
    if not reading.evidence:
        return reading
    return reading._replace(evidence=tuple({"measure": measure, **e} for e in reading.evidence))


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


class Measures:
    """Every measure of one profile on one date, for one designation of the first official language."""

    def __init__(self, facts: Facts, first_language: OfficialLanguage, counting: Counting,
                 shared: dict[tuple[str, str | None], Reading] | None = None, explain: bool = True) -> None:
        self.facts = facts
        # Without ``explain`` the readings keep their levels and what settles them, not their evidence
        # (a batch that writes only the total); the levels are read the same way either way.
        self.explain = explain
        self.counting = counting
        self.first = first_language
        self.second: OfficialLanguage = "french" if first_language == "english" else "english"
        # The language readings, shared by the Measures of both designations (see ``_language``).
        self.shared: dict[tuple[str, str | None], Reading] = {} if shared is None else shared

    def read(self, measure: str) -> Reading:
        """The reading of a measure by name (the names of ``eligibility.rulebook.crs.Measure``).

        Each measure is a method of this class named as in the ruleset; each call reads it again (a score
        reads each measure once, and for the other designation only the designated ones again).
        """
        reader: Callable[[], Reading] = getattr(self, measure)
        return reader()

    # --- age and education -------------------------------------------------------------------------

    def age(self) -> Reading:
        birth = self.facts.profile.birth_date
        if not known(birth):
            return Reading((0, 150), None, (), ("$.birth_date",))
        age = self.facts.age
        assert isinstance(age, int)
        if not self.explain:
            return Reading((age, age), age)
        return Reading((age, age), age, ({"measure": "age", "birth_date": birth.isoformat(), "age": age},))

    def _education(self, measure: str, person: Person, path: str) -> Reading:
        creds = self.facts.credentials(person, self.counting.eca_valid_months)
        if not known(creds):
            return Reading((0, len(LEVEL_NAMES) - 1), None, (), (path,))
        evidence = []
        best = post = 0
        three_years = False
        for c in creds:
            e = c.education
            if c.level is None:
                if self.explain:
                    evidence.append({"measure": measure, "credential": c.index, "level": e.level,
                                     "country": e.country, "counted": False, "reason": c.why_not})
                continue
            if self.explain:
                evidence.append({"measure": measure, "credential": c.index, "level": e.level, "country": e.country,
                                 "counted": True, "recognized_level": c.level, "via_eca": c.via_eca})
            rank = level_rank(c.level) + 1
            best = max(best, rank)
            if rank >= ONE_YEAR:
                post += 1
                three_years = three_years or _three_years(c)
        # Two or more post-secondary credentials, one of them of three years or more, rank together.
        if post >= 2 and three_years:
            best = max(best, TWO_OR_MORE)
        return Reading((best, best), LEVEL_NAMES[best], tuple(evidence))

    def education(self) -> Reading:
        return self._education("education", "applicant", "$.education")

    def spouse_education(self) -> Reading:
        return self._education("spouse_education", "spouse", "$.spouse.education")

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
                evidence.append({"measure": "canadian_education", "credential": c.index, "counted": False,
                                 "reason": "not full-time study"})
                continue
            if level_rank(c.level) >= MASTERS or (e.years or 0) >= 3:
                lo = hi = 2
            elif e.years is not None or c.level in ("one_year", "two_year"):
                lo = hi = 1
            else:
                lo, hi = 1, 2
                settle.append(f"$.education[{c.index}].years")
            evidence.append({"measure": "canadian_education", "credential": c.index, "level": c.level,
                             "years": e.years, "counted": True})
            low, high = max(low, lo), max(high, hi)
        names = ("none", "one_or_two_years", "three_years_or_more")
        return Reading((low, high), names[low] if low == high else None, tuple(evidence) if self.explain else (),
                       tuple(settle))

    # --- languages ---------------------------------------------------------------------------------

    def _language(self, person: Person, language: str | None, path: str) -> Reading:
        # The applicant's English and French readings serve both designations and the bonus: read once.
        key = (person, language)
        found = self.shared.get(key)
        if found is None:
            found = self.shared[key] = read_language(self.facts.tests(person, self.counting.test_valid_months),
                                                     language, path, self.explain)
        return found

    def first_language(self) -> Reading:
        return self._tag("first_language", self._language("applicant", self.first, "$.language_tests"))

    def second_language(self) -> Reading:
        return self._tag("second_language", self._language("applicant", self.second, "$.language_tests"))

    def spouse_language(self) -> Reading:
        return self._tag("spouse_language", self._language("spouse", None, "$.spouse.language_tests"))

    def _tag(self, measure: str, reading: Reading) -> Reading:
        return _tagged(measure, reading) if self.explain else reading

    def _all(self, measure: str, reading: Reading) -> Reading:
        """The lowest ability of a language reading, with this measure named in its evidence."""
        evidence = tuple({"measure": measure, **e} for e in reading.evidence) if self.explain else ()
        return Reading(reading.value, reading.observed, evidence, reading.settle)

    def first_language_all(self) -> Reading:
        return self._all("first_language_all", self._language("applicant", self.first, "$.language_tests"))

    def english_all(self) -> Reading:
        return self._all("english_all", self._language("applicant", "english", "$.language_tests"))

    def french_all(self) -> Reading:
        return self._all("french_all", self._language("applicant", "french", "$.language_tests"))

    # --- work (eligibility.ranking.work_years) ---------------------------------------------------------

    def canadian_work_years(self) -> Reading:
        return work_years(self.facts, self.counting, self.explain, "canadian_work_years", "applicant", "canada",
                          CANADIAN_EXCLUDED, "$.work")

    def foreign_work_years(self) -> Reading:
        return work_years(self.facts, self.counting, self.explain, "foreign_work_years", "applicant", "abroad",
                          FOREIGN_EXCLUDED, "$.work")

    def spouse_canadian_work_years(self) -> Reading:
        return work_years(self.facts, self.counting, self.explain, "spouse_canadian_work_years", "spouse", "canada",
                          SPOUSE_EXCLUDED, "$.spouse.work")

    # --- additional --------------------------------------------------------------------------------

    def certificate_of_qualification(self) -> Reading:
        certs = self.facts.profile.certificates_of_qualification
        if not known(certs):
            return Reading((0, 1), None, (), ("$.certificates_of_qualification",))
        held = [c for c in certs if c.issued is None or c.issued <= self.facts.as_of]
        evidence = tuple({"measure": "certificate_of_qualification", "certificate": i, "noc": c.noc,
                          "issued_by": c.issued_by} for i, c in enumerate(held)) if self.explain else ()
        return Reading((1, 1) if held else (0, 0), "yes" if held else "no", evidence)

    def provincial_nomination(self) -> Reading:
        nomination = self.facts.profile.provincial_nomination
        if not known(nomination):
            return Reading((0, 1), None, (), ("$.provincial_nomination",))
        if nomination is None:
            return Reading((0, 0), "no")
        item = {"measure": "provincial_nomination", "province": nomination.province,
                "issued": nomination.issued.isoformat()}
        if nomination.issued > self.facts.as_of:
            return Reading((0, 0), "no", ({**item, "counted": False, "reason": "issued after the date"},))
        return Reading((1, 1), "yes", ({**item, "counted": True},))

    def arranged_employment(self) -> Reading:
        outcome, detail, checks = arranged_employment(self.facts, self.counting.arranged_employment)
        evidence = tuple({"measure": "arranged_employment", **e} for e in checks) if self.explain else ()
        offer = self.facts.profile.job_offer
        noc = getattr(offer, "noc", None) if known(offer) else None
        top = 2 if noc is None or noc.startswith("00") else 1
        if outcome == "fail":
            return Reading((0, 0), "none", evidence)
        if outcome == "unknown":
            settle = ("$.job_offer",) if not known(offer) else ("$.job_offer", "$.work")
            return Reading((0, top), None, evidence, settle)
        found = {"measure": "arranged_employment", "offer": detail, "noc": noc}
        return Reading((top, top), "major_group_00" if top == 2 else "other",
                       (found, *evidence) if self.explain else ())

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
