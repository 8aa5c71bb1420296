"""The installed package is whole: every sub-package is listed for setuptools, and no public name of
``eligibility`` is shadowed by a sub-module of the same name."""

from __future__ import annotations

import importlib
import pkgutil
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_installed() -> None:
    """pyproject's package list names every folder of eligibility/ that holds Python code (a missing one
    works from the checkout but is absent from a wheel, so its commands fail after pip install)."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {".".join(("eligibility", *p.parent.relative_to(ROOT / "eligibility").parts))
               for p in (ROOT / "eligibility").rglob("*.py") if "__pycache__" not in p.parts}
    assert folders | {"eligibility.rulesets"} == listed


def test_no_export_is_shadowed_by_a_submodule() -> None:
    """No name exported by ``eligibility`` is also a sub-module's name: importing the sub-module would
    replace the function on the package (``eligibility.report`` became a module after one call)."""
    import eligibility

    submodules = {m.name for m in pkgutil.iter_modules(eligibility.__path__)}
    assert not submodules & set(eligibility.__all__)


def test_report_stays_a_function_after_use() -> None:
    """eligibility.report can be called twice: the first call does not turn it into a module."""
    import eligibility

    profile = ROOT / "profiles" / "ayesha-software-engineer.yaml"
    first = eligibility.report(profile, "2026-03-01", fmt="markdown")
    importlib.import_module("eligibility.reporting")
    second = eligibility.report(profile, "2026-03-01", fmt="markdown")
    assert first == second and first.startswith("#")
