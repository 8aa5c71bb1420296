"""The profile's digest on a receipt: sha256 of its canonical JSON text, written without building the data first.

The canonical text is ``json.dumps(unstructure(profile), sort_keys=True, ensure_ascii=False, default=str)``:
every attribute except unknown ones, keys sorted, dates as ISO text, Python's separators. ``canonical_json``
writes exactly that text straight from the objects (the test suite compares the two on every example and
generated profile); on a profile with many jobs, building the data and then encoding it cost as much as
evaluating the profile.

Each attrs class is written by a function made for it on first use, as attrs makes its own methods: one
statement reads every attribute, and each value is written by the test of its type that its field declares
first (a job's ``paid`` is tested for a bool first, its ``start`` for a date), with the others after it, so
that a value of any type is written as ``json.dumps`` writes it. A loop over the fields with a test of every
type for every value cost about twice as much, and a job is written once per evaluation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import keyword
import math
import operator
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

import attrs

from eligibility.codecache import compile_code
from eligibility.converter import unstructure
from eligibility.unknown import UNKNOWN

#: Per attrs class: the function writing one of its objects, made on first use.
_WRITERS: dict[type, Callable[[Any], str]] = {}

class _QuotedDays(dict[int, str]):
    """A day's ISO text in quotes by its ordinal (``'"2024-07-03"'``), made on first use and kept, at most
    ``DAYS_KEPT`` of them (then written, not kept): a table of the calendar's days, filled as they are read. Reading
    a date's year, month and day cost three generic attribute reads, and CPython's ``date.isoformat`` writes through
    C's printf (about 1.9k and 3.4k instructions a date, against 0.5k for ``toordinal`` and this look-up; two dates
    a job)."""

    def __missing__(self, ordinal: int) -> str:
        text = f'"{dt.date.fromordinal(ordinal).isoformat()}"'
        if len(self) < DAYS_KEPT:
            self[ordinal] = text
        return text


#: Days' texts kept before new ones are written without being kept (a bound on memory: about 110 years of days,
#: some 4 MB at most).
DAYS_KEPT = 40_000

#: The text of a value of each type json.dumps writes itself and its test, by the name a field's declared type
#: uses; ``{v}`` is the value and ``{t}`` its type. None and the two bools are tested by identity (no type read);
#: the others by the value's type, read once by the first such test. Floats: float.__repr__ when finite (the three
#: special values are written by ``W``, as for any other type).
_IDENTITY = {
    "None": "'null' if {v} is None",
    "bool": "'true' if {v} is True else 'false' if {v} is False",
}
_TYPED = {
    "str": "E({v}) if {t} is str",
    "date": "D[{v}.toordinal()] if {t} is date",
    "int": "I({v}) if {t} is int",
    # A positive finite float's text kept by value (``_FloatTexts``); zero (0.0 and -0.0 are equal keys, written
    # differently) and the others by float.__repr__.
    "float": "FT[{v}] if {t} is float and 0.0 < {v} < INF else R({v}) if {t} is float and F({v})",
}


class _FloatTexts(dict[float, str]):
    """A positive finite float's text as ``float.__repr__`` writes it, kept by value on first use (a job's weekly
    hours: a few values, written for every job; ``float.__repr__`` writes through the shortest-digits algorithm,
    about twice a dictionary's look-up), at most ``FLOATS_KEPT`` of them (then written, not kept)."""

    def __missing__(self, value: float) -> str:
        text = float.__repr__(value)
        if len(self) < FLOATS_KEPT:
            self[value] = text
        return text


#: Float texts kept before new ones are written without being kept (a bound on memory).
FLOATS_KEPT = 4096
_QUOTED_DAYS = _QuotedDays()
_NAMES = {"E": encode_basestring, "D": _QUOTED_DAYS, "date": dt.date, "I": int.__repr__,
          "R": float.__repr__, "F": math.isfinite, "UNKNOWN": UNKNOWN, "FT": _FloatTexts(), "INF": math.inf}


def _tests(declared: str, v: str) -> str:
    """The tests writing value ``v`` of a field declared ``declared``: the declared types' first (identity tests
    before those reading the type), then the others, joined by ``else`` (the writer's fallback goes after)."""
    identity = sorted(_IDENTITY, key=lambda name: name not in declared)
    typed = sorted(_TYPED, key=lambda name: name not in declared)
    # An identity test of an undeclared value goes after the declared types' tests (it is never met, mostly).
    first = [n for n in identity if n in declared] + [n for n in typed if n in declared]
    order = first + [n for n in [*typed, *identity] if n not in first]
    tests = [(_IDENTITY.get(n) or _TYPED[n]).format(v=v, t="t") for n in order]
    # The first test that reads the type takes it (the walrus); the tests after it read it again.
    return " else ".join(tests).replace(" t is", f" (t := type({v})) is", 1)


def _float(value: float) -> str:
    if math.isfinite(value):
        return float.__repr__(value)
    return "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")


def _text(value: Any) -> str:
    """``value`` as json.dumps writes it with sorted keys (the canonical text of a part of a profile)."""
    kind = type(value)
    write = _WRITERS.get(kind)  # first: the items of a list of jobs
    if write is not None:
        return write(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return _float(value)
    if kind is tuple or kind is list:
        # Items of one attrs class (a profile's jobs, its tests) are written by its writer without a call of this
        # function each.
        if value and len(kinds := set(map(type, value))) == 1 and (write := _WRITERS.get(kinds.pop())) is not None:
            return "[" + ", ".join(map(write, value)) + "]"
        return "[" + ", ".join(map(_text, value)) + "]"
    if kind is dict and all(type(k) is str for k in value):
        return "{" + ", ".join([f"{encode_basestring(k)}: {_text(value[k])}" for k in sorted(value)]) + "}"
    if kind is dt.date:
        day: dt.date = value
        return _QUOTED_DAYS[day.toordinal()]
    if attrs.has(kind):
        write = _WRITERS[kind] = _writer(kind)
        return write(value)
    # Anything else (none in a profile today) is written as the converter and json.dumps write it.
    return json.dumps(unstructure(value), sort_keys=True, ensure_ascii=False, default=str)


class _Unknown(Exception):
    """An attribute of an object being written is unknown: its writer writes the given attributes alone."""


def _field(value: Any) -> str:
    """``_text(value)`` of an attribute's value of a type its writer does not test itself; ``_Unknown`` when the
    value is unknown (never for an unknown inside a list or a mapping: ``_text`` writes those)."""
    if value is UNKNOWN:
        raise _Unknown
    return _text(value)


def _writer(kind: type) -> Callable[[Any], str]:
    """The function writing an object of the attrs class ``kind``: its known attributes in sorted order."""
    fields = sorted(attrs.fields(kind), key=lambda f: f.name)
    if not fields:
        return lambda _: "{}"
    names = [f.name for f in fields]
    keys = [f"{encode_basestring(n)}: " for n in names]
    get = operator.attrgetter(*names)

    pieces = []
    # Unknown attributes are left out, keys and all (a profile's facts not given, most profiles have some):
    # the writer for those tests each attribute and writes the ones given alike.
    some = []
    for i, f in enumerate(fields):
        declared = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", repr(f.type))
        tests = _tests(str(declared), f"v{i}")
        # An unknown value is of none of the types tested: ``W`` (``_field``) is the first to see it, and stops the
        # writing of every attribute for the writing of the given ones.
        pieces += [repr(("{" if i == 0 else ", ") + keys[i]), f"({tests} else W(v{i}))"]
        some += [f"        if v{i} is not UNKNOWN:\n",
                 f"            given.append({keys[i]!r} + ({tests} else T(v{i})))\n"]
    # The usual case first: every flag (an attribute whose default is True or False: a job has five) holding its
    # default, tested by identity. The flags' text is then the same, key and value, and joined with the keys around
    # it: a job's text in 19 pieces instead of 29 (the join and the tests of each value cost less). Attributes whose
    # default is None are left to their tests: most jobs give their title, employer, code and end.
    usual = [(i, f.default) for i, f in enumerate(fields) if f.default is True or f.default is False]
    short: list[str] = []
    constant = ""
    for i, f in enumerate(fields):
        constant += ("{" if i == 0 else ", ") + keys[i]
        if any(i == j for j, _ in usual):
            constant += json.dumps(f.default)
        else:
            short += [repr(constant), pieces[2 * i + 1]]
            constant = ""
    short.append(repr(constant + "}"))
    fast = (f"        if {' and '.join(f'v{i} is {d!r}' for i, d in usual)}:\n"
            f"            return ''.join(({', '.join(short)},))\n") if usual else ""
    values = ", ".join(f"v{i}" for i in range(len(fields)))
    # Each attribute read by its name (an instruction the interpreter specializes for the class), unless a name is
    # not one Python code can write.
    if all(n.isidentifier() and not keyword.iskeyword(n) for n in names):
        read = "".join(f"    v{i} = value.{n}\n" for i, n in enumerate(names))
    else:
        read = f"    {values}{'' if len(fields) > 1 else ','} = get(value){'' if len(fields) > 1 else ','}\n"
    # A class whose attributes may be declared unknown (a profile's facts) is looked at for one first, in the
    # attributes so declared; another's are written straight away, an unknown found by ``W`` (``_field``) on the
    # way (the abuse of a type), as one in an attribute not declared so in a class that declares some.
    declared_unknown = [f"v{i} is UNKNOWN" for i, f in enumerate(fields) if "Unknown" in str(f.type)]
    source = (f"def write(value):\n"
              f"{read}"
              f"    try:\n"
              f"        if {' or '.join(declared_unknown) or 'False'}:\n"
              f"            raise Unknown\n"
              f"{fast}"
              f"        return ''.join(({', '.join(pieces)}, '}}'))\n"
              f"    except Unknown:\n"
              f"        given = []\n"
              f"{''.join(some)}"
              f"        return '{{' + ', '.join(given) + '}}'\n")
    namespace: dict[str, Any] = {**_NAMES, "get": get, "W": _field, "T": _text, "Unknown": _Unknown}
    exec(compile_code(source, f"<digest writer of {kind.__qualname__}>"), namespace)
    made: Callable[[Any], str] = namespace["write"]
    return made


def canonical_json(obj: Any) -> str:
    """``json.dumps(unstructure(obj), sort_keys=True, ensure_ascii=False, default=str)``, written directly."""
    return _text(obj)


def profile_digest(profile: Any) -> str:
    """sha256 of the profile's canonical JSON form."""
    return hashlib.sha256(canonical_json(profile).encode()).hexdigest()
