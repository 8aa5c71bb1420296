"""Tell occupation sub-headings ("Chefs", "Sous-chefs") from real duties in NOC main-duty lists.

StatCan's elements file has no flag for them: a unit group covering several occupations lists
each occupation's name as a row, then its duties, the last one ending with a period. We call a
row a heading when all of these hold, which matches about 99% of rows on NOC 2021 V1.0 (checked
by hand on the rows this rule calls headings and on those it rejects):

- it opens the list or follows a row ending with a period, and itself has no final period;
- it is short (10 words or fewer);
- it does not start with a verb, where "verbs" are the first words of other, longer duty rows
  in the same files; or it is at most 6 words ending in a plural job noun ("technicians").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

_AGENT = re.compile(
    r"(ers|ors|ists|ians|ants|ees|men|women|nurses|officers|workers|agents|clerks|persons|general|staff"
    r"|therapists|technicians|technologists|engineers|assistants|researchers|managers|chefs|cooks)$"
)


def _first(line: str) -> str:
    return line.split()[0].lower().rstrip(",")


def _last(line: str) -> str:
    return line.split()[-1].lower()


def _placed_like_heading(lines: Sequence[str], i: int) -> bool:
    line = lines[i]
    return (i == 0 or lines[i - 1].endswith(".")) and not line.endswith(".") and len(line.split()) <= 10


def verbs_of(duties: Mapping[str, Sequence[str]]) -> frozenset[str]:
    """First words of rows that cannot be headings, seen at least twice: in practice the duty verbs."""
    seen: Counter[str] = Counter()
    for lines in duties.values():
        for i, line in enumerate(lines):
            if (
                not _placed_like_heading(lines, i)
                and len(line.split()) >= 5
                and not _AGENT.search(_last(line))
            ):
                seen[_first(line)] += 1
    return frozenset(w for w, n in seen.items() if n >= 2)


def is_heading(lines: Sequence[str], i: int, verbs: frozenset[str]) -> bool:
    """Whether row `i` of one unit group's duty list is an occupation sub-heading."""
    if not _placed_like_heading(lines, i):
        return False
    line = lines[i]
    if _first(line) not in verbs:
        return True
    words = line.split()
    return (
        len(words) <= 6
        and bool(_AGENT.search(_last(line)))
        and _first(line) != "may"
        and not words[0].endswith(",")
    )


def split_headings(duties: Mapping[str, Sequence[str]]) -> dict[str, list[tuple[str | None, str]]]:
    """Per unit group, its duties as (section heading or None, duty text), headings removed from the list."""
    verbs = verbs_of(duties)
    out: dict[str, list[tuple[str | None, str]]] = {}
    for code, lines in duties.items():
        section: str | None = None
        rows: list[tuple[str | None, str]] = []
        for i, line in enumerate(lines):
            if is_heading(lines, i, verbs):
                section = line
            else:
                rows.append((section, line))
        out[code] = rows
    return out
