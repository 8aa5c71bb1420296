"""The verdict-only path (``evaluate_verdicts``, the kinds' compiled ``outcome``) on the branches mutation testing
found no test reaching (benchmarks/mutation.py, area ``verdict``): a composite's unknown under a ``not``, a
certificate rule with no trade of experience to match, and FSW's funds exemption with the work history unknown.

Each profile is built to reach one branch; the verdict or outcome expected is worked out by hand from the rules
(written here, or rulesets/express-entry/fsw.yaml and IRPR s. 76(1)(b), s. 82(2)), and the verdict-only path is
held to the full one on it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from eligibility.api import rules
from eligibility.engines.run import evaluate, evaluate_verdicts
from eligibility.evaluator.plan import version_on
from eligibility.facts import Facts
from eligibility.kinds import KINDS
from eligibility.measure.context import Measurer
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import Profile
from eligibility.rulebook.library import Library, load_library
from eligibility.rulebook.model import FundsCondition

SOURCES = """
sources:
  - {id: law, title: a law, url: "https://example.org/law", checked: 2026-11-30, confidence: official}
"""


def _probe(pid: str, title: str, conditions: str) -> str:
    """A program file of one open version from 2020-01-01 holding ``conditions`` (YAML list items, indented 6)."""
    return (f"id: probe/{pid}\ntitle: {title}\nauthority: tests\nkind: permanent_residence\n{SOURCES}"
            f"versions:\n  - from: 2020-01-01\n    to: null\n    conditions:\n{conditions}")


#: Composites inside composites: an "any" and an "all" each read by a "not", whose negation has no value for
#: anything but pass, fail and unknown.
NESTED = _probe("nested", "Nested composites", """\
      - id: neither-a-nor-b
        says: neither a nor b
        not:
          id: a-or-b
          says: a or b
          any:
            - {id: a, kind: declaration, key: a, equals: true, says: a holds, citations: [{source: law}]}
            - {id: b, kind: declaration, key: b, equals: true, says: b holds, citations: [{source: law}]}
      - id: not-both-c-and-d
        says: not both c and d
        not:
          id: c-and-d
          says: c and d
          all:
            - {id: c, kind: declaration, key: c, equals: true, says: c holds, citations: [{source: law}]}
            - {id: d, kind: declaration, key: d, equals: true, says: d holds, citations: [{source: law}]}
""")

#: A certificate in a trade of major groups 72 or 73, with no trade of experience to match (no packaged rule
#: asks for one without ``same_occupation_as``).
CERTIFICATE = _probe("certificate", "Certificate probe", """\
      - id: certificate
        kind: certificate_of_qualification
        says: a certificate of qualification in an industrial, electrical or construction trade
        occupations: {groups: ["72", "73"]}
        citations: [{source: law}]
""")

DAY = dt.date(2026, 3, 1)


def _library(tmp_path_factory: pytest.TempPathFactory, name: str, text: str) -> Library:
    root = tmp_path_factory.mktemp("rules")
    (root / "probe").mkdir()
    (root / "probe" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return load_library(root)


def _verdicts(profile: Profile, library: Library, day: dt.date = DAY) -> tuple[dict[str, str], dict[str, str]]:
    """The verdict-only path's verdicts and the full evaluation's."""
    full = {p.id: p.verdict for p in evaluate(profile, day, library).programs}
    return evaluate_verdicts(profile, day, library), full


@pytest.fixture(scope="module")
def nested(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The nested-composites probe."""
    return _library(tmp_path_factory, "nested", NESTED)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The certificate probe."""
    return _library(tmp_path_factory, "certificate", CERTIFICATE)


def _declared(**outcomes: str) -> Profile:
    """A profile declaring true for pass, false for fail, nothing for unknown."""
    return profile_from_data({"declarations": {k: o == "pass" for k, o in outcomes.items() if o != "unknown"}})


# (a, b, c, d) and the verdict: not(a or b) and not(c and d), in Kleene logic, worked out by hand.
NESTED_ROWS = [
    # a or b unknown (a unknown, b fails), so its negation is unknown; c and d fails, its negation passes
    (("unknown", "fail", "fail", "pass"), "undetermined"),
    # a or b fails, negation passes; c and d unknown (c passes, d unknown), negation unknown
    (("fail", "fail", "pass", "unknown"), "undetermined"),
    # both negations pass
    (("fail", "fail", "pass", "fail"), "eligible"),
    # a passes: a or b passes, its negation fails, whatever the rest
    (("pass", "unknown", "unknown", "unknown"), "not_eligible"),
    # a or b unknown, but c and d both pass: the second negation fails
    (("unknown", "unknown", "pass", "pass"), "not_eligible"),
]


@pytest.mark.parametrize(("row", "verdict"), NESTED_ROWS)
def test_an_unknown_composite_under_a_not(nested: Library, row: tuple[str, ...], verdict: str) -> None:
    """An "any" and an "all" each under a "not": the verdict worked out by hand, in both paths (an unknown one,
    negated, is unknown)."""
    a, b, c, d = row
    short, full = _verdicts(_declared(a=a, b=b, c=c, d=d), nested)
    assert short == full == {"probe/nested": verdict}


def test_every_outcome_of_nested_composites(nested: Library) -> None:
    """Every outcome of the four declarations under the nested composites: the verdict-only path gives the full
    evaluation's verdict."""
    for row in itertools.product(("pass", "fail", "unknown"), repeat=4):
        a, b, c, d = row
        short, full = _verdicts(_declared(a=a, b=b, c=c, d=d), nested)
        assert short == full, row


@pytest.mark.parametrize(("certificates", "verdict"), [
    ([{"noc": "72310", "issued_by": "Ontario College of Trades"}], "eligible"),      # carpenters: group 72
    ([{"noc": "21231", "issued_by": "Ontario College of Trades"},                    # not a trade of 72 or 73,
      {"noc": "73200", "issued_by": "BC"}], "eligible"),                               # but residential installers are
    ([{"noc": "21231", "issued_by": "Professional Engineers Ontario"}], "not_eligible"),  # software engineers: 21
    ([], "not_eligible"),
    (None, "undetermined"),                                                           # not stated
])
def test_a_certificate_rule_without_a_trade_of_experience(certificate: Library, certificates: list[dict[str, Any]]
                                                          | None, verdict: str) -> None:
    """With no ``same_occupation_as``, any certificate in a trade of the listed groups passes, in both paths."""
    data = {} if certificates is None else {"certificates_of_qualification": certificates}
    short, full = _verdicts(profile_from_data(data), certificate)
    assert short == full == {"probe/certificate": verdict}


def _fsw_funds() -> FundsCondition:
    version = version_on(rules().programs["express-entry/fsw"], DAY)
    assert version is not None
    found = [c for c in version.conditions if c.id == "settlement-funds"]
    assert len(found) == 1 and isinstance(found[0], FundsCondition)
    return found[0]


#: An offer that is arranged employment under IRPR s. 82(2)(a) on its own: TEER 1, 40 h a week, no end date, not
#: seasonal, with a positive LMIA (so no current employer is needed).
LMIA_OFFER = {"noc": "21231", "employer": "Maple Software", "province": "ON", "hours_per_week": 40,
              "lmia": "positive"}
#: A job in Canada, authorized, held on the as-of date.
CURRENT_JOB = {"start": "2024-01-01", "hours_per_week": 40, "country": "CA", "noc": "21231", "province": "ON"}
#: A job abroad that ended before the as-of date.
PAST_JOB = {"start": "2018-01-01", "end": "2023-12-31", "hours_per_week": 40, "country": "IN", "noc": "21231"}


@pytest.mark.parametrize(("work", "funds", "expected"), [
    # s. 76(1)(b)(ii): exempt only if authorized to work in Canada; with the work history not given that is not
    # known, and $1,000 is short of the table's amount for one person: not settled either way
    (None, 1000, "unknown"),
    # the same with no funds stated: still not settled
    (None, None, "unknown"),
    # the work history given, no job held in Canada: not exempt, and $1,000 is short
    ([PAST_JOB], 1000, "fail"),
    # holding an authorized job in Canada with the LMIA-based offer: exempt, the funds are not read
    ([CURRENT_JOB], 1000, "pass"),
])
def test_fsw_funds_exemption_with_the_work_history_unknown(work: list[dict[str, Any]] | None, funds: int | None,
                                                           expected: str) -> None:
    """FSW's settlement funds with an LMIA-based offer: the compiled outcome and the decision give the outcome the
    exemption of IRPR s. 76(1)(b)(ii) gives, and both paths the same FSW verdict."""
    data: dict[str, Any] = {"marital_status": "single", "children": 0, "job_offer": LMIA_OFFER}
    if work is not None:
        data["work"] = work
    if funds is not None:
        data["funds_cad"] = funds
    profile = profile_from_data(data)
    cond, library = _fsw_funds(), rules()
    kind = KINDS["funds"]
    assert kind.outcome is not None
    compiled = kind.outcome(cond)(Measurer(Facts(profile, DAY), library, {}, explain=False))
    mm = Measurer(Facts(profile, DAY), library, {}, explain=False)
    assert compiled == kind.decide(cond, kind.measure(cond, mm)).outcome == expected
    short, full = _verdicts(profile, library)
    assert short == full
