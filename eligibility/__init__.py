"""eligibility: Canada's economic immigration programs, evaluated condition by condition, as of a date.

>>> from eligibility import load_profile, evaluate, to_json
>>> result = evaluate(load_profile("profiles/ayesha-software-engineer.yaml"), "2025-06-01")
>>> result.program("express-entry/fsw").verdict
'eligible'
"""

__version__ = "0.1.0"

from eligibility.api import evaluate, rules, to_data, to_json  # noqa: E402
from eligibility.errors import EligibilityError, InputError, Problem, UsageError  # noqa: E402
from eligibility.profile.load import load_profile, profile_from_data, profile_from_text  # noqa: E402
from eligibility.profile.model import Profile  # noqa: E402
from eligibility.result import ConditionResult, Evaluation, ProgramResult  # noqa: E402
from eligibility.rules.library import Library, load_library  # noqa: E402

__all__ = [
    "ConditionResult", "EligibilityError", "Evaluation", "InputError", "Library", "Problem", "Profile",
    "ProgramResult", "UsageError", "evaluate", "load_library", "load_profile", "profile_from_data",
    "profile_from_text", "rules", "to_data", "to_json",
]
