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


#: A valid profile using every kind of value the quick readers take: words, text, whole and decimal numbers (a
#: whole one where a decimal is read), true and false, the first and last dates of the range, lists of records,
#: null for a record or a number that may be null, and declarations of every kind.
COMMON = {
    "name": "Common", "marital_status": "single", "children": 0, "family_size": None,
    "funds_cad": 20000, "intended_province": "ON", "spouse": None, "provincial_nomination": None,
    "job_offer": {"noc": "21231", "employer": "Maple", "hours_per_week": 40, "wage_hourly": None, "lmia": "positive"},
    "first_official_language": "english",
    "education": [{"level": "bachelors", "country": "CA", "years": 4, "full_time": True, "province": "ON",
                   "completed": "2019-06-30"}],
    "language_tests": [{"test": "ielts_general", "taken": "2025-01-15", "listening": 7, "reading": 6.5,
                        "writing": 6, "speaking": 7}],
    "work": [{"start": "2020-01-01", "end": None, "hours_per_week": 37.5, "country": "CA", "noc": "21231",
              "paid": True, "self_employed": False, "authorized": True},
             {"start": "1900-01-01", "end": "2199-12-31", "hours_per_week": 10, "country": "CA", "noc": "21231"}],
    "declarations": {"flag": True, "count": 3, "share": 0.5, "word": "yes"},
}


def test_a_profile_of_common_values_is_read_by_the_quick_readers_whole() -> None:
    """A valid profile of common values (above) is read whole by the quick readers (so no bounds walk and no full
    reader runs) into the profile the full readers give: the values as written, 20000 as 20000.0, nulls as None."""
    from eligibility.profile.model import Profile
    from eligibility.profile.quick import MISS

    quick = structure.read_quickly(COMMON, Profile)
    assert quick is not MISS
    assert ("profile", repr(quick)) == _slow_read(COMMON)
    assert quick.funds_cad == 20000.0 and type(quick.funds_cad) is float
    assert quick.spouse is None and quick.provincial_nomination is None and quick.family_size is None
    assert quick.job_offer.wage_hourly is None and quick.job_offer.hours_per_week == 40.0
    assert quick.work[0].end is None and quick.work[0].hours_per_week == 37.5
    assert quick.declarations == {"flag": True, "count": 3, "share": 0.5, "word": "yes"}
    assert str(quick.work[1].start) == "1900-01-01" and str(quick.work[1].end) == "2199-12-31"


@pytest.mark.parametrize("value", ["yes", 1, 0.0, None, [], {}])
@pytest.mark.parametrize("field", ["paid", "authorized", "seasonal", "full_time"])
def test_a_true_or_false_field_given_something_else_is_refused_alike(field: str, value: Any) -> None:
    """A field read as true or false (a job's paid or authorized, an offer's seasonal, a credential's full_time)
    given text, a number, null, a list or a mapping: refused, with the same problems both ways."""
    data: dict[str, Any] = {"work": [{"start": "2020-01-01", "hours_per_week": 40, "country": "CA"}],
                            "job_offer": {"noc": "21231"}, "education": [{"level": "bachelors", "country": "CA"}]}
    holder = {"paid": data["work"][0], "authorized": data["work"][0], "seasonal": data["job_offer"],
              "full_time": data["education"][0]}[field]
    holder[field] = value
    found = _read(data)
    assert found[0] == "problems"
    assert found == _slow_read(data)


@pytest.mark.parametrize("value", ["x", "3", 1.5, True, [], 10**15])
@pytest.mark.parametrize("field", ["family_size", "duration_months", "years"])
def test_a_whole_number_that_may_be_null_given_something_else_is_refused_alike(field: str, value: Any) -> None:
    """A whole number that may be null (the family size, an offer's duration, a credential's years) given text, a
    decimal, true, a list or a number past the bounds: refused (not read as null), with the same problems."""
    data: dict[str, Any] = {"job_offer": {"noc": "21231"}, "education": [{"level": "bachelors", "country": "CA"}]}
    holder = {"family_size": data, "duration_months": data["job_offer"], "years": data["education"][0]}[field]
    holder[field] = value
    found = _read(data)
    assert found[0] == "problems"
    assert found == _slow_read(data)


@pytest.mark.parametrize(("number", "read"), [(10**15 - 1, True), (-(10**15) + 1, True), (10**15, False),
                                              (-(10**15), False), (1e15, False), (-1e15, False), (-0.5, True)])
def test_a_declared_number_at_the_bounds_reads_alike(number: Any, read: bool) -> None:
    """A declared number is read when its magnitude is below 10^15 (either sign) and refused at 10^15 or past it,
    the same both ways."""
    data = {"declarations": {"amount": number}}
    found = _read(data)
    assert found[0] == ("profile" if read else "problems")
    assert found == _slow_read(data)


@pytest.mark.parametrize("data", [{"marital_status": None}, {"marital_status": "engaged"},
                                  {"work": [{"start": "2020-01-01", "hours_per_week": 40, "country": "CA",
                                             "province": "ZZ"}]},
                                  {"job_offer": {"noc": "21231", "lmia": "maybe"}}])
def test_a_word_not_listed_is_refused_alike(data: dict[str, Any]) -> None:
    """A field read as one of listed words (marital status, a job's province, an offer's LMIA) given null or a word
    not listed: refused (never read as null), with the same problems both ways."""
    found = _read(data)
    assert found[0] == "problems"
    assert found == _slow_read(data)


def test_types_the_quick_readers_leave_to_the_full_readers() -> None:
    """A union of two types, a mapping of values other than true/false, numbers and text, and a list of words of
    mixed kinds have no quick reader; a record with such a field gets a written reader that gives the field its
    default when the field is absent and leaves a record giving it to the full readers."""
    from typing import Literal

    import attrs

    from eligibility.profile.quick import MISS, _written_reader, quick_reader

    assert quick_reader(int | str, structure.record_plan) is None
    assert quick_reader(dict[str, int | str], structure.record_plan) is None
    assert quick_reader(Literal["a", 1], structure.record_plan) is None
    assert quick_reader(dict[str, bool | float | str], structure.record_plan) is not None

    @attrs.frozen
    class Mixed:
        a: int
        u: int | str = 0

    assert _written_reader(Mixed, structure.record_plan(Mixed), False) is not None
    read = quick_reader(Mixed, structure.record_plan)
    assert read is not None
    assert read({"a": 1}) == Mixed(1, 0)
    assert read({"a": 1, "u": 5}) is MISS and read({"a": 1, "u": "x"}) is MISS
