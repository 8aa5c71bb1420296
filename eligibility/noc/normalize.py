"""Turn job titles into comparable word lists: case, accents, plurals, abbreviations, seniority words.

Both the user's query and the NOC titles go through the same steps, so "Sr. QA Engineers" and
"software quality assurance (QA) engineer" meet on "quality assurance engineer".
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Abbreviations seen in job titles, written out the way the NOC writes them.
ABBREVIATIONS: dict[str, str] = {
    "ai": "artificial intelligence",
    "ml": "machine learning",
    "qa": "quality assurance",
    "qc": "quality control",
    "devops": "development operations",
    "sre": "site reliability engineer",
    "ux": "user experience",
    "ui": "user interface",
    "ba": "business analyst",
    "dba": "database administrator",
    "it": "information technology",
    "ict": "information communication technology",
    "hr": "human resources",
    "rn": "registered nurse",
    "lpn": "licensed practical nurse",
    "rpn": "registered practical nurse",
    "psw": "personal support worker",
    "np": "nurse practitioner",
    "gp": "general practitioner",
    "pm": "project manager",
    "swe": "software engineer",
    "sde": "software development engineer",
    "dev": "developer",
    "eng": "engineer",
    "engr": "engineer",
    "mgr": "manager",
    "admin": "administrator",
    "sysadmin": "system administrator",
    "bi": "business intelligence",
    "erp": "enterprise resource planning",
    "seo": "search engine optimization",
    "csr": "customer service representative",
    "ece": "early childhood educator",
    "hvac": "heating air conditioning",
    "cpa": "chartered professional accountant",
    "ceo": "chief executive officer",
    "cfo": "chief financial officer",
    "cto": "chief technology officer",
    "cio": "chief information officer",
    "vp": "vice president",
    "emt": "emergency medical technician",
    "frontend": "front end",
    "backend": "back end",
    "fullstack": "full stack",
}

# Words that say rank or contract, not occupation; the NOC classifies the work, not the level.
SENIORITY = frozenset(
    {
        "senior",
        "sr",
        "junior",
        "jr",
        "principal",
        "associate",
        "intern",
        "trainee",
        "i",
        "ii",
        "iii",
        "iv",
        "level",
    }
)
STOPWORDS = frozenset({"and", "of", "the", "for", "in", "a", "an", "to", "at", "on", "with", "or"})

_PAREN_ABBREV = re.compile(r"\(([A-Za-z]{1,6}s?)\)")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents, punctuation turned to spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def singular(word: str) -> str:
    """A crude singular that only needs to be consistent on both sides ("nurses" and "nurse" meet)."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "ics")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("s"):
        return word[:-1]
    return word


@cache
def _token(word: str) -> tuple[str, ...]:
    # Cached: the 28,000 NOC titles use about 10,000 distinct words, so building the index is fast.
    return tuple(singular(e) for e in ABBREVIATIONS.get(word, word).split())


def words(text: str, *, drop_seniority: bool = True) -> list[str]:
    """The normalized words of a title: abbreviations written out, plurals removed, filler words dropped."""
    # "(QA)" after "quality assurance" repeats what is already written out.
    if "(" in text:
        text = _PAREN_ABBREV.sub(" ", text)
    out: list[str] = []
    for w in fold(text).split():
        for e in _token(w):
            if e in STOPWORDS or (drop_seniority and e in SENIORITY):
                continue
            if not out or out[-1] != e:
                out.append(e)
    return out


def normalize(text: str) -> str:
    """`words(text)` joined by spaces."""
    return " ".join(words(text))
