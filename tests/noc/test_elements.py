"""Reading NOC prose at run time from StatCan's files, in each supported layout."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from eligibility.noc import load_noc_text

# Written from the official text of 21231, checked by hand in the structure file.
LEAD_21231_START = (
    "Software engineers and designers research, design, evaluate, integrate and maintain software"
)
FIRST_DUTY_21231 = "Collect and document users' requirements and develop logical and physical specifications"


def test_folder_gives_lead_statements_and_duties(noc_data: Path) -> None:
    """A folder with the StatCan files gives the 21231 lead statement and its six main duties."""
    text = load_noc_text(noc_data)
    unit = text.get("21231")
    assert unit is not None and unit.lead_statement is not None
    assert unit.lead_statement.startswith(LEAD_21231_START)
    assert len(unit.main_duties) == 6
    assert unit.main_duties[0].text == FIRST_DUTY_21231
    assert len(text.units) == 516


def test_environment_variable_is_used(noc_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ELIGIBILITY_NOC_DATA is read when no path is given."""
    monkeypatch.setenv("ELIGIBILITY_NOC_DATA", str(noc_data))
    assert load_noc_text().get("21231") is not None


def test_preamble_is_not_a_duty(noc_data: Path) -> None:
    """ "This group performs some or all of the following duties" is not listed as a duty."""
    text = load_noc_text(noc_data / "noc_2021_v1.0_elements_by_unit_group.json")
    assert all(
        not d.text.startswith("This group performs") for u in text.units.values() for d in u.main_duties
    )


def test_chef_subheadings_are_sections_not_duties(noc_data: Path) -> None:
    """In 62200 "Chefs" and "Sous-chefs" head sections; they are not duties themselves."""
    unit = load_noc_text(noc_data).get("62200")
    assert unit is not None
    texts = [d.text for d in unit.main_duties]
    assert "Chefs" not in texts and "Sous-chefs" not in texts
    assert "Recruit and hire staff" in texts  # a short real duty stays a duty
    by_text = {d.text: d.section for d in unit.main_duties}
    assert by_text["Demonstrate new cooking techniques and new equipment to cooking staff"] == "Sous-chefs"
    assert by_text["Create new recipes"] == "Chefs and specialist chefs"


def test_groups_without_subheadings_have_no_sections(noc_data: Path) -> None:
    """21231 lists duties of one occupation: no section, and its first duty is kept."""
    unit = load_noc_text(noc_data).get("21231")
    assert unit is not None and all(d.section is None for d in unit.main_duties)


def test_insurance_managers_subheading(noc_data: Path) -> None:
    """In 10020 "Insurance managers" heads a section (the SOURCES quirk)."""
    unit = load_noc_text(noc_data).get("10020")
    assert unit is not None
    assert unit.main_duties[0].section == "Insurance managers"
    assert "Insurance managers" not in [d.text for d in unit.main_duties]


def _write_official_elements(noc_data: Path, target: Path) -> None:
    # Rebuild StatCan's one-element-per-row layout (with its preamble row and trailing spaces)
    # from the duties file, at test time, so no NOC text is committed to the project.
    with (noc_data / "noc_2021_v1.0_main_duties.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with target.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "Level",
                "Code - NOC 2021 V1.0",
                "Class title",
                "Element Type Label English",
                "Element Description English",
            ]
        )
        seen = set()
        for r in rows:
            if r["noc_code"] not in seen:
                seen.add(r["noc_code"])
                w.writerow(["5", r["noc_code"], "t", "All examples", "an example title "])
                w.writerow(
                    [
                        "5",
                        r["noc_code"],
                        "t",
                        "Main duties",
                        "This group performs some or all of the following duties: ",
                    ]
                )
            w.writerow(["5", r["noc_code"], "t", "Main duties", r["main_duty"] + " "])


def test_official_elements_csv_layout(noc_data: Path, tmp_path: Path) -> None:
    """StatCan's elements CSV (one row per element) gives the same duties, without preamble or padding."""
    target = tmp_path / "noc_2021_version_1.0_-_elements.csv"
    _write_official_elements(noc_data, target)
    text = load_noc_text(target)
    unit = text.get("21231")
    assert unit is not None and unit.lead_statement is None
    assert unit.main_duties[0].text == FIRST_DUTY_21231
    chefs = text.get("62200")
    assert chefs is not None and "Sous-chefs" not in [d.text for d in chefs.main_duties]


def test_official_structure_csv_with_bom_gives_lead_statements(noc_data: Path, tmp_path: Path) -> None:
    """The structure CSV (UTF-8 with BOM), given as a file, gives lead statements and no duties."""
    target = tmp_path / "noc_2021_version_1.0_-_classification_structure.csv"
    target.write_bytes((noc_data / "noc_2021_v1.0_classification_structure.csv").read_bytes())
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    unit = load_noc_text(target).get("21231")
    assert unit is not None and unit.lead_statement is not None
    assert unit.lead_statement.startswith(LEAD_21231_START) and unit.main_duties == ()


def test_unit_groups_csv_gives_lead_statements(noc_data: Path) -> None:
    """The flat unit-groups CSV gives lead statements."""
    unit = load_noc_text(noc_data / "noc_2021_v1.0_unit_groups.csv").get("21231")
    assert unit is not None and unit.lead_statement is not None
    assert unit.lead_statement.startswith(LEAD_21231_START)
