"""language: a valid test in the right language meeting a minimum CLB/NCLC level in all four abilities."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from attrs import field, frozen

from eligibility.facts import TestFact
from eligibility.kinds import work_experience
from eligibility.kinds.base import (
    Check,
    Decision,
    Explained,
    Kind,
    LeafOutcome,
    Matcher,
    Scalar,
    Test,
    at_least_one,
    conj,
)
from eligibility.kinds.base import listed as listed_outcomes
from eligibility.language import ABILITIES
from eligibility.logic import Outcome, kleene_any
from eligibility.measure.cache import IdentityCache
from eligibility.measure.context import Measurer
from eligibility.noc import noc_table
from eligibility.record import Record
from eligibility.rulebook.model import LanguageCondition, Levels
from eligibility.unknown import known


@frozen(slots=False)
class LanguageMeasure(Record):
    """The applicant's tests (None: not listed), which are usable here, and the minimums that may apply.

    With ``minimum_by_teer``, the main occupation of the referenced work_experience condition picks one
    minimum (``teer``); while it is not settled every minimum of the table may apply.
    """

    tests: tuple[TestFact, ...] | None
    usable: tuple[bool, ...]
    needs: tuple[Levels, ...]
    teer: int | None = None
    main_occupation: str | None = None
    #: The tests as the result's evidence items (when measured for a result): the same tests are explained in
    #: the same words by every condition reading them, so the items are made once per evaluation and age limit
    #: and shared, as the work conditions share theirs.
    evidence: tuple[dict[str, Any], ...] = field(default=(), eq=False, repr=False)


def all_needs(c: LanguageCondition) -> list[Levels]:
    """Every distinct minimum the condition may apply, in a stable order."""
    if c.minimum is not None:
        return [c.minimum]
    return list(dict.fromkeys((c.minimum_by_teer or {}).values()))


def measure(c: LanguageCondition, mm: Measurer) -> LanguageMeasure:
    """The tests valid for ``max_age_months``, and the minimum set by the main occupation's TEER."""
    found = mm.facts.tests("applicant", c.max_age_months)
    tests = found if known(found) else None
    language, names = c.language, c.tests
    usable = tuple([t.valid and (language == "any" or t.language == language)
                    and (names is None or t.test.test in names) for t in tests or ()])
    evidence = (mm.facts.memo(("language-evidence", c.max_age_months), _evidence, tests)
                if tests is not None and mm.explain else ())
    every = _EVERY.get(c, _every)
    if c.minimum_by_teer is None:  # the condition's minimums, whatever the profile (``_needs``)
        return LanguageMeasure(tests, usable, every, None, None, evidence)
    return LanguageMeasure(tests, usable, *_needs(c, mm, every), evidence)


def _every(c: LanguageCondition) -> tuple[Levels, ...]:
    return tuple(all_needs(c))


#: Each condition's minimums (``all_needs``), kept while the condition lives.
_EVERY: IdentityCache[LanguageCondition, tuple[Levels, ...]] = IdentityCache()


def _needs(c: LanguageCondition, mm: Measurer, every: tuple[Levels, ...]) -> tuple[tuple[Levels, ...], int | None,
                                                                                  str | None]:
    """The minimums that may apply (``every`` minimum of the condition, unless the main occupation's TEER picks
    one), that TEER and the main occupation."""
    if c.minimum_by_teer is not None and c.teer_source is not None:
        work = work_experience.measure(c.teer_source, mm)
        main = work.main_occupation
        if work.main_open:
            # A job without a NOC code may count with hours enough to be (or make) the main occupation, whatever
            # TEER it has: every minimum may apply until its code is given.
            return every, None, main
        group = noc_table().get(main) if main else None
        if group is not None and group.teer in c.minimum_by_teer:
            need = c.minimum_by_teer[group.teer]
            if not work.main_tied:
                return (need,), group.teer, main
            # Occupations tied for the most experience: the law does not say which is the main one, so every
            # minimum their TEERs set may apply (one minimum when they agree).
            tied = [noc_table().get(code) for code in work.main_tied]
            if all(g is not None and g.teer in c.minimum_by_teer for g in tied):
                needs = tuple(dict.fromkeys([need, *(c.minimum_by_teer[g.teer] for g in tied if g is not None)]))
                if len(needs) == 1:
                    return needs, group.teer, main
                return needs, None, main
        return every, None, main
    return every, None, None


def meets(t: TestFact, need: Levels) -> bool:
    """Every ability of the test at or above the minimum."""
    levels = t.levels
    return (levels["reading"] >= need.reading and levels["writing"] >= need.writing
            and levels["listening"] >= need.listening and levels["speaking"] >= need.speaking)


#: The name of the part of test ``j`` under minimum ``i`` (``"i:j"``), for the first few of each, made once.
_PARTS = tuple(tuple(f"{i}:{j}" for j in range(12)) for i in range(4))


def _part(i: int, j: int) -> str:
    return _PARTS[i][j] if i < 4 and j < 12 else f"{i}:{j}"


def _combine(m: LanguageMeasure, parts: dict[str, Outcome]) -> Outcome:
    return _agreed([kleene_any(parts[f"{i}:{j}"] for j in range(len(m.tests or ()))) for i in range(len(m.needs))])


def _agreed(outcomes: list[Outcome]) -> Outcome:
    """The outcome for each minimum that may apply (some usable test meets it): one minimum applies, or
    several may, and then the condition is settled only when all agree."""
    return outcomes[0] if len(set(outcomes)) == 1 else "unknown"


def decide(c: LanguageCondition, m: LanguageMeasure) -> Decision:
    """Each test against each minimum that may apply, in Python."""
    tests = m.tests
    if tests is None:
        return Decision("unknown")
    pairs = tuple(zip(tests, m.usable, strict=True))
    parts: dict[str, Outcome] = {}
    # For each minimum, whether some usable test meets it (Kleene's any of passes and fails), in one pass.
    outcomes: list[Outcome] = []
    for i, need in enumerate(m.needs):
        found: Outcome = "fail"
        for j, (t, ok) in enumerate(pairs):
            if ok and meets(t, need):
                parts[_part(i, j)] = found = "pass"
            else:
                parts[_part(i, j)] = "fail"
        outcomes.append(found)
    return Decision(outcomes[0] if len(outcomes) == 1 or len(set(outcomes)) == 1 else "unknown", parts)


def outcome(c: LanguageCondition) -> Callable[[Measurer], Outcome]:
    """``decide(c, measure(c, mm)).outcome``, compiled: for each minimum that may apply, whether a usable test
    meets it (no part named, no decision made): the usable tests and the minimums read here as ``measure``
    reads them, without making its record."""
    every = tuple(all_needs(c))
    months, language, names = c.max_age_months, c.language, c.tests
    by_teer = c.minimum_by_teer is not None and c.teer_source is not None

    def decided(mm: Measurer) -> Outcome:
        found = mm.facts.tests("applicant", months)
        if not known(found):
            return "unknown"
        # Without a minimum picked by the main occupation's TEER, the condition's minimums are the same for
        # every profile.
        needs = _needs(c, mm, every)[0] if by_teer else every
        usable = [t for t in found if t.valid and (language == "any" or t.language == language)
                  and (names is None or t.test.test in names)]
        return _agreed(["pass" if any(meets(t, need) for t in usable) else "fail" for need in needs])

    return decided


def durable_checks(c: LanguageCondition) -> dict[str, Check]:
    """``count``, and ``need<i>``: valid, in the language and among the tests asked, at the i-th minimum."""
    base = [Test("valid", "==", 1)]
    if c.language != "any":
        base.append(Test("language", "==", c.language))
    if c.tests is not None:
        base.append(Test("test", "in", list(c.tests)))
    out = {"count": at_least_one()}
    for i, need in enumerate(all_needs(c)):
        out[f"need{i}"] = conj(*base, *(Test(a, ">=", getattr(need, a)) for a in ABILITIES))
    return out


def durable_decide(c: LanguageCondition, m: LanguageMeasure, run: Matcher) -> Decision:
    """Each test's validity, language and levels asserted once per minimum that may apply."""
    if m.tests is None:
        return Decision(run.one("count", {}))
    every = all_needs(c)
    items: list[dict[str, Scalar]] = [
        {"valid": int(t.valid), "language": t.language, "test": t.test.test, **{a: t.levels[a] for a in ABILITIES}}
        for t in m.tests]
    parts: dict[str, Outcome] = {}
    for i, need in enumerate(m.needs):
        outcomes = listed_outcomes(run, len(items), f"need{every.index(need)}", items)
        if not items:
            return Decision(outcomes[0])
        parts.update({f"{i}:{j}": o for j, o in enumerate(outcomes)})
    return Decision(_combine(m, parts), parts)


def levels_data(levels: Levels) -> dict[str, int]:
    """A minimum as its JSON object (the abilities in the model's order)."""
    return {"reading": levels.reading, "writing": levels.writing, "listening": levels.listening,
            "speaking": levels.speaking}


def _levels_text(levels: dict[str, int] | Levels) -> str:
    values = levels if isinstance(levels, dict) else levels_data(levels)
    return f"R{values['reading']}, W{values['writing']}, L{values['listening']}, S{values['speaking']}"


#: Each minimum's words, kept while the rules that hold it live.
_NEEDS: IdentityCache[Levels, str] = IdentityCache()


def _evidence(tests: tuple[TestFact, ...]) -> tuple[dict[str, Any], ...]:
    """Each test as an evidence item, plain JSON: the levels are copied (the test's own dict is its own)."""
    return tuple([
        {"test": t.test.test, "taken": t.test.taken.isoformat(),
         **({"result_date": t.test.result_date.isoformat()} if t.test.result_date else {}),
         "language": t.language, "levels": dict(t.levels),
         "valid": t.valid, **({"why_not": t.why_not} if t.why_not else {})} for t in tests])


def report(c: LanguageCondition, m: LanguageMeasure, d: Decision) -> LeafOutcome:
    """The best usable test with its levels against the minimum, and every test with why it does not count."""
    required: Any
    if c.minimum is not None:
        required = levels_data(c.minimum)
    elif m.teer is not None:
        required = {**levels_data(m.needs[0]), "teer": m.teer, "main_occupation": m.main_occupation}
    else:
        required = {str(k): levels_data(v) for k, v in (c.minimum_by_teer or {}).items()}
    tests = m.tests
    if tests is None:
        return LeafOutcome(d.outcome, None, required, "the profile does not list language tests")
    evidence = m.evidence
    usable = [j for j, ok in enumerate(m.usable) if ok]
    if not usable:
        return LeafOutcome(d.outcome, None, required, "no valid test result in the language required", evidence,
                           plain=True)
    if len(usable) == 1:
        best = tests[usable[0]]
    else:
        best = tests[max(usable, key=lambda j: (any(d.parts.get(_part(i, j)) == "pass" for i in range(len(m.needs))),
                                                min(tests[j].levels.values())))]
    observed = {"test": best.test.test, "taken": best.test.taken.isoformat(), "levels": dict(best.levels)}
    need_text = " or ".join([_NEEDS.get(n, _levels_text) for n in m.needs])
    text = f"{best.test.test} of {best.test.taken}: {_levels_text(best.levels)}; needs {need_text}"
    if d.outcome == "unknown":
        text += " (the level needed depends on the main occupation, which is not settled)"
    return LeafOutcome(d.outcome, observed, required, text, evidence, plain=True)


def prekey(c: LanguageCondition) -> Callable[[Measurer], Hashable | None]:
    """``key(c, measure(c, mm))`` without the measure's record when the tests are not listed (None: listed, which
    are measured)."""
    every = tuple(all_needs(c))
    fixed = (every, None, None)
    by_teer = c.minimum_by_teer is not None

    def found(mm: Measurer) -> Hashable | None:
        # The applicant's tests are unknown exactly when the profile does not list them (``Facts.tests``).
        if known(mm.facts.profile.language_tests):
            return None
        return _needs(c, mm, every) if by_teer else fixed

    return found


def explained(c: LanguageCondition) -> Callable[[Measurer], Explained]:
    """``report(c, m, decide(c, m))``'s values with ``m = measure(c, mm)``, compiled (``Kind.explained``): the usable
    tests and each minimum read in one pass, without the measure's and the decision's records or a part named per
    test and minimum; the words of the condition's own minimums made once."""
    every = tuple(all_needs(c))
    months, language, names = c.max_age_months, c.language, c.tests
    by_teer = c.minimum_by_teer is not None
    minimum = None if c.minimum is None else levels_data(c.minimum)
    table = {str(k): levels_data(v) for k, v in (c.minimum_by_teer or {}).items()}
    every_text = " or ".join([_NEEDS.get(n, _levels_text) for n in every])

    def explain(mm: Measurer) -> Explained:
        if by_teer:
            needs, teer, main = _needs(c, mm, every)
            need_text = " or ".join([_NEEDS.get(n, _levels_text) for n in needs])
        else:
            needs, teer, main, need_text = every, None, None, every_text
        required: Any
        if minimum is not None:
            required = dict(minimum)
        elif teer is not None:
            required = {**levels_data(needs[0]), "teer": teer, "main_occupation": main}
        else:
            required = {k: dict(v) for k, v in table.items()}
        tests = mm.facts.tests("applicant", months)
        if not known(tests):
            return "unknown", None, required, "the profile does not list language tests", (), None
        evidence = mm.facts.memo(("language-evidence", months), _evidence, tests) if mm.explain else ()
        usable = [t for t in tests if t.valid and (language == "any" or t.language == language)
                  and (names is None or t.test.test in names)]
        # For each minimum, whether some usable test meets it: the same outcome for every minimum settles it.
        outcomes: list[Outcome] = ["pass" if any(meets(t, need) for t in usable) else "fail" for need in needs]
        outcome: Outcome = outcomes[0] if len(outcomes) == 1 or len(set(outcomes)) == 1 else "unknown"
        if not usable:
            return outcome, None, required, "no valid test result in the language required", evidence, None
        if len(usable) == 1:
            best = usable[0]
        else:
            # The first of the usable tests meeting some minimum, else of all, with the highest lowest level.
            best = max(usable, key=lambda t: (any(meets(t, need) for need in needs), min(t.levels.values())))
        observed = {"test": best.test.test, "taken": best.test.taken.isoformat(), "levels": dict(best.levels)}
        text = f"{best.test.test} of {best.test.taken}: {_levels_text(best.levels)}; needs {need_text}"
        if outcome == "unknown":
            text += " (the level needed depends on the main occupation, which is not settled)"
        return outcome, observed, required, text, evidence, None

    return explain


def key(c: LanguageCondition, m: LanguageMeasure) -> Hashable | None:
    """Unlisted tests: the minimums that may apply and the main occupation's TEER; listed tests have no key."""
    return None if m.tests is not None else (m.needs, m.teer, m.main_occupation)


KIND: Kind[LanguageCondition, LanguageMeasure] = Kind(
    "language", LanguageCondition, measure, decide, durable_checks, durable_decide, report, key=key,
    outcome=outcome, prekey=prekey, explained=explained)
