"""certificate_of_qualification: a certificate in a matching trade (the trade of the experience, if asked)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import Any

from attrs import frozen

from eligibility.kinds import work_experience
from eligibility.kinds.base import Check, Decision, Explained, Kind, LeafOutcome, Matcher, Test, at_least_one, conj
from eligibility.logic import Outcome, kleene_all, kleene_any
from eligibility.measure.context import Measurer
from eligibility.measure.occupations import describe_occupations, matches, selects
from eligibility.profile.model import Certificate
from eligibility.record import Record
from eligibility.rulebook.model import CertificateCondition, Occupations, WorkExperienceCondition
from eligibility.unknown import known


@frozen(slots=False)
class Trades(Record):
    """The trades of a work_experience condition with enough hours on their own (``codes``), and whether a trade
    not among them may still have enough (``maybe``: the work history is not given, or jobs without a NOC code
    could bring a trade to the minimum)."""

    codes: tuple[str, ...]
    maybe: bool = False

    def holds(self, code: str | None) -> Outcome:
        """Whether ``code`` is a trade of the experience: pass, fail, or unknown while it may be."""
        if code is not None and code in self.codes:
            return "pass"
        return "unknown" if self.maybe or code is None else "fail"

    @property
    def words(self) -> str:
        """The trades with enough experience, in words (for an explanation)."""
        text = f"trades with enough experience: {', '.join(self.codes) or 'none'}"
        return text + ("; a job without a NOC code, or a work history not given, may add one" if self.maybe else "")


def trades_of(source: WorkExperienceCondition | None, mm: Measurer) -> Trades:
    """The trades of the experience ``source`` counts (no trade when the reference names nothing).

    A trade is known to count when its own hours reach the minimum; while the work history is not listed, or jobs
    without a NOC code could bring some trade to the minimum (the measure's ``high``), another trade may count too.
    """
    if source is None:
        return Trades(())
    work = work_experience.measure(source, mm)
    return Trades(work.qualifying_codes, not work.known or (work.uncertain and work.high >= source.min_hours))


@frozen(slots=False)
class CertificateMeasure(Record):
    """The certificates (None: not listed) and, when asked, the trades with enough experience."""

    certificates: tuple[Certificate, ...] | None
    trades: Trades | None = None
    #: The day evaluated: a certificate issued after it is not held yet.
    as_of: dt.date | None = None


def measure(c: CertificateCondition, mm: Measurer) -> CertificateMeasure:
    """The certificates, and the qualifying codes of the work_experience condition ``same_occupation_as`` names."""
    certs = mm.facts.profile.certificates_of_qualification
    if c.same_occupation_as is None:
        return CertificateMeasure(tuple(certs) if known(certs) else None, as_of=mm.as_of)
    return CertificateMeasure(tuple(certs) if known(certs) else None, trades_of(c.trade_source, mm), mm.as_of)


def _issued(cert: Certificate, as_of: dt.date | None) -> bool:
    """Whether the certificate is held on the day: issued on or before it (a certificate without ``issued`` is
    held on every day evaluated, as a job offer without ``issued`` is)."""
    return cert.issued is None or as_of is None or cert.issued <= as_of


def _trade(m: CertificateMeasure, code: str) -> Outcome:
    """Whether a certificate's trade is a trade of the experience (pass when not asked)."""
    return "pass" if m.trades is None else m.trades.holds(code)


def decide(c: CertificateCondition, m: CertificateMeasure) -> Decision:
    """Some certificate is in a matching trade (and in a trade of the experience, when asked)."""
    if m.certificates is None:
        return Decision("unknown")
    parts: dict[str, Outcome] = {
        str(i): kleene_all(["pass" if _issued(x, m.as_of) else "fail",
                            "pass" if c.occupations is None or matches(c.occupations, x.noc) else "fail",
                            _trade(m, x.noc)]) for i, x in enumerate(m.certificates)}
    return Decision(kleene_any(parts.values()), parts)


def outcome(c: CertificateCondition) -> Callable[[Measurer], Outcome]:
    """``decide(c, measure(c, mm)).outcome``, compiled: whether some certificate is in a matching trade (and in a
    trade of the experience, when asked), without the measure's record and a part named per certificate."""
    occupations = c.occupations

    def decided(mm: Measurer) -> Outcome:
        certs = mm.facts.profile.certificates_of_qualification
        if not known(certs):
            return "unknown"
        trades = trades_of(c.trade_source, mm) if c.same_occupation_as is not None else None
        return kleene_any([kleene_all(["pass" if _issued(x, mm.as_of) else "fail",
                                       "pass" if occupations is None or selects(occupations, x.noc) else "fail",
                                       "pass" if trades is None else trades.holds(x.noc)]) for x in certs])

    return decided


def durable_checks(c: CertificateCondition) -> dict[str, Check]:
    """``count``, and ``trade`` when the certificate must be in the trade of the experience."""
    out = {"count": at_least_one(), "issued": conj(Test("issued_by_the_day", "==", 1))}
    if c.same_occupation_as:
        out["trade"] = conj(Test("same_trade", "==", 1))
    return out


def durable_decide(c: CertificateCondition, m: CertificateMeasure, run: Matcher) -> Decision:
    """Each certificate's trade placed in the selector by durable, and whether it is a trade of the experience."""
    if m.certificates is None:
        return Decision(run.one("count", {}))
    have = run.one("count", {"count": len(m.certificates)})
    if have != "pass":
        return Decision(have)
    parts: dict[str, Outcome] = {}
    for i, cert in enumerate(m.certificates):
        checks = [run.one("issued", {"issued_by_the_day": int(_issued(cert, m.as_of))})]
        if c.occupations is not None:
            checks.append(run.member(c.occupations, cert.noc))
        if m.trades is not None:
            # A trade that may still count is not asserted: durable leaves the check unknown.
            same = _trade(m, cert.noc)
            checks.append(run.one("trade", {} if same == "unknown" else {"same_trade": int(same == "pass")}))
        parts[str(i)] = kleene_all(checks)
    return Decision(kleene_any(parts.values()), parts)


def report(c: CertificateCondition, m: CertificateMeasure, d: Decision) -> LeafOutcome:
    """The certificate that counts, or why none does."""
    trades = list(m.trades.codes) if m.trades is not None else None
    required = {"occupations": describe_occupations(c.occupations) if c.occupations else None, "same_trade_as": trades}
    # Text, flags and a list of codes in dicts made here: plain JSON already.
    if m.certificates is None:
        return LeafOutcome(d.outcome, None, required, "the profile does not list certificates of qualification",
                           plain=True)
    good = [x for i, x in enumerate(m.certificates) if d.parts.get(str(i)) == "pass"]
    evidence = tuple([{"noc": x.noc, "issued_by": x.issued_by, "counted": x in good,
                       **({} if _issued(x, m.as_of) else {"reason": f"issued {x.issued}, after {m.as_of}"})}
                      for x in m.certificates])
    if good:
        return LeafOutcome(d.outcome, good[0].noc, required,
                           f"certificate for NOC {good[0].noc} issued by {good[0].issued_by}", evidence, plain=True)
    maybe = [x for i, x in enumerate(m.certificates) if d.parts.get(str(i)) == "unknown"]
    if maybe:
        text = (f"the certificate for NOC {maybe[0].noc} issued by {maybe[0].issued_by} counts if the experience in "
                "its trade reaches the minimum")
    elif m.certificates and not any(_issued(x, m.as_of) for x in m.certificates):
        first = m.certificates[0]
        text = f"the certificate for NOC {first.noc} was issued on {first.issued}, after {m.as_of}: not held yet"
    else:
        text = "no certificate of qualification" if not m.certificates else "no certificate in a matching trade"
    if m.trades is not None:
        text += f" ({m.trades.words})"
    return LeafOutcome(d.outcome, None, required, text, evidence, plain=True)


def selectors(c: CertificateCondition) -> list[Occupations]:
    """The certificates' trades durable places in the condition's selector."""
    return [c.occupations] if c.occupations is not None else []


def key(c: CertificateCondition, m: CertificateMeasure) -> Hashable | None:
    """Unlisted certificates: the trades asked; listed certificates have no key."""
    return None if m.certificates is not None else (m.trades,)


def prekey(c: CertificateCondition) -> Callable[[Measurer], Hashable | None]:
    """``key(c, measure(c, mm))`` without the measure's record when the certificates are not listed (None: listed,
    which are measured)."""
    trade = c.same_occupation_as is not None

    def found(mm: Measurer) -> Hashable | None:
        if known(mm.facts.profile.certificates_of_qualification):
            return None
        return (trades_of(c.trade_source, mm) if trade else None,)

    return found


def explained(c: CertificateCondition) -> Callable[[Measurer], Explained]:
    """``report(c, m, decide(c, m))``'s values with ``m = measure(c, mm)``, compiled (``Kind.explained``): each
    certificate decided and made its evidence item in one pass, without the measure's and the decision's records or
    a part named per certificate."""
    occupations = c.occupations
    described = describe_occupations(c.occupations) if c.occupations else None
    trade = c.same_occupation_as is not None
    source = c.trade_source

    def explain(mm: Measurer) -> Explained:
        trades = trades_of(source, mm) if trade else None
        required = {"occupations": described, "same_trade_as": list(trades.codes) if trades is not None else None}
        listed = mm.facts.profile.certificates_of_qualification
        if not known(listed):
            return "unknown", None, required, "the profile does not list certificates of qualification", (), None
        as_of = mm.as_of
        outcomes: list[Outcome] = []
        evidence = []
        for x in listed:
            issued = _issued(x, as_of)
            found = kleene_all(["pass" if issued else "fail",
                                "pass" if occupations is None or selects(occupations, x.noc) else "fail",
                                "pass" if trades is None else trades.holds(x.noc)])
            outcomes.append(found)
            # Counted: passed (an equal certificate listed twice passes or not alike).
            item: dict[str, Any] = {"noc": x.noc, "issued_by": x.issued_by, "counted": found == "pass"}
            if not issued:
                item["reason"] = f"issued {x.issued}, after {as_of}"
            evidence.append(item)
        outcome = kleene_any(outcomes)
        if "pass" in outcomes:
            good = listed[outcomes.index("pass")]
            return (outcome, good.noc, required, f"certificate for NOC {good.noc} issued by {good.issued_by}",
                    tuple(evidence), None)
        if "unknown" in outcomes:
            maybe = listed[outcomes.index("unknown")]
            text = (f"the certificate for NOC {maybe.noc} issued by {maybe.issued_by} counts if the experience in "
                    "its trade reaches the minimum")
        elif listed and not any(_issued(x, as_of) for x in listed):
            first = listed[0]
            text = f"the certificate for NOC {first.noc} was issued on {first.issued}, after {as_of}: not held yet"
        else:
            text = "no certificate of qualification" if not listed else "no certificate in a matching trade"
        if trades is not None:
            text += f" ({trades.words})"
        return outcome, None, required, text, tuple(evidence), None

    return explain


KIND: Kind[CertificateCondition, CertificateMeasure] = Kind(
    "certificate_of_qualification", CertificateCondition, measure, decide, durable_checks, durable_decide, report,
    selectors, key=key, outcome=outcome, prekey=prekey, explained=explained)
