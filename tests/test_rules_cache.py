"""The checked rules library cached on disk: never stale, rebuilt when broken, identical to a fresh one."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

import eligibility
from eligibility.errors import InputError
from eligibility.rulebook import cache, library
from eligibility.rulebook.cache import cached_library, library_cache_dir, library_key
from eligibility.rulebook.library import load_library

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))
FSW = Path("express-entry") / "fsw.yaml"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder for the test, with the cache turned on."""
    monkeypatch.setenv("ELIGIBILITY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ELIGIBILITY_NO_CACHE", raising=False)
    return tmp_path / "cache" / "rules"


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A copy of the packaged rulesets that a test may edit."""
    return Path(shutil.copytree(ROOT / "rulesets", tmp_path / "rulesets"))


def _no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any reading of the rulesets fail, so that only the cache can answer."""
    def refuse(root: object = None) -> None:
        raise AssertionError("the rules were read again instead of coming from the cache")

    monkeypatch.setattr(library, "load_library", refuse)


def test_one_changed_byte_changes_the_key(rules_copy: Path) -> None:
    """Changing a single byte of a single ruleset file gives another cache key."""
    before = library_key(rules_copy)
    path = rules_copy / FSW
    data = bytearray(path.read_bytes())
    index = data.index(b"says:") + len(b"says: ") + 1
    data[index] = ord("X") if data[index] != ord("X") else ord("Y")
    path.write_bytes(bytes(data))
    assert before is not None
    assert library_key(rules_copy) not in {None, before}


def test_a_changed_file_is_never_served_stale(rules_copy: Path, cache_dir: Path) -> None:
    """After a ruleset is edited, the library reflects the edit although an older one is cached."""
    first = cached_library(rules_copy)
    assert len(list(cache_dir.glob("library-*.pickle"))) == 1
    path = rules_copy / FSW
    assert first.programs["express-entry/fsw"].short_title == "Federal Skilled Worker"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("short_title: Federal Skilled Worker", "short_title: Edited", 1), encoding="utf-8")
    assert cached_library(rules_copy).programs["express-entry/fsw"].short_title == "Edited"
    assert len(list(cache_dir.glob("library-*.pickle"))) == 2


def test_the_second_start_reads_the_cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once cached, the library comes from the cache file without reading the rules again."""
    fresh = cached_library()
    _no_loading(monkeypatch)
    assert cached_library() == fresh


def test_a_corrupt_cache_file_is_rebuilt(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache file that is not a pickle of a library is ignored, the rules are read, and the file replaced."""
    fresh = cached_library()
    (target,) = cache_dir.glob("library-*.pickle")
    for broken in (b"", b"not a pickle at all", target.read_bytes()[:1000], pickle.dumps(("other", "key", 1))):
        target.write_bytes(broken)
        assert cached_library() == fresh
        assert pickle.loads(target.read_bytes())[2] == fresh
    _no_loading(monkeypatch)
    assert cached_library() == fresh


def test_cached_library_evaluates_like_a_fresh_one(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example profile evaluates to the same result (JSON text) with the cached and a fresh library."""
    fresh = load_library()
    cached_library()
    _no_loading(monkeypatch)
    from_disk = cached_library()
    assert from_disk is not fresh
    for profile in PROFILES:
        for day in ("2025-06-01", "2026-03-01"):
            assert (eligibility.to_json(eligibility.evaluate(profile, day, library=from_disk))
                    == eligibility.to_json(eligibility.evaluate(profile, day, library=fresh))), profile


def test_the_cache_can_be_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With ELIGIBILITY_NO_CACHE=1 nothing is written to or read from the cache folder."""
    monkeypatch.setenv("ELIGIBILITY_NO_CACHE", "1")
    cached_library()
    assert not cache_dir.exists()
    assert not cache.cache_enabled()
    monkeypatch.setenv("ELIGIBILITY_NO_CACHE", "0")
    assert cache.cache_enabled()


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder that cannot be made (a file is in the way) leaves the library loaded as usual."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setenv("ELIGIBILITY_CACHE_DIR", str(blocker))
    monkeypatch.delenv("ELIGIBILITY_NO_CACHE", raising=False)
    assert cached_library() == load_library()
    assert library_cache_dir() == blocker / "rules"


def test_rules_with_problems_are_never_cached(rules_copy: Path, cache_dir: Path) -> None:
    """A ruleset folder with a problem raises as without the cache, and leaves nothing in the cache."""
    path = rules_copy / FSW
    path.write_text(path.read_text(encoding="utf-8") + "\nunknown_key: 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown_key"):
        cached_library(rules_copy)
    assert not list(cache_dir.glob("library-*.pickle"))


def test_old_cache_files_are_pruned(rules_copy: Path, cache_dir: Path) -> None:
    """Only the most recent KEEP library files stay in the cache folder."""
    loaded = load_library(rules_copy)
    for n in range(cache.KEEP + 2):
        cache._write(cache_dir / f"library-{n:064x}.pickle", f"{n:064x}", loaded)
    assert len(list(cache_dir.glob("library-*.pickle"))) == cache.KEEP


@pytest.mark.parametrize("xdg", ["", "/somewhere/cache"])
def test_default_cache_folder_is_platformdirs(xdg: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ELIGIBILITY_CACHE_DIR, the libraries and the rounds are in platformdirs' user cache folder."""
    import platformdirs

    from eligibility.draws import table

    monkeypatch.delenv("ELIGIBILITY_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    table._platform_cache_dir.cache_clear()
    expected = Path(platformdirs.user_cache_dir("eligibility", appauthor=False))
    assert library_cache_dir() == expected / "rules"
    assert table.cache_dir() == expected
    table._platform_cache_dir.cache_clear()
