"""The settlement-funds table's first day (2022-06-09), which no encoded program date reaches.

The other table dates and every family size are cases in rulesets/tables/proof-of-funds.cases.yaml;
the 2022 table took effect on 9 June 2022, before the first encoded FSW version (16 November 2022).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eligibility.rulebook.library import load_library
from eligibility.rulebook.tables import AmountTable

RULES = Path(__file__).resolve().parents[1] / "rulesets"


@pytest.fixture(scope="module")
def funds() -> AmountTable:
    """The proof-of-funds table of the repository's rulesets."""
    return load_library(RULES).tables["proof-of-funds"]


def test_no_amounts_before_9_june_2022(funds: AmountTable) -> None:
    """On 2022-06-08 no table is encoded (said, never guessed)."""
    assert funds.version_on(dt.date(2022, 6, 8)) is None


@pytest.mark.parametrize(("size", "amount"), [
    (1, 13310), (2, 16570), (3, 20371), (4, 24733), (5, 28052), (6, 31638), (7, 35224),
    (8, 35224 + 3586), (9, 35224 + 2 * 3586),
])
def test_the_2022_table_on_its_first_day(funds: AmountTable, size: int, amount: int) -> None:
    """On 2022-06-09 the 2022 table applies: 13,310 for one person ... 35,224 for 7, +3,586 each more."""
    version = funds.version_on(dt.date(2022, 6, 9))
    assert version is not None
    assert version.valid_from == dt.date(2022, 6, 9)
    assert version.amount_for(size) == amount
