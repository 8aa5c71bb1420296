"""Round types: IRCC's round names mapped to this project's program ids, by keyword, whatever the version.

IRCC names a round by the program or category it invites from, and renames categories with each
version ("Healthcare occupations (Version 1)", "Healthcare and social services occupations
(Version 2)", "Healthcare and Social Services Occupations, 2026-Version 3"), so a name is matched by
its leading words once the version label is removed. A name matching nothing is the type ``other``:
kept, listed by ``eligibility draws --unmapped``, never dropped.
"""

from __future__ import annotations

import re

GENERAL = "general"
PROVINCIAL_NOMINEE = "provincial-nominee"
OTHER = "other"

# The programs a candidate in the Express Entry pool is managed under: a general round (or, before
# category-based selection, "No Program Specified") invites from all of them.
EXPRESS_ENTRY_PROGRAMS = ("express-entry/fsw", "express-entry/cec", "express-entry/fst")

# (pattern on the lower-cased name without its version label, round type), first match wins; the
# federal programs come before the categories so that "Federal Skilled Trades" is not "trades".
_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"(general|no program specified)$", GENERAL),
    (r"canadian experience class", "express-entry/cec"),
    (r"federal skilled worker", "express-entry/fsw"),
    (r"federal skilled trades", "express-entry/fst"),
    (r"provincial nominee", PROVINCIAL_NOMINEE),
    (r"french[- ]language proficiency", "category/french"),
    (r"healthcare", "category/healthcare"),
    (r"(science, technology|stem)\b", "category/stem"),
    (r"trades? occupations", "category/trades"),
    (r"transport occupations", "category/transport"),
    (r"agriculture", "category/agriculture"),
    (r"education occupations", "category/education"),
    (r"physicians", "category/physicians"),
    (r"senior managers", "category/senior-managers"),
    (r"researchers", "category/researchers"),
    (r"(skilled )?military", "category/military"),
)
_COMPILED = tuple((re.compile(p), t) for p, t in _PATTERNS)
# "(Version 1)", ", 2026-Version 3", " 2026-Version 2": the version of a category, not its name.
_VERSION = re.compile(r"[\s,]*(\(version\s*\d+\)|\d{4}\s*-\s*version\s*\d+)\s*$")

# Every type a round can have, in the order results list them.
ROUND_TYPES: tuple[str, ...] = (
    GENERAL, *sorted(EXPRESS_ENTRY_PROGRAMS), PROVINCIAL_NOMINEE,
    *sorted({t for _, t in _PATTERNS if t.startswith("category/")}), OTHER,
)

TITLES = {
    GENERAL: "General rounds (every Express Entry program; 'No Program Specified' until October 2023)",
    "express-entry/cec": "Canadian Experience Class",
    "express-entry/fsw": "Federal Skilled Worker Program",
    "express-entry/fst": "Federal Skilled Trades Program",
    PROVINCIAL_NOMINEE: "Provincial Nominee Program (candidates with a provincial nomination)",
    OTHER: "Other (a round name this version does not map)",
}


def base_name(name: str) -> str:
    """The round name without its version label, lower-cased and with spaces collapsed."""
    text = " ".join(name.split()).lower()
    return _VERSION.sub("", text).strip(" ,")


def round_type(name: str) -> str:
    """The round type of an IRCC round name: a program id, ``general``, ``provincial-nominee`` or ``other``."""
    text = base_name(name)
    for pattern, kind in _COMPILED:
        if pattern.match(text):
            return kind
    return OTHER


def title(kind: str) -> str:
    """A round type in words (categories by their id's last part)."""
    if kind in TITLES:
        return TITLES[kind]
    return "Category: " + kind.removeprefix("category/").replace("-", " ")
