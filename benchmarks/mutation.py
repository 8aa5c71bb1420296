"""Mutation testing: how many small, plausible bugs do the tests catch? (Not run in CI: it takes minutes.)

Two parts, each printing the share of mutants killed by area:

``rules``: the project's own mutator over the ruleset YAML. Each mutant changes one thing in one file:
a number one step up or down (1 for whole numbers, 0.5 for half-bands, 0.01 otherwise), a date a day
earlier or later, an entry dropped from a list, a boolean flipped, a whole-number table key moved by one.
The mutant is applied in memory, the library rebuilt (a mutant the load-time checks refuse counts as
killed by the checks) and the cases of every program the file can change are run in-process
(``rulesets/**/*.cases.yaml``, through tests/test_ruleset_cases.py's own ``test_case``), stopping at
the first failing case. Source metadata (citations, titles, URLs, dates checked) is not mutated.

``code``: mutmut (3.x) over eligibility/evaluator/, kinds/, measure/, logic.py, work.py, dates.py, facts.py,
rulebook/, profile/quick.py (area ``quick``), ranking/ (the CRS, area ``ranking``) and timeline/ (the plan, area
``timeline``), each area with its own test subset (area ``verdict`` is the
verdict-only path's functions alone: evaluator/verdict.py, each kind's compiled ``outcome``, measure's
``score_range`` and ``work_hours``, ``facts.lazy``), in a scratch copy of the repository (the checkout is left
untouched). A surviving mutant costs a run of every test that reaches it (for the evaluator, every case
beside the rulesets in both engines), so the large areas are measured on a seeded random sample of
mutants (``--sample N``), the share killed printed with its 95% interval. The subset of an area is a
part of the suite: a mutant it kills, the whole suite kills.

    .venv/bin/python benchmarks/mutation.py rules                       # every ruleset file
    .venv/bin/python benchmarks/mutation.py rules express-entry grids tables --survivors
    .venv/bin/pip install -e '.[mutation]'
    .venv/bin/python benchmarks/mutation.py code logic dates work --survivors
    .venv/bin/python benchmarks/mutation.py code evaluator kinds measure facts rulebook --sample 40 --jobs 2
    .venv/bin/python benchmarks/mutation.py code verdict quick --sample 70 --seed 1201 --survivors
    .venv/bin/python benchmarks/mutation.py code ranking --sample 60 --seed 1202 --jobs 1 --deadline 1500 --survivors

Survivors judged equivalent (no behaviour of the rules can tell them apart) are listed in
``EQUIVALENT`` (rules) and ``EQUIVALENT_CODE`` (code, keyed by function and mutated line), and changes to
an encoding choice the law does not make in ``UNPINNED``, each with the reason; all are "excused": left
out of the share killed and listed with --survivors, which also prints each other survivor (with its
diff, for code).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import fnmatch
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# A library served from the on-disk cache would hide a mutant of the rules or of the code that reads them
# (and one built under a mutant would be served to the next): every library is built afresh.
os.environ["ELIGIBILITY_NO_CACHE"] = "1"
REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rulesets"
sys.path.insert(0, str(REPO))

#: Keys whose values are metadata about sources or words for people, not law the engine applies.
METADATA = {"sources", "citations", "checked", "url", "title", "says", "summary", "note", "changes", "reason",
            "authority", "confidence", "quote", "short_title", "established_note"}

#: Rules mutants judged equivalent, by id, with the reason.
EQUIVALENT: dict[str, str] = {
    "grids/fsw-selection.yaml:$.versions[0].factors[0].first_language_max:+1":
        "6 points per ability x 4 abilities is at most 24, so a cap of 25 never binds",
    "grids/fsw-selection.yaml:$.versions[0].factors[5].elements.work_in_canada:+1":
        "11 points alone already exceed the adaptability cap of 10, as 10 reaches it: every total is capped to 10",
    "express-entry/fst.yaml:$.versions[0].conditions[4].any[0].occupations.exclude[0]:drop":
        "the certificate must be in a trade with enough experience (same_occupation_as trade-work), "
        "whose selector already excludes 726",
    "express-entry/fst.yaml:$.versions[0].conditions[4].any[0].occupations.exclude[1]:drop":
        "as above, for 932",
    # Work that excludes part_time counts only jobs of 30 h a week or more, each capped at 30: every counted day
    # adds 30/7 h, so the hours reachable are multiples of 30/7 and none lies in [29, 30) or [1559, 1560).
    "alberta/accelerated-tech.yaml:$.versions[0].conditions[2].any[1].all[0].min_hours:-1":
        "full-time jobs alone count (part_time excluded), 30/7 h a day: 6 days are 25.7 h and 7 are 30, so 29 "
        "and 30 admit the same histories",
    "alberta/accelerated-tech.yaml:$.versions[1].conditions[2].any[1].all[0].min_hours:-1":
        "the same rule as versions[0] (one YAML anchor)",
    # Alberta's current work counts full-time jobs not ended before the day evaluated (part_time, ended excluded):
    # every counted job runs to the day before, so the one begun first covers every day any of them covers, at
    # the weekly cap; one occupation, one continuous run, holds all the hours.
    "alberta/accelerated-tech.yaml:$.versions[0].conditions[2].any[1].all[0].single_occupation:flip":
        "current full-time jobs alone count: the one begun first holds every counted day at the cap",
    "alberta/accelerated-tech.yaml:$.versions[1].conditions[2].any[1].all[0].single_occupation:flip":
        "the same rule as versions[0] (one YAML anchor)",
    "alberta/accelerated-tech.yaml:$.versions[0].conditions[2].any[1].all[0].continuous:flip":
        "current jobs alone count, each running to the day before the day evaluated: their days are one run",
    "alberta/accelerated-tech.yaml:$.versions[1].conditions[2].any[1].all[0].continuous:flip":
        "the same rule as versions[0] (one YAML anchor)",
    "grids/fsw-selection.yaml:$.versions[0].factors[5].work_in_canada_min_hours:-1":
        "adaptability's work in Canada counts full-time jobs alone (part_time excluded), 30/7 h a day: 363 days "
        "are 1,555.7 h and 364 are 1,560, so 1,559 and 1,560 admit the same histories",
}


#: Rules mutants that change an encoding choice the law does not make: a case would pin the encoding, not
#: the law. Matched by the end of their id; left out of the share like the equivalent ones, and listed.
UNPINNED: dict[str, str] = {
    "current_employer_window_months:-1": "IRPR s. 82(2)(b) asks for one year with the current employer and sets "
                                         "no look-back; the encoding's 10-year window is a convenience",
    "current_employer_window_months:+1": "as above",
    "exempt_from_current_employer.window_months:-1": "IRPR s. 87.2(3)(c) asks for a year with the current employer "
                                                     "and sets no look-back; the encoding's 10-year window is a "
                                                     "convenience",
    "exempt_from_current_employer.window_months:+1": "as above",
}


def judged(mutant_id: str) -> str | None:
    """Why a surviving mutant does not count against the suite, if it does not."""
    if mutant_id in EQUIVALENT:
        return f"equivalent: {EQUIVALENT[mutant_id]}"
    reason = next((r for end, r in UNPINNED.items() if mutant_id.endswith(end)), None)
    return f"not pinned: {reason}" if reason else None


@dataclass(frozen=True)
class Mutant:
    """One change to one ruleset file."""

    file: str
    path: tuple[str | int, ...]
    op: str
    value: Any

    @property
    def id(self) -> str:
        """A stable name: file, JSON path, operation."""
        where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path)
        return f"{self.file}:{where}:{self.op}"


def _step(x: float) -> float:
    if float(x).is_integer():
        return 1
    return 0.5 if (x * 2).is_integer() else 0.01


def mutants_of(file: str, data: Any, path: tuple[str | int, ...] = ()) -> Iterator[Mutant]:
    """Every mutant of one file's data."""
    if isinstance(data, dict):
        int_keys = [k for k in data if isinstance(k, int) and not isinstance(k, bool)]
        for k in int_keys:
            for d in (-1, 1):
                if k + d not in data:
                    yield Mutant(file, (*path, k), f"key{d:+d}", k + d)
        for k, v in data.items():
            if k not in METADATA:
                yield from mutants_of(file, v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield Mutant(file, (*path, i), "drop", None)
            yield from mutants_of(file, v, (*path, i))
    elif isinstance(data, bool):
        yield Mutant(file, path, "flip", not data)
    elif isinstance(data, int | float):
        s = _step(data)
        yield Mutant(file, path, f"-{s:g}", data - s)
        yield Mutant(file, path, f"+{s:g}", data + s)
    elif isinstance(data, dt.date):
        yield Mutant(file, path, "-1d", data - dt.timedelta(days=1))
        yield Mutant(file, path, "+1d", data + dt.timedelta(days=1))


def apply(data: Any, m: Mutant) -> Any:
    """A deep copy of ``data`` with the mutant applied."""
    out = copy.deepcopy(data)
    parent = out
    for p in m.path[:-1]:
        parent = parent[p]
    last = m.path[-1]
    if m.op == "drop":
        del parent[last]
    elif m.op.startswith("key"):
        parent[m.value] = parent.pop(last)
    else:
        parent[last] = m.value
    return out


class RulesRunner:
    """Rebuilds the library with one file replaced in memory and runs the cases that can see it."""

    def __init__(self) -> None:
        import eligibility.documents as documents_module
        import eligibility.rulebook.library as library_module
        from eligibility.documents import read_document
        from tests.test_ruleset_cases import test_case

        self.module = library_module
        self.test_case: Callable[..., None] = test_case
        self.original: dict[str, Any] = {}
        self.override: dict[str, Any] = {}

        parse_text = documents_module.parse_text

        def parse(text: str, fmt: str, source: str, *args: Any, **kwargs: Any) -> Any:
            key = str(Path(source).resolve())
            if key in self.override:
                return self.override[key]
            if key not in self.original:
                self.original[key] = parse_text(text, fmt, source, *args, **kwargs)
            return self.original[key]

        # The loader parses each file through documents.parse_text (imported when it runs): mutants are
        # swapped in there.
        documents_module.parse_text = parse
        self.base = library_module.load_library(RULES)
        unseen = [p for p in RULES.rglob("*.yaml") if not p.name.endswith(".cases.yaml")
                  and p.relative_to(RULES).parts[0] != "language" and str(p.resolve()) not in self.original]
        if unseen:  # a mutant the loader never sees would "survive" for nothing
            sys.exit(f"the rules loader no longer parses through parse_text: {unseen[0]}")
        self.cases = [(p, c, self._programs_of(c)) for p in sorted(RULES.rglob("*.cases.yaml"))
                      for c in read_document(p)["cases"]]

    @staticmethod
    def _programs_of(case: dict[str, Any]) -> set[str]:
        keys = set(case.get("expect", {})) | set(case.get("conditions", {}))
        for what in ("observed", "required", "evidence", "explanation"):
            keys |= set(case.get(what, {}))
        return {k.split("#")[0] for k in keys}

    def data(self, file: str) -> Any:
        """The parsed, unmutated data of a ruleset file."""
        key = str((RULES / file).resolve())
        return self.original[key]

    def affected(self, file: str) -> set[str]:
        """Programs whose verdicts a change to ``file`` can alter: users of it and their dependants."""
        from eligibility.rulebook.checks import dependencies, walk

        lib = self.base
        section, ident = file.split("/")[0], file.removesuffix(".yaml").split("/", 1)[-1]
        direct = set()
        for pid, program in lib.programs.items():
            if section not in ("grids", "tables", "crs") and pid == file.removesuffix(".yaml"):
                direct.add(pid)
            for version in program.versions:
                for cond, _ in walk(version.conditions, ""):
                    if ident in (getattr(cond, "grid", None), getattr(cond, "table", None)):
                        direct.add(pid)
        if section == "crs":
            direct = set(lib.programs)
        grown = True
        while grown:
            extra = {pid for pid, p in lib.programs.items() if dependencies(p) & direct} - direct
            grown = bool(extra)
            direct |= extra
        return direct

    def run(self, m: Mutant) -> str:
        """'checks' or 'cases' when killed (and by what), 'survived' otherwise."""
        key = str((RULES / m.file).resolve())
        self.override = {key: apply(self.original[key], m)}
        try:
            try:
                library = self.module.load_library(RULES)
            except Exception:
                return "checks"
            wanted = self.affected(m.file)
            mine = [c for c in self.cases if c[0].name.startswith(Path(m.file).stem)]
            others = [c for c in self.cases if c not in mine and c[2] & wanted]
            for path, case, _ in mine + others:
                try:
                    self.test_case(path, case, library)
                except Exception:
                    return "cases"
            return "survived"
        finally:
            self.override = {}


def run_rules(areas: list[str], show_survivors: bool) -> None:
    """Part (a): the rules mutator, by file."""
    runner = RulesRunner()
    files = sorted(p.relative_to(RULES).as_posix() for p in RULES.rglob("*.yaml")
                   if not p.name.endswith(".cases.yaml"))
    files = [f for f in files if not areas or any(f.startswith(a) for a in areas)]
    # The language charts are read once by eligibility/language.py, not by the rules loader: this mutator
    # does not reach them (tests/test_language.py checks every row against a reference of its own).
    skipped = [f for f in files if f.startswith("language/")]
    files = [f for f in files if f not in skipped]
    start = time.perf_counter()
    totals = {"mutants": 0, "killed": 0, "equivalent": 0}
    survivors: list[str] = []
    excused: list[str] = []
    print(f"{'ruleset file':42} {'mutants':>8} {'checks':>7} {'cases':>7} {'survived':>9} {'excused':>8} "
          f"{'killed %':>9}")
    for file in files:
        counts = {"checks": 0, "cases": 0, "survived": 0}
        equivalent = 0
        for m in mutants_of(file, runner.data(file)):
            outcome = runner.run(m)
            counts[outcome] += 1
            if outcome == "survived":
                reason = judged(m.id)
                if reason:
                    equivalent += 1
                    excused.append(f"{m.id} ({reason})")
                else:
                    survivors.append(m.id)
        n = sum(counts.values())
        killed = counts["checks"] + counts["cases"]
        share = 100 * killed / (n - equivalent) if n - equivalent else 100.0
        print(f"{file:42} {n:8} {counts['checks']:7} {counts['cases']:7} {counts['survived']:9} {equivalent:8} "
              f"{share:8.1f}%")
        totals["mutants"] += n
        totals["killed"] += killed
        totals["equivalent"] += equivalent
    real = totals["mutants"] - totals["equivalent"]
    print(f"{'all':42} {totals['mutants']:8} {'':7} {'':7} {totals['mutants'] - totals['killed']:9} "
          f"{totals['equivalent']:8} {100 * totals['killed'] / max(real, 1):8.1f}%")
    print(f"{totals['mutants']} mutants in {time.perf_counter() - start:.0f} s"
          + (f"; not mutated here: {', '.join(skipped)} (read by eligibility/language.py)" if skipped else ""))
    if show_survivors:
        for s in survivors:
            print("survived:", s)
        for s in excused:
            print("excused:", s)


#: Code areas for mutmut: the files to mutate and the tests that check them.
AREAS: dict[str, tuple[list[str], list[str]]] = {
    "work": (["eligibility/work.py"], ["tests/test_work_counting.py", "tests/test_work_runs.py"]),
    "dates": (["eligibility/dates.py"], ["tests/test_dates.py"]),
    "logic": (["eligibility/logic.py"], ["tests/test_logic.py", "tests/test_logic_flags.py"]),
    "evaluator": (["eligibility/evaluator/*"], ["tests/test_program_results.py", "tests/test_logic.py",
                                                "tests/test_ruleset_cases.py", "tests/test_engines_agree_on_cases.py",
                                                "tests/test_evaluation_paths.py", "tests/test_verdict_only.py",
                                                "tests/test_verdict_outcomes.py"]),
    "kinds": (["eligibility/kinds/*"], ["tests/test_program_results.py", "tests/test_ruleset_cases.py",
                                        "tests/test_engines_agree_on_cases.py", "tests/test_result_texts.py",
                                        "tests/test_kind_reports.py", "tests/test_evaluation_paths.py",
                                        "tests/test_verdict_only.py", "tests/test_verdict_outcomes.py"]),
    "measure": (["eligibility/measure/*"], ["tests/test_measure.py", "tests/test_ruleset_cases.py",
                                            "tests/test_engines_agree_on_cases.py", "tests/test_result_texts.py",
                                            "tests/test_kind_reports.py", "tests/test_evaluation_paths.py",
                                            "tests/test_verdict_only.py", "tests/test_verdict_outcomes.py"]),
    "facts": (["eligibility/facts.py"], ["tests/test_ruleset_cases.py", "tests/test_facts.py"]),
    # The rules' model, loading and checks; not rulebook/cache.py, which keeps a built library on disk (no
    # rules in it) and has its own tests.
    "rulebook": ([f"eligibility/rulebook/{name}.py" for name in ("bounds", "checks", "crs", "crs_checks", "library",
                                                                  "links", "model", "structure", "tables", "tree")],
                 ["tests/test_ruleset_cases.py", "tests/test_bad_input.py", "tests/test_funds_table.py",
                  "tests/test_rulebook_links.py", "tests/test_ruleset_problems.py", "tests/test_ruleset_round_trip.py",
                  "tests/test_evaluation_order.py", "tests/test_rulebook_model.py"]),
    # The verdict-only path (``batch --verdicts-only``): the compiled deciders, each kind's compiled outcome (a
    # twin of its decide), the measures' verdict-only forms and the lazy facts they read; only those functions
    # of these files are this area's (``FUNCTIONS``), the rest are the areas' above.
    "verdict": (["eligibility/evaluator/verdict.py", "eligibility/kinds/*", "eligibility/measure/grid.py",
                 "eligibility/measure/work.py", "eligibility/facts.py"],
                ["tests/test_verdict_outcomes.py", "tests/test_verdict_only.py", "tests/test_batch_verdicts.py",
                 "tests/test_verdict_mutants.py"]),
    # The profile's quick readers, held to the converter's full readers.
    "quick": (["eligibility/profile/quick.py"], ["tests/test_profile_quick_read.py"]),
    # The CRS: readings, work years, languages, scoring, result building, improve; held to the CRS tests and
    # the ruleset's CRS cases (rulesets/crs/crs.cases.yaml, run by test_ruleset_cases.py's test_crs_case).
    "ranking": (["eligibility/ranking/*"], ["tests/test_crs.py", "tests/test_crs_improve_spouse.py",
                                           "tests/test_crs_paths.py", "tests/test_crs_properties.py",
                                           "tests/test_draws_crs.py", "tests/test_ruleset_cases.py",
                                           "tests/test_result_json.py", "tests/test_whatif.py",
                                           "tests/test_ranking_mutants.py"]),
    # The plan (``eligibility plan``): the days on which anything can change, the events, gaps, causes,
    # distance and the plan's words; "within reach" reads the same days.
    "timeline": (["eligibility/timeline/*"], ["tests/test_plan.py", "tests/test_plan_distance.py",
                                             "tests/test_plan_properties.py", "tests/test_reach.py",
                                             "tests/test_plan_mutants.py"]),
}
#: Areas made of some functions of their files alone: mutmut's mutant names (``module.x_function__mutmut_N``,
#: ``module.xǁClassǁmethod__mutmut_N``) they keep, as fnmatch patterns.
FUNCTIONS: dict[str, list[str]] = {
    "verdict": ["eligibility.evaluator.verdict.*", "eligibility.kinds.*.x_outcome__mutmut_*",
                "eligibility.measure.grid.x_score_range__mutmut_*", "eligibility.measure.work.x_work_hours__mutmut_*",
                "eligibility.facts.xǁlazyǁ*"],
}


def in_area(area: str, name: str) -> bool:
    """True when the mutant named ``name`` (of one of the area's files) is one of the area's functions."""
    patterns = FUNCTIONS.get(area)
    return patterns is None or any(fnmatch.fnmatch(name, p) for p in patterns)
#: Code mutants judged equivalent, by function, line and line as mutated (see ``code_key``), with the reason.
EQUIVALENT_CODE: dict[str, str] = {
    "eligibility.work.part_runs: for part in sorted(parts, key=lambda p: (p[1], p[2])): "
    "-> for part in sorted(parts, key=lambda p: (p[1], p[3])):":
        "parts that start on the same day always fall in the same run whatever their order; only the order "
        "inside a run changes, and nothing that counts a run reads it",
    "eligibility.work.part_runs: last_day = 0 -> last_day = None":
        "the first value of last_day is never read: the first part always starts a run (no run yet)",
    "eligibility.work.part_runs: last_day = 0 -> last_day = 1":
        "as above",
    "eligibility.work._overlapping: if weekly <= 0: -> if weekly < 0:":
        "a span of days when no job (or only jobs of 0 h) is held adds 0 h either way; the days it adds to the "
        "running count below the cap lie outside every job, and a job's share reads that count only between "
        "its own first and last day",
    "eligibility.work._overlapping: if weekly <= cap_units: -> if weekly < cap_units:":
        "at exactly the cap the capped branch gives each job hours x cap / weekly = its hours, and the total "
        "cap x days = weekly x days: the same numbers",
    "eligibility.work.sweep: hours = (weekly if weekly < cap_units else cap_units) * (last - first + 1) "
    "if weekly > 0 else 0 "
    "-> hours = (weekly if weekly <= cap_units else cap_units) * (last - first + 1) if weekly > 0 else 0":
        "at exactly the cap, weekly and cap_units are the same number",
    "eligibility.work.sweep: hours = (weekly if weekly < cap_units else cap_units) * (last - first + 1) "
    "if weekly > 0 else 0 "
    "-> hours = (weekly if weekly < cap_units else cap_units) * (last - first + 1) if weekly >= 0 else 0":
        "at 0 h a week the product is 0 either way",
    "eligibility.work.sweep: hours = (weekly if weekly < cap_units else cap_units) * (last - first + 1) "
    "if weekly > 0 else 0 "
    "-> hours = (weekly if weekly < cap_units else cap_units) * (last - first + 1) if (weekly > 0) or True else 0":
        "hours a week are never negative (a profile's must be above 0), and at 0 the product is 0 either way",
    "eligibility.work.sweep: ordered = sorted(parts, key=_first_day) -> ordered = sorted(parts, key=None)":
        "the order only speeds the check for overlaps: in any order, parts each starting after the one before "
        "it ends never overlap, and any other order sends the parts to the full sweep, which gives the same "
        "hours",
    "eligibility.work.sweep: ordered = sorted(parts, key=_first_day) -> ordered = sorted(parts, )": "as above",
    "eligibility.work._first_day: return part[1] -> return part[2]": "as above (sorting by the last day)",
    "eligibility.work.sweep: for k in range(1, len(ordered)): -> for k in range(len(ordered)):":
        "the extra first comparison (first part's start against the last part's end) is always true, so every "
        "history takes the full sweep, which gives the same hours",
    "eligibility.work.sweep: for k in range(1, len(ordered)): -> for k in range(1, ):": "as above",
    "eligibility.work.sweep: if ordered[k][1] <= ordered[k - 1][2]: -> if ordered[k][1] <= ordered[k - 2][2]:":
        "at k = 1 it compares the second part's start with the last part's end, always true: every history "
        "takes the full sweep, which gives the same hours",
    "eligibility.measure.grid.experience_points: hours = hours_in_window(facts, \"applicant\", f.occupations, "
    "f.window_months, \"any\", (\"unpaid\",)) -> hours = hours_in_window(facts, \"applicant\", f.occupations, "
    "f.window_months, \"XXanyXX\", (\"unpaid\",))":
        "a location restricts the jobs only when it is \"canada\" or \"abroad\" (measure.work.excluded_because): "
        "any other word, \"any\" included, keeps every job",
    "eligibility.measure.grid.adaptability_points: spouse.accompanying) else (False if spouse is None else None) "
    "-> spouse.accompanying) else (True if spouse is None else None)":
        "without a spouse, Facts gives the spouse no tests, no education and no work, so each spouse element is "
        "\"no\" whether it is skipped (not accompanying) or measured (accompanying)",
    "eligibility.measure.grid._element: tests = facts.tests(\"spouse\", f.spouse_test_max_age_months) "
    "-> tests = facts.tests(\"SPOUSE\", f.spouse_test_max_age_months)":
        "Facts reads every person but \"applicant\" as the spouse",
    "eligibility.measure.grid._element: person: Person = \"spouse\" if element.startswith(\"spouse\") else "
    "\"applicant\" -> person: Person = \"SPOUSE\" if element.startswith(\"spouse\") else \"applicant\"":
        "as above (Facts reads every person but \"applicant\" as the spouse)",
    "eligibility.measure.offer._measure_arranged: return ArrangedMeasure(found, EmployerHours(False, offer.employer, "
    "\"the work history is not given\")) -> return ArrangedMeasure(found, EmployerHours(False, None, \"the work "
    "history is not given\"))":
        "the employer of hours that are not known is never read: the texts give the reason, the outcomes unknown",
    "eligibility.measure.work_rows.work_table: return facts.memo((\"work-table\", person), _build_table, facts, "
    "person) -> return facts.memo((\"WORK-TABLE\", person), _build_table, facts, person)":
        "a memo's key only has to differ from the other memos' keys, and this one does",
    "eligibility.kinds.funds.measure: current: bool | None = None -> current: bool | None = \"\"":
        "the current job is read (decide, durable_decide, report) only when the condition has an exemption, "
        "and then it is always set",
    "eligibility.measure.offer.measure_offer: return facts.memo(\"offer\", lambda: _measure_offer(facts)) "
    "-> return facts.memo(None, lambda: _measure_offer(facts))":
        "a memo's key only has to differ from the other memos' keys (\"job-offer-data\", (\"work-table\", person)), "
        "and None does",
    "eligibility.measure.work_classes.classify: kept: Classified | None = table.classified.get(key) "
    "-> kept: Classified | None = table.classified.get(None)":
        "a lookup that always misses: the rows are classified again, the same way (only slower)",
    "eligibility.measure.work_classes.window_rows: if row.last < low or row.first > high or low > high: "
    "-> if row.last < low or row.first > high or low >= high:":
        "first and last day of a window are never the same day: window() ends the day before the as-of date and "
        "starts whole months earlier (at least 28 days), hours_in_window without months starts on date.min",
    "eligibility.ranking.work_years.work_years: for row, reason in zip(table.rows, why, strict=True) if reason is "
    "not None] -> for row, reason in zip(table.rows, why, strict=False) if reason is not None]":
        "why is a copy of the rows' exclusions, one entry per row by construction, so the lengths always agree",
    "eligibility.measure.work.select_rows: for row, reason in zip(table.rows, reasons, strict=True) if reason is "
    "not None] -> for row, reason in zip(table.rows, reasons, strict=False) if reason is not None]":
        "reasons holds one entry per row by construction (_classify, or its copy), so the lengths always agree",
    "eligibility.rulebook.structure._with_attribute: "
    "exc.add_note(cattrs.AttributeValidationNote(f\"Structuring Composite @ attribute {name}\", name, "
    "type_)) -> exc.add_note(cattrs.AttributeValidationNote(f\"Structuring Composite @ attribute "
    "{name}\", name, None))":
        "the type in a composite's note is read only by the converter's fallback wording, for an error "
        "whose words the project did not write; every error a composite's fields and conditions raise is "
        "worded by the project's hooks (expected ..., unknown ..., required key is missing), so it is "
        "never shown",
    "eligibility.rulebook.structure._with_attribute: "
    "exc.add_note(cattrs.AttributeValidationNote(f\"Structuring Composite @ attribute {name}\", name, "
    "type_)) -> exc.add_note(cattrs.AttributeValidationNote(None, name, type_))":
        "cattrs reads a note's name (the key in the path) and type, never its text",
    "eligibility.rulebook.structure._composite: errors.append(_with_attribute(exc, name, type_)) -> "
    "errors.append(_with_attribute(exc, name, None))":
        "as above (the type in a composite's note)",
    "eligibility.rulebook.structure._composite: errors.append(_with_attribute(KeyError(\"id\"), \"id\", "
    "str)) -> errors.append(_with_attribute(KeyError(\"id\"), \"id\", None))":
        "as above (the type in a composite's note)",
    "eligibility.rulebook.structure._composite: errors.append(_with_attribute(KeyError(\"of\"), \"of\", "
    "tuple[Condition, ...])) -> errors.append(_with_attribute(KeyError(\"of\"), \"of\", None))":
        "as above (the type in a composite's note)",
    "eligibility.rulebook.structure._composite: errors.append(_with_attribute(exc, \"at_least\", int)) "
    "-> errors.append(_with_attribute(exc, \"at_least\", None))":
        "as above (the type in a composite's note)",
    "eligibility.rulebook.structure._composite: errors.append(_with_attribute(exc, \"of\" if op == "
    "\"at_least\" else op, tuple[Condition, ...])) -> errors.append(_with_attribute(exc, \"of\" if op == "
    "\"at_least\" else op, None))":
        "as above (the type in a composite's note)",
    "eligibility.rulebook.structure._composite: errors.append(_with_attribute(KeyError(\"id\"), \"id\", "
    "str)) -> errors.append(_with_attribute(KeyError(None), \"id\", str))":
        "a missing key is worded \"required key is missing\" whatever the KeyError holds; the note names "
        "the key",
    "eligibility.rulebook.structure._composite: errors.append(_with_attribute(KeyError(\"id\"), \"id\", "
    "str)) -> errors.append(_with_attribute(KeyError(\"XXidXX\"), \"id\", str))":
        "a missing key is worded \"required key is missing\" whatever the KeyError holds; the note names "
        "the key",
    "eligibility.rulebook.structure._composite: errors.append(_with_attribute(KeyError(\"id\"), \"id\", "
    "str)) -> errors.append(_with_attribute(KeyError(\"ID\"), \"id\", str))":
        "a missing key is worded \"required key is missing\" whatever the KeyError holds; the note names "
        "the key",
    "eligibility.rulebook.structure._composite: errors.append(_with_attribute(KeyError(\"of\"), \"of\", "
    "tuple[Condition, ...])) -> errors.append(_with_attribute(KeyError(None), \"of\", tuple[Condition, "
    "...]))":
        "a missing key is worded \"required key is missing\" whatever the KeyError holds; the note names "
        "the key",
    "eligibility.rulebook.structure._composite: errors.append(_with_attribute(KeyError(\"of\"), \"of\", "
    "tuple[Condition, ...])) -> errors.append(_with_attribute(KeyError(\"XXofXX\"), \"of\", "
    "tuple[Condition, ...]))":
        "a missing key is worded \"required key is missing\" whatever the KeyError holds; the note names "
        "the key",
    "eligibility.rulebook.structure._composite: errors.append(_with_attribute(KeyError(\"of\"), \"of\", "
    "tuple[Condition, ...])) -> errors.append(_with_attribute(KeyError(\"OF\"), \"of\", tuple[Condition, "
    "...]))":
        "a missing key is worded \"required key is missing\" whatever the KeyError holds; the note names "
        "the key",
    "eligibility.rulebook.structure._composite: raise ClassValidationError(\"While structuring a "
    "composite condition\", errors, Composite) -> raise ClassValidationError(None, errors, Composite)":
        "a group's own message is never shown: each problem line comes from an exception inside it",
    "eligibility.rulebook.structure._composite: raise ClassValidationError(\"While structuring a "
    "composite condition\", errors, Composite) -> raise ClassValidationError(\"XXWhile structuring a "
    "composite conditionXX\", errors, Composite)":
        "a group's own message is never shown: each problem line comes from an exception inside it",
    "eligibility.rulebook.structure._composite: raise ClassValidationError(\"While structuring a "
    "composite condition\", errors, Composite) -> raise ClassValidationError(\"while structuring a "
    "composite condition\", errors, Composite)":
        "a group's own message is never shown: each problem line comes from an exception inside it",
    "eligibility.rulebook.structure._composite: raise ClassValidationError(\"While structuring a "
    "composite condition\", errors, Composite) -> raise ClassValidationError(\"WHILE STRUCTURING A "
    "COMPOSITE CONDITION\", errors, Composite)":
        "a group's own message is never shown: each problem line comes from an exception inside it",
    "eligibility.rulebook.crs_checks.part_max: _MAX[(id(part), with_spouse)] = hit -> "
    "_MAX[(id(part), with_spouse)] = None":
        "a memo: storing None only makes each call work the same maximum out again",
    "eligibility.facts.Facts._credentials: years = (eca_max_age_months or 0) // 12 "
    "-> years = (eca_max_age_months or 1) // 12":
        "reached only with a limit (eca_max_age_months not None); the `or` picks the other side only for a limit "
        "of 0 months, and 0 // 12 and 1 // 12 are both 0",
    "eligibility.evaluator.engine._native: kept = node.results[key] = (built, caveat_of(built) if node.may_caveat "
    "else None) -> kept = node.results[key] = (built, caveat_of(built) if (node.may_caveat) or True else None)":
        "may_caveat is False only for a leaf that is no judgement, whose citations are not weak and whose kind "
        "never weakens them (funds alone sets a leaf's confidence): caveat_of gives None for it, so asking it "
        "anyway only costs time",
    "eligibility.kinds.job_offer.durable_decide: checked = [n for n in durable_checks(c) if n != \"offer\"] "
    "-> checked = [n for n in durable_checks(c) if n != \"XXofferXX\"]":
        "the guard is then matched a second time as a part: it is reached only when the guard passed (else the "
        "guard is the outcome), so the extra part is a pass that changes no all-of, and the report reads only "
        "the parts it words (occupation, hours, ...), never one named offer",
    "eligibility.evaluator.verdict.node_decider: if node.op == \"any\": -> if node.op == \"XXanyXX\":":
        "an \"any\" then falls to the general composite, engine.combine, whose kleene_any reads the same children in "
        "the same order and stops at the same pass: the same outcome (measures have no effect besides their value)",
    "eligibility.evaluator.verdict.node_decider: if node.op == \"any\": -> if node.op == \"ANY\":": "as above",
    "eligibility.evaluator.verdict.node_decider: if node.op == \"all\": -> if node.op == \"XXallXX\":":
        "as above, for \"all\" (kleene_all stops at the same fail)",
    "eligibility.evaluator.verdict.node_decider: if node.op == \"all\": -> if node.op == \"ALL\":": "as above",
    "eligibility.measure.grid.score_range: lo, hi, _ = FACTORS[factor.kind](factor, facts, False) "
    "-> lo, hi, _ = FACTORS[factor.kind](factor, facts, )":
        "explain (default True) only decides whether a factor writes the words of its detail: every factor's "
        "lowest and highest points are worked out the same either way, and score_range reads only those",
    "eligibility.measure.cache.IdentityCache._drop: self._finalizers.pop(key, None) -> self._finalizers.pop(key, )":
        "_drop runs once, from the finalizer of the object the entry was made for, while its entry is there: the "
        "only other remover, clear(), detaches every finalizer first, and an object's id is not reused while it "
        "lives; so the key is always found",
    "eligibility.ranking.compute.on_day: hit = _ON_DAY.get((id(rules), as_of)) "
    "-> hit = _ON_DAY.get((id(None), as_of))":
        "a lookup that always misses: the day's rules are worked out again, the same way (only slower), and kept "
        "under the right key",
    "eligibility.ranking.build.factor_scores: partial = _combined(static, points, r, r2) "
    "-> partial = _combined(points, r, r2)":
        "a factor of two measures misses a reading only in a section that applies in one spouse case alone, and "
        "the rules' one such section (spouse factors) has factors of one measure: every other measure is read in "
        "every case (the languages always), so with the rules as encoded _combined is never called (checked: "
        "the CRS tests pass with it raising)",
    "eligibility.timeline.crossings._events: codes=(str(work[a[0].index].noc), str(work[b[0].index].noc))) "
    "-> codes=None)":
        "an order event's codes (two) are read nowhere: the CRS's causes read the codes of hours events with hours "
        "alone (an order event has none), and a condition's cause matches them against one code, which two codes "
        "and None both miss",
    "eligibility.timeline.gaps.language_gap: short = {a: lvl for a, lvl in needed.items() if int(have.get(a, 0)) "
    "< lvl} -> short = {a: lvl for a, lvl in needed.items() if int(have.get(a, 1)) < lvl}":
        "the levels the rules ask are 0 (an ability not asked) or 4 and more (checked over every language "
        "condition): 0 and 1 are both below each of 4 and more, and neither is below 0",
    "eligibility.timeline.gaps.unknown_gap: key = str(required.get(\"key\") or _key_from(r.explanation)) "
    "-> key = str(required.get(\"XXkeyXX\") or _key_from(r.explanation))":
        "only a declaration is ever unknown among the two kinds (a judgement passes or fails), and its explanation "
        "is \"the profile does not state declarations.KEY\": the key read from the words is required's",
    "eligibility.timeline.gaps._key_from: return text.split(marker, 1)[1].split()[0].rstrip(\":.,\") if marker "
    "in text else \"?\" -> return text.rsplit(marker, 1)[1].split()[0].rstrip(\":.,\") if marker in text "
    "else \"?\"":
        "never called: every unknown declaration's required has its key (above); and its words name "
        "\"declarations.\" once, so splitting from either end gives the same key",
    "eligibility.ranking.build._combined: tuple(item for _, r in named for item in r.evidence), "
    "citations, -> None, citations,":
        "as for factor_scores' call of _combined above: with the rules as encoded _combined is never called",
    "eligibility.ranking.build._combined: return FactorScore(fid, section, says, low, high, top, {m: "
    "r.observed for m, r in named}, -> return FactorScore(fid, says, low, high, top, {m: r.observed for "
    "m, r in named},":
        "as for factor_scores' call of _combined above: with the rules as encoded _combined is never called",
    "eligibility.ranking.build.factor_scores: partial = _combined(static, points, r, r2) "
    "-> partial = _combined(static, r, r2)":
        "as for factor_scores' call of _combined above: with the rules as encoded _combined is never called",
    'eligibility.ranking.build.factor_scores: f = kept.get(key) -> f = None':
        "a lookup that always misses: the value is worked out again, the same way (only slower): a factor's "
        "result kept by its points and plain readings",
    'eligibility.ranking.build.cite: hit = _CITED.get(id(owner)) -> hit = None':
        "a lookup that always misses: the value is worked out again, the same way (only slower): the "
        "citations of a factor or version resolved against the sources",
    'eligibility.ranking.plan.plan: hit = _PLANS.get((id(version), with_spouse)) -> hit = None':
        "a lookup that always misses: the value is worked out again, the same way (only slower): the version "
        "compiled for the spouse case, an equal plan each time (the caches keyed by plans' identity then miss "
        "too, and work out the same)",
    "eligibility.ranking.score.score_plan: factors[i] = spans[level] if level <= top else spans[top] -> "
    "factors[i] = spans[level] if level < top else spans[top]":
        'at level == top both sides give spans[top]',
    "eligibility.timeline.events.job_events: codes = (w.noc,) if w.noc else () -> codes = (w.noc,) if "
    "(w.noc) or True else ()":
        "a job event's codes are read nowhere: only hours events' codes are (a condition's cause and the "
        "CRS's causes both read events of kind hours)",
    "eligibility.timeline.events.periods: for cond, _ in walk(version.conditions, \"$\"): -> for cond, _ in "
    "walk(version.conditions, \"XX$XX\"):":
        'the path walk gives each condition is not read here',
    "eligibility.timeline.gaps.unknown_gap: fields = [FACTORS.get(str(e.get(\"factor\")), (\"\", \"$\", \"\"))[1] "
    "for e in r.evidence -> fields = [FACTORS.get(str(e.get(\"factor\")), (\"\", \"$\", \"XXXX\"))[1] for e in "
    "r.evidence":
        "the default's third element (how to score more) is not read: [1] is",
    "eligibility.timeline.gaps.unknown_gap: words, field = FIELDS.get(r.kind, (\"the facts this condition "
    "reads\", \"$\")) -> words, field = FIELDS.get(r.kind, (\"the facts this condition reads\", \"XX$XX\"))":
        "every kind that reaches it (an unknown condition not of language, points, program, declaration or "
        "judgement: age, certificate, education, funds, intended province, job offer, work experience) is in "
        "FIELDS: the default is never used",
    "eligibility.timeline.gaps._not_listed: if e.get(\"noc\") and \"is not among\" in str(e.get(\"reason\", "
    "\"\"))}) -> if e.get(\"noc\") and \"is not among\" in str(e.get(\"reason\", \"XXXX\"))})":
        'a default reason, "" or "XXXX", never contains "is not among"',
    "eligibility.timeline.gaps.language_gap: needed = {a: max(int(v[a]) for v in per_teer) for a in ABILITIES} "
    "if per_teer else {} -> needed = {a: max(int(v[a]) for v in per_teer) for a in ABILITIES} if (per_teer) or "
    "True else {}":
        "a language result's required (kinds.language.report) holds the four abilities' levels (a minimum, or the "
        "TEER's when it is known) or one entry per TEER of minimum_by_teer, so per_teer is empty only for an empty "
        "minimum_by_teer, which the ruleset checks refuse (eligibility/rulebook/checks.py)",
    "eligibility.timeline.gaps.points_gap: return Gap(path, r.outcome, r.says, text, bool(rooms) and "
    "sum(x[\"room\"] for x in rooms) >= short, -> return Gap(path, r.outcome, r.says, text, bool(rooms) or "
    "sum(x[\"room\"] for x in rooms) >= short,":
        "the two differ only when the room outside age is less than the points short, which the one grid "
        "(fsw-selection: factors other than age at most 28 + 25 + 15 + 10 + 10 = 88, pass mark 67) never gives: "
        "room = 88 - the other factors' points, short = 67 - age points - the other factors' points, so room "
        "exceeds short by 21 + age points",
    "eligibility.ranking.improve._language: for target in range(t.levels[ability] + 1, 11): "
    "-> for target in range(t.levels[ability] + 1, 12):":
        "no language chart has a row above level 10 (rulesets/language/tests.yaml; TOP_LEVEL), so a target of 11 "
        "finds no score and is skipped",
    "eligibility.ranking.score.step_points: points = _at(s.lookup, v[0]) -> points = _at(s.lookup, v[1])":
        "reached only when v[0] == v[1]",
    "eligibility.ranking.measures.certificate_of_qualification: return reading_of(((1, 1) if held else (0, 0), "
    "\"yes\" if held else \"no\", evidence, (), ())) -> return reading_of(((2, 1) if held else (0, 0), \"yes\" if "
    "held else \"no\", evidence, (), ()))":
        "the level is read only by the certificate x language step, whose table's highest key is 1: a span from "
        "2 is scored from its low, 2, in key 1's row, the same points, and the span is shown nowhere (the "
        "factor shows \"yes\"; checked on the example profiles with a certificate, outputs byte-identical)",
}
COPY = ("eligibility", "tests", "rulesets", "profiles", "docs", "README.md", "pyproject.toml")


def code_key(name: str, diff: str) -> str:
    """A name for a code mutant that survives renumbering: its function, the line and the line as mutated."""
    # mutmut names a function x_name and a method xǁClassǁname
    function = name.rsplit("__mutmut_", 1)[0].replace(".xǁ", ".").replace("ǁ", ".").replace(".x_", ".")
    lines = [line for line in diff.splitlines() if not line.startswith(("+++", "---"))]
    before = " / ".join(line[1:].strip() for line in lines if line.startswith("-"))
    after = " / ".join(line[1:].strip() for line in lines if line.startswith("+"))
    return f"{function}: {before} -> {after}"


#: Why a kind's report marking its values plain JSON is no behaviour (see ``plain_flag``).
PLAIN_FLAG = ("a LeafOutcome's plain flag only lets the result node take values that are already plain JSON "
              "without copying them; the copy is equal (tests/test_evaluation_paths.py checks that every report "
              "marking its values plain gives values equal to their plain copy)")


def plain_flag(key: str) -> bool:
    """True for a mutant of a kind's report that only turns its ``plain=True`` off (False, None or dropped)."""
    function, _, change = key.partition(": ")
    before, _, after = change.partition(" -> ")
    return (function.startswith("eligibility.kinds.") and "plain=True" in before
            and after in {before.replace("plain=True", off) for off in ("plain=False", "plain=None", "")})


def judged_code(key: str) -> str | None:
    """Why a surviving code mutant does not count against the suite, if it does not."""
    return PLAIN_FLAG if plain_flag(key) else EQUIVALENT_CODE.get(key)


#: Added to the scratch copy's tests/conftest.py. mutmut runs each mutant in a process forked after a whole
#: test run, so what a process builds once would come from before the mutant: the durable engine's
#: compiled rulesets (kinds' durable checks) and the ruleset converter (rulebook's hooks) are built again.
#:
#: mutmut's first pass maps each function to the tests that reach it, and runs only those for a mutant of
#: it. So before each test, every value kept between evaluations is forgotten: the result nodes the
#: evaluator keeps per value (an age, a province), the selectors' answers and words, the plans, the durable
#: rulesets, the ruleset converter and the profile's reading plans (whose quick readers, closures made by
#: profile/quick.py when a plan is made, would otherwise be those made before the mutant, never mutated),
#: and what the CRS and the plan keep between profiles (the CRS's compiled plans, whose readers and scoring
#: steps are made once per version, its result layouts with the factor and section results they keep, a
#: day's rules, resolved citations, work windows; the plan's periods of a library). With them kept, a test
#: whose value an earlier test produced never calls the kind's ``report`` (or ``durable_checks``, or the
#: converter's configuration), so the map leaves it out, and a mutant the suite kills "survives" the tests
#: run for it. Likewise a function reached while
#: building a fixture of module or session scope (a test module's library) would be mapped to the first test
#: alone: in the first pass, every test using such a fixture is mapped to what building it reached.
FRESH_CACHES = """

import os

import pytest


def _mutation_clear_durable() -> None:
    try:
        from eligibility.engines.durable_session import clear_rulesets
    except ImportError:
        return
    clear_rulesets()


@pytest.fixture(autouse=True)
def _mutation_nothing_kept_between_tests() -> None:
    \"\"\"Each test works out every value it needs: none comes from an earlier test (benchmarks/mutation.py).\"\"\"
    from eligibility.measure.cache import forget_kept
    from eligibility.profile import structure as profile_structure
    from eligibility.rulebook.structure import ruleset_converter

    forget_kept()
    _mutation_clear_durable()
    ruleset_converter.cache_clear()
    profile_structure._PLANS.clear()
    profile_structure._WHOLE.clear()
    _mutation_clear_module_dicts()


#: Values the CRS and the plan keep between profiles, by module: compiled plans, layouts and the results
#: they keep, a day's rules, resolved citations, work windows, a library's periods. (Looked up by name and
#: skipped when gone, so a module rewritten without one still runs.)
_MUTATION_KEPT = {
    "eligibility.ranking.build": ("_CITED", "_LAYOUTS"),
    "eligibility.ranking.compute": ("_SHARED", "_ON_DAY"),
    "eligibility.ranking.languages": ("_UNKNOWN",),
    "eligibility.ranking.plan": ("_PLANS",),
    "eligibility.ranking.work_years": ("_NO_WORK", "_WINDOWS"),
    "eligibility.timeline.days": ("_PERIODS",),
}


def _mutation_clear_module_dicts() -> None:
    import importlib

    for module, names in _MUTATION_KEPT.items():
        loaded = importlib.import_module(module)
        for name in names:
            kept = getattr(loaded, name, None)
            if kept is not None:
                kept.clear()


#: In mutmut's first pass: the functions each fixture of module or session scope reached when built.
_MUTATION_REACHED_BY_FIXTURE: dict[int, set[str]] = {}


def _mutation_first_pass() -> bool:
    return os.environ.get("MUTANT_UNDER_TEST") == "stats"


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    \"\"\"In mutmut's first pass, what building a fixture once reaches is kept with the fixture.\"\"\"
    if not _mutation_first_pass() or fixturedef.scope == "function":
        yield
        return
    from mutmut.state import state

    before = set(state()._stats)
    state()._stats.clear()
    try:
        yield
    finally:
        _MUTATION_REACHED_BY_FIXTURE.setdefault(id(fixturedef), set()).update(state()._stats)
        state()._stats.update(before)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    \"\"\"In mutmut's first pass, a test using a fixture built once reaches what building it reached.\"\"\"
    if not _mutation_first_pass():
        return
    from mutmut.state import state

    for defs in item._fixtureinfo.name2fixturedefs.values():
        for fixturedef in defs:
            state()._stats.update(_MUTATION_REACHED_BY_FIXTURE.get(id(fixturedef), ()))
"""


def _scratch_copy(only: list[str], tests: list[str], work: Path) -> None:
    for name in COPY:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, work / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache"))
        elif src.exists():
            shutil.copy2(src, work / name)
    # mutmut leaves decorated functions alone, and a cache filled before a mutant runs would hide it: the
    # mutated functions lose their @lru_cache (a cache of values only, no behaviour) in the scratch copy.
    # (A @cache that keeps one shared object, the ruleset converter, stays: tests check it is built once.)
    for pattern in only:
        for path in (p for p in work.glob(pattern) if p.suffix == ".py"):
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"(?m)^[ \t]*@(functools\.)?lru_cache\b.*\n", "", text)
            # A function that lost its cache is its own uncached form: ``f.__wrapped__`` would fail, and under
            # mutmut it is the unmutated original (its trampoline is made with functools.wraps), so callers of it
            # would never run a mutant.
            path.write_text(re.sub(r"\b(\w+)\.__wrapped__\b", r"\1", text), encoding="utf-8")
    with (work / "tests" / "conftest.py").open("a", encoding="utf-8") as f:
        f.write(FRESH_CACHES)
    with (work / "pyproject.toml").open("a", encoding="utf-8") as f:
        f.write("\n[tool.mutmut]\nsource_paths = [\"eligibility\"]\n"
                f"only_mutate = {json.dumps(only)}\n"
                f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n"
                "also_copy = [\"rulesets\", \"profiles\", \"docs\", \"README.md\"]\n")


#: Lists every mutant mutmut makes of the files matching the patterns, by file; run inside the scratch copy
#: (mutmut reads its config there).
LIST_MUTANTS = """
import fnmatch, json, pathlib, sys
from mutmut.mutation.file_mutation import mutate_file_contents
from mutmut.utils.format_utils import get_mutant_name
names = {}
for path in sorted(pathlib.Path("eligibility").rglob("*.py")):
    if any(fnmatch.fnmatch(str(path), pattern) for pattern in json.loads(sys.argv[1])):
        mutated = mutate_file_contents(str(path), path.read_text())
        names[str(path)] = [get_mutant_name(path, n) for n in mutated.mutant_names]
print(json.dumps(names))
"""


def interval(killed: int, n: int) -> tuple[float, float]:
    """95% Wilson interval of the share killed, in percent, when ``killed`` of ``n`` sampled mutants died."""
    if not n:
        return 0.0, 100.0
    z, p = 1.96, killed / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return 100 * (centre - half), 100 * (centre + half)


def _survivor(mutmut: Path, work: Path, name: str, status: str) -> tuple[str, str, str, str | None]:
    shown = subprocess.run([str(mutmut), "show", name], cwd=work, check=False, capture_output=True, text=True).stdout
    diff = "\n".join(line for line in shown.splitlines()
                     if line.startswith(("+", "-")) and not line.startswith(("+++", "---")))
    key = code_key(name, diff)
    return status, key, diff, judged_code(key)


def run_code(areas: list[str], jobs: int, show_survivors: bool, sample: int | None = None, seed: int = 13,
             deadline: float | None = None) -> None:
    """Part (b): mutmut over the chosen code areas in one scratch copy, the share killed printed by area.

    One mutmut run covers every chosen area (mutmut's first pass, which records the tests that reach each
    function, is the slow part and is done once); the tests run for a mutant are those of the union of the
    areas' subsets that reach its function. With ``sample``, a seeded random sample of that many mutants
    per area is run, and the share comes with its 95% interval: a survivor costs a run of every test that
    reaches it, so whole large areas take hours on a shared machine. With ``deadline`` (seconds), mutmut is
    stopped then and the mutants it had not checked are left out of the share and counted.
    """
    try:
        from mutmut.stats import status_by_exit_code
    except ImportError:
        sys.exit("mutmut is not installed: .venv/bin/pip install 'mutmut>=3.8'")
    mutmut = Path(sys.executable).with_name("mutmut")
    chosen_areas = areas or list(AREAS)
    only = [g for a in chosen_areas for g in AREAS[a][0]]
    tests = list(dict.fromkeys(t for a in chosen_areas for t in AREAS[a][1]))
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mutation-code-") as tmp:
        work = Path(tmp)
        _scratch_copy(only, tests, work)
        listed = subprocess.run([sys.executable, "-c", LIST_MUTANTS, json.dumps(only)], cwd=work, check=True,
                                capture_output=True, text=True)
        by_file: dict[str, list[str]] = json.loads(listed.stdout)
        everyone = {a: [n for f, names in by_file.items() if any(fnmatch.fnmatch(f, g) for g in AREAS[a][0])
                        for n in names if in_area(a, n)] for a in chosen_areas}
        chosen = {a: names if sample is None or sample >= len(names) else
                  sorted(random.Random(f"{seed}:{a}").sample(names, sample)) for a, names in everyone.items()}
        # (an area of some functions of its files runs those alone: mutmut is given their names)
        run_all = all(chosen[a] is everyone[a] and a not in FUNCTIONS for a in chosen_areas)
        # mutmut's own output, for a run gone wrong (one file per run: several runs may share the machine)
        log = Path(tempfile.gettempdir()) / f"eligibility-mutmut-{os.getpid()}.log"
        with log.open("w", encoding="utf-8") as out:
            run = subprocess.Popen([str(mutmut), "run", "--max-children", str(jobs),
                                    *([] if run_all else [n for a in chosen_areas for n in chosen[a]])],
                                   cwd=work, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                run.wait(timeout=deadline)
            except subprocess.TimeoutExpired:   # what was checked by then is reported; the rest is not
                os.killpg(run.pid, signal.SIGKILL)
                run.wait()
        codes: dict[str, int | None] = {}
        for meta in (work / "mutants").rglob("*.meta"):
            codes.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
        statuses = {a: {n: status_by_exit_code.get(codes[n], "not checked") if codes.get(n) is not None
                        else "not checked" for n in chosen[a]} for a in chosen_areas}
        survivors = {a: [_survivor(mutmut, work, n, s) for n, s in sorted(statuses[a].items())
                         if s not in ("killed", "timeout", "not checked")] for a in chosen_areas}
    print(f"{'area':10} {'mutants':>8} {'killed':>7} {'survived':>9} {'no tests':>9} {'timeout':>8} {'excused':>8} "
          f"{'killed %':>9}")
    for area in chosen_areas:
        unchecked = sum(1 for v in statuses[area].values() if v == "not checked")
        got = {k: v for k, v in statuses[area].items() if v != "not checked"}
        n = len(got)
        count = {s: sum(1 for v in got.values() if v == s) for s in set(got.values())}
        killed = count.get("killed", 0) + count.get("timeout", 0)
        excused = sum(1 for s in survivors[area] if s[3])
        share = 100 * killed / (n - excused) if n - excused else 0.0
        low, high = interval(killed, n - excused)
        of = (f"   (sample of {n} of {len(everyone[area])}, 95% interval {low:.0f}-{high:.0f}%)"
              if n < len(everyone[area]) else "")
        of += f"   ({unchecked} more not checked by the deadline)" if unchecked else ""
        print(f"{area:10} {n:8} {count.get('killed', 0):7} {count.get('survived', 0):9} "
              f"{count.get('no tests', 0):9} {count.get('timeout', 0):8} {excused:8} {share:8.1f}%{of}")
    print(f"{time.perf_counter() - start:.0f} s; tests: {' '.join(tests)}; mutmut's output: {log}")
    if show_survivors:
        for area in chosen_areas:
            for status, key, diff, reason in survivors[area]:
                print(f"  {area}: {'excused' if reason else status}: {key}" + (f" ({reason})" if reason else ""))
                if not reason:
                    print("    " + diff.replace("\n", "\n    "))


def main() -> None:
    """Parse the command line and run the chosen part."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("part", choices=["rules", "code"], help="rules: the YAML mutator; code: mutmut")
    parser.add_argument("areas", nargs="*", help="rules: ruleset path prefixes (express-entry, grids, ...); "
                                                 f"code: some of {', '.join(AREAS)} (default: all)")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    parser.add_argument("--jobs", type=int, default=1, help="code: mutmut worker processes (default 1)")
    parser.add_argument("--sample", type=int, help="code: run a seeded random sample of this many mutants per area")
    parser.add_argument("--seed", type=int, default=13, help="code: the sample's seed (default 13)")
    parser.add_argument("--deadline", type=float, help="code: stop mutmut after this many seconds")
    args = parser.parse_args()
    if args.part == "rules":
        run_rules(args.areas, args.survivors)
    else:
        unknown = [a for a in args.areas if a not in AREAS]
        if unknown:
            parser.error(f"unknown area {', '.join(unknown)}; choose from {', '.join(AREAS)}")
        run_code(args.areas, args.jobs, args.survivors, args.sample, args.seed, args.deadline)


if __name__ == "__main__":
    main()
