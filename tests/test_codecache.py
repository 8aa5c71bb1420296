"""The store of compiled generated code: the code read back is the code ``compile`` makes, written only when new."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import CodeType

import pytest

from eligibility import codecache

ROOT = Path(__file__).resolve().parents[1]
PROFILE = str(ROOT / "profiles" / "ayesha-software-engineer.yaml")
SOURCE = "def made(a, b=2):\n    x: int = a + b\n    return [x * i for i in range(3)]\n"


def _same(a: CodeType, b: CodeType) -> bool:
    """Whether two code objects are the same code: bytecode, constants (nested code included), names, flags,
    line table, file name and qualified names. Their marshal bytes may differ in reference flags alone."""
    nested = [(x, y) for x, y in zip(a.co_consts, b.co_consts, strict=True) if isinstance(x, CodeType)]
    return (a == b and a.co_filename == b.co_filename and a.co_qualname == b.co_qualname
            and all(isinstance(y, CodeType) and _same(x, y) for x, y in nested))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Path]:
    """A store at a file of ``tmp_path``, on for the test alone (attrs left as it is)."""
    path = tmp_path / "code.marshal"
    saved = list(codecache._STORE)
    codecache._STORE[:] = [codecache._Store(path)]
    try:
        yield path
    finally:
        codecache._STORE[:] = saved


def test_without_a_store_compile_code_is_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    """Off (the package used as a library), the code is compile's, future flags of the caller included."""
    monkeypatch.setattr(codecache, "_STORE", [])
    made = codecache.compile_code(SOURCE, "<made>")
    assert _same(made, compile(SOURCE, "<made>", "exec"))


def test_code_read_back_is_the_code_compile_makes(store: Path) -> None:
    """A source compiled, saved and read back by a new store gives byte for byte the code object compile gives
    here (this module's ``from __future__ import annotations`` included), and runs the same."""
    first = codecache.compile_code(SOURCE, "<made>")
    codecache.save()
    assert store.exists()
    codecache._STORE[:] = [codecache._Store(store)]
    again = codecache.compile_code(SOURCE, "<made>")
    assert _same(again, first)
    assert _same(again, compile(SOURCE, "<made>", "exec"))
    assert codecache._STORE[0].used  # read from the store, not compiled anew
    names: dict[str, object] = {}
    exec(again, names)
    assert names["made"](1) == [0, 3, 6]  # type: ignore[operator]


def test_the_key_holds_what_compile_reads(store: Path) -> None:
    """Another file name, mode or set of future flags is another entry: never the code of another compile."""
    codecache.compile_code(SOURCE, "<made>")
    other_name = codecache.compile_code(SOURCE, "<other>")
    no_future = codecache.compile_code(SOURCE, "<made>", dont_inherit=True)
    assert other_name.co_filename == "<other>"
    assert _same(no_future, compile(SOURCE, "<made>", "exec", dont_inherit=True))
    assert not _same(no_future, compile(SOURCE, "<made>", "exec"))
    assert len(codecache._STORE[0].new) == 3


def test_a_source_that_changes_under_a_known_name_does_not_rewrite_the_file(store: Path) -> None:
    """A source written anew in each process under a name the file holds (attrs' hash of a string) is compiled
    without writing the file again; a source under a new name is written."""
    codecache._attrs_compile("x = 1\n", "<attrs generated methods m.C>", "exec")
    codecache.save()
    written = store.stat().st_mtime_ns
    codecache._STORE[:] = [codecache._Store(store)]
    codecache._attrs_compile("x = 2\n", "<attrs generated methods m.C>", "exec")
    codecache.save()
    assert store.stat().st_mtime_ns == written
    codecache._attrs_compile("x = 3\n", "<attrs generated methods m.D>", "exec")
    codecache.save()
    reread = codecache._Store(store)
    reread.load()
    assert len(reread.entries) == 3


def test_a_damaged_file_is_ignored(store: Path) -> None:
    """A truncated or foreign file is read as an empty store, and written afresh."""
    store.write_bytes(b"\x00not marshal")
    codecache._STORE[:] = [codecache._Store(store)]
    codecache._STORE[0].load()
    assert codecache._STORE[0].entries == {}
    codecache.compile_code(SOURCE, "<made>")
    codecache.save()
    reread = codecache._Store(store)
    reread.load()
    assert len(reread.entries) == 1


def _evaluate(cache: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ELIGIBILITY_CACHE_DIR": str(cache)}
    env.pop("ELIGIBILITY_NO_CACHE", None)
    return subprocess.run([sys.executable, "-m", "eligibility", "evaluate", PROFILE, "--as-of", "2026-03-01",
                           *extra], capture_output=True, text=True, env=env, cwd=ROOT, check=True)


def test_the_command_line_writes_the_store_once_and_answers_the_same(tmp_path: Path) -> None:
    """A first evaluate writes the store, the next read it without writing it again; the output is the same
    as with every cache off."""
    first = _evaluate(tmp_path)
    files = list((tmp_path / "code").glob("code-*.marshal"))
    assert len(files) == 1
    written = files[0].stat().st_mtime_ns
    second = _evaluate(tmp_path)
    assert files[0].stat().st_mtime_ns == written
    env = {**os.environ, "ELIGIBILITY_CACHE_DIR": str(tmp_path / "other"), "ELIGIBILITY_NO_CACHE": "1"}
    off = subprocess.run([sys.executable, "-m", "eligibility", "evaluate", PROFILE, "--as-of", "2026-03-01"],
                         capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    assert not (tmp_path / "other").exists()
    assert first.stdout == second.stdout == off.stdout
    assert "eligible" in first.stdout
