"""NOC 2016 V1.3 -> NOC 2021 V1.0, from StatCan's official concordance, with the type of change."""

from __future__ import annotations

from attrs import frozen

from eligibility.errors import UsageError
from eligibility.noc.table import ConcordanceRow, noc_table
from eligibility.record import Record
from eligibility.suggest import did_you_mean_any

# StatCan's GSIM change types, as printed in the concordance, said in plain words.
CHANGE_WORDS = {
    "VC1": "code changed",
    "VC2": "name changed",
    "RC3.1": "merged with other groups",
    "RC3.2": "took over part of another group",
    "RC4.1": "broken down into several groups",
    "RC4.2": "part split off to another group",
    "RC5": "part transferred to another group",
}


@frozen
class Conversion(Record):
    """The NOC 2021 unit groups a NOC 2016 code maps to; `split` when there is more than one candidate."""

    noc2016: str
    noc2016_title: str
    rows: tuple[ConcordanceRow, ...]

    @property
    def split(self) -> bool:
        """Whether the 2016 code maps to more than one 2021 unit group (the work decides which)."""
        return len(self.rows) > 1


def convert_2016(code: str) -> Conversion:
    """Concordance rows for a NOC 2016 code; UsageError with "did you mean" when unknown or malformed."""
    table = noc_table()
    clean = code.strip()
    if len(clean) == 5 and clean.isdigit() and clean in table:
        title = table.group_title(clean)
        raise UsageError(f"{clean} is already a NOC 2021 code ({title}); convert takes NOC 2016 codes")
    rows = table.from_2016(clean)
    if not rows:
        from rapidfuzz import process  # only for suggestions: not imported by every start
        from rapidfuzz.distance import OSA

        near = process.extract(clean, table.codes_2016(), scorer=OSA.distance, score_cutoff=1, limit=3)
        raise UsageError(f"unknown NOC 2016 code {clean}{did_you_mean_any([str(n[0]) for n in near])}")
    return Conversion(noc2016=clean, noc2016_title=rows[0].noc2016_title, rows=rows)


def explain_change(label: str) -> str:
    """The GSIM label in plain words, e.g. "part split off to another group; code changed; name changed"."""
    parts = []
    for key, words in CHANGE_WORDS.items():
        # Match "RC4.2" as a whole token; the source writes "RC5 VC1" without a comma once.
        if any(tok.strip(" ,-") == key for tok in label.replace(",", " ").split()) and words not in parts:
            parts.append(words)
    if "Transfer" in label and CHANGE_WORDS["RC5"] not in parts:
        parts.append(CHANGE_WORDS["RC5"])
    return "; ".join(parts) or label
