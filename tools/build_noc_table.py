"""Build eligibility/data/noc2021.json and noc2021_examples.json, the compact NOC 2021 table the package ships.

The table holds facts of the classification only (codes, class titles, TEER, hierarchy, example
titles and the NOC 2016 -> 2021 concordance). Prose such as lead statements and main duties is
left out on purpose: the licence terms we follow keep it out of the project, so the tool reads it
at run time from a StatCan file the user points to.

Usage: python tools/build_noc_table.py [FOLDER]   (default: ../shared/data/noc from the repo root)
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "noc"
OUTPUT = REPO / "eligibility" / "data" / "noc2021.json"
#: The unit groups' example titles, nine tenths of the table's text, in a file of their own: only title search
#: and `noc show` read them, while every profile read looks codes up in the table.
EXAMPLES = REPO / "eligibility" / "data" / "noc2021_examples.json"

STRUCTURE = "noc_2021_v1.0_classification_structure.csv"
ELEMENTS = "noc_2021_v1.0_elements_by_unit_group.json"
CONCORDANCE = "noc_2016_v1.3_to_noc_2021_v1.0_concordance.csv"


def sha256(path: Path) -> str:
    """The hex sha256 of a file, so a reader can tell which release the table came from."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_structure(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Titles of the higher groups (levels 1-4) and of the unit groups (level 5), keyed by code."""
    groups: dict[str, str] = {}
    units: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            code = row["Code - NOC 2021 V1.0"].strip()
            level = int(row["Level"])
            if len(code) != level:
                raise SystemExit(f"{path.name}: code {code!r} does not have {level} digits")
            (units if level == 5 else groups)[code] = row["Class title"].strip()
    return groups, units


def read_examples(path: Path) -> dict[str, list[str]]:
    """Example titles per unit group, in the file's order."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {o["nocCode"]: [t.strip() for t in o["exampleTitles"]] for o in data["occupations"]}


def clean_change(label: str) -> str:
    # The source writes "Split off , RC5" in two rows; the space carries no meaning.
    return " ".join(label.replace(" ,", ",").split())


def read_concordance(path: Path) -> list[list[str]]:
    """Rows [noc2016 (4 digits), noc2016 title, GSIM type of change, noc2021 (5 digits)], sorted."""
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            rows.append(
                [
                    row["NOC 2016 V1.3 Code"].strip().zfill(4),
                    " ".join(row["NOC 2016 V1.3 Title"].split()),
                    clean_change(row[" GSIM Type of Change"]),
                    row["NOC 2021 V1.0 Code"].strip().zfill(5),
                ]
            )
    return sorted(rows, key=lambda r: (r[0], r[3]))


def build(folder: Path) -> dict[str, Any]:
    """The whole table as a JSON-ready dict; raises SystemExit on an inconsistent source."""
    groups, units = read_structure(folder / STRUCTURE)
    examples = read_examples(folder / ELEMENTS)
    concordance = read_concordance(folder / CONCORDANCE)
    if len(units) != 516 or set(examples) != set(units):
        raise SystemExit("expected the same 516 unit groups in the structure and elements files")
    unit_groups = []
    for code in sorted(units):
        for prefix in (code[:1], code[:2], code[:3], code[:4]):
            if prefix not in groups:
                raise SystemExit(f"unit group {code} has no parent group {prefix}")
        unit_groups.append(
            {
                "code": code,
                "title": units[code],
                # TEER is the second digit of a NOC 2021 code by design of the classification.
                "teer": int(code[1]),
                "broad": code[:1],
                "major": code[:2],
                "sub_major": code[:3],
                "minor": code[:4],
                "example_titles": examples[code],
            }
        )
    unknown = sorted({r[3] for r in concordance} - set(units))
    if unknown:
        raise SystemExit(f"concordance names unknown NOC 2021 codes: {unknown}")
    return {
        "format": 1,
        "classification": "NOC 2021 Version 1.0",
        "attribution": (
            "Contains information from the National Occupational Classification (NOC) 2021 Version 1.0, "
            "Statistics Canada and Employment and Social Development Canada, licensed under the "
            "Open Government Licence - Canada."
        ),
        "sources": [
            {"file": name, "sha256": sha256(folder / name)} for name in (STRUCTURE, ELEMENTS, CONCORDANCE)
        ],
        "groups": dict(sorted(groups.items(), key=lambda kv: (len(kv[0]), kv[0]))),
        "unit_groups": unit_groups,
        "concordance_columns": ["noc2016", "noc2016_title", "change", "noc2021"],
        "concordance": concordance,
    }


def split(table: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The table without its example titles, and the example titles by unit group code."""
    units = [{k: v for k, v in u.items() if k != "example_titles"} for u in table["unit_groups"]]
    return {**table, "unit_groups": units}, {u["code"]: u["example_titles"] for u in table["unit_groups"]}


def text(data: Any) -> str:
    """The JSON text of a file the package ships (without its final line break)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def main(argv: list[str]) -> int:
    """Write the table and its example titles and print a one-line summary."""
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    table = build(folder)
    compact, examples = split(table)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text(compact) + "\n", encoding="utf-8")
    EXAMPLES.write_text(text(examples) + "\n", encoding="utf-8")
    n_examples = sum(len(u["example_titles"]) for u in table["unit_groups"])
    print(
        f"wrote {OUTPUT.relative_to(REPO)} and {EXAMPLES.relative_to(REPO)}: {len(table['unit_groups'])} unit "
        f"groups, {len(table['groups'])} higher groups, {n_examples} example titles, "
        f"{len(table['concordance'])} concordance rows"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
