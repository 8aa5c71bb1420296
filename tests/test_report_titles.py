"""The client report names programs by their titles in its words, in HTML as in Markdown (docs/report.md: no
internal key or id is shown), while the HTML's anchors and links keep the ids they point with."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import eligibility
from eligibility.render.words import titled
from tests.test_audit14_support import program_ids_in_words

PROFILES = Path(__file__).resolve().parents[1] / "profiles"


@pytest.mark.parametrize("name", sorted(p.name for p in PROFILES.glob("*.yaml")))
def test_html_report_words_show_no_program_id(name: str) -> None:
    """The visible text of the HTML report names no program by its id; the sections' anchors still do."""
    page = eligibility.report(PROFILES / name, "2026-11-30", fmt="html")
    words = re.sub(r"<style>.*?</style>|<[^>]+>", " ", page, flags=re.S)
    assert program_ids_in_words(words) == []
    assert re.search(r'<h3 id="(?:express-entry|category|gts|gss|alberta|bc|ontario|quebec)/[a-z-]+"', page)


def test_titled_replaces_whole_ids_and_leaves_urls() -> None:
    """An id is replaced where it stands alone, not inside a longer id or a URL."""
    titles = {"express-entry/cec": "Canadian Experience Class", "category/trades": "Trades category"}
    text = ("eligible for express-entry/cec; express-entry/cec-old stays; see "
            "https://example.org/express-entry/cec and <https://x.org/category/trades>; category/trades.")
    assert titled(text, titles) == (
        "eligible for Canadian Experience Class; express-entry/cec-old stays; see "
        "https://example.org/express-entry/cec and <https://x.org/category/trades>; Trades category.")
