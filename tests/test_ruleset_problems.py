"""The exact lines a person reads for a broken ruleset: one per problem, ``file: $.path: expected ..., found ...``.

Each test writes a small scratch rules folder (modelled on the files of ``rulesets/``) with one thing
wrong, loads it, and compares the problem lines with the ones written by hand from what the check
is meant to say: the path of the broken field and the value the scratch file holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eligibility.errors import InputError
from eligibility.rulebook.library import load_library

SOURCES = '  - {id: irpr, title: IRPR, url: "https://laws-lois.justice.gc.ca/eng/regulations/sor-2002-227/", ' \
          "checked: 2026-11-21}\n"
CITE = "citations: [{source: irpr}]"
AGE = f"{{id: a, kind: age, says: x, min: 18, {CITE}}}"
WORK = (f"{{id: work, kind: work_experience, says: x, occupations: {{teer: [0, 1]}}, min_hours: 1560, "
        f"window_months: 36, {CITE}}}")


def program(conditions: str = AGE, versions: str | None = None, head: str = "", pid: str = "test/p") -> str:
    """A program file: one open version from 2022-11-16 holding ``conditions`` (a YAML flow list body)."""
    if versions is None:
        versions = f"  - from: 2022-11-16\n    conditions: [{conditions}]\n"
    return (f"id: {pid}\ntitle: Test program\nauthority: test\nkind: permanent_residence\n{head}"
            f"sources:\n{SOURCES}versions:\n{versions}")


def problems(root: Path, files: dict[str, str]) -> list[str]:
    """The problem lines of loading a folder holding ``files`` (relative path -> text); [] when it loads."""
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    try:
        load_library(root)
    except InputError as exc:
        return [str(p) for p in exc.problems]
    return []


def one(tmp_path: Path, conditions: str = AGE, versions: str | None = None, head: str = "") -> list[str]:
    """The problem lines of a folder holding one program, ``test/p.yaml``, built by :func:`program`."""
    return problems(tmp_path, {"test/p.yaml": program(conditions, versions, head)})


def test_scratch_program_loads(tmp_path: Path) -> None:
    """The scratch program every other test breaks loads without a problem (so each problem is the one made)."""
    assert one(tmp_path) == []


def test_a_file_that_is_not_yaml_is_named(tmp_path: Path) -> None:
    """A ruleset file YAML cannot read gives one problem line naming that file (the parser words the rest)."""
    lines = problems(tmp_path, {"test/p.yaml": "id: test/p\ntitle: [a list never closed\n"})
    assert len(lines) == 1
    assert lines[0].startswith(f"{tmp_path / 'test/p.yaml'}: ")
    assert "not valid YAML" in lines[0]


# --- versions and dates (checks._dated) -------------------------------------------------------------

def test_no_version(tmp_path: Path) -> None:
    """A program without versions is told it needs at least one."""
    assert one(tmp_path, versions="  []\n") == [
        f"{tmp_path / 'test/p.yaml'}: $.versions: expected at least one version, found none"]


def test_version_ending_before_it_starts(tmp_path: Path) -> None:
    """A version whose to is not after its from names both dates."""
    versions = f"  - from: 2024-01-01\n    to: 2024-01-01\n    conditions: [{AGE}]\n"
    assert one(tmp_path, versions=versions) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].to: expected a date after from 2024-01-01, found 2024-01-01"]


def test_open_ended_version_before_another(tmp_path: Path) -> None:
    """Only the last version may leave to open; the line names when the next one starts."""
    versions = (f"  - from: 2022-11-16\n    conditions: [{AGE}]\n"
                f"  - from: 2024-01-01\n    conditions: [{AGE}]\n")
    assert one(tmp_path, versions=versions) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].to: only the last version may be open-ended; "
        f"the next version starts 2024-01-01"]


def test_version_in_force_without_conditions(tmp_path: Path) -> None:
    """A version in force with an empty list of conditions is refused at its conditions."""
    assert one(tmp_path, versions="  - from: 2022-11-16\n    conditions: []\n") == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions: a version in force needs at least one condition"]


def test_version_not_in_force_may_be_empty(tmp_path: Path) -> None:
    """A version with in_force: false (a gap in the program) needs no condition."""
    assert one(tmp_path, versions="  - from: 2022-11-16\n    in_force: false\n") == []


# --- conditions (checks._program) -------------------------------------------------------------------

def test_at_least_more_than_its_children(tmp_path: Path) -> None:
    """at_least asking for more conditions than it lists says the range it may take."""
    cond = f"{{id: c, says: x, at_least: 3, of: [{AGE}, {{id: b, kind: age, says: y, max: 45, {CITE}}}]}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].at_least: expected a number from 1 to 2, found 3"]


def test_at_least_zero(tmp_path: Path) -> None:
    """at_least 0 (always met) is refused like any number below 1."""
    cond = f"{{id: c, says: x, at_least: 0, of: [{AGE}]}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].at_least: expected a number from 1 to 1, found 0"]


def test_teer_out_of_range(tmp_path: Path) -> None:
    """A TEER above 5 in occupations is refused at its index."""
    cond = WORK.replace("teer: [0, 1]", "teer: [0, 6]")
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].occupations.teer[1]: "
        f"expected a TEER from 0 to 5, found 6"]


def test_excluded_group_unknown(tmp_path: Path) -> None:
    """An exclude prefix that is no NOC 2021 group is refused under exclude, not groups."""
    cond = WORK.replace("teer: [0, 1]", "teer: [0, 1], exclude: ['79']")
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].occupations.exclude[0]: "
        f"expected a NOC 2021 group code, found '79'"]


def test_wage_floor_for_unknown_code(tmp_path: Path) -> None:
    """A job offer's hourly wage floor keyed by a code that is no NOC unit group is refused at that key."""
    cond = f"{{id: j, kind: job_offer, says: x, wage_floors_hourly: {{'99999': 30}}, {CITE}}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].wage_floors_hourly.99999: "
        f"expected a NOC 2021 unit group code, found '99999'"]


def test_foreign_eca_without_its_age(tmp_path: Path) -> None:
    """An education condition needing an ECA for foreign credentials must say how long an ECA counts."""
    cond = f"{{id: e, kind: education, says: x, minimum_level: secondary, {CITE}}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].eca_max_age_months: "
        f"foreign_needs_eca needs eca_max_age_months: how long an ECA counts, from the law"]


LEVELS = "{reading: 7, writing: 7, listening: 7, speaking: 7}"


def test_language_with_neither_minimum(tmp_path: Path) -> None:
    """A language condition with neither minimum nor minimum_by_teer is refused at the condition."""
    cond = f"{{id: l, kind: language, says: x, max_age_months: 24, {CITE}}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0]: expected exactly one of minimum or minimum_by_teer"]


def test_language_with_both_minima(tmp_path: Path) -> None:
    """A language condition with both minimum and minimum_by_teer is refused the same way."""
    cond = (f"{WORK}, {{id: l, kind: language, says: x, max_age_months: 24, minimum: {LEVELS}, "
            f"minimum_by_teer: {{0: {LEVELS}}}, teer_from: work, {CITE}}}")
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[1]: expected exactly one of minimum or minimum_by_teer"]


def test_minimum_by_teer_without_teer_from(tmp_path: Path) -> None:
    """minimum_by_teer without teer_from says which field is missing and what it names."""
    cond = f"{{id: l, kind: language, says: x, max_age_months: 24, minimum_by_teer: {{0: {LEVELS}}}, {CITE}}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].teer_from: minimum_by_teer needs teer_from: "
        f"the id of a work_experience condition of this version"]


def test_minimum_by_teer_empty(tmp_path: Path) -> None:
    """An empty minimum_by_teer is refused at that field: no minimum could ever apply."""
    cond = (f"{WORK}, {{id: l, kind: language, says: x, max_age_months: 24, minimum_by_teer: {{}}, teer_from: work, "
            f"{CITE}}}")
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[1].minimum_by_teer: expected a minimum for at least "
        f"one TEER, found none"]


def test_minimum_by_teer_missing_a_teer_the_work_counts(tmp_path: Path) -> None:
    """minimum_by_teer without a minimum for a TEER its work condition counts is refused, naming the TEERs."""
    cond = (f"{WORK}, {{id: l, kind: language, says: x, max_age_months: 24, minimum_by_teer: {{0: {LEVELS}}}, "
            f"teer_from: work, {CITE}}}")
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[1].minimum_by_teer: expected a minimum for every TEER "
        f"that 'work' counts (0, 1), found none for TEER 1"]


def test_minimum_by_teer_for_every_teer_the_work_counts(tmp_path: Path) -> None:
    """minimum_by_teer with a minimum for each TEER its work condition counts loads."""
    cond = (f"{WORK}, {{id: l, kind: language, says: x, max_age_months: 24, minimum_by_teer: {{0: {LEVELS}, "
            f"1: {LEVELS}}}, teer_from: work, {CITE}}}")
    assert one(tmp_path, cond) == []


def test_teer_from_naming_a_later_condition(tmp_path: Path) -> None:
    """teer_from naming a work_experience condition that comes after it is refused (earlier only)."""
    cond = (f"{{id: l, kind: language, says: x, max_age_months: 24, minimum_by_teer: {{0: {LEVELS}}}, "
            f"teer_from: work, {CITE}}}, {WORK}")
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0]: expected 'work' to be the id of a "
        f"work_experience condition earlier in this version"]


def test_designated_bodies_without_primary_occupation(tmp_path: Path) -> None:
    """Designated bodies need primary_occupation_from, and the line says why."""
    cond = (f"{{id: e, kind: education, says: x, minimum_level: secondary, eca_max_age_months: 60, "
            f"designated_bodies: [{{id: mcc, name: MCC, occupations: {{codes: ['31100']}}}}], {CITE}}}")
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0]: expected designated_bodies and "
        f"primary_occupation_from together (the bodies apply to the primary occupation of a work_experience "
        f"condition of this version)"]


def test_designated_body_with_unknown_code(tmp_path: Path) -> None:
    """A designated body's occupation codes are checked like any other, at the body's path."""
    cond = (f"{WORK}, {{id: e, kind: education, says: x, minimum_level: secondary, eca_max_age_months: 60, "
            f"primary_occupation_from: work, "
            f"designated_bodies: [{{id: mcc, name: MCC, occupations: {{codes: ['31100', '31109']}}}}], {CITE}}}")
    lines = one(tmp_path, cond)
    assert len(lines) == 1
    assert lines[0].startswith(
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[1].designated_bodies[0].occupations.codes[1]: "
        f"expected a NOC 2021 unit group code, found '31109'")


GRID = """id: g
title: Test grid
sources:
{sources}versions:
  - from: {start}
    to: null
    max: 12
    citations: [{{source: irpr}}]
    factors:
      - {{id: age, kind: age_points, says: x, ages: {{18: 12}}, max: 12, citations: [{{source: irpr}}]}}
"""


def test_grid_starting_after_the_version(tmp_path: Path) -> None:
    """A points condition whose grid starts after the program's version names the period left uncovered."""
    lines = problems(tmp_path, {
        "grids/g.yaml": GRID.format(sources=SOURCES, start="2023-01-01"),
        "test/p.yaml": program(f"{{id: pts, kind: points, says: x, grid: g, pass_mark: 6, {CITE}}}")})
    assert lines == [f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].grid: grid 'g' has no version for "
                     f"part of 2022-11-16 to open end"]


def test_grid_covering_the_version_loads(tmp_path: Path) -> None:
    """The same grid starting on the version's first day covers it: no problem."""
    assert problems(tmp_path, {
        "grids/g.yaml": GRID.format(sources=SOURCES, start="2022-11-16"),
        "test/p.yaml": program(f"{{id: pts, kind: points, says: x, grid: g, pass_mark: 6, {CITE}}}")}) == []


TABLE = """id: funds
title: Test funds
sources:
{sources}versions:
  - from: {start}
    to: {end}
    amounts: {amounts}
    each_additional: 100
    citations: [{{source: irpr}}]
"""


def test_unknown_table(tmp_path: Path) -> None:
    """A funds condition naming a table that does not exist suggests the close one."""
    lines = problems(tmp_path, {
        "tables/funds.yaml": TABLE.format(sources=SOURCES, start="2022-01-01", end="null", amounts="{1: 10}"),
        "test/p.yaml": program(f"{{id: f, kind: funds, says: x, table: fund, {CITE}}}")})
    assert lines == [f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].table: unknown table 'fund'; "
                     f"did you mean 'funds'?"]


def test_table_ending_before_the_version_ends(tmp_path: Path) -> None:
    """A funds table that stops during an open version names the period left uncovered."""
    lines = problems(tmp_path, {
        "tables/funds.yaml": TABLE.format(sources=SOURCES, start="2022-01-01", end="2025-01-01", amounts="{1: 10}"),
        "test/p.yaml": program(f"{{id: f, kind: funds, says: x, table: funds, {CITE}}}")})
    assert lines == [f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].table: table 'funds' has no version "
                     f"for part of 2022-11-16 to open end"]


def test_table_missing_a_family_size(tmp_path: Path) -> None:
    """An amount table must list every family size from 1 up to its largest; the line lists the sizes found."""
    lines = problems(tmp_path, {
        "tables/funds.yaml": TABLE.format(sources=SOURCES, start="2022-01-01", end="null", amounts="{1: 10, 3: 30}")})
    assert lines == [f"{tmp_path / 'tables/funds.yaml'}: $.versions[0].amounts: expected a row for each family "
                     f"size from 1 up, found sizes 1, 3"]


def test_table_family_size_zero(tmp_path: Path) -> None:
    """A family size of 0 is out of the key range 1 to 100 (and breaks the rows from 1 up)."""
    lines = problems(tmp_path, {
        "tables/funds.yaml": TABLE.format(sources=SOURCES, start="2022-01-01", end="null", amounts="{0: 5, 1: 10}")})
    path = tmp_path / "tables/funds.yaml"
    assert lines == [f"{path}: $.versions[0].amounts.0: expected a key from 1 to 100, found 0",
                     f"{path}: $.versions[0].amounts: expected a row for each family size from 1 up, found sizes 0, 1"]


def test_grid_age_key_out_of_range(tmp_path: Path) -> None:
    """An age of 200 in an age table is out of the key range 0 to 150."""
    lines = problems(tmp_path, {"grids/g.yaml": GRID.format(sources=SOURCES, start="2022-01-01").replace(
        "ages: {18: 12}", "ages: {200: 12}")})
    assert lines == [f"{tmp_path / 'grids/g.yaml'}: $.versions[0].factors[0].ages.200: "
                     f"expected a key from 0 to 150, found 200"]


def test_hours_per_week_above_a_week(tmp_path: Path) -> None:
    """A job offer asking for more hours a week than a week holds (168) is refused with the range."""
    cond = f"{{id: j, kind: job_offer, says: x, min_hours_per_week: 169, {CITE}}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].min_hours_per_week: "
        f"expected a number from 0 to 168, found 169"]


def test_language_level_above_twelve(tmp_path: Path) -> None:
    """A CLB level of 13 in a language minimum is refused at that ability."""
    cond = (f"{{id: l, kind: language, says: x, max_age_months: 24, "
            f"minimum: {{reading: 7, writing: 13, listening: 7, speaking: 7}}, {CITE}}}")
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].minimum.writing: "
        f"expected a number from 0 to 12, found 13"]


def test_number_in_a_child_of_a_composite(tmp_path: Path) -> None:
    """A number inside an any composite is reported at the path through the operator key."""
    cond = f"{{id: c, says: x, any: [{{id: b, kind: age, says: y, max: 20000, {CITE}}}]}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].any[0].max: "
        f"expected a number from 0 to 10000, found 20000"]


# --- reported changes (checks.reported_change_problems) ---------------------------------------------

def test_reported_change_without_sources(tmp_path: Path) -> None:
    """A reported change must cite at least one source."""
    head = "reported_changes:\n  - {date: 2026-01-01, says: x, sources: []}\n"
    assert one(tmp_path, head=head) == [
        f"{tmp_path / 'test/p.yaml'}: $.reported_changes[0].sources: expected at least one source id, found none"]


def test_reported_change_unknown_source(tmp_path: Path) -> None:
    """A reported change citing a source the ruleset does not list names the ones it does."""
    head = "reported_changes:\n  - {date: 2026-01-01, says: x, sources: [irpa]}\n"
    assert one(tmp_path, head=head) == [
        f"{tmp_path / 'test/p.yaml'}: $.reported_changes[0].sources[0]: expected one of the ruleset's sources "
        f"(irpr), found 'irpa'; did you mean 'irpr'?"]


# --- the folder (library.load_library) --------------------------------------------------------------

def test_program_id_not_its_place(tmp_path: Path) -> None:
    """A program's id must be its file's place under the rules folder."""
    lines = problems(tmp_path, {"test/p.yaml": program(pid="test/q")})
    assert lines == [f"{tmp_path / 'test/p.yaml'}: $.id: expected 'test/p' (the file's place under rulesets/), "
                     f"found 'test/q'"]


def test_two_grids_with_one_id(tmp_path: Path) -> None:
    """Two grid files with the same id: the second is refused, naming the first."""
    grid = GRID.format(sources=SOURCES, start="2022-01-01")
    lines = problems(tmp_path, {"grids/a.yaml": grid, "grids/b.yaml": grid})
    assert lines == [f"{tmp_path / 'grids/b.yaml'}: $.id: expected a unique id, found 'g' again "
                     f"(also in {tmp_path / 'grids/a.yaml'})"]


def test_no_folder(tmp_path: Path) -> None:
    """A rules folder that does not exist is one problem at the folder itself."""
    with pytest.raises(InputError) as info:
        load_library(tmp_path / "missing")
    assert [str(p) for p in info.value.problems] == [
        f"{tmp_path / 'missing'}: $: expected a folder of ruleset YAML files, found none"]


# --- reading conditions and factors (structure) -----------------------------------------------------

def test_composite_with_two_operators(tmp_path: Path) -> None:
    """A composite condition with both all and any is refused with the count of operators found."""
    cond = f"{{id: c, says: x, all: [{AGE}], any: [{AGE}]}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0]: expected exactly one of all, any, not, at_least "
        f"in a composite condition, found 2"]


def test_composite_with_unknown_key(tmp_path: Path) -> None:
    """A misspelt key of a composite is refused at that key with the key it resembles."""
    cond = f"{{id: c, sayz: x, all: [{AGE}]}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].sayz: unknown key; did you mean 'says'?"]


def test_composite_without_id(tmp_path: Path) -> None:
    """A composite without an id is refused at its id."""
    cond = f"{{says: x, all: [{AGE}]}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].id: required key is missing"]


def test_at_least_not_a_number(tmp_path: Path) -> None:
    """at_least given a word is refused at at_least."""
    cond = f"{{id: c, says: x, at_least: two, of: [{AGE}]}}"
    lines = one(tmp_path, cond)
    assert len(lines) == 1
    assert lines[0].startswith(f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].at_least: expected ")
    assert lines[0].endswith("found \"two\"")


def test_condition_not_a_mapping(tmp_path: Path) -> None:
    """A condition written as plain text is refused as not a mapping."""
    assert one(tmp_path, "age") == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0]: expected a condition (a mapping), "
        f'found "age"']


def test_condition_without_kind(tmp_path: Path) -> None:
    """A leaf condition without a kind (and no operator) says so."""
    cond = f"{{id: a, says: x, min: 18, {CITE}}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0]: expected a condition with a kind "
        f"(or all / any / not / at_least), found no kind"]


def test_grid_factor_unknown_kind(tmp_path: Path) -> None:
    """A grid factor of a misspelt kind is refused with the kind it resembles."""
    lines = problems(tmp_path, {"grids/g.yaml": GRID.format(sources=SOURCES, start="2022-01-01").replace(
        "kind: age_points", "kind: age_point")})
    assert lines == [f"{tmp_path / 'grids/g.yaml'}: $.versions[0].factors[0]: unknown factor kind 'age_point'; "
                     f"did you mean 'age_points'?"]


def test_grid_factor_not_a_mapping(tmp_path: Path) -> None:
    """A grid factor written as a number is refused as not a mapping."""
    grid = GRID.format(sources=SOURCES, start="2022-01-01")
    grid = grid[:grid.index("      - {id: age")] + "      - 12\n"
    lines = problems(tmp_path, {"grids/g.yaml": grid})
    assert lines == [f"{tmp_path / 'grids/g.yaml'}: $.versions[0].factors[0]: expected a grid factor (a mapping), "
                     f"found 12"]


def test_at_least_without_of(tmp_path: Path) -> None:
    """at_least without its list of conditions is refused at of."""
    assert one(tmp_path, "{id: c, says: x, at_least: 1}") == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].of: required key is missing"]


# --- CRS rulesets (crs_checks) ----------------------------------------------------------------------

CRS = """id: crs
title: Test CRS
sources:
{sources}versions:
  - from: 2022-01-01
    max: {max}
    counting:
      test_valid_months: 24
      eca_valid_months: 60
      work_window_months: 120
      skilled: {{teer: [0, 1, 2, 3]}}
      arranged_employment:
        occupations: {{teer: [0, 1, 2, 3]}}
        min_hours_per_week: 30
        min_duration_months: 12
        current_employer_min_hours: 1560
        current_employer_window_months: 120
    sections:
      - id: core
        says: x
        parts:
{parts}
"""
AGE_FACTOR = ("          - {id: age, kind: points_by, says: x, measure: age, points: {18: 100}, "
              "citations: [{source: irpr}]}")


def crs(tmp_path: Path, parts: str = AGE_FACTOR, max_: int = 100) -> list[str]:
    """The problem lines of a folder holding one CRS ruleset, ``crs/crs.yaml``, with one section of ``parts``."""
    return problems(tmp_path, {"crs/crs.yaml": CRS.format(sources=SOURCES, parts=parts, max=max_)})


def test_scratch_crs_loads(tmp_path: Path) -> None:
    """The scratch CRS ruleset the CRS tests break loads without a problem."""
    assert crs(tmp_path) == []


def test_crs_factor_without_citation(tmp_path: Path) -> None:
    """A CRS factor with an empty list of citations must cite its source."""
    lines = crs(tmp_path, AGE_FACTOR.replace("citations: [{source: irpr}]", "citations: []"))
    assert lines == [f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections[0].parts[0].citations: "
                     f"every factor must cite its source; found none"]


def test_crs_factor_unknown_source(tmp_path: Path) -> None:
    """A CRS factor citing a source the ruleset does not list names the ones it does."""
    lines = crs(tmp_path, AGE_FACTOR.replace("{source: irpr}", "{source: ipr}"))
    assert lines == [f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections[0].parts[0].citations[0].source: "
                     f"expected one of the sources (irpr), found 'ipr'; did you mean 'irpr'?"]


def test_crs_factor_with_one_spouse_table(tmp_path: Path) -> None:
    """A factor with with_spouse but no without_spouse (and no points) is refused."""
    lines = crs(tmp_path, AGE_FACTOR.replace("points: {18: 100}", "with_spouse: {18: 100}"))
    assert f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections[0].parts[0]: expected either points, or both " \
           f"with_spouse and without_spouse" in lines


def test_crs_points_by_a_per_ability_measure(tmp_path: Path) -> None:
    """points_by on first_language (read per ability) is told to use per_ability."""
    lines = crs(tmp_path, AGE_FACTOR.replace("measure: age, points: {18: 100}", "measure: first_language, "
                                              "points: {7: 100}"))
    assert lines == [f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections[0].parts[0].kind: "
                     f"first_language is read per ability: use kind per_ability"]


def test_crs_per_ability_on_age(tmp_path: Path) -> None:
    """per_ability on a measure that is no language measure lists the language measures."""
    lines = crs(tmp_path, AGE_FACTOR.replace("points_by", "per_ability").replace("{18: 100}", "{18: 25}"))
    assert lines == [f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections[0].parts[0].measure: per_ability needs "
                     f"a language measure (first_language, second_language, spouse_language), found 'age'"]


def test_crs_unknown_named_level(tmp_path: Path) -> None:
    """A level of education that is not one of the named levels lists them."""
    lines = crs(tmp_path, AGE_FACTOR.replace("measure: age, points: {18: 100}",
                                             "measure: education, points: {phd: 100}"))
    assert lines == [f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections[0].parts[0].points.phd: expected a level "
                     f"of education (none, secondary, one_year, two_year, bachelors, two_or_more, masters, "
                     f"professional, doctoral), found 'phd'"]


def test_crs_level_not_a_number(tmp_path: Path) -> None:
    """A level of age written as a word is refused as not a whole number."""
    lines = crs(tmp_path, AGE_FACTOR.replace("{18: 100}", "{eighteen: 100}"))
    assert lines == [f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections[0].parts[0].points.eighteen: "
                     f"expected a whole number (a level of age), found 'eighteen'"]


def test_crs_language_level_above_ten(tmp_path: Path) -> None:
    """A CLB level of 11 in a per-ability language table is refused (levels 10 and up share a row)."""
    factor = ("          - {id: lang, kind: per_ability, says: x, measure: first_language, points: {11: 25}, "
              "citations: [{source: irpr}]}")
    lines = crs(tmp_path, factor)
    assert lines == [f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections[0].parts[0].points.11: "
                     f"expected a CLB / NCLC level from 0 to 10, found 11"]


def test_crs_combined_per_ability_measure(tmp_path: Path) -> None:
    """A combined factor over a per-ability measure is told to use the measure's _all form."""
    factor = ("          - {id: edu-lang, kind: combined, says: x, measures: [education, first_language], "
              "points: {bachelors: {9: 50}}, citations: [{source: irpr}]}")
    lines = crs(tmp_path, AGE_FACTOR + "\n" + factor, max_=150)
    assert lines == [f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections[0].parts[1].measures: a combined factor "
                     f"takes single-level measures; first_language is per ability (use first_language_all where "
                     f"it exists)"]


def test_crs_combined_bad_inner_level(tmp_path: Path) -> None:
    """A combined factor's inner key is checked against its second measure, at the row's path."""
    factor = ("          - {id: edu-lang, kind: combined, says: x, measures: [education, first_language_all], "
              "points: {bachelors: {12: 50}}, citations: [{source: irpr}]}")
    lines = crs(tmp_path, AGE_FACTOR + "\n" + factor, max_=150)
    assert lines == [f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections[0].parts[1].points.bachelors.12: "
                     f"expected a CLB / NCLC level from 0 to 10, found 12"]


def test_crs_max_not_the_sum(tmp_path: Path) -> None:
    """A max that is not the sum of the sections' maxima is reported for each case, with the sum found."""
    path = tmp_path / "crs/crs.yaml"
    assert crs(tmp_path, max_=90) == [
        f"{path}: $.versions[0].max: expected the sections' maxima without a spouse to add up to max 90, found 100",
        f"{path}: $.versions[0].max: expected the sections' maxima with a spouse to add up to max 90, found 100"]


def test_crs_group_cap_counts_in_the_max(tmp_path: Path) -> None:
    """A group's cap bounds what it adds to the maximum: 100 + min(50, 60) = 150 loads, 160 does not."""
    group = ("          - {id: g, kind: group, says: x, cap: 50, factors: [{id: sib, kind: points_by, says: x, "
             "measure: sibling_in_canada, points: {yes: 60}, citations: [{source: irpr}]}]}")
    assert crs(tmp_path, AGE_FACTOR + "\n" + group, max_=150) == []
    assert crs(tmp_path, AGE_FACTOR + "\n" + group, max_=160)[0] == (
        f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].max: expected the sections' maxima without a spouse to add up "
        f"to max 160, found 150")


def test_crs_duplicate_part_ids(tmp_path: Path) -> None:
    """Two parts of a section with one id are refused naming the id written again."""
    lines = crs(tmp_path, AGE_FACTOR + "\n" + AGE_FACTOR, max_=200)
    assert lines == [f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections[0].parts: "
                     f"expected unique part ids, found 'age' again"]


def test_crs_unknown_factor_kind(tmp_path: Path) -> None:
    """A CRS part of an unknown kind suggests the close one and lists the kinds."""
    lines = crs(tmp_path, AGE_FACTOR.replace("points_by", "point_by"))
    assert lines == [f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections[0].parts[0]: unknown CRS factor or group "
                     f"kind 'point_by'; did you mean 'points_by'?; known kinds: combined, group, per_ability, "
                     f"points_by"]


def test_crs_duplicate_section_ids(tmp_path: Path) -> None:
    """Two sections of a version with one id are refused naming the id written again."""
    text = CRS.format(sources=SOURCES, parts=AGE_FACTOR, max=200)
    text += "      - id: core\n        says: y\n        parts:\n" + AGE_FACTOR + "\n"
    lines = problems(tmp_path, {"crs/crs.yaml": text})
    assert lines == [f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections: "
                     f"expected unique section ids, found 'core' again"]


def test_crs_part_not_a_mapping(tmp_path: Path) -> None:
    """A CRS part written as a number is refused as not a mapping."""
    lines = crs(tmp_path, "          - 12", max_=0)
    assert lines == [f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections[0].parts[0]: "
                     f"expected a CRS factor or group (a mapping), found 12"]


def test_crs_group_factor_checked_at_its_path(tmp_path: Path) -> None:
    """A factor inside a group is checked at the group's factors path."""
    group = ("          - {id: g, kind: group, says: x, cap: 50, factors: [{id: sib, kind: points_by, says: x, "
             "measure: sibling_in_canada, points: {maybe: 50}, citations: [{source: irpr}]}]}")
    lines = crs(tmp_path, group, max_=50)
    assert lines == [f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections[0].parts[0].factors[0].points.maybe: "
                     f"expected a level of sibling_in_canada (no, yes), found 'maybe'"]


# --- more paths through conditions ------------------------------------------------------------------

def test_cycle_between_two_programs(tmp_path: Path) -> None:
    """Two programs each needing the other's verdict are one problem at the folder, naming the cycle."""
    lines = problems(tmp_path, {
        "test/a.yaml": program(f"{{id: p, kind: program, says: x, any_of: [test/b], {CITE}}}", pid="test/a"),
        "test/b.yaml": program(f"{{id: p, kind: program, says: x, any_of: [test/a], {CITE}}}", pid="test/b")})
    assert lines == [f"{tmp_path}: $: programs depend on each other in a cycle: test/a -> test/b -> test/a"]


def test_grid_in_two_pieces_covers_the_version(tmp_path: Path) -> None:
    """A grid whose versions meet end to end covers a program version spanning both: no problem."""
    grid = GRID.format(sources=SOURCES, start="2022-01-01").replace("    to: null\n", "    to: 2024-01-01\n")
    second = grid[grid.index("  - from:"):].replace("from: 2022-01-01", "from: 2024-01-01").replace(
        "to: 2024-01-01", "to: null")
    assert problems(tmp_path, {
        "grids/g.yaml": grid + second,
        "test/p.yaml": program(f"{{id: pts, kind: points, says: x, grid: g, pass_mark: 6, {CITE}}}")}) == []


def test_grid_ending_before_a_closed_version_ends(tmp_path: Path) -> None:
    """A closed program version not covered by its grid is named by both of its dates."""
    grid = GRID.format(sources=SOURCES, start="2022-01-01").replace("    to: null\n", "    to: 2023-01-01\n")
    versions = (f"  - from: 2022-11-16\n    to: 2024-01-01\n    conditions: "
                f"[{{id: pts, kind: points, says: x, grid: g, pass_mark: 6, {CITE}}}]\n")
    lines = problems(tmp_path, {"grids/g.yaml": grid, "test/p.yaml": program(versions=versions)})
    assert lines == [f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].grid: grid 'g' has no version for "
                     f"part of 2022-11-16 to 2024-01-01"]


def test_at_least_all_of_its_children_loads(tmp_path: Path) -> None:
    """at_least equal to the number of conditions it lists is allowed (the top of the range)."""
    cond = f"{{id: c, says: x, at_least: 2, of: [{AGE}, {{id: b, kind: age, says: y, max: 45, {CITE}}}]}}"
    assert one(tmp_path, cond) == []


def test_citation_missing_under_not(tmp_path: Path) -> None:
    """A condition under not without citations is reported at the path through not."""
    cond = "{id: c, says: x, not: {id: b, kind: age, says: y, max: 45}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].not.citations: "
        f"every condition must cite its source; found none"]


def test_number_under_at_least(tmp_path: Path) -> None:
    """A number out of range under at_least is reported at the path through of."""
    cond = f"{{id: c, says: x, at_least: 1, of: [{{id: b, kind: age, says: y, max: 10001, {CITE}}}]}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].of[0].max: "
        f"expected a number from 0 to 10000, found 10001"]


def test_fractional_hours_per_week(tmp_path: Path) -> None:
    """A fractional number out of range is printed as written (168.5), not rounded."""
    cond = f"{{id: j, kind: job_offer, says: x, min_hours_per_week: 168.5, {CITE}}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].min_hours_per_week: "
        f"expected a number from 0 to 168, found 168.5"]


def test_grid_reported_change_unknown_source(tmp_path: Path) -> None:
    """A grid's reported change is checked against the grid's own sources."""
    grid = GRID.format(sources=SOURCES, start="2022-01-01").replace(
        "versions:", "reported_changes:\n  - {date: 2026-01-01, says: x, sources: [mi]}\nversions:")
    lines = problems(tmp_path, {"grids/g.yaml": grid})
    assert lines == [f"{tmp_path / 'grids/g.yaml'}: $.reported_changes[0].sources[0]: expected one of the "
                     f"ruleset's sources (irpr), found 'mi'"]


def test_crs_group_factor_unknown_kind(tmp_path: Path) -> None:
    """A factor of a group (a group holds no groups) of an unknown kind is named a CRS factor."""
    group = ("          - {id: g, kind: group, says: x, cap: 50, factors: [{id: sib, kind: group, says: x, "
             "measure: sibling_in_canada, points: {yes: 50}, citations: [{source: irpr}]}]}")
    lines = crs(tmp_path, group, max_=50)
    assert lines == [f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].sections[0].parts[0].factors[0]: unknown CRS "
                     f"factor kind 'group'; known kinds: combined, per_ability, points_by"]


def test_citation_missing_under_not_all(tmp_path: Path) -> None:
    """A condition inside an all under not is reported at the path through not and all."""
    cond = f"{{id: c, says: x, not: {{id: d, says: y, all: [{AGE}, {{id: b, kind: age, says: y, max: 45}}]}}}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].not.all[1].citations: "
        f"every condition must cite its source; found none"]


def test_grid_age_key_at_the_top_of_its_range_loads(tmp_path: Path) -> None:
    """An age of 150 (the highest allowed key of an age table) loads."""
    assert problems(tmp_path, {"grids/g.yaml": GRID.format(sources=SOURCES, start="2022-01-01").replace(
        "ages: {18: 12}", "ages: {150: 12}")}) == []


def test_grid_versions_overlapping(tmp_path: Path) -> None:
    """A grid's versions are checked for overlaps like a program's, in the grid's file."""
    grid = GRID.format(sources=SOURCES, start="2022-01-01").replace("    to: null\n", "    to: 2024-01-01\n")
    second = grid[grid.index("  - from:"):].replace("from: 2022-01-01", "from: 2023-06-01").replace(
        "to: 2024-01-01", "to: null")
    lines = problems(tmp_path, {"grids/g.yaml": grid + second})
    assert lines == [f"{tmp_path / 'grids/g.yaml'}: $.versions[1].from: overlaps the previous version, which runs "
                     f"to 2024-01-01; found from 2023-06-01"]


def test_crs_version_ending_before_it_starts(tmp_path: Path) -> None:
    """A CRS version's to (read from the key to) must come after its from."""
    text = CRS.format(sources=SOURCES, parts=AGE_FACTOR, max=100).replace(
        "    max: 100\n", "    to: 2022-01-01\n    max: 100\n")
    assert problems(tmp_path, {"crs/crs.yaml": text}) == [
        f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].to: expected a date after from 2022-01-01, found 2022-01-01"]


def test_crs_number_out_of_bounds(tmp_path: Path) -> None:
    """A negative work window in a CRS version's counting is refused at its path, with the window's bounds."""
    text = CRS.format(sources=SOURCES, parts=AGE_FACTOR, max=100).replace(
        "work_window_months: 120", "work_window_months: -1")
    assert problems(tmp_path, {"crs/crs.yaml": text}) == [
        f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].counting.work_window_months: "
        f"expected a number from 1 to 1200, found -1"]


@pytest.mark.parametrize("field", ["test_valid_months", "eca_valid_months", "work_window_months",
                                   "current_employer_window_months"])
def test_crs_months_past_a_century(tmp_path: Path, field: str) -> None:
    """A CRS month count of 1,201 (a look-back before year 1 at 30,000, a crash) is refused; 1,200 loads."""
    text = CRS.format(sources=SOURCES, parts=AGE_FACTOR, max=100)
    value = next(line.split(": ")[1] for line in text.splitlines() if line.strip().startswith(f"{field}:"))
    where = "counting.arranged_employment" if field.startswith("current_") else "counting"
    assert problems(tmp_path, {"crs/crs.yaml": text.replace(f"{field}: {value}", f"{field}: 1201")}) == [
        f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].{where}.{field}: expected a number from 1 to 1200, found 1201"]
    assert problems(tmp_path, {"crs/crs.yaml": text.replace(f"{field}: {value}", f"{field}: 1200")}) == []


def test_grid_spouse_test_age_of_zero_months(tmp_path: Path) -> None:
    """An adaptability factor's spouse_test_max_age_months of 0 (no test ever valid) is refused at its path."""
    adaptability = (
        "      - {id: adapt, kind: adaptability_points, says: x, elements: {work_in_canada: 10}, max: 10,\n"
        "         spouse_language_min_level: 4, spouse_test_max_age_months: 0, study_in_canada_min_years: 2,\n"
        "         work_in_canada_min_hours: 1560, work_in_canada_occupations: {teer: [0, 1, 2, 3]},\n"
        "         arranged_employment: {occupations: {teer: [0, 1, 2, 3]}, min_hours_per_week: 30,\n"
        "           min_duration_months: 12, current_employer_min_hours: 1560, current_employer_window_months: 120},\n"
        "         citations: [{source: irpr}]}\n")
    grid = GRID.format(sources=SOURCES, start="2022-01-01")
    assert problems(tmp_path, {"grids/g.yaml": grid + adaptability}) == [
        f"{tmp_path / 'grids/g.yaml'}: $.versions[0].factors[1].spouse_test_max_age_months: "
        f"expected a number from 1 to 1200, found 0"]


# --- a composite's own fields (structure._composite) ---------------------------------------------------

def test_composite_confidence_not_a_level(tmp_path: Path) -> None:
    """A composite's confidence outside the four levels is refused at confidence, not at its citations."""
    assert one(tmp_path, f"{{id: c, says: x, confidence: maybe, all: [{AGE}]}}") == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].confidence: expected one of official, "
        f'official_via_news, blog, unconfirmed, found "maybe"']


def test_composite_texts_of_the_wrong_kind(tmp_path: Path) -> None:
    """A composite's id, says, quote and note must be text: each other value is refused at its key."""
    path = f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0]"
    assert one(tmp_path, f"{{id: [c], says: [x], quote: {{a: 1}}, note: [n], all: [{AGE}]}}") == [
        f"{path}.id: expected text, found a list", f"{path}.says: expected text, found a list",
        f"{path}.quote: expected text, found a mapping", f"{path}.note: expected text, found a list"]


def test_composite_citing_an_unknown_source(tmp_path: Path) -> None:
    """A composite's own citation is checked against the program's sources, at its path."""
    assert one(tmp_path, f"{{id: c, says: x, citations: [{{source: irpa}}], all: [{AGE}]}}") == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].citations[0].source: expected one of the "
        f"program's sources (irpr), found 'irpa'; did you mean 'irpr'?"]


def test_not_holding_a_list(tmp_path: Path) -> None:
    """not holds one condition: a list under it is refused at not."""
    assert one(tmp_path, f"{{id: c, says: x, not: [{AGE}]}}") == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].not: expected a condition (a mapping), "
        f"found a list"]


def test_wrong_value_under_not(tmp_path: Path) -> None:
    """A field of the condition under not that cannot be read is reported at the path through not."""
    assert one(tmp_path, f"{{id: c, says: x, not: {{id: b, kind: age, says: y, max: old, {CITE}}}}}") == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].not.max: expected a whole number, "
        f'found "old"']


# --- misspelt keys of versions, and values the converter cannot read (structure.configure) ----------

def test_misspelt_key_of_each_kind_of_version(tmp_path: Path) -> None:
    """A misspelt key of a program's, a grid's, an amount table's or a CRS version is refused at that key."""
    files = {
        "test/p.yaml": program(versions=f"  - from: 2022-11-16\n    change: x\n    conditions: [{AGE}]\n"),
        "grids/g.yaml": GRID.format(sources=SOURCES, start="2022-01-01").replace("    max: 12\n", "    maxi: 12\n"),
        "tables/funds.yaml": TABLE.format(sources=SOURCES, start="2022-01-01", end="null", amounts="{1: 10}")
        .replace("each_additional", "each_aditional"),
        "crs/crs.yaml": CRS.format(sources=SOURCES, parts=AGE_FACTOR, max=100).replace("    max: 100\n",
                                                                                         "    max: 100\n    nte: x\n")}
    assert sorted(problems(tmp_path, files)) == sorted([
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].change: unknown key; did you mean 'changes'?",
        f"{tmp_path / 'grids/g.yaml'}: $.versions[0].maxi: unknown key; did you mean 'max'?",
        f"{tmp_path / 'grids/g.yaml'}: $.versions[0].max: required key is missing",
        f"{tmp_path / 'tables/funds.yaml'}: $.versions[0].each_aditional: unknown key; did you mean 'each_additional'?",
        f"{tmp_path / 'tables/funds.yaml'}: $.versions[0].each_additional: required key is missing",
        f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].nte: unknown key; did you mean 'note'?"])


@pytest.mark.parametrize(("cond", "where", "message"), [
    (f"{{id: l, kind: language, says: x, max_age_months: old, minimum: {LEVELS}, {CITE}}}", "max_age_months",
     'expected a whole number, found "old"'),
    (f"{{id: e, kind: education, says: x, minimum_level: phd, eca_max_age_months: 60, {CITE}}}", "minimum_level",
     "expected one of secondary, one_year, two_year, bachelors, two_or_more, masters, professional, doctoral, "
     'found "phd"'),
    (f"{{id: q, kind: certificate_of_qualification, says: x, occupations: 7, {CITE}}}", "occupations",
     "expected a mapping of keys to values, found 7"),
], ids=["language", "education", "certificate"])
def test_unreadable_value_of_a_condition_that_names_another(tmp_path: Path, cond: str, where: str,
                                                            message: str) -> None:
    """Language, education and certificate conditions (read with their links left out) name a bad value's key."""
    assert one(tmp_path, cond) == [f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].{where}: {message}"]


def test_wrong_value_under_at_least(tmp_path: Path) -> None:
    """A field that cannot be read in a condition under at_least is reported at the path through of."""
    cond = f"{{id: c, says: x, at_least: 1, of: [{{id: b, kind: age, says: y, max: old, {CITE}}}]}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].of[0].max: expected a whole number, found \"old\""]


def test_condition_kind_a_list(tmp_path: Path) -> None:
    """A kind written as a list is an unknown kind (with the kind it holds suggested), not a crash."""
    assert one(tmp_path, "{id: b, kind: [age], says: y}") == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0]: unknown condition kind ['age']; "
        f"did you mean 'age'?; known kinds: age, certificate_of_qualification, declaration, education, funds, "
        f"intended_province, job_offer, judgement, language, points, program, work_experience"]


def test_unknown_noc_code_suggests_near_codes(tmp_path: Path) -> None:
    """A four-digit code (a digit short) is refused with the unit groups it may have meant."""
    cond = WORK.replace("teer: [0, 1]", "codes: ['2123']")
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].occupations.codes[0]: "
        f"expected a NOC 2021 unit group code, found '2123'; did you mean 21230 or 21231 or 21232?"]


@pytest.mark.parametrize("factor", [
    "{id: edu-lang, kind: combined, says: x, measures: [education, first_language_all], points: {}",
    "{id: edu-lang, kind: combined, says: x, measures: [education, first_language_all], points: {bachelors: {}}",
    "{id: sib, kind: points_by, says: x, measure: sibling_in_canada, points: {}",
], ids=["combined", "combined-row", "points_by"])
def test_crs_empty_table_adds_nothing_to_the_max(tmp_path: Path, factor: str) -> None:
    """A factor whose table (or row) is empty can give no points: the version's max is the other factors' 100."""
    parts = AGE_FACTOR + "\n          - " + factor + ", citations: [{source: irpr}]}"
    assert crs(tmp_path, parts, max_=100) == []
    assert crs(tmp_path, parts, max_=101)[0] == (
        f"{tmp_path / 'crs/crs.yaml'}: $.versions[0].max: expected the sections' maxima without a spouse to add up "
        f"to max 101, found 100")


def test_certificate_in_the_trade_of_an_unknown_condition(tmp_path: Path) -> None:
    """A certificate's same_occupation_as must name a work_experience condition before it, with a suggestion."""
    cond = f"{WORK}, {{id: coq, kind: certificate_of_qualification, says: x, same_occupation_as: wrk, {CITE}}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[1]: expected 'wrk' to be the id of a work_experience "
        f"condition earlier in this version; did you mean 'work'?"]


def test_number_under_not(tmp_path: Path) -> None:
    """A number out of range in the condition under not is reported at .not (not holds one condition, no list)."""
    cond = f"{{id: c, says: x, not: {{id: d, says: y, all: [{{id: b, kind: age, says: y, max: 20000, {CITE}}}]}}}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].not.all[0].max: "
        f"expected a number from 0 to 10000, found 20000"]


@pytest.mark.parametrize(("op", "key"), [("any", "any"), ("all", "all")])
def test_citation_missing_under_any_or_all(tmp_path: Path, op: str, key: str) -> None:
    """A condition under any or all without citations is reported at the path through the operator key."""
    cond = f"{{id: c, says: x, {op}: [{AGE}, {{id: b, kind: age, says: y, max: 45}}]}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].{key}[1].citations: "
        f"every condition must cite its source; found none"]


def test_citation_missing_under_at_least(tmp_path: Path) -> None:
    """A condition under at_least without citations is reported at the path through of."""
    cond = "{id: c, says: x, at_least: 1, of: [{id: b, kind: age, says: y, max: 45}]}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].of[0].citations: "
        f"every condition must cite its source; found none"]


def test_reported_change_unknown_source_among_several(tmp_path: Path) -> None:
    """The sources a reported change may cite are listed sorted, separated by commas."""
    head = "reported_changes:\n  - {date: 2026-01-01, says: x, sources: [mi]}\n"
    text = program(head=head).replace("versions:\n", "  - {id: irpa, title: IRPA, url: \"https://laws-lois.justice.gc.ca/"
                                                    "eng/acts/i-2.5/\", checked: 2026-11-21}\nversions:\n", 1)
    assert problems(tmp_path, {"test/p.yaml": text}) == [
        f"{tmp_path / 'test/p.yaml'}: $.reported_changes[0].sources[0]: expected one of the ruleset's sources "
        f"(irpa, irpr), found 'mi'"]


def test_two_crs_rulesets_with_one_id(tmp_path: Path) -> None:
    """Two CRS files with the same id: the second is refused, naming the first."""
    text = CRS.format(sources=SOURCES, parts=AGE_FACTOR, max=100)
    lines = problems(tmp_path, {"crs/a.yaml": text, "crs/b.yaml": text})
    assert lines == [f"{tmp_path / 'crs/b.yaml'}: $.id: expected a unique id, found 'crs' again "
                     f"(also in {tmp_path / 'crs/a.yaml'})"]


def test_exempt_from_current_employer_without_exempt_offers(tmp_path: Path) -> None:
    """exempt_from_current_employer on a job offer whose lmia does not allow exempt offers is refused at that field
    (the rule could never be read); with exempt allowed it loads."""
    rule = "exempt_from_current_employer: {min_hours: 1560, window_months: 120}"
    cond = f"{{id: o, kind: job_offer, says: x, lmia: [positive], {rule}, {CITE}}}"
    assert one(tmp_path, cond) == [
        f"{tmp_path / 'test/p.yaml'}: $.versions[0].conditions[0].exempt_from_current_employer: expected lmia to "
        f"allow exempt offers, found lmia ['positive']"]
    assert one(tmp_path, f"{{id: o, kind: job_offer, says: x, lmia: [positive, exempt], {rule}, {CITE}}}") == []
