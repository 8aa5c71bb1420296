"""Helpers of the documentation audit of 2026-12-01 (audit14): the repository's paths, a doc's lines, and what the
command line prints, so that each test compares a doc's own words or figures with what the program does.

Reading the figure or sentence out of the doc (instead of copying it into the test) keeps each test true to the
doc: it passes when the doc and the program agree, whichever of the two is corrected.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.support import run_cli

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PROFILES = ROOT / "profiles"
AYESHA = PROFILES / "ayesha-software-engineer.yaml"
COOK = PROFILES / "cook-in-canada.yaml"
MARRIED = PROFILES / "married-couple.yaml"


def doc_text(name: str) -> str:
    """The text of a page of docs/ (``results.md``, ``programs/express-entry.md``) or of the README."""
    return (ROOT / name if name == "README.md" else DOCS / name).read_text(encoding="utf-8")


def doc_match(name: str, pattern: str, flags: int = 0) -> re.Match[str]:
    """The first match of ``pattern`` in a doc page; the test fails (not errors) when the doc no longer says it."""
    found = re.search(pattern, doc_text(name), flags)
    assert found is not None, f"{name} no longer matches {pattern!r}"
    return found


def doc_line(name: str, start: str) -> str:
    """The first line of a doc page that starts (after its indentation) with ``start``, stripped."""
    for line in doc_text(name).splitlines():
        if line.strip().startswith(start):
            return line.strip()
    raise AssertionError(f"{name} has no line starting with {start!r}")


def cli(argv: list[str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """The command line run in-process: exit code, standard output, standard error."""
    return run_cli([str(a) for a in argv], capsys, monkeypatch)


def cli_json(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    """The JSON a command prints with ``--format json``, which must exit 0."""
    code, out, err = cli([*argv, "--format", "json"], capsys, monkeypatch)
    assert code == 0, err
    return json.loads(out)


def wildcard(example: str) -> re.Pattern[str]:
    """A doc's example line as a pattern: each ``...`` (or ``…``) the doc wrote for text left out matches any text."""
    parts = re.split(r"\.\.\.|…", example)
    return re.compile(".*".join(re.escape(p) for p in parts), re.DOTALL)


_PROGRAM_ID = re.compile(r"\b(?:express-entry|category|gts|gss|alberta|bc|ontario|quebec)/[a-z-]+")


def program_ids_in_words(markdown: str) -> list[str]:
    """The program ids a Markdown report shows in its words: links and footnote addresses left out."""
    words = re.sub(r"<https?://[^>]*>|https?://\S+", "", markdown)
    return sorted(set(_PROGRAM_ID.findall(words)))


#: A cook with a certificate of qualification in his trade (63200, BC, 2023-01-01) and no job offer: FST's
#: certificate-or-offer condition (an ``any``) passes by the certificate. His only test was taken 2025-09-20, so on
#: 2025-01-01 FST fails by language alone (IRPR s. 87.2(3): a certificate OR an offer).
CERTIFIED_COOK: dict[str, Any] = {
    "name": "Certified cook", "birth_date": "1992-11-03", "marital_status": "single", "intended_province": "BC",
    "children": 0, "funds_cad": 30000, "education": [],
    "language_tests": [{"test": "celpip_general", "taken": "2025-09-20", "listening": 6, "reading": 5, "writing": 5,
                        "speaking": 6}],
    "work": [{"title": "Cook", "employer": "Trattoria Roma", "noc": "63200", "country": "IT", "start": "2016-03-01",
              "end": "2023-02-28", "hours_per_week": 45}],
    "job_offer": None, "certificates_of_qualification": [{"noc": "63200", "issued_by": "BC", "issued": "2023-01-01"}],
    "relatives_in_canada": [], "provincial_nomination": None, "spouse": None}

#: A GTS Category A offer in 21231, an occupation the Global Talent Occupations List holds whole: the job is
#: processed under Category B, so Category A fails by its ``not-on-the-list`` condition (a ``not`` over the
#: listed-whole offer, which passes). Its other conditions are stated as met.
LISTED_OFFER: dict[str, Any] = {
    "name": "Listed developer", "birth_date": "1990-01-01", "marital_status": "single", "intended_province": "ON",
    "education": [{"level": "masters", "country": "CA", "completed": "2015-01-01"}], "language_tests": [],
    "work": [],
    "job_offer": {"noc": "21231", "employer": "X", "province": "ON", "hours_per_week": 40, "duration_months": 24,
                  "lmia": "positive", "wage_hourly": 80, "wage_annual": 160000},
    "declarations": {"gts_referral": True, "gts_partner_confirmations": True, "gts_specialized_field": True,
                     "gts_advanced_industry_knowledge": True, "gts_labour_market_benefits_plan": True,
                     "gts_category_a_position_limit": True}}


def write_profile(folder: Path, data: dict[str, Any], name: str = "person.json") -> Path:
    """A profile file of ``data`` in ``folder`` (JSON), for the command line."""
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
