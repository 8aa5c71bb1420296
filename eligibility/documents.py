"""Read YAML, JSON or TOML files into plain data, the way a person wrote them.

YAML is read with YAML 1.2 rules for the scalars people write in profiles: only ``true``/``false``
are booleans (``ON`` is Ontario, ``no`` is "no"), numbers with a leading zero stay text (``00012``
is a NOC code, not an octal number), and dates stay text until the model reads them, so that a bad
date is reported at its field path instead of failing the whole file. Duplicate keys are refused.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

from eligibility.errors import InputError, Problem

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and integers, no implicit timestamps, no duplicate keys."""


# Drop the YAML 1.1 implicit resolvers (bool with yes/no/on/off, int with octal/sexagesimal, timestamp).
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in {
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp"}]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    # Resolve "<<" merge keys first; keys a merge brings in may be overridden, which is not a duplicate.
    explicit = [k for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge"]
    loader.flatten_mapping(node)
    merged = len(node.value) - len(explicit)
    for key_node, _ in node.value[merged:]:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {seen[key] + 1})", key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_text(text: str, kind: str, source: str) -> Any:
    """Parse text of the given kind (yaml, json, toml); a syntax error becomes an InputError."""
    try:
        if kind == "yaml":
            return yaml.load(text, Loader=_Loader)
        if kind == "json":
            return json.loads(text)
        return tomllib.loads(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}" if mark else "$"
        raise InputError([Problem(source, where, f"not valid YAML: {exc.problem or exc}")]) from None
    except json.JSONDecodeError as exc:
        raise InputError([Problem(source, f"line {exc.lineno}", f"not valid JSON: {exc.msg}")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError([Problem(source, "$", f"not valid TOML: {exc}")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(source, "$", f"not valid YAML: {exc}")]) from None


def read_document(path: Path) -> Any:
    """Read one YAML, JSON or TOML file into plain data (dicts, lists, strings, numbers, bools)."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError([Problem(str(path), "$", f"expected a .yaml, .yml, .json or .toml file, found "
                                                   f"{path.suffix or 'no extension'!r}")])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError([Problem(str(path), "$", "file not found")]) from None
    except IsADirectoryError:
        raise InputError([Problem(str(path), "$", "expected a file, found a directory")]) from None
    except UnicodeDecodeError:
        raise InputError([Problem(str(path), "$", "expected UTF-8 text, found undecodable bytes")]) from None
    except OSError as exc:
        raise InputError([Problem(str(path), "$", f"cannot be read: {exc.strerror}")]) from None
    return parse_text(text, kind, str(path))
