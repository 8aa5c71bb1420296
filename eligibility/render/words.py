"""Words shared by every renderer: verdicts by program kind, the order of relevance, a condition in one line.

Renderers only format the result tree; this module turns its parts into plain sentences so that the
terminal, Markdown and HTML say the same thing the same way.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator, Mapping
from typing import Any

from attrs import frozen

from eligibility.record import Record
from eligibility.result import CitationRef, ConditionResult, Evaluation, ProgramResult, deciding

#: The kinds of program, in the order a reader meets them, with a heading that says what "eligible" means.
KIND_HEADINGS = {
    "permanent_residence": "Permanent residence",
    "employer_work_permit_stream": "Employer work-permit streams: it is the job offer that qualifies, not the person",
    "processing_standard": "Processing standards: how fast a work permit application is processed",
}

#: Each verdict in words, by program kind.
VERDICT_WORDS: dict[str, dict[str, str]] = {
    "permanent_residence": {"eligible": "eligible", "not_eligible": "not eligible",
                            "undetermined": "undetermined", "not_in_force": "not in force",
                            "not_encoded": "not encoded"},
    "employer_work_permit_stream": {"eligible": "the offer qualifies", "not_eligible": "the offer does not qualify",
                                    "undetermined": "undetermined", "not_in_force": "not in force",
                                    "not_encoded": "not encoded"},
    "processing_standard": {"eligible": "qualifies", "not_eligible": "does not qualify",
                            "undetermined": "undetermined", "not_in_force": "not in force",
                            "not_encoded": "not encoded"},
}

#: Relevance: what a reader wants first. "within reach" is a not-eligible program the plan opens later.
RELEVANCE = ("eligible", "within_reach", "undetermined", "not_eligible", "not_in_force", "not_encoded")

MARKS = {"eligible": "✔", "within_reach": "»", "undetermined": "?", "not_eligible": "✘", "not_in_force": "–",
         "not_encoded": "–"}
OUTCOME_MARKS = {"pass": "✔", "fail": "✘", "unknown": "?"}

CONFIDENCE_WORDS = {"official_via_news": "official rules known from news reports",
                    "blog": "blog or secondary sources", "unconfirmed": "an unconfirmed reading"}


@frozen
class Reach(Record):
    """When a program not eligible on the date opens for the person, and why (from the plan)."""

    day: dt.date
    because: str


def verdict_words(p: ProgramResult) -> str:
    """The verdict as a reader should read it for this kind of program."""
    return VERDICT_WORDS.get(p.kind, VERDICT_WORDS["permanent_residence"])[p.verdict]


def standing(p: ProgramResult, reach: Mapping[str, Reach]) -> str:
    """The program's place in the order of relevance."""
    if p.verdict == "not_eligible" and p.id in reach:
        return "within_reach"
    return p.verdict


def ordered(evaluation: Evaluation, reach: Mapping[str, Reach]) -> list[tuple[str, list[ProgramResult]]]:
    """Programs grouped by kind (in KIND_HEADINGS order), each group by relevance, then short title."""
    groups: list[tuple[str, list[ProgramResult]]] = []
    for kind in [*KIND_HEADINGS, *sorted({p.kind for p in evaluation.programs} - set(KIND_HEADINGS))]:
        members = [p for p in evaluation.programs if p.kind == kind]
        members.sort(key=lambda p: (RELEVANCE.index(standing(p, reach)), p.short_title))
        if members:
            groups.append((kind, members))
    return groups


def closed_words(p: ProgramResult) -> str:
    """Why a program is not in force: its closing or opening day when known."""
    if p.version is not None and not p.version.in_force:
        return f"closed since {p.version.valid_from}"
    return p.message


def leaves(results: tuple[ConditionResult, ...], outcomes: tuple[str, ...] = ("fail", "unknown"),
           ) -> Iterator[ConditionResult]:
    """The conditions that decide each condition with one of ``outcomes``, in order (``result.deciding``): a
    composite's deciding leaves stand for it, and a "not" stands whole, saying what its child is."""
    for _, r in deciding(results, outcomes):
        yield r


def judgements(results: tuple[ConditionResult, ...]) -> Iterator[ConditionResult]:
    """The officer's judgements the verdict leans on (passed because nobody has said otherwise)."""
    for r in results:
        if r.judgement and r.outcome == "pass":
            yield r
        yield from judgements(r.conditions)


def weak_confidence(p: ProgramResult) -> str | None:
    """One sentence on the weakest sources the program's rules rest on, or None when all are official."""
    levels = {r.confidence for r in _all(p.conditions)} | {p.confidence}
    for level in ("unconfirmed", "blog", "official_via_news"):
        if level in levels:
            return f"Some of these rules rest on {CONFIDENCE_WORDS[level]}: check them before relying on this."
    return None


def _all(results: tuple[ConditionResult, ...]) -> Iterator[ConditionResult]:
    for r in results:
        yield r
        yield from _all(r.conditions)


def cause(r: ConditionResult) -> str:
    """Why a failing or unknown condition does not pass, in words (no internal keys)."""
    return _TEST_IDS.sub(lambda m: test_name(m.group(0)), _cause(r))


_TEST_IDS = re.compile(r"\b(?:ielts_general|celpip_general|pte_core|tef_canada|tcf_canada)\b")


def _cause(r: ConditionResult) -> str:
    if r.kind == "declaration" and r.outcome == "unknown":
        return "not stated in the profile"
    if r.kind == "language" and r.outcome == "fail" and r.observed is None:
        stale = [e for e in r.evidence if not e.get("valid", True)]
        if stale:
            return "no valid test: " + "; ".join(f"{test_name(e['test'])} of {e['taken']}: {e.get('why_not', '')}"
                                                 for e in stale)
    return r.explanation


def says(r: ConditionResult) -> str:
    """What a condition checks, without the internal profile keys some rulesets name in brackets."""
    return _INTERNAL.sub("", r.says)


_INTERNAL = re.compile(r"\s*\((?:states |see )?declarations\.[a-z0-9_]+\)")


def short_cause(r: ConditionResult) -> str:
    """A failing or unknown condition in one short line: the cause, or what the profile does not say."""
    if r.outcome == "unknown" and (r.kind in ("declaration", "judgement") or not r.explanation):
        return f"not stated in the profile: {says(r)}"
    return _INTERNAL.sub("", cause(r))


def brief_details(r: ConditionResult) -> list[str]:
    """The evidence worth a line in the short output: grid factors, tests that do not count, and jobs
    when some count or one is left out for a reason other than its occupation or dates."""
    if r.kind == "points":
        return grid_lines(r)
    if r.kind == "language":
        return [line for line in test_lines(r) if not line.endswith("; counts")]
    if r.kind == "work_experience":
        jobs = [e for e in r.evidence if "job" in e]
        telling = any(e.get("counted") or not str(e.get("reason", "")).startswith(("NOC ", "outside the window"))
                      for e in jobs)
        return job_lines(r) if telling else []
    return []


def test_name(test: str) -> str:
    """A language test id as people name it."""
    return {"ielts_general": "IELTS General Training", "celpip_general": "CELPIP-General", "pte_core": "PTE Core",
            "tef_canada": "TEF Canada", "tcf_canada": "TCF Canada"}.get(test, test)


def job_lines(r: ConditionResult) -> list[str]:
    """For a work condition: each job counted with its hours and dates, each excluded with the reason."""
    out = []
    for e in r.evidence:
        if "job" not in e:
            continue
        name = ", ".join(str(x) for x in (e.get("title"), e.get("employer")) if x) or f"job {e['job'] + 1}"
        code = f" (NOC {e['noc']}" + (f", converted from NOC 2016 {e['converted_from_noc_2016']}"
                                      if e.get("converted_from_noc_2016") else "") + ")" if e.get("noc") else ""
        if e.get("counted"):
            out.append(f"counted: {name}{code}, {e['from']} to {e['to']}: {e['hours']:,.1f} h")
        else:
            out.append(f"not counted: {name}{code}: {e.get('reason')}")
    return out


def grid_lines(r: ConditionResult, compact: bool = False) -> list[str]:
    """For a points grid: each factor's points of its maximum, with what earned them (not when compact)."""
    out = []
    for e in r.evidence:
        if "factor" not in e:
            continue
        detail = f" ({e['detail']})" if e.get("detail") and not compact else ""
        out.append(f"{str(e['factor']).replace('_', ' ')}: {e['points']} of {e['factor_max']}{detail}")
    return out


def test_lines(r: ConditionResult) -> list[str]:
    """For a language condition: each test with its levels, and why a test does not count."""
    out = []
    for e in r.evidence:
        if "test" not in e:
            continue
        levels = e.get("levels") or {}
        text = ", ".join(f"{a} {levels[a]}" for a in ("listening", "reading", "writing", "speaking") if a in levels)
        unit = "NCLC" if e.get("language") == "french" else "CLB"
        state = "counts" if e.get("valid") else f"does not count: {e.get('why_not')}"
        out.append(f"{test_name(str(e['test']))} of {e['taken']}: {unit} {text}; {state}")
    return out


def detail_lines(r: ConditionResult) -> list[str]:
    """The evidence a person reads under a condition: jobs, grid factors or tests."""
    if r.kind == "work_experience":
        return job_lines(r)
    if r.kind == "points":
        return grid_lines(r)
    if r.kind == "language":
        return test_lines(r)
    return []


def cite_words(c: CitationRef) -> str:
    """A citation in words: title, pinpoint, confidence when not official, date checked."""
    where = c.title + (f", {c.at}" if c.at else "")
    tag = "" if c.confidence == "official" else f" ({CONFIDENCE_WORDS.get(c.confidence, c.confidence)})"
    return f"{where}{tag}, checked {c.checked}"


def receipt_words(evaluation: Evaluation) -> str:
    """The receipt in one line."""
    r = evaluation.receipt
    return (f"eligibility {r.package_version}, engine {r.engine}, rules sha256 {r.rulesets_sha256[:12]}, "
            f"profile sha256 {r.profile_sha256[:12]}")


DISCLAIMER = ("This is not legal advice. It applies the rules as encoded and as checked on the dates shown; an "
              "officer decides every application.")


def plain(value: Any) -> str:
    """A short plain rendering of an observed or required value."""
    if isinstance(value, float):
        return f"{value:,.1f}".removesuffix(".0")
    return str(value)


def titled(text: str, titles: Mapping[str, str], markup: bool = False) -> str:
    """``text`` with every program id of ``titles`` written as its title, except inside a URL: words for a
    reader that came from the engine's own (a category's "eligible for express-entry/cec", a plan's cause).
    With ``markup`` the text is HTML: tags (their attributes and links) are left as they are too, and the titles
    written escaped."""
    if not titles:
        return text
    ids = "|".join(re.escape(i) for i in sorted(titles, key=len, reverse=True))
    skip = r"<[^>]*>|https?://[^\s<]*" if markup else r"<?https?://[^\s>]*>?"
    pattern = re.compile(rf"({skip})|(?<![\w/#.-])({ids})(?![\w/-])")
    words = {i: html.escape(t) for i, t in titles.items()} if markup else titles
    return pattern.sub(lambda m: m.group(1) or words[m.group(2)], text)
