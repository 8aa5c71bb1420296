"""What a NOC code opens on a date: Express Entry skilled status and the programs whose rules include it."""

from __future__ import annotations

import datetime as dt

from eligibility.noc.show import Section


def opens_section(code: str, day: dt.date) -> Section:
    """A `noc show` section listing, for ``day``, the programs whose occupation rules include ``code``."""
    from eligibility.api import rules
    from eligibility.listings import occupation_text

    lines = occupation_text(rules(), code, day).splitlines()[1:]
    return Section(f"What {code} opens on {day}", tuple(line.strip() for line in lines))
