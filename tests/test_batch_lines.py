"""A JSONL line gives the same row by the quick reader (orjson, checked) as by the strict standard reader."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.batch.rows import row_from_line, strict_row
from tests.strategies import examples


def _same(raw: bytes) -> None:
    quick, strict = row_from_line(3, raw), strict_row(3, raw)
    # repr tells an int from a float, -0.0 from 0.0, and shows the order of keys.
    assert (quick.key, repr(quick.data), quick.problem) == (strict.key, repr(strict.data), strict.problem), raw


#: Lines where orjson alone would read otherwise than the strict reader, or where the check could be fooled.
EDGES = [
    b'{"name": "a", "name": "b"}',
    b'{"a": {"b": 1, "b": 2}}',
    b'{"x": [{"k": 1}, {"k": 2, "k": 3}]}',
    b'{"": 1, "": 2}',
    b'{"name": "a", "na\\u006de": "b"}',
    b'{"a:": 1, "a\\u003a": 2}',
    b'{"a:": 1, "a\\u003A": 2}',
    b'{"k": "\\u003a", "k": 1}',
    b'{"k": "a:b", "k": "c"}',
    b'{"k": "a:b", "j": "\\u003a"}',
    b'{"k": "\\\\u003a"}',
    b'{"n": 1234567890123456789}',
    b'{"n": 123456789012345678}',
    b'{"n": 9223372036854775807}',
    b'{"n": -9223372036854775808}',
    b'{"n": -9223372036854775809}',
    b'{"n": 18446744073709551615}',
    b'{"n": 18446744073709551616}',
    b'{"n": 12345678901234567890123456789}',
    b'{"n": 1e999}',
    b'{"n": -1e400}',
    b'{"n": 1e-400}',
    b'{"n": 4.9e-324}',
    b'{"n": 2.4703282292062328e-324}',
    b'{"n": 1.7976931348623157e308}',
    b'{"n": 1.7976931348623158e308}',
    b'{"n": 9007199254740993.0}',
    b'{"n": 0.1000000000000000055511151231257827}',
    b'{"n": -0}',
    b'{"n": -0.0}',
    b'{"n": 1E5, "m": 1e+5, "o": 1e-5}',
    b'{"n": NaN}',
    b'{"n": Infinity}',
    b'{"n": -Infinity}',
    b'{"s": "\\ud800"}',
    b'{"s": "\\udc00\\ud800"}',
    b'{"s": "\\ud83d\\ude00"}',
    b'{"s": "\xed\xa0\x80"}',
    b'{"s": "\xc3"}',
    b'\xef\xbb\xbf{}',
    b'{"s": "\t"}',
    b'{"s": "a\\u0000b"}',
    b'{"a": 1,}',
    b'[1,]',
    b'{"a":1}{"b":2}',
    b'{"a": 1} \r\n',
    b'\x0c{}',
    b'"just text"',
    b'12',
    b'null',
    b'[' * 200 + b']' * 200,
    b'[' * 300 + b']' * 300,
    b'[' * 1100 + b']' * 1100,
    b'{"x": ' + b'{"a":' * 600 + b'1' + b'}' * 600 + b'}',
    b'{"x": ' + b'{"a":' * 3000 + b'1' + b'}' * 3000 + b'}',
]


@pytest.mark.parametrize("raw", EDGES)
def test_edges_read_alike(raw: bytes) -> None:
    """Duplicate keys at any depth (also hidden by escapes), long integers, extreme floats, bad text, deep nesting."""
    _same(raw)


#: JSON numbers as text: integers of any length, fractions and exponents.
NUMBERS = st.one_of(
    st.integers(-10**30, 10**30).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.from_regex(r"-?(0|[1-9][0-9]{0,25})(\.[0-9]{1,25})?([eE][+-]?[0-9]{1,3})?", fullmatch=True),
)
#: Keys from a small alphabet, so that duplicates are frequent; some with colons and escapes.
KEYS = st.sampled_from(["a", "b", "a:", "", "\\u0061", "a\\u003a", "x y", "é", "\\\\u003a"])
TEXTS = st.one_of(st.sampled_from(["", ":", "a:b", "\\u003a", "\\\\", "\\n", "\\ud800", "é", "\\u00e9", "2026-03-01"]),
                  st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='"\\'),
                          max_size=6))


def _text(value: str) -> str:
    return f'"{value}"'


SCALARS = st.one_of(NUMBERS, TEXTS.map(_text), st.sampled_from(["true", "false", "null", "NaN", "-Infinity"]))


def _object(pairs: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f'"{k}": {v}' for k, v in pairs) + "}"


JSON_TEXT = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
    st.lists(st.tuples(KEYS, inner), max_size=4).map(_object)), max_leaves=20)


@settings(max_examples=examples(400))
@given(JSON_TEXT, st.sampled_from(["", " ", "\n", "\r\n", " x"]))
def test_generated_lines_read_alike(text: str, tail: str) -> None:
    """Generated lines (duplicates, colons in text, escapes, numbers of every form): the same row both ways."""
    _same((text + tail).encode("utf-8"))


@settings(max_examples=examples(200))
@given(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(), st.text(max_size=5)),
                    lambda inner: st.one_of(st.lists(inner, max_size=4),
                                            st.dictionaries(st.text(max_size=3), inner, max_size=4)),
                    max_leaves=20))
def test_written_data_reads_alike(data: Any) -> None:
    """Data written by the standard library (non-ASCII escaped or not): the same row both ways."""
    _same(json.dumps(data).encode())
    _same(json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass"))
