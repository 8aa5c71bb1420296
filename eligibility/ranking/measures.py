"""The facts the CRS counts, read from a profile the way the Ministerial Instructions count them.

Each measure gives a level on its scale (a whole number, or the position of a named level), as a
span ``(low, high)``: exact when the profile says enough, wider when a fact is unknown, with the
profile paths that would settle it. Language measures give one span per ability. The years of work
are read in ``eligibility.ranking.work_years``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eligibility.facts import Facts, Person, level_rank, together
from eligibility.measure.offer import arranged_checks
from eligibility.profile.model import EDUCATION_ORDER
from eligibility.ranking.languages import each_test, read_language
from eligibility.ranking.reading import Reading, Span, iso_date, reading_of
from eligibility.ranking.work_years import (
    CANADIAN_EXCLUDED,
    FOREIGN_EXCLUDED,
    SPOUSE_EXCLUDED,
    UNKNOWN_YEARS,
    applicant_work_years,
    work_years,
)
from eligibility.rulebook.crs import NAMED_LEVELS, Counting
from eligibility.unknown import UNKNOWN, Unknown

__all__ = ["CANADIAN_EXCLUDED", "DESIGNATED", "FOREIGN_EXCLUDED", "LANGUAGE", "READERS", "SPOUSE_EXCLUDED",
           "UNKNOWN_YEARS", "Reader", "Reading", "Span", "accompanying_spouse", "tagged"]

LEVEL_NAMES = NAMED_LEVELS["education"]
#: Measures that depend on which official language is designated first.
DESIGNATED = frozenset({"first_language", "second_language", "first_language_all"})
#: The measures read from the applicant's English and French readings (``eligibility.ranking.compute``).
LANGUAGE = DESIGNATED | {"english_all", "french_all"}
#: Each level of education's rank: none = 0, secondary = 1, ... (a credential's level is one of them).
RANKS: dict[str, int] = {level: rank + 1 for rank, level in enumerate(EDUCATION_ORDER)}
# The rank of "two or more credentials, one of three years or more".
TWO_OR_MORE = RANKS["two_or_more"]
ONE_YEAR = RANKS["one_year"]
BACHELORS = RANKS["bachelors"]
MASTERS = level_rank("masters")


def accompanying_spouse(facts: Facts) -> tuple[bool | Unknown, str]:
    """Whether the CRS counts an accompanying spouse (MI s. 1), and why.

    Only a married or common-law person has one (``Facts.spouse``); a spouse who does not come to
    Canada, or who is a Canadian citizen or permanent resident, is scored as no spouse.
    """
    # ``is UNKNOWN`` rather than ``known``: a call less each.
    status, spouse = facts.profile.marital_status, facts.spouse()
    if status is not UNKNOWN and status not in ("married", "common_law"):
        return False, f"marital status {status}: no spouse"
    if spouse is None:
        return False, "no spouse"
    if spouse is UNKNOWN:
        return UNKNOWN, "married or common-law, but the profile does not describe the spouse"
    if spouse.canadian_citizen_or_pr is True:
        return False, "the spouse is a Canadian citizen or permanent resident: scored as no spouse"
    if spouse.accompanying is False:
        return False, "the spouse is not accompanying: scored as no spouse"
    if spouse.accompanying is UNKNOWN:
        return UNKNOWN, "whether the spouse is accompanying is not given"
    if spouse.canadian_citizen_or_pr is UNKNOWN:
        return UNKNOWN, "whether the spouse is a Canadian citizen or permanent resident is not given"
    return True, "an accompanying spouse who is not a Canadian citizen or permanent resident"


class Reader:
    """What reading the measures of one profile on one date takes: its facts, the version's counting rules, and
    whether the readings keep their evidence (without ``explain`` they keep their levels and what settles them,
    for a batch that writes only the total; the levels are read the same way either way).

    ``foreign`` holds the applicant's foreign work years once read with the Canadian ones (every version reads
    both, the Canadian first: ``canadian_work_years``); ``spouses`` the spouse's tests to choose from."""

    __slots__ = ("counting", "explain", "facts", "foreign", "spouses")

    def __init__(self, facts: Facts, counting: Counting, explain: bool = True) -> None:
        self.facts = facts
        self.counting = counting
        self.explain = explain
        self.foreign: Reading | None = None
        #: The spouse's reading of each valid test when two or more differ (``languages.each_test``), set by
        #: ``spouse_language``: the score takes the one that scores the most.
        self.spouses: tuple[Reading, ...] = ()


# --- age and education -----------------------------------------------------------------------------

_AGE_UNKNOWN = Reading((0, 150), None, (), ("$.birth_date",))


def age(m: Reader) -> Reading:
    """Whole years on the date (the evaluation's own age)."""
    birth = m.facts.profile.birth_date
    if birth is UNKNOWN:
        return _AGE_UNKNOWN
    years = m.facts.age
    assert isinstance(years, int)
    if not m.explain:
        return reading_of(((years, years), years, (), (), ()))
    return reading_of(((years, years), years, ({"measure": "age", "birth_date": iso_date(birth), "age": years},),
                       (), ()))


#: The reading of an education not given, by its path (the same for everyone).
_EDUCATION_UNKNOWN = {path: Reading((0, len(LEVEL_NAMES) - 1), None, (), (path,))
                      for path in ("$.education", "$.spouse.education")}


def _education(m: Reader, measure: str, person: Person, path: str) -> Reading:
    creds = m.facts.credentials(person, m.counting.eca_valid_months)
    if creds is UNKNOWN:
        return _EDUCATION_UNKNOWN[path]
    explain = m.explain
    evidence = []
    best = post = 0
    for c in creds:
        e = c.education
        if c.level is None:
            if explain:
                evidence.append({"measure": measure, "credential": c.index, "level": e.level,
                                 "country": e.country, "counted": False, "reason": c.why_not})
            continue
        if explain:
            evidence.append({"measure": measure, "credential": c.index, "level": e.level, "country": e.country,
                             "counted": True, "recognized_level": c.level, "via_eca": c.via_eca})
        rank = RANKS[c.level]
        if rank > best:
            best = rank
        if rank >= ONE_YEAR:
            post += 1
    # Two or more post-secondary credentials, one of them of three years or more, rank together (``together``, asked
    # only when there are two).
    if best < TWO_OR_MORE and post > 1:
        if together(creds):
            best = TWO_OR_MORE
        elif maybe := together(creds, maybe=True):
            # One of them without its length may be of three years or more: "two or more" or its own level, settled
            # by the years of each such credential below a bachelor's.
            settle = tuple([f"{path}[{c.index}].years" for c in maybe
                            if c.education.years is None and not c.via_eca
                            and RANKS[c.level] < BACHELORS])  # type: ignore[index]
            return reading_of(((best, TWO_OR_MORE), None, tuple(evidence), settle, ()))
    return reading_of(((best, best), LEVEL_NAMES[best], tuple(evidence), (), ()))


def education(m: Reader) -> Reading:
    """The highest recognized credential (two or more, one of three years, rank together)."""
    return _education(m, "education", "applicant", "$.education")


def spouse_education(m: Reader) -> Reading:
    """The spouse's highest recognized credential."""
    return _education(m, "spouse_education", "spouse", "$.spouse.education")


_CANADIAN_NAMES = ("none", "one_or_two_years", "three_years_or_more")


def canadian_education(m: Reader) -> Reading:
    """The highest full-time Canadian post-secondary credential: 1 or 2 years, or 3 years or more."""
    creds = m.facts.credentials("applicant", m.counting.eca_valid_months)
    if creds is UNKNOWN:
        return Reading((0, 2), None, (), ("$.education",))
    low = high = 0
    evidence, settle = [], []
    for c in creds:
        e = c.education
        if e.country != "CA" or c.level is None or RANKS[c.level] < ONE_YEAR:
            continue
        waived = False
        if not e.full_time:
            waiver = m.counting.study_waiver
            # The waiver reaches a credential with any part completed in its period: one completed inside it
            # surely, one completed before it never, one completed after it (or on an unknown day) perhaps, as
            # the profile does not say when the study started.
            surely = waiver is not None and e.completed is not None and waiver.from_day <= e.completed <= waiver.to_day
            perhaps = waiver is not None and not surely and (e.completed is None or e.completed > waiver.to_day)
            if not surely and not perhaps:
                evidence.append({"measure": "canadian_education", "credential": c.index, "counted": False,
                                 "reason": "not full-time study"})
                continue
            waived = True
        if RANKS[c.level] > MASTERS or (e.years or 0) >= 3:
            lo = hi = 2
        elif e.years is not None:
            lo = hi = 1
        else:
            # Its length not given: 1 or 2 years, or 3 years or more, whatever its level below a master's (a
            # credential's years are its length, read apart from its level: docs/crs.md).
            lo, hi = 1, 2
            settle.append(f"$.education[{c.index}].years")
        item: dict[str, Any] = {"measure": "canadian_education", "credential": c.index, "level": c.level,
                                "years": e.years, "counted": True}
        if waived:
            assert m.counting.study_waiver is not None
            span = f"{m.counting.study_waiver.from_day} to {m.counting.study_waiver.to_day}"
            if perhaps:
                lo = 0
                item.update(counted=None, reason=f"part-time study: counts only if a part of it was completed "
                                                 f"from {span} (IRCC's waiver of 2022-07-28)")
            else:
                item["reason"] = f"part-time study, completed within {span}: counted (IRCC's waiver of 2022-07-28)"
        evidence.append(item)
        low, high = max(low, lo), max(high, hi)
    return reading_of(((low, high), _CANADIAN_NAMES[low] if low == high else None,
                       tuple(evidence) if m.explain else (), tuple(settle), ()))


# --- languages -------------------------------------------------------------------------------------

def tagged(measure: str, reading: Reading) -> Reading:
    """A reading shared by several measures (a language's), with this measure named in each evidence item (the
    same reading when it has no evidence: a result reads its words, evidence and paths, all unchanged). Each item
    of the shared reading holds the key ``measure`` first, not yet named (``languages.read_language``)."""
    if not reading.evidence:
        return reading
    value, observed, evidence, settle, abilities = reading
    return reading_of((value, observed, tuple([named(e, measure) for e in evidence]), settle, abilities))


def named(item: dict[str, Any], measure: str) -> dict[str, Any]:
    """A copy of an evidence item of a shared language reading, its measure named."""
    found = item.copy()
    found["measure"] = measure
    return found


def spouse_language(m: Reader) -> Reading:
    """The spouse's valid test, in either language, per ability: ``read_language``'s, and when two or more valid tests
    differ, each of them in ``m.spouses`` (the score takes the one that scores the most)."""
    tests = m.facts.tests("spouse", m.counting.test_valid_months)
    explain = m.explain
    found = read_language(tests, None, "$.spouse.language_tests", explain)
    if tests is not UNKNOWN and len(tests) > 1:
        m.spouses = tuple([tagged("spouse_language", r) for r in each_test(tests, None, explain)]) if explain else (
            each_test(tests, None, explain))
    return tagged("spouse_language", found) if explain else found


# --- work (eligibility.ranking.work_years) -----------------------------------------------------------

def canadian_work_years(m: Reader) -> Reading:
    """Whole years of skilled work in Canada in the window (the years abroad read with them, kept for
    ``foreign_work_years``: the same jobs, looked at once)."""
    canadian, m.foreign = applicant_work_years(m.facts, m.counting, m.explain)
    return canadian


def foreign_work_years(m: Reader) -> Reading:
    """Whole years of skilled work abroad in the window."""
    found = m.foreign
    if found is not None:
        return found
    return work_years(m.facts, m.counting, m.explain, "foreign_work_years", "applicant", "abroad",
                      FOREIGN_EXCLUDED, "$.work")


def spouse_canadian_work_years(m: Reader) -> Reading:
    """The spouse's whole years of skilled work in Canada in the window."""
    return work_years(m.facts, m.counting, m.explain, "spouse_canadian_work_years", "spouse", "canada",
                      SPOUSE_EXCLUDED, "$.spouse.work")


# --- additional ------------------------------------------------------------------------------------

_CERTIFICATE_UNKNOWN = Reading((0, 1), None, (), ("$.certificates_of_qualification",))
_NO_CERTIFICATE = Reading((0, 0), "no")


def certificate_of_qualification(m: Reader) -> Reading:
    """A trade certificate issued on or before the date."""
    certs = m.facts.profile.certificates_of_qualification
    if certs is UNKNOWN:
        return _CERTIFICATE_UNKNOWN
    if not certs:
        return _NO_CERTIFICATE
    day = m.facts.as_of
    held = [c for c in certs if c.issued is None or c.issued <= day]
    evidence = tuple([{"measure": "certificate_of_qualification", "certificate": i, "noc": c.noc,
                       "issued_by": c.issued_by} for i, c in enumerate(held)]) if m.explain else ()
    return reading_of(((1, 1) if held else (0, 0), "yes" if held else "no", evidence, (), ()))


_NOMINATION_UNKNOWN = Reading((0, 1), None, (), ("$.provincial_nomination",))
_NO_NOMINATION = Reading((0, 0), "no")


def provincial_nomination(m: Reader) -> Reading:
    """An Express Entry-aligned nomination issued on or before the date."""
    nomination = m.facts.profile.provincial_nomination
    if nomination is UNKNOWN:
        return _NOMINATION_UNKNOWN
    if nomination is None:
        return _NO_NOMINATION
    item = {"measure": "provincial_nomination", "province": nomination.province,
            "issued": iso_date(nomination.issued)}
    if nomination.issued > m.facts.as_of:
        return Reading((0, 0), "no", ({**item, "counted": False, "reason": "issued after the date"},))
    return Reading((1, 1), "yes", ({**item, "counted": True},))


_NO_OFFER = Reading((0, 0), "none")


def arranged_employment(m: Reader) -> Reading:
    """A qualifying offer of arranged employment: in NOC major group 00, or another."""
    offer = m.facts.profile.job_offer
    if offer is None:
        return _NO_OFFER  # no offer: nothing to check, no evidence
    # The checks as the evaluation decided them (kept per Facts): each check's outcome and words.
    outcome, detail, parts, details = arranged_checks(m.facts, m.counting.arranged_employment, m.counting.skilled_2016)
    evidence = tuple([{"measure": "arranged_employment", "check": k, "outcome": parts[k], "detail": d}
                      for k, d in details.items()]) if m.explain else ()
    noc = getattr(offer, "noc", None) if offer is not UNKNOWN else None
    top = 2 if noc is None or noc.startswith("00") else 1
    if outcome == "fail":
        return reading_of(((0, 0), "none", evidence, (), ()))
    if outcome == "unknown":
        settle = ("$.job_offer",) if offer is UNKNOWN else ("$.job_offer", "$.work")
        return reading_of(((0, top), None, evidence, settle, ()))
    found = {"measure": "arranged_employment", "offer": detail, "noc": noc}
    return reading_of(((top, top), "major_group_00" if top == 2 else "other",
                       (found, *evidence) if m.explain else (), (), ()))


_SIBLING_UNKNOWN = Reading((0, 1), None, (), ("$.relatives_in_canada",))
_SIBLING = Reading((1, 1), "yes")
_NO_SIBLING = Reading((0, 0), "no")


def sibling_in_canada(m: Reader) -> Reading:
    """A sibling among the relatives in Canada."""
    relatives = m.facts.profile.relatives_in_canada
    if relatives is UNKNOWN:
        return _SIBLING_UNKNOWN
    return _SIBLING if "sibling" in relatives else _NO_SIBLING


#: The reader of each measure that does not depend on the designation of the first official language (those
#: that do, and the applicant's English and French, are read from the two languages' readings: ``LANGUAGE``).
READERS: dict[str, Callable[[Reader], Reading]] = {
    "age": age, "education": education, "spouse_education": spouse_education,
    "canadian_education": canadian_education, "spouse_language": spouse_language,
    "canadian_work_years": canadian_work_years, "foreign_work_years": foreign_work_years,
    "spouse_canadian_work_years": spouse_canadian_work_years,
    "certificate_of_qualification": certificate_of_qualification, "provincial_nomination": provincial_nomination,
    "arranged_employment": arranged_employment, "sibling_in_canada": sibling_in_canada,
}
