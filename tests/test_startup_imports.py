"""What a command imports at start: only what it needs (checked on the modules loaded, never on time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILE = str(ROOT / "profiles" / "ayesha-software-engineer.yaml")
RUN = """
import json, runpy, sys
sys.argv = ["eligibility", *json.loads(sys.argv[1])]
try:
    runpy.run_module("eligibility", run_name="__main__")
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""


def _modules(args: list[str], cache: Path) -> set[str]:
    """The modules loaded by one run of ``eligibility ARGS`` in a fresh process with that cache folder."""
    env = {**os.environ, "ELIGIBILITY_CACHE_DIR": str(cache)}
    env.pop("ELIGIBILITY_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", RUN, json.dumps(args)], capture_output=True, text=True, env=env,
                          cwd=ROOT, check=True)
    return set(json.loads(done.stderr.rsplit("MODULES ", 1)[1]))


def test_evaluate_with_a_warm_cache_loads_no_rules_machinery(tmp_path: Path) -> None:
    """With the library cached, evaluate reads no ruleset and imports neither pydantic nor rapidfuzz."""
    args = ["evaluate", PROFILE, "--as-of", "2026-03-01"]
    first = _modules(args, tmp_path)
    assert "eligibility.rulebook.structure" in first  # the cold start read and checked the rules
    warm = _modules(args, tmp_path)
    for name in ("eligibility.rulebook.structure", "eligibility.rulebook.links", "pydantic", "rapidfuzz",
                 "eligibility.whatif.run"):
        assert name not in warm, name


def test_help_loads_no_rules(tmp_path: Path) -> None:
    """``eligibility --help`` imports neither the rules engine nor the API."""
    loaded = _modules(["--help"], tmp_path)
    for name in ("eligibility.api", "eligibility.rulebook.model", "eligibility.engines.native", "pydantic"):
        assert name not in loaded, name
