"""The code compiled for generated functions, kept on disk for the command line's next start.

attrs writes the source of each class's ``__init__`` (and of the other methods it makes) and compiles it
when the class is made, and the package writes and compiles a few functions of its own (the digest of a
profile, the quick readers of a profile's records, the CRS's factors): about a sixth of the CPU time of
``eligibility evaluate``'s start went to compiling that source, the same text at every start. With the store
turned on (:func:`enable`, which the command line calls before it imports the rest of the package), a
source compiled once is read back as the code object ``compile`` made of it, marshalled as Python keeps the
code of its modules in ``.pyc`` files: the same bytecode, constants, names, file name and line numbers, so
the functions made from it are the same.

The store is a file in the cache folder (``$ELIGIBILITY_CACHE_DIR/code``, else the user's cache folder, as
the rules' cache), one per Python version; an entry's key is a digest of everything ``compile`` reads (the
source, file name, mode, flags and optimization level), so an edited source is a new entry and never
served stale. The file is written again (atomically, at the end of a command: :func:`save`) only when a
source under a file name it never held was compiled; a source under a known name that differs from run
to run (attrs' ``__hash__`` holds the hash of a string, which changes from one process to the next) is
compiled as before without rewriting the file each time. ``ELIGIBILITY_NO_CACHE=1`` turns it off with the
rules' cache; a file that cannot be read or written is ignored. Without :func:`enable` (the package used as
a library, the tests) :func:`compile_code` is ``compile``.
"""

from __future__ import annotations
import __future__

import marshal
import os
import sys
from pathlib import Path
from types import CodeType

CACHE_ENV = "ELIGIBILITY_CACHE_DIR"
NO_CACHE_ENV = "ELIGIBILITY_NO_CACHE"
#: Bumped when the layout of the file changes.
FORMAT = 1
#: Entries beyond which the file is written afresh with only those used by the command writing it.
LIMIT = 4000
#: The flags of ``from __future__`` imports, which ``compile`` inherits from the code calling it.
_FUTURE_FLAGS = 0
for _name in __future__.all_feature_names:
    _FUTURE_FLAGS |= getattr(__future__, _name).compiler_flag


class _Store:
    """The code read from the file (on first use: a command that compiles nothing never reads it), what this
    process compiled, and whether that is worth writing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.loaded = False
        self.entries: dict[bytes, bytes] = {}
        self.names: set[str] = set()
        self.used: dict[bytes, bytes] = {}
        self.new: dict[bytes, bytes] = {}
        self.new_names: set[str] = set()

    def load(self) -> None:
        """Read the file, once; one that is absent, truncated or foreign is an empty store."""
        self.loaded = True
        try:
            stored = marshal.loads(self.path.read_bytes())
        except Exception:
            return
        if (isinstance(stored, tuple) and len(stored) == 4 and stored[:2] == (FORMAT, sys.version)
                and isinstance(stored[2], dict) and isinstance(stored[3], set)):
            self.entries, self.names = stored[2], stored[3]


_STORE: list[_Store] = []


def cache_base() -> Path:
    """The folder the command line's caches are kept in: ``$ELIGIBILITY_CACHE_DIR``, else the user's cache
    folder for the package (platformdirs' answer; on Linux the XDG base directory, found without importing it)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or Path("~/.cache").expanduser()
        return Path(base) / "eligibility"
    import platformdirs

    return Path(platformdirs.user_cache_dir("eligibility", appauthor=False))


def enable() -> None:
    """Turn the store on for this process (once), unless ``ELIGIBILITY_NO_CACHE`` says no cache; and have
    attrs compile through it."""
    if _STORE or os.environ.get(NO_CACHE_ENV, "").strip() not in {"", "0"}:
        return
    tag = sys.implementation.cache_tag or "python"
    _STORE.append(_Store(cache_base() / "code" / f"code-{tag}.marshal"))
    try:
        import attr._make as made
    except ImportError:  # pragma: no cover - attrs is a dependency
        return
    # attrs compiles the source it writes with the built-in ``compile`` of its module: a name of the module's
    # own shadows the built-in there and nowhere else.
    made.compile = _attrs_compile  # type: ignore[attr-defined]


def compile_code(source: str, filename: str, mode: str = "exec", flags: int = 0, dont_inherit: bool = False,
                 optimize: int = -1, *, stable: bool = True) -> CodeType:
    """``compile(source, filename, mode, flags, dont_inherit, optimize)``, read from the store when on.

    ``stable``: the source under ``filename`` is the same in every process (a miss is worth writing); a
    ``compile`` that inherits ``from __future__`` flags inherits those of the code calling this function.
    """
    if not dont_inherit:
        flags |= sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS
    return _compiled(source, filename, mode, flags, optimize, stable)


def _attrs_compile(source: str, filename: str, mode: str = "exec", flags: int = 0, dont_inherit: bool = False,
                   optimize: int = -1) -> CodeType:
    """``compile`` for attrs' module: the source of a class's methods is written again only under a file name
    the store does not hold (one whose text changes from run to run is compiled each time)."""
    if not dont_inherit:
        flags |= sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS
    return _compiled(source, filename, mode, flags, optimize, False)


def _compiled(source: str, filename: str, mode: str, flags: int, optimize: int, stable: bool) -> CodeType:
    if not _STORE or not isinstance(source, str):
        made: CodeType = compile(source, filename, mode, flags, True, optimize)
        return made
    store = _STORE[0]
    if not store.loaded:
        store.load()
    import hashlib  # here: a command that compiles nothing (--help) does not load it

    key = hashlib.blake2b(f"{filename}\0{mode}\0{flags}\0{optimize}\0{sys.flags.optimize}\0{source}".encode(),
                          digest_size=16).digest()
    data = store.entries.get(key)
    if data is not None:
        try:
            found = marshal.loads(data)
        except Exception:  # a damaged entry: compile it again
            found = None
        if isinstance(found, CodeType):
            store.used[key] = data
            return found
    code: CodeType = compile(source, filename, mode, flags, True, optimize)
    store.new[key] = marshal.dumps(code)
    if stable or filename not in store.names:
        store.new_names.add(filename)
    return code


def save() -> None:
    """Write the store if this process compiled a source under a file name it did not hold; any failure is
    ignored (a read-only or full disk: the next start compiles again)."""
    if not _STORE or not _STORE[0].new_names:
        return
    store = _STORE[0]
    entries = {**store.entries, **store.new}
    if len(entries) > LIMIT:
        entries = {**store.used, **store.new}
    names = store.names | store.new_names
    store.entries, store.names, store.new, store.new_names = entries, names, {}, set()
    try:
        data = marshal.dumps((FORMAT, sys.version, entries, names))
        store.path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # only a store being written needs it

        handle, temporary = tempfile.mkstemp(prefix=".code-", suffix=".tmp", dir=store.path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            Path(temporary).replace(store.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except Exception:
        return
