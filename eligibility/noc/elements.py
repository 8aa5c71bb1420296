"""Read NOC prose (lead statements, main duties) at run time from StatCan files the user points to.

The package does not ship this text (see docs/noc.md). A path may be a folder, searched for the
known file names, or one file whose kind is told from its header. Supported files:

- StatCan's `noc_2021_version_1.0_-_classification_structure.csv` (lead statement = `Class definition`)
- StatCan's `noc_2021_version_1.0_-_elements.csv` (one element per row; "Main duties", ...)
- derived copies: `noc_2021_v1.0_classification_structure.csv`, `noc_2021_v1.0_unit_groups.csv`,
  `noc_2021_v1.0_elements_by_unit_group.json`, `noc_2021_v1.0_main_duties.csv`
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from pathlib import Path

from attrs import frozen

from eligibility.errors import UsageError
from eligibility.noc.headings import split_headings
from eligibility.record import Record

ENV_VAR = "ELIGIBILITY_NOC_DATA"
STATCAN_URLS = (
    "https://www.statcan.gc.ca/en/subjects/standard/noc/2021/indexV1",
    "https://open.canada.ca/data/en/dataset/1feee3b5-8068-4dbb-b361-180875837593",
)
# In a folder we read the first duties file and the first lead-statement file found, in this order.
DUTY_FILES = (
    "noc_2021_version_1.0_-_elements.csv",
    "noc_2021_v1.0_main_duties.csv",
    "noc_2021_v1.0_elements_by_unit_group.json",
)
LEAD_FILES = (
    "noc_2021_version_1.0_-_classification_structure.csv",
    "noc_2021_v1.0_classification_structure.csv",
    "noc_2021_v1.0_unit_groups.csv",
)
KNOWN_FILES = DUTY_FILES + LEAD_FILES
_PREAMBLE = "this group performs some or all of the following duties"


@frozen
class MainDuty(Record):
    """One NOC main duty; `section` is the occupation sub-heading it sits under, if the group has them."""

    text: str
    section: str | None = None


@frozen
class UnitGroupText(Record):
    """The prose of one unit group: its lead statement and main duties (either may be missing)."""

    code: str
    lead_statement: str | None
    main_duties: tuple[MainDuty, ...]


@frozen
class NocText(Record):
    """NOC prose read from the user's files, keyed by unit-group code, with the files it came from."""

    sources: tuple[str, ...]
    units: dict[str, UnitGroupText]

    def get(self, code: str) -> UnitGroupText | None:
        """The prose of a unit group, or None if the files do not cover it."""
        return self.units.get(code)

    @property
    def has_lead_statements(self) -> bool:
        """Whether any lead statement was found."""
        return any(u.lead_statement for u in self.units.values())

    @property
    def has_main_duties(self) -> bool:
        """Whether any main duty was found."""
        return any(u.main_duties for u in self.units.values())


def missing_data_message(what: str = "the NOC lead statements and main duties") -> str:
    """One line telling the user what is missing and where StatCan publishes it."""
    return (
        f"{what} are not shipped with this tool: download noc_2021_version_1.0_-_elements.csv and "
        f"noc_2021_version_1.0_-_classification_structure.csv from {STATCAN_URLS[0]} or {STATCAN_URLS[1]}, "
        f"then pass --noc-data PATH or set {ENV_VAR}"
    )


def data_paths(path: str | Path | None) -> tuple[Path, ...]:
    """The prose files to read: from `path`, else $ELIGIBILITY_NOC_DATA; UsageError when none is found."""
    given = str(path) if path is not None else os.environ.get(ENV_VAR, "")
    if not given.strip():
        raise UsageError(missing_data_message())
    p = Path(given).expanduser()
    if p.is_dir():
        found = tuple(
            next(p / name for name in names if (p / name).is_file())
            for names in (DUTY_FILES, LEAD_FILES)
            if any((p / name).is_file() for name in names)
        )
        if not found:
            raise UsageError(f"no NOC data file in folder {p}; " + missing_data_message("expected files"))
        return found
    if p.is_file():
        return (p,)
    raise UsageError(f"NOC data path {p} does not exist; " + missing_data_message("the NOC files"))


def load_noc_text(path: str | Path | None = None) -> NocText:
    """Read lead statements and main duties from `path` (folder or file) or $ELIGIBILITY_NOC_DATA."""
    return read_files(data_paths(path))


def read_files(paths: Iterable[Path]) -> NocText:
    """Merge what each file gives; the first file that gives a unit group's duties or lead statement wins."""
    leads: dict[str, str] = {}
    duties: dict[str, list[str]] = {}
    used = []
    for p in paths:
        got_leads, got_duties = _read_one(p)
        for code, text in got_leads.items():
            leads.setdefault(code, text)
        for code, lines in got_duties.items():
            duties.setdefault(code, lines)
        used.append(str(p))
    if not leads and not duties:
        raise UsageError(f"no NOC lead statements or main duties found in {', '.join(used)}")
    sectioned = split_headings(duties)
    units = {
        code: UnitGroupText(
            code=code,
            lead_statement=leads.get(code),
            main_duties=tuple(MainDuty(text, section) for section, text in sectioned.get(code, ())),
        )
        for code in sorted(set(leads) | set(duties))
    }
    return NocText(sources=tuple(used), units=units)


def _read_one(path: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    try:
        if path.suffix.lower() == ".json":
            return {}, _duties_from_json(path)
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            header = set(reader.fieldnames or ())
            rows = list(reader)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, csv.Error) as exc:
        raise UsageError(f"cannot read NOC data file {path}: {exc}") from exc
    if {"Element Type Label English", "Element Description English"} <= header:
        return {}, _duties_from_elements(rows)
    if {"Level", "Class definition"} <= header:
        code_col = next((h for h in header if h.startswith("Code")), "")
        return {
            r[code_col].strip(): r["Class definition"].strip() for r in rows if r["Level"].strip() == "5"
        }, {}
    if {"noc_code", "lead_statement"} <= header:
        return {r["noc_code"].strip().zfill(5): r["lead_statement"].strip() for r in rows}, {}
    if {"noc_code", "main_duty"} <= header:
        found: dict[str, list[str]] = {}
        for r in rows:
            found.setdefault(r["noc_code"].strip().zfill(5), []).append(r["main_duty"])
        return {}, {c: _clean_duties(lines) for c, lines in found.items()}
    raise UsageError(f"{path} is not a NOC file this tool can read (unrecognized columns)")


def _duties_from_elements(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    code_col = next((h for h in rows[0] if h.startswith("Code")), "") if rows else ""
    for r in rows:
        if r.get("Level", "5").strip() == "5" and r["Element Type Label English"].strip() == "Main duties":
            found.setdefault(r[code_col].strip().zfill(5), []).extend(
                r["Element Description English"].splitlines()
            )
    return {c: _clean_duties(lines) for c, lines in found.items()}


def _duties_from_json(path: Path) -> dict[str, list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        return {
            str(o["nocCode"]).zfill(5): _clean_duties(o["mainDuties"].splitlines())
            for o in data["occupations"]
        }
    except (KeyError, TypeError, AttributeError) as exc:
        raise UsageError(f"{path} is not a NOC elements JSON file this tool can read") from exc


def _clean_duties(lines: Iterable[str]) -> list[str]:
    # StatCan opens every list with the same preamble row and pads rows with trailing spaces.
    out = [" ".join(line.split()) for line in lines]
    return [line for line in out if line and not line.lower().startswith(_PREAMBLE)]
