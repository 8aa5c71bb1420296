"""audit10: bad profiles through every command that reads one (evaluate, crs, plan, report, evaluate --distance,
diff): exit code 2, one printable line per problem naming the file, the field path, what was expected and what
was found, every problem at once, bounded time and memory, never a traceback.

The expected lines are the documented form (docs/profile-format.md, "Errors" and "Limits"), written out by hand
for each input; the faults found are pinned with strict expected failures.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import run_cli

ROOT = Path(__file__).resolve().parents[1]
COOK = ROOT / "profiles" / "cook-in-canada.yaml"
DAY = "2026-03-01"

#: Each command that reads one profile file, with the arguments that follow the file.
COMMANDS: dict[str, list[str]] = {
    "evaluate": ["evaluate", "{f}", "--as-of", DAY],
    "crs": ["crs", "{f}", "--as-of", DAY],
    "plan": ["plan", "{f}", "--from", DAY, "--until", "2026-06-01", "-p", "express-entry/cec"],
    "report": ["report", "{f}", "--as-of", DAY, "-f", "markdown"],
    "distance": ["evaluate", "{f}", "--as-of", DAY, "--distance", "-p", "express-entry/cec"],
    "diff": ["diff", "{f}", "--as-of", DAY, "--as-of", "2026-06-01"],
}


def _run(command: str, path: Path, capsys: pytest.CaptureFixture[str],
         monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, list[str]]:
    """One command on one file, in process: exit code, standard output, and the lines of standard error."""
    argv = [a.replace("{f}", str(path)) for a in COMMANDS[command]]
    code, out, err = run_cli(argv, capsys, monkeypatch)
    return code, out, err.splitlines()


def _clean(lines: list[str], path: Path) -> None:
    """Every line is printable, names the file first, and no traceback was printed."""
    assert lines
    for line in lines:
        assert "Traceback" not in line
        assert line.isprintable(), line
        assert line.startswith(f"{path}: "), line


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# Each bad input, with every line its error must hold after "FILE: " (written by hand from the documented form).
BAD: dict[str, tuple[str, str | bytes, list[str]]] = {
    "impossible and malformed dates": (
        "dates.yaml",
        "birth_date: 2026-02-30\nwork:\n  - {noc: \"63200\", country: CA, start: 2026-13-01, end: yesterday, "
        "hours_per_week: 40}\n",
        ['$.birth_date: expected a date YYYY-MM-DD, found "2026-02-30"',
         '$.work[0].start: expected a date YYYY-MM-DD, found "2026-13-01"',
         '$.work[0].end: expected a date YYYY-MM-DD, found "yesterday"']),
    "out of order and impossible facts, all at once": (
        "facts.yaml",
        "birth_date: 1990-01-01\nchildren: 31\nfunds_cad: -1\nwork:\n"
        "  - {noc: \"63200\", country: CA, start: 2020-01-01, end: 2019-01-01, hours_per_week: 40}\n"
        "  - {noc: \"63200\", country: CA, start: 1980-01-01, end: 2019-01-01, hours_per_week: 200}\n"
        "language_tests:\n  - {test: ielts_general, taken: 1980-01-01, listening: 9, reading: 9, writing: 9, "
        "speaking: 9}\n",
        ["$.children: expected 0 to 30, found 31",
         "$.funds_cad: expected 0 or more, found -1",
         "$.work[0].end: expected a date on or after start 2020-01-01, found 2019-01-01",
         "$.work[1].start: expected a date on or after birth_date 1990-01-01 (work before birth), found 1980-01-01",
         "$.work[1].hours_per_week: expected hours a week above 0 and at most 120 (a week has 168; more than 120 "
         "is not plausible), found 200",
         "$.language_tests[0].taken: expected a date on or after birth_date 1990-01-01 for a test taken, "
         "found 1980-01-01"]),
    "a NOC code that lost its last digit": (
        "noc.yaml",
        "work:\n  - {noc: \"6320\", country: CA, start: 2020-01-01, end: 2021-01-01, hours_per_week: 40}\n",
        ["$.work[0].noc: expected a NOC 2021 unit group code (5 digits), found '6320'; did you mean 63200 or "
         "63201 or 63202?"]),
    "an empty file": ("empty.yaml", "", ["$: expected a mapping of keys to values, found null"]),
    "Latin-1 bytes": ("latin.yaml", b"name: \"Jos\xe9\"\n", ["$: expected UTF-8 text, found undecodable bytes at "
                                                              "byte 10"]),
    "a NUL byte": ("nul.yaml", b"name: a\x00b\n", ["line 1: not valid YAML: special characters are not allowed "
                                                   "(U+0000)"]),
    "an escape and a bidi override in a value": (
        "ansi.yaml", 'marital_status: "sin\\e[31mgle\\u202e"\n',
        ['$.marital_status: expected one of single, married, common_law, separated, divorced, widowed, found '
         '"sin\\u001b[31mgle\\u202e"; did you mean \'single\'?']),
    "JSON NaN and Infinity": ("nan.json", '{"funds_cad": NaN, "children": Infinity}',
                              ["$.funds_cad: expected a finite number, found nan",
                               "$.children: expected a finite number, found inf"]),
    "a JSON key twice": ("twice.json", '{"name": "a", "name": "b"}',
                         ["$.name: duplicate key: a key may appear only once in a mapping"]),
    "a TOML date and time with a zone": (
        "zone.toml", "birth_date = 1990-01-01T10:00:00+05:00\n",
        ["$.birth_date: expected a date YYYY-MM-DD, found a date and time 1990-01-01T10:00:00+05:00"]),
    "a TOML key twice": ("twice.toml", 'name = "x"\nname = "y"\n',
                         ["line 2: not valid TOML: Cannot overwrite a value (column 11)"]),
    "a billion laughs": (
        "laughs.yaml",
        "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n",
        ["$: expected at most 100,000 values in a file, found more"]),
    "deep nesting": ("deep.json", '{"declarations": ' + "[" * 40 + "]" * 40 + "}",
                     ["line 1: expected at most 32 levels of nesting, found more"]),
    "a list for the profile": ("list.json", "[1, 2]", ["$: expected a mapping of keys to values, found a list"]),
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", list(BAD))
def test_every_command_gives_the_same_lines_for_a_bad_file(case: str, command: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Each command that reads a profile refuses each bad file with exit code 2 and exactly the lines written
    out by hand (file, field path, expected, found), printable, with no traceback."""
    name, content, lines = BAD[case]
    path = _write(tmp_path, name, content)
    code, _, err = _run(command, path, capsys, monkeypatch)
    assert code == 2
    _clean(err, path)
    assert sorted(err) == sorted(f"{path}: {line}" for line in lines)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_missing_file_and_a_folder_are_named(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that does not exist is one line naming it; a folder holding a bad file names that file."""
    missing = tmp_path / "missing.yaml"
    code, _, err = _run(command, missing, capsys, monkeypatch)
    assert (code, err) == (2, [f"{missing}: $: file not found"])


@pytest.mark.parametrize("command", ["plan", "diff"])
def test_a_folder_given_for_one_file_is_named(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """plan and diff read one file: a folder named x.yaml is refused in one line naming it."""
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    code, _, err = _run(command, folder, capsys, monkeypatch)
    assert (code, err) == (2, [f"{folder}: $: expected a regular file, found a folder"])


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_a_byte_order_mark_is_read_as_text(suffix: str, tmp_path: Path) -> None:
    """A UTF-8 byte order mark at the start of a file is skipped, not refused: the profile reads as without it."""
    import eligibility

    body = "name: Bom\nmarital_status: single\n" if suffix == "yaml" else '{"name": "Bom", "marital_status": "single"}'
    path = _write(tmp_path, f"bom.{suffix}", b"\xef\xbb\xbf" + body.encode())
    profile = eligibility.load_profile(path)
    assert (profile.name, profile.marital_status) == ("Bom", "single")


def _limited() -> None:
    """A child process of at most 1 GiB of address space."""
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.parametrize("name", ["laughs.yaml", "deep.json", "keys.yaml"])
def test_hostile_files_end_within_bounds(name: str, tmp_path: Path) -> None:
    """The billion laughs, deep brackets, and 9,000 near-miss keys in a 150 KB file each end in exit code 2
    within 60 s under a 1 GiB address-space limit, with bounded printable lines."""
    if name == "keys.yaml":
        path = _write(tmp_path, name, "".join(f"birth_dat{i}: 1\n" for i in range(9000)))
    else:
        path = _write(tmp_path, name, BAD["a billion laughs" if name == "laughs.yaml" else "deep nesting"][1])
    run = subprocess.run([sys.executable, "-m", "eligibility", "evaluate", str(path), "--as-of", DAY],
                         capture_output=True, text=True, timeout=60, preexec_fn=_limited, cwd=ROOT)
    assert run.returncode == 2
    lines = run.stderr.splitlines()
    _clean(lines, path)
    assert all(len(line) <= 1300 for line in lines)
    if name == "keys.yaml":
        assert len(lines) == 9000 and lines[0] == f"{path}: $.birth_dat0: unknown key; did you mean 'birth_date'?"


# --- faults -------------------------------------------------------------------------------------------------


def test_a_bad_entry_does_not_hide_the_problems_of_the_other_entries(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A malformed date in work[0] is reported with work[1]'s bad code and end before start, and a bad score of
    language_tests[1] and education[1]'s completion before birth with education[0]'s wrong years."""
    path = _write(tmp_path, "lists.yaml",
                  "birth_date: 1990-01-01\nwork:\n"
                  "  - {noc: \"63200\", country: CA, start: 2020-13-01, end: 2021-01-01, hours_per_week: 40}\n"
                  "  - {noc: \"6320\", country: CA, start: 2020-01-01, end: 2019-01-01, hours_per_week: 40}\n"
                  "language_tests:\n"
                  "  - {test: celpip_general, taken: 2025-01-01, listening: 9, reading: 9, writing: 9, speaking: 9, "
                  "scroe: 1}\n"
                  "  - {test: ielts_general, taken: 2025-01-01, listening: 10, reading: 9, writing: 9, speaking: 9}\n"
                  "education:\n  - {level: bachelors, country: CA, completed: 2012-06-30, years: three}\n"
                  "  - {level: bachelors, country: IT, completed: 1980-06-30}\n")
    code, _, err = _run("evaluate", path, capsys, monkeypatch)
    assert code == 2
    _clean(err, path)
    assert set(err) >= {f"{path}: {line}" for line in [
        '$.work[0].start: expected a date YYYY-MM-DD, found "2020-13-01"',
        "$.work[1].noc: expected a NOC 2021 unit group code (5 digits), found '6320'; did you mean 63200 or 63201 "
        "or 63202?",
        "$.work[1].end: expected a date on or after start 2020-01-01, found 2019-01-01",
        "$.language_tests[0].scroe: unknown key",
        "$.language_tests[1].listening: expected a band score from 0 to 9 in steps of 0.5 for IELTS General "
        "Training, found 10",
        '$.education[0].years: expected a whole number, found "three"',
        "$.education[1].completed: expected a date on or after birth_date 1990-01-01 for a completed credential, "
        "found 1980-06-30"]}


@pytest.mark.parametrize(("name", "content", "bound"), [
    ("long.yaml", "birth_date: 2026-02-30\nname: " + "x" * 10_001 + "\nchildren: 99\n",
     "$.name: expected text of at most 10,000 characters, found 10,001"),
    ("big.yaml", "birth_date: 2026-02-30\nfunds_cad: 10000000000000000\nchildren: 99\n",
     "$.funds_cad: expected a number of magnitude below 10^15, found an integer of 17 digits"),
    ("nan.json", '{"birth_date": "2026-02-30", "funds_cad": NaN, "children": 99}',
     "$.funds_cad: expected a finite number, found nan"),
], ids=["long text", "huge number", "NaN"])
def test_a_bound_does_not_hide_the_other_problems(name: str, content: str, bound: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The value over a bound, the impossible date 2026-02-30 and the 99 children are all reported."""
    path = _write(tmp_path, name, content)
    code, _, err = _run("evaluate", path, capsys, monkeypatch)
    assert code == 2
    assert sorted(err) == sorted(f"{path}: {line}" for line in [
        bound, '$.birth_date: expected a date YYYY-MM-DD, found "2026-02-30"',
        "$.children: expected 0 to 30, found 99"])


def test_an_exponent_is_a_number_in_yaml_as_in_json_and_toml(tmp_path: Path) -> None:
    """funds_cad written 1e5 is 100,000 in YAML, as it is in JSON and in TOML."""
    import eligibility

    read = [eligibility.load_profile(_write(tmp_path, name, text)).funds_cad for name, text in [
        ("e.json", '{"funds_cad": 1e5}'), ("e.toml", "funds_cad = 1e5\n"), ("e.yaml", "funds_cad: 1e5\n")]]
    assert read == [100000.0, 100000.0, 100000.0]


DECLARATIONS = "birth_date: 1990-13-01\nmarital_status: single\ndeclarations: {crs_scor: 400, gts_referral: 'yes'}\n"


@pytest.mark.parametrize("command", ["evaluate", "report", "distance", "crs", "plan", "diff"])
def test_declarations_are_checked_with_everything_else(command: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command that reads a profile names the file for a bad date, an unknown declaration and a declaration
    of the wrong kind, all at once (crs, plan and diff once reported the declarations apart, as '<profile>')."""
    path = _write(tmp_path, "decl.yaml", DECLARATIONS)
    code, _, err = _run(command, path, capsys, monkeypatch)
    assert code == 2
    assert sorted(err) == sorted(f"{path}: {line}" for line in [
        '$.birth_date: expected a date YYYY-MM-DD, found "1990-13-01"',
        "$.declarations.crs_scor: unknown declaration: no rule reads it; did you mean 'crs_score'?",
        "$.declarations.gts_referral: expected true or false (what the rules compare it with), found 'yes'"])


def test_diff_refuses_a_declaration_of_the_wrong_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """diff refuses gts_referral: 'yes' (text, not true) naming the file, as evaluate does, instead of
    answering 'Global Talent Stream A: not eligible'."""
    path = _write(tmp_path, "decl.yaml", "marital_status: single\ndeclarations: {gts_referral: 'yes'}\n")
    code, out, err = _run("diff", path, capsys, monkeypatch)
    assert (code, err) == (2, [f"{path}: $.declarations.gts_referral: expected true or false (what the rules "
                               f"compare it with), found 'yes'"])
    assert out == ""


ESCAPES = 'name: "\\e[2J\\e[31mEvil\\rX"\nmarital_status: single\n'


@pytest.mark.parametrize("command", ["evaluate", "crs", "plan", "report"])
def test_control_characters_of_a_value_never_reach_the_terminal(command: str, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A name holding ESC and CR is printed escaped (as error lines are), never as raw control characters."""
    path = _write(tmp_path, "esc.yaml", ESCAPES)
    code, out, _ = _run(command, path, capsys, monkeypatch)
    assert code == 0
    assert "Evil" in out
    assert "\x1b" not in out and "\r" not in out


def test_an_empty_folder_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """evaluate on a folder without profile files says so in one line that names the folder."""
    folder = tmp_path / "clients"
    folder.mkdir()
    code, _, err = run_cli(["evaluate", str(folder)], capsys, monkeypatch)
    assert code == 2
    assert len(err.splitlines()) == 1 and err.startswith(f"{folder}: ")


def test_json_errors_of_the_same_file_are_the_same_in_each_format(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The same wrong values written in YAML, JSON and TOML give the same field paths and messages."""
    data = {"birth_date": "1990-01-01", "children": -1, "intended_province": "Ontario",
            "work": [{"noc": "21239", "country": "CA", "start": "2020-01-01", "hours_per_week": 40}]}
    texts = {"p.yaml": "birth_date: 1990-01-01\nchildren: -1\nintended_province: Ontario\nwork:\n"
                       "  - {noc: \"21239\", country: CA, start: 2020-01-01, hours_per_week: 40}\n",
             "p.json": json.dumps(data),
             "p.toml": 'birth_date = 1990-01-01\nchildren = -1\nintended_province = "Ontario"\n'
                       '[[work]]\nnoc = "21239"\ncountry = "CA"\nstart = 2020-01-01\nhours_per_week = 40\n'}
    seen = []
    for name, text in texts.items():
        path = _write(tmp_path, name, text)
        code, _, err = _run("evaluate", path, capsys, monkeypatch)
        assert code == 2
        seen.append(sorted(line.removeprefix(f"{path}: ") for line in err))
    assert seen[0] == seen[1] == seen[2]
    assert seen[0] == sorted([
        "$.children: expected 0 to 30, found -1",
        "$.intended_province: expected one of AB, BC, MB, NB, NL, NS, NT, NU, ON, PE, QC, SK, YT, found \"Ontario\"",
        "$.work[0].noc: expected a NOC 2021 unit group code (5 digits), found '21239'; did you mean 21230 or 21231 "
        "or 21232?"])


@pytest.mark.parametrize(("written", "code"), [("on", "ON"), ("bc", "BC")])
def test_a_province_in_lower_case_gets_a_did_you_mean(written: str, code: str) -> None:
    """intended_province: on is refused with "did you mean 'ON'?", as country: ca is with "did you mean 'CA'?"."""
    import eligibility

    with pytest.raises(eligibility.InputError) as caught:
        eligibility.profile_from_data({"intended_province": written})
    assert caught.value.lines() == [
        f'<profile>: $.intended_province: expected one of AB, BC, MB, NB, NL, NS, NT, NU, ON, PE, QC, SK, YT, '
        f'found "{written}"; did you mean \'{code}\'?']


FAR = [
    (["evaluate", "{f}", "--as-of", "9999-12-31"], "--as-of"),
    (["evaluate", "{f}", "--as-of", "9999-12-31", "--distance", "-p", "express-entry/cec"], "--as-of"),
    (["crs", "{f}", "--as-of", "9999-12-31", "--improve"], "--as-of"),
    (["report", "{f}", "--as-of", "0001-01-01", "-f", "markdown"], "--as-of"),
    (["plan", "{f}", "--from", "9999-01-01"], "--from"),
    (["plan", "{f}", "--from", "0001-01-01"], "--from"),
    (["diff", "{f}", "--as-of", "0001-01-01", "--as-of", "9999-12-31"], "--as-of"),
]


@pytest.mark.parametrize(("argv", "option"), FAR, ids=[" ".join(a[2:4] + a[4:5]) for a, _ in FAR])
def test_a_date_option_at_the_ends_of_the_calendar_is_a_clear_error(argv: list[str], option: str,
                                                                    tmp_path: Path) -> None:
    """An as-of, from or until day far outside the dates the rules can speak of (0001-01-01, 9999-12-31) is
    refused in one line naming the option (exit 2), or answered: never a traceback, never blamed on the file."""
    path = _write(tmp_path, "cec.yaml", "marital_status: single\nintended_province: ON\nwork:\n"
                                        "  - {noc: \"21231\", country: CA, start: 2025-03-03, hours_per_week: 20}\n")
    run = subprocess.run([sys.executable, "-m", "eligibility", *[a.replace("{f}", str(path)) for a in argv]],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert "Traceback" not in run.stdout + run.stderr
    assert "please report this file as a bug" not in run.stderr
    assert run.returncode in (0, 2)
    if run.returncode == 2:
        assert run.stderr.startswith(f"{option}: ")


@pytest.mark.parametrize("command", ["report", "batch"])
def test_an_output_path_that_cannot_be_written_is_one_line(command: str, tmp_path: Path) -> None:
    """report -o and batch -o into a folder that does not exist exit 2 with one line naming the path."""
    target = tmp_path / "missing" / ("x.html" if command == "report" else "x.jsonl")
    argv = [command, str(COOK), "--as-of", DAY, "-o", str(target)]
    run = subprocess.run([sys.executable, "-m", "eligibility", *argv], capture_output=True, text=True, timeout=120,
                         cwd=ROOT)
    assert "Traceback" not in run.stdout + run.stderr
    assert run.returncode == 2
    assert str(target) in run.stderr and len(run.stderr.splitlines()) == 1
