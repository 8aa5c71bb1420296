"""Bad input gives one UsageError line with the words a person needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from eligibility.errors import UsageError
from eligibility.noc import (
    convert_2016,
    load_noc_text,
    match_duties,
    noc_table,
    search_titles,
    show_unit_group,
)


def test_unknown_unit_group_suggests_close_codes() -> None:
    """An unknown 5-digit code names the code and offers "did you mean"."""
    with pytest.raises(UsageError, match=r"unknown NOC 2021 unit group 21213; did you mean .*21231"):
        noc_table().require("21213")


def test_malformed_code_says_five_digits() -> None:
    """A code with a letter is malformed and still gets suggestions."""
    with pytest.raises(UsageError, match=r"malformed NOC 2021 code '21231x'.*5 digits.*did you mean 21231"):
        noc_table().require("21231x")


def test_2016_code_given_to_show_points_to_convert() -> None:
    """A 4-digit NOC 2016 code given where a 2021 code is expected points to `noc convert`."""
    with pytest.raises(UsageError, match="as a NOC 2016 code, try `eligibility noc convert 2173`"):
        show_unit_group("2173")


def test_minor_group_code_is_named_as_such() -> None:
    """A 4-digit code that is only a NOC 2021 minor group says so."""
    with pytest.raises(UsageError, match="2123 is a NOC 2021 minor group"):
        noc_table().require("2123")


def test_unknown_2016_code() -> None:
    """convert with a code NOC 2016 does not have names it."""
    with pytest.raises(UsageError, match="unknown NOC 2016 code 9999"):
        convert_2016("9999")


def test_2021_code_given_to_convert() -> None:
    """convert with a NOC 2021 code explains that it takes NOC 2016 codes."""
    with pytest.raises(UsageError, match="already a NOC 2021 code"):
        convert_2016("21231")


def test_empty_query() -> None:
    """A blank search is refused with an example."""
    with pytest.raises(UsageError, match="empty search"):
        search_titles("   ")


def test_no_noc_data_says_where_statcan_publishes_it() -> None:
    """Without --noc-data or the variable, the message names the files, StatCan's URLs and the option."""
    with pytest.raises(UsageError) as err:
        load_noc_text(None)
    msg = str(err.value)
    assert "noc_2021_version_1.0_-_elements.csv" in msg
    assert "https://www.statcan.gc.ca/en/subjects/standard/noc/2021/indexV1" in msg
    assert "open.canada.ca" in msg and "--noc-data" in msg and "ELIGIBILITY_NOC_DATA" in msg
    assert "\n" not in msg


def test_missing_noc_data_path(tmp_path: Path) -> None:
    """A path that does not exist is named."""
    with pytest.raises(UsageError, match="does not exist"):
        load_noc_text(tmp_path / "nowhere")


def test_folder_without_noc_files(tmp_path: Path) -> None:
    """A folder with none of the known files says so."""
    with pytest.raises(UsageError, match="no NOC data file in folder"):
        load_noc_text(tmp_path)


def test_unrecognized_file(tmp_path: Path) -> None:
    """A CSV with other columns is refused."""
    f = tmp_path / "x.csv"
    f.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(UsageError, match="not a NOC file"):
        load_noc_text(f)


def test_empty_duties_text(noc_data: Path) -> None:
    """Duties with no content words are refused."""
    with pytest.raises(UsageError, match="duties text is empty"):
        match_duties("   \n the and of ", load_noc_text(noc_data))
