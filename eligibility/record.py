"""Records: frozen attrs classes whose ``__repr__``, ``__eq__`` and ``__hash__`` are shared functions.

attrs writes the source of each class's methods and compiles it when the class is made: about a third
of a millisecond a class, 40 ms of CPU for the 120-odd classes that ``eligibility evaluate`` imports
(more than anything else its start-up does; docs/performance.md, Start-up). Three of those methods do
the same thing in every class, field after field. A class deriving from :class:`Record` gets them as
functions shared by all records, which read the class's fields from ``attrs.fields`` once, with the
same results as attrs' own:

- ``repr``: ``Name(field=value, ...)``, the fields attrs shows (``repr=False`` left out, a custom
  ``repr`` callable used), ``...`` for a record met again inside its own repr;
- ``==``: same class, and the fields attrs compares (``eq=False`` left out) equal in order, compared as
  tuples (as attrs itself did before 21.1: an object is equal to itself, which only NaN would notice);
- ``hash``: of the class and those fields (``hash=False`` left out), so equal records hash alike.

attrs then compiles only ``__init__`` (it leaves alone what a class defines itself). A record must be
frozen (``attrs.frozen``): a hash of fields that can change would break the dicts holding it.
``tests/test_record.py`` holds every record class of the package to attrs' own methods.
"""

from __future__ import annotations

import threading
import types
from collections.abc import Callable
from operator import attrgetter
from typing import Any

import attrs

#: Per record class: the fields of its repr (name, how to show the value), of ==, of hash.
_Shown = tuple[tuple[str, Callable[[Any], str]], ...]
_REPR: dict[type, _Shown] = {}
_EQ: dict[type, Callable[[Any], Any]] = {}
_HASH: dict[type, Callable[[Any], Any]] = {}
_repring = threading.local()


def _getter(names: list[str]) -> Callable[[Any], Any]:
    """A function giving the values of these attributes of an object, as something compared and hashed
    as the tuple of them is."""
    if not names:
        return lambda _: ()
    return attrgetter(*names)  # one name: the value itself, which compares and hashes as (value,) would


def _eq_getter(cls: type) -> Callable[[Any], Any]:
    got = _EQ[cls] = _getter([a.name for a in attrs.fields(cls) if a.eq])
    return got


def _hash_getter(cls: type) -> Callable[[Any], Any]:
    got = _HASH[cls] = _getter([a.name for a in attrs.fields(cls) if (a.eq if a.hash is None else a.hash)])
    return got


def _record_eq(self: Any, other: Any) -> Any:
    cls = self.__class__
    if other.__class__ is not cls:
        return NotImplemented
    values = _EQ.get(cls) or _eq_getter(cls)
    return values(self) == values(other)


def _record_hash(self: Any) -> int:
    cls = self.__class__
    values = _HASH.get(cls) or _hash_getter(cls)
    return hash((cls, values(self)))


def _record_repr(self: Any) -> str:
    cls = self.__class__
    shown = _REPR.get(cls)
    if shown is None:
        shown = _REPR[cls] = tuple((a.name, repr if a.repr is True else a.repr)
                                   for a in attrs.fields(cls) if a.repr is not False)
    seen: set[int] | None = getattr(_repring, "seen", None)
    if seen is None:
        seen = _repring.seen = set()
    if id(self) in seen:
        return "..."
    seen.add(id(self))
    try:
        fields = ", ".join(f"{name}={show(getattr(self, name, attrs.NOTHING))}" for name, show in shown)
        return f'{cls.__qualname__.rsplit(">.", 1)[-1]}({fields})'
    finally:
        seen.discard(id(self))


def _own(function: Callable[..., Any]) -> Callable[..., Any]:
    """A function object of its own for one class: attrs takes a method as the class's own only when it
    is not the very object a base class has."""
    return types.FunctionType(function.__code__, function.__globals__, function.__name__,
                              function.__defaults__, function.__closure__)


class Record:
    """Base of the package's frozen attrs classes: shared ``__repr__``, ``__eq__`` and ``__hash__``."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, method in (("__repr__", _record_repr), ("__eq__", _record_eq), ("__hash__", _record_hash)):
            if name not in cls.__dict__:  # a class's own method, or the copy attrs makes of a slotted class
                setattr(cls, name, _own(method))
