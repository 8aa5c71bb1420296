"""The checked rules library kept on disk, so that a command starts without reading and checking the rules.

Reading and checking every ruleset costs far more than the rest of a command's start. The library
``load_library`` builds is pickled into the user's cache folder under a key that changes whenever
anything it was built from changes: the bytes and relative path of every ruleset file (read on every
start, so an edited file is never served stale), the folder read, the package version, the Python
version, and the size and time of every module of the package (an edited class could not read an old
pickle correctly). A cache file that cannot be read, or does not hold a library of that key, is
ignored and rebuilt; a cache folder that cannot be written is ignored too. Nothing is ever cached
from rules with problems: those raise as they always do.

``ELIGIBILITY_CACHE_DIR`` moves the cache folder (default: the platform's user cache folder);
``ELIGIBILITY_NO_CACHE=1`` turns the cache off. The cache folder is the user's own, so reading a
pickle from it trusts no one but the user.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import eligibility

if TYPE_CHECKING:
    from eligibility.rulebook.library import Library

CACHE_ENV = "ELIGIBILITY_CACHE_DIR"
NO_CACHE_ENV = "ELIGIBILITY_NO_CACHE"
#: Bumped when the layout of a cache file changes.
FORMAT = 1
#: Cache files kept (one per rules folder and version in use); the oldest beyond these are removed.
KEEP = 8
_PACKAGE = Path(eligibility.__file__).resolve().parent


def cache_enabled() -> bool:
    """Whether the library cache is used: not when ``ELIGIBILITY_NO_CACHE`` is set to anything but 0/empty."""
    return os.environ.get(NO_CACHE_ENV, "").strip() in {"", "0"}


def library_cache_dir() -> Path:
    """Where compiled libraries are kept: ``$ELIGIBILITY_CACHE_DIR/rules``, else the platform's cache folder.

    The same folder as ``eligibility draws update`` uses (eligibility.draws.table.cache_dir), one level down.
    """
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override) / "rules"
    if sys.platform.startswith("linux"):
        # platformdirs' answer on Linux (the XDG base directory), without the cost of importing it.
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or Path("~/.cache").expanduser()
        return Path(base) / "eligibility" / "rules"
    import platformdirs

    return Path(platformdirs.user_cache_dir("eligibility", appauthor=False)) / "rules"


def _code_fingerprint(digest: hashlib._Hash) -> None:
    """The path, size and modification time of every module of the package, into ``digest``."""
    # os.scandir rather than os.walk and Path.stat: the same stat of each module, in a third of the time.
    parts: list[str] = []
    folders = [str(_PACKAGE)]
    while folders:
        with os.scandir(folders.pop()) as found:
            entries = sorted(found, key=lambda e: e.name)
        for entry in entries:
            if entry.name.endswith(".py") and entry.is_file():
                info = entry.stat()
                parts.append(f"{entry.path}:{info.st_size}:{info.st_mtime_ns}\0")
            elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
    digest.update("".join(parts).encode())


def library_key(root: Path) -> str | None:
    """The cache key of the rules below ``root``; None when a ruleset file cannot be read (not cached)."""
    from eligibility.documents import read_bytes
    from eligibility.errors import InputError
    from eligibility.rulebook.library import ruleset_files

    digest = hashlib.sha256(f"{FORMAT}\0{eligibility.__version__}\0{sys.version}\0{root.resolve()}\0".encode())
    _code_fingerprint(digest)
    try:
        for path in ruleset_files(root):
            rel = path.relative_to(root).as_posix()
            digest.update(rel.encode() + b"\0" + read_bytes(path) + b"\0")
    except InputError:
        return None
    return digest.hexdigest()


def cached_library(root: str | Path | None = None) -> Library:
    """The checked library of the rules below ``root`` (default: the packaged rulesets), from the cache
    when it holds the library of exactly these files, else loaded, checked and cached."""
    from eligibility.rulebook.library import default_rules_dir, load_library

    folder = Path(root) if root is not None else default_rules_dir()
    if not cache_enabled() or not folder.is_dir():
        return load_library(folder)
    key = library_key(folder)
    if key is None:
        return load_library(folder)
    target = library_cache_dir() / f"library-{key}.pickle"
    found = _read(target, key)
    if found is not None:
        return found
    library = load_library(folder)
    _write(target, key, library)
    return library


def _read(target: Path, key: str) -> Library | None:
    """The library cached at ``target`` under ``key``, or None when absent, unreadable or not that."""
    from eligibility.rulebook.library import Library

    try:
        data = target.read_bytes()
    except OSError:
        return None
    try:
        stored = pickle.loads(data)
    except Exception:  # a truncated or foreign file, a class renamed since: rebuild it
        return None
    if (isinstance(stored, tuple) and len(stored) == 3 and stored[:2] == (FORMAT, key)
            and isinstance(stored[2], Library)):
        return stored[2]
    return None


def _write(target: Path, key: str, library: Library) -> None:
    """Write the library atomically (a temporary file renamed over the target); any failure is ignored."""
    try:
        data = pickle.dumps((FORMAT, key, library), protocol=pickle.HIGHEST_PROTOCOL)
        target.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # only a cache being written needs it

        handle, temporary = tempfile.mkstemp(prefix=".library-", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            Path(temporary).replace(target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(target.parent)
    except Exception:  # a read-only or full disk, an object that does not pickle: run without the cache
        return


def _prune(folder: Path) -> None:
    """Remove all but the KEEP most recently written library files."""
    files = sorted(folder.glob("library-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)
