"""A job's or an offer's NOC 2016 skill type or level, for the dates before NOC 2021 was adopted (2022-11-16).

Until 2022-11-15 skilled work and a qualifying offer were of NOC 2016 skill type 0 or skill level A or B; from
2022-11-16, TEER 0 to 3 of NOC 2021 (SOR/2022-220). NOC 2016 says a unit group's skill level by its code: a first
digit 0 is skill type 0 (management); otherwise the second digit is the skill level, 0 or 1 A (the professional
major groups: 30 nursing and 40 education as well as 11, 21, 31, 41, 51), 2 or 3 B, 4 or 5 C, 6 or 7 D.
"""

from __future__ import annotations

from functools import cache, lru_cache

from eligibility.noc import noc_table
from eligibility.rulebook.crs import SkillLevel2016

_LEVELS: dict[str, SkillLevel2016] = {"0": "A", "1": "A", "2": "B", "3": "B", "4": "C", "5": "C", "6": "D", "7": "D"}


def skill_level(code: str) -> SkillLevel2016 | None:
    """The NOC 2016 skill type 0 or skill level (A to D) of a 4-digit unit group code (None: not such a code)."""
    if len(code) != 4 or not code.isdigit():
        return None
    return "0" if code[0] == "0" else _LEVELS.get(code[1])


def describe_levels(levels: tuple[SkillLevel2016, ...]) -> str:
    """The levels in words: 'NOC 2016 skill type 0 or skill level A or B'."""
    words = ["skill type 0"] if "0" in levels else []
    lettered = [level for level in levels if level != "0"]
    if lettered:
        words.append("skill level " + " or ".join(lettered))
    return "NOC 2016 " + " or ".join(words)


def _level_words(code: str) -> str:
    level = skill_level(code)
    return "skill type 0" if level == "0" else f"skill level {level}"


@cache
def _predecessors() -> dict[str, tuple[str, ...]]:
    """The NOC 2016 unit groups of each NOC 2021 unit group in StatCan's concordance (built on first use)."""
    table = noc_table()
    found: dict[str, list[str]] = {}
    for code in table.codes_2016():
        for row in table.from_2016(code):
            found.setdefault(row.noc2021, []).append(code)
    return {noc: tuple(dict.fromkeys(codes)) for noc, codes in found.items()}


def predecessors(noc: str) -> tuple[str, ...]:
    """The NOC 2016 unit groups whose work the concordance puts in NOC 2021 ``noc`` (none for an unknown code)."""
    return _predecessors().get(noc, ())


@lru_cache(maxsize=4096)
def skilled_2016(levels: tuple[SkillLevel2016, ...], noc_2016: str | None, noc: str | None) -> tuple[bool | None, str]:
    """Whether a job or an offer is in the NOC 2016 ``levels``, and why in words.

    Its NOC 2016 code (``noc_2016``) says it when stated. Stated only in NOC 2021 (``noc``), it was in one of the
    NOC 2016 unit groups the concordance puts there: when all of them are in ``levels``, or none is, that is the
    answer; when they differ, the answer is unknown (None) until the NOC 2016 code is stated. None as well when no
    code is given.
    """
    needs = describe_levels(levels)
    if noc_2016 is not None:
        level = skill_level(noc_2016)
        if level is None:
            return None, f"NOC 2016 {noc_2016} is not a NOC 2016 unit group; needs {needs}"
        return level in levels, f"NOC 2016 {noc_2016} is {_level_words(noc_2016)}; needs {needs}"
    if noc is None:
        return None, "the NOC code is not given"
    codes = predecessors(noc)
    if not codes:
        return None, f"NOC {noc} has no NOC 2016 unit group in the concordance; needs {needs}"
    inside = {skill_level(code) in levels for code in codes}
    listed = ", ".join(f"{code} ({_level_words(code)})" for code in codes)
    if len(codes) == 1:
        return inside.pop(), f"NOC {noc} was NOC 2016 {codes[0]}, {_level_words(codes[0])}; needs {needs}"
    if len(inside) == 1:
        return inside.pop(), f"NOC {noc} was one of NOC 2016 {listed}; needs {needs}"
    return None, (f"NOC {noc} was one of NOC 2016 {listed}: it may or may not count; its NOC 2016 code "
                  f"(noc_2016) says which; needs {needs}")
