"""The client report: its sections in order, the timeline picture, Markdown, and a look in headless Chromium."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from browser import browser_page

from eligibility.api import report, rules
from eligibility.cli import main
from eligibility.profile.load import load_profile
from eligibility.reporting.assemble import build_report
from eligibility.reporting.html import report_html

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))
COOK = ROOT / "profiles" / "cook-in-canada.yaml"
SHOTS = Path(__file__).resolve().parent / "screenshots"
SECTIONS = ["answer", "crs", "timeline", "next", "programs", "caveats", "receipt"]


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_html_sections_in_order_and_self_contained(path: Path) -> None:
    """Every example's report has the seven sections in order, one SVG, no script and nothing remote."""
    text = report(path, "2026-03-01", "html")
    found = re.findall(r'<section id="([a-z]+)"', text)
    assert found == SECTIONS
    assert text.count("<svg") == 1
    assert "<script" not in text and "<link" not in text and "@import" not in text
    assert not re.search(r'(src|href)="https?://', text.split('<ol class="notes">')[0]), "only footnotes link out"
    assert "Traceback" not in text


def test_the_cook_report_says_what_a_person_reads() -> None:
    """On 2026-03-01 the cook is eligible for CEC until his CELPIP of 2025-09-20 stops counting on 2027-09-20."""
    text = report(COOK, "2026-03-01", "html")
    answer = text.split('<section id="answer"')[1].split("</section>")[0]
    assert "✔ eligible</span>: <strong>Canadian Experience Class</strong>" in answer
    # The eligible program comes before any not-eligible one.
    assert answer.index("Canadian Experience Class") < answer.index("not eligible")
    nxt = text.split('<section id="next"')[1].split("</section>")[0]
    # Test taken 2025-09-20; it counts for 2 years, so the last day it counts is 2027-09-19.
    assert "<strong>Canadian Experience Class</strong> stays open until <strong>2027-09-19</strong>" in nxt
    crs = text.split('<section id="crs"')[1].split("</section>")[0]
    assert '<span class="total">' in crs
    # A provincial nomination adds 600 points, the CRS's additional-points maximum for a nomination.
    assert "a provincial or territorial nomination (Express Entry-aligned): <strong>+600</strong> points" in nxt


def test_timeline_has_one_bar_per_job_and_test() -> None:
    """The SVG draws one bar per job and per test, marks the date, and each program's look-back window."""
    library = rules()
    profile = load_profile(COOK)
    svg = report_html(build_report(profile, dt.date(2026, 3, 1), library), library)
    assert svg.count('class="job"') == 2
    assert svg.count('class="test"') == 1
    assert svg.count('class="as-of"') == 1
    assert 'class="window"' in svg


def test_markdown_report_has_the_same_order_and_footnotes() -> None:
    """The Markdown report keeps the HTML's order, cites with footnotes and puts no URL in a table cell."""
    text = report(COOK, "2026-03-01", "markdown")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Comprehensive Ranking System score and recent rounds", "## Timeline",
                        "## What to do next", "## Program by program", "## Caveats", "## Receipt"]
    assert re.search(r"^\[\^1\]: .*<https://", text, re.M)
    cells = [line for line in text.splitlines() if line.startswith("|")]
    assert cells and not any("http" in line for line in cells)
    assert "declarations." not in text and "&nbsp;" not in text


def test_report_command_writes_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """`report profiles/ --out DIR` writes one report per profile, named after it."""
    monkeypatch.setattr("sys.argv", ["eligibility", "report", str(ROOT / "profiles"), "--as-of", "2026-03-01",
                                     "--out", str(tmp_path / "reports")])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 0
    written = sorted(p.name for p in (tmp_path / "reports").iterdir())
    assert written == sorted(p.stem + ".html" for p in PROFILES)


def _watch(page: Any) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    return errors, requests


def test_report_renders_in_chromium(tmp_path: Path) -> None:
    """The report opens in headless Chromium with no console error and no request beyond the file itself."""
    target = tmp_path / "cook.html"
    target.write_text(report(COOK, "2026-03-01", "html"), encoding="utf-8")
    with browser_page() as page:
        errors, requests = _watch(page)
        page.goto(target.as_uri())
        assert page.locator("svg.timeline rect.job").count() == 2
        assert page.locator("#answer h2").inner_text() == "Eligibility of Marco Rossi on 2026-03-01"
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "report-cook.png"), full_page=False)
        page.emulate_media(media="print")
        # In print, each major section starts a page and nothing is cut off the page's width.
        assert page.evaluate("getComputedStyle(document.querySelector('#timeline')).breakBefore") == "page"
        assert errors == [], errors
        assert requests == [target.as_uri()], requests


def test_evaluate_names_programs_within_reach(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A cook working 40 h/week in Canada from 2025-06-01 counts 30 h/week, so 1,560 h take 52 weeks (364
    days): with work through 2026-05-30, CEC opens on 2026-05-31, which `evaluate` shows as within reach."""
    text = COOK.read_text().replace("start: 2023-04-01", "start: 2025-06-01")
    profile = tmp_path / "late.yaml"
    profile.write_text(text, encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["eligibility", "evaluate", str(profile), "--as-of", "2026-03-01"])
    with pytest.raises(SystemExit) as done:
        main()
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert "» within reach  Canadian Experience Class: from 2026-05-31 (1,560 h in 63200 Cooks reached)" in out
