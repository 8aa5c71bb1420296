"""Values worked out once per rules object (a condition, a selector, a program), kept while the object lives.

Rules objects are frozen and some are unhashable (they hold dicts); what is derived from them belongs to
the object itself, so it is found by identity. A weak reference's finalizer drops the entry when the object
goes, before its identity can be reused; nothing is stored on the objects, so loading, constructors and
pickling of the rules are unchanged.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class IdentityCache(Generic[K, V]):
    """Values built once per object, found by the object's identity and dropped when the object is.

    A value must not hold a strong reference to its object: the entry would keep the object alive and
    never be dropped.
    """

    def __init__(self) -> None:
        self._items: dict[int, V] = {}

    def find(self, obj: K) -> V | None:
        """The value kept for ``obj``, or None."""
        return self._items.get(id(obj))

    def get(self, obj: K, build: Callable[[K], V]) -> V:
        """The value for ``obj``, built with ``build(obj)`` on first use."""
        key = id(obj)
        try:
            return self._items[key]
        except KeyError:
            value = build(obj)
            self._items[key] = value
            weakref.finalize(obj, self._items.pop, key, None)
            return value
