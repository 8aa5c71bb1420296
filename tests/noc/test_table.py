"""The packaged NOC 2021 table against official facts checked by hand in StatCan's files."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import attrs
import pytest

from eligibility.errors import UsageError
from eligibility.noc import ConcordanceRow, NocTable, UnitGroup, noc_table

from .conftest import REPO


def test_table_has_516_unit_groups_in_code_order() -> None:
    """NOC 2021 V1.0 has 516 unit groups, returned sorted by code."""
    units = noc_table().unit_groups()
    assert len(units) == 516
    assert [u.code for u in units] == sorted(u.code for u in units)


def test_teer_counts_match_statcan() -> None:
    """TEER counts are 0:48, 1:97, 2:162, 3:69, 4:95, 5:45."""
    counts = Counter(u.teer for u in noc_table().unit_groups())
    assert counts == {0: 48, 1: 97, 2: 162, 3: 69, 4: 95, 5: 45}


def test_software_engineers_and_designers() -> None:
    """21231 is "Software engineers and designers", TEER 1, in minor group 2123."""
    u = noc_table().get("21231")
    assert u is not None
    assert (u.title, u.teer, u.broad, u.major, u.sub_major, u.minor) == (
        "Software engineers and designers",
        1,
        "2",
        "21",
        "212",
        "2123",
    )
    assert "software engineer" in u.example_titles


def test_unit_group_is_frozen_attrs() -> None:
    """UnitGroup is a frozen attrs class."""
    u = noc_table().get("21211")
    assert isinstance(u, UnitGroup) and attrs.has(UnitGroup)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        u.title = "x"  # type: ignore[misc]


def test_contains_is_for_unit_groups_only() -> None:
    """`in` is true for a unit group code and false for a minor group code or junk."""
    t = noc_table()
    assert "21231" in t and " 21231 " in t
    assert "2123" not in t and "abc" not in t and 21231 not in t


def test_group_titles_at_every_level() -> None:
    """Group titles of each level come from the structure file."""
    t = noc_table()
    assert t.group_title("2") == "Natural and applied sciences and related occupations"
    assert t.group_title("21") == "Professional occupations in natural and applied sciences"
    assert t.group_title("2123") == "Computer, software and Web designers and developers"
    assert t.group_title("726") == "Transportation officers and controllers"
    assert t.group_title("21231") == "Software engineers and designers"
    assert t.group_title("9999") is None


def test_2173_splits_into_data_scientists_and_software_engineers() -> None:
    """NOC 2016 2173 continues as 21231 and part split off to 21211 (RC4.2)."""
    rows = noc_table().from_2016("2173")
    assert {r.noc2021 for r in rows} == {"21211", "21231"}
    assert all(isinstance(r, ConcordanceRow) and "Split off" in r.change for r in rows)


def test_2174_breaks_down_into_three() -> None:
    """NOC 2016 2174 breaks down into 21230, 21232 and 21234."""
    assert [r.noc2021 for r in noc_table().from_2016("2174")] == ["21230", "21232", "21234"]


def test_0213_needs_its_leading_zero() -> None:
    """0213 maps to 20012; spaces are stripped; "213" is malformed, not a guess."""
    t = noc_table()
    assert [r.noc2021 for r in t.from_2016(" 0213 ")] == ["20012"]
    assert t.from_2016("0213")[0].noc2021_title == "Computer and information systems managers"
    with pytest.raises(UsageError, match="4 digits"):
        t.from_2016("213")


def test_concordance_covers_all_of_noc_2016() -> None:
    """The concordance lists 500 NOC 2016 codes."""
    assert len(noc_table().codes_2016()) == 500


def test_suggest_finds_swapped_digits() -> None:
    """A code with two digits swapped (21321 for 21231 is a real code; 21213 is not) suggests 21231."""
    assert "21231" in noc_table().suggest("21213")


def test_suggest_for_junk_is_empty() -> None:
    """No digits, no suggestion."""
    assert noc_table().suggest("abc") == []


def test_table_is_cached() -> None:
    """noc_table() loads once per process."""
    assert noc_table() is noc_table()
    assert isinstance(noc_table(), NocTable)


def test_packaged_table_is_what_the_builder_makes(noc_data: Path) -> None:
    """The committed JSON files (the table, its example titles) equal a fresh build from the StatCan files
    (nothing hand-edited or stale)."""
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import build_noc_table
    finally:
        sys.path.pop(0)
    table, examples = build_noc_table.split(build_noc_table.build(noc_data))
    for fresh, name in ((table, "noc2021.json"), (examples, "noc2021_examples.json")):
        packaged = (REPO / "eligibility" / "data" / name).read_text(encoding="utf-8").strip()
        assert json.dumps(fresh, ensure_ascii=False, separators=(",", ":"), sort_keys=True) == packaged


def test_packaged_table_has_no_prose() -> None:
    """The shipped table holds no lead statement or main duty text (licensing rule)."""
    text = "".join((REPO / "eligibility" / "data" / name).read_text(encoding="utf-8")
                   for name in ("noc2021.json", "noc2021_examples.json"))
    assert "develop logical and physical specifications" not in text  # a 21231 main duty
    assert "Software engineers and designers research, design" not in text  # the 21231 lead statement
