"""Find NOC 2021 unit groups from a job title, by fuzzy matching against class and example titles.

Scoring is rapidfuzz's: for each title we take the mean of `token_set_ratio` (the query's words
all appear, in any order) and `token_sort_ratio` (and few other words do), so "engineer" prefers
"engineer" to "software engineer". Titles like "business analyst - computer systems" are also
matched on the part before the dash. Misspelt words are first corrected to the nearest word of
the NOC vocabulary (one edit, or two for long words).
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from attrs import frozen
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from eligibility.errors import UsageError
from eligibility.noc.hints import HINTS
from eligibility.noc.normalize import words
from eligibility.noc.table import NocTable, noc_table
from eligibility.record import Record


@frozen
class SearchHit(Record):
    """A unit group found for a query, with the title that matched and how (class, example or hint)."""

    code: str
    title: str
    teer: int
    score: float
    matched_title: str
    matched_kind: str
    hint_reason: str | None = None


@frozen
class SearchResult(Record):
    """The ranked unit groups for a query, best first, and the words the query was reduced to."""

    query: str
    normalized_query: str
    hits: tuple[SearchHit, ...]


_KIND_RANK = {"hint": 2, "class title": 1}


@frozen
class _Entry(Record):
    code: str
    title: str
    kind: str
    reason: str | None = None


class TitleIndex:
    """Normalized class titles, example titles and hints, with their unit groups."""

    def __init__(self, table: NocTable) -> None:
        self.table = table
        self.texts: list[str] = []
        self.is_head: list[bool] = []
        self.entries: list[_Entry] = []
        for u in table.unit_groups():
            self._add(u.title, _Entry(u.code, u.title, "class title"))
            for t in u.example_titles:
                self._add(t, _Entry(u.code, t, "example title"))
        for h in HINTS:
            self._add(h.title, _Entry(h.code, h.title, "hint", h.reason))
        self.frequency = Counter(w for t in self.texts for w in t.split())
        self.vocabulary = sorted(self.frequency)

    def _add(self, title: str, entry: _Entry) -> None:
        full = " ".join(words(title, drop_seniority=False))
        self.texts.append(full)
        self.entries.append(entry)
        self.is_head.append(False)
        head = title.split(" - ")[0]
        if head != title:
            # The qualifier after " - " narrows the context; matching the head alone is also fair.
            self.texts.append(" ".join(words(head, drop_seniority=False)))
            self.entries.append(entry)
            self.is_head.append(True)

    def correct(self, word: str) -> str:
        """The word itself if the NOC uses it, else the nearest NOC word within 1-2 edits, else itself."""
        if word in self.frequency or len(word) < 5 or word.isdigit():
            return word
        limit = 1 if len(word) < 7 else 2
        near = process.extract(
            word, self.vocabulary, scorer=Levenshtein.distance, score_cutoff=limit, limit=20
        )
        if not near:
            return word
        # Among equally close words, the one the NOC uses most ("enginer": engineer, not engine).
        return str(min(near, key=lambda n: (n[1], -self.frequency[n[0]], n[0]))[0])


@cache
def title_index() -> TitleIndex:
    """The title index over the packaged table, built once per process on first search."""
    return TitleIndex(noc_table())


def search_titles(query: str, limit: int = 10) -> SearchResult:
    """Unit groups ranked by how well `query` matches their titles; UsageError for an empty query."""
    if limit < 1:
        raise UsageError("the number of results must be at least 1")
    index = title_index()
    raw = words(query)
    if not raw:
        raw = words(query, drop_seniority=False)
    if not raw:
        raise UsageError('empty search: give a job title, e.g. `eligibility noc search "data engineer"`')
    normalized = " ".join(index.correct(w) for w in raw)
    # Native rapidfuzz pass first (fast), then the word-order-strict score on the survivors.
    found = process.extract(normalized, index.texts, scorer=fuzz.token_set_ratio, score_cutoff=55, limit=None)
    best: dict[str, tuple[float, int, _Entry]] = {}
    strong: Counter[str] = Counter()
    for text, set_score, i in found:
        entry = index.entries[i]
        score = (set_score + fuzz.token_sort_ratio(normalized, text)) / 2
        if index.is_head[i]:
            score -= 1  # a title matched without its qualifier is a slightly weaker match
        if score >= 90:
            strong[entry.code] += 1
        # Keep the best title per unit group; at equal score prefer a hint (it carries a reason),
        # then the class title, then an example title.
        rank = _KIND_RANK.get(entry.kind, 0)
        kept = best.get(entry.code)
        if kept is None or (score, rank) > kept[:2]:
            best[entry.code] = (score, rank, entry)

    def order(code: str) -> tuple[float, str]:
        # Several strong titles in one group make it the more typical home of the title.
        return -(best[code][0] + 0.2 * min(strong[code], 5)), code

    hits = []
    for code in sorted(best, key=order)[:limit]:
        score, _, entry = best[code]
        unit = index.table.require(code)
        hits.append(
            SearchHit(
                code=code,
                title=unit.title,
                teer=unit.teer,
                score=round(score, 1),
                matched_title=entry.title,
                matched_kind=entry.kind,
                hint_reason=entry.reason,
            )
        )
    return SearchResult(query=query, normalized_query=normalized, hits=tuple(hits))
