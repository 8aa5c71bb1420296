"""eligibility: Canada's economic immigration programs, evaluated condition by condition, as of a date.

>>> from eligibility import load_profile, evaluate, to_json
>>> result = evaluate(load_profile("profiles/ayesha-software-engineer.yaml"), "2025-06-01")
>>> result.program("express-entry/fsw").verdict
'eligible'
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Public names and the module that defines each; imported on first use so that `eligibility noc ...`
# does not pay for loading the rules engine.
_EXPORTS = {
    "crs": "eligibility.api", "CrsResult": "eligibility.result",
    "evaluate": "eligibility.api", "verdicts": "eligibility.api", "rules": "eligibility.api",
    "to_data": "eligibility.api",
    "to_json": "eligibility.api", "plan": "eligibility.api", "what_if": "eligibility.api", "report": "eligibility.api",
    "distance": "eligibility.api", "citations_in_place": "eligibility.render.data",
    "Plan": "eligibility.timeline.build",
    "EligibilityError": "eligibility.errors", "InputError": "eligibility.errors", "Problem": "eligibility.errors",
    "UsageError": "eligibility.errors",
    "load_profile": "eligibility.profile.load", "profile_from_data": "eligibility.profile.load",
    "profile_from_text": "eligibility.profile.load",
    "Profile": "eligibility.profile.model",
    "ConditionResult": "eligibility.result", "Evaluation": "eligibility.result", "ProgramResult": "eligibility.result",
    "Library": "eligibility.rulebook.library", "load_library": "eligibility.rulebook.library",
    "Engine": "eligibility.engines.protocol", "NativeEngine": "eligibility.engines.native",
    "DurableEngine": "eligibility.engines.durable",
    "rounds_table": "eligibility.draws.api", "draws_between": "eligibility.draws.api",
    "update_rounds": "eligibility.draws.api", "rounds_met": "eligibility.draws.met",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'eligibility' has no attribute {name!r}")
