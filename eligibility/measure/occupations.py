"""Matching NOC codes against an occupation selector."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from eligibility.measure.cache import IdentityCache
from eligibility.noc import noc_table
from eligibility.rulebook.model import Occupations


@lru_cache(maxsize=4096)
def matches(occ: Occupations, code: str) -> bool:
    """True when the unit group ``code`` is selected by ``occ``."""
    if occ.codes is not None or occ.groups is not None:
        listed = code in (occ.codes or ()) or any(code.startswith(g) for g in occ.groups or ())
        if not listed:
            return False
    if occ.teer is not None:
        group = noc_table().get(code)
        if group is None or group.teer not in occ.teer:
            return False
    return not any(code.startswith(x) for x in occ.exclude)


def split_codes(occ: Occupations, codes: Iterable[str | None]) -> tuple[list[str], list[str]]:
    """The codes ``occ`` selects and those it does not, in their order (None, no code, is in neither); each
    code's answer kept with the selector (hashed once, not per code)."""
    answers = _ANSWERS.get(occ, _no_answers)
    chosen: list[str] = []
    others: list[str] = []
    for code in codes:
        if code is not None:
            found = answers.get(code)
            if found is None:
                found = answers[code] = _matches(occ, code)
            (chosen if found else others).append(code)
    return chosen, others


def selects(occ: Occupations, code: str) -> bool:
    """``matches(occ, code)``, the answer kept with the selector as ``split_codes`` keeps it: found by the
    selector's identity, without hashing the selector (a record of lists of codes) as ``matches``' cache does."""
    answers = _ANSWERS.get(occ, _no_answers)
    found = answers.get(code)
    if found is None:
        found = answers[code] = _matches(occ, code)
    return found


#: ``matches`` without its cache, for the answers kept per selector: a code met first by a selector is worked out
#: without hashing the selector (a record of lists of codes) for a cache that the kept answers make useless.
_matches = matches.__wrapped__


def _no_answers(_: Occupations) -> dict[str, bool]:
    return {}


# The answers alone are kept (a kept value that held its own key would keep it alive, and the cache's entry
# would never be dropped: a leak of one entry per selector built during an evaluation).
_ANSWERS: IdentityCache[Occupations, dict[str, bool]] = IdentityCache()
_DESCRIBED: IdentityCache[Occupations, str] = IdentityCache()


def describe_occupations(occ: Occupations) -> str:
    """The selector in words, for explanations."""
    return _DESCRIBED.get(occ, _describe)


def _describe(occ: Occupations) -> str:
    parts = []
    if occ.codes is not None:
        parts.append(f"NOC {', '.join(occ.codes)}" if len(occ.codes) <= 6 else f"{len(occ.codes)} listed NOC codes")
    if occ.groups is not None:
        parts.append("NOC groups " + ", ".join(occ.groups))
    if occ.teer is not None:
        parts.append("TEER " + ", ".join(str(t) for t in occ.teer))
    if occ.exclude:
        parts.append("except " + ", ".join(occ.exclude))
    return "; ".join(parts) or "any occupation"


def title(code: str) -> str:
    """'21231 Software engineers and designers' for a code."""
    group = noc_table().get(code)
    return f"{code} {group.title}" if group else code
