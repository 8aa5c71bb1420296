"""audit10: what-if input (--what-if files, --set arguments, eligibility.what_if): bad input gets one line naming
the file or the argument, the field path, what was expected and what was found, exit code 2, never a traceback;
a change laid over the profile is evaluated on the dates it holds from."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import eligibility
from tests.support import run_cli

ROOT = Path(__file__).resolve().parents[1]
COOK = ROOT / "profiles" / "cook-in-canada.yaml"


def _evaluate(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
              *extra: str) -> tuple[int, str, list[str]]:
    """`evaluate COOK --as-of 2026-03-01 -p express-entry/cec` with the extra arguments."""
    code, out, err = run_cli(["evaluate", str(COOK), "--as-of", "2026-03-01", "-p", "express-entry/cec", *extra],
                             capsys, monkeypatch)
    assert "Traceback" not in out + err
    return code, out, err.splitlines()


@pytest.mark.parametrize(("argument", "line"), [
    ("birth_date=2026-02-30", '$.birth_date: expected a date YYYY-MM-DD, found "2026-02-30"'),
    ("language_tests[0].taken=2026-13-01", '$.language_tests[0].taken: expected a date YYYY-MM-DD, found '
                                           '"2026-13-01"'),
    ("work[0].hours_per_week=0", "$.work[0].hours_per_week: expected hours a week above 0 and at most 120 (a week "
                                 "has 168; more than 120 is not plausible), found 0"),
    ("work[0].noc=6320", "$.work[0].noc: expected a NOC 2021 unit group code (5 digits), found '6320'; did you mean "
                         "63200 or 63201 or 63202?"),
    ("language_tests[0].taken=1980-01-01", "$.language_tests[0].taken: expected a date on or after birth_date "
                                           "1992-11-03 for a test taken, found 1980-01-01"),
    ("work[0].end=2023-03-31", "$.work[0].end: expected a date on or after start 2023-04-01, found 2023-03-31"),
    ("declarations.crs_scor=400", "$.declarations.crs_scor: unknown declaration: no rule reads it; did you mean "
                                  "'crs_score'?"),
    ("work[5].noc=63200", "$.work[5]: expected an index from 0 to 2 (2 adds an entry), found 5"),
    ("work=null", "$.work: expected a list, found null"),
    ("funds_cad=[1", "line 1: not valid YAML: expected ',' or ']', but got '<stream end>'"),
])
@pytest.mark.parametrize("command", ["evaluate", "plan"])
def test_a_bad_set_is_one_line_naming_the_argument(command: str, argument: str, line: str,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Each bad --set, through evaluate and plan, exits 2 with exactly one line: the argument, the field path,
    what was expected and found (the cook was born 1992-11-03; his Canadian job starts 2023-04-01)."""
    argv = (["evaluate", str(COOK), "--as-of", "2026-03-01"] if command == "evaluate"
            else ["plan", str(COOK), "--from", "2026-03-01", "-p", "express-entry/cec"])
    code, out, err = run_cli([*argv, "--set", argument], capsys, monkeypatch)
    assert code == 2
    assert out == ""
    assert err.splitlines() == [f"--set {argument!r}: {line}"]


@pytest.mark.parametrize(("name", "content", "line"), [
    ("w.yaml", "funds_cad: [1\n", "line 2: not valid YAML: expected ',' or ']', but got '<stream end>'"),
    ("w.yaml", "- 1\n", "$: expected a mapping of profile fields, found list"),
    ("w.yaml", b"name: \xff\n", "$: expected UTF-8 text, found undecodable bytes at byte 6"),
    ("w.json", '{"funds_cad": NaN}', "$.funds_cad: expected a finite number, found nan"),
    ("w.toml", "funds_cad = 1\nfunds_cad = 2\n", "line 2: not valid TOML: Cannot overwrite a value (column 14)"),
    ("w.yaml", "language_tests:\n  - {index: 0, writing: 81}\n",
     "$.language_tests[0].writing: expected a whole-number level from 0 to 12 for CELPIP-General, found 81"),
    ("w.yaml", "children: 99\n", "$.children: expected 0 to 30, found 99"),
], ids=["YAML syntax", "a list", "Latin-1", "NaN", "TOML key twice", "a CELPIP score", "children"])
def test_a_bad_what_if_file_is_named(name: str, content: str | bytes, line: str, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A what-if file with bad syntax, bytes or values exits 2 with one line naming the file."""
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    code, _, err = _evaluate(capsys, monkeypatch, "--what-if", str(path))
    assert (code, err) == (2, [f"{path}: {line}"])


def test_a_what_if_test_counts_from_the_day_it_is_taken(capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Moving the cook's CELPIP test (CLB 5 5 6 6, enough for CEC at TEER 3) to 2026-06-01 leaves him without a
    valid test on 2026-03-01 (CEC not eligible, language fails) and eligible again from 2026-06-01."""
    code, out, _ = _evaluate(capsys, monkeypatch, "--set", "language_tests[0].taken=2026-06-01", "-f", "json")
    data = json.loads(out)
    assert code == 0
    assert data["changes"][0]["program"] == "express-entry/cec"
    assert (data["changes"][0]["before"], data["changes"][0]["after"]) == ("eligible", "not_eligible")
    moved = eligibility.what_if(COOK, sets=["language_tests[0].taken=2026-06-01"])
    for day, verdict in [("2026-05-31", "not_eligible"), ("2026-06-01", "eligible")]:
        assert eligibility.evaluate(moved, day, ["express-entry/cec"]).program("express-entry/cec").verdict == verdict


def test_a_future_job_in_a_what_if_is_counted_from_its_first_day() -> None:
    """A job from 2026-06-01 at 40 h (30 count a week) is a hypothesis: on 2027-05-31 it holds 364 days x 30 / 7
    = 1,560 h and meets CEC's year of Canadian work; on 2027-05-30, 363 days give 1,555.7 h and do not."""
    person = eligibility.profile_from_data({
        "marital_status": "single", "intended_province": "ON", "declarations": {"performed_noc_duties": True},
        "language_tests": [{"test": "celpip_general", "taken": "2026-01-10", "listening": 9, "reading": 9,
                            "writing": 9, "speaking": 9}], "work": []})
    job = {"noc": "21231", "country": "CA", "province": "ON", "start": "2026-06-01", "end": None, "hours_per_week": 40}
    future = eligibility.what_if(person, {"work": [job]})
    for day, outcome, hours in [("2027-05-30", "fail", 1555.7), ("2027-05-31", "pass", 1560.0)]:
        cec = eligibility.evaluate(future, day, ["express-entry/cec"]).program("express-entry/cec")
        work = next(c for c in cec.conditions if c.id == "canadian-work")
        assert (work.outcome, work.observed["hours"]) == (outcome, hours)


# --- faults -------------------------------------------------------------------------------------------------


def test_a_what_if_birth_date_in_the_future_is_refused(capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """--set birth_date=2190-01-01 on a profile without other dates is refused naming the argument and the field,
    as a birth date after today is in a profile file; eligibility.what_if refuses it too."""
    path = tmp_path / "p.yaml"
    path.write_text("marital_status: single\n", encoding="utf-8")
    code, _, err = run_cli(["evaluate", str(path), "--as-of", "2026-03-01", "--set", "birth_date=2190-01-01"],
                           capsys, monkeypatch)
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("--set 'birth_date=2190-01-01': $.birth_date: expected a date on or before today")
    assert lines[0].endswith("found 2190-01-01")
    with pytest.raises(eligibility.InputError):
        eligibility.what_if(path, {"birth_date": "2190-01-01"})


@pytest.mark.parametrize("call", ["evaluate", "crs", "plan", "distance", "report"])
def test_a_birth_after_the_day_asked_never_crashes_the_api(call: str) -> None:
    """Every API entry given a Profile whose birth date (2190-01-01) is after the day asked either answers or
    raises InputError naming $.birth_date; it never raises IndexError."""
    import attrs

    unborn = attrs.evolve(eligibility.load_profile(COOK), birth_date=dt.date(2190, 1, 1))
    try:
        getattr(eligibility, call)(unborn, "2026-03-01")
    except eligibility.InputError as exc:
        assert any(p.path == "$.birth_date" for p in exc.problems)


def test_changing_a_noc_2016_code_in_a_what_if_converts_the_new_code(tmp_path: Path) -> None:
    """A job written as NOC 2016 6322 (cooks, 63200 in NOC 2021) set to 6321 (chefs) reads as 62200, as the same
    job written with noc_2016: 6321 in a file does."""
    path = tmp_path / "p.yaml"
    path.write_text("marital_status: single\nwork:\n  - {noc_2016: \"6322\", country: CA, start: 2020-01-01, "
                    "end: 2021-06-30, hours_per_week: 40}\n", encoding="utf-8")
    assert eligibility.load_profile(path).work[0].noc == "63200"
    assert eligibility.what_if(path, sets=["work[0].noc_2016=6321"]).work[0].noc == "62200"


DEEP = "declarations" + ".a" * 3000 + "=1"


def test_a_set_path_deeper_than_the_nesting_limit_is_refused(capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A --set path of 3,000 steps is refused like one of 40: one line naming the argument, 'expected at most 32
    levels of nesting'."""
    code, _, err = _evaluate(capsys, monkeypatch, "--set", DEEP)
    assert code == 2
    assert len(err) == 1
    assert err[0].startswith("--set 'declarations.a.a.a")
    assert "expected at most 32 levels of nesting" in err[0]


def test_a_set_path_of_40_steps_is_refused(capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A --set path of 40 steps is refused in one line naming the argument: at most 32 levels of nesting."""
    argument = "declarations" + ".a" * 40 + "=1"
    code, _, err = _evaluate(capsys, monkeypatch, "--set", argument)
    assert code == 2
    assert err == [f"--set {argument!r}: $" + ".declarations" + ".a" * 31
                   + ": expected at most 32 levels of nesting, found more"]


@pytest.mark.parametrize("how", ["mapping", "assignment"])
def test_the_api_refuses_a_deep_what_if_with_an_input_error(how: str) -> None:
    """eligibility.what_if with a mapping nested 3,000 deep, or an assignment of 3,000 steps, raises InputError
    (as profile_from_data does for the same data), not RecursionError."""
    deep: dict[str, object] = {}
    here = deep
    for _ in range(3000):
        here["a"] = {}
        here = here["a"]  # type: ignore[assignment]
    with pytest.raises(eligibility.InputError):
        if how == "mapping":
            eligibility.what_if(COOK, {"declarations": deep})
        else:
            eligibility.what_if(COOK, sets=[DEEP])


def test_distance_is_not_dropped_silently_with_a_what_if(capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """evaluate --set ... --distance either prints what would change the what-if side ("What would change it:")
    or refuses the combination in one line naming --distance (exit 2)."""
    code, out, err = run_cli(["evaluate", str(COOK), "--as-of", "2026-03-01", "-p", "express-entry/fsw",
                              "--set", "funds_cad=10000", "--distance"], capsys, monkeypatch)
    assert ("What would change it:" in out and code == 0) or (code == 2 and "--distance" in err)


def test_an_index_of_true_is_worded_as_the_file_writes_it(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """index: true in a what-if is refused as 'found true', with no Python 'True' in the line."""
    path = tmp_path / "w.yaml"
    path.write_text("language_tests:\n  - {index: true, writing: 7}\n", encoding="utf-8")
    code, _, err = _evaluate(capsys, monkeypatch, "--what-if", str(path))
    assert code == 2 and len(err) == 1
    assert err[0].startswith(f"{path}: $.language_tests")
    assert err[0].endswith("found true") and "True" not in err[0]


def test_a_hypothesis_does_not_move_the_real_today_for_age() -> None:
    """A birth date 121 years before the real today is refused in a what-if as in a file (age is measured from
    the real today even though a what-if allows future tests)."""
    old = dt.date.today().replace(year=dt.date.today().year - 121, day=1).isoformat()
    with pytest.raises(eligibility.InputError, match=r"\$\.birth_date: expected a person at most 120 years old"):
        eligibility.what_if(eligibility.profile_from_data({"marital_status": "single"}), {"birth_date": old})


def test_every_problem_of_a_what_if_comes_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A what-if file with an index past the end, 99 children, funds of -1 and 500 hours a week, and a --set with
    an index past the end: the five problems come together, each naming its file or argument."""
    path = tmp_path / "w.yaml"
    path.write_text("children: 99\nfunds_cad: -1\nlanguage_tests:\n  - {index: 5, writing: 7}\n"
                    "work:\n  - {index: 0, hours_per_week: 500}\n", encoding="utf-8")
    code, _, err = _evaluate(capsys, monkeypatch, "--what-if", str(path), "--set", "work[7].noc=63200")
    assert code == 2
    assert sorted(err) == sorted([
        f"{path}: $.language_tests[5]: expected an index from 0 to 1 (1 adds an entry), found 5",
        f"{path}: $.children: expected 0 to 30, found 99",
        f"{path}: $.funds_cad: expected 0 or more, found -1",
        f"{path}: $.work[0].hours_per_week: expected hours a week above 0 and at most 120 (a week has 168; more "
        f"than 120 is not plausible), found 500",
        "--set 'work[7].noc=63200': $.work[7]: expected an index from 0 to 2 (2 adds an entry), found 7"])


def test_a_what_if_gives_the_apis_evaluation(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """evaluate --what-if cook-retest.yaml --set funds_cad=16000 on 2028-01-01 gives, for every program, the
    verdict and conditions of eligibility.what_if(...) evaluated by the API; CEC turns eligible (the retest of
    2026-02-01 is valid, his own test expired on 2027-09-20)."""
    retest = ROOT / "profiles" / "what-if" / "cook-retest.yaml"
    code, out, _ = run_cli(["evaluate", str(COOK), "--as-of", "2028-01-01", "-f", "json", "--what-if", str(retest),
                            "--set", "funds_cad=16000"], capsys, monkeypatch)
    assert code == 0
    cli = json.loads(out)
    assert cli["changes"] == [{"program": "express-entry/cec", "before": "not_eligible", "after": "eligible",
                               "because": "every condition passes"}]
    from eligibility.render.data import evaluation_data

    changed = eligibility.what_if(COOK, retest, sets=["funds_cad=16000"])
    api = json.loads(json.dumps(evaluation_data(eligibility.evaluate(changed, "2028-01-01")), default=str))
    assert cli["after"]["programs"] == api["programs"]


# --- fix10: the fixes above, from other sides -------------------------------------------------------------


def test_an_index_of_true_names_the_place_it_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """index: true, in the first entry of language_tests, is refused at $.language_tests[0].index; the cook has
    one test, so the indexes allowed are 0 and 1 (1 adds one)."""
    path = tmp_path / "w.yaml"
    path.write_text("language_tests:\n  - {index: true, writing: 7}\n", encoding="utf-8")
    code, _, err = _evaluate(capsys, monkeypatch, "--what-if", str(path))
    assert (code, err) == (2, [f"{path}: $.language_tests[0].index: expected a whole-number index from 0 to 1 "
                               f"(1 adds an entry), found true"])


def test_a_deep_what_if_mapping_is_refused_at_the_nesting_limit() -> None:
    """A mapping 3,000 levels deep under declarations is refused where the 32nd level would be: $.declarations
    and 31 levels of 'a' below it, the place a profile file nesting as deep is refused (with the problems of the
    levels above it: a declaration is no mapping, and no rule reads one named 'a')."""
    deep: dict[str, object] = {}
    here = deep
    for _ in range(3000):
        here["a"] = {}
        here = here["a"]  # type: ignore[assignment]
    with pytest.raises(eligibility.InputError) as caught:
        eligibility.what_if(COOK, {"declarations": deep})
    assert next((p.source, p.path, p.message) for p in caught.value.problems) == (
        "<what-if>", "$.declarations" + ".a" * 31, "expected at most 32 levels of nesting, found more")
    assert all(p.path.startswith("$.declarations") for p in caught.value.problems)


def test_a_mapping_that_holds_itself_is_refused() -> None:
    """A what-if mapping given in code that contains itself ends in InputError at the nesting limit."""
    loop: dict[str, object] = {}
    loop["a"] = loop
    with pytest.raises(eligibility.InputError, match="expected at most 32 levels of nesting"):
        eligibility.what_if(COOK, {"declarations": loop})


def test_a_set_path_of_32_steps_is_read_and_33_are_refused() -> None:
    """parse_path reads 32 steps (a value 32 levels down is within a profile's bounds) and refuses 33, naming the
    first 32."""
    from eligibility.whatif.overlay import parse_path

    assert parse_path("a" + ".b" * 31, "s") == ("a", *["b"] * 31)
    with pytest.raises(eligibility.InputError) as caught:
        parse_path("a" + ".b" * 32, "s")
    assert [str(p) for p in caught.value.problems] == [
        "s: $.a" + ".b" * 31 + ": expected at most 32 levels of nesting, found more"]


def _noc_2016_profile(tmp_path: Path) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text("marital_status: single\nwork:\n  - {noc_2016: \"6322\", country: CA, start: 2020-01-01, "
                    "end: 2021-06-30, hours_per_week: 40}\n", encoding="utf-8")
    return path


def test_a_noc_2016_code_changed_in_a_what_if_file_is_converted(tmp_path: Path) -> None:
    """NOC 2016 6321 (chefs) laid over entry 0 by a mapping reads as NOC 2021 62200; a patch that sets noc too
    keeps its noc (63202, bakers, is no successor of 6321 and is refused as in a file)."""
    path = _noc_2016_profile(tmp_path)
    changed = eligibility.what_if(path, {"work": [{"index": 0, "noc_2016": "6321"}]})
    assert (changed.work[0].noc_2016, changed.work[0].noc) == ("6321", "62200")
    with pytest.raises(eligibility.InputError) as caught:
        eligibility.what_if(path, {"work": [{"index": 0, "noc_2016": "6321", "noc": "63202"}]})
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("$.work[0].noc", "expected a NOC 2021 successor of NOC 2016 6321 (62200), found '63202'")]


def test_the_same_noc_2016_code_keeps_its_noc(tmp_path: Path) -> None:
    """Setting noc_2016 to the code the job already has keeps noc 63200 (cooks)."""
    changed = eligibility.what_if(_noc_2016_profile(tmp_path), sets=["work[0].noc_2016=6322"])
    assert changed.work[0].noc == "63200"


def test_unknown_declarations_come_with_the_other_problems(capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A misspelled declaration and 99 children in two --set arguments: both lines, each naming its argument."""
    code, _, err = _evaluate(capsys, monkeypatch, "--set", "declarations.crs_scor=400", "--set", "children=99")
    assert code == 2
    assert sorted(err) == sorted([
        "--set 'declarations.crs_scor=400': $.declarations.crs_scor: unknown declaration: no rule reads it; did "
        "you mean 'crs_score'?",
        "--set 'children=99': $.children: expected 0 to 30, found 99"])


def test_every_unreadable_what_if_comes_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A what-if file that is a list and a --set without '=' are both reported."""
    path = tmp_path / "w.yaml"
    path.write_text("- 1\n", encoding="utf-8")
    code, _, err = _evaluate(capsys, monkeypatch, "--what-if", str(path), "--set", "funds_cad")
    assert code == 2
    assert err == [f"{path}: $: expected a mapping of profile fields, found list",
                   "--set 'funds_cad': $: expected PATH=VALUE, such as funds_cad=30000, found no '='"]
