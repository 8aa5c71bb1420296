"""NOC 2021: the packaged classification table, title search, duty matching and the 2016 concordance.

Lead statements and main duties are not shipped; `load_noc_text` reads them from StatCan's files.
"""

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
