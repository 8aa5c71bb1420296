"""Reading a profile with the quick field readers gives exactly what the full readers give: profile or problems."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.errors import InputError
from eligibility.limits import MAX_KEY, MAX_TEXT
from eligibility.profile import structure
from eligibility.profile.load import profile_from_data
from tests.strategies import examples, profile_data


def _read(data: Any) -> tuple[str, str]:
    """The profile read (its repr tells int from float and a tuple from a list) or its problems' lines."""
    try:
        return "profile", repr(profile_from_data(data, "x"))
    except InputError as exc:
        return "problems", "\n".join(exc.lines())


def _slow_read(data: Any) -> tuple[str, str]:
    """``_read`` with every quick reader switched off (the plans rebuilt without them, then dropped again)."""
    saved_plans, saved_whole, saved_reader = dict(structure._PLANS), dict(structure._WHOLE), structure.quick_reader
    structure._PLANS.clear()
    structure._WHOLE.clear()
    structure.quick_reader = lambda tp, plan_of: None  # type: ignore[assignment]
    try:
        return _read(data)
    finally:
        structure.quick_reader = saved_reader
        for kept, saved in ((structure._PLANS, saved_plans), (structure._WHOLE, saved_whole)):
            kept.clear()
            kept.update(saved)  # type: ignore[attr-defined]


#: Values put in place of a field's, of every kind a file may hold, right or wrong for the field.
ODD = st.one_of(
    st.none(), st.booleans(), st.integers(-10**16, 10**16), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "none", "2026-02-30", "2026-W10-1", "20260301", "1899-12-31", "2200-01-01", "2024-02-29",
                     "1 ", "CA", "ON", "ielts_general", "celpip_general_ls", "bachelors", "positive", "21231",
                     "sibling", "\ud800", 1e15, 1e15 - 1, -0.0, 40, 40.0, 40.5, 0, 10**15 - 1, 10**15, float("nan")]),
    st.lists(st.sampled_from([1, "a", None, {}, "sibling"]), max_size=3),
    st.dictionaries(st.sampled_from(["a", "noc", "level", "start", "country", "hours_per_week", "test", "x"]),
                    st.sampled_from([1, 1.5, "a", None, True, "2020-01-01", "CA", "21231", "bachelors"]), max_size=4))


def _places(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key and index of nested data, as paths."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key)
            yield from _places(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield (*path, i)
            yield from _places(value, (*path, i))


@st.composite
def changed_profiles(draw: st.DrawFn) -> Any:
    """A generated profile with a few values replaced by odd ones and sometimes a key added or removed."""
    data = draw(profile_data())
    for _ in range(draw(st.integers(0, 3))):
        places = list(_places(data))
        if not places:
            break
        *parents, last = draw(st.sampled_from(places))
        holder = data
        for key in parents:
            holder = holder[key]
        action = draw(st.sampled_from(["replace", "replace", "drop", "add"]))
        if action == "replace":
            holder[last] = draw(ODD)
        elif action == "drop" and isinstance(holder, dict):
            del holder[last]
        elif isinstance(holder, dict):
            holder[draw(st.sampled_from(["extra", "nocc", "noc_2016", "eca", "by", "result_date"]))] = draw(ODD)
    return data


@settings(max_examples=examples(300), deadline=None)
@given(changed_profiles())
def test_quick_and_full_readers_agree(data: Any) -> None:
    """Generated profiles, some changed in a few places: the same profile, or the same problems, both ways."""
    assert _read(data) == _slow_read(data)


@settings(max_examples=examples(100), deadline=None)
@given(profile_data())
def test_generated_profiles_read_alike(data: Any) -> None:
    """Valid generated profiles: the same profile both ways."""
    found = _read(data)
    assert found[0] == "profile"
    assert found == _slow_read(data)


@pytest.mark.parametrize("hours", [40, 40.0, 1e15, 10**15 - 1, float("inf"), True, "40"])
def test_numbers_read_alike(hours: Any) -> None:
    """An int where a float is read becomes the same float; a bool, text or number out of bounds is refused alike."""
    data = {"work": [{"start": "2020-01-01", "hours_per_week": hours, "country": "CA", "noc": "21231"}],
            "funds_cad": hours, "children": hours, "declarations": {"score": hours}}
    assert _read(data) == _slow_read(data)


@pytest.mark.parametrize("day", ["1900-01-01", "1899-12-31", "2199-12-31", "2200-01-01", "2024-02-29", "2026-02-29",
                                 "2026-W10-1", "20260301", " 2020-03-01", "2020-3-01", 20260301, None])
def test_dates_read_alike(day: Any) -> None:
    """Dates at and past each end of the range, impossible days and other spellings: read or refused alike."""
    data = {"birth_date": day, "work": [{"start": day, "hours_per_week": 40, "country": "CA"}],
            "language_tests": [{"test": "celpip_general", "taken": day, "listening": 9, "reading": 9, "writing": 9,
                                "speaking": 9}],
            "education": [{"level": "bachelors", "country": "IN", "completed": day, "eca": {"issued": day,
                                                                                           "level": "bachelors"}}]}
    assert _read(data) == _slow_read(data)


TEXTS = ["x" * MAX_TEXT, "x" * (MAX_TEXT + 1), "é" * (MAX_TEXT + 1), "\ud800", "é", ""]
KEYS = ["k" * MAX_KEY, "k" * (MAX_KEY + 1), "é" * (MAX_KEY + 1), "\udc00", "é"]


@pytest.mark.parametrize("place", ["name", "title", "declaration"])
@pytest.mark.parametrize("text", TEXTS)
def test_text_at_the_bounds_reads_alike(place: str, text: str) -> None:
    """Text at and past the length limit, non-ASCII text and a lone surrogate, in a field, a job's field or a
    declaration: the same profile or the same problems (the bounds' own among them)."""
    data: dict[str, Any] = {"name": "a", "declarations": {"note": "b"},
                            "work": [{"start": "2020-01-01", "hours_per_week": 40, "country": "CA", "title": "c"}]}
    if place == "name":
        data["name"] = text
    elif place == "title":
        data["work"][0]["title"] = text
    else:
        data["declarations"]["note"] = text
    assert _read(data) == _slow_read(data)


@pytest.mark.parametrize("key", KEYS)
def test_declaration_keys_at_the_bounds_read_alike(key: str) -> None:
    """A declaration key at and past the key length limit, non-ASCII or a lone surrogate: read or refused alike."""
    data = {"declarations": {key: True}}
    assert _read(data) == _slow_read(data)


@settings(max_examples=examples(2000))
@given(text=st.one_of(st.text(alphabet="0123456789-W+ T:.Z\u0660\u0661\uff11", min_size=8, max_size=12),
                      st.dates().map(lambda d: d.isoformat()),
                      st.dates().map(lambda d: d.isoformat().replace("-", "", 1) + "-"),
                      st.from_regex(r"\A[0-9+ ]{4}-[0-9W ]{2}-[0-9 ]{2}\Z")))
def test_a_date_is_read_quickly_exactly_when_the_converter_reads_it(text: str) -> None:
    """The quick date reader gives a date for exactly the texts the converter's pattern and fromisoformat read (in
    range), and the same date."""
    import datetime as dt

    from eligibility.converter import DATE_FORMAT
    from eligibility.limits import FIRST_DATE, LAST_DATE
    from eligibility.profile.quick import MISS, quick_reader

    read = quick_reader(dt.date, structure.record_plan)
    assert read is not None
    try:
        expected: Any = dt.date.fromisoformat(text) if DATE_FORMAT.fullmatch(text) else MISS
    except ValueError:
        expected = MISS
    if expected is not MISS and not FIRST_DATE <= expected <= LAST_DATE:
        expected = MISS
    assert read(text) == expected


def test_a_record_reader_is_written_for_plain_classes_and_general_for_others() -> None:
    """A class of plain fields gets a written reader (defaults, a fresh factory default per record, keys left over
    refused); a class with a keyword-only field gets the general one; both read what the class makes."""
    import attrs

    from eligibility.profile.quick import MISS, _written_reader, quick_reader

    @attrs.frozen
    class Plain:
        a: int
        b: str = "x"
        c: dict[str, bool | float | str] = attrs.field(factory=dict)

    @attrs.frozen
    class Keyworded:
        a: int
        b: str = attrs.field(kw_only=True, default="x")

    assert _written_reader(Plain, structure.record_plan(Plain), False) is not None
    assert _written_reader(Keyworded, structure.record_plan(Keyworded), False) is None
    plain, keyworded = quick_reader(Plain, structure.record_plan), quick_reader(Keyworded, structure.record_plan)
    assert plain is not None and keyworded is not None
    first, second = plain({"a": 1}), plain({"a": 1})
    assert first == Plain(1) and first.c is not second.c
    assert plain({"b": "y", "a": 2, "c": {"k": True}}) == Plain(2, "y", {"k": True})
    assert plain({"a": 1, "d": 0}) is MISS and plain({"b": "y"}) is MISS and plain({"a": "1"}) is MISS
    assert plain(None) is MISS and plain([1]) is MISS
    assert keyworded({"a": 1, "b": "y"}) == Keyworded(1, b="y") and keyworded({"a": 1, "e": 0}) is MISS
