"""The lean synchronous driver of the durable-rules C engine: one ruleset per library, one session per run.

No ``durable.lang`` and no ``Host``: the Host's timer threads race with synchronous calls, and
``durable.lang`` registers rulesets in a process-global host. The C module's functions are called
directly (docs/engines.md, "How durable is driven"). Every session asserts a sentinel fact first, because
``delete_state`` on a session where no action ever ran frees uninitialised pointers; and every session
is deleted in ``finally``, because a ruleset holds at most 1,024 live sessions.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from eligibility.engines.durable_compile import SENTINEL, CompiledLibrary, compile_library
from eligibility.errors import UsageError
from eligibility.kinds.base import Scalar
from eligibility.result import Outcome
from eligibility.rulebook.library import Library

MISSING_EXTRA = ("the durable engine needs the optional extra: pip install 'eligibility[durable]' "
                 "(CPython 3.12 or older)")
#: Keys the engine gives a meaning of its own (fact identity, session) or that the driver sets.
RESERVED = frozenset({"id", "sid", "t", "k", "n"})


def engine_module() -> ModuleType:
    """The durable_rules_engine C module, or a UsageError naming the extra to install."""
    try:
        import durable_rules_engine
    except ImportError:
        raise UsageError(MISSING_EXTRA) from None
    module: ModuleType = durable_rules_engine
    return module


def checked(fields: dict[str, Scalar]) -> dict[str, Scalar]:
    """The fields of a fact, refused unless text or finite numbers under non-reserved keys.

    durable coerces text compared with numbers ('abc' >= 7 is true) and booleans to 0 and 1, so
    nothing but plain text and real numbers may reach it.
    """
    for key, value in fields.items():
        if key in RESERVED:
            raise ValueError(f"fact field {key!r} is reserved by durable-rules or the driver")
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise TypeError(f"fact field {key!r} must be text or a number, found {value!r}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"fact field {key!r} must be a finite number, found {value!r}")
    return fields


class Ruleset:
    """One durable ruleset built from a library; sessions run one at a time (the C core has no locks)."""

    _names = itertools.count()

    def __init__(self, library: Library) -> None:
        self.engine = engine_module()
        self.compiled: CompiledLibrary = compile_library(library)
        # Ruleset names are process-global in the C core; a name is never reused.
        self.name = f"eligibility-{library.digest[:12]}-{os.getpid()}-{next(self._names)}"
        self.handle: Any = self.engine.create_ruleset(self.name, json.dumps(self.compiled.rules))
        self.lock = threading.Lock()
        self._sids = itertools.count()

    def delete(self) -> None:
        """Free the C ruleset (the Python API of durable-rules never does)."""
        if self.handle is not None:
            self.engine.delete_ruleset(self.handle)
            self.handle = None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A fresh session, its first batch led by the sentinel, deleted on the way out whatever happens."""
        with self.lock:
            sid = f"s{next(self._sids)}"
            session = Session(self, sid)
            try:
                yield session
            finally:
                if not session.started:
                    # delete_state needs one completed action; if even this fails, leak the session
                    # rather than free uninitialised memory.
                    session.run([])
                self.engine.delete_state(self.handle, sid)


_RULESETS: dict[str, Ruleset] = {}
_RULESETS_LOCK = threading.Lock()


def ruleset_for(library: Library) -> Ruleset:
    """The ruleset of a library, created once per library digest and process."""
    with _RULESETS_LOCK:
        found = _RULESETS.get(library.digest)
        if found is None:
            found = _RULESETS[library.digest] = Ruleset(library)
        return found


def clear_rulesets() -> None:
    """Delete every cached ruleset (tests use it to start afresh)."""
    with _RULESETS_LOCK:
        for ruleset in _RULESETS.values():
            ruleset.delete()
        _RULESETS.clear()


class Session:
    """One evaluation's session: assert facts for check keys and read which rules fired."""

    def __init__(self, ruleset: Ruleset, sid: str) -> None:
        self.ruleset = ruleset
        self.sid = sid
        self._facts = itertools.count()
        self.asserted = 0
        self.started = False  # whether the sentinel's action has completed
        self.fired = 0

    def run(self, facts: Sequence[dict[str, Any]]) -> list[tuple[str, int | None]]:
        """Assert a batch of facts and run every action it triggers: (rule name, fact number) pairs."""
        engine, handle = self.ruleset.engine, self.ruleset.handle
        # The sentinel goes first in the session's first batch (saving one call into the engine).
        head = [] if self.started else [{"t": SENTINEL}]
        batch = [dict(f, sid=self.sid) for f in [*head, *facts]]
        self.asserted += len(batch)
        _, state = engine.assert_facts(handle, json.dumps(batch))
        fired: list[tuple[str, int | None]] = []
        started = engine.start_action_for_state(handle, state)
        message = started[1] if started else None
        while message:
            for rule, bound in json.loads(message).items():
                fired.append((rule, bound.get("m", {}).get("n")))
            message = engine.complete_and_start_action(handle, state)
        self.started = self.started or any(rule == SENTINEL for rule, _ in fired)
        self.fired += len(fired)
        return fired

    def decide(self, key: str, items: Sequence[dict[str, Scalar]]) -> list[Outcome]:
        """The outcome of check ``key`` on each item: pass or fail as the rules fired, else unknown."""
        bucket = self.ruleset.compiled.buckets[key]
        numbers = [next(self._facts) for _ in items]
        facts = [{"t": bucket, "k": key, "n": n, **checked(item)} for n, item in zip(numbers, items, strict=True)]
        outcomes: dict[int, Outcome] = {}
        for rule, n in self.run(facts):
            if n is None:
                continue
            verdict: Outcome = "pass" if rule.endswith("|p") else "fail"
            if outcomes.get(n) != "pass":
                outcomes[n] = verdict
        return [outcomes.get(n, "unknown") for n in numbers]

    def decide_one(self, key: str, item: dict[str, Scalar]) -> Outcome:
        """The outcome of check ``key`` on one fact."""
        return self.decide(key, [item])[0]
