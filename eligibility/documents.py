"""Read YAML, JSON or TOML files into plain data, the way a person wrote them, within bounds.

YAML is read with YAML 1.2 rules for the scalars people write in profiles: only ``true``/``false``
are booleans (``ON`` is Ontario, ``no`` is "no"), numbers with a leading zero stay text (``00012``
is a NOC code, not an octal number), and dates stay text until the model reads them, so that a bad
date is reported at its field path instead of failing the whole file. Duplicate keys are refused in
every format (JSON included).

Only regular files are read (never a FIFO, a device or a folder), at most ``MAX_FILE_BYTES``; nesting
is bounded while parsing (YAML: in the composer; JSON and TOML: by scanning brackets first), and
every parsed value is then checked by :func:`eligibility.limits.value_problems`.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from eligibility.errors import InputError, Problem
from eligibility.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_TEXT_CHARS, Mapping, Oversized, value_problems

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}
#: Integers with more characters than this are not parsed at all (Python refuses 4,300 digits).
_INT_CHARS = 40


class _PyLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and integers, no implicit timestamps, bounded nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        # The composer recurses once per level: refuse deep documents before Python's stack runs out.
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"expected at most {MAX_DEPTH} levels of nesting, found more",
                    self.peek_event().start_mark)  # type: ignore[no-untyped-call]
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _CLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same reading with LibYAML's parser and composer, several times faster than the pure-Python ones.

    LibYAML composes the whole node graph in C, so the nesting bound is checked on the composed nodes
    before any value is built. Its error messages are worded differently: a document it refuses is read
    again by the pure-Python loader, whose message (and place) is the one reported.
    """

    def construct_document(self, node: Any) -> Any:
        _check_depth(node)
        return super().construct_document(node)


def _check_depth(root: Any) -> None:
    """Refuse a node graph nested deeper than MAX_DEPTH, as the pure-Python composer counts its levels.

    Nodes are walked in document order, each once (an alias is the node of its anchor, met first where
    the anchor is written), so the depth checked is that of the text.
    """
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise yaml.YAMLError("too deep")
        if id(node) in seen or isinstance(node, yaml.ScalarNode):
            continue
        seen.add(id(node))
        children = (n for pair in node.value for n in pair) if isinstance(node, yaml.MappingNode) else node.value
        stack.extend((child, depth + 1) for child in reversed(list(children)))


#: LibYAML's loader when PyYAML was built with it, else only the pure-Python one; both read alike.
_CLOADERS: tuple[type[Any], ...] = (_CLoader,) if getattr(yaml, "__with_libyaml__", False) else ()
_LOADERS: tuple[type[Any], ...] = (_PyLoader, *_CLOADERS)


# Drop the YAML 1.1 implicit resolvers (bool with yes/no/on/off, int with octal/sexagesimal, timestamp).
_RESOLVERS = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in {
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp"}]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _cls in _LOADERS:
    _cls.yaml_implicit_resolvers = {first: list(resolvers) for first, resolvers in _RESOLVERS.items()}
    _cls.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    _cls.add_implicit_resolver(
        "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
    _cls.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        # YAML 1.2's core schema: a decimal point, an exponent or both (1e5 is a number, as in JSON and TOML).
        re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)"
                   r"|\.[0-9]+(?:[eE][-+]?[0-9]+)?)$"),
        list("-+0123456789."))


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> Mapping:
    # Resolve "<<" merge keys first; keys a merge brings in may be overridden, which is not a duplicate.
    explicit = [k for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge"]
    loader.flatten_mapping(node)
    merged = len(node.value) - len(explicit)
    seen: set[Any] = set()
    duplicates: list[Any] = []
    out = Mapping()
    for index, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=deep)
        if isinstance(key, list | dict):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected text keys, found a {'list' if isinstance(key, list) else 'mapping'} as a key",
                key_node.start_mark)
        if index >= merged:
            if key in seen:
                duplicates.append(key)
            seen.add(key)
        out[key] = loader.construct_object(value_node, deep=deep)
    out.duplicates = tuple(duplicates)
    return out


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int | Oversized:
    text = str(loader.construct_scalar(node))
    if len(text) > _INT_CHARS:
        return Oversized(text)
    return int(text)


for _cls in _LOADERS:
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _cls.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _json_object(pairs: list[tuple[str, Any]]) -> Mapping:
    out = Mapping()
    duplicates = []
    for key, value in pairs:
        if key in out:
            duplicates.append(key)
        out[key] = value
    out.duplicates = tuple(duplicates)
    return out


def _json_int(text: str) -> int | Oversized:
    return Oversized(text) if len(text) > _INT_CHARS else int(text)


# Strings and comments, removed before counting brackets (their brackets do not nest anything).
_SKIPPED = {
    "json": re.compile(r'"(?:[^"\\]|\\.)*"'),
    "toml": re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*'),
}
_BRACKETS = re.compile(r"[\[\]{}]")
_LONG_NUMBER = re.compile(f"[0-9_]{{{_INT_CHARS}}}")


def _too_deep(text: str, kind: str) -> int | None:
    """The line where brackets first nest deeper than MAX_DEPTH, or None."""
    bare = _SKIPPED[kind].sub(lambda m: "\n" * m.group().count("\n"), text)
    depth = 0
    for match in _BRACKETS.finditer(bare):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            return bare.count("\n", 0, match.start()) + 1
    return None


def _parse(text: str, kind: str, source: str) -> Any:
    if kind in _SKIPPED:
        line = _too_deep(text, kind)
        if line is not None:
            raise InputError([Problem(source, f"line {line}",
                                      f"expected at most {MAX_DEPTH} levels of nesting, found more")])
    if kind == "yaml":
        for fast in _CLOADERS:
            try:
                return yaml.load(text, Loader=fast)
            except yaml.YAMLError:
                pass  # read again below, for the pure-Python loader's wording of the problem
        return yaml.load(text, Loader=_PyLoader)
    if kind == "json":
        return json.loads(text, object_pairs_hook=_json_object, parse_int=_json_int)
    # tomllib has no integer hook: refuse a run of digits longer than any bound before Python parses it.
    long_number = _LONG_NUMBER.search(_SKIPPED["toml"].sub(lambda m: "\n" * m.group().count("\n"), text))
    if long_number:
        line = long_number.string.count("\n", 0, long_number.start()) + 1
        raise InputError([Problem(source, f"line {line}", "expected a number of magnitude below 10^15, "
                                                          f"found {_INT_CHARS} digits or more")])
    import tomllib  # only TOML profiles need it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where, message = _toml_place(str(exc))
        raise InputError([Problem(source, where, f"not valid TOML: {message}")]) from None


def _toml_place(text: str) -> tuple[str, str]:
    """The line of a tomllib error as the path, and its message without the place."""
    match = re.search(r" \(at line (\d+), column (\d+)\)$", text)
    if match:
        return f"line {match.group(1)}", f"{text[:match.start()]} (column {match.group(2)})"
    return ("end of file", text.removesuffix(" (at end of document)")) if text.endswith("(at end of document)") \
        else ("$", text)


def parse_text(text: str, kind: str, source: str, int_keys: bool = False, *, checked: bool = True) -> Any:
    """Parse text of the given kind (yaml, json, toml) and check its values; problems become an InputError.

    ``checked=False`` leaves the values unchecked (nesting is bounded all the same) for a caller that checks
    them itself: the HTTP service words a profile's values as the profile's problems.
    """
    limit = MAX_TEXT_CHARS.get(kind, MAX_FILE_BYTES)
    if len(text) > limit:
        raise InputError([Problem(source, "$", f"expected at most {limit:,} characters of {kind.upper()}, "
                                               f"found {len(text):,}")])
    try:
        data = _parse(text, kind, source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}" if mark else "$"
        raise InputError([Problem(source, where, f"not valid YAML: {exc.problem or exc}")]) from None
    except json.JSONDecodeError as exc:
        raise InputError([Problem(source, f"line {exc.lineno}",
                                  f"not valid JSON: {exc.msg} (column {exc.colno})")]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise InputError([Problem(source, f"line {line}", f"not valid YAML: {exc.reason} "
                                                          f"(U+{ord(character):04X})")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(source, "$", f"not valid YAML: {exc}")]) from None
    except (RecursionError, ValueError) as exc:
        # A backstop: the bounds above should make these unreachable.
        raise InputError([Problem(source, "$", f"not valid {kind.upper()}: {exc}")]) from None
    problems = value_problems(data, source, int_keys) if checked else []
    if problems:
        raise InputError([Problem(source, path, message) for path, message in problems])
    return data


def _kind_of(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES; anything else is an InputError.

    The file is checked with stat before it is opened (a FIFO would block the open, a device never
    ends), opened without blocking, checked again on the open descriptor, and read no further than
    one byte past the limit.
    """
    source = str(path)

    def refuse(message: str) -> InputError:
        return InputError([Problem(source, "$", message)])

    try:
        info = path.stat()
    except FileNotFoundError:
        raise refuse("a broken symbolic link (its target does not exist)" if path.is_symlink()
                     else "file not found") from None
    except OSError as exc:
        raise refuse(f"cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise refuse(f"expected a regular file, found {_kind_of(info.st_mode)}")
    if info.st_size > MAX_FILE_BYTES:
        raise refuse(f"expected a file of at most {MAX_FILE_BYTES:,} bytes, found {info.st_size:,}")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise refuse(f"cannot be read: {exc.strerror}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # replaced between the two checks
            raise refuse(f"expected a regular file, found {_kind_of(mode)}")
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise refuse(f"cannot be read: {exc.strerror}") from None
    finally:
        os.close(fd)
    if size > MAX_FILE_BYTES:
        raise refuse(f"expected a file of at most {MAX_FILE_BYTES:,} bytes, found more")
    return b"".join(chunks)


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (a byte order mark is skipped); undecodable bytes are an InputError."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(source, "$", f"expected UTF-8 text, found undecodable bytes at byte "
                                               f"{exc.start}")]) from None


def read_document(path: Path, int_keys: bool = False, *, checked: bool = True) -> Any:
    """Read one YAML, JSON or TOML file into plain data (dicts, lists, strings, numbers, bools); ``checked=False``
    leaves the values' bounds to the caller, as ``parse_text``'s does."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError([Problem(str(path), "$", f"expected a .yaml, .yml, .json or .toml file, found "
                                                   f"{path.suffix or 'no extension'!r}")])
    return parse_text(decode(read_bytes(path), str(path)), kind, str(path), int_keys, checked=checked)
