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


#: What ``evaluate`` prints needs none of these: the plan and its render (only the first day each program
#: opens is shown, ``reporting/reach.py``), the other formats' writers, the other commands' machinery, the
#: checks of rules read anew and the reading of IRCC's rounds feed (a warm cache has checked rules and the
#: rounds table), and the standard library's TOML reader (TOML profiles only) and temporary files (a cache
#: being written only).
NOT_FOR_EVALUATE = (
    "eligibility.timeline.build", "eligibility.timeline.gaps", "eligibility.timeline.score",
    "eligibility.timeline.distance", "eligibility.timeline.render", "eligibility.reporting.assemble",
    "eligibility.reporting.html", "eligibility.reporting.markdown", "eligibility.render.markdown",
    "eligibility.render.data", "eligibility.render.json_text", "eligibility.listings", "eligibility.noc.show",
    "eligibility.noc.elements", "eligibility.ranking.improve", "eligibility.whatif.run", "eligibility.whatif.compare",
    "eligibility.explain", "eligibility.schema", "eligibility.server", "eligibility.batch", "eligibility.diff",
    "eligibility.engines.durable", "eligibility.draws.update", "eligibility.draws.api", "eligibility.draws.feed",
    "eligibility.rulebook.checks", "eligibility.rulebook.bounds", "tomllib", "tempfile",
)


def test_evaluate_text_imports_only_what_it_prints(tmp_path: Path) -> None:
    """A warm ``evaluate`` in text imports neither the plan, the other formats, other commands' modules,
    tomllib nor tempfile (a later import at the top of a module it reads would show here)."""
    args = ["evaluate", PROFILE, "--as-of", "2026-03-01"]
    _modules(args, tmp_path)
    warm = _modules(args, tmp_path)
    assert "eligibility.reporting.reach" in warm  # the within reach was worked out
    loaded = sorted(name for name in NOT_FOR_EVALUATE if name in warm)
    assert loaded == [], loaded


def test_help_loads_no_rules(tmp_path: Path) -> None:
    """``eligibility --help`` imports neither the rules engine nor the API."""
    loaded = _modules(["--help"], tmp_path)
    for name in ("eligibility.api", "eligibility.rulebook.model", "eligibility.engines.native", "pydantic"):
        assert name not in loaded, name
