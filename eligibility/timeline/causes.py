"""Why a verdict changes on a day, in words: the event of that day behind the conditions that changed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from eligibility.result import ConditionResult, ProgramResult, deciding
from eligibility.timeline.events import Event

# Which kinds of events can move a condition of each kind (the others cannot).
MOVES: dict[str, tuple[str, ...]] = {
    "work_experience": ("hours", "window", "job"),
    "language": ("test",),
    "education": ("credential",),
    "age": ("birthday",),
    "funds": ("table", "job", "hours", "window", "offer"),
    # An offer in the trade of the experience (FST) counts once that trade has enough hours.
    "job_offer": ("offer", "hours", "window", "job"),
    "certificate_of_qualification": ("hours", "window", "job", "certificate"),
}
FACTOR_MOVES: dict[str, tuple[str, ...]] = {
    "age": ("birthday",), "language": ("test",), "education": ("credential",), "experience": ("hours", "window"),
    "arranged": ("hours", "job", "window", "offer"),
    "adaptability": ("hours", "job", "window", "test", "credential", "offer"),
}


def leaves(results: Sequence[ConditionResult], prefix: str = "") -> Iterator[tuple[str, ConditionResult]]:
    """Every leaf condition with its path."""
    for r in results:
        path = f"{prefix}{r.id}"
        if r.conditions:
            yield from leaves(r.conditions, path + "/")
        else:
            yield path, r


def state(p: ProgramResult) -> str:
    """Why a program has its verdict on a day, in words: what fails or is not settled."""
    if p.verdict == "eligible":
        return "every condition passes"
    if p.verdict in ("not_in_force", "not_encoded"):
        return p.message
    bad = [r for _, r in deciding(p.conditions)]
    fails = [r for r in bad if r.outcome == "fail"] or bad
    return "; ".join(f"{r.says.rstrip('.')}: {r.explanation}" if r.explanation else r.says for r in fails[:3])


def cause(before: ProgramResult, after: ProgramResult, events: Sequence[Event]) -> str:
    """The cause of the change from ``before`` (the day before) to ``after``, from the day's events.

    It is chosen by the conditions whose outcome changed. On a day a new version of the rules starts, a
    condition written the same way in both versions that changed outcome changed for that day's events (a test
    that stopped counting the day a list was renewed), not for the rules: the rules are named only when a
    condition they rewrote, added or removed changed the outcome.
    """
    renewed = before.version != after.version or after.version is None
    if renewed:
        mine = [e for e in events if e.kind == "rules" and e.program == after.id]
        # A version that starts says what changes; the end of the one before adds nothing.
        starts = [e for e in mine if e.rising] or mine
        ruled = "; ".join(dict.fromkeys(e.text for e in starts)) or after.message
        if before.version is None or after.version is None or not before.conditions or not after.conditions:
            return ruled
    old = dict(leaves(before.conditions))
    texts: list[str] = []
    # Under new rules: whether a condition they rewrote, added or removed changed the outcome.
    rewritten = False
    for path, now in leaves(after.conditions):
        was = old.pop(path, None)
        if was is None:
            rewritten = rewritten or (renewed and now.outcome != "pass")
        elif was.outcome == now.outcome:
            # A grid whose points moved explains a change of the same rules (not the rules' own change).
            if not renewed and now.kind == "points" and was.observed != now.observed:
                texts.extend(_words(was, now, events))
        elif renewed and (was.kind, was.says, was.required) != (now.kind, now.says, now.required):
            rewritten = True
        else:
            texts.extend(_words(was, now, events))
    texts = _merged(texts)
    if renewed:
        rewritten = rewritten or any(was.outcome != "pass" for was in old.values())  # removed
        return "; ".join(([ruled] if rewritten or not texts else []) + texts)
    if not texts:
        texts = list(dict.fromkeys(e.text for e in events if e.kind != "rules")) or [after.message]
    return "; ".join(texts)


def _merged(texts: list[str]) -> list[str]:
    """Each text once, without one that another already says (a test's words inside the grid's 'test: points')."""
    once = list(dict.fromkeys(t for t in texts if t))
    return [t for t in once if not any(t != u and t in u for u in once)]


def _words(was: ConditionResult, new: ConditionResult, events: Sequence[Event]) -> list[str]:
    if new.kind == "points":
        return [_points(was, new, events)] if was.observed != new.observed else []
    if new.kind == "program":
        return [_dependency(was, new, events)]
    if new.kind == "work_experience":
        chosen = _hours_event(new, events)
        if chosen is not None:
            return [chosen.text]
    kinds = MOVES.get(new.kind, ())
    found = [e.text for e in events if e.kind in kinds and e.kind != "hours"]
    if new.kind == "language" and not found:
        # Without a test event, a language level moves when the main occupation changes (CEC: CLB 7 for TEER 0-1,
        # 5 for TEER 2-3, by the occupation with the most hours): the day two occupations' hours change order.
        # The order is that of CEC's window, the shortest in which the order changed that day.
        order = [e for e in events if e.kind == "hours" and e.hours is None and len(e.codes) == 2]
        shortest = min((e.months or 0 for e in order), default=None)
        found = [e.text for e in order if (e.months or 0) == shortest]
    if new.kind == "funds":
        found = [e.text for e in events if e.kind in ("table", "job", "offer")]
        amounts = _amounts(was, new)
        if found and amounts:
            found[-1] += f" ({amounts})"
    return found or [f"{new.says.rstrip('.')}: {new.explanation}"]


def _amounts(was: ConditionResult, new: ConditionResult) -> str:
    """'$14,690 -> $15,263 for 1 person' when the amount a funds condition requires changed, else ''."""
    old: Any = was.required if isinstance(was.required, dict) else {}
    now: Any = new.required if isinstance(new.required, dict) else {}
    before, after, size = old.get("cad"), now.get("cad"), now.get("family_size")
    if not isinstance(before, int | float) or not isinstance(after, int | float) or before == after:
        return ""
    family = "" if size is None else f" for {size} {'person' if size == 1 else 'people'}"
    return f"${before:,.0f} -> ${after:,.0f}{family}"


def _hours_event(new: ConditionResult, events: Sequence[Event]) -> Event | None:
    """The hours (or window) event of the day that matches the condition's window, threshold and code."""
    required: Any = new.required if isinstance(new.required, dict) else {}
    observed: Any = new.observed if isinstance(new.observed, dict) else {}
    months, hours = required.get("within_months"), required.get("hours")
    rising = new.outcome == "pass"
    code = observed.get("occupation")
    matching = [e for e in events if e.kind == "hours" and e.months == months and e.hours == hours
                and e.rising == rising]
    best = [e for e in matching if code and e.codes == (code,)] or matching
    if best:
        return best[0]
    windows = [e for e in events if e.kind in ("window", "job") and (e.months in (None, months))]
    return windows[0] if windows else None


def _points(was: ConditionResult, new: ConditionResult, events: Sequence[Event]) -> str:
    """'age 47: age points 1 -> 0, grid 67 -> 66'."""
    before = {str(e.get("factor")): e for e in was.evidence}
    parts, reasons = [], []
    for item in new.evidence:
        factor = str(item.get("factor"))
        old = before.get(factor, {})
        if old.get("points") != item.get("points") or old.get("max_possible") != item.get("max_possible"):
            parts.append(f"{factor} points {_range(old)} -> {_range(item)}")
            # By the factor's id or its first word ("arranged" for arranged_employment): never by substring, as
            # "age" is inside "language".
            kinds = FACTOR_MOVES.get(factor, FACTOR_MOVES.get(factor.split("_")[0], ()))
            reasons += [e.text for e in events if e.kind in kinds]
    total = f"grid {_total(was.observed)} -> {_total(new.observed)}"
    head = ", ".join(dict.fromkeys(reasons))
    return (f"{head}: " if head else "") + ", ".join([*parts, total])


def _range(item: dict[str, Any]) -> str:
    low, high = item.get("points"), item.get("max_possible")
    return f"{low}" if low == high or high is None else f"{low}-{high}"


def _total(observed: Any) -> str:
    if isinstance(observed, dict):
        return f"{observed.get('low')}-{observed.get('high')}"
    return str(observed)


def _dependency(was: ConditionResult, new: ConditionResult, events: Sequence[Event]) -> str:
    """'IELTS of 2025-08-02 is 2 years old: express-entry/fst eligible -> not eligible'."""
    old: Any = was.observed if isinstance(was.observed, dict) else {}
    now: Any = new.observed if isinstance(new.observed, dict) else {}
    moved = [f"{pid} {str(old.get(pid)).replace('_', ' ')} -> {str(v).replace('_', ' ')}"
             for pid, v in now.items() if old.get(pid) != v]
    reasons = list(dict.fromkeys(e.text for e in events if e.kind not in ("rules", "hours", "grid", "table")))
    head = "; ".join(reasons)
    return (f"{head}: " if head else "") + ", ".join(moved or [new.explanation])
