"""The durable engine reads every case beside the rulesets exactly as the native engine does.

The native engine's results on these cases are checked against figures worked out by hand
(tests/test_ruleset_cases.py); equal results carry that check over to the durable engine, on the very edges
the cases were written for (where a random profile of the property test rarely lands).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from typing import Any

import pytest

from eligibility.engines.run import evaluate
from eligibility.profile.load import profile_from_data
from eligibility.rulebook.library import Library, load_library
from tests.support import flat_results as flat
from tests.test_ruleset_cases import FIGURE_KEYS, RULES, _cases

HAS_DURABLE = importlib.util.find_spec("durable_rules_engine") is not None


@pytest.fixture(scope="module")
def library() -> Library:
    """The repository's rules, loaded once."""
    return load_library(RULES)


@pytest.mark.skipif(not HAS_DURABLE, reason="durable_rules_engine is not installed (the optional 'durable' "
                                            "extra, CPython 3.12 or older)")
@pytest.mark.parametrize(("path", "case"), _cases())
def test_durable_engine_agrees_on_the_case(path: Path, case: dict[str, Any], library: Library) -> None:
    """Both engines give each program of the case the same verdict, and each condition the same outcome,
    observed and required values, explanation and evidence."""
    profile = profile_from_data(case["profile"], f"{path}: {case['name']}")
    as_of = dt.date.fromisoformat(str(case["as_of"]))
    keys = set(case.get("expect", {})) | set(case.get("conditions", {}))
    keys |= {k for what in FIGURE_KEYS for k in case.get(what, {})}
    programs = {k.split("#")[0] for k in keys}
    native = flat(evaluate(profile, as_of, library, programs=programs))
    durable = flat(evaluate(profile, as_of, library, programs=programs, engine="durable"))
    assert durable.keys() == native.keys()
    differ = {k: (native[k], durable[k]) for k in native if native[k] != durable[k]}
    assert not differ, differ
