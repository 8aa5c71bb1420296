"""The CRS score of a profile on a date: pick the version, the spouse case and the first official
language, score, and build the typed result."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eligibility import __version__
from eligibility.engines.run import profile_digest
from eligibility.facts import Facts
from eligibility.profile.model import OfficialLanguage, Profile
from eligibility.ranking.measures import Measures, accompanying_spouse
from eligibility.ranking.result import (
    CrsResult,
    CrsVersionRef,
    Designation,
    FactorScore,
    PartScore,
    SectionScore,
)
from eligibility.ranking.score import FactorPoints, Scored, score_version, widen
from eligibility.result import Caveat, CitationRef, Receipt
from eligibility.rulebook.crs import CrsRules, CrsVersion
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import Citation
from eligibility.unknown import known

RULES_ID = "crs"


def _cite(rules: CrsRules, citations: tuple[Citation, ...]) -> tuple[CitationRef, ...]:
    by_id = {s.id: s for s in rules.sources}
    return tuple(CitationRef(c.source, by_id[c.source].title, by_id[c.source].url, by_id[c.source].checked,
                             by_id[c.source].confidence, c.at) for c in citations)


def _factor(rules: CrsRules, fp: FactorPoints) -> FactorScore:
    measures = getattr(fp.factor, "measures", None) or (getattr(fp.factor, "measure", ""),)
    observed = {m: r.observed for m, r in zip(measures, fp.readings, strict=False)}
    evidence = tuple({"measure": m, **item} for m, r in zip(measures, fp.readings, strict=False)
                     for item in r.evidence)
    settle = tuple(dict.fromkeys(p for r in fp.readings for p in r.settle)) if fp.low != fp.high else ()
    return FactorScore(fp.id, fp.section, fp.factor.says, fp.low, fp.high, fp.max, observed, evidence,
                       _cite(rules, fp.factor.citations), settle, bool(fp.readings) or fp.max > 0)


def _best(cases: dict[OfficialLanguage, Scored]) -> OfficialLanguage:
    return max(cases, key=lambda d: (cases[d].low, cases[d].high, d == "english"))


def score_on(profile: Profile, version: CrsVersion, facts: Facts) -> tuple[Scored, Designation, bool | None, str]:
    """The score for one version: spouse case(s), first-language designation, spans."""
    with_spouse, why = accompanying_spouse(profile)
    spouse_cases = [with_spouse] if known(with_spouse) else [False, True]
    stated = profile.first_official_language
    options: list[OfficialLanguage] = [stated] if stated is not None else ["english", "french"]
    scored = {d: widen([score_version(version, Measures(facts, d), bool(ws)) for ws in spouse_cases])
              for d in options}
    chosen = _best(scored)
    if stated is not None:
        designation = Designation(chosen, True, f"{chosen} as stated in the profile")
    else:
        other: OfficialLanguage = "french" if chosen == "english" else "english"
        designation = Designation(chosen, False, f"{chosen} scored as first official language: it gives "
                                                 f"{_text(scored[chosen])}, {other} first gives {_text(scored[other])}")
    return scored[chosen], designation, with_spouse if known(with_spouse) else None, why


def _text(s: Scored) -> str:
    return str(s.low) if s.low == s.high else f"{s.low} to {s.high}"


def crs_result(profile: Profile, as_of: dt.date, library: Library) -> CrsResult:
    """The CRS score of ``profile`` on ``as_of`` under the library's criteria."""
    rules = library.crs[RULES_ID]
    receipt = Receipt(as_of, __version__, library.digest, profile_digest(profile), "native")
    version = rules.version_on(as_of)
    if version is None:
        first = rules.versions[0].valid_from
        return CrsResult(as_of, "not_encoded", f"not encoded: the CRS criteria are encoded from {first}; "
                                               f"{as_of} is before", None, None, None, None, "", None, None,
                         (), (), (), (), receipt, profile.name)
    facts = Facts(profile, as_of)
    scored, designation, with_spouse, why = score_on(profile, version, facts)
    factors = tuple(_factor(rules, fp) for fp in scored.factors)
    sections = tuple(SectionScore(s.id, s.says, s.low, s.high, s.max,
                                  tuple(PartScore(p.id, p.low, p.high, p.max, p.cap) for p in s.parts),
                                  s.applies, s.cap) for s in scored.sections)
    settled = tuple(dict.fromkeys(p for f in factors for p in f.settled_by))
    if with_spouse is None and "$.spouse" not in settled:
        settled = ("$.spouse", *settled)
    caveats = []
    if version.confidence != "official":
        caveats.append(Caveat("crs", version.changes or "this version of the criteria",
                              f"rests on {version.confidence.replace('_', ' ')} sources"
                              + (f": {version.note}" if version.note else ""), _cite(rules, version.citations)))
    exact = scored.low == scored.high
    message = f"{scored.low} points" if exact else f"{scored.low} to {scored.high} points: some facts are unknown"
    return CrsResult(as_of, "scored", message, scored.low, scored.high, version.max, with_spouse, why,
                     designation, CrsVersionRef(version.valid_from, version.valid_to, version.changes), sections,
                     factors, settled, tuple(caveats), receipt, profile.name)


def first_encoded(library: Library) -> dt.date:
    """The first day the CRS criteria are encoded."""
    return library.crs[RULES_ID].versions[0].valid_from


__all__: list[Any] = ["crs_result", "first_encoded"]
