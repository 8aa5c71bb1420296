"""Hypothesis settings for the whole suite: seeded by default, longer and random on request.

By default (and in CI) every property test is derandomized: its examples are derived from the test
itself, so two runs of the same commit try the same inputs and a red CI run is reproducible locally.

To search harder, set ``ELIGIBILITY_PROPERTY_SCALE`` to a factor: each property test then tries that
many times more examples, from a random seed that Hypothesis prints with any failure (rerun it with
``pytest --hypothesis-seed=SEED``), and remembers failing examples in ``.hypothesis/``::

    ELIGIBILITY_PROPERTY_SCALE=20 .venv/bin/python -m pytest tests/test_properties.py tests/test_work_counting.py
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

from hypothesis import HealthCheck, settings

from tests.strategies import PROPERTY_SCALE

settings.register_profile("seeded", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("long", derandomize=False, deadline=None, print_blob=True,
                          max_examples=100 * PROPERTY_SCALE, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("long" if PROPERTY_SCALE > 1 else "seeded")

# The compiled rules cache (eligibility/rulebook/cache.py) goes to a folder of this run, not to the user's
# cache folder: the tests build libraries of scratch rulesets that have no business there. Tests of the
# cache itself set their own folder.
if "ELIGIBILITY_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="eligibility-tests-cache-")
    os.environ["ELIGIBILITY_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
