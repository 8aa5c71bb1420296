"""Load every ruleset file of a folder into a Library, and refuse anything the evaluator could trip on."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from eligibility.errors import InputError, Problem, UsageError
from eligibility.record import Record

if TYPE_CHECKING:
    from eligibility.rulebook.crs import CrsRules
    from eligibility.rulebook.model import Program
    from eligibility.rulebook.tables import AmountTable, Grid

CASES_SUFFIX = ".cases.yaml"


@frozen
class Library(Record):
    """Every program, grid and amount table of a rules folder, checked, with a hash of the files."""

    programs: dict[str, Program]
    grids: dict[str, Grid]
    tables: dict[str, AmountTable]
    digest: str
    root: str
    crs: dict[str, CrsRules] = field(factory=dict)

    def program(self, program_id: str) -> Program:
        """The program with that id; a UsageError with a suggestion otherwise."""
        if program_id not in self.programs:
            from eligibility.suggest import did_you_mean

            raise UsageError(f"unknown program {program_id!r}{did_you_mean(program_id, self.programs)}; "
                             f"run 'eligibility programs' to list them")
        return self.programs[program_id]


def default_rules_dir() -> Path:
    """The rulesets shipped with the package (or, in a source checkout, the repository's rulesets/)."""
    # The package's folder, as importlib.resources.files("eligibility") gives it, without importing zipfile.
    packaged = Path(__file__).resolve().parents[1] / "rulesets"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rulesets"


def ruleset_files(root: Path) -> Iterator[Path]:
    """Ruleset files below ``root`` in a stable order (test case files excluded).

    Every entry named ``*.yaml`` is listed, whatever it is (a folder, a FIFO, a broken link), so that
    reading it reports what it is; symbolic links to folders are not followed (no loops).
    """
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        found += [here / name for name in (*dirs, *files) if name.endswith(".yaml")]
    for path in sorted(found):
        if not path.name.endswith(CASES_SUFFIX):
            yield path


def load_library(root: str | Path | None = None) -> Library:
    """Load and check all rulesets below ``root`` (default: the packaged rulesets).

    ``eligibility.rulebook.cache.cached_library`` gives the same library from a cache on disk.
    """
    # Imported here: a library read from the cache needs none of the reading and checking machinery.
    from attrs import evolve

    from eligibility.converter import structure
    from eligibility.documents import decode, parse_text, read_bytes
    from eligibility.rulebook.bounds import bound_problems
    from eligibility.rulebook.checks import check_library, reported_change_problems
    from eligibility.rulebook.crs import CrsRules
    from eligibility.rulebook.crs_checks import check_crs
    from eligibility.rulebook.links import link_program
    from eligibility.rulebook.model import Program
    from eligibility.rulebook.structure import ruleset_converter
    from eligibility.rulebook.tables import AmountTable, Grid

    root = Path(root) if root is not None else default_rules_dir()
    if not root.is_dir():
        raise InputError([Problem(str(root), "$", "expected a folder of ruleset YAML files, found none")])
    programs: dict[str, Program] = {}
    grids: dict[str, Grid] = {}
    tables: dict[str, AmountTable] = {}
    crs: dict[str, CrsRules] = {}
    problems: list[Problem] = []
    digest = hashlib.sha256()
    conv = ruleset_converter()
    for path in ruleset_files(root):
        rel = path.relative_to(root).as_posix()
        try:
            raw = read_bytes(path)
            digest.update(rel.encode() + b"\0" + raw + b"\0")
            section = rel.split("/")[0]
            if section == "language":
                # IRCC's language test charts: read by eligibility.language, hashed here with the rules.
                continue
            data: Any = parse_text(decode(raw, str(path)), "yaml", str(path), int_keys=True)
            if section == "grids":
                grid = evolve(structure(data, Grid, str(path), conv), path=str(path))
                _add(grids, grid.id, grid, str(path), problems)
            elif section == "crs":
                rules = evolve(structure(data, CrsRules, str(path), conv), path=str(path))
                _add(crs, rules.id, rules, str(path), problems)
            elif section == "tables":
                table = evolve(structure(data, AmountTable, str(path), conv), path=str(path))
                _add(tables, table.id, table, str(path), problems)
            else:
                program = link_program(evolve(structure(data, Program, str(path), conv), path=str(path)))
                expected_id = rel.removesuffix(".yaml")
                if program.id != expected_id:
                    problems.append(Problem(str(path), "$.id", f"expected {expected_id!r} (the file's place "
                                                               f"under rulesets/), found {program.id!r}"))
                _add(programs, program.id, program, str(path), problems)
        except InputError as exc:
            problems.extend(exc.problems)
    library = Library(programs, grids, tables, digest.hexdigest(), str(root), crs)
    problems.extend(check_library(library))
    for rules in crs.values():
        problems.extend(check_crs(rules))
        problems.extend(reported_change_problems(rules.reported_changes, rules.sources, rules.path))
        problems.extend(bound_problems(rules, rules.path))
    if problems:
        raise InputError(problems)
    return library


def _add(into: dict[str, Any], key: str, value: Any, source: str, problems: list[Problem]) -> None:
    if key in into:
        problems.append(Problem(source, "$.id", f"expected a unique id, found {key!r} again "
                                                f"(also in {into[key].path})"))
    into[key] = value
