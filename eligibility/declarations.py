"""The declaration keys a rules library reads, so that a mistyped key in a profile is caught."""

from __future__ import annotations

from eligibility.errors import InputError
from eligibility.profile.checks import unknown_declarations
from eligibility.profile.model import Profile
from eligibility.rulebook.checks import walk
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import DeclarationCondition, JudgementCondition

_KEYS: dict[int, tuple[Library, dict[str, list[str]]]] = {}


def declaration_keys(library: Library) -> dict[str, list[str]]:
    """Each declaration key the rules read, with the programs that read it (worked out once per library)."""
    hit = _KEYS.get(id(library))
    if hit is None or hit[0] is not library:
        if len(_KEYS) >= 8:
            _KEYS.clear()  # a few libraries are live at once; the cache must not keep old ones alive
        hit = _KEYS[id(library)] = (library, _declaration_keys(library))
    return hit[1]


def _declaration_keys(library: Library) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for pid, program in sorted(library.programs.items()):
        for version in program.versions:
            for cond, _ in walk(version.conditions, ""):
                if (isinstance(cond, DeclarationCondition | JudgementCondition)
                        and pid not in keys.setdefault(cond.key, [])):
                    keys[cond.key].append(pid)
    return keys


def check_declarations(profile: Profile, library: Library, source: str) -> None:
    """Refuse declaration keys that no rule reads, with a "did you mean"."""
    if not profile.declarations:
        return
    problems = unknown_declarations(profile.declarations, declaration_keys(library), source)
    if problems:
        raise InputError(problems)
