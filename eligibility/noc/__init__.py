"""NOC 2021: the packaged classification table, title search, duty matching and the 2016 concordance.

Lead statements and main duties are not shipped; `load_noc_text` reads them from StatCan's files.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eligibility.noc.concordance import Conversion, convert_2016, explain_change
    from eligibility.noc.elements import (
        ENV_VAR,
        MainDuty,
        NocText,
        UnitGroupText,
        load_noc_text,
        missing_data_message,
    )
    from eligibility.noc.match import DutyCoverage, DutyMatcher, MatchCandidate, MatchResult, match_duties
    from eligibility.noc.search import SearchHit, SearchResult, search_titles
    from eligibility.noc.show import TEER_MEANINGS, GroupRef, Section, ShowResult, show_unit_group
    from eligibility.noc.table import ConcordanceRow, NocTable, UnitGroup, noc_table

# Each public name and its module, imported on first use: a command that only checks a code does not
# pay for the title search, the duty matcher or rapidfuzz.
_EXPORTS = {
    "ConcordanceRow": "eligibility.noc.table",
    "Conversion": "eligibility.noc.concordance",
    "DutyCoverage": "eligibility.noc.match",
    "DutyMatcher": "eligibility.noc.match",
    "ENV_VAR": "eligibility.noc.elements",
    "GroupRef": "eligibility.noc.show",
    "MainDuty": "eligibility.noc.elements",
    "MatchCandidate": "eligibility.noc.match",
    "MatchResult": "eligibility.noc.match",
    "NocTable": "eligibility.noc.table",
    "NocText": "eligibility.noc.elements",
    "SearchHit": "eligibility.noc.search",
    "SearchResult": "eligibility.noc.search",
    "Section": "eligibility.noc.show",
    "ShowResult": "eligibility.noc.show",
    "TEER_MEANINGS": "eligibility.noc.show",
    "UnitGroup": "eligibility.noc.table",
    "UnitGroupText": "eligibility.noc.elements",
    "convert_2016": "eligibility.noc.concordance",
    "explain_change": "eligibility.noc.concordance",
    "load_noc_text": "eligibility.noc.elements",
    "match_duties": "eligibility.noc.match",
    "missing_data_message": "eligibility.noc.elements",
    "noc_table": "eligibility.noc.table",
    "search_titles": "eligibility.noc.search",
    "show_unit_group": "eligibility.noc.show",
}

__all__ = [
    "ENV_VAR",
    "TEER_MEANINGS",
    "ConcordanceRow",
    "Conversion",
    "DutyCoverage",
    "DutyMatcher",
    "GroupRef",
    "MainDuty",
    "MatchCandidate",
    "MatchResult",
    "NocTable",
    "NocText",
    "SearchHit",
    "SearchResult",
    "Section",
    "ShowResult",
    "UnitGroup",
    "UnitGroupText",
    "convert_2016",
    "explain_change",
    "load_noc_text",
    "match_duties",
    "missing_data_message",
    "noc_table",
    "search_titles",
    "show_unit_group",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'eligibility.noc' has no attribute {name!r}")
