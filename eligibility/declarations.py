"""The declaration keys a rules library reads, so that a mistyped key in a profile is caught."""

from __future__ import annotations

from eligibility.errors import InputError
from eligibility.profile.checks import unknown_declarations
from eligibility.profile.model import Profile
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import DeclarationCondition, JudgementCondition
from eligibility.rulebook.tree import walk

_KEYS: dict[int, tuple[Library, dict[str, str]]] = {}


def declaration_keys(library: Library) -> dict[str, str]:
    """Each declaration key the rules read, with the kind of value they compare it with: "boolean" (a rule's
    ``equals: true/false``, and a judgement's key), "number" (a rule's ``min``) or "any" (text, or rules that
    disagree). Worked out once per library."""
    hit = _KEYS.get(id(library))
    if hit is None or hit[0] is not library:
        if len(_KEYS) >= 8:
            _KEYS.clear()  # a few libraries are live at once; the cache must not keep old ones alive
        hit = _KEYS[id(library)] = (library, _declaration_keys(library))
    return hit[1]


def _declaration_keys(library: Library) -> dict[str, str]:
    kinds: dict[str, set[str]] = {}
    for program in library.programs.values():
        for version in program.versions:
            for cond, _ in walk(version.conditions, ""):
                if isinstance(cond, DeclarationCondition):
                    kind = ("number" if cond.min is not None
                            else "boolean" if isinstance(cond.equals, bool) else "any")
                    kinds.setdefault(cond.key, set()).add(kind)
                elif isinstance(cond, JudgementCondition):
                    # A judgement fails on a stated false and passes on anything else: "no" (text in YAML 1.2) or
                    # 0 would read as a yes, so only true or false is taken.
                    kinds.setdefault(cond.key, set()).add("boolean")
    return {key: next(iter(found)) if len(found) == 1 else "any" for key, found in sorted(kinds.items())}


def check_declarations(profile: Profile, library: Library, source: str) -> None:
    """Refuse declaration keys that no rule reads, with a "did you mean"."""
    if not profile.declarations:
        return
    problems = unknown_declarations(profile.declarations, declaration_keys(library), source)
    if problems:
        raise InputError(problems)
