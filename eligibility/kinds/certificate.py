"""certificate_of_qualification: a certificate in a matching trade (the trade of the experience, if asked)."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from attrs import frozen

from eligibility.kinds import work_experience
from eligibility.kinds.base import Check, Decision, Kind, LeafOutcome, Matcher, Test, at_least_one, conj
from eligibility.logic import Outcome, kleene_all, kleene_any
from eligibility.measure.context import Measurer
from eligibility.measure.occupations import describe_occupations, matches, selects
from eligibility.profile.model import Certificate
from eligibility.record import Record
from eligibility.rulebook.model import CertificateCondition, Occupations
from eligibility.unknown import known


@frozen(slots=False)
class CertificateMeasure(Record):
    """The certificates (None: not listed) and, when asked, the trades with enough experience."""

    certificates: tuple[Certificate, ...] | None
    trades: tuple[str, ...] | None = None


def measure(c: CertificateCondition, mm: Measurer) -> CertificateMeasure:
    """The certificates, and the qualifying codes of the work_experience condition ``same_occupation_as`` names."""
    certs = mm.facts.profile.certificates_of_qualification
    trades: tuple[str, ...] | None = None
    if c.same_occupation_as is not None:
        source = c.trade_source
        trades = work_experience.measure(source, mm).qualifying_codes if source is not None else ()
    return CertificateMeasure(tuple(certs) if known(certs) else None, trades)


def decide(c: CertificateCondition, m: CertificateMeasure) -> Decision:
    """Some certificate is in a matching trade (and in a trade of the experience, when asked)."""
    if m.certificates is None:
        return Decision("unknown")
    parts: dict[str, Outcome] = {
        str(i): "pass" if (c.occupations is None or matches(c.occupations, x.noc))
        and (m.trades is None or x.noc in m.trades) else "fail" for i, x in enumerate(m.certificates)}
    return Decision(kleene_any(parts.values()), parts)


def outcome(c: CertificateCondition) -> Callable[[Measurer], Outcome]:
    """``decide(c, measure(c, mm)).outcome``, compiled: whether some certificate is in a matching trade (and in a
    trade of the experience, when asked), without the measure's record and a part named per certificate."""
    occupations = c.occupations

    def decided(mm: Measurer) -> Outcome:
        certs = mm.facts.profile.certificates_of_qualification
        if not known(certs):
            return "unknown"
        trades: tuple[str, ...] | None = None
        if c.same_occupation_as is not None:
            source = c.trade_source
            trades = work_experience.measure(source, mm).qualifying_codes if source is not None else ()
        counted = any((occupations is None or selects(occupations, x.noc)) and (trades is None or x.noc in trades)
                      for x in certs)
        return "pass" if counted else "fail"

    return decided


def durable_checks(c: CertificateCondition) -> dict[str, Check]:
    """``count``, and ``trade`` when the certificate must be in the trade of the experience."""
    out = {"count": at_least_one()}
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
        checks = [run.member(c.occupations, cert.noc)] if c.occupations is not None else []
        if m.trades is not None:
            checks.append(run.one("trade", {"same_trade": int(cert.noc in m.trades)}))
        parts[str(i)] = kleene_all(checks)
    return Decision(kleene_any(parts.values()), parts)


def report(c: CertificateCondition, m: CertificateMeasure, d: Decision) -> LeafOutcome:
    """The certificate that counts, or why none does."""
    trades = list(m.trades) if m.trades is not None else None
    required = {"occupations": describe_occupations(c.occupations) if c.occupations else None, "same_trade_as": trades}
    # Text, flags and a list of codes in dicts made here: plain JSON already.
    if m.certificates is None:
        return LeafOutcome(d.outcome, None, required, "the profile does not list certificates of qualification",
                           plain=True)
    good = [x for i, x in enumerate(m.certificates) if d.parts.get(str(i)) == "pass"]
    evidence = tuple([{"noc": x.noc, "issued_by": x.issued_by, "counted": x in good} for x in m.certificates])
    if good:
        return LeafOutcome(d.outcome, good[0].noc, required,
                           f"certificate for NOC {good[0].noc} issued by {good[0].issued_by}", evidence, plain=True)
    text = "no certificate of qualification" if not m.certificates else "no certificate in a matching trade"
    if trades is not None:
        text += f" (trades with enough experience: {', '.join(trades) or 'none'})"
    return LeafOutcome(d.outcome, None, required, text, evidence, plain=True)


def selectors(c: CertificateCondition) -> list[Occupations]:
    """The certificates' trades durable places in the condition's selector."""
    return [c.occupations] if c.occupations is not None else []


def key(c: CertificateCondition, m: CertificateMeasure) -> Hashable | None:
    """Unlisted certificates: the trades asked; listed certificates have no key."""
    return None if m.certificates is not None else (m.trades,)


KIND: Kind[CertificateCondition, CertificateMeasure] = Kind(
    "certificate_of_qualification", CertificateCondition, measure, decide, durable_checks, durable_decide, report,
    selectors, key=key, outcome=outcome)
