"""The CRS score of a profile on a date: pick the version, the spouse case and the first official
language, score, and build the typed result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from operator import is_
from typing import Any, NamedTuple

import attrs
from attrs import field, frozen

from eligibility import __version__
from eligibility.engines.run import profile_digest
from eligibility.facts import Facts
from eligibility.freshness import checked_caveat, reported_caveats
from eligibility.profile.model import OfficialLanguage, Profile
from eligibility.ranking.build import cite, factor_scores, layout, section_scores
from eligibility.ranking.languages import each_test, read_languages
from eligibility.ranking.measures import LANGUAGE, Reader, Reading, accompanying_spouse
from eligibility.ranking.plan import Readers, differing
from eligibility.ranking.score import Plan, Scored, better, better_each, plan, score_again, score_plan, widen
from eligibility.record import Record
from eligibility.result import (
    Caveat,
    CrsResult,
    CrsVersionRef,
    Designation,
    FactorScore,
    Receipt,
    RoundsMet,
)
from eligibility.rulebook.crs import CrsRules, CrsVersion
from eligibility.rulebook.library import Library
from eligibility.unknown import UNKNOWN, Unknown

RULES_ID = "crs"
#: ``tuple.__new__``: a ``Chosen`` made by it skips the named tuple's own ``__new__``, a Python function.
_new = tuple.__new__


class Chosen(NamedTuple):
    """The score of the designation chosen, over the spouse case(s), with what it read (a named tuple: one is made
    for every score)."""

    scored: Scored
    plans: tuple[Plan, ...]
    readings: dict[str, Reading]
    designation: Designation
    with_spouse: bool | None
    spouse: str


def score_on(profile: Profile, version: CrsVersion, facts: Facts, explain: bool = True) -> Chosen:
    """The score for one version: spouse case(s), first-language designation, spans (``explain=False``: the
    readings without their evidence)."""
    with_spouse, why = accompanying_spouse(facts)
    plans, needed, redo = _case(version, with_spouse)
    counting = version.counting
    # A Reader made without calling its class (``Reader.__init__``'s five fields set here: a class with a Python
    # ``__init__`` is called through CPython 3.11's generic path).
    reader = _object_new(Reader)
    reader.facts, reader.counting, reader.explain, reader.foreign, reader.spouses = facts, counting, explain, None, ()
    # Into a copy of a dict that holds every measure this case reads (``_case``): set in place, never grown.
    readings = _BLANK[id(needed)].copy()
    for m, read in needed:
        readings[m] = read(reader)
    # The applicant's English and French, read once: every language measure is one of them, whichever language
    # is designated first (named in the evidence only for the designation chosen, below).
    tests = facts.tests("applicant", counting.test_valid_months)
    english, french = read_languages(tests, "$.language_tests", explain)
    readings["english_all"], readings["french_all"] = english, french
    stated = profile.first_official_language
    languages: set[str] | None = None
    if stated is not None:
        options: tuple[OfficialLanguage, ...] = (stated,)
    else:
        options = ("english", "french")
        languages = {t.language for t in tests if t.valid} if tests is not UNKNOWN else None
        if languages is not None and len(languages) < 2:
            # With valid tests in at most one language, designating that one first scores at least as much.
            options = ("french",) if languages == {"french"} else ("english",)
    # Two or more valid tests of a language (or of the spouse's) at different levels: each may be the one submitted
    # (``languages.each_test``), every choice scored.
    englishes: tuple[Reading, ...] = ()
    frenches: tuple[Reading, ...] = ()
    if tests is not UNKNOWN and len(tests) > 1:
        valid_english = valid_french = 0
        for t in tests:
            if t.valid:
                if t.language == "english":
                    valid_english += 1
                else:
                    valid_french += 1
        if valid_english > 1:
            englishes = each_test(tests, "english", explain)
        if valid_french > 1:
            frenches = each_test(tests, "french", explain)
    spouses = reader.spouses  # the spouse's, found by its reader (``measures.spouse_language``)
    first_plan = plans[0]
    scored: dict[OfficialLanguage, Scored] = {}
    cases: dict[OfficialLanguage, tuple[Scored, ...]] = {}
    if englishes or frenches or spouses:
        chosen, found, english, french = _choices(plans, redo, readings, options, scored, englishes or (english,),
                                                  frenches or (french,), spouses or (readings.get("spouse_language"),))
        options = ()  # scored
    previous: tuple[Scored, ...] = ()
    for d in options:
        first, second = (english, french) if d == "english" else (french, english)
        readings["first_language"] = readings["first_language_all"] = first
        readings["second_language"] = second
        # Every plan scored by its compiled function; the second designation scores again only the steps that read
        # a designated language and the sections holding them (``score_again``), the others are the first's.
        if len(plans) == 1:
            one = scored[d] = (score_again(first_plan, readings, previous[0]) if previous
                               else score_plan(first_plan, readings))
            previous = (one,)
        else:
            each = cases[d] = ((score_again(first_plan, readings, previous[0]),
                                score_again(plans[1], readings, previous[1])) if previous
                               else (score_plan(first_plan, readings), score_plan(plans[1], readings)))
            scored[d] = widen(list(each), redo)
            previous = each
    if len(options) == 1:
        chosen = options[0]
        found = scored[chosen]
    elif options:
        # The higher score (lowest, then highest points), English on a tie: compared here rather than by
        # ``max(key=...)``, a builtin called with a keyword and a Python function per option.
        e, f = scored["english"], scored["french"]
        chosen = "english" if (e.low, e.high) >= (f.low, f.high) else "french"
        found = scored[chosen]
        other_d: OfficialLanguage = "french" if chosen == "english" else "english"
        # The designation chosen scores at least as much in every case, at both ends (the common case): its score.
        # Otherwise each case takes its better one. (Compared inline: no call for the common case.)
        if cases:
            (a, b), (x, y) = cases[chosen], cases[other_d]
            if not (a.low >= x.low and a.high >= x.high and b.low >= y.low and b.high >= y.high):
                found = better_each(found, [cases[chosen], cases[other_d]])
        else:
            x = scored[other_d]
            if not (found.low >= x.low and found.high >= x.high):
                found = better(found, x)
    first, second = (english, french) if chosen == "english" else (french, english)
    if explain:
        # A language's lowest ability is its reading's value (what the steps scored): the result reads its words,
        # evidence and paths, each measure named in its evidence.
        # (``tagged``, without a call per measure; each language's measures in one loop, none for a language
        # without evidence.)
        for reading, names in ((english, _ENGLISH_FIRST), (french, _FRENCH_SECOND)) if chosen == "english" else (
                (english, _ENGLISH_SECOND), (french, _FRENCH_FIRST)):
            evidence = reading.evidence
            if evidence:
                value, observed, _, settle, abilities = reading
                *copied, last = names
                for measure in copied:
                    # Each item a copy with its measure named (``tagged``; the key is already first).
                    items = []
                    for item in evidence:
                        item = item.copy()
                        item["measure"] = measure
                        items.append(item)
                    readings[measure] = _new(Reading, (value, observed, tuple(items), settle, abilities))
                # The last measure names itself in the reading's own items, which nothing else holds: each reading
                # with evidence is made for this score (``languages._read``), and the other choices of a test
                # (``each_test``, which share their items) are dropped with it.
                for item in evidence:
                    item["measure"] = last
                readings[last] = reading
            else:
                for measure in names:
                    readings[measure] = reading
    else:
        readings["first_language"] = readings["first_language_all"] = first
        readings["second_language"] = second
        readings["english_all"], readings["french_all"] = english, french
    if stated is not None:
        designation = _STATED[chosen]
    elif len(scored) == 1:
        designation = _ONLY[chosen] if languages else _NO_TEST[chosen]
    else:
        other: OfficialLanguage = "french" if chosen == "english" else "english"
        designation = Designation(chosen, False, f"{chosen} scored as first official language: it gives "
                                                 f"{_text(scored[chosen])}, {other} first gives "
                                                 f"{_text(scored[other])}{_each(found, scored[chosen])}")
    return _new(Chosen, (found, plans, readings, designation, None if with_spouse is UNKNOWN else with_spouse, why))


#: The language measures each language's reading gives, designated first or second.
_ENGLISH_FIRST = ("first_language", "first_language_all", "english_all")
_ENGLISH_SECOND = ("second_language", "english_all")
_FRENCH_FIRST = ("first_language", "first_language_all", "french_all")
_FRENCH_SECOND = ("second_language", "french_all")
_STATED: dict[str, Designation] = {d: Designation(d, True, f"{d} as stated in the profile")
                                   for d in ("english", "french")}
_ONLY: dict[str, Designation] = {d: Designation(d, False, f"{d} scored as first official language: the only "
                                                          f"language with a valid test") for d in ("english", "french")}
_NO_TEST: dict[str, Designation] = {d: Designation(d, False, f"{d} scored as first official language: no valid test")
                                    for d in ("english", "french")}


_CASES: dict[tuple[int, bool | Unknown], tuple[CrsVersion, tuple[tuple[Plan, ...], Readers, tuple[int, ...]]]] = {}


def _case(version: CrsVersion, with_spouse: bool | Unknown) -> tuple[tuple[Plan, ...], Readers, tuple[int, ...]]:
    """The plans of a spouse case (both when whether a spouse counts is unknown), the measures they read and the
    steps the two score differently (none for one plan): kept per version and case, the same tuple of plans every
    time (``layout`` finds its layout by it)."""
    hit = _CASES.get((id(version), with_spouse))
    if hit is None or hit[0] is not version:
        if with_spouse is UNKNOWN:
            plans: tuple[Plan, ...] = (plan(version, False), plan(version, True))
            needed, redo = _shared(plans)
        else:
            plans, redo = (plan(version, with_spouse),), ()
            needed = plans[0].readers
        hit = _CASES[(id(version), with_spouse)] = (version, (plans, needed, redo))
        _BLANK[id(needed)] = dict.fromkeys([*(m for m, _ in needed), *sorted(LANGUAGE)])
    return hit[1]


#: The readings of a score before it is read, by the readers of its case (``_case`` keeps them as long as their
#: version): every measure the case reads, and the languages', without a value yet.
_BLANK: dict[int, dict[str, Any]] = {}


_SHARED: dict[tuple[int, ...], tuple[tuple[Plan, ...], tuple[Readers, tuple[int, ...]]]] = {}


def _shared(plans: tuple[Plan, ...]) -> tuple[Readers, tuple[int, ...]]:
    """The measures either spouse case reads, once each, and the steps they score differently (kept per pair
    of plans, which live as long as their version)."""
    key = tuple(map(id, plans))
    hit = _SHARED.get(key)
    if hit is None or not all(map(is_, hit[0], plans)):
        readers = tuple(dict.fromkeys(r for p in plans for r in p.readers))
        hit = _SHARED[key] = (plans, (readers, differing(*plans)))
    return hit[1]


def _choices(plans: tuple[Plan, ...], redo: tuple[int, ...], readings: dict[str, Reading],
             options: tuple[OfficialLanguage, ...], scored: dict[OfficialLanguage, Scored],
             englishes: tuple[Reading, ...], frenches: tuple[Reading, ...],
             spouses: tuple[Reading | None, ...]) -> tuple[OfficialLanguage, Scored, Reading, Reading]:
    """Every choice of the designation and of the test submitted of each language (and the spouse's) scored: the
    choice of the highest score (lowest, then highest points; on a tie the first: English, then each language's
    test ``read_language`` reads), and the score, each case holding the best choice for it (``better_each``).
    ``scored`` is filled with each designation's best choice; the readings are left set to the choice made."""
    choices: list[tuple[OfficialLanguage, Reading, Reading, Reading | None]] = [
        (d, e, f, sp) for d in options for e in englishes for f in frenches for sp in spouses]
    cases: list[tuple[Scored, ...]] = []
    whole: list[Scored] = []
    for d, e, f, sp in choices:
        first, second = (e, f) if d == "english" else (f, e)
        readings["first_language"] = readings["first_language_all"] = first
        readings["second_language"] = second
        readings["english_all"], readings["french_all"] = e, f
        if sp is not None:
            readings["spouse_language"] = sp
        each = tuple([score_plan(p, readings) for p in plans])
        cases.append(each)
        whole.append(each[0] if len(each) == 1 else widen(list(each), redo))
    best = 0
    for i, w in enumerate(whole):
        if (w.low, w.high) > (whole[best].low, whole[best].high):
            best = i
        d = choices[i][0]
        if d not in scored or (w.low, w.high) > (scored[d].low, scored[d].high):
            scored[d] = w
    chosen, english, french, spouse = choices[best]
    if spouse is not None:
        readings["spouse_language"] = spouse
    return chosen, better_each(whole[best], [cases[best], *cases[:best], *cases[best + 1:]]), english, french


def _each(found: Scored, chosen: Scored) -> str:
    """What the designation's words add when the score holds another choice where it scores more."""
    if (found.low, found.high) == (chosen.low, chosen.high):
        return ""
    return f"; each case of the unknown facts scored with the choice that gives it more: {_text(found)}"


def _text(s: Scored) -> str:
    return str(s.low) if s.low == s.high else f"{s.low} to {s.high}"


def crs_result(profile: Profile, as_of: dt.date, library: Library, facts: Facts | None = None,
               digest: str | None = None, rounds: Callable[[int, int], RoundsMet] | None = None,
               receipt: Receipt | None = None) -> CrsResult:
    """The CRS score of ``profile`` on ``as_of`` under the library's criteria.

    ``facts`` and ``digest`` (the profile's sha256) may be passed in when an evaluation already has them;
    ``rounds`` gives the rounds a score ``low``..``high`` met, for a scored result (None: no rounds).
    ``receipt`` is the receipt of an evaluation of the same profile on the same day under the same library:
    the score's own when that evaluation ran natively (the score is always computed natively), else not used.
    """
    rules = library.crs[RULES_ID]
    if (receipt is None or receipt.engine != "native" or receipt.as_of != as_of
            or receipt.rulesets_sha256 != library.digest or (digest is not None and receipt.profile_sha256 != digest)):
        receipt = Receipt(as_of, __version__, library.digest, digest or profile_digest(profile), "native")
    day = on_day(rules, as_of)
    version = day.version
    if version is None:
        first = rules.versions[0].valid_from
        return CrsResult(as_of, "not_encoded", f"not encoded: the CRS criteria are encoded from {first}; "
                                               f"{as_of} is before", None, None, None, None, "", None, None,
                         (), (), (), (), receipt, profile.name)
    if facts is None or facts.profile is not profile or facts.as_of != as_of:
        facts = Facts(profile, as_of)
    chosen = score_on(profile, version, facts)
    scored, shape = chosen.scored, layout(rules, chosen.plans)
    factors, settled = factor_scores(shape, scored, chosen.readings)
    sections = section_scores(shape, scored)
    if chosen.with_spouse is None:
        if "$.spouse" not in settled:
            settled = ("$.spouse", *settled)
        # A factor that reads only known facts and still spans a range spans the two spouse columns (core age,
        # education, language...): the spouse settles it.
        factors = settled_by_spouse(factors)
    exact = scored.low == scored.high
    message = f"{scored.low} points" if exact else f"{scored.low} to {scored.high} points: some facts are unknown"
    # Made as attrs' ``__init__`` would, without calling it (in CPython 3.11 a class with a Python ``__init__`` is
    # called through the generic path): the instance, and its dict set whole in the order of the fields.
    # The dict is a copy of the day's, which holds every field in order with those of the day set (a dict copied
    # whole is cloned, keys and all; one made from a display inserts its items one by one).
    fields = day.fields.copy()
    fields["message"] = message
    fields["low"] = scored.low
    fields["high"] = scored.high
    fields["with_spouse"] = chosen.with_spouse
    fields["spouse"] = chosen.spouse
    fields["first_official_language"] = chosen.designation
    fields["sections"] = sections
    fields["factors"] = factors
    fields["settled_by"] = settled
    fields["receipt"] = receipt
    fields["profile_name"] = profile.name
    fields["rounds"] = rounds(scored.low, scored.high) if rounds is not None else None
    found = _object_new(CrsResult)
    _object_set(found, "__dict__", fields)
    return found


_object_new = object.__new__
_object_set = object.__setattr__
#: What settles a factor spanning the two spouse columns (whether a spouse counts is unknown).
_BY_SPOUSE = ("$.spouse",)


def settled_by_spouse(factors: tuple[FactorScore, ...]) -> tuple[FactorScore, ...]:
    """The factors with each one that spans a range and names nothing that settles it settled by ``$.spouse``
    (``attrs.evolve(f, settled_by=("$.spouse",))``), the others the same objects.

    Each made as ``build`` makes factors: its dict copied with ``settled_by`` set, the object made without calling
    its class (``attrs.evolve`` reads every field and calls the class with them as keywords: about as much as the
    rest of the CRS's work on a factor)."""
    spread = list(factors)
    for i, f in enumerate(spread):
        d = f.__dict__
        if d["low"] != d["high"] and not d["settled_by"]:
            d = d.copy()
            d["settled_by"] = _BY_SPOUSE
            f = spread[i] = _object_new(FactorScore)
            _object_set(f, "__dict__", d)
    return tuple(spread)
if tuple(a.name for a in attrs.fields(CrsResult)) != (
        "as_of", "status", "message", "low", "high", "max", "with_spouse", "spouse", "first_official_language",
        "version", "sections", "factors", "settled_by", "caveats", "receipt", "profile_name", "rounds"):
    raise ImportError("CrsResult's fields changed: ranking.compute.crs_result writes them in order")


@frozen
class OnDay(Record):
    """What a score on a day takes from the rules whoever is scored: the version in force (None before the
    first), its period, and the caveats (the version's sources, the criteria as checked, changes reported
    but not confirmed: issue 7, section 5)."""

    version: CrsVersion | None
    period: CrsVersionRef | None
    caveats: tuple[Caveat, ...]
    #: A scored result's fields in order (``CrsResult``'s), those of the day set: ``crs_result`` copies it.
    fields: dict[str, Any] = field(factory=dict, eq=False, repr=False)


_ON_DAY: dict[tuple[int, dt.date], tuple[CrsRules, OnDay]] = {}


def on_day(rules: CrsRules, as_of: dt.date) -> OnDay:
    """The rules on a day (kept per rules and day: every profile of a day shares it)."""
    hit = _ON_DAY.get((id(rules), as_of))
    if hit is not None and hit[0] is rules:
        return hit[1]
    version = rules.version_on(as_of)
    caveats: list[Caveat] = []
    if version is not None and version.confidence != "official":
        reason = f"rests on {version.confidence.replace('_', ' ')} sources"
        reason += f": {version.note}" if version.note else ""
        caveats.append(Caveat("crs", version.changes or "this version of the criteria", reason,
                              cite(rules, version, version.citations)))
    stale = checked_caveat(rules.checked, as_of)
    caveats += [stale] if stale is not None else []
    caveats += reported_caveats(rules.reported_changes, rules.sources, as_of)
    found = OnDay(version, CrsVersionRef(version.valid_from, version.valid_to, version.changes)
                  if version is not None else None, tuple(caveats))
    found.fields.update({
        "as_of": as_of, "status": "scored", "message": "", "low": 0, "high": 0,
        "max": version.max if version is not None else 0, "with_spouse": None, "spouse": "",
        "first_official_language": None, "version": found.period, "sections": (), "factors": (), "settled_by": (),
        "caveats": found.caveats, "receipt": None, "profile_name": None, "rounds": None})
    if len(_ON_DAY) >= 4096:
        _ON_DAY.clear()  # a batch over many days must not keep every day's
    _ON_DAY[(id(rules), as_of)] = (rules, found)
    return found


def crs_range(profile: Profile, as_of: dt.date, library: Library, facts: Facts | None = None) -> tuple[int, int] | None:
    """The lowest and highest CRS score on ``as_of`` (equal when every fact is known), None when not encoded.

    The same scoring as ``crs_result`` without the result it explains itself with: for a batch that writes
    only the total.
    """
    version = on_day(library.crs[RULES_ID], as_of).version
    if version is None:
        return None
    if facts is None or facts.profile is not profile or facts.as_of != as_of:
        facts = Facts(profile, as_of)
    scored = score_on(profile, version, facts, explain=False).scored
    return scored.low, scored.high


def first_encoded(library: Library) -> dt.date:
    """The first day the CRS criteria are encoded."""
    return library.crs[RULES_ID].versions[0].valid_from


__all__: list[Any] = ["crs_range", "crs_result", "first_encoded"]
