"""Rank unit groups by how well duties from a reference letter match NOC lead statements and main duties.

Ranking: TF-IDF cosine between the letter and each unit group's class title, lead statement and
main duties (stemmed content words). Coverage, for the top candidates: a NOC main duty counts as
covered when one sentence of the letter holds at least `COVERED` of the duty's content words, each
weighted by how rare it is across the NOC (so "software" counts more than "plan"), and partly
covered from `PARTLY`. NOC duties list many verbs and objects while a letter sentence names a few,
so the thresholds are low; they were set by reading the coverage of the test duty texts.
"""

from __future__ import annotations

import re

from attrs import frozen

from eligibility.errors import UsageError
from eligibility.noc.elements import NocText, missing_data_message
from eligibility.noc.table import noc_table
from eligibility.noc.textsim import TfIdf, terms
from eligibility.record import Record

COVERED = 0.3
PARTLY = 0.15
_SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n+|\s+[•\-\u2022*]\s+")


@frozen
class DutyCoverage(Record):
    """One NOC main duty; `status` is "covered", "partly" or "not covered", with the score (0-1) and the
    letter's sentence that comes closest (None when not covered)."""

    duty: str
    section: str | None
    status: str
    score: float
    evidence: str | None

    @property
    def covered(self) -> bool:
        """Whether the letter covers this duty."""
        return self.status == "covered"


@frozen
class MatchCandidate(Record):
    """A unit group ranked for the letter, with its similarity and, for the top ones, duty coverage."""

    code: str
    title: str
    teer: int
    score: float
    duties: tuple[DutyCoverage, ...] = ()

    @property
    def covered_count(self) -> int:
        """How many of the group's main duties the letter covers."""
        return sum(d.covered for d in self.duties)


@frozen
class MatchResult(Record):
    """Candidates best first, and the NOC files the prose was read from."""

    sources: tuple[str, ...]
    candidates: tuple[MatchCandidate, ...]


class DutyMatcher:
    """A TF-IDF index over the NOC prose of every unit group; build once, match many letters."""

    def __init__(self, text: NocText) -> None:
        if not text.has_main_duties and not text.has_lead_statements:
            raise UsageError(missing_data_message())
        self.text = text
        table = noc_table()
        docs: dict[str, list[str]] = {}
        for unit in table.unit_groups():
            prose = text.get(unit.code)
            parts = [unit.title]
            if prose is not None:
                parts += [prose.lead_statement or ""] + [d.text for d in prose.main_duties]
            docs[unit.code] = terms(" ".join(parts))
        self.index = TfIdf(docs)

    def match(self, letter: str, limit: int = 10, detail: int = 3) -> MatchResult:
        """The `limit` best unit groups for the letter; the first `detail` get duty-by-duty coverage."""
        words = terms(letter)
        if not words:
            raise UsageError("the duties text is empty: give the duties from the reference letter")
        table = noc_table()
        sims = self.index.similarities(words)
        ranked = sorted(sims, key=lambda c: (-sims[c], c))[:limit]
        sentences = [s.strip() for s in _SENTENCE.split(letter) if terms(s)]
        out = []
        for i, code in enumerate(ranked):
            unit = table.require(code)
            duties = self._coverage(code, sentences) if i < detail else ()
            out.append(MatchCandidate(code, unit.title, unit.teer, round(sims[code], 4), duties))
        return MatchResult(sources=self.text.sources, candidates=tuple(out))

    def _coverage(self, code: str, sentences: list[str]) -> tuple[DutyCoverage, ...]:
        prose = self.text.get(code)
        if prose is None:
            return ()
        sentence_terms = [(s, set(terms(s))) for s in sentences]
        result = []
        for duty in prose.main_duties:
            wanted = set(terms(duty.text))
            total = sum(self.index.weight(t) for t in wanted) or 1.0
            best, evidence = 0.0, None
            for sentence, have in sentence_terms:
                share = sum(self.index.weight(t) for t in wanted & have) / total
                if share > best:
                    best, evidence = share, sentence
            status = "covered" if best >= COVERED else "partly" if best >= PARTLY else "not covered"
            shown = evidence if best >= PARTLY else None
            result.append(DutyCoverage(duty.text, duty.section, status, round(best, 3), shown))
        return tuple(result)


def match_duties(letter: str, text: NocText, limit: int = 10, detail: int = 3) -> MatchResult:
    """Rank unit groups for the duties in `letter` using the NOC prose in `text` (see `load_noc_text`)."""
    return DutyMatcher(text).match(letter, limit=limit, detail=detail)
