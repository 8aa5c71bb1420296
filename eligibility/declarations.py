"""The declaration keys a rules library reads, so that a mistyped key in a profile is caught."""

from __future__ import annotations

from eligibility.errors import InputError
from eligibility.profile.checks import unknown_declarations
from eligibility.profile.model import Profile
from eligibility.rulebook.checks import walk
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import DeclarationCondition, JudgementCondition


def declaration_keys(library: Library) -> dict[str, list[str]]:
    """Each declaration key the rules read, with the programs that read it."""
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
    problems = unknown_declarations(profile.declarations, declaration_keys(library), source)
    if problems:
        raise InputError(problems)
