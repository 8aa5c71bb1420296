"""What the README and docs/ tell users, verified against what the program does (the audit of 2026-12-01,
audit14): the statements that held, each the other side of a fault of ``tests/test_audit14_doc_faults.py`` where
there is one.

Each test reads the doc's own words or figures where it can (``tests/test_audit14_support.py``); the law facts
(the CRS history and blocks) are compared with research crs.md by hand, in the test's docstring.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest

import eligibility
from eligibility import language
from eligibility.api import rules
from eligibility.declarations import declaration_keys
from eligibility.rulebook.bounds import FIELD_BOUNDS, KEY_BOUNDS
from tests.test_audit14_support import (
    AYESHA,
    CERTIFIED_COOK,
    COOK,
    MARRIED,
    PROFILES,
    ROOT,
    cli,
    cli_json,
    doc_line,
    doc_match,
    doc_text,
    wildcard,
    write_profile,
)


def test_readme_python_sample_prints_what_its_comments_say(monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's Python sample runs as shown and its first print is the commented 'eligible 2024-05-20'."""
    block = doc_match("README.md", r"```python\n(.*?)```", re.DOTALL).group(1)
    expected = re.search(r"print\(fsw\.verdict, fsw\.version\.valid_from\)\s+# (.+)", block)
    assert expected is not None
    monkeypatch.chdir(ROOT)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, "README.md", "exec"), {})  # the doc's own code, run as a reader would
    lines = printed.getvalue().splitlines()
    assert lines[0] == expected.group(1).strip()
    assert lines[1].startswith("outside-quebec pass ")


#: The README's command-line tour, less the lines that need the network, a server, StatCan's files or a caseload
#: (draws update, serve, noc match, batch, impact: checked in their own tests).
_OFFLINE = ("draws update", "noc match", "batch ", "impact ", "serve")


def _readme_commands() -> list[str]:
    block = doc_match("README.md", r"## The command line\n\n```sh\n(.*?)```", re.DOTALL).group(1)
    commands = [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]
    return [c for c in commands if not any(word in c for word in _OFFLINE)]


@pytest.mark.parametrize("command", _readme_commands())
def test_readme_command_runs_as_shown(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Each command of the README's tour runs as written (from a folder holding the example profiles), exit 0."""
    import shlex

    monkeypatch.chdir(tmp_path)
    (tmp_path / "profiles").symlink_to(PROFILES)
    argv = shlex.split(command)
    assert argv[0] == "eligibility"
    code, out, err = cli(argv[1:], capsys, monkeypatch)
    assert code == 0, err
    assert out.strip() or (tmp_path / "cook.html").exists()


def test_readme_and_profile_format_error_lines_are_the_printed_ones(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's two error lines, and docs/profile-format.md's other example lines, are printed word for word
    for a profile with those faults, with exit code 2 (the other side of the mistyped-NOC example)."""
    monkeypatch.chdir(tmp_path)
    Path("ayesha.yaml").write_text(
        "brith_date: 1990-01-01\nmarital_status: single\nwork:\n"
        "  - {noc: \"21231\", country: CA, start: 2020-01-01, end: 2021-01-01, hours_per_week: 40}\n"
        "  - {noc: \"21231\", country: CA, start: 2019-13-01, end: 2021-01-01, hours_per_week: 40}\n"
        "declarations: {crs_scor: 400, gts_referral: yes}\n", encoding="utf-8")
    code, _, err = cli(["evaluate", "ayesha.yaml", "--as-of", "2026-03-01"], capsys, monkeypatch)
    assert code == 2
    printed = err.splitlines()
    for doc, start in [("README.md", "ayesha.yaml: $.work[1].start:"), ("README.md", "ayesha.yaml: $.brith_date:"),
                       ("profile-format.md", "ayesha.yaml: $.declarations.crs_scor:"),
                       ("profile-format.md", "ayesha.yaml: $.declarations.gts_referral:")]:
        assert doc_line(doc, start) in printed


def test_results_md_example_condition_is_the_printed_one(capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/results.md's FSW skilled-work condition (Ayesha, 2025-06-01) has the printed hours, explanation,
    evidence and citation keys, and the result its schema and receipt."""
    data = cli_json(["evaluate", AYESHA, "--as-of", "2025-06-01"], capsys, monkeypatch)
    assert data["schema"] == doc_match("results.md", r'"schema": "([^"]+)"').group(1)
    fsw = next(p for p in data["programs"] if p["id"] == "express-entry/fsw")
    work = next(c for c in fsw["conditions"] if c["id"] == "skilled-work")
    assert work["observed"] == json.loads(doc_match("results.md", r'"observed": (\{[^}]*\})').group(1))
    assert wildcard(doc_match("results.md", r'"explanation": "([^"]*)"').group(1)).fullmatch(work["explanation"])
    said = json.loads(doc_match("results.md", r'"evidence": \[(\{[^}]*\})\]').group(1))
    assert {k: work["evidence"][0][k] for k in said} == said
    assert work["citations"] == json.loads(doc_match("results.md", r'"citations": (\["irpr#95c4952779"[^]]*\])')
                                           .group(1))
    assert fsw["message"] == doc_match("results.md", r'"message": "([^"]*)"').group(1)


def test_results_md_crs_example_sections_are_the_printed_ones(capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/results.md's CRS example (Ayesha, 2026-11-30): total 413 and every section as ``crs`` prints them, and
    the first rounds' last days (the other side of the ``why`` fault)."""
    data = cli_json(["crs", AYESHA, "--as-of", "2026-11-30"], capsys, monkeypatch)
    assert data["total"] == int(doc_match("results.md", r'"total": (\d+), "low"').group(1))
    for name in ("core", "spouse", "transferability", "additional"):
        shown = json.loads(doc_match("results.md", rf'"{name}": (\{{"subtotal"[^}}]*\}})').group(1))
        assert data["sections"][name] == shown
    assert data["spouse"] == doc_match("results.md", r'"spouse": "([^"]*)"').group(1)
    rounds = {t["type"]: t["last_round"] for t in data["rounds"]["types"]}
    for kind, day in re.findall(r'\{"type": "([^"]+)", "open": "eligible", "rounds": \[\], "last_round": "([^"]+)"',
                                doc_text("results.md")):
        assert rounds[kind] == day


def test_results_validate_against_the_shipped_schema(capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """``evaluate --format json`` (with --distance) validates against result-schema.json; ``crs --format json`` (with
    --improve) against its ``$defs/crs``; the citations table lists every key cited, in order of first citation."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "eligibility" / "data" / "result-schema.json").read_text(encoding="utf-8"))
    data = cli_json(["evaluate", MARRIED, "--as-of", "2026-11-30", "--distance"], capsys, monkeypatch)
    jsonschema.validate(data, schema)
    score = cli_json(["crs", COOK, "--as-of", "2026-11-30", "--improve"], capsys, monkeypatch)
    jsonschema.validate(score, {"$ref": "#/$defs/crs", "$defs": schema["$defs"]})
    assert {"improvements", "declines"} <= set(score["improve"])
    order: list[str] = []

    def cite(keys: list[str]) -> None:
        order.extend(k for k in keys if k not in order)

    def walk(conditions: list[dict[str, Any]]) -> None:
        for c in conditions:
            cite(c["citations"])
            walk(c["conditions"])

    for program in data["programs"]:
        for caveat in program["caveats"]:
            cite(caveat["citations"])
        walk(program["conditions"])
    for factor in data["crs"]["factors"]:
        cite(factor["citations"])
    for caveat in data["crs"]["caveats"]:
        cite(caveat.get("citations", []))
    assert order == list(data["citations"])


def test_plan_md_example_intervals_and_steps_are_the_printed_ones(capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/plan.md's JSON example: CEC's two intervals, its ``next`` and the first two CRS steps are what ``plan
    --format json`` prints, and the plan validates against plan-schema.json."""
    data = cli_json(["plan", COOK, "--from", "2026-01-01", "--until", "2029-01-01"], capsys, monkeypatch)
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(data, json.loads((ROOT / "eligibility" / "data" / "plan-schema.json").read_text("utf-8")))
    cec = next(p for p in data["programs"] if p["id"] == "express-entry/cec")
    text = doc_text("plan.md")
    intervals = [json.loads(m) for m in re.findall(r'(\{"from": "[\d-]+", "to": "[\d-]+", "verdict": "[a-z_]+",'
                                                   r'\s+"because": "[^"]*"\})', text)]
    assert cec["intervals"] == intervals
    assert {k: cec["next"][k] for k in ("eligible_from", "eligible_at_start", "blocking")} == json.loads(
        doc_match("plan.md", r'"next": (\{[^}]*\})').group(1))
    steps = [json.loads(m) for m in re.findall(r'(\{"from": "[\d-]+", "to": "[\d-]+", "low": \d+.*?\})', text,
                                              re.DOTALL)]
    assert data["crs"][:len(steps)] == steps and len(steps) == 2


def test_evaluate_says_a_program_is_as_current_as_its_least_recently_read_source() -> None:
    """The rules-checked caveat of category/healthcare on 2026-11-30 names the earliest ``checked`` of its sources
    (docs/ruleset-language.md, 'When the rules were checked'): the other side of the plan's latest date."""
    program = rules().programs["category/healthcare"]
    earliest = min(s.checked for s in program.sources)
    result = eligibility.evaluate(COOK, "2026-11-30", programs=["category/healthcare"], with_crs=False)
    caveat = next(c for c in result.programs[0].caveats if c.condition == "rules-checked")
    assert caveat.says.startswith(f"rules as checked on {earliest};")


def test_plan_md_distance_example_other_lines_are_the_printed_ones(capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/plan.md's distance example (cook, 2026-03-01): the FSW grid and funds lines and the healthcare line
    are printed as shown (``...`` standing for text left out)."""
    code, out, _ = cli(["evaluate", COOK, "--as-of", "2026-03-01", "--distance"], capsys, monkeypatch)
    assert code == 0
    printed = [line.strip() for line in out.splitlines()]
    for start in ("- selection-grid:", "- settlement-funds:", "- experience: the occupation is not on"):
        pattern = wildcard(doc_line("plan.md", start))
        assert any(pattern.fullmatch(line) for line in printed), start


def test_batch_records_are_the_documented_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/batch.md: a bad date on line 4 gives the example's error record (with ``errors``), a blank line is no
    row, a good row's record has line, id, verdicts, crs and result, --verdicts-only writes that line less its
    result byte for byte, the summary has the documented header, and the exit code is 2."""
    good = json.dumps({"id": "A-17", "birth_date": "1990-01-01", "marital_status": "single"})
    source = tmp_path / "clients.jsonl"
    source.write_text(f"{good}\n  \n{good}\n" + '{"birth_date": "1990-13-01"}\n', encoding="utf-8")
    out, summary = tmp_path / "results.jsonl", tmp_path / "summary.csv"
    argv = ["batch", source, "--as-of", "2026-11-30", "--workers", "1"]
    code, _, _ = cli([*argv, "--out", out, "--summary", summary], capsys, monkeypatch)
    assert code == 2
    bad = json.loads((tmp_path / "results.errors.jsonl").read_text(encoding="utf-8"))
    example = doc_match("batch.md", r'"error": "(line\s+4: [^`]*?\\"1990-13-01\\")"').group(1)
    assert bad["line"] == 4 and bad["error"] == re.sub(r"\s+", " ", example).replace('\\"', '"')
    assert bad["errors"] == [bad["error"]]
    lines = out.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert [r["line"] for r in map(json.loads, lines)] == [1, 3]
    assert list(first) == ["line", "id", "verdicts", "crs", "result"] and first["id"] == "A-17"
    assert summary.read_text(encoding="utf-8").splitlines()[0] == doc_match(
        "batch.md", r"CSV \(`(program,eligible[a-z_,]*)`\)").group(1)
    verdicts = tmp_path / "verdicts.jsonl"
    cli([*argv, "--out", verdicts, "--verdicts-only"], capsys, monkeypatch)
    first.pop("result")
    assert verdicts.read_text(encoding="utf-8").splitlines()[0] == json.dumps(first, separators=(",", ":"),
                                                                              ensure_ascii=False)


def _client() -> Any:
    pytest.importorskip("fastapi")
    from eligibility.server.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(create_app())


def test_http_endpoints_are_the_documented_ones() -> None:
    """Every route of the service is in docs/http.md's table, and every path of the table is a route; a plan of
    exactly 10 years (2026-01-01 to 2036-01-01) is answered (the other side of the 10-year bound)."""
    client = _client()
    rows = re.findall(r"^\| (`(?:GET|POST)[^|]*)\|", doc_text("http.md"), re.MULTILINE)
    documented = {(method, path.split("?")[0]) for row in rows
                  for methods, path in re.findall(r"`((?:(?:GET|POST) ?)+)([^`?]*)[^`]*`", row)
                  for method in methods.split() if path}
    documented |= {(m, p) for row in rows for m, p in re.findall(r"(GET|POST) (/[^`?,]*)", row)}
    routes = {(method, r.path.replace("{program_id:path}", "{id}"))
              for r in client.app.fastapi.routes for method in (getattr(r, "methods", None) or ())
              if method != "HEAD" and not r.path.startswith(("/static", "/docs/oauth2"))}
    assert routes == {(m, p.strip()) for m, p in documented}
    answer = client.post("/v1/plan", json={"profile": {"birth_date": "1990-01-01", "marital_status": "single"},
                                           "from": "2026-01-01", "until": "2036-01-01",
                                           "programs": ["express-entry/cec"]})
    assert answer.status_code == 200


def test_the_report_from_python_is_eligibility_report() -> None:
    """``eligibility.report(profile, as_of, fmt="markdown")`` returns the Markdown report (the function the README
    and docs/report.md name)."""
    assert eligibility.report(COOK, "2026-03-01", fmt="markdown").startswith("# Eligibility of Marco Rossi")


def test_bad_options_are_refused_in_one_line_with_exit_code_2(capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad date, an unknown program and an unknown engine each give one line on standard error and exit 2."""
    for extra in (["--as-of", "2025-13-01"], ["--program", "x/y"], ["--engine", "durabel"]):
        code, out, err = cli(["evaluate", COOK, *extra], capsys, monkeypatch)
        assert (code, out, len(err.splitlines())) == (2, "", 1), extra
    assert err.strip() == doc_line("engines.md", "unknown engine 'durabel'")


def test_language_tests_md_samples_give_what_their_comments_say() -> None:
    """docs/language-tests.md's code sample: the levels and the 'did you mean' message are those commented."""
    import datetime as dt

    assert language.levels("ielts_general", {"reading": 7.5, "writing": 6.0, "listening": 9.0, "speaking": 3.0}) \
        == {"reading": 9, "writing": 7, "listening": 10, "speaking": 3}
    assert language.test_kind("pte_core").level("writing", 88) == 9
    assert language.levels("tef_canada", {"writing": 440}, dt.date(2025, 1, 15)) == {"writing": 7}
    said = doc_match("language-tests.md", r'test_kind\("ielts_generl"\)\s+# ValueError: (.*)').group(1)
    with pytest.raises(ValueError, match=re.escape(said)):
        language.test_kind("ielts_generl")


def _versions(doc: str, program: str) -> list[tuple[str, str | None]]:
    row = doc_line(doc, f"| `{program}` |")
    return [(a, None if b == "open" else b)
            for a, b in re.findall(r"\[(\d{4}-\d\d-\d\d), (\d{4}-\d\d-\d\d|open)\)", row.split("|")[2])]


@pytest.mark.parametrize(("doc", "program"), [
    ("programs/express-entry.md", "express-entry/fsw"), ("programs/express-entry.md", "express-entry/fst"),
    *[("programs/global-talent-and-provinces.md", p) for p in (
        "gts/category-a", "gts/category-b", "gss/two-week", "quebec/ai-pilot", "quebec/it-vfx-pilot",
        "ontario/hcp-tech", "bc/pnp-tech", "alberta/accelerated-tech")]])
def test_programs_docs_list_the_encoded_versions(doc: str, program: str) -> None:
    """The versions of a program in its docs/programs page are those of its ruleset (the other side of CEC)."""
    expected = [(v.valid_from.isoformat(), v.valid_to.isoformat() if v.valid_to else None)
                for v in rules().programs[program].versions]
    assert _versions(doc, program) == expected


def test_every_other_option_of_every_command_is_described_in_help() -> None:
    """Every option and argument of every command has a help text (``diff --program`` included)."""
    import typer

    from eligibility.cli import app

    missing = []

    def walk(command: Any, path: list[str], context: Any) -> None:
        if hasattr(command, "list_commands"):
            for name in command.list_commands(context):
                walk(command.get_command(context, name), [*path, name], context)
        missing.extend(f"{' '.join(path)} {p.name}" for p in command.params if not getattr(p, "help", None))

    group = typer.main.get_command(app)
    walk(group, ["eligibility"], group.context_class(group))
    assert missing == []


def test_profile_schema_validates_the_example_profiles(capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example profile, and the TOML spelling "none" of job_offer, spouse and eca, validate against
    ``eligibility schema`` (the other side of the unquoted NOC code)."""
    jsonschema = pytest.importorskip("jsonschema")
    from eligibility.documents import read_document

    code, out, _ = cli(["schema"], capsys, monkeypatch)
    assert code == 0
    validator = jsonschema.Draft202012Validator(json.loads(out), format_checker=jsonschema.FormatChecker())
    for path in sorted(PROFILES.glob("*.yaml")):
        data = json.loads(json.dumps(read_document(path), default=lambda d: d.isoformat()))
        assert list(validator.iter_errors(data)) == [], path.name
    none = {"birth_date": "1990-01-01", "marital_status": "single", "job_offer": "none", "spouse": "none",
            "education": [{"level": "bachelors", "country": "IN", "eca": "none"}]}
    assert list(validator.iter_errors(none)) == []
    job = {"noc": "21231", "country": "CA", "start": "2020-01-01", "end": None, "hours_per_week": 40}
    assert list(validator.iter_errors({**none, "work": [job]})) == []


def test_ruleset_language_md_bounds_table_is_the_checked_one() -> None:
    """Each field docs/ruleset-language.md's bounds table names is bounded as it says (1 to 1,200 months, 0 to
    168 hours a week, CLB 0 to 12, points 0 to 10,000, table keys): the other side of the wage bounds."""
    text = doc_text("ruleset-language.md")

    def bounds(row_start: str) -> tuple[float, float]:
        found = re.search(rf"^\| {re.escape(row_start)}.*\| (\d[\d,]*) to (\d[\d,]*) \|$", text, re.MULTILINE)
        assert found is not None, row_start
        return float(found.group(1).replace(",", "")), float(found.group(2).replace(",", ""))

    for field in ("window_months", "max_age_months", "eca_max_age_months", "completed_within_months",
                  "current_employer_window_months", "spouse_test_max_age_months", "test_valid_months",
                  "eca_valid_months", "work_window_months"):
        assert FIELD_BOUNDS[field] == bounds("`window_months`")
    assert FIELD_BOUNDS["min_duration_months"] == bounds("`min_duration_months`")
    assert FIELD_BOUNDS["min_hours"] == (0, 1_000_000) and FIELD_BOUNDS["min_hours_per_week"] == (0, 168)
    for field in ("reading", "writing", "listening", "speaking", "spouse_language_min_level"):
        assert FIELD_BOUNDS[field] == bounds("CLB levels")
    for field in ("pass_mark", "points", "max"):
        assert FIELD_BOUNDS[field] == bounds("points")
    assert KEY_BOUNDS == {"ages": (0, 150), "first_language": (0, 12), "years": (0, 100), "amounts": (1, 100),
                          "minimum_by_teer": (0, 5)}


def test_a_crs_factor_left_a_range_by_a_missing_test_names_it() -> None:
    """A CRS factor whose range comes from a fact of the profile names its path (``$.language_tests`` for the
    missing tests of profiles/missing-information.yaml): the other side of the spouse's ranges."""
    data = eligibility.to_data(eligibility.crs(PROFILES / "missing-information.yaml", "2026-11-30", rounds=False))
    factors = {f["id"]: f for f in data["factors"]}
    assert factors["core.first_language"]["points"] is None
    assert (factors["core.first_language"]["low"], factors["core.first_language"]["high"]) == (0, 136)
    assert factors["core.first_language"]["settled_by"] == ["$.language_tests"]
    assert factors["additional.nomination"]["settled_by"] == ["$.provincial_nomination"]


def test_crs_md_history_is_the_ruleset_versions() -> None:
    """docs/crs.md's history table has one row per version of the CRS ruleset, each from its first day: 2015-01-01,
    2015-01-30, 2016-11-19, 2017-06-06, 2017-10-24, 2020-10-27, 2022-07-28, 2022-11-16, 2025-03-25 (research
    crs.md, 'CRS history', less its rows of no change to the score or its counting: 2023-05-31, 2024-08-09)."""
    history = doc_match("crs.md", r"## History.*?\n\n(.*?)\n\n", re.DOTALL).group(1)
    days = re.findall(r"^\| (\d{4}-\d\d-\d\d) \|", history, re.MULTILINE)
    crs = rules().crs["crs"]
    assert days == [v.valid_from.isoformat() for v in crs.versions]
    assert days == ["2015-01-01", "2015-01-30", "2016-11-19", "2017-06-06", "2017-10-24", "2020-10-27",
                    "2022-07-28", "2022-11-16", "2025-03-25"]


def test_crs_md_block_maxima_are_the_scored_ones() -> None:
    """docs/crs.md's blocks (research crs.md, 'Structure and caps'): core 460 with an accompanying spouse and 500
    without, spouse 40 and none, transferability 100, additional 600, out of 1,200 both ways."""
    single = eligibility.to_data(eligibility.crs(AYESHA, "2026-11-30", rounds=False))
    couple = eligibility.to_data(eligibility.crs(MARRIED, "2026-11-30", rounds=False))
    assert couple["with_spouse"] and not single["with_spouse"]
    assert {k: v["max"] for k, v in couple["sections"].items()} == {
        "core": 460, "spouse": 40, "transferability": 100, "additional": 600}
    assert {k: v["max"] for k, v in single["sections"].items()} == {
        "core": 500, "spouse": 0, "transferability": 100, "additional": 600}
    assert single["max"] == couple["max"] == 1200


def test_profile_format_md_declarations_are_the_keys_the_rules_read() -> None:
    """docs/profile-format.md's table of declaration keys lists every key the rules read, each with the programs
    that read it and the kind of value compared (equals true / false, number, judgement)."""
    table = {}
    section = doc_text("profile-format.md").split("Keys read by the rulesets:", 1)[1]
    for key, programs, kind in re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|", section, re.MULTILINE):
        table[key] = (programs, kind)
    read = declaration_keys(rules())
    assert sorted(table) == sorted(read)
    from eligibility.rulebook.model import JudgementCondition
    from eligibility.rulebook.tree import walk
    judged = {cond.key for program in rules().programs.values() for version in program.versions
              for cond, _ in walk(version.conditions, "") if isinstance(cond, JudgementCondition)}
    for key, kind in read.items():
        said = table[key][1]
        if key in judged:
            # A judgement key takes true or false only (a text "no" would otherwise pass it).
            assert said.startswith("judgement: true or false") and kind == "boolean", key
            continue
        expected = {"boolean": "equals", "number": "number", "any": "judgement"}[kind]
        assert said.startswith(expected) or (kind == "any" and "equals true / false" in said), key


def test_draws_md_facts_of_the_bundled_table() -> None:
    """docs/draws.md: 445 rounds, 76 without a tie-break time, the last 'No Program Specified' round #268 of
    2023-10-10 and the first 'General' #272 of 2023-12-06, known up to 2026-09-16."""
    table = eligibility.rounds_table()
    rounds = table.rounds
    assert len(rounds) == int(doc_match("draws.md", r"snapshot of IRCC's feed \(`[^`]+`: (\d+) rounds").group(1))
    assert sum(1 for r in rounds if r.tie_break is None) == int(
        doc_match("draws.md", r"`null` when IRCC published none \((\d+) early rounds\)").group(1))
    unnamed = max((r for r in rounds if r.name.startswith("No Program")), key=lambda r: r.date)
    general = min((r for r in rounds if r.name == "General"), key=lambda r: r.date)
    said = doc_match("draws.md", r"until round #(\d+) of ([\d-]+); the first \"General\" round is #(\d+) of ([\d-]+)")
    assert (unnamed.number, unnamed.date.isoformat(), general.number, general.date.isoformat()) == said.groups()



def test_evaluate_text_says_why_fst_fails_for_a_certified_cook(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A program failing by a leaf says so in the default text: the certified cook's FST on 2025-01-01 shows the
    test not yet taken, and nothing about an offer (the other side of GTS Category A's silent section)."""
    code, out, _ = cli(["evaluate", write_profile(tmp_path, CERTIFIED_COOK), "--as-of", "2025-01-01", "--program",
                        "express-entry/fst"], capsys, monkeypatch)
    assert code == 0
    section = out.split("Federal Skilled Trades: not eligible", 1)[1].split("\n\n", 1)[0]
    assert "\u2718 no valid test: CELPIP-General of 2025-09-20: taken 2025-09-20, after the as-of date" in section
    assert "offer" not in section


def test_distance_asks_for_a_certificate_or_an_offer_when_neither_is_held() -> None:
    """With neither a certificate nor an offer (the example cook on 2026-03-01), FST's distance names both, since
    either would do (the other side of the certified cook, who needs no offer)."""
    found = eligibility.distance(COOK, "2026-03-01", ["express-entry/fst"])
    conditions = [g.condition for g in found[0].gaps]
    assert "certificate-or-offer/certificate" in conditions and "certificate-or-offer/job-offer" in conditions


def test_plan_cause_of_the_first_interval_names_the_test() -> None:
    """The certified cook's plan: FST fails on 2025-01-01 for want of a valid test and is eligible from the day
    the test is taken, 2025-09-20 (IRPR s. 87.2(3): the certificate stands for the offer)."""
    found = eligibility.plan(eligibility.profile_from_data(CERTIFIED_COOK), "2025-01-01", "2028-01-01",
                             programs=["express-entry/fst"])
    first, second = found.programs[0].intervals[:2]
    assert "no valid test result in the language required" in first.because
    assert (second.start.isoformat(), second.verdict) == ("2025-09-20", "eligible")


def test_occupations_lists_gts_b_for_a_code_on_its_list(capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """``occupations 21231``: Category B's listed-occupation condition includes 21231 (the Global Talent
    Occupations List, research programs.md 4.2), and CEC and FSW include it by TEER 1 (the other side of the
    Category A exclusion shown as an inclusion)."""
    data = cli_json(["occupations", "21231", "--as-of", "2026-03-01"], capsys, monkeypatch)
    found = {(e["program"], e["condition"]): e["how"] for e in data["programs"]}
    assert found[("gts/category-b", "listed-occupation")] == "listed"
    assert found[("express-entry/cec", "canadian-work")] == found[("express-entry/fsw", "skilled-work")] == "by TEER"


def test_plan_md_example_of_a_new_funds_table_is_the_printed_one() -> None:
    """docs/plan.md's cause of a new funds table is what the plan prints on 2025-07-07 for Ayesha with $15,000,
    eligible for FSW under the 2024 table ($14,690 for 1) and not under the 2025 one ($15,263; research
    programs.md 1.1): the other side of the stale closing example."""
    example = doc_match("plan.md", r"\| a new funds table \| `([^`]+)` \|").group(1)
    person = eligibility.what_if(AYESHA, {"funds_cad": 15000})
    fsw = eligibility.plan(person, "2025-06-01", "2026-12-01", programs=["express-entry/fsw"]).programs[0]
    (first, second) = fsw.intervals
    assert (first.verdict, second.start.isoformat(), second.verdict) == ("eligible", "2025-07-07", "not_eligible")
    assert second.because.endswith(example)
