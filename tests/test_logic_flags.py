"""A yes/no fact as an outcome of the three-valued logic."""

from __future__ import annotations

from eligibility.logic import truth


def test_a_true_flag_passes_and_a_false_one_fails() -> None:
    """truth(True) is pass and truth(False) is fail: a known yes/no is never unknown."""
    assert (truth(True), truth(False)) == ("pass", "fail")
