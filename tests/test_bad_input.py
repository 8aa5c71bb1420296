"""Every bad input gives one line per problem naming the file and field, exit code 2, never a traceback.

Each fixture under tests/fixtures/ starts with ``# expect: <words>`` (or has a ``.expect`` file beside it
for formats without comments): the words its error must contain.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eligibility.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def _expected(path: Path) -> list[str]:
    """The words each of the fixture's ``# expect:`` lines (at the top of the file or of its .expect file) names."""
    side = path.with_name(path.name + ".expect")
    lines = (side if side.exists() else path).read_text(encoding="utf-8").splitlines()
    words = [line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: ")]
    assert words, f"{path} needs an '# expect: ' line"
    return words


def _clean(err: str) -> None:
    """Standard error holds only bounded, printable problem lines, never a traceback."""
    assert "Traceback" not in err
    for line in err.splitlines():
        assert line.isprintable(), line
        assert len(line) <= 1300, len(line)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["eligibility", *argv])
    with pytest.raises(SystemExit) as exit_info:
        main()
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.err


PROFILES = sorted(p for p in (FIXTURES / "bad_profiles").iterdir() if not p.name.endswith(".expect"))
RULESETS = sorted((FIXTURES / "bad_rulesets").glob("*.yaml"))


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_bad_profile(path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad profile file exits 2 with a one-line error naming the file, the path and what was found."""
    code, err = _run(["evaluate", str(path), "--as-of", "2025-06-01"], capsys, monkeypatch)
    assert code == 2
    for words in _expected(path):
        assert words in err
    assert str(path) in err
    _clean(err)


@pytest.mark.parametrize("path", RULESETS, ids=lambda p: p.name)
def test_bad_ruleset(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad ruleset is refused by `eligibility check` with the words its error must contain."""
    rules = tmp_path / "rules"
    (rules / "test").mkdir(parents=True)
    shutil.copy(path, rules / "test" / path.name)
    code, err = _run(["check", str(rules)], capsys, monkeypatch)
    assert code == 2
    for words in _expected(path):
        assert words in err
    _clean(err)


def test_batch_keeps_going(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """In a batch, one bad profile is reported and the good ones are still evaluated; the exit code is 2."""
    good = Path(__file__).parents[1] / "profiles" / "ayesha-software-engineer.yaml"
    bad = FIXTURES / "bad_profiles" / "bad-date.yaml"
    monkeypatch.setattr(sys, "argv", ["eligibility", "evaluate", str(bad), str(good), "--as-of", "2025-06-01",
                                      "-p", "express-entry/fsw"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    out = capsys.readouterr()
    assert exit_info.value.code == 2
    assert "expected a date YYYY-MM-DD" in out.err
    assert "✔ eligible  Federal Skilled Worker" in out.out


@pytest.mark.parametrize(("argv", "words"), [
    (["evaluate", "profiles/ayesha-software-engineer.yaml", "--as-of", "2025-13-01"],
     "--as-of: expected a date YYYY-MM-DD, found '2025-13-01'"),
    (["evaluate", "profiles/ayesha-software-engineer.yaml", "--program", "express-entry/fws"],
     "unknown program 'express-entry/fws'; did you mean 'express-entry/fsw'?"),
    (["explain", "express-entry/cecc"], "unknown program 'express-entry/cecc'"),
    (["evaluate", "no/such/profile.yaml"], "no/such/profile.yaml: $: file not found"),
    (["occupations", "2123"], "expected a NOC 2021 unit group code, found '2123'"),
    (["diff", "profiles/ayesha-software-engineer.yaml", "--as-of", "2025-01-01"], "expected two dates"),
], ids=["bad as-of date", "unknown program", "explain unknown program", "missing file", "bad NOC code",
        "diff with one date"])
def test_bad_command_line(argv: list[str], words: str, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Bad arguments give one line with exit code 2."""
    monkeypatch.chdir(Path(__file__).parents[1])
    code, err = _run(argv, capsys, monkeypatch)
    assert code == 2
    assert words in err
    assert "Traceback" not in err


def _special_files(folder: Path) -> dict[str, str]:
    """Entries named like profiles that are not regular files, with the words their error must contain."""
    (folder / "folder.yaml").mkdir()
    (folder / "broken.yaml").symlink_to(folder / "missing-target.yaml")
    (folder / "device.yaml").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.yaml")
    return {"folder.yaml": "expected a regular file, found a folder",
            "broken.yaml": "a broken symbolic link", "device.yaml": "expected a regular file, found a character device",
            "pipe.yaml": "expected a regular file, found a named pipe (FIFO)"}


def test_special_files_are_never_read(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A FIFO, a device or a broken link named x.yaml is refused in one line, without reading it."""
    for name, words in _special_files(tmp_path).items():
        if name == "folder.yaml":
            continue  # a folder named on the command line is a folder of profiles
        code, err = _run(["evaluate", str(tmp_path / name)], capsys, monkeypatch)
        assert code == 2
        assert f"{tmp_path / name}: $: {words}" in err
        _clean(err)


def test_special_files_in_a_ruleset_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` names each special file of a ruleset folder instead of hanging or crashing on it."""
    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).parents[1] / "rulesets", rules)
    expected = _special_files(rules / "express-entry")
    code, err = _run(["check", str(rules)], capsys, monkeypatch)
    assert code == 2
    for name, words in expected.items():
        assert f"{rules / 'express-entry' / name}: $: {words}" in err
    _clean(err)


@pytest.mark.parametrize(("text", "words"), [
    ("name: x\n" + "# padding\n" * 30_000, "expected a file of at most 262,144 bytes, found 300,008"),
    ("work:\n" + '  - {noc: "21231", country: CA, start: 2019-01-01, hours_per_week: 1}\n' * 101,
     "$.work: expected at most 100 entries, found 101"),
    ("declarations:\n" + "".join(f"  k{i}: true\n" for i in range(101)),
     "$.declarations: expected at most 100 entries, found 101"),
    ("".join(f"k{i}: 1\n" for i in range(10_001)), "$: expected at most 10,000 entries, found 10,001"),
    ("name: " + "x" * 10_001 + "\n", "$.name: expected text of at most 10,000 characters, found 10,001"),
], ids=["file size", "list length", "profile mapping size", "mapping size", "text length"])
def test_size_limits(text: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Each documented size limit is refused with the limit and the size found."""
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    code, err = _run(["evaluate", str(path)], capsys, monkeypatch)
    assert code == 2
    assert words in err
    _clean(err)


def test_folder_keeps_every_other_result(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """In a folder, a file that crashes the evaluator is one line, the others' results are kept, and
    skipped entries (other extensions, subfolders) are named."""
    import eligibility.cli as cli

    good = Path(__file__).parents[1] / "profiles" / "ayesha-software-engineer.yaml"
    shutil.copy(good, tmp_path / "a-good.yaml")
    shutil.copy(good, tmp_path / "b-crash.yaml")
    shutil.copy(FIXTURES / "bad_profiles" / "bad-date.yaml", tmp_path / "c-bad.yaml")
    (tmp_path / "notes.txt").write_text("not a profile", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    real = cli._load_one

    def crash_on_b(path: Path, *args: object) -> object:
        if path.name == "b-crash.yaml":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "_load_one", crash_on_b)
    code, err = _run(["evaluate", str(tmp_path), "--as-of", "2025-06-01", "-p", "express-entry/fsw",
                      "--format", "json"], capsys, monkeypatch)
    assert code == 2
    assert f"{tmp_path / 'b-crash.yaml'}: $: could not be evaluated (RecursionError" in err
    assert f"{tmp_path / 'c-bad.yaml'}: $.work[0].start: expected a date YYYY-MM-DD" in err
    assert f"{tmp_path / 'notes.txt'}: skipped: not a .yaml, .yml, .json or .toml file" in err
    assert f"{tmp_path / 'sub'}: skipped: a folder" in err
    _clean(err)


def test_folder_results_survive_a_crash(tmp_path: Path) -> None:
    """The JSON results of the good files of a folder are printed even when another file crashes."""
    from typer.testing import CliRunner

    import eligibility.cli as cli

    good = Path(__file__).parents[1] / "profiles" / "ayesha-software-engineer.yaml"
    shutil.copy(good, tmp_path / "a-good.yaml")
    shutil.copy(good, tmp_path / "b-crash.yaml")
    real = cli._load_one

    def crash_on_b(path: Path, *args: object) -> object:
        if path.name == "b-crash.yaml":
            raise MemoryError
        return real(path, *args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "_load_one", crash_on_b)
        result = CliRunner().invoke(cli.app, ["evaluate", str(tmp_path), "--as-of", "2025-06-01",
                                              "-p", "express-entry/fsw", "--format", "json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [d["profile"] for d in data] == [str(tmp_path / "a-good.yaml")]
    assert data[0]["programs"][0]["verdict"] == "eligible"


@pytest.mark.parametrize("as_of", ["2025-W23-1", "20250601", "2025-02-30", "soon"])
def test_api_refuses_a_bad_as_of(as_of: str) -> None:
    """The Python API answers a bad as_of text with a UsageError naming it, not a bare ValueError."""
    import eligibility

    profile = eligibility.load_profile(Path(__file__).parents[1] / "profiles" / "ayesha-software-engineer.yaml")
    with pytest.raises(eligibility.UsageError, match=f"as_of: expected a date YYYY-MM-DD, found '{as_of}'"):
        eligibility.evaluate(profile, as_of)


@pytest.mark.parametrize("funds", [float("nan"), float("inf"), 1e16])
def test_profile_objects_are_checked_before_any_engine(funds: float) -> None:
    """A Profile built in code with a number no engine can hold is refused before evaluation."""
    import attrs

    import eligibility

    profile = eligibility.load_profile(Path(__file__).parents[1] / "profiles" / "ayesha-software-engineer.yaml")
    with pytest.raises(eligibility.InputError, match=r"\$\.funds_cad: expected a"):
        eligibility.evaluate(attrs.evolve(profile, funds_cad=funds), "2025-06-01", engine="durable")


@pytest.mark.parametrize("call", ["crs", "plan", "what_if", "distance", "report"])
def test_every_api_entry_checks_profile_objects(call: str) -> None:
    """crs, plan, what_if, distance and report refuse a Profile built in code with an unbounded number, as
    evaluate does, naming the field."""
    import attrs

    import eligibility

    profile = eligibility.load_profile(Path(__file__).parents[1] / "profiles" / "ayesha-software-engineer.yaml")
    bad = attrs.evolve(profile, funds_cad=float("inf"))
    with pytest.raises(eligibility.InputError, match=r"<profile>: \$\.funds_cad: expected a"):
        getattr(eligibility, call)(bad)


def test_a_profile_the_loader_read_is_not_walked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """evaluate walks the values of a Profile built in code (or changed after reading), and of a profile the
    loader read (whose values were bounded as they were read) only its declarations, a dict code may change."""
    import attrs

    import eligibility
    import eligibility.api

    walked: list[object] = []
    real = eligibility.api.value_problems

    def watched(data: object, source: str) -> list[tuple[str, str]]:
        walked.append(data)
        return real(data, source)

    monkeypatch.setattr(eligibility.api, "value_problems", watched)
    profile = eligibility.load_profile(Path(__file__).parents[1] / "profiles" / "ayesha-software-engineer.yaml")
    eligibility.evaluate(profile, "2025-06-01")
    assert walked == [profile.declarations]
    changed = attrs.evolve(profile, funds_cad=20000.0)
    eligibility.evaluate(changed, "2025-06-01")
    assert len(walked) == 2 and walked[1] is not changed.declarations and walked[1]["funds_cad"] == 20000.0


def test_a_declaration_changed_in_code_after_reading_is_still_bounded() -> None:
    """A number put in a read profile's declarations dict past the bound of 10**15 (durable-rules crashes from
    1e16) is an input error naming the field, not a crash."""
    import eligibility

    profile = eligibility.load_profile(Path(__file__).parents[1] / "profiles" / "ayesha-software-engineer.yaml")
    profile.declarations["crs_score"] = 1e300
    with pytest.raises(eligibility.InputError) as caught:
        eligibility.evaluate(profile, "2025-06-01")
    assert [(p.source, p.path) for p in caught.value.problems] == [("<profile>", "$.declarations.crs_score")]
    assert caught.value.problems[0].message == "expected a number of magnitude below 10^15, found 1e+300"


def test_durable_holds_the_largest_numbers_allowed() -> None:
    """The durable engine evaluates a profile whose numbers sit at the documented bound without crashing."""
    pytest.importorskip("durable_rules_engine")
    import eligibility

    big = 10**15 - 1
    profile = eligibility.profile_from_data({"funds_cad": float(big), "children": 0, "family_size": 1,
                                             "marital_status": "single", "declarations": {"crs_score": big}})
    for engine in ("native", "durable"):
        result = eligibility.evaluate(profile, "2025-06-01", engine=engine)
        assert result.program("express-entry/fsw").verdict in ("not_eligible", "undetermined")


def test_toml_says_none_for_an_offer_and_a_spouse() -> None:
    """In TOML (which has no null) job_offer = "none" and spouse = "none" mean known: none."""
    import eligibility

    profile = eligibility.profile_from_text('marital_status = "single"\njob_offer = "none"\nspouse = "none"\n', "toml")
    assert profile.job_offer is None
    assert profile.spouse is None


def test_a_single_persons_grid_is_not_undetermined_for_want_of_a_spouse() -> None:
    """A single person with no spouse key has no spouse: 66 grid points (age 41: 6) fail FSW's 67, not undetermined."""
    import eligibility
    from eligibility.documents import read_document

    data = read_document(Path(__file__).parents[1] / "profiles" / "ayesha-software-engineer.yaml")
    assert data["marital_status"] == "single"
    data.pop("spouse", None)
    data["birth_date"] = "1984-01-01"
    fsw = eligibility.evaluate(eligibility.profile_from_data(data), "2025-06-01", ["express-entry/fsw"]).program(
        "express-entry/fsw")
    grid = next(c for c in fsw.conditions if c.id == "selection-grid")
    assert (fsw.verdict, grid.outcome, grid.observed) == ("not_eligible", "fail", 66)


def test_a_what_if_may_hold_a_future_test() -> None:
    """A language test after today is refused in a profile file but allowed as a what-if hypothesis."""
    import eligibility

    base = Path(__file__).parents[1] / "profiles" / "ayesha-software-engineer.yaml"
    future = {"test": "ielts_general", "taken": "2199-01-02", "listening": 8, "reading": 7, "writing": 7, "speaking": 7}
    with pytest.raises(eligibility.InputError, match=r"\$\.language_tests\[0\]\.taken: expected a date on or before"):
        eligibility.profile_from_data({"language_tests": [future]})
    profile = eligibility.what_if(base, {"language_tests": [future]})
    assert profile.language_tests[0].taken.isoformat() == "2199-01-02"


@pytest.mark.parametrize(("value", "found"), [("yes", "'yes'"), ("1", "1"), ("'true'", "'true'")])
def test_a_declaration_the_rules_compare_with_true_must_be_true_or_false(tmp_path: Path, value: str,
                                                                         found: str) -> None:
    """gts_referral: yes (YAML 1.2 text) or 1 is refused with the path and what the rules expect, instead of
    failing the referral condition (exit 2, one line, no traceback)."""
    path = tmp_path / "p.yaml"
    path.write_text(f"marital_status: single\ndeclarations:\n  gts_referral: {value}\n  crs_score: true\n")
    run = subprocess.run([sys.executable, "-m", "eligibility", "evaluate", str(path), "--as-of", "2026-03-01"],
                         capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert (f"{path}: $.declarations.gts_referral: expected true or false (what the rules compare it with), "
            f"found {found}") in run.stderr
    assert (f"{path}: $.declarations.crs_score: expected a number (what the rules compare it with), found true"
            in run.stderr)


def test_a_crs_score_stated_as_text_is_refused() -> None:
    """crs_score: "about 300" (Alberta's CRS floor reads a number) is an input error naming the field,
    not a condition left unknown."""
    import eligibility

    profile = eligibility.profile_from_data({"marital_status": "single", "declarations": {"crs_score": "about 300"}})
    with pytest.raises(eligibility.InputError, match=r"\$\.declarations\.crs_score: expected a number \(what the "
                                                     r"rules compare it with\), found 'about 300'"):
        eligibility.evaluate(profile, "2024-06-01")


def test_right_kinds_of_declarations_are_accepted() -> None:
    """true for a referral and 301 for a CRS score are read, and the referral condition passes."""
    import eligibility

    profile = eligibility.profile_from_data({"marital_status": "single",
                                             "declarations": {"gts_referral": True, "crs_score": 301}})
    result = eligibility.evaluate(profile, "2026-03-01", with_crs=False)
    referral = [c for c in result.program("gts/category-a").conditions if c.id == "referral"]
    assert [c.outcome for c in referral] == ["pass"]
