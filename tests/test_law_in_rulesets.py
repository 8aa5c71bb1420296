"""The law lives in rulesets/: the package holds vocabulary and counting, not the figures the law sets.

The figures below are the ones issue 13 found written in Python (a year's hours, windows of 3 and 10
years, test and ECA validity, arranged employment's 30 hours): a test loads every ruleset to show they
are data there, and scans the package's source (ast) so that none comes back as a literal. The few
literals left are listed with the reason they are not law.
"""

from __future__ import annotations

import ast
from pathlib import Path

from eligibility.rulebook.library import load_library
from eligibility.rulebook.model import FundsCondition
from eligibility.rulebook.tables import AdaptabilityPoints, ArrangedEmploymentPoints

PACKAGE = Path(__file__).resolve().parents[1] / "eligibility"

#: Whole numbers the law sets that were once written in Python: hours (a year, six months, two and five
#: years), months (3, 10 and 100 years; 2-year tests, 5-year ECAs) and the 30-hour week.
LAW_FIGURES = frozenset({1560, 780, 3120, 7800, 30, 36, 60, 120, 1200, 24})

#: (module, figure): why that literal is not a rule of law written in Python.
NOT_LAW: dict[tuple[str, int], str] = {
    ("work.py", 30): "the weekly cap: the definition of counting, cited beside it",
    ("work.py", 1560): "a year's hours: the definition of counting, cited beside it",
    ("work.py", 1200): "a look-back longer than any working life ('at any time'), not a rule's window",
    ("limits.py", 120): "input plausibility ceilings (hours a week in one job, a person's age), not rules of law",
    ("limits.py", 30): "an input plausibility ceiling (children in one profile), not a rule of law",
    ("profile/checks.py", 1200): "the longest job offer a profile may state (100 years), an input bound",
    ("rulebook/bounds.py", 1200): "the longest window a ruleset may state (100 years), a bound on rules data",
    ("api.py", 36): "the default span of a plan: three years ahead, a display choice",
    ("cli.py", 36): "the default span of a plan: three years ahead, a display choice",
    ("reporting/reach.py", 36): "the span of a report's plan and of within reach: three years ahead, a display choice",
    ("server/routes_time.py", 36): "the default span of a plan over HTTP: three years ahead, a display choice",
    ("cli.py", 24): "the terminal height assumed when none is known (shutil.get_terminal_size)",
    ("draws/cli.py", 1200): "the CRS scale's top, bounding a score typed on the command line",
    ("draws/model.py", 1200): "the CRS scale's top, bounding a cut-off read from IRCC's feed or a rounds table",
    ("timeline/score.py", 120): "the CRS work window, mirrored from the CRS ruleset to name a CRS change's cause",
}
#: Modules whose numbers are published tables, each row citing its source beside it.
TABLES = {"language.py": "IRCC's score-to-CLB/NCLC conversion charts, one row per level"}


def law_literals(root: Path = PACKAGE) -> list[tuple[str, int, int]]:
    """Every (module, line, figure) below ``root`` whose integer literal is one of the law's figures."""
    found = []
    for path in sorted(root.rglob("*.py")):
        module = path.relative_to(root).as_posix()
        if module in TABLES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Constant) and type(node.value) is int and node.value in LAW_FIGURES
                    and (module, node.value) not in NOT_LAW):
                found.append((module, node.lineno, node.value))
    return found


def test_no_law_figure_is_written_in_python() -> None:
    """No module of the package writes one of the law's figures as a literal (the listed exceptions aside)."""
    assert law_literals() == [], "law figures in Python; move them to rulesets/: " + ", ".join(
        f"{m}:{line}: {v}" for m, line, v in law_literals())


def test_every_exception_is_still_needed() -> None:
    """Each listed exception still matches a literal in its module, so the list cannot outlive the code."""
    seen = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and type(node.value) is int:
                seen.add((module, node.value))
    assert set(NOT_LAW) - seen == set()


def test_the_rulesets_state_what_python_no_longer_does() -> None:
    """Every ruleset loads, and arranged employment's figures and the adaptability figures are data in them."""
    library = load_library()
    rules = [c.exempt_with_arranged_employment for p in library.programs.values() for v in p.versions
             for c in v.conditions if isinstance(c, FundsCondition) and c.exempt_with_arranged_employment]
    factors = [f for g in library.grids.values() for v in g.versions for f in v.factors]
    rules += [f.arranged_employment for f in factors
              if isinstance(f, ArrangedEmploymentPoints | AdaptabilityPoints)]
    assert rules, "no ruleset states arranged employment"
    stated = {(r.min_hours_per_week, r.min_duration_months, r.current_employer_min_hours,
               r.current_employer_window_months, r.occupations.teer, r.occupations.groups) for r in rules}
    # FSW's arranged employment (any TEER 0-3), and FST's funds exemption (an offer in a skilled trade).
    trades = ("72", "73", "82", "83", "92", "93", "6320", "62200")
    assert stated == {(30, 12, 1560, 120, (0, 1, 2, 3), None), (30, 12, 1560, 120, None, trades)}
    adaptability = [f for f in factors if isinstance(f, AdaptabilityPoints)]
    assert [(f.study_in_canada_min_years, f.work_in_canada_min_hours) for f in adaptability] == [(2, 1560)]


def test_the_scan_finds_a_law_figure(tmp_path: Path) -> None:
    """The scan reports a module writing 1560 and 36 as literals, and not a float nor a boolean (so it can fail)."""
    (tmp_path / "rules.py").write_text("MINIMUM = 1560\nWINDOW = {'months': 36}\nRATE = 30.0\nFLAG = True\n")
    assert law_literals(tmp_path) == [("rules.py", 1, 1560), ("rules.py", 2, 36)]
