"""Load a profile file (YAML, JSON or TOML) into a Profile, reporting every problem at once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from eligibility.converter import structure
from eligibility.documents import parse_text, read_document
from eligibility.errors import InputError, Problem
from eligibility.language import TESTS
from eligibility.noc import noc_table
from eligibility.profile.model import Certificate, JobOffer, LanguageTest, Profile, Spouse, WorkEntry
from eligibility.suggest import did_you_mean_any
from eligibility.unknown import known

_COUNTRY = re.compile(r"^[A-Z]{2}$")


def load_profile(path: str | Path) -> Profile:
    """Read and check a profile file; raise InputError naming every problem with its field path."""
    path = Path(path)
    return profile_from_data(read_document(path), str(path))


def profile_from_text(text: str, kind: str, source: str = "<profile>") -> Profile:
    """Parse profile text of the given kind (yaml, json or toml)."""
    return profile_from_data(parse_text(text, kind, source), source)


def profile_from_data(data: Any, source: str = "<profile>") -> Profile:
    """Structure plain data into a Profile, convert NOC 2016 codes, and check what types cannot."""
    profile = structure(data, Profile, source)
    profile, problems = _resolve_noc_2016(profile, source)
    problems += list(_check(profile, source))
    if problems:
        raise InputError(problems)
    return profile


def _resolve_noc_2016(profile: Profile, source: str) -> tuple[Profile, list[Problem]]:
    problems: list[Problem] = []

    def resolve(item: Any, path: str) -> Any:
        code = getattr(item, "noc_2016", None)
        if code is None:
            return item
        rows = noc_table().from_2016(code)
        targets = sorted({r.noc2021 for r in rows})
        if item.noc is not None:
            # Both may be written (a converted profile keeps the NOC 2016 code as evidence) if they agree.
            if item.noc not in targets:
                problems.append(Problem(source, f"{path}.noc", f"expected a NOC 2021 successor of NOC 2016 {code} "
                                                               f"({', '.join(targets) or 'none'}), found {item.noc!r}"))
            return item
        if not targets:
            problems.append(Problem(source, f"{path}.noc_2016",
                                    f"expected a NOC 2016 unit group code, found {code!r}"))
            return item
        if len(targets) > 1:
            options = ", ".join(f"{r.noc2021} {r.noc2021_title}" for r in rows)
            problems.append(Problem(
                source, f"{path}.noc_2016",
                f"NOC 2016 {code} was split in NOC 2021 into {options}; choose the one that matches the "
                f"duties and write it as noc"))
            return item
        return attrs.evolve(item, noc=targets[0])

    def resolve_work(work: Any, path: str) -> Any:
        if not known(work):
            return work
        return tuple(resolve(w, f"{path}[{i}]") for i, w in enumerate(work))

    changes: dict[str, Any] = {"work": resolve_work(profile.work, "$.work")}
    if isinstance(profile.job_offer, JobOffer):
        changes["job_offer"] = resolve(profile.job_offer, "$.job_offer")
    if isinstance(profile.spouse, Spouse):
        changes["spouse"] = attrs.evolve(profile.spouse, work=resolve_work(profile.spouse.work, "$.spouse.work"))
    return attrs.evolve(profile, **changes), problems


def _check_code(code: str | None, path: str, source: str) -> Iterator[Problem]:
    if code is None:
        return
    table = noc_table()
    if code not in table:
        tip = did_you_mean_any(table.suggest(code))
        yield Problem(source, path, f"expected a NOC 2021 unit group code (5 digits), found {code!r}{tip}")


def _check_work(work: tuple[WorkEntry, ...], path: str, source: str) -> Iterator[Problem]:
    for i, w in enumerate(work):
        at = f"{path}[{i}]"
        yield from _check_code(w.noc, f"{at}.noc", source)
        if w.end is not None and w.end < w.start:
            yield Problem(source, f"{at}.end", f"expected a date on or after start {w.start}, found {w.end}")
        if not 0 < w.hours_per_week <= 168:
            yield Problem(source, f"{at}.hours_per_week",
                          f"expected hours between 0 and 168, found {w.hours_per_week:g}")
        if not _COUNTRY.match(w.country):
            yield Problem(source, f"{at}.country",
                          f"expected an ISO 3166 two-letter country code such as CA, found {w.country!r}")
        if w.country != "CA" and w.province is not None:
            yield Problem(source, f"{at}.province", "a province is only for work in Canada (country: CA)")


def _check_tests(tests: tuple[LanguageTest, ...], path: str, source: str) -> Iterator[Problem]:
    for i, t in enumerate(tests):
        kind = TESTS[t.test]
        if t.result_date is not None and t.result_date < t.taken:
            yield Problem(source, f"{path}[{i}].result_date",
                          f"expected a date on or after the test date {t.taken}, found {t.result_date}")
        scale = kind.scale_on(t.taken)  # each scale covers every date, so a test date always has one
        for ability in ("listening", "reading", "writing", "speaking"):
            why = scale.valid_score(ability, getattr(t, ability))
            if why:
                yield Problem(source, f"{path}[{i}].{ability}",
                              f"expected {why} for {kind.name}, found {getattr(t, ability):g}")


def _check(profile: Profile, source: str) -> Iterator[Problem]:
    if known(profile.work):
        yield from _check_work(profile.work, "$.work", source)
    if known(profile.language_tests):
        yield from _check_tests(profile.language_tests, "$.language_tests", source)
    if known(profile.education):
        for i, e in enumerate(profile.education):
            if not _COUNTRY.match(e.country):
                yield Problem(source, f"$.education[{i}].country",
                              f"expected an ISO 3166 two-letter country code such as CA, found {e.country!r}")
    if isinstance(profile.job_offer, JobOffer):
        yield from _check_code(profile.job_offer.noc, "$.job_offer.noc", source)
    if known(profile.certificates_of_qualification):
        certs: tuple[Certificate, ...] = profile.certificates_of_qualification
        for i, c in enumerate(certs):
            yield from _check_code(c.noc, f"$.certificates_of_qualification[{i}].noc", source)
    if known(profile.children) and profile.children < 0:
        yield Problem(source, "$.children", f"expected 0 or more, found {profile.children}")
    if profile.family_size is not None and profile.family_size < 1:
        yield Problem(source, "$.family_size", f"expected 1 or more, found {profile.family_size}")
    if known(profile.funds_cad) and profile.funds_cad < 0:
        yield Problem(source, "$.funds_cad", f"expected 0 or more, found {profile.funds_cad:g}")
    if isinstance(profile.spouse, Spouse):
        if known(profile.spouse.work):
            yield from _check_work(profile.spouse.work, "$.spouse.work", source)
        if known(profile.spouse.language_tests):
            yield from _check_tests(profile.spouse.language_tests, "$.spouse.language_tests", source)
        if known(profile.marital_status) and profile.marital_status not in ("married", "common_law"):
            yield Problem(source, "$.spouse",
                          f"a spouse is given but marital_status is {profile.marital_status}; "
                          f"expected married or common_law")
