"""How a found value is written in a problem line: as the person wrote it in YAML or JSON, cut when long."""

from eligibility.errors import MAX_FOUND, found


def test_true_false_and_null_read_as_yaml_and_json_write_them() -> None:
    """A boolean or null in a profile is shown as true, false or null, not as Python's True, False, None."""
    assert (found(True), found(False), found(None)) == ("true", "false", "null")


def test_text_is_quoted_and_numbers_are_plain() -> None:
    """Text is quoted so that an empty or blank value is visible; numbers are written as they are."""
    assert (found("79"), found(""), found(7), found(6.5)) == ("'79'", "''", "7", "6.5")


def test_a_long_value_is_cut_saying_how_much_was_left_out() -> None:
    """A value longer than MAX_FOUND is cut there, and the line says how many characters were left out."""
    text = found("x" * (MAX_FOUND + 50))
    assert text == "'" + "x" * (MAX_FOUND - 1) + "... (52 more characters)"  # 250 x and 2 quotes = 252; 200 kept
