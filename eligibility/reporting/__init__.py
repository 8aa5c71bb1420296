"""The client report (`eligibility report`): one self-contained HTML file, or Markdown for a client file."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from eligibility.profile.model import Profile
from eligibility.rulebook.library import Library

ReportFormat = Literal["html", "markdown"]


def render_report(profile: Profile, as_of: dt.date, library: Library, fmt: ReportFormat = "html",
                  header: str = "") -> str:
    """The report of a profile on a date, as HTML or Markdown text (``header``: HTML above the report)."""
    from eligibility.reporting.assemble import build_report

    report = build_report(profile, as_of, library)
    if fmt == "markdown":
        from eligibility.reporting.markdown import report_markdown

        return report_markdown(report)
    from eligibility.reporting.html import report_html

    return report_html(report, library, header)
