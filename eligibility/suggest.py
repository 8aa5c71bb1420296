"""The one "did you mean" of the package: the tail of an error message naming what was probably meant.

A leaf helper: it imports nothing of the package, so every layer (the NOC table included) may use it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to ``word`` by difflib's ratio, or None when none reaches ``cutoff``."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A "; did you mean 'x'?" tail for the closest choice, or "" when nothing is close."""
    found = closest(word, choices)
    return f"; did you mean {found!r}?" if found is not None else ""


def did_you_mean_or_list(word: str, choices: Iterable[str]) -> str:
    """Like ``did_you_mean`` (case-blind, a prefix counts as close), else "; expected one of ..." listing all."""
    known = list(choices)
    typed = word.strip().lower()
    found = closest(typed, known) or next((k for k in known if typed and k.startswith(typed)), None)
    if found is not None:
        return f"; did you mean {found!r}?"
    return "; expected one of " + ", ".join(repr(k) for k in known)


def did_you_mean_any(candidates: Iterable[str]) -> str:
    """A "; did you mean A or B?" tail listing candidates found by a caller's own search, or ""."""
    found = list(candidates)
    return "; did you mean " + " or ".join(found) + "?" if found else ""
