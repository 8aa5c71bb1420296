"""Values worked out once per rules object (a condition, a selector, a program), kept while the object lives.

Rules objects are frozen and some are unhashable (they hold dicts); what is derived from them belongs to
the object itself, so it is found by identity. A weak reference's finalizer drops the entry when the object
goes, before its identity can be reused; nothing is stored on the objects, so loading, constructors and
pickling of the rules are unchanged.

``forget_kept`` empties every such cache at once (the result nodes the evaluator keeps per value live in
its plans, so they go too): the mutation benchmark calls it before each test, so that every test that
needs a value works it out (benchmarks/mutation.py, docs/testing.md).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class IdentityCache(Generic[K, V]):
    """Values built once per object, found by the object's identity and dropped when the object is.

    A value must not hold a strong reference to its object: the entry would keep the object alive and
    never be dropped.
    """

    def __init__(self) -> None:
        self._items: dict[int, V] = {}
        self._finalizers: dict[int, weakref.finalize[Any, Any]] = {}
        _CACHES.add(self)

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
            self._finalizers[key] = weakref.finalize(obj, self._drop, key)
            return value

    def _drop(self, key: int) -> None:
        self._items.pop(key, None)
        self._finalizers.pop(key, None)

    def clear(self) -> None:
        """Forget every value (their objects' finalizers are detached: none is left behind per object)."""
        for finalizer in self._finalizers.values():
            finalizer.detach()
        self._finalizers.clear()
        self._items.clear()


_CACHES: weakref.WeakSet[IdentityCache[Any, Any]] = weakref.WeakSet()


def forget_kept() -> None:
    """Empty every identity cache of the process: each value is built again on its next use."""
    for cache in list(_CACHES):
        cache.clear()
