"""Content words of prose and TF-IDF vectors over them, for comparing duties with NOC text.

Stemming is deliberately crude (strip a common suffix, fold "z" to "s", keep 6 letters): it only
has to make "developed", "developing" and "development" meet, the same way on both sides.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from eligibility.noc.normalize import fold

_SUFFIXES = (
    "izations",
    "isations",
    "ization",
    "isation",
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ers",
    "er",
    "ed",
    "es",
    "s",
    "ly",
)
# Function words, and words every reference letter uses whatever the job is.
STOPWORDS = frozenset(
    " ".join(
        [
            "a about above across after all also an and any are as at be been being between both but by",
            "can could did do does during each either etc for from had has have he her hers him his i",
            "if in including into is it its may me more most my not of on or other our ours out over",
            "per she should so some such than that the their them then there these they this those",
            "through to under up upon us various very was we were what when where which while who whom",
            "will with within would you your ms mr mrs dr employee employed employment company",
            "organization firm position role job title duties duty responsibilities responsible tasks",
            "task worked working work works year years month months day daily regular regularly certify",
            "certifies letter period present date full time part hours week per under reporting report",
            "reports tenure following performed perform performs member team",
        ]
    ).split()
)
_WORD = re.compile(r"[a-z][a-z0-9+#]*")


def stem(word: str) -> str:
    """A short, stable stem of a lower-case word."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]  # "drive" and "driving" meet on "driv"
    return word.replace("z", "s")[:6]


def terms(text: str) -> list[str]:
    """Stems of the content words of `text`, in order."""
    return [stem(w) for w in _WORD.findall(fold(text)) if w not in STOPWORDS and len(w) > 2]


class TfIdf:
    """Inverse document frequencies learnt from a set of documents, and cosine similarity with them."""

    def __init__(self, documents: Mapping[str, Iterable[str]]) -> None:
        counts = {key: Counter(doc) for key, doc in documents.items()}
        df: Counter[str] = Counter()
        for c in counts.values():
            df.update(c.keys())
        n = len(counts)
        self.idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
        self.vectors = {key: self.vector(c) for key, c in counts.items()}

    def vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        """A unit-length vector with sublinear term frequency; words no document has are dropped."""
        v = {t: (1 + math.log(k)) * self.idf[t] for t, k in counts.items() if t in self.idf}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {t: x / norm for t, x in v.items()}

    def similarities(self, query: Iterable[str]) -> dict[str, float]:
        """Cosine similarity of the query with every document."""
        q = self.vector(Counter(query))
        return {key: sum(w * vec.get(t, 0.0) for t, w in q.items()) for key, vec in self.vectors.items()}

    def weight(self, term: str) -> float:
        """How telling a term is: rare terms weigh more; unknown terms weigh nothing."""
        return self.idf.get(term, 0.0)
